"""Settings for `bonavi send_digests` started as a subprocess by the crash tests: the test settings, with
real SMTP to the test's aiosmtpd server and a short outbox lease so that a restart reclaims a killed worker's
messages quickly. The database comes from DATABASE_URL (the test database)."""

import os

from config.settings.test import *  # noqa: F403

# Production's path: the site's backend (the Message-ID) in front of SMTP.
EMAIL_BACKEND = "bonavi.core.mail.EmailBackend"
BONAVI_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "1025"))
EMAIL_USE_TLS = False
OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "1"))
