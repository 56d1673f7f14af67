"""内定 on a direct application (ADR 0126). It was a dead end for the applicant: the first card of her page was
「この面接の日程は取り消されました」, there was no 内定 card, no working conditions and no 承諾 — only 辞退 — and the
company could not record a 内定辞退 it heard by phone. Now her page opens with the 内定 card (the posting's 労働条件
and her answer), 承諾 is recorded once (when, and by her in the 経過), shown to the company on its page and its
応募者 list, and mailed to it once; the company may record her 辞退 as its own move."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.jobs.models import JobPosting
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers import services
from bonavi.seekers.models import ActorRole, Application, ApplicationEvent

pytestmark = pytest.mark.django_db

ACCEPT = "上の労働条件を確かめ、この内定を承諾します"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _at(days: int) -> dt.datetime:
    return dt.datetime.combine(clock.today_jst() + dt.timedelta(days=days), dt.time(14), tzinfo=JST)


@pytest.fixture
def at_offer(employer: User, application: Application) -> Application:
    """At 内定, moved from 面接 before the interview's day: the interview was called off by the move (as in the
    demo's walk)."""
    services.application_move(
        user=employer,
        application=application,
        to_status="interview",
        interview={"starts_at": _at(7), "format": "in_person", "place": "本社5階 受付"},
    )
    services.application_move(user=employer, application=application, to_status="offer", note="内定です。")
    application.refresh_from_db()
    return application


def _mails_to(email: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to_email=email).order_by("id"))


def test_her_page_opens_with_the_offer_its_conditions_and_both_answers(
    at_offer: Application, profiled_seeker: User, posting: JobPosting
) -> None:
    page = _client(profiled_seeker).get(f"/me/applications/{at_offer.pk}/").content.decode()
    body = page.split("<h1>", 1)[1]
    offer = body.index('id="offer"')
    # The 内定 card is the first card after the application's own; the called-off interview comes after the 経過.
    assert offer < body.index("<h2>経過</h2>") < body.index("この面接の日程は取り消されました")
    card = body[offer : body.index("<h2>経過</h2>")]
    assert f"{posting.employer_display}から内定が出ました" in card
    # The posting's 労働条件, through the shared conditions partial (h3 inside the card).
    assert '<h3 id="h-pay">賃金</h3>' in card and posting.wage_display in card
    assert '<h3 id="h-hours">労働時間・休日</h3>' in card
    assert "内定を承諾する</button>" in card and "辞退する</button>" in card
    assert ACCEPT in card and "この内定を辞退します" in card
    # One 辞退 form on the page (in the card), no second one at the bottom.
    assert page.count('id="withdraw"') == 1 and "この応募を辞退する</button>" not in page


def test_accepting_is_recorded_once_shown_to_the_company_and_mailed_to_it_once(
    at_offer: Application, profiled_seeker: User, employer: User
) -> None:
    seeker = _client(profiled_seeker)
    url = f"/me/applications/{at_offer.pk}/offer/accept/"
    before = len(_mails_to(employer.email))

    # Without the tick nothing happens, and the reason is beside the box.
    refused = seeker.post(url)
    at_offer.refresh_from_db()
    assert refused.status_code == 422 and at_offer.offer_accepted_at is None
    assert f"承諾する場合は、「{ACCEPT}」にチェックを入れてください。" in refused.content.decode()

    done = seeker.post(url, {"confirm": "on", "offer_version": "1"})
    assert done.status_code == 302 and done["Location"].endswith(f"/me/applications/{at_offer.pk}/#offer")
    at_offer.refresh_from_db()
    assert at_offer.status == "offer" and at_offer.offer_accepted_at is not None
    event = ApplicationEvent.objects.filter(application=at_offer).last()
    assert event is not None
    assert (event.from_status, event.to_status, event.actor_id, event.actor_role, event.note) == (
        "offer",
        "offer",
        profiled_seeker.pk,
        ActorRole.SEEKER,
        "内定を承諾しました",
    )
    mails = _mails_to(employer.email)[before:]
    assert len(mails) == 1 and "内定が承諾されました" in mails[0].subject
    assert "の内定が、応募者により承諾されました" in mails[0].body_text and "山田" not in mails[0].body_text

    # A second press (double click, another tab): nothing more recorded or mailed.
    assert seeker.post(url, {"confirm": "on", "offer_version": "1"}).status_code == 302
    assert ApplicationEvent.objects.filter(application=at_offer, note="内定を承諾しました").count() == 1
    assert len(_mails_to(employer.email)) == before + 1

    mine = seeker.get(f"/me/applications/{at_offer.pk}/").content.decode()
    assert (
        "内定（承諾済み）" in mine
        and "に内定を承諾しました" in mine
        and "内定を承諾する</button>" not in mine
    )
    assert "辞退する</button>" in mine  # declining after accepting stays hers to do
    theirs = _client(employer).get(f"/applicants/{at_offer.pk}/").content.decode()
    assert 'id="offer-accepted"' in theirs and "に内定を承諾しました" in theirs
    assert (
        '内定（応募者）<br><span class="note">内定を承諾しました</span>' in theirs
    )  # the 経過: who, with its note
    listed = _client(employer).get("/applicants/").content.decode()
    assert "内定（承諾済み）" in listed
    assert "内定（承諾済み）" in seeker.get("/me/applications/").content.decode()


