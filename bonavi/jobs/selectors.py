"""Reads of postings, always through a permission check.

Anything that shows postings to a person (lists, detail, sitemap, JSON-LD, API, search, e-mail) starts from
`postings_visible_to(user)` or `public_postings()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from bonavi.accounts.models import Organization
from bonavi.accounts.selectors import hiring_staff_exists
from bonavi.core.clock import today_jst
from bonavi.core.prefectures import leading_prefecture
from bonavi.core.text import nfkc

from .applicant_counts import with_counts
from .models import FeedStaffChange, JobPosting, PostingStatus, Visibility, live_q


def public_postings() -> QuerySet[JobPosting]:
    """What anyone, signed in or not, may see: published, public, not past its 掲載期限."""
    return JobPosting.objects.filter(live_q(), visibility=Visibility.PUBLIC)


# Columns the job feed never reads: who created the row, and the state public_postings() has already filtered on.
_FEED_UNUSED = {"created_by", "closed_at", "status", "visibility", "stopped_at", "stopped_by", "stop_reason"}


def with_takes_applications(qs: QuerySet[JobPosting]) -> QuerySet[JobPosting]:
    """`qs` with each posting's JobPosting.takes_applications read in the same query (ADR 0146): the annotation
    takes the cached property's name, so the property finds its answer already there instead of a query per row."""
    # By a dict: the stubs' plugin takes the cached property's name for a clash, Django does not (no field has it).
    return qs.annotate(**{"takes_applications": hiring_staff_exists(OuterRef("organization_id"))})


def feed_postings(*, prefecture: str = "", family: str = "") -> QuerySet[JobPosting]:
    """The XML job feed's postings: public_postings() of a company that takes BOナビ 応募 (an aggregator sends people
    to apply, and nobody would read theirs: ADR 0143, 0146), with the company name joined in (no query per row)."""
    qs = public_postings().filter(hiring_staff_exists(OuterRef("organization_id")))
    if prefecture:
        qs = qs.filter(prefecture=prefecture)
    if family:
        qs = qs.filter(family=family)
    columns = [f.name for f in JobPosting._meta.concrete_fields if f.name not in _FEED_UNUSED]
    # Newest first by primary key: PostgreSQL walks the key index and sends the first rows at once, where an
    # ORDER BY on another column would sort every matching row before the first byte.
    return qs.select_related("organization").only(*columns, "organization__name").order_by("-id")


def postings_changed_at() -> dt.datetime | None:
    """When any posting last changed, public or not. A posting leaving the public set (closed, made 非公開) is a
    change to every public list even though no public posting changed; only the newest change of all says so."""
    return JobPosting.objects.aggregate(newest=Max("updated_at"))["newest"]


def staff_changed_at() -> dt.datetime | None:
    """When a company's set of active 採用担当 last changed (FeedStaffChange): the feed leaves out the postings of a
    company without one, so such a change changes the feed though no posting row did. From its index's end."""
    return FeedStaffChange.objects.aggregate(newest=Max("changed_at"))["newest"]


def postings_left_by_staff_since(moment: dt.datetime) -> list[int]:
    """The public postings of companies whose 採用担当 changed after `moment` and that have no active one now: in a
    feed built at `moment` but no longer in one (ADR 0146). The companies first, from the `changed_at` index, those
    still with an active one left out: none (nearly always), that one query is all; else their postings, by the
    organisation's index. (As one query with a subquery, PostgreSQL may plan a walk over every public posting.)"""
    changed = (
        FeedStaffChange.objects.filter(changed_at__gt=moment)
        .exclude(hiring_staff_exists(OuterRef("organization_id")))
        .values_list("organization_id", flat=True)
    )
    # Those of them without an active one, before any posting is read: after the demo or an import gave hundreds of
    # companies their 採用担当, the posting-side check read every posting of all of them on each request (s21).
    staffless = list(changed)
    if not staffless:
        return []
    return list(
        JobPosting.objects.filter(
            organization_id__in=staffless, status=PostingStatus.PUBLISHED, visibility=Visibility.PUBLIC
        ).values_list("id", flat=True)
    )


def postings_visible_to(user: Any) -> QuerySet[JobPosting]:
    if user is None or not user.is_authenticated:
        return public_postings()
    if user.is_operator:
        return JobPosting.objects.all()
    q = live_q() & Q(visibility=Visibility.PUBLIC)
    if user.is_employer:
        q |= Q(organization_id=user.organization_id)
    return JobPosting.objects.filter(q)


