from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .services import has_wishes, place_unknown, recommended_for_seeker


@login_required
def recommendations(request: HttpRequest) -> HttpResponse:
    items = (
        recommended_for_seeker(request.user, limit=10) if getattr(request.user, "is_seeker", False) else []
    )
    profile = getattr(request.user, "seeker_profile", None)
    return render(
        request,
        "matching/recommendations.html",
        # The ranking and its reasons come from jobtag's occupation data: the template credits it under the list.
        {
            "items": items,
            "has_profile": profile is not None,
            "needs_wishes": profile is not None and not has_wishes(profile),
            "place_unknown": profile is not None and place_unknown(profile),
        },
    )
