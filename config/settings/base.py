"""Settings shared by every environment; everything that differs between machines comes from the environment."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Debian 12's SQLite (3.40) FTS5 skips some matches of AND queries when iterating ORDER BY rowid DESC, which is
# how search pages newest-first (ADR 0024). pysqlite3-binary bundles a current SQLite; use it when installed.
# Settings load before Django imports its SQLite backend, so the backend picks this module up.
try:
    import pysqlite3
    import pysqlite3.dbapi2

    sys.modules["sqlite3"] = pysqlite3
    sys.modules["sqlite3.dbapi2"] = pysqlite3.dbapi2
except ImportError:  # other platforms keep the system SQLite
    pass


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Behind N reverse proxies that each append to X-Forwarded-For, the client is the Nth address from the right.
# 0 (the default) trusts no header: REMOTE_ADDR is the client, and a forged X-Forwarded-For changes nothing.
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0") or 0)
# Who sends the new-jobs mails: 特定電子メール法 (§4) asks such mail to show the sender's name, address and a
# contact. Set them for a real deployment (`bonavi check --deploy` warns when they are missing).
OPERATOR_NAME = os.environ.get("OPERATOR_NAME", "")
OPERATOR_ADDRESS = os.environ.get("OPERATOR_ADDRESS", "")
OPERATOR_CONTACT = os.environ.get("OPERATOR_CONTACT", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "ninja",  # serves /api/v1/docs with its own copy of Swagger UI instead of loading it from a CDN
    "bonavi.core",
    "bonavi.accounts",
    "bonavi.compliance",
    "bonavi.jobs",
    "bonavi.search",
    "bonavi.notifications",
    "bonavi.seekers",
    "bonavi.support",
    "bonavi.events",  # after seekers and notifications, whose services it uses
    "bonavi.careers",
    "bonavi.documents",
    "bonavi.matching",
    "bonavi.agents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "bonavi.core.middleware.content_security_policy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "bonavi.core.middleware.method_not_allowed_page",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
# A refused form comes back with its first field in error focused (bonavi/core/forms.py).
FORM_RENDERER = "bonavi.core.forms.FocusingRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # core.forms' focus rule for a refused form's summary, usable in every template ({{ form|summary_focus }})
            "builtins": ["bonavi.core.templatetags.core_forms", "bonavi.core.templatetags.core_dates"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bonavi.core.context_processors.site",
                "bonavi.accounts.context_processors.auth_next",
                "bonavi.agents.context_processors.seeker_nav",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'bonavi.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while a worker writes; IMMEDIATE avoids the
    # "database is locked" upgrade deadlock between two writers.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Django's four checks with natural Japanese messages (bonavi.accounts.passwords).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "bonavi.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "bonavi.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "bonavi.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "bonavi.accounts.passwords.NumericPasswordValidator"},
]
# Login throttling: after this many failures for one e-mail or one IP within the window, refuse.
LOGIN_THROTTLE_LIMIT = int(os.environ.get("LOGIN_THROTTLE_LIMIT", "5"))
LOGIN_THROTTLE_WINDOW_SECONDS = int(os.environ.get("LOGIN_THROTTLE_WINDOW_SECONDS", "900"))

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語")]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_ROOT = BASE_DIR / "var" / "media"
# The built XML job feed (ADR 0081): written by the worker or `bonavi build_feed`, sent by /feeds/jobs.xml.
FEED_DIR = Path(os.environ.get("FEED_DIR", BASE_DIR / "var" / "feeds"))
MEDIA_URL = "/media/"
# A web process prints one 職務経歴書 in a background thread as it starts, so the first document save does not
# wait for WeasyPrint to load (ADR 0119). Off: DOCUMENTS_WARM_UP=0.
DOCUMENTS_WARM_UP = env_bool("DOCUMENTS_WARM_UP", True)
# Likewise the matching indexes, for the first 「おすすめ求人」 (ADR 0075). Off: MATCHING_WARM_UP=0.
MATCHING_WARM_UP = env_bool("MATCHING_WARM_UP", True)

# Uploads: refuse huge bodies early with a clear message rather than filling memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The files of one request together, counted as they arrive by core.uploads.CappedUploadHandler (first, so it runs
# for every request before anything reads the body): the largest upload the site accepts, a message's 5 MB file
# (ADR 0097). Past it the files are dropped, not written; each page keeps its own smaller limit after that.
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "bonavi.core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# No form takes more than one file; Django's default (100) lets a request open a hundred temporary files.
DATA_UPLOAD_MAX_NUMBER_FILES = 5

# Every mail passes core.mail.EmailBackend (a Message-ID on the site's domain when it has none) on its way to the
# backend that sends it, which the EMAIL_BACKEND environment variable still chooses.
EMAIL_BACKEND = "bonavi.core.mail.EmailBackend"
BONAVI_EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "1025"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "BOナビ <no-reply@bonavi.localhost>")
# Days a sent/failed e-mail keeps its address and text before the worker blanks them (ADR 0044).
OUTBOX_RETENTION_DAYS = int(os.environ.get("OUTBOX_RETENTION_DAYS", "30"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The database cache is shared by every process (rate limits must hold across workers) and needs no extra
# server; `bonavi createcachetable` creates its table (make demo does, and so does the test runner).
CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "bonavi_cache"),
    }
}
if CACHES["default"]["BACKEND"].endswith(".db.DatabaseCache"):
    # The rate limits (core.ratelimit) keep one row per counted event. At Django's default of 300 rows the
    # database cache culls a third of its keys, which would reset a window's count and weaken the mail caps.
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 200_000}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

CSRF_FAILURE_VIEW = "bonavi.core.views.csrf_failure"
