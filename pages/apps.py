from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The top layer: pages that compose several apps (My Stuff with cases and notices, a case
    with its feedback, the journey with notices, the knowledge gaps with cases). It may import
    every app below it; none imports it."""

    name = "pages"
    verbose_name = _("Pages")
