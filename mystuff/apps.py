from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MystuffConfig(AppConfig):
    name = "mystuff"
    verbose_name = _("My Stuff")
