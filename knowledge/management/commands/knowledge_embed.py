import time

from django.core.management.base import BaseCommand, CommandError

from knowledge import meaning
from knowledge.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Compute the meaning vectors of the search documents that have none (--all: every "
        "one again). Safe to rerun; prints progress."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Recompute every vector.")
        parser.add_argument("--batch", type=int, default=256)

    def handle(self, *args, all: bool = False, batch: int = 256, **options):
        if not meaning.available():
            raise CommandError(
                "Search by meaning is off (KNOWLEDGE_MEANING=0) or its model could not be loaded."
            )
        documents = SearchDocument.objects.all()
        if not all:
            documents = documents.filter(embedding__isnull=True)
        ids = list(documents.order_by("id").values_list("id", flat=True))
        started, done = time.perf_counter(), 0
        for start in range(0, len(ids), batch):
            done += meaning.embed_documents(ids[start : start + batch])
            rate = done / max(time.perf_counter() - started, 1e-9)
            self.stdout.write(f"{done}/{len(ids)} documents ({rate:.0f}/s)")
        self.stdout.write(self.style.SUCCESS(f"Embedded {done} documents."))
