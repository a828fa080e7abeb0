from django.apps import AppConfig


class ChannelsRoutingConfig(AppConfig):
    name = "channels_routing"
