"""The one settings module switches between development and production by environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'],"
    "'cache': settings.CACHES['default']['BACKEND'],"
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL,"
    "'email': settings.MAILERS['default']['BACKEND'], 'debug': settings.DEBUG}))"
)
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "help.example.com",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/need_help",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.example.com",
}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    dropped = {*PRODUCTION, "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean["DJANGO_SETTINGS_MODULE"] = "contact_portal.settings"
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def _settings(env: dict[str, str]) -> dict:
    result = _run(["-c", PROBE], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_no_variables_means_zero_setup_development():
    got = _settings({})
    assert got == {
        "engine": "django.db.backends.sqlite3",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "eager": True,
        "broker": "memory://",
        "email": "django.core.mail.backends.console.EmailBackend",
        "debug": True,
    }


def test_production_variables_switch_to_postgres_redis_and_smtp():
    got = _settings(PRODUCTION)
    assert got == {
        "engine": "django.db.backends.postgresql",
        # Django's Redis cache, reusing its clients (core/cache.py).
        "cache": "core.cache.RedisCache",
        "eager": False,
        "broker": "redis://127.0.0.1:6379/0",
        "email": "django.core.mail.backends.smtp.EmailBackend",
        "debug": False,
    }


def test_debug_off_without_secret_key_refuses_to_start():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _run(["-c", PROBE], env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_with_production_variables():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_seed_demo_refuses_to_run_with_debug_off():
    result = _run(["manage.py", "seed_demo"], PRODUCTION)
    assert result.returncode != 0
    assert "refuses to run with DEBUG off" in result.stderr


def test_production_waits_on_a_down_or_hung_redis_at_most_half_a_second():
    probe = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({'cache': settings.CACHES['default']['OPTIONS'],"
        "'live': settings.CHANNEL_LAYERS['default']['CONFIG']['hosts'][0],"
        "'broker': settings.CELERY_BROKER_TRANSPORT_OPTIONS,"
        "'results': [settings.CELERY_REDIS_SOCKET_CONNECT_TIMEOUT,"
        " settings.CELERY_REDIS_SOCKET_TIMEOUT],"
        "'ignore_result': settings.CELERY_TASK_IGNORE_RESULT}))"
    )
    result = _run(["-c", probe], PRODUCTION)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["cache"] == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    assert got["live"]["socket_connect_timeout"] == got["live"]["socket_timeout"] == 0.5
    assert got["broker"]["socket_connect_timeout"] == got["broker"]["socket_timeout"] == 0.5
    assert got["results"] == [0.5, 0.5]
    # Publishing a task does not subscribe to its result (no timeout bounds that).
    assert got["ignore_result"] is True
