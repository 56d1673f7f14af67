from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .services import recommended_for_seeker


@login_required
def recommendations(request: HttpRequest) -> HttpResponse:
    items = (
        recommended_for_seeker(request.user, limit=10) if getattr(request.user, "is_seeker", False) else []
    )
    has_profile = getattr(request.user, "seeker_profile", None) is not None
    return render(
        request,
        "matching/recommendations.html",
        # The ranking and its reasons come from jobtag's occupation data: the template credits it under the list.
        {"items": items, "has_profile": has_profile},
    )