def test_the_status_reads_accepted_only_while_at_offer(
    at_offer: Application, profiled_seeker: User, employer: User
) -> None:
    """Application.status_display: the one wording of every badge (her pages, the company's page)."""
    assert at_offer.status_display == "内定"
    services.application_offer_accept(user=profiled_seeker, application=at_offer)
    at_offer.refresh_from_db()
    assert at_offer.status_display == "内定（承諾済み）"
    services.application_move(user=employer, application=at_offer, to_status="withdrawn")
    at_offer.refresh_from_db()
    assert at_offer.status_display == "辞退"  # accepted once, but no longer at 内定


def test_only_at_offer_and_only_hers(
    employer: User, application: Application, profiled_seeker: User, other_seeker: User
) -> None:
    with pytest.raises(services.SeekerInvalid) as refused:
        services.application_offer_accept(user=profiled_seeker, application=application)
    assert "「応募済」のため、内定を承諾できません" in refused.value.errors["__all__"][0]
    page = _client(profiled_seeker).get(f"/me/applications/{application.pk}/").content.decode()
    assert 'id="offer"' not in page and "内定を承諾する" not in page
    services.application_move(user=employer, application=application, to_status="offer")
    other = _client(other_seeker).post(
        f"/me/applications/{application.pk}/offer/accept/", {"confirm": "on", "offer_version": "1"}
    )
    assert other.status_code == 404
    application.refresh_from_db()
    assert application.offer_accepted_at is None


def test_the_company_records_her_decline_as_its_move(
    at_offer: Application, employer: User, profiled_seeker: User
) -> None:
    company = _client(employer)
    page = company.get(f"/applicants/{at_offer.pk}/").content.decode()
    assert '<option value="withdrawn">辞退（応募者から辞退の連絡を受けた）</option>' in page
    moved = company.post(
        f"/applicants/{at_offer.pk}/", {"status": "withdrawn", "note": "お電話で伺いました。"}
    )
    assert moved.status_code == 302
    at_offer.refresh_from_db()
    assert at_offer.status == "withdrawn"
    event = ApplicationEvent.objects.filter(application=at_offer).last()
    assert event is not None and (event.from_status, event.to_status, event.actor_role) == (
        "offer",
        "withdrawn",
        ActorRole.EMPLOYER,
    )
    assert (
        "辞退（採用担当）"
        in _client(profiled_seeker).get(f"/me/applications/{at_offer.pk}/").content.decode()
    )
    mail = _mails_to(profiled_seeker.email)[-1]
    assert "「辞退」になりました" in mail.subject + mail.body_text
    assert "採用担当が、あなたから受けた辞退のご連絡を記録しました" in mail.body_text


def test_a_decline_is_hers_only_before_offer(employer: User, application: Application) -> None:
    services.application_move(user=employer, application=application, to_status="screening")
    with pytest.raises(services.SeekerInvalid):
        services.application_move(user=employer, application=application, to_status="withdrawn")
    assert services.employer_moves("offer") == ["hired", "rejected", "withdrawn"]
    assert "withdrawn" not in services.employer_moves("interview")


