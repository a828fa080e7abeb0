"""Celery beat jobs of the cases app; contact_portal/celery.py runs the union of every app's."""

BEAT_SCHEDULE = {
    "cases-promise-sweep": {"task": "cases.promise_sweep", "schedule": 300.0},
    "cases-requeue-offline": {"task": "cases.requeue_offline", "schedule": 60.0},
}
