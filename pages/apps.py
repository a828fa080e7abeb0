from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The top layer: pages that compose several apps (My Stuff with cases and notices, a case
    with its feedback, the journey with notices, the knowledge gaps with cases). It may import
    every app below it; none imports it."""

    name = "pages"  # no models, so no name shown in the admin