def posting_get_visible(*, user: Any, pk: int) -> JobPosting | None:
    return postings_visible_to(user).select_related("organization").filter(pk=pk).first()


def ended_public_postings() -> QuerySet[JobPosting]:
    """Public postings that were published and have ended — closed (募集終了), expired, or published but past their
    掲載期限 before the daily expiry has run. Anyone may learn that such a posting has ended, with its title and
    company (shown to everyone while it was open): /jobs/<id>/ says 「この求人の掲載は終了しました」 (410), and a
    seeker's favourites and 最近見た求人 name it (ADR 0132).

    Never a 非公開求人 (visibility is checked now: one made 非公開 while open stays unnamed), a 下書き, or anything
    never published (no date_posted): for those everyone not allowed gets the plain 404, as for a posting that does
    not exist."""
    return JobPosting.objects.filter(visibility=Visibility.PUBLIC, date_posted__isnull=False).filter(
        Q(status__in=[PostingStatus.CLOSED, PostingStatus.EXPIRED])
        | Q(status=PostingStatus.PUBLISHED, valid_through__lt=today_jst())
    )


def ended_posting_get(*, pk: int) -> JobPosting | None:
    return ended_public_postings().select_related("organization").filter(pk=pk).first()


def employer_postings(*, user: Any) -> QuerySet[JobPosting]:
    if not getattr(user, "is_employer", False):
        return JobPosting.objects.none()
    return JobPosting.objects.filter(organization_id=user.organization_id)


# 求人管理's キーワード: longer input is cut, not refused (an edited link); the words beyond add nothing useful.
MANAGE_KEYWORD_MAX = 100

# 求人管理's 状況 beyond the posting's status: the postings the operator stopped (ADR 0153). Their status stays
# 募集終了 (or 下書き), yet the list says 「掲載停止（運営）」 on them, so the filter that chooses 募集終了 leaving them out
# and one choice of their own is what the company reads on the cards.
MANAGE_STOPPED = "stopped"
MANAGE_STATUSES: list[tuple[str, str]] = [*PostingStatus.choices, (MANAGE_STOPPED, "掲載停止（運営）")]


def _manage_word_q(word: str) -> Q:
    """One word of 求人管理's キーワード: in the title, the 社内管理番号 or the 勤務地 (「東京」「東京都千代田区」「千代田」).
    A prefecture is read only from the word's start and whole (core.prefectures): 「京都」 is not 東京都, and a title
    word such as 「山田」 is no prefecture at all."""
    q = Q(title__icontains=word) | Q(reference__icontains=word) | Q(municipality__icontains=word)
    if lead := leading_prefecture(word):
        code, rest = lead
        q |= Q(prefecture=code, municipality__icontains=rest) if rest else Q(prefecture=code)
    return q


def of_manage_status(postings: QuerySet[JobPosting], status: str | None) -> QuerySet[JobPosting]:
    """`postings` of one of MANAGE_STATUSES (all when None or ""): a status, the operator-stopped ones left out,
    or MANAGE_STOPPED, only those — 求人管理's 状況 and the employer API's `status` alike."""
    if status == MANAGE_STOPPED:
        return postings.filter(stopped_at__isnull=False)
    if status:
        return postings.filter(status=status, stopped_at__isnull=True)
    return postings


def employer_postings_with_counts(
    *, user: Any, status: str | None = None, keyword: str = "", total: bool = False
) -> QuerySet[JobPosting]:
    """求人管理's list: the organisation's own postings (of one 状況 when given: a status, the operator-stopped ones
    left out, or MANAGE_STOPPED, only those; with every word of `keyword` in the title, the 社内管理番号 or the
    勤務地), each with its applicant counts (applicant_counts.with_counts: one query for the page, whatever the
    number of postings or applicants), and with `total` their sum to sort by.

    A plain icontains: it scans only the organisation's own postings (an employer's list, tens or hundreds of rows),
    not the public index, so it needs no search engine."""
    postings = of_manage_status(employer_postings(user=user), status)
    for word in keyword[:MANAGE_KEYWORD_MAX].split():  # split() takes the full-width space too
        # As typed and NFKC'd: 「ＨＤ－０１」 finds 「HD-01」 (the 社内管理番号 is stored NFKC'd, models.reference_normal),
        # while a title is stored as written, so 「ＰＣ」 in a title is found by 「ＰＣ」.
        found = _manage_word_q(word)
        if nfkc(word) != word:
            found |= _manage_word_q(nfkc(word))
        postings = postings.filter(found)
    return with_counts(postings, total=total)


