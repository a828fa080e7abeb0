"""After the other apps' demo data, fill the reporting roll-ups so the manager's pages show the
demo's contacts and cases right away (beat refreshes them every 10 minutes afterwards)."""

from datetime import timedelta

from django.utils import timezone

from reporting.services import rollups_rebuild


def seed(stdout) -> None:
    today = timezone.localdate()
    contacts, cases = rollups_rebuild(first_day=today - timedelta(days=400), last_day=today)
    stdout.write(f"reporting: roll-ups rebuilt ({contacts} contact rows, {cases} case rows)")
