import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from contact_portal.demo import seed_users
from core import pagecache

# Each app that has demo data exposes ``demo.seed(stdout)``; the order follows dependencies.
DEMO_APPS = [
    "mystuff",
    "knowledge",
    "cases",
    "channels_routing",
    "feedback",
    "reporting",
    "notices",
]


class Command(BaseCommand):
    help = "Create the demo company, its customers and the demo logins. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off; add --force if you mean it."
            )
        with transaction.atomic():
            seed_users()
            for app in DEMO_APPS:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                module.seed(self.stdout)
            # Demo data is written in bulk, past the signals: no cached page outlives it.
            pagecache.bump_all()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
