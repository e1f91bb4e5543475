"""Krachtbron settings: one module, read from environment variables.

SQLite (WAL) by default; PostgreSQL when DATABASE_URL is set. KRACHTBRON_PRODUCTION=1 switches
on production mode: secure cookies, HSTS, no DEBUG, and demo features refuse to start. A value that
is not understood stops start-up with a message naming the variable (krachtbron/lib/env.py).
"""

import base64
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from krachtbron.instruments import MIN_GROUP_SIZE as ENGINE_MIN_GROUP_SIZE
from krachtbron.lib.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
    is_host,
    is_ip_address,
    is_network,
    is_origin,
)
from krachtbron.lib.family_text import LANGUAGE_SETTINGS
from krachtbron.logging_config import logging_settings

# Django's generic classes as django-stubs types them (forms.ModelForm[Team]) work at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KRACHTBRON_VAR_DIR", str(BASE_DIR / "var")))

PRODUCTION = env_bool("KRACHTBRON_PRODUCTION")
DEBUG = env_bool("DEBUG", default=False) and not PRODUCTION
DEMO_MODE = env_bool("KRACHTBRON_DEMO")  # demo TOTP codes on the sign-in page; never in production
if PRODUCTION and DEMO_MODE:
    raise ImproperlyConfigured("KRACHTBRON_DEMO cannot be used in production mode.")

# Every secret by one rule (lib/env.py, env_secret): required in production, never the
# development key there, long enough everywhere.
SECRET_KEY = env_secret(
    "SECRET_KEY",
    production=PRODUCTION,
    development="insecure-development-key-only-for-local-use-" + "x" * 20,
    minimum=50,  # Django's own check (security.W009) asks for 50
)


# The key that seals answers of open organisation rounds (AES-256-GCM; 32 bytes, URL-safe
# base64). It lives outside the database and its backups, so neither can open those answers.
def _is_seal_key(value: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(value.encode())) == 32
    except ValueError:  # binascii.Error: not base64
        return False


ANSWER_SEAL_KEY = env_secret(
    "ANSWER_SEAL_KEY",
    production=PRODUCTION,
    development="ZGV2ZWxvcG1lbnQtb25seS1zZWFsLWtleS0zMmJ5dGU=",
    minimum=43,  # 32 bytes in base64
    valid=_is_seal_key,
    expected="use 32 random bytes in URL-safe base64 (README)",
)

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    "127.0.0.1,localhost,testserver",
    item=is_host,
    expected='a host name such as krachtbron.example.org (no "https://", port or path)',
)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", item=is_origin, expected="an origin such as https://example.org"
)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
if not is_origin(SITE_URL):
    raise ImproperlyConfigured(
        f"SITE_URL={SITE_URL[:40]!r} is not understood: use the address families open, "
        "such as https://krachtbron.example.org"
    )

INSTALLED_APPS = [
    "krachtbron.lib",  # first: its runserver (friendly server errors) replaces Django's
    # Before auth: its createsuperuser (refused) and changepassword (logged) replace Django's.
    "krachtbron.accounts",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # the form widget templates, for FORM_RENDERER below
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",  # background tasks (docs/adr/0014-background-tasks.md), in the database:
    "django_tasks_db",
    "krachtbron.audit",
    "krachtbron.families",
    "krachtbron.questionnaires",
    "krachtbron.strengths",
    "krachtbron.network",
    "krachtbron.networkplan",
    "krachtbron.aftercare",
    "krachtbron.sending",
    "krachtbron.reflection",
    "krachtbron.insight",  # reads what questionnaires and reflection store
    "krachtbron.research",
    "krachtbron.knowledge",
    "krachtbron.portal",
    "krachtbron.attention",  # "Aandacht nodig" (docs/aandacht.md); ATTENTION_* in its conf.py
    "krachtbron.demo",
]

