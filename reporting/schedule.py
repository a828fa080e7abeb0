BEAT_SCHEDULE = {
    "reporting-refresh-rollups": {
        "task": "reporting.refresh_rollups",
        "schedule": 600.0,  # every 10 minutes; the pages say so
    },
}
