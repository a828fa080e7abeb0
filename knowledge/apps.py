from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge and self-help")

    def ready(self) -> None:
        from knowledge import helplists

        helplists.connect()

        from core import pagecache
        from knowledge.models import Journey

        pagecache.register_owned(Journey)  # the channel page shows the customer's journey
