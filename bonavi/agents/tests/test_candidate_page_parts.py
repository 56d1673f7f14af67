"""The adviser's candidate page at 390 px (ADR 0125, session 15 addendum): it was 14,662 px tall, 提案と選考 after
twenty マッチ cards, 18 of them 「求人受理なし」, each repeating the same 「伸ばすスキル」 line. Now a strip of links to
its parts, 提案と選考 before the マッチ list, the jobs she can be recommended to listed and the others folded under one
summary with their count (their boxes still in the one form), and a line every card said once, above the list."""

from __future__ import annotations

import re

import pytest

from bonavi.agents import services, views
from bonavi.agents.matching import grow_said_once, jobs_for_candidate
from bonavi.agents.models import Proposal
from bonavi.agents.tests.factories import private_order
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.matching.match import GROW_TOPIC, MatchResult, Reason

pytestmark = pytest.mark.django_db

GROW = Reason(GROW_TOPIC, "経理事務で特に求められる「資金管理」は、経験の記述からは読み取れません")


@pytest.fixture
def long_list(setup, candidate, employer):
    """One job under the agency's order, four public ones without (they rank higher), one proposed already."""
    for i in range(4):
        make_posting(employer.organization, title=f"経理事務（公開{i}）", wage_min=300_000, wage_max=340_000)
    ordered = JobPosting.objects.get(
        job_orders=private_order(setup, employer.organization, title="経理（受理）")
    )
    proposed = make_posting(employer.organization, title="経理事務（提案済み）", wage_min=320_000)
    services.proposal_create(user=setup.ca, candidate=candidate, posting_id=proposed.pk)
    return ordered, proposed


def _page(client, candidate) -> str:
    return client.get(f"/agent/candidates/{candidate.pk}/").content.decode()


def _titles(html: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", t).strip()
        for t in re.findall(
            r'<li class="card job-card match-item[^"]*">.*?<strong>(.*?)</strong>', html, re.S
        )
    ]


def test_links_to_the_parts_and_proposals_before_the_matches(setup, candidate, long_list, client) -> None:
    client.force_login(setup.ca)
    page = _page(client, candidate)
    nav = re.search(r'<nav class="page-parts" aria-label="このページの内容">(.*?)</nav>', page, re.S)
    assert nav is not None
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav.group(1))
    assert [h for h, _ in links] == ["contact", "hearing-part", "proposals-part", "matches-part", "record"]
    assert ("proposals-part", "提案と選考（1）") in links
    for anchor, _ in links:  # each link lands on a part of the page
        assert f'id="{anchor}"' in page, anchor
    at = [
        page.index(f'id="{a}"')
        for a in ("contact", "hearing-part", "proposals-part", "matches-part", "record")
    ]
    assert at == sorted(at), at  # 提案と選考 before the マッチ list, 記録 last


def test_jobs_she_cannot_be_recommended_to_fold_under_their_count(
    setup, candidate, long_list, client
) -> None:
    _ordered, _proposed = long_list
    client.force_login(setup.ca)
    page = _page(client, candidate)
    listed = page.split('<ul class="cards" id="matches">', 1)[1].split("</ul>", 1)[0]
    assert _titles(listed) == ["経理（受理）"]
    fold = re.search(
        r'<details class="m-fold" id="matches-more"( open)?><summary>(.*?)</summary>', page, re.S
    )
    assert fold is not None and fold.group(1) is None  # closed: one line instead of five cards
    assert fold.group(2) == "推薦できない求人・提案済みの求人（5件・うち提案済み 1件）"
    folded = _titles(page[fold.end() : page.index('id="jobtag-credit"')])
    assert len(folded) == 5 and folded[-1] == "経理事務（提案済み）"
    assert all(t.startswith("経理事務（公開") for t in folded[:4])
    # Still boxes of the one 提案 form, whose button comes after the list and the fold.
    form = page[page.index('id="propose"') : page.index("</form>", page.index('id="propose"'))]
    assert form.index('id="matches-more"') < form.index("選んだ求人を提案する</button>")


def test_the_fold_is_open_when_nothing_is_listed_above_it(setup, candidate, employer, client) -> None:
    for i in range(2):
        make_posting(employer.organization, title=f"経理事務（公開{i}）")
    client.force_login(setup.ca)
    page = _page(client, candidate)
    assert '<details class="m-fold" id="matches-more" open>' in page
    assert _titles(page.split('<ul class="cards" id="matches">', 1)[1].split("</ul>", 1)[0]) == []


def test_a_job_ticked_in_the_fold_is_proposed_and_a_refused_form_opens_the_fold(
    setup, candidate, long_list, client
) -> None:
    public = JobPosting.objects.get(title="経理事務（公開0）")
    client.force_login(setup.ca)
    url = f"/agent/candidates/{candidate.pk}/propose/"
    # Refused (a comment with markup): the page comes back with the fold open on the ticked box.
    resp = client.post(url, {"posting": [public.pk], "comment": "<b>ぜひ</b>"})
    assert resp.status_code == 422
    page = resp.content.decode()
    assert '<details class="m-fold" id="matches-more" open>' in page
    assert re.search(rf'value="{public.pk}"\s+checked', page)
    assert not Proposal.objects.filter(posting=public).exists()
    resp = client.post(url, {"posting": [public.pk], "comment": "情報提供としてご案内します。"})
    assert resp.status_code == 302
    assert Proposal.objects.get(posting=public).comment == "情報提供としてご案内します。"


def test_the_same_grow_line_is_said_once_above_the_list(
    setup, candidate, long_list, client, monkeypatch
) -> None:
    real = jobs_for_candidate

    def with_grow(staff, cand, **kw):  # every card says the same 伸ばすスキル, as the demo's twenty did
        return [
            (p, MatchResult(p.pk, r.score, met=r.met, stretch=[GROW])) for p, r in real(staff, cand, **kw)
        ]

    monkeypatch.setattr(views, "jobs_for_candidate", with_grow)
    client.force_login(setup.ca)
    page = _page(client, candidate)
    assert page.count(GROW.detail) == 1
    line = page.split('id="matches-grow"', 1)[1].split("</p>", 1)[0]
    assert GROW.detail in line and "どの求人にも共通" in line
    assert page.index('id="matches-grow"') < page.index('id="matches"')


def test_grow_said_once_only_when_every_card_says_the_same(setup, employer) -> None:
    a, b = (make_posting(employer.organization, title=t) for t in ("A", "B"))
    other = Reason(GROW_TOPIC, "総務で特に求められる「法務」は、経験の記述からは読み取れません")
    same = [(a, MatchResult(a.pk, 80, stretch=[GROW])), (b, MatchResult(b.pk, 70, stretch=[GROW]))]
    rest, said = grow_said_once(same)
    assert said == GROW and all(r.stretch == [] for _, r in rest)
    assert same[0][1].stretch == [GROW]  # the results themselves are not changed
    differ = [(a, MatchResult(a.pk, 80, stretch=[GROW])), (b, MatchResult(b.pk, 70, stretch=[other]))]
    assert grow_said_once(differ) == (differ, None)
    missing = [(a, MatchResult(a.pk, 80, stretch=[GROW])), (b, MatchResult(b.pk, 70))]
    assert grow_said_once(missing) == (missing, None)
    assert grow_said_once(same[:1]) == (same[:1], None)  # one card: nothing repeated
