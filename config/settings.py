"""One settings file, driven by the environment (as healthchecks does).

SCHAKEL_MODE chooses the posture:
- ``production`` (the default): every secret must come from the environment, TLS-only cookies,
  two-factor authentication required for every user, no way to switch it off.
- ``demo``: the local demo house of ``./dev demo``; 2FA may be switched off, and then every page
  carries a DEMO banner.
- ``test``: the test suite.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SCHAKEL_VAR_DIR", BASE_DIR / "var"))

MODE = os.environ.get("SCHAKEL_MODE", "production")
if MODE not in {"production", "demo", "test"}:
    raise ImproperlyConfigured(f"SCHAKEL_MODE must be production, demo or test, not {MODE!r}")
PRODUCTION = MODE == "production"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _required_secret(name: str, demo_default: str) -> str:
    value = os.environ.get(name)
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set in production")
    return demo_default


# core.statements: in the tests every query compiled per shape is checked against the ORM's
# own SQL for the same values (the benchmark turns it off: it would measure the check).
SCHAKEL_VERIFY_STATEMENTS = _env_bool("SCHAKEL_VERIFY_STATEMENTS", MODE == "test")
# core.sql.fetch: on PostgreSQL the statements compiled once are prepared on each connection
# (docs/architecture.md, "Prepared where compiled once").
SCHAKEL_PREPARE_STATEMENTS = _env_bool("SCHAKEL_PREPARE_STATEMENTS", True)

SECRET_KEY = _required_secret("SECRET_KEY", "insecure-demo-and-test-only-" + "x" * 40)
# Pseudonyms of subjects in the audit log are keyed apart from SECRET_KEY, so that rotating the
# session key does not break the access log, and a leaked SECRET_KEY does not reveal subjects.
SCHAKEL_PSEUDONYM_KEY = _required_secret("SCHAKEL_PSEUDONYM_KEY", "demo-pseudonym-key")

# Keys for encryption at rest (TOTP secrets now, special-category content later): Fernet keys,
# newest first, apart from SECRET_KEY. The demo/test default is a fixed, public key.
SCHAKEL_FIELD_KEYS = [
    k.strip()
    for k in _required_secret(
        "SCHAKEL_FIELD_KEYS", "ZGVtby1hbmQtdGVzdC1vbmx5LWZpZWxkLWtleS0wMDA="
    ).split(",")
    if k.strip()
]

DEBUG = _env_bool("DEBUG", False) and not PRODUCTION
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost").split(",")
    if h.strip()
]
if not PRODUCTION:
    ALLOWED_HOSTS += ["testserver", "[::1]"]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# Load-test mode (`./dev load`, docs/performance.md): sessions are minted directly by
# `manage.py load_test_sessions` and no second factor is asked. Only with this explicit flag,
# and never in production (refused at start-up).
SCHAKEL_LOAD_TEST = _env_bool("SCHAKEL_LOAD_TEST", False)
if SCHAKEL_LOAD_TEST and PRODUCTION:
    raise ImproperlyConfigured("SCHAKEL_LOAD_TEST is never allowed in production")

# Art. 18.3: adequate technical measures. Production requires 2FA for everyone, always.
SCHAKEL_REQUIRE_2FA = True if PRODUCTION else _env_bool("SCHAKEL_REQUIRE_2FA", True)
if SCHAKEL_LOAD_TEST:
    SCHAKEL_REQUIRE_2FA = False
SCHAKEL_DEMO_BANNER = MODE == "demo"
SCHAKEL_HOUSE_NAME = os.environ.get("SCHAKEL_HOUSE_NAME", "Zorg- en Veiligheidshuis IJsselland")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django_htmx",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "schakel.core",
    "schakel.parties",
    "schakel.accounts",
    "schakel.audit",
    "schakel.cases",
    "schakel.sharing",
    "schakel.governance",
    "schakel.reports",
    "schakel.meetings",
    "schakel.rights",
    "schakel.retention",
    "schakel.web",
    "schakel.api",
    "schakel.demo",
]

MIDDLEWARE = [
    "schakel.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "schakel.core.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "schakel.core.middleware.RejectNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "schakel.accounts.middleware.SessionLifetimeMiddleware",
    "schakel.accounts.middleware.RequireTwoFactorMiddleware",
    "schakel.accounts.middleware.ActivePartyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "schakel.api.middleware.ApiVersionMiddleware",
    # Axes last, as its documentation asks: it turns a lock-out into a response.
    "axes.middleware.AxesMiddleware",
]

FORM_RENDERER = "schakel.core.form_renderer.FastWidgetRenderer"
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "src" / "schakel" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "schakel.web.context_processors.shell",
            ],
            # Numeric dates without a DateFormat per value, a form field in one call instead
            # of an include, and `{% url %}` / `{% static %}` looked up once per process
            # (core/templatetags/dates.py, fields.py and paths.py; issue #9).
            "builtins": [
                "schakel.core.templatetags.dates",
                "schakel.core.templatetags.fields",
                "schakel.core.templatetags.paths",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'schakel.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; busy_timeout waits instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Each process keeps its own cache, never shared: the report's anonymous figures, under the
# figures' version (reports/cache.py), so no stale figure survives a change to the statistics;
# and for a minute the names of the process directors, the case list's filter choices
# (accounts/selectors.names_with_role), and whether a party has rectifications to answer, the
# menu item (rights/selectors.may_see_rectifications). No data of a case or a subject is ever
# cached.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "schakel-figures",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # allauth's backend, loading the user with its actor in one query (docs/architecture.md).
    "schakel.accounts.backends.SignedInUserBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if MODE == "test":
    # Argon2 is deliberately slow; the tests log in hundreds of times. Production keeps Argon2.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- allauth: login by username, no self sign-up (the functional administrator creates accounts)
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "schakel.accounts.adapter.AccountAdapter"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = False  # brute force is django-axes' job, with one policy and one log
MFA_ADAPTER = "schakel.accounts.adapter.MfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Schakel"
MFA_RECOVERY_CODE_COUNT = 10
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# --- django-axes: lock-out after repeated failures, per username and address
AXES_ENABLED = _env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "schakel.accounts.adapter.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# --- sessions: idle 15 minutes, absolute 8 hours (enforced in SessionLifetimeMiddleware)
SCHAKEL_SESSION_IDLE = timedelta(minutes=int(os.environ.get("SESSION_IDLE_MINUTES", "15")))
SCHAKEL_SESSION_ABSOLUTE = timedelta(hours=int(os.environ.get("SESSION_ABSOLUTE_HOURS", "8")))
SESSION_COOKIE_AGE = int(SCHAKEL_SESSION_ABSOLUTE.total_seconds())
# Django's database sessions, with the read of every request compiled once (issue #9).
SESSION_ENGINE = "schakel.accounts.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "schakel.web.views.errors.csrf_failure"
SESSION_COOKIE_NAME = "__Host-schakel-session" if PRODUCTION else "schakel-session"
CSRF_COOKIE_NAME = "__Host-schakel-csrf" if PRODUCTION else "schakel-csrf"

# --- transport and headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if _env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS: list[str] = []

# Strict CSP: nothing inline, nothing from elsewhere (django-csp 4 settings format).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "manifest-src": [SELF],
    }
}

# --- language: Dutch on screen, English available
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "src" / "schakel" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "src" / "schakel" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "schakel@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
# Links in e-mails and calendar invitations must be absolute; mail has no request to build them
# from. Set it to the address users reach Schakel on (e.g. https://schakel.zvh-ijsselland.nl).
SCHAKEL_BASE_URL = os.environ.get("SCHAKEL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Lawful sharing (docs/sharing.md)
# Break-the-glass: how long a process director's emergency access to a case lasts.
SCHAKEL_EMERGENCY_ACCESS_HOURS = int(os.environ.get("SCHAKEL_EMERGENCY_ACCESS_HOURS", "4"))
# Attachments to information items: the largest file accepted (bytes, before encryption).
SCHAKEL_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("SCHAKEL_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024))
)

# --- Background work (STACK.md): the queue lives in the database, no extra server. A worker
# runs `manage.py db_worker`; periodic work (the retention sweep) is enqueued from cron or a
# systemd timer with `manage.py retention_sweep --enqueue` (docs/operations.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- REST API (SCREENS.md: API conventions)
SCHAKEL_API_VERSION = "1.0.0"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "schakel.accounts.api_auth.ApiTokenAuthentication",
        "schakel.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "schakel.api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Schakel API",
    "DESCRIPTION": (
        "API van Schakel, het casus- en convenantsysteem voor Zorg- en Veiligheidshuizen. "
        "Fouten volgen RFC 9457 (application/problem+json)."
    ),
    "VERSION": SCHAKEL_API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Several serializers have a field named "kind" with different choices; name them apart.
    "ENUM_NAME_OVERRIDES": {
        "JoinKindEnum": ["partner", "municipality"],
        "InformationKindEnum": "schakel.sharing.models.ItemKind",
        "MeetingKindEnum": "schakel.meetings.models.MeetingKind",
        "RequestKindEnum": "schakel.rights.models.RequestKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "schakel.core.logging.RedactSecretsFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}
