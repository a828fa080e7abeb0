from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs) -> None:
    from contact_portal.roles import ensure_roles

    ensure_roles()


class ContactPortalConfig(AppConfig):
    name = "contact_portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from contact_portal import audit  # noqa: F401 - connects the audit receivers
        from contact_portal.middleware import remember_language

        user_logged_in.connect(remember_language, dispatch_uid="remember_language")

        from contact_portal import erasure

        erasure.connect()

        from contact_portal import pagecache

        pagecache.connect()

        from contact_portal import text

        text.connect()

        # After every migrate, groups carry the permissions of every model that exists.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="contact_portal_roles")
