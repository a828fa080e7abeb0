BEAT_SCHEDULE = {
    "flush-outbox": {"task": "contact_portal.flush_outbox", "schedule": 60.0},
}