def test_her_decline_at_offer_tells_the_company_it_was_the_offer(
    at_offer: Application, profiled_seeker: User, employer: User
) -> None:
    seeker = _client(profiled_seeker)
    seeker.post(f"/me/applications/{at_offer.pk}/offer/accept/", {"confirm": "on", "offer_version": "1"})
    refused = seeker.post(f"/me/applications/{at_offer.pk}/withdraw/")
    assert (
        refused.status_code == 422
        and "「この内定を辞退します」にチェックを入れてください" in refused.content.decode()
    )
    assert seeker.post(f"/me/applications/{at_offer.pk}/withdraw/", {"confirm": "on"}).status_code == 302
    at_offer.refresh_from_db()
    assert at_offer.status == "withdrawn"
    mail = _mails_to(employer.email)[-1]
    assert "内定が辞退されました" in mail.subject
    assert "内定を承諾したあとの辞退です" in mail.body_text


def test_the_api_accepts_and_says_when(at_offer: Application, profiled_seeker: User, employer: User) -> None:
    seeker = _client(profiled_seeker)
    assert seeker.get(f"/api/v1/me/applications/{at_offer.pk}").json()["offer_accepted_at"] is None
    answer = seeker.post(f"/api/v1/me/applications/{at_offer.pk}/offer/accept")
    assert answer.status_code == 200 and answer.json()["offer_accepted_at"] is not None
    assert answer.json()["status"] == "offer"
    company = _client(employer)
    assert company.get(f"/api/v1/employer/applications/{at_offer.pk}").json()["offer_accepted_at"]
    moved = company.post(
        f"/api/v1/employer/applications/{at_offer.pk}/status",
        {"status": "withdrawn", "note": ""},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["status"] == "withdrawn"
    again = seeker.post(f"/api/v1/me/applications/{at_offer.pk}/offer/accept")
    assert again.status_code == 422 and "「辞退」のため、内定を承諾できません" in str(again.json())


def test_the_offer_card_shows_the_conditions_not_the_companys_own_words(
    at_offer: Application, profiled_seeker: User, posting: JobPosting
) -> None:
    """仕事の魅力 and 求める人物像 are not conditions (ADR 0128): the card she accepts lists only the 労働条件, and
    no h2 card stands inside it. Her posting page still shows them."""
    JobPosting.objects.filter(pk=posting.pk).update(
        appeal="少人数のチームで、月末は全員で締めを進めます。", ideal_candidate="数字を丁寧に確かめられる方"
    )
    seeker = _client(profiled_seeker)
    page = seeker.get(f"/me/applications/{at_offer.pk}/").content.decode()
    card = page[page.index('id="offer"') : page.index("<h2>経過</h2>")]
    assert '<h3 id="h-work">' in card
    assert "h-appeal" not in card and "h-ideal" not in card and "少人数のチーム" not in card
    posting_page = seeker.get(posting.get_absolute_url()).content.decode()
    assert 'id="h-appeal"' in posting_page and 'id="h-ideal"' in posting_page


def test_after_her_decline_the_company_page_tells_the_acceptance_as_history(
    at_offer: Application, profiled_seeker: User, employer: User
) -> None:
    """Once the company records her 辞退 after she accepted, the green 「応募者が…に内定を承諾しました」 notice no longer
    stands above the 辞退 badge as news: the acceptance is told as history, with what came after."""
    services.application_offer_accept(user=profiled_seeker, application=at_offer)
    services.application_move(user=employer, application=at_offer, to_status="withdrawn")
    page = _client(employer).get(f"/applicants/{at_offer.pk}/").content.decode()
    assert '<span class="status-badge s-withdrawn">辞退</span>' in page
    line = page[page.index('id="offer-accepted"') :].split("</p>", 1)[0]
    assert "に内定を承諾しました（その後 辞退）。" in line
    assert 'class="ok-note" id="offer-accepted"' not in page
    assert 'id="offer-waiting"' not in page
