from celery import shared_task

from reporting import services


@shared_task(name="reporting.refresh_rollups")
def refresh_rollups() -> tuple[int, int]:
    """Rebuild the recent days of the reporting roll-ups. Idempotent."""
    return services.rollups_refresh_recent()
