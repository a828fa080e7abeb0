from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge and self-help")

    def ready(self) -> None:
        from knowledge import helplists

        helplists.connect()

        from core import pagecache
        from knowledge.models import (
            Answer,
            Article,
            ArticleTranslation,
            Journey,
            Question,
            SearchDocument,
        )

        # The channel page shows the customer's journey; Need Help and an item's help page
        # carry it in their Contact Us links, and record on it.
        pagecache.register_owned(Journey)
        for model in (Article, ArticleTranslation, Article.reasons.through, Question, Answer):
            pagecache.register_covered(
                model,
                "help content: the Need Help lists and the Suggested help are holes kept "
                "under the help content token (knowledge.helplists, knowledge.suggested)",
            )
        pagecache.register_covered(
            SearchDocument,
            "the Suggested help's search: a hole kept under the help content token and the "
            "meaning vectors' token (knowledge.suggested)",
        )
