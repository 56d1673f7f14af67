"""A 内定 item's whole history (ADR 0155, addendum s20): each value the company replaced — by a change before her
answer, or by a 入社日 proposal agreed after her 承諾 — is kept with when it was replaced, and both cards list them
newest first (「変更前」, then 「その前」), the older terms folded. The API (both sides) and her マイデータ carry it
oldest first. (Rows changed before the history was kept: test_offer_history_fold.py.)"""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.seekers import offers, services
from bonavi.seekers.models import Application
from bonavi.seekers.tests.helpers import OFFER_TERMS, client_for, in_days

pytestmark = pytest.mark.django_db

FIRST_FIX = "提示月給：255,000円\n配属先：本社 経理課"
SECOND_FIX = "提示月給：255,000円\n配属先：本社 経理課（月次決算チーム）"


def _card(page: str) -> str:
    return page[page.index('id="offer-given"') :].split("</dl>", 1)[0]


def _row(card: str, label: str) -> str:
    return card[card.index(f"<dt>{label}</dt>") :].split("</dd>", 1)[0]


def _when(moment: dt.datetime) -> str:
    return offers.OfferWas(was=None, until=moment).until_text


@pytest.fixture
def changed_twice(
    offered: Application, employer: User, monkeypatch: pytest.MonkeyPatch
) -> tuple[Application, list[dt.datetime]]:
    """`offered` with its 入社予定日 (40 → 50 → 60 days) and terms changed twice by the company, an hour apart."""
    base = clock.now().replace(microsecond=0)
    moments = [base - dt.timedelta(hours=2), base - dt.timedelta(hours=1)]
    for moment, start, terms in zip(
        moments, (in_days(50), in_days(60)), (FIRST_FIX, SECOND_FIX), strict=True
    ):
        monkeypatch.setattr(clock, "now", lambda moment=moment: moment)
        services.application_offer_change(
            user=employer, application=offered, start_on=start, offer_terms=terms
        )
    monkeypatch.undo()
    offered.refresh_from_db()
    return offered, moments


def test_both_cards_list_every_earlier_value_newest_first_with_when(
    changed_twice: tuple[Application, list[dt.datetime]], employer: User, profiled_seeker: User
) -> None:
    application, (first, second) = changed_twice
    assert [(e["item"], e["was"]) for e in application.offer_history] == [
        ("start_on", in_days(40).isoformat()),
        ("offer_terms", OFFER_TERMS),
        ("start_on", in_days(50).isoformat()),
        ("offer_terms", FIRST_FIX),
    ]
    # Each item's last entry is its 「変更前」, the API's offer_previous.
    assert offers.latest_was(application.offer_history) == {
        "start_on": in_days(50).isoformat(),
        "offer_terms": FIRST_FIX,
    }

    for client, url in (
        (client_for(profiled_seeker), f"/me/applications/{application.pk}/"),
        (client_for(employer), f"/applicants/{application.pk}/"),
    ):
        card = _card(client.get(url).content.decode())
        start = _row(card, "入社予定日")
        assert start.index(clock.date_ja(in_days(60))) < start.index(clock.date_ja(in_days(50)))
        assert start.index(clock.date_ja(in_days(50))) < start.index(clock.date_ja(in_days(40)))
        assert start.count('class="offer-was"') == 2
        assert f'<span class="was-label">変更前</span><del>{clock.date_ja(in_days(50))}</del>' in start
        assert f'<span class="was-label">その前</span><del>{clock.date_ja(in_days(40))}</del>' in start
        assert f">{_when(second)}</time>に変更）" in start and f">{_when(first)}</time>に変更）" in start
        terms = _row(card, "内定の条件（企業から）")
        # The latest earlier terms in sight; the ones before folded, so a phone's card stays short.
        latest, folded = terms.split("<details>", 1)
        assert f"<del>{FIRST_FIX}</del>" in latest and f">{_when(second)}</time>" in latest
        assert "<summary>それ以前の内容（1件）</summary>" in folded
        assert f"<del>{OFFER_TERMS}</del>" in folded and f">{_when(first)}</time>" in folded


def test_an_agreed_start_proposal_adds_to_the_history_and_the_apis_and_mydata_carry_it(
    changed_twice: tuple[Application, list[dt.datetime]], employer: User, profiled_seeker: User
) -> None:
    application, (first, _second) = changed_twice
    services.application_offer_accept(user=profiled_seeker, application=application, version=3)
    services.application_start_propose_by_seeker(
        user=profiled_seeker, application=application, start_on=in_days(75)
    )
    services.application_start_answer_by_employer(
        user=employer, application=application, agree=True, proposed=in_days(75)
    )
    application.refresh_from_db()
    assert application.offer_history[-1]["was"] == in_days(60).isoformat()

    mine = (
        client_for(profiled_seeker).get(f"/api/v1/me/applications/{application.pk}").json()["offer_history"]
    )
    theirs = (
        client_for(employer).get(f"/api/v1/employer/applications/{application.pk}").json()["offer_history"]
    )
    assert mine == theirs
    assert [(row["item"], row["was"]) for row in mine] == [
        ("start_on", in_days(40).isoformat()),
        ("offer_terms", OFFER_TERMS),
        ("start_on", in_days(50).isoformat()),
        ("offer_terms", FIRST_FIX),
        ("start_on", in_days(60).isoformat()),
    ]
    assert dt.datetime.fromisoformat(mine[0]["until"]) == first
    start = _row(
        _card(client_for(profiled_seeker).get(f"/me/applications/{application.pk}/").content.decode()),
        "入社予定日",
    )
    assert start.count('class="offer-was"') == 3 and clock.date_ja(in_days(75)) in start

    exported = client_for(profiled_seeker).get("/api/v1/me/mydata").json()["applications"][0]["offer_history"]
    assert [(row["item"], row["was"]) for row in exported][:2] == [
        ("入社予定日", in_days(40).isoformat()),
        ("内定の条件", OFFER_TERMS),
    ]
