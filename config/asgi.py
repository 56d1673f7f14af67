import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_asgi_application()

# One-time loads run in background threads now, not in the first request that needs them: the matching indexes
# (the first 「おすすめ求人」, ≈ 2 s, ADR 0075) and the PDF engine (the first document save, 3–8 s, ADR 0119).
# Only servers import this module (runserver too): other management commands and tests are not slowed. Neither
# call raises.
from bonavi.documents.warmup import warm_up_in_background as documents_warm_up  # noqa: E402 (needs the application)
from bonavi.matching.warmup import warm_up_in_background as matching_warm_up  # noqa: E402

matching_warm_up()
documents_warm_up()
