"""Test settings: the database comes from DATABASE_URL (SQLite file by default, PostgreSQL in CI's second run)."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
# Argon2 is deliberately slow; tests use a fast hasher except in the test that checks argon2 is configured.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
# Django's test set-up puts mail in mail.outbox (locmem) anyway. A test that wants the site's sending path sets
# EMAIL_BACKEND to core.mail.EmailBackend, which hands mail on to locmem too, or to SMTP (notifications' smtp_inbox).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
BONAVI_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if "DATABASE_URL" not in os.environ:
    # `make` creates var/; a plain `pytest` in a fresh clone or worktree must not fail on a missing directory.
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["NAME"] = str(BASE_DIR / "var" / "test.sqlite3")
    # One file per test process, so that several suites (or developers' shells) can run at once.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-db-{os.getpid()}.sqlite3")}
# The web entry points start the PDF engine's warm-up (ADR 0119) and matching's (ADR 0075); a test that imports
# them must not load WeasyPrint or the matching indexes in a thread that outlives it, beside the suite. Each app's
# own tests turn its warm-up on (bonavi/documents/tests/test_pdf_warm_up.py, bonavi/matching/tests/test_warmup.py).
DOCUMENTS_WARM_UP = False
MATCHING_WARM_UP = False
