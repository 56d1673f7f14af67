"""Applicant counts beside each posting on 求人管理 (/jobs/manage/): 直接応募 and うち応募済のまま (seekers, ADR 0121),
エージェント推薦 (agents).

Applications and referrals live in later apps, which jobs must never import; each registers a PostingCount from
its AppConfig.ready(). A count is a correlated subquery that the list adds to its one query, so a page of postings
costs the same number of queries however many postings and applicants there are (no query per posting), and
counting a posting's rows never multiplies another count's rows as joins would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.expressions import Expression
from django.db.models.functions import Coalesce

# What the list is sorted by with 「応募数の多い順」: the sum of the counts whose in_total is True.
TOTAL = "applicant_total"


@dataclass(frozen=True)
class PostingCount:
    name: str  # the annotation's name on each posting (unique among registered counts)
    label: str  # shown before the number: 「直接応募」
    expression: Callable[
        [], Expression
    ]  # the count for the posting OuterRef("pk"), built when the list is read
    link: Callable[[int], str]  # the applicant list narrowed to these rows of a posting (its pk)
    in_total: bool = True  # part of 応募数 (うち応募済のまま is already counted in 直接応募)


@dataclass(frozen=True)
class ShownCount:
    label: str
    number: int
    href: str


_COUNTS: list[PostingCount] = []


def register_posting_count(count: PostingCount) -> PostingCount:
    if all(c.name != count.name for c in _COUNTS):
        _COUNTS.append(count)
    return count


def count_per_posting(qs: QuerySet[Any], *, key: str = "posting") -> Any:
    """A PostingCount's expression: a subquery counting the rows of `qs` whose `key` is the posting OuterRef("pk")."""
    counted = qs.filter(**{key: OuterRef("pk")}).order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(postings: QuerySet[Any], *, total: bool = False) -> QuerySet[Any]:
    """`postings` with every registered count; with `total`, also their sum as TOTAL (0 when no later app counts
    anything), for the 応募数 order only: F() of an annotation copies its subquery into the sum, so the total costs
    each counted subquery once more, and the default order, which does not read it, should not pay that."""
    postings = postings.annotate(**{c.name: c.expression() for c in _COUNTS})
    if not total:
        return postings
    summed: Any = Value(0, output_field=IntegerField())
    for c in _COUNTS:
        if c.in_total:
            summed = summed + F(c.name)
    return postings.annotate(**{TOTAL: summed})


def shown_counts(posting: Any) -> list[ShownCount]:
    """The counts of a posting read through with_counts(), in registration order, each with its link."""
    return [ShownCount(c.label, getattr(posting, c.name, 0) or 0, c.link(posting.pk)) for c in _COUNTS]
