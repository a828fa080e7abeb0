from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsRoutingConfig(AppConfig):
    name = "channels_routing"
    verbose_name = _("Channels and contacts")

    def ready(self) -> None:
        from anymail.signals import inbound
        from django.db.models.signals import post_delete, post_save

        from channels_routing.email_in import anymail_inbound

        inbound.connect(anymail_inbound, dispatch_uid="channels-email-in")

        from cases.models import Contact
        from cases.signals import contacts_changed
        from channels_routing import models, presence
        from channels_routing.selectors import routing_changed
        from core import pagecache

        presence.register()
        post_save.connect(
            presence.presence_saved, sender=models.AgentPresence, dispatch_uid="presence-offers"
        )
        from core.text import register_people_text

        register_people_text(models.ChatMessage, "body")
        register_people_text(models.ContactAttachment, "name")
        contacts_changed.connect(routing_changed, dispatch_uid="routing-inputs-contacts-bulk")

        # Every table the routing inputs are read from (selectors.routing_inputs).
        for model in (
            models.Channel,
            models.AgentPresence,
            Contact,
            models.CallRecord,
            models.CallbackSlot,
            models.CallbackRequest,
            models.RoutingRule,
        ):
            uid = f"routing-inputs-{model._meta.label}"
            post_save.connect(routing_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(routing_changed, sender=model, dispatch_uid=uid)
            if model is not Contact:  # a customer's own row: registered by cases
                pagecache.register_covered(
                    model,
                    "a routing input: the channel page's offers are a hole worked out "
                    "on every visit, kept under the routing token (selectors.routing_changed)",
                )
