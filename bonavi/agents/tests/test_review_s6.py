"""Found by using the agents pages and API once more (session 6): what they accepted or said that they should not."""

from __future__ import annotations

import pytest

from bonavi.agents import books
from bonavi.agents.models import Complaint
from bonavi.agents.tests.html import error_beside
from bonavi.core.clock import today_jst

pytestmark = pytest.mark.django_db


def _complaint(client, slug: str, **over):
    data = {"from_name": "山田", "contact": "yamada@example.com", "body": "連絡が遅い。", **over}
    return client.post(f"/agent/agencies/{slug}/complaint/", data)


@pytest.mark.parametrize("contact", ["not-a-contact", "yamada@", "03-12"])
def test_a_complaint_contact_the_agency_cannot_reply_to_is_refused(setup, client, contact):
    refused = _complaint(client, setup.agency.slug, contact=contact)
    assert refused.status_code == 422
    beside = error_beside(refused.content.decode(), "contact")
    assert "連絡先" in beside, beside
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("contact", ["yamada@example.com", "０９０ー１２３４ー５６７８", "03-1234-5678"])
def test_a_complaint_with_an_e_mail_or_phone_contact_is_taken(setup, client, contact):
    assert _complaint(client, setup.agency.slug, contact=contact).status_code == 302
    assert Complaint.objects.count() == 1


def test_a_complaint_sent_twice_in_a_row_is_one_complaint(setup, client):
    first = _complaint(client, setup.agency.slug)
    second = _complaint(client, setup.agency.slug)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Complaint.objects.count() == 1
    # a different complaint from the same person is its own
    assert _complaint(client, setup.agency.slug, body="説明がなかった。").status_code == 302
    assert Complaint.objects.count() == 2


def test_an_unknown_office_is_said_beside_the_office_field(setup, client):
    refused = _complaint(client, setup.agency.slug, office="999")
    assert refused.status_code == 422
    beside = error_beside(refused.content.decode(), "office")
    assert "事業所" in beside, beside
    assert not Complaint.objects.exists()


def _intake_data(employer_pk: int, **over):
    from bonavi.jobs.tests.factories import posting_data

    data = {k: v for k, v in posting_data().items() if v is not None and k != "visibility"}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    data.update(
        employer=employer_pk, start_time="09:00", end_time="18:00", self_declaration="on", openings="1"
    )
    data.update(over)
    return data


def test_an_intake_contact_person_with_markup_is_refused_beside_it(setup, employer, client):
    from bonavi.agents.models import JobOrder

    client.force_login(setup.ra)
    page = client.post(
        "/agent/orders/new/", _intake_data(employer.organization.pk, contact_person="<b>x</b>")
    )
    assert "HTMLタグ" in error_beside(page.content.decode(), "contact_person")
    assert not JobOrder.objects.exists()


def test_same_name_employers_can_be_told_apart_in_the_intake_list(setup, employer, client):
    from bonavi.accounts.models import Organization

    employer.organization.address = "東京都千代田区1-1"
    employer.organization.save()
    twin = Organization.objects.create(name=employer.organization.name, address="大阪府大阪市北区2-2")
    client.force_login(setup.ra)
    page = client.get("/agent/orders/new/").content.decode()
    select = page.split('name="employer"', 1)[1].split("</select>", 1)[0]
    own = f'<option value="{employer.organization.pk}">{employer.organization.name}（東京都）</option>'
    other = f'<option value="{twin.pk}">{twin.name}（大阪府）</option>'
    assert own in select and other in select, select
    # same name, same prefecture: the number tells them apart
    triplet = Organization.objects.create(name=twin.name, address="大阪府堺市3-3")
    select = client.get("/agent/orders/new/").content.decode().split('name="employer"', 1)[1]
    assert f"（大阪府・No.{twin.pk}）" in select and f"（大阪府・No.{triplet.pk}）" in select


def test_the_intake_service_refuses_a_contact_person_with_markup(setup, employer):
    from bonavi.agents import services
    from bonavi.agents.models import JobOrder
    from bonavi.jobs.tests.factories import posting_data

    with pytest.raises(services.AgentError) as refused:
        services.job_order_intake(
            user=setup.ra,
            employer=employer.organization,
            data=posting_data(),
            self_declaration=True,
            contact_person='<a href="x">人事</a>',
        )
    assert "HTMLタグ" in refused.value.errors["contact_person"][0]
    assert not JobOrder.objects.exists()


