from django.core.management.base import BaseCommand
from django.db import transaction

from knowledge import helplists, search
from knowledge.models import Article, Question


class Command(BaseCommand):
    help = "Rebuild the search documents of every article and community thread. Safe to rerun."

    def handle(self, *args, **options):
        articles = questions = 0
        for article in Article.objects.prefetch_related("translations").iterator(chunk_size=500):
            with transaction.atomic():
                search.index_article(article)
            articles += 1
        for question in Question.objects.iterator(chunk_size=500):
            with transaction.atomic():
                search.index_question(question)
            questions += 1
        # The documents were rewritten without a save of what they index: the kept Need Help
        # lists and Suggested help are worked out again.
        helplists.changed()
        self.stdout.write(f"Reindexed {articles} articles and {questions} community threads.")
