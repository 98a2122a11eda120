"""Kāhui settings: every value comes from the environment, with defaults that are
safe on a laptop. See .env.example for the full list.

KAHUI_PROFILE=production switches the defaults that only make sense behind TLS on a
real host (secure cookies, HSTS) and refuses to start without a secret key. Debug is off
in every profile unless KAHUI_DEBUG=true; the local server, `kahui serve`, sets it.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from kahui.core.languages import partial_languages, with_catalogue

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


PROFILE = env_str("KAHUI_PROFILE", "development")
if PROFILE not in {"development", "production"}:
    raise ImproperlyConfigured("KAHUI_PROFILE must be 'development' or 'production'")
PRODUCTION = PROFILE == "production"

# Off unless asked for, so a deployment that forgets a setting never shows Django's
# technical error pages; `kahui serve` (and so `make run`) turns it on for local work.
DEBUG = env_bool("KAHUI_DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SECRET_KEY (50+ random characters) in production.")
    SECRET_KEY = "kahui-development-only-key-never-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# The address in every link that leaves the site: emails, calendar feeds. `kahui serve`
# sets it to the address it serves; a deployment must say it.
SITE_URL = env_str("KAHUI_SITE_URL", "").rstrip("/")
if not SITE_URL:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Set KAHUI_SITE_URL (e.g. https://kahui.example.org) in production: "
            "links in emails and calendar feeds use it."
        )
    SITE_URL = "http://127.0.0.1:8000"
if PRODUCTION and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured(
        "KAHUI_SITE_URL must start with https:// in production: links in emails, "
        "the one-click unsubscribe among them, must be secure."
    )
SITE_NAME = "Kāhui"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.admin",
    "django.forms",
    "django.contrib.postgres",
    # Kāhui's apps come first so their templates override allauth's.
    "kahui.core",
    "kahui.accounts",
    "kahui.orgs",
    "kahui.groups",
    "kahui.meetings",
    "kahui.scheduling",
    "kahui.proposals",
    "kahui.notifications",
    "kahui.discussions",
    "kahui.library",
    "kahui.voice",
    "kahui.inquiry",
    "kahui.health",
    "kahui.recognition",
    "kahui.retrospective",
    "kahui.programmes",
    "kahui.coaching",
    "kahui.oversight",
    "kahui.formation",
    "kahui.roster",
    "kahui.rights",
    "kahui.search",
    "kahui.dashboard",
    "kahui.people",
    "kahui.reflection",
    "kahui.replies",
    "kahui.webhooks",
    "kahui.api",
    "kahui.demo",
    "allauth",
    "allauth.account",
    # Sign in with a school account (docs/SSO.md): the providers are always installed so
    # the URL table and migrations do not change; each is on only when configured below.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.openid_connect",
    "django_htmx",
    "django_tasks_db",
    "anymail",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kahui.core.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kahui.core.middleware.HtmxMessagesMiddleware",
]

ROOT_URLCONF = "kahui.urls"
WSGI_APPLICATION = "kahui.wsgi.application"
ASGI_APPLICATION = "kahui.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kahui.core.context_processors.navigation",
                "kahui.core.context_processors.languages",
            ],
        },
    },
]
FORM_RENDERER = "kahui.core.forms.KahuiFormRenderer"

# Database: SQLite in WAL mode unless DATABASE_URL says otherwise.
DATA_DIR = Path(env_str("KAHUI_DATA_DIR", str(BASE_DIR.parent / "var")))
SQLITE_OPTIONS = {
    "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url,
            conn_max_age=env_int("KAHUI_DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # PostgreSQL compiles a query to machine code (JIT) once its estimated cost is
        # high enough: worth it for reports that run for seconds, but Explore's listing
        # ran in 7 ms and then spent 80 ms being compiled. Kāhui's queries are short.
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "kahui.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
            # Opening a connection runs the pragmas above and closing the last one
            # checkpoints the WAL: together several milliseconds, so keep connections.
            "CONN_MAX_AGE": env_int("KAHUI_DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            # A file, not shared-cache memory, so tests see the same locking as real use.
            # One file per test run, so two runs in one checkout do not collide.
            "TEST": {"NAME": str(DATA_DIR / f"test-kahui-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "kahui.accounts.backends.ProfileBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
ACCOUNT_SIGNUP_FORM_CLASS = "kahui.accounts.forms.SignupDetailsForm"
ACCOUNT_ADAPTER = "kahui.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kāhui] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    # The public page that checks a certificate's code (kahui.recognition), by address.
    "verify_certificate": "20/m/ip,200/h/ip",
}
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Password sign-in and sign-up are refused for addresses at a domain that requires SSO.
ACCOUNT_FORMS = {
    "login": "kahui.accounts.entrance.LoginForm",
    "signup": "kahui.accounts.entrance.SignupForm",
}

# Sign in with a school account (docs/SSO.md). A provider is on when its client id and
# secret are set; with none set, no SSO shows and the providers' addresses lead nowhere.
# Apps come only from here, never from database rows (see SocialAccountAdapter).
SOCIALACCOUNT_ADAPTER = "kahui.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS: dict[str, dict] = {}
_google_id = env_str("KAHUI_GOOGLE_CLIENT_ID", "")
if _google_id:
    SOCIALACCOUNT_PROVIDERS["google"] = {
        "APPS": [{"client_id": _google_id, "secret": env_str("KAHUI_GOOGLE_CLIENT_SECRET", "")}],
        "SCOPE": ["openid", "profile", "email"],
        "AUTH_PARAMS": {"prompt": "select_account"},
        "OAUTH_PKCE_ENABLED": True,
    }
_microsoft_id = env_str("KAHUI_MICROSOFT_CLIENT_ID", "")
KAHUI_MICROSOFT_TENANT = env_str("KAHUI_MICROSOFT_TENANT", "organizations").strip()
if _microsoft_id:
    SOCIALACCOUNT_PROVIDERS["microsoft"] = {
        "APPS": [
            {
                "client_id": _microsoft_id,
                "secret": env_str("KAHUI_MICROSOFT_CLIENT_SECRET", ""),
                "settings": {"tenant": KAHUI_MICROSOFT_TENANT},
            }
        ],
        "SCOPE": ["openid", "profile", "email", "User.Read"],
        "AUTH_PARAMS": {"prompt": "select_account"},
        # Microsoft does not say whether an address is verified. Only one school's own
        # tenant vouches for its addresses; with "organizations" or "common" anyone's
        # tenant could claim any address, so Kāhui sends a verification email first.
        "VERIFIED_EMAIL": KAHUI_MICROSOFT_TENANT.lower()
        not in {"", "common", "organizations", "consumers"},
    }
for _provider in SOCIALACCOUNT_PROVIDERS.values():
    if not _provider["APPS"][0]["secret"]:
        raise ImproperlyConfigured(
            "Set the client secret as well as the client id of each sign-in provider."
        )
# Where a sign-in button's POST is redirected: the page's CSP must allow it (form-action).
SSO_FORM_ACTIONS = [
    origin
    for provider, origin in [
        ("google", "https://accounts.google.com"),
        ("microsoft", "https://login.microsoftonline.com"),
    ]
    if provider in SOCIALACCOUNT_PROVIDERS
]
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True  # an SSO address signs in its existing account
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False  # the buttons post, so no page asks "continue?"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# A shared cache (log-in rate limits live here), so several app servers agree: a table
# in the database by default, or Redis / Valkey when KAHUI_CACHE_URL names one
# (redis://host:6379/0, rediss://… or unix:///run/redis/redis.sock; needs the `redis`
# extra). One machine needs none.
KAHUI_CACHE_URL = env_str("KAHUI_CACHE_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": KAHUI_CACHE_URL,
            "KEY_PREFIX": "kahui",
        }
        if KAHUI_CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kahui_cache",
        }
    ),
    # Rendered fragments (kahui.core.fragments): keys change with the content, so each
    # process may keep its own copy in memory.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kahui-fragments",
        "OPTIONS": {"MAX_ENTRIES": env_int("KAHUI_FRAGMENT_ENTRIES", 5000)},
    },
}
KAHUI_FRAGMENT_SECONDS = env_int("KAHUI_FRAGMENT_SECONDS", 120)

# Sessions live in the database, which every server shares, so a logout is seen by all
# at once. With a shared in-memory cache (KAHUI_CACHE_URL, e.g. Redis) they are read
# from it first and written to both; a cache in front of the database cache would gain
# nothing. Never a per-process copy: it would serve a session revoked elsewhere.
SESSION_ENGINE = "kahui.core.cached_sessions" if KAHUI_CACHE_URL else "kahui.core.sessions"

# Recommendations compare free text by its words; with the `semantic` extra installed,
# a folder holding a model2vec model (config.json, model.safetensors, tokenizer.json)
# compares it by meaning instead. It is read from that folder, never from a model hub.
KAHUI_SEMANTIC_MODEL = env_str("KAHUI_SEMANTIC_MODEL", "")

# Email: console by default; EMAIL_URL (smtp://user:pass@host:587/?tls=True) in deployment.
_email_url = env_str("EMAIL_URL", "")
if _email_url.startswith("filemail:"):
    # Each email written to a file in a folder: for trying things out and for tests.
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": _email_url.removeprefix("filemail://")},
        }
    }
elif _email_url:
    _email = dj_email_url.parse(_email_url)
    MAILERS = {
        "default": {
            "BACKEND": _email["EMAIL_BACKEND"],
            "OPTIONS": {
                "host": _email["EMAIL_HOST"],
                "port": _email["EMAIL_PORT"],
                "username": _email["EMAIL_HOST_USER"],
                "password": _email["EMAIL_HOST_PASSWORD"],
                "use_tls": _email["EMAIL_USE_TLS"],
                "use_ssl": _email["EMAIL_USE_SSL"],
                "timeout": _email.get("EMAIL_TIMEOUT") or 20,
            },
        }
    }
elif PRODUCTION:
    # A local mail transfer agent, as on most servers.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
else:
    # Django's console backend, printing bodies as text with whole, clickable links.
    MAILERS = {"default": {"BACKEND": "kahui.core.console_email.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kāhui <kahui@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Replies by email (kahui.replies, docs/DEPLOY.md): off unless a reply domain is set.
# Emails that can be answered carry Reply-To: reply+TOKEN@KAHUI_REPLY_DOMAIN, valid for
# KAHUI_REPLY_DAYS; replies arrive through a provider's inbound webhook (with
# KAHUI_INBOUND_WEBHOOK_SECRET) or from an IMAP mailbox that `kahui fetch-mail` polls.
KAHUI_REPLY_DOMAIN = env_str("KAHUI_REPLY_DOMAIN", "").strip().lower()
KAHUI_REPLY_DAYS = env_int("KAHUI_REPLY_DAYS", 60)
KAHUI_INBOUND_MAX_MB = env_int("KAHUI_INBOUND_MAX_MB", 25)
KAHUI_INBOUND_WEBHOOK_SECRET = env_str("KAHUI_INBOUND_WEBHOOK_SECRET", "")
KAHUI_IMAP_HOST = env_str("KAHUI_IMAP_HOST", "")
KAHUI_IMAP_SECURITY = env_str("KAHUI_IMAP_SECURITY", "ssl").lower()
if KAHUI_IMAP_SECURITY not in {"ssl", "starttls", "none"}:
    raise ImproperlyConfigured("KAHUI_IMAP_SECURITY must be ssl, starttls or none")
KAHUI_IMAP_PORT = env_int("KAHUI_IMAP_PORT", 993 if KAHUI_IMAP_SECURITY == "ssl" else 143)
KAHUI_IMAP_USER = env_str("KAHUI_IMAP_USER", "")
KAHUI_IMAP_PASSWORD = env_str("KAHUI_IMAP_PASSWORD", "")
KAHUI_IMAP_FOLDER = env_str("KAHUI_IMAP_FOLDER", "INBOX")
if (KAHUI_INBOUND_WEBHOOK_SECRET or KAHUI_IMAP_HOST) and not KAHUI_REPLY_DOMAIN:
    raise ImproperlyConfigured(
        "Set KAHUI_REPLY_DOMAIN too: replies arrive at reply+…@ that domain."
    )
# django-anymail's inbound webhooks (/mail/inbound/<provider>/inbound/), each request
# checked with HTTP basic authentication ("user:password"); Mailgun signs its requests
# too (KAHUI_MAILGUN_WEBHOOK_SIGNING_KEY).
ANYMAIL: dict[str, str] = {}
if KAHUI_INBOUND_WEBHOOK_SECRET:
    ANYMAIL["WEBHOOK_SECRET"] = KAHUI_INBOUND_WEBHOOK_SECRET
if env_str("KAHUI_MAILGUN_WEBHOOK_SIGNING_KEY", ""):
    ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"] = env_str("KAHUI_MAILGUN_WEBHOOK_SIGNING_KEY", "")

# Background work: a database-backed queue, run by `kahui worker`.
# Webhooks may POST over plain http to this machine (127.0.0.1, localhost) in
# development; tests turn it on for their own receivers.
WEBHOOKS_ALLOW_LOCAL = DEBUG

TASKS = {"default": {"BACKEND": env_str("KAHUI_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Internationalisation: every string is marked; times shown in the viewer's zone.
# Strings are written in English (New Zealand). A profile may record any language of
# KNOWN_LANGUAGES; the interface offers (LANGUAGES) only those with a translation
# catalogue in LOCALE_PATHS. docs/TRANSLATING.md explains how to add one.
LANGUAGE_CODE = "en"
KNOWN_LANGUAGES = [("en", _("English")), ("mi", _("Te reo Māori")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = with_catalogue(KNOWN_LANGUAGES, locale_paths=LOCALE_PATHS, default=LANGUAGE_CODE)
# Offered languages whose catalogue leaves some strings in English (fewer than 95 %
# translated): their pages say so, in that language and in English.
PARTIAL_LANGUAGES = partial_languages(LANGUAGES, locale_paths=LOCALE_PATHS, default=LANGUAGE_CODE)
TIME_ZONE = env_str("KAHUI_DEFAULT_TIME_ZONE", "Pacific/Auckland")
USE_I18N = True
USE_TZ = True

# Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("KAHUI_STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("KAHUI_MEDIA_ROOT", str(DATA_DIR / "media")))
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

# Security headers. Scripts only from our origin or with the per-request nonce; styles
# from our origin, or a chart's own <style> element carrying the nonce (kahui/core/charts.py).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # The nonce lets a chart carry its own <style> (pygal scopes it to the chart).
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    # A sign-in button's form redirects to its provider (docs/SSO.md).
    "form-action": [CSP.SELF, *SSO_FORM_ACTIONS],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("KAHUI_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("KAHUI_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("KAHUI_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("KAHUI_HSTS_PRELOAD", PRODUCTION)
if env_bool("KAHUI_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Uploads: size limit and the file types a group may share (never HTML or scripts).
# MB means a million bytes here and in every message (kahui.library.services.MEGABYTE).
MAX_UPLOAD_MB = env_int("KAHUI_MAX_UPLOAD_MB", 20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# PDFs (kahui.core.pdf): made at once when quicker than this, otherwise by the worker;
# finished ones are kept this long for their owner to download.
KAHUI_PDF_INLINE_SECONDS = env_int("KAHUI_PDF_INLINE_SECONDS", 2)
KAHUI_PDF_KEEP_HOURS = env_int("KAHUI_PDF_KEEP_HOURS", 24)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KAHUI_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The REST API (/api/v1/, docs/API.md): requests allowed per token (and per signed-in
# person in the browser), as "<count>/<period>" with s, m, h or d.
KAHUI_API_RATE = env_str("KAHUI_API_RATE", "600/m")
