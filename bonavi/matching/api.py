"""GET /api/v1/matching/recommendations — the signed-in seeker's 「おすすめ求人」 with the explanation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from bonavi.core.api_errors import ErrorOut

from .profiles import JOBTAG_ATTRIBUTION
from .services import recommended_for_seeker

matching_router = Router(tags=["マッチング"])


class ReasonOut(Schema):
    topic: str
    detail: str


class RecommendationOut(Schema):
    posting_id: int
    title: str
    url: str
    score: int
    met: list[ReasonOut]
    missed: list[ReasonOut]
    stretch: list[ReasonOut]
    # The ranking and its reasons come from jobtag's occupation data: its credit travels with each answer.
    attribution: str
    from_saved_search: str | None = Field(
        description="プロフィールの希望条件が未登録のため代わりに使った保存済み検索条件の名前。"
        "プロフィールの希望条件から選んだときは null"
    )


@matching_router.get(
    "/recommendations",
    response={200: list[RecommendationOut], 403: ErrorOut},
    summary="おすすめ求人（説明つき）",
    # The answer is a bare list: an empty one has no place for a reason, so the case it cannot tell apart is said here.
    description="公開中の求人から、求職者のプロフィールに合うものを説明つきで返します。"
    "プロフィールに希望条件（職種・勤務地・雇用形態・給与・在宅）が一つも登録されていない場合は、保存した検索条件のうち"
    "最近変更した、希望条件を含むものを代わりに使い、各項目の from_saved_search にその名前を入れます。"
    "どちらもない場合は、条件に合う求人がない場合と同じく空のリストを返します"
    "（区別するには GET /api/v1/me/profile の希望条件と GET /api/v1/me/saved-searches を確認してください）。",
)
def recommendations(request: HttpRequest, limit: int = 10) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    if not getattr(user, "is_seeker", False):
        return Status(403, {"detail": "求職者のアカウントで利用できます。"})
    recs = recommended_for_seeker(user, limit=min(max(limit, 1), 50))
    out = []
    for posting, result in recs.items:
        out.append(
            {
                **result.as_dict(),
                "title": posting.title,
                "url": posting.get_absolute_url(),
                "attribution": JOBTAG_ATTRIBUTION,
                "from_saved_search": recs.from_saved_search or None,
            }
        )
    return out
