import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from reporting.services import rollups_rebuild


class Command(BaseCommand):
    help = "Rebuild the reporting roll-ups for the last N days, a month at a time."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=400)

    def handle(self, *args, days: int, **options):
        today = timezone.localdate()
        last = today
        first_of_all = today - timedelta(days=days - 1)
        while last >= first_of_all:
            first = max(first_of_all, last - timedelta(days=30))
            started = time.perf_counter()
            contacts, cases = rollups_rebuild(first_day=first, last_day=last)
            self.stdout.write(
                f"{first}..{last}: {contacts} contact rows, {cases} case rows "
                f"({time.perf_counter() - started:.1f} s)"
            )
            last = first - timedelta(days=1)
