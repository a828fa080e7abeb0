from django.apps import AppConfig


class MystuffConfig(AppConfig):
    name = "mystuff"