def test_the_records_page_names_the_year_in_japanese_and_scrolls_its_wide_table(setup, client):
    client.force_login(setup.boss)
    page = client.get("/agent/records/").content.decode()
    report = page.split("事業報告", 1)[1]
    assert "fiscal_year" not in page
    assert f'<h3 id="report-year">{books.published_fiscal_year(today_jst())}年度' in report
    # the 成約 table sits in a scroll container named by the table's visible caption, reachable by keyboard
    wrap = page.split('class="table-scroll"', 1)[1].split(">", 1)[0]
    assert (
        'role="region"' in wrap and 'tabindex="0"' in wrap and 'aria-labelledby="placements-caption"' in wrap
    )
    assert '<caption id="placements-caption">' in page


def _api(user):
    from django.test import Client

    api = Client()
    api.force_login(user)
    return api


def test_an_unknown_initiated_by_is_said_in_the_pages_words(setup, candidate, employer):
    from bonavi.agents.models import Proposal
    from bonavi.agents.tests.factories import private_order

    order = private_order(setup, employer.organization)
    resp = _api(setup.ca).post(
        f"/api/v1/agent/candidates/{candidate.pk}/proposals",
        {"posting_id": order.posting_id, "initiated_by": "seeker"},
        content_type="application/json",
    )
    assert resp.status_code == 422
    detail = resp.json()["detail"]
    assert "initiated_by は" not in detail
    assert "提案のきっかけ" in detail and "「事業者から提案」" in detail and "「求職者からの希望」" in detail
    assert resp.json()["errors"]["initiated_by"] == [detail]
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    "comment", ["女性歓迎の職場です。", "20代歓迎のチームです。", "35歳以下の方が対象です。"]
)
def test_a_proposal_comment_with_sex_or_age_wording_is_refused_on_the_page_and_the_api(
    setup, candidate, employer, client, comment
):
    from bonavi.agents.models import Proposal
    from bonavi.agents.tests.factories import private_order

    order = private_order(setup, employer.organization)
    resp = _api(setup.ca).post(
        f"/api/v1/agent/candidates/{candidate.pk}/proposals",
        {"posting_id": order.posting_id, "comment": comment},
        content_type="application/json",
    )
    assert resp.status_code == 422, resp.json()
    said = " ".join(resp.json()["errors"]["comment"])
    assert "提案コメント：「" in said and ("性別" in said or "年齢" in said), (
        said
    )  # the posting rule's own words
    client.force_login(setup.ca)
    page = client.post(
        f"/agent/candidates/{candidate.pk}/propose/", {"posting": [order.posting_id], "comment": comment}
    )
    assert page.status_code == 422
    form = page.content.decode().split('id="propose"', 1)[1].split("</form>", 1)[0]
    assert "提案コメント" in error_beside(form, "comment")
    assert not Proposal.objects.exists()


def test_a_proposal_comment_stating_facts_is_taken(setup, candidate, employer):
    from bonavi.agents import services
    from bonavi.agents.tests.factories import private_order

    order = private_order(setup, employer.organization)
    proposal = services.proposal_create(
        user=setup.ca,
        candidate=candidate,
        posting_id=order.posting_id,
        comment="女性も男性も活躍中の職場です。",
    )
    assert proposal.comment == "女性も男性も活躍中の職場です。"


def test_an_unknown_stage_lists_the_stages_by_name(referral, employer):
    from bonavi.agents.models import Referral, Stage

    resp = _api(employer).post(
        f"/api/v1/agent/referrals/{referral.pk}/stage",
        {"to_stage": "passed"},
        content_type="application/json",
    )
    assert resp.status_code == 422
    said = resp.json()["errors"]["to_stage"][0]
    for stage in Stage:
        assert f"「{stage.label}」（{stage.value}）" in said, said
    assert Referral.objects.get(pk=referral.pk).stage == Stage.RECOMMENDED


def _refused(call, field: str, limit: int) -> None:
    from bonavi.agents import services

    with pytest.raises(services.AgentError) as refused:
        call()
    said = " ".join(refused.value.errors[field])
    assert f"{limit:,}文字以内" in said, said  # 4,000: core.text.too_long groups digits


