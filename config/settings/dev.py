"""Local development and `make demo`: debug on, e-mail printed to the console unless a server is configured."""

import os

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = os.environ.get("DEBUG", "1") == "1"
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
BONAVI_EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "bonavi.core.mail.ConsoleBackend")
