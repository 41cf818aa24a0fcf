"""kuty settings: one file, read from the environment with safe local defaults.

Profiles (KUTY_PROFILE): "dev" (default, for the dev runner), "production" (for which
`manage.py check --deploy` is clean). The test profile is kuty/settings_test.py.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core import db, law, storage

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("KUTY_DATA_DIR", BASE_DIR / ".data"))


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def _embedded_defaults() -> dict[str, str]:
    """URLs of the embedded engines written by the dev runner (scripts/dev.py).

    Lets `manage.py shell` etc. reach the same database as the running product
    without the user exporting anything."""
    path = DATA_DIR / "embedded.env"
    if not path.exists():
        return {}
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs}


PROFILE = env("KUTY_PROFILE", "dev")
PRODUCTION = PROFILE == "production"
_embedded = _embedded_defaults()

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in the production profile.")
    SECRET_KEY = "dev-only-not-secret-" + "x" * 40  # noqa: S105 - dev and test only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

DATABASE_URL = env("DATABASE_URL") or _embedded.get("DATABASE_URL", "")
if not DATABASE_URL:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Start the product with `python3 scripts/dev.py run`, "
        "which starts an embedded PostgreSQL, or set DATABASE_URL=postgresql://…"
    )
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("kuty runs on PostgreSQL only (DATABASE_URL=postgresql://…).")
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A kept connection is checked before a request uses it (issue 28: after a managed
# PostgreSQL's failover or a pooler's restart, 9 of 80 requests failed on a dead one).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# JIT off for this OLTP workload: at national scale PostgreSQL's JIT compiled the case
# list's plan for 0.5–0.6 s of a 0.9 s request (issue 15); no query here runs long enough
# to win it back. Set per connection, so the embedded and managed servers alike.
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
_db_options["options"] = f"{_db_options.get('options', '')} -c jit=off".strip()
# Client-side cursors for QuerySet.iterator(): a form's choice list (ModelChoiceField
# iterates its queryset) cost a DECLARE … WITH HOLD cursor and its round trips on every
# page showing one (issue 15: the case page's worker choice); no request iterates a
# result too big to hold (and a transaction-pooling proxy needs this anyway).
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# Two roles (core.dbroles, docs/operations.md "Database roles"): DATABASE_URL is the application's
# role, which owns nothing; `migrate` runs with DATABASE_URL set to the owner's URL and
# then grants the application role (named here) its privileges. The test profile
# creates and migrates the test database as the owner (DATABASE_OWNER_URL).
DATABASE_APP_USER = env("DATABASE_APP_USER", "kuty_app")
DATABASE_OWNER_URL = env("DATABASE_OWNER_URL") or _embedded.get("DATABASE_OWNER_URL", "")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# DATABASE_REPLICA_URL (optional): a streaming read replica, read by the reports only;
# every write goes to the primary (core/db.py). Without it there is no `replica` alias.
DATABASES.update(db.replica(os.environ, DATABASES["default"]))
DATABASE_ROUTERS = ["core.db.ReplicaRouter"]

REDIS_URL = env("REDIS_URL") or _embedded.get("REDIS_URL", "redis://127.0.0.1:6379/0")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "axes",
    "csp",
    "pgtrigger",
    "pghistory",
    "guardian",
    # kuty, in the order of the process (dependencies run down this list)
    "kuty",
    "accounts",
    "rulesets",
    "clients",
    "plans",
    "decisions",
    "placements",
    "followup",
    "reports",
    "workability",
    "oma",  # the client's own pages (/oma/), after every app it reads
    "national",  # national services (issue 29): after the apps it reads
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy: no camera, microphone, location, payment… (PERMISSIONS_POLICY)
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kuty.middleware.IdleSessionMiddleware",
    "kuty.middleware.FinnishFirstLocaleMiddleware",
    # the rule sets in force, read once per request (rulesets.engine.rules_on)
    "rulesets.middleware.rules_cache",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # a client's session reaches only /oma/, a staff session never (oma/middleware.py)
    "oma.middleware.SeparateClientSessionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # records who made each change in the history tables (django-pghistory)
    "pghistory.middleware.HistoryMiddleware",
    # last, as django-axes asks
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kuty.urls"
# the form's security check failed: a page in the user's language, logged (kuty/errors.py)
CSRF_FAILURE_VIEW = "kuty.errors.csrf_failure"
WSGI_APPLICATION = "kuty.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kuty.context_processors.roles",
                "kuty.context_processors.reminders",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.backends.RoleBackend",
    # per-object rights: a provider's colleague may edit one site's directory entry
    "guardian.backends.ObjectPermissionBackend",
    # clients' strong sign-in (OpenID Connect; oma/auth.py)
    "oma.auth.ClientSignInBackend",
]
# kuty has no anonymous user: guardian creates none.
ANONYMOUS_USER_NAME = None
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Clients' strong sign-in (issue 24): OpenID Connect, as Suomi.fi e-Identification
# offers it, through mozilla-django-oidc. The demo runs a local provider
# (python -m oma.provider, started by scripts/dev.py run) at OMA_OIDC_ISSUER.
OMA_OIDC_ISSUER = env("OMA_OIDC_ISSUER", "http://127.0.0.1:8001/o")
# The claim holding the personal identity code: Suomi.fi's attribute
# nationalIdentificationNumber, urn:oid:1.2.246.21.
OMA_OIDC_HETU_CLAIM = env("OMA_OIDC_HETU_CLAIM", "urn:oid:1.2.246.21")
OIDC_RP_CLIENT_ID = env("OMA_OIDC_CLIENT_ID", "kuty")
OIDC_RP_CLIENT_SECRET = env("OMA_OIDC_CLIENT_SECRET", "" if PRODUCTION else "kuty-demo-only")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid profile"
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OMA_OIDC_AUTHORIZE", OMA_OIDC_ISSUER + "/authorize/")
OIDC_OP_TOKEN_ENDPOINT = env("OMA_OIDC_TOKEN", OMA_OIDC_ISSUER + "/token/")
OIDC_OP_USER_ENDPOINT = env("OMA_OIDC_USERINFO", OMA_OIDC_ISSUER + "/userinfo/")
OIDC_OP_JWKS_ENDPOINT = env("OMA_OIDC_JWKS", OMA_OIDC_ISSUER + "/.well-known/jwks.json")
OMA_OIDC_LOGOUT_ENDPOINT = env("OMA_OIDC_LOGOUT", OMA_OIDC_ISSUER + "/logout/")
OIDC_AUTHENTICATION_CALLBACK_URL = "oma:signin_callback"
OIDC_STORE_ID_TOKEN = True  # the hint of the RP-initiated logout
OIDC_TIMEOUT = 10
OIDC_DRF_AUTH_BACKEND = "oma.auth.ClientSignInBackend"
# A client's session ends after this long without a request (staff: SESSION_IDLE_MINUTES).
OMA_IDLE_MINUTES = env_int("OMA_IDLE_MINUTES", 15)
# How reminders reach the client (oma/channels.py): e-mail now, Suomi.fi Messages later.
OMA_MESSAGE_CHANNEL = env("OMA_MESSAGE_CHANNEL", "oma.channels.EmailChannel")
OMA_PUBLIC_URL = env("OMA_PUBLIC_URL", "http://127.0.0.1:8000/oma/")

# Login throttling (django-axes): lock a username+address after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a load balancer the client's address comes from X-Forwarded-For, counted from
# the right past this many trusted proxies (core.access.client_ip); 0 trusts none.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", env_int("PROXY_COUNT", 0))
AXES_CLIENT_IP_CALLABLE = "core.access.client_ip"

# Idle timeout: the session lives SESSION_IDLE_MINUTES from the last request. A request
# renews it when the last renewal is SESSION_RENEW_SECONDS old (kuty.middleware.
# IdleSessionMiddleware, from the row's expiry kept by kuty.sessions), not on every
# request: saving the session row on each page was three queries and a write (issue 15).
# So a session ends at most a minute early, never late.
SESSION_ENGINE = "kuty.sessions"
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_RENEW_SECONDS = 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "kuty_session"
CSRF_COOKIE_HTTPONLY = True

# Secure headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The browser features no page uses are off for every page and whatever it embeds
# (django-permissions-policy); fullscreen only for the product itself.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
        "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
} | {"fullscreen": ["self"]}  # fmt: skip
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy: no inline script, no inline style, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Internationalisation: Finnish first, Swedish and English.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "kuty_language"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static")))
# Attachments and stored PDFs: local files under MEDIA_ROOT, or S3-compatible object
# storage when KUTY_S3_BUCKET is set (core/storage.py; several web hosts need it).
STORAGES = {
    "default": storage.default_storage(os.environ),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
# The region's limit of participation days in any 12 months (DOMAIN.md; seeds cite 14 §).
KUTY_DAY_LIMIT = env_int("KUTY_DAY_LIMIT", law.DEFAULT_DAY_LIMIT)
# A substitute's access to a colleague's case (CaseGrant) lasts at most this long at a
# time; it is renewed with a new grant. The database refuses anything over a year.
KUTY_GRANT_MAX_MONTHS = min(env_int("KUTY_GRANT_MAX_MONTHS", 3), 12)

# Regional reports (reports/): a count below this is shown as "<5" (1–4 by default), on
# the page, in the exports and the API; medians of fewer cases are not shown.
KUTY_REPORT_MIN_CELL = max(env_int("KUTY_REPORT_MIN_CELL", 5), 2)

# Where users send accessibility feedback and requests for content in an accessible form
# (the accessibility statement, Act 306/2019).
KUTY_ACCESSIBILITY_FEEDBACK_EMAIL = env(
    "KUTY_ACCESSIBILITY_FEEDBACK_EMAIL", "saavutettavuus@kuty.example.fi"
)

# The address of kuty in links of the mail it sends (the daily digest).
KUTY_BASE_URL = env("KUTY_BASE_URL", "http://127.0.0.1:8000")
# Load the directory search's lemmatiser when a web or Celery worker starts (kuty.wsgi,
# kuty.celery), so no user's first search waits seconds for it (issue 15).
KUTY_WARM_AT_START = env_bool("KUTY_WARM_AT_START", default=True)

# The reminders' day counts (followup/reminders.py); each can be set as
# KUTY_REMINDER_<NAME> (e.g. KUTY_REMINDER_CASE_IDLE=90).
KUTY_REMINDERS = {
    name: env_int(f"KUTY_REMINDER_{name.upper()}", default)
    for name, default in {
        "plan_assessment_before": 14,  # activation plan item 6: days before the date
        "period_ending_before": 30,  # decision period ending: renew the plan (13 b §)
        "day_limit_near": 160,  # participation days in 12 months
        "review_before": 7,  # plan review date approaching
        "attendance_working_days": 3,  # a scheduled day unrecorded for this many
        "attendance_lookback": 28,  # days looked back for unrecorded attendance
        "absences_in_row": 3,  # unexplained absences in a row
        "absences_lookback": 60,
        "decision_notify_within": 7,  # a made decision notified within
        "consent_expiring_before": 30,
        "grant_ending_before": 7,
        "case_idle": 60,  # an open case with nothing recorded for this many days
    }.items()
}
# Uploaded files are never served from MEDIA_URL: only through scoped, logged views.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 10) * 1024 * 1024
UPLOAD_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600

# E-mail: console in dev, SMTP from the environment in production.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "kuty <noreply@kuty.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "kuty",
    }
}

# Celery: lose no task, repeat no side effect (see kuty/celery.py).
CELERY_BROKER_URL = REDIS_URL.replace("unix://", "redis+socket://", 1)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
# A separate queue name lets a test worker share a Redis without sharing its tasks.
CELERY_TASK_DEFAULT_QUEUE = env("KUTY_CELERY_QUEUE", "kuty")
# Two kinds of worker (issue 28; docs/operations.md "Celery"). With KUTY_CELERY_LONG_QUEUE
# set (docker-compose.yml), the long tasks (the nightly sweeps, the rollups' full rebuild)
# go to that queue, consumed by workers started with KUTY_CELERY_WORKER=long; every other
# task (a write's after-commit message, notices, the heartbeat) stays on the default
# queue of the short workers (KUTY_CELERY_WORKER=short), which run a task for at most 4
# minutes and get it redelivered 5 minutes after a worker died with it, not 60. Each
# kind keeps its unacknowledged messages under Redis keys of its own, so one kind's
# timeout never redelivers the other's tasks. Without them (the dev runner, the tests)
# one worker runs everything with the long limits.
CELERY_LONG_QUEUE = env("KUTY_CELERY_LONG_QUEUE")
LONG_TASKS = [
    "reports.tasks.refresh_rollups",
    "plans.tasks.sweep_plans",
    "decisions.tasks.sweep_decisions",
    "followup.tasks.send_reminders",
    "kuty.tasks.clear_sessions",
]
CELERY_TASK_ROUTES = (
    {task: {"queue": CELERY_LONG_QUEUE} for task in LONG_TASKS} if CELERY_LONG_QUEUE else {}
)
KUTY_CELERY_WORKER = env("KUTY_CELERY_WORKER", "all")
if KUTY_CELERY_WORKER == "short":
    CELERY_TASK_TIME_LIMIT, CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60, 3 * 60
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 5 * 60}
else:
    CELERY_TASK_TIME_LIMIT, CELERY_TASK_SOFT_TIME_LIMIT = 30 * 60, 25 * 60
    # redelivery after the visibility timeout must never hit a task still running
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * CELERY_TASK_TIME_LIMIT}
if KUTY_CELERY_WORKER == "long":
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "unacked_key": "unacked_long",
        "unacked_index_key": "unacked_long_index",
        "unacked_mutex_key": "unacked_long_mutex",
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
KUTY_ROLLUP_HOUR = env_int("KUTY_ROLLUP_HOUR", 2)
HEARTBEAT_SECONDS = float(env("KUTY_HEARTBEAT_SECONDS", "60"))
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "kuty.tasks.heartbeat", "schedule": HEARTBEAT_SECONDS},
    "plans-sweep": {"task": "plans.tasks.sweep_plans", "schedule": crontab(hour=0, minute=15)},
    "clear-sessions": {"task": "kuty.tasks.clear_sessions", "schedule": crontab(hour=3, minute=0)},
    "oma-client-reminders": {
        "task": "oma.tasks.send_client_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "reminders-sweep": {
        "task": "followup.tasks.send_reminders",
        "schedule": crontab(hour=env_int("KUTY_REMINDER_HOUR", 5), minute=30),
    },
    "decisions-sweep": {
        "task": "decisions.tasks.sweep_decisions",
        "schedule": crontab(hour=0, minute=20),
    },
    # the regional report's rollup tables rebuilt in full (reports.rollups; between
    # rebuilds, writes through the app update the touched cases' rows)
    "report-rollups": {
        "task": "reports.tasks.refresh_rollups",
        "schedule": crontab(hour=KUTY_ROLLUP_HOUR, minute=45),
    },
    # national services (national/): the outboxes sent again, delivery events read back
    "national-outbox": {"task": "national.tasks.sweep_outboxes", "schedule": 5 * 60},
    "national-events": {"task": "national.tasks.read_message_events", "schedule": 15 * 60},
    "national-archive": {"task": "national.tasks.archive_documents", "schedule": 10 * 60},
    "national-ptv": {"task": "national.tasks.compare_ptv", "schedule": crontab(hour=1, minute=30)},
}

# National interfaces (docs/national.md); the defaults send nothing anywhere.
# The archive (national/archive.py): "" (nothing sent), "filesystem" or "http".
KUTY_ARCHIVE_ADAPTER = env("KUTY_ARCHIVE_ADAPTER")
KUTY_ARCHIVE_DIR = env("KUTY_ARCHIVE_DIR", str(DATA_DIR / "archive"))
KUTY_ARCHIVE_URL = env("KUTY_ARCHIVE_URL")
KUTY_ARCHIVE_TIMEOUT = float(env("KUTY_ARCHIVE_TIMEOUT", "20"))
KUTY_ARCHIVE_RETENTION_YEARS = env_int("KUTY_ARCHIVE_RETENTION_YEARS", 12)
KUTY_ARCHIVE_RETENTION_BASIS = env(
    "KUTY_ARCHIVE_RETENTION_BASIS",
    "Laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä 703/2023, liite",
)
# PTV (Palvelutietovaranto) Open API v11 (national/ptv.py)
PTV_URL = env("PTV_URL", "https://api.palvelutietovaranto.suomi.fi")
PTV_TIMEOUT = float(env("PTV_TIMEOUT", "20"))

# Suomi.fi Messages (national/suomifi.py; REST API v1/v2, django-helsinki-suomifi-messages):
# the endpoint, the organisation's service id and API account, the client certificate
# when the connection requires one, the Posti printing account, and the sender's address
# printed on letters. Empty username: nothing is sent (the outbox waits).
SUOMIFI_URL = env("SUOMIFI_URL", "https://api.messages-qa.suomi.fi")
SUOMIFI_SERVICE_ID = env("SUOMIFI_SERVICE_ID")  # the organisation's Suomi.fi service id
SUOMIFI_ORGANISATION_ID = env("SUOMIFI_ORGANISATION_ID")  # Y-tunnus of the sender
SUOMIFI_USERNAME = env("SUOMIFI_USERNAME")
SUOMIFI_PASSWORD = env("SUOMIFI_PASSWORD")
SUOMIFI_CERTIFICATE = env("SUOMIFI_CERTIFICATE")  # path to a PEM with key, or empty
SUOMIFI_TIMEOUT = float(env("SUOMIFI_TIMEOUT", "20"))
SUOMIFI_POSTI_EMAIL = env("SUOMIFI_POSTI_EMAIL")
SUOMIFI_POSTI_USERNAME = env("SUOMIFI_POSTI_USERNAME")
SUOMIFI_POSTI_PASSWORD = env("SUOMIFI_POSTI_PASSWORD")
SUOMIFI_SENDER_ADDRESS = {
    "name": env("SUOMIFI_SENDER_NAME", "Sosiaalipalvelut"),
    "street_address": env("SUOMIFI_SENDER_STREET", "PL 1"),
    "zip_code": env("SUOMIFI_SENDER_ZIP", "60101"),
    "city": env("SUOMIFI_SENDER_CITY", "Seinäjoki"),
    "country_code": "FI",
}

# API tokens (django-rest-knox, accounts.ApiToken): stored hashed, shown once. A
# personal token ends after API_TOKEN_IDLE_HOURS without use; a system integration's
# (User.is_system_integration) API_INTEGRATION_TOKEN_DAYS after it was issued.
API_TOKEN_IDLE_HOURS = env_int("API_TOKEN_IDLE_HOURS", 8)
API_INTEGRATION_TOKEN_DAYS = env_int("API_INTEGRATION_TOKEN_DAYS", 30)
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own migrations create its AuthToken table even when the model is swapped.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=API_TOKEN_IDLE_HOURS),
    "AUTO_REFRESH": True,  # idle time: each use moves a personal token's expiry on
    "MIN_REFRESH_INTERVAL": 60,
    "AUTH_HEADER_PREFIX": "Token",
}

REST_FRAMEWORK = {
    # The token scheme first: an unauthenticated or refused request is a 401 with
    # `WWW-Authenticate: Token`, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: the browsable API's forms would list related objects outside the
    # user's scope. Swagger UI (/api/docs/) documents the API instead.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # a too deep body or a lone surrogate is a 400, not a 500 (core.parsers.JSONParser)
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_RATES": {"anon": "30/minute"},
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # No OPTIONS metadata: it would run get_object() (a gate, a log row) for no reader.
    "DEFAULT_METADATA_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kuty API",
    "DESCRIPTION": _("Kuntouttavan työtoiminnan asiakkuudet, suunnitelmat ja läsnäolot."),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # the schema and its two readers (/api/schema/, /api/docs/, /api/redoc/) behind
    # sign-in in production (issue 28): they map every operation for whoever asks
    "SERVE_PERMISSIONS": [
        "rest_framework.permissions.IsAuthenticated"
        if PRODUCTION
        else "rest_framework.permissions.AllowAny"
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.document_errors",  # the one error shape on every refusal
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClientLanguageEnum": "clients.models.Language",
        "SiteLanguageEnum": "accounts.models.Language",
        "DecisionLanguageEnum": "decisions.models.DecisionLanguage",
        "CasePhaseEnum": "clients.models.Phase",
        "AssessmentPhaseEnum": "followup.models.AssessmentPhase",
        "PartyEnum": "plans.models.Party",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
