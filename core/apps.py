from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs) -> None:
    from core.roles import ensure_roles

    ensure_roles()


class CoreConfig(AppConfig):
    """The shared library every app builds on (outbox, audit, page cache, roles, languages,
    dates, money, text, rate limits, middleware). It imports no app of this project."""

    name = "core"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core import (
            audit,  # noqa: F401 - connects the audit receivers
            text,
        )
        from core.middleware import remember_language

        user_logged_in.connect(remember_language, dispatch_uid="remember_language")
        text.connect()

        # After every migrate, groups carry the permissions of every model that exists.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="core_roles")