def test_the_services_refuse_an_over_long_text_instead_of_cutting_it(setup, candidate, referral, employer):
    """They kept the first 4,000 (500, 100, 120) characters without a word: a caller other than the pages and the
    API (a command, a future screen) is told the limit instead, and nothing is stored."""
    from bonavi.agents import services
    from bonavi.agents.models import Complaint, JobOrder, Proposal, StageEvent
    from bonavi.agents.tests.factories import private_order
    from bonavi.jobs.tests.factories import posting_data

    order = private_order(setup, employer.organization)
    proposals, orders, events = Proposal.objects.count(), JobOrder.objects.count(), StageEvent.objects.count()
    _refused(
        lambda: services.proposal_create(
            user=setup.ca, candidate=candidate, posting_id=order.posting_id, comment="あ" * 4001
        ),
        "comment",
        4000,
    )
    _refused(
        lambda: services.referral_move(
            user=employer, referral=referral, to_stage="interview1", note="あ" * 501
        ),
        "note",
        500,
    )
    for over in ({"contact_person": "あ" * 101}, {"data": posting_data(title="経理" * 61)}):
        kwargs = {"data": posting_data(), "contact_person": "", **over}
        _refused(
            lambda kwargs=kwargs: services.job_order_intake(
                user=setup.ra, employer=employer.organization, self_declaration=True, **kwargs
            ),
            "contact_person" if "contact_person" in over else "title",
            100 if "contact_person" in over else 120,
        )
    _refused(
        lambda: services.complaint_file(
            user=None,
            agency_slug=setup.agency.slug,
            from_name="山田",
            contact="yamada@example.com",
            body="あ" * 4001,
            wants_in_person=False,
        ),
        "body",
        4000,
    )
    assert Proposal.objects.count() == proposals and JobOrder.objects.count() == orders
    assert StageEvent.objects.count() == events and not Complaint.objects.exists()


def test_an_over_long_recommendation_is_refused_by_the_service(setup, candidate, employer):
    from bonavi.agents import services
    from bonavi.agents.models import Referral
    from bonavi.agents.tests.factories import private_order

    order = private_order(setup, employer.organization)
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    services.proposal_answer(
        user=candidate.user, proposal=proposal, accept=True, document_choice="要約", document_text="経理3年"
    )
    _refused(
        lambda: services.referral_send(user=setup.ca, proposal=proposal, recommendation="あ" * 4001),
        "recommendation",
        4000,
    )
    assert not Referral.objects.filter(proposal=proposal).exists()


def test_the_intake_page_says_the_limit_of_the_contact_person(setup, employer, client):
    from bonavi.agents.models import JobOrder

    client.force_login(setup.ra)
    page = client.post(
        "/agent/orders/new/", _intake_data(employer.organization.pk, contact_person="あ" * 101)
    )
    assert "100文字以内" in error_beside(page.content.decode(), "contact_person")
    assert not JobOrder.objects.exists()


def test_a_complaint_name_stays_on_one_line_in_the_mail_to_the_responsible_person(setup, client):
    # The name opens the mail to the 職業紹介責任者; a line break let the sender write above it.
    from bonavi.notifications.models import OutboxMessage

    assert _complaint(client, setup.agency.slug, from_name="山田\r\n至急：返金します\n").status_code == 302
    assert Complaint.objects.get().from_name == "山田 至急：返金します"
    body = OutboxMessage.objects.latest("pk").body_text
    assert "山田 至急：返金します" in body and "山田\n" not in body


def test_a_too_long_hearing_text_is_named_by_its_field() -> None:
    from bonavi.agents.services import hearing_problems

    assert hearing_problems({"reasons": "あ" * 4001}) == {
        "reasons": ["相談のきっかけ（就職・転職の理由）は4,000文字以内で入力してください。"]
    }


def test_an_intake_the_service_refuses_says_why_beside_each_forms_field(setup, employer, client, monkeypatch):
    """The service's reasons were put at the top of the page although they name fields of the two forms: the
    posting's title and the order's contact_person (the forms check the same limits; the service is the last word)."""
    from bonavi.agents import services
    from bonavi.agents.models import JobOrder
    from bonavi.agents.tests.html import focused

    def refuse(**_kwargs):
        raise services.AgentError(
            {
                "title": ["求人タイトルは120文字以内"],
                "contact_person": ["担当者は100文字以内"],
                "__all__": ["全体"],
            }
        )

    monkeypatch.setattr(services, "job_order_intake", refuse)
    client.force_login(setup.ra)
    resp = client.post("/agent/orders/new/", _intake_data(employer.organization.pk))
    page = resp.content.decode()
    assert resp.status_code == 422
    assert "求人タイトルは120文字以内" in error_beside(page, "title")
    assert "担当者は100文字以内" in error_beside(page, "contact_person")
    assert '<ul class="messages">' not in page and page.count("全体") == 1
    assert focused(page, "contact_person")  # the order form comes first on the page
    assert not JobOrder.objects.exists()
