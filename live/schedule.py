"""Celery beat jobs of the live app; contact_portal/celery.py runs the union of every app's."""

from datetime import timedelta

BEAT_SCHEDULE = {
    # What came due on the desks (live/moments.py): a callback, an SLA, a promise.
    "live-desk-moments": {"task": "live.desk_moments", "schedule": timedelta(seconds=15)},
}