def employer_posting_get(*, user: Any, pk: int) -> JobPosting | None:
    """A posting the user may edit: one of their own organisation's."""
    return employer_postings(user=user).filter(pk=pk).first()


# 「この企業の他の求人」 and 「似た求人」 under a posting (ADR 0089): at most this many each.
RELATED_LIMIT = 5

# Why a posting is in 「似た求人」, one line under it; the tiers in the order they are filled.
SAME_SUBROLE_HERE = "同じ職種・同じ都道府県"
SAME_SUBROLE_ELSEWHERE = "同じ職種・他の都道府県"
SAME_FAMILY_HERE = "同じ分野の職種・同じ都道府県"


def _newest_first(qs: QuerySet[JobPosting]) -> QuerySet[JobPosting]:
    # -id breaks ties on one date the same way on every database; the indexes end in both columns (ADR 0089).
    return qs.order_by("-date_posted", "-id")


def organization_public_postings(organization_id: int) -> QuerySet[JobPosting]:
    """One organisation's public postings, newest first: the company page and 「この企業の他の求人」. Only
    public_postings(): its 非公開求人 (an agency's order) or drafts never show, to anyone."""
    return _newest_first(public_postings().filter(organization_id=organization_id))


def organization_other_postings(posting: JobPosting, *, limit: int = RELATED_LIMIT) -> list[JobPosting]:
    """「この企業の他の求人」 under `posting`: one query. public_postings() rather than postings_visible_to(user):
    what the viewer may see beyond the public set is exactly what must never show here (a 非公開求人, a draft)."""
    others = list(organization_public_postings(posting.organization_id).exclude(pk=posting.pk)[:limit])
    for other in others:
        other.organization = posting.organization  # the card names the company; no join, no query per card
    return others


def similar_postings(
    posting: JobPosting, *, exclude_ids: Iterable[int] = (), limit: int = RELATED_LIMIT
) -> list[tuple[JobPosting, str]]:
    """「似た求人」 under `posting`, each with why it is shown: first the same sub-role (職種) in the same prefecture,
    then the same sub-role elsewhere together with the same family (分野) in the same prefecture; newest first within
    a tier. Never the posting itself or `exclude_ids` (the company's postings already listed above it).

    One query when the first tier fills the list, three when it does not, whatever the number of postings: each
    walks one index in date order and stops after `limit` rows (ADR 0089, docs/benchmarks.md)."""
    base = _newest_first(public_postings().exclude(pk__in=[posting.pk, *exclude_ids])).select_related(
        "organization"
    )
    first = list(base.filter(subrole=posting.subrole, prefecture=posting.prefecture)[:limit])
    found = [(p, SAME_SUBROLE_HERE) for p in first]
    wanted = limit - len(first)
    if wanted <= 0:
        return found
    # The first tier came back short, so it holds every same-sub-role posting of this prefecture that may show.
    # The next tier's two halves can therefore leave out "in another prefecture" / "another sub-role": excluding
    # what the first tier found says the same, and lets each half walk its index in date order and stop early.
    rest = base.exclude(pk__in=[p.pk for p in first])
    elsewhere = list(rest.filter(subrole=posting.subrole)[:wanted])
    nearby = list(rest.filter(family=posting.family, prefecture=posting.prefecture)[:wanted])
    tier: dict[int, tuple[JobPosting, str]] = {p.pk: (p, SAME_SUBROLE_ELSEWHERE) for p in elsewhere}
    for p in nearby:
        tier.setdefault(p.pk, (p, SAME_FAMILY_HERE))
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    merged = sorted(tier.values(), key=lambda item: (item[0].date_posted or oldest, item[0].pk), reverse=True)
    return found + merged[:wanted]


def employer_organization_get(*, pk: int) -> Organization | None:
    """An employer organisation by id, for its public page: only its name and 所在地 are shown there, and only while
    organization_public_postings() has a posting (the view checks; the sitemap uses companies_with_public_postings)."""
    return (
        Organization.objects.filter(pk=pk, kind=Organization.Kind.EMPLOYER)
        .only("pk", "name", "address")
        .first()
    )


def companies_with_public_postings() -> QuerySet[Organization]:
    """The employers whose company page answers: at least one posting in public_postings()."""
    live = public_postings().filter(organization_id=OuterRef("pk"))
    return Organization.objects.filter(Exists(live), kind=Organization.Kind.EMPLOYER)