MIDDLEWARE = [
    # Outermost, so that every response gets their headers, error pages included: Django turns
    # an exception in any inner layer into a response before it reaches these two.
    "krachtbron.lib.middleware.FamilyPagesMiddleware",
    "krachtbron.lib.middleware.SecurityHeadersMiddleware",
    # The session (lazy: read only when asked), then the language: a Mijn Krachtbron member's
    # language is kept in the session (portal/language.py). Both before the limits, so that
    # their error pages are in the chosen language; neither reads the body.
    "django.contrib.sessions.middleware.SessionMiddleware",
    "krachtbron.lib.middleware.ChosenLanguageMiddleware",
    # Before anything reads the body: too big a body or too long a URL is refused unread.
    "krachtbron.lib.limits.RequestLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "krachtbron.accounts.middleware.SessionTimeoutMiddleware",
    # Deny by default: every view needs a signed-in, second-factor-verified user unless it is
    # explicitly marked public with @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "krachtbron.accounts.middleware.VerifiedRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "krachtbron.urls"
WSGI_APPLICATION = "krachtbron.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "krachtbron" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "krachtbron.lib.context_processors.krachtbron",
            ],
            # |isolate and |mean in every template (krachtbron/lib/templatetags/inert.py).
            "builtins": ["krachtbron.lib.templatetags.inert"],
        },
    },
]

