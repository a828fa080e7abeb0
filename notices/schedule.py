"""Celery beat jobs of the notices app; contact_portal/celery.py runs the union of every app's."""

BEAT_SCHEDULE = {
    "notices-detect": {"task": "notices.detect", "schedule": 300.0},
}
