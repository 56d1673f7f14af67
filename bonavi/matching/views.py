from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .services import recommended_for_seeker


@login_required
def recommendations(request: HttpRequest) -> HttpResponse:
    # The ranking and its reasons come from jobtag's occupation data: the template credits it under the list.
    return render(
        request, "matching/recommendations.html", {"recs": recommended_for_seeker(request.user, limit=10)}
    )
