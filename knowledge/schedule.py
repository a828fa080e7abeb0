"""Celery beat jobs of the knowledge app; contact_portal/celery.py runs the union of every app's."""

BEAT_SCHEDULE = {
    "knowledge-cluster-gaps": {"task": "knowledge.cluster_gaps", "schedule": 600.0},
}
