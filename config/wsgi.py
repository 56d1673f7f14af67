import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

# The matching indexes load in a background thread now, not in the first 「おすすめ求人」 request (≈ 2 s).
# Only the server imports this module: management commands and tests are not slowed. Never raises.
from bonavi.matching.warmup import warm_up_in_background  # noqa: E402 (needs the configured application)

warm_up_in_background()