# Form widgets render with the templates above, so krachtbron/templates/django/forms/ can
# isolate every option and choice label (lib/bidi.py); "django.forms" supplies the rest.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -----------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL").strip()
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 0, minimum=0)
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5, minimum=1, maximum=60)
if DATABASE_URL:
    try:
        _database = dj_database_url.parse(DATABASE_URL, conn_max_age=CONN_MAX_AGE)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not understood: {error}") from None
    if _database.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host/name); "
            "leave it unset for SQLite."
        )
    _database.setdefault("OPTIONS", {}).setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    if env_bool("DATABASE_PREPARED", True):  # prepared statements (README)
        _database["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)
    DATABASES = {"default": _database}
else:
    SQLITE_PATH = Path(env_str("SQLITE_PATH", str(VAR_DIR / "krachtbron.sqlite3")))
    DATABASES = {
        "default": {
            # Django's backend; transactions queue for the write lock (lib/sqlite/base.py).
            "ENGINE": "krachtbron.lib.sqlite",
            "NAME": str(SQLITE_PATH),
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE avoids lock upgrades.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
            "TEST": {
                # In memory, by name: pytest-django leaves only Django's own engine unnamed.
                "NAME": str(VAR_DIR / "test.sqlite3")
                if env_bool("SQLITE_TEST_FILE")
                else ":memory:"
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "krachtbron.accounts.validators.UserAttributeSimilarityValidator"},
    {
        "NAME": "krachtbron.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "krachtbron.accounts.validators.MaximumLengthValidator"},
    {"NAME": "krachtbron.accounts.validators.CommonPasswordValidator"},
    {"NAME": "krachtbron.accounts.validators.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Never stored with a failed attempt: a family member's passkey answer or printed link token.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "credential", "token", "code"]
# The client's address comes from one function (krachtbron/lib/client_ip.py), for the lockout
# and anything else that needs it; see "Behind a TLS proxy" in the README.
AXES_CLIENT_IP_CALLABLE = "krachtbron.lib.client_ip.client_ip"
if env_str("AXES_PROXY_COUNT"):
    raise ImproperlyConfigured(
        "AXES_PROXY_COUNT is no longer read: set TRUSTED_PROXY_COUNT and TRUSTED_PROXIES."
    )
# How many proxies in front of Krachtbron add the address they saw to X-Forwarded-For (0: none,
# the connecting address is the client), and the addresses those proxies connect from.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)
TRUSTED_PROXIES = env_list(
    "TRUSTED_PROXIES",
    "127.0.0.1,::1",
    item=is_network,
    expected="an IP address or network such as 10.0.0.0/24",
)
OTP_TOTP_ISSUER = "Krachtbron"
OTP_TOTP_THROTTLE_FACTOR = 1

SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 30, minimum=1))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("SESSION_ABSOLUTE_HOURS", 10, minimum=1))
# A session records activity at most this often (a database write), so an idle session ends at
# most this late, never early; capped at 1/12 of the idle time.
SESSION_SEEN_RESOLUTION = timedelta(seconds=5)
# The notice "Blijf ingelogd" shows this long before an idle session ends (at most half of it).
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 120, minimum=10)
# Database sessions (revocable server-side), read with one plain SELECT.
SESSION_ENGINE = "krachtbron.lib.session_store"
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "krachtbron_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "krachtbron.lib.views.csrf_failure"

# --- Security headers ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin": nothing leaks to other sites, while the browser still sends Origin on our own
# form posts. Family pages send "no-referrer" (FamilyPagesMiddleware, which also deals with the
# "Origin: null" that browsers then send on a form post).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Request limits (SECURITY.md 14, krachtbron/lib/limits.py), enforced before the request is read:
# too big a body gets a friendly 413 unread, too long a URL a friendly 414. Every request is a form,
# so one small limit fits all; a view that needs more says so with @body_limit(bytes).
REQUEST_MAX_BODY_BYTES = 256 * 1024
REQUEST_MAX_URL_LENGTH = 4096  # path + query string, in characters
# Django's own limits stay as a second line: more field data or more fields get a 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# Family-facing pages start with one of these: Referrer-Policy: no-referrer, errors too (SEC. 5).
FAMILY_URL_PREFIXES = ("/v/", "/vragenlijst/", "/mijn/", "/gedeeld/", "/geen-berichten/", "/code/")

# --- Language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES, STAFF_LANGUAGES, EXTRA_LANG_INFO = LANGUAGE_SETTINGS  # docs/talen.md
LOCALE_PATHS = [BASE_DIR / "krachtbron" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

# --- Static files -------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "krachtbron" / "static"]
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
WHITENOISE_MAX_AGE = 3600
# Outside production, serve static files straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# Mail goes out from a background task (README "E-mail"); SEND_* defaults in sending/conf.py.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "krachtbron@localhost")
EMAIL_HOST, EMAIL_PORT = env_str("EMAIL_HOST", "localhost"), env_int("EMAIL_PORT", 25, minimum=1)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Krachtbron rules ---------------------------------------------------------------------------
MIN_GROUP_SIZE = ENGINE_MIN_GROUP_SIZE  # no group figure for fewer respondents (engine's number)
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14, minimum=1, maximum=365)
RETENTION_YEARS = 20

# --- Mijn Krachtbron: family members sign in with a passkey (docs/mijn-krachtbron.md) ----------
# The WebAuthn relying party: the host passkeys are bound to, and the origins a browser may use
# them on; both follow SITE_URL, or localhost and http://localhost:8000 when SITE_URL has an IP
# address (127.0.0.1 cannot hold a passkey). Every origin must be on that host or a subdomain.
_site_host = urlsplit(SITE_URL).hostname or ""
_site_is_name = bool(_site_host) and not is_ip_address(_site_host)
PORTAL_RP_ID = env_str("PORTAL_RP_ID", _site_host if _site_is_name else "localhost").strip()
if not re.fullmatch(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*", PORTAL_RP_ID) or is_ip_address(
    PORTAL_RP_ID
):
    raise ImproperlyConfigured(
        f"PORTAL_RP_ID={PORTAL_RP_ID[:40]!r} is not understood: use the host name families "
        "open (krachtbron.example.org), not an IP address"
    )
PORTAL_ORIGINS = env_list(
    "PORTAL_ORIGINS",
    SITE_URL if _site_is_name else "http://localhost:8000",
    item=is_origin,
    expected="an origin such as https://krachtbron.example.org",
)
for _origin in PORTAL_ORIGINS:
    _host = urlsplit(_origin).hostname or ""
    if _host != PORTAL_RP_ID and not _host.endswith("." + PORTAL_RP_ID):
        raise ImproperlyConfigured(
            f"PORTAL_ORIGINS: {_origin} is not on PORTAL_RP_ID={PORTAL_RP_ID} (or a subdomain "
            "of it): passkeys cannot work there"
        )
# Ons netwerkplan, afspraken: a network person marked "kan overbelast raken" who carries more open
# agreements (afgesproken or loopt) than this gets a warning in the file (handreiking §3.2).
AGREEMENTS_PER_CARER = env_int("AGREEMENTS_PER_CARER", 2, minimum=1, maximum=20)
PORTAL_NAME = "Mijn Krachtbron"
# How long an invitation (first visit: make a passkey) and a one-time link can be opened.
PORTAL_INVITATION_VALID_DAYS = env_int("PORTAL_INVITATION_VALID_DAYS", 14, minimum=1, maximum=60)
PORTAL_ONE_TIME_LINK_MINUTES = env_int("PORTAL_ONE_TIME_LINK_MINUTES", 60, minimum=5, maximum=1440)
# A member's session ends after this idle time, and after the absolute lifetime in any case;
# a session from a one-time link also ends when the browser closes.
PORTAL_IDLE_TIMEOUT = timedelta(minutes=env_int("PORTAL_IDLE_MINUTES", 15, minimum=1))
PORTAL_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("PORTAL_ABSOLUTE_HOURS", 4, minimum=1))
# How long the page that makes a passkey (after opening the invitation) may wait for it.
PORTAL_ENROL_TIMEOUT = timedelta(minutes=30)
SHARE_DAYS = env_int("SHARE_DAYS", 90, minimum=1, maximum=366)  # a netwerkplan share's link
# --- Afsluiten en nazorg: the plan read after closure (months), check-ins (docs/netwerkplan.md) --
PORTAL_AFTER_CLOSE_MONTHS = env_int("PORTAL_AFTER_CLOSE_MONTHS", 12, minimum=0, maximum=24)
FOLLOWUP_MONTHS, EMERGENCY_PHONE, VEILIG_THUIS_PHONE = (1, 3, 6), "112", "0800-2000"
FOLLOWUP_OPEN_DAYS = env_int("FOLLOWUP_OPEN_DAYS", 42, minimum=7, maximum=90)
FOLLOWUP_RESPONSE_DAYS = env_int("FOLLOWUP_RESPONSE_DAYS", 5, minimum=1, maximum=30)
AFTERCARE_TEAM_PHONE = env_str("AFTERCARE_TEAM_PHONE", "020 555 0100")  # per team: by name
AFTERCARE_TEAM_PHONES: dict[str, str] = {}
# The access log's seal chain is keyed with a secret that lives outside the database, so that
# someone with only database access cannot recompute it after changing a row (see
# docs/adr/0008-tamper-evident-access-log.md). Required in production; keep it with SECRET_KEY.
ACCESS_LOG_KEY = env_secret(
    "ACCESS_LOG_KEY",
    production=PRODUCTION,
    development="insecure-development-access-log-key-only-for-local-use",
    minimum=32,
)
# A process seals after a commit at most this often (see krachtbron/audit/sealing.py).
ACCESS_LOG_SEAL_INTERVAL_MS = env_int("ACCESS_LOG_SEAL_INTERVAL_MS", 250)
# How long access-log rows are kept, per row from when it was written: at least as long as the
# family file (SECURITY.md 19), so a family can ask who looked at their file for as long as it may
# exist. Longer is allowed, shorter not. Rows leave only through `purge_access_log`.
ACCESS_LOG_RETENTION_YEARS = env_int("ACCESS_LOG_RETENTION_YEARS", RETENTION_YEARS)
if ACCESS_LOG_RETENTION_YEARS < RETENTION_YEARS:
    raise ImproperlyConfigured(
        f"ACCESS_LOG_RETENTION_YEARS={ACCESS_LOG_RETENTION_YEARS} is too short: it must be at "
        f"least {RETENTION_YEARS}, because the access log is kept as long as a family file "
        "(README, Configuration)."
    )
# Where every seal run appends the chain's head, outside the database, so that removing the newest
# rows with their seals (or the whole log) is found (krachtbron/audit/witness.py). In production
# put it where the database administrator cannot write: the application server's own disk.
# Default: next to the SQLite file, or var/access-log-heads with PostgreSQL.
ACCESS_LOG_HEAD_FILE = Path(
    env_str(
        "ACCESS_LOG_HEAD_FILE",
        str(VAR_DIR / "access-log-heads") if DATABASE_URL else f"{SQLITE_PATH}-heads",
    )
)
BENCH_URLS = env_bool("KRACHTBRON_BENCH")  # floor views for benchmarks (bench/urls.py)

# Logs carry no personal data: only ids, kinds and outcomes.
LOGGING = logging_settings(
    env_choice("LOG_LEVEL", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"], "INFO")
)
