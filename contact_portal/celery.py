import importlib
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contact_portal.settings")

app = Celery("contact_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each app may declare BEAT_SCHEDULE in its schedule.py; beat runs their union.
SCHEDULE_APPS = [
    "core",
    "contact_portal",
    "mystuff",
    "knowledge",
    "cases",
    "channels_routing",
    "feedback",
    "reporting",
    "notices",
    "live",
]
for _app in SCHEDULE_APPS:
    try:
        _module = importlib.import_module(f"{_app}.schedule")
    except ModuleNotFoundError as exc:
        if exc.name != f"{_app}.schedule":
            raise
        continue
    app.conf.beat_schedule.update(_module.BEAT_SCHEDULE)
