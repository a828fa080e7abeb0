"""Test settings: the real settings with a fast hasher, eager tasks and in-memory email.

The database and cache still come from DATABASE_URL / REDIS_URL, so the same suite runs on
the SQLite default and on PostgreSQL + Redis.
"""

import os

from contact_portal.settings import *  # noqa: F403
from contact_portal.settings import CACHES

# Playwright's sync API runs an event loop in the test thread; the ORM calls in tests are
# still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = "/tmp/need-help-test-media"  # noqa: S108
if "KEY_PREFIX" in CACHES["default"]:
    CACHES["default"]["KEY_PREFIX"] = "needhelp-test"
LIVE_DESK_TICKER_SECONDS = 0  # tests/live/test_desk_moments.py turns the ticker on
KNOWLEDGE_MEANING = False  # tests that need the model turn it on (tests/knowledge/test_meaning.py)
