from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactPortalConfig(AppConfig):
    """The wiring: settings, URLs, Celery, health views, and what composes many apps (the demo,
    erasure of a customer's data)."""

    name = "contact_portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from contact_portal import erasure

        erasure.connect()
