"""One way to page a JSON list (/jobs, /employer/postings, /events; /jobs/search answers the same keys).

Every paged answer carries `total` (how many in all), `page` (the page asked for), `page_size` and `pages` (how many
pages there are), then `results`. A page past the end answers empty `results` with the same counts — it is not
moved to the last page, so a client paging until `results` is empty stops, and one reading page n gets page n.
Out-of-range parameters are brought to the nearest allowed value rather than refused.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import Field, Query, Schema

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PAGE_PARAM: Any = Query(1, description="ページ番号（1から。最後のページより後は results が空）")
PAGE_SIZE_PARAM: Any = Query(
    DEFAULT_PAGE_SIZE, description=f"1ページの件数（1〜{MAX_PAGE_SIZE}。範囲外は最も近い値）"
)


class PageOut(Schema):
    """The counts of a paged answer; each list adds its own `results`."""

    total: int = Field(description="条件に合う件数の合計")
    page: int = Field(description="このページの番号（1から。最後のページより後なら results は空）")
    page_size: int = Field(description="1ページの件数")
    pages: int = Field(description="ページの数（0件なら1）")


def page_count(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))


def paginate(qs: QuerySet[Any], page: int, page_size: int = DEFAULT_PAGE_SIZE) -> dict[str, Any]:
    """One page of an ordered queryset in the PageOut shape: a count and one slice, however long the list."""
    page = max(page, 1)
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    total = qs.count()
    start = (page - 1) * page_size
    # A page past the end is empty; slicing there would hand the database an OFFSET too big for it (a 500).
    results = list(qs[start : start + page_size]) if start < total else []
    return {
        "total": total,
        "page": page,
        "page_size": page_size,
        "pages": page_count(total, page_size),
        "results": results,
    }
