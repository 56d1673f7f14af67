"""Found by using the workbench as an adviser would: odd posts, out-of-range years, text in every hearing field."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import Complaint, Placement, Stage
from bonavi.agents.rules import note_problems
from bonavi.agents.tests.factories import HEARING, backdate, offer_as_posted, private_order, refer
from bonavi.agents.tests.html import error_beside

pytestmark = pytest.mark.django_db


def _japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def accepted(setup, candidate, employer):
    """A selection the candidate has accepted the offer of (placement not yet recorded)."""
    referral = refer(setup, candidate, private_order(setup, employer.organization).posting_id)
    for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
        offer = offer_as_posted(referral) if stage == Stage.OFFER else None
        services.referral_move(user=setup.ca, referral=referral, to_stage=stage, offer=offer)
    backdate(referral, dt.date(2026, 4, 1))  # placed below on 2026-04-01
    return referral


@pytest.mark.parametrize(
    "post",
    [
        {"action": "exit", "exit_on": "2026-08-01", "reason": "other"},
        {"action": "followup", "outcome": "stayed"},
    ],
)
def test_exit_or_follow_up_before_a_placement_is_a_message_not_a_500(setup, accepted, client, post):
    client.force_login(setup.ca)
    page = client.post(f"/agent/referrals/{accepted.pk}/", post)
    assert page.status_code == 422  # answered on the candidate page, in the referral's card
    assert page.content.decode().count("入社を記録してから") == 1


def test_placement_with_an_absurd_amount_is_refused_in_japanese(setup, accepted, client):
    client.force_login(setup.ca)
    url = f"/agent/referrals/{accepted.pk}/"
    page = client.post(
        url, {"action": "place", "joined_on": "2026-04-01", "expected_annual_pay": "9" * 25, "fee": "1"}
    )
    assert page.status_code == 422
    assert "予定年収は10億円以下で入力してください。" in error_beside(
        page.content.decode(), "expected_annual_pay"
    )
    assert not Placement.objects.exists()
    ok = {"action": "place", "joined_on": "2026-04-01", "expected_annual_pay": "4000000", "fee": "1200000"}
    client.post(url, ok)
    again = client.post(url, ok)  # a double submit
    assert again.status_code == 422 and "すでに記録" in again.content.decode()
    assert Placement.objects.count() == 1


@pytest.mark.parametrize("path", ["disclosure", "yearly-report"])
@pytest.mark.parametrize("year", ["0", "99999", "-1"])
def test_out_of_range_fiscal_year_is_a_japanese_422(setup, client, path, year):
    client.force_login(setup.boss)
    resp = client.get(f"/api/v1/agent/{path}?fiscal_year={year}")
    assert resp.status_code == 422, resp.content
    assert _japanese(resp.json()["detail"])
    assert client.get(f"/api/v1/agent/{path}?fiscal_year=2025").status_code == 200


@pytest.mark.parametrize("field", ["skills", "qualifications", "desired_occupations"])
def test_every_free_text_hearing_field_is_screened(setup, seeker, client, field):
    candidate = services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)
    client.force_login(setup.ca)
    resp = client.put(
        f"/api/v1/agent/candidates/{candidate.pk}/hearing",
        {**HEARING, field: "日商簿記2級。宗教は仏教、本籍は鹿児島"},
        content_type="application/json",
    )
    assert resp.status_code == 422, resp.content
    assert field in resp.json()["errors"]
    candidate.refresh_from_db()
    assert not hasattr(candidate, "hearing")


@pytest.mark.parametrize(
    "note",
    [
        "多国籍企業で連結決算を担当",
        "基幹システムの設計思想を理解して運用保守",
        "独身寮・社宅の管理（総務）",
        "外国籍の方の在留資格の手続きを担当",
        "従業員の資産形成（財形貯蓄）の事務",
        "家族経営の会社で経理全般",
        "20代のメンバー5名を指導",  # other people's ages
        "3代目社長の秘書を担当",  # a succession, not an age
    ],
)
def test_work_words_that_contain_a_topic_word_pass(note: str) -> None:
    assert note_problems(note) == []


@pytest.mark.parametrize(
    "note",
    [
        "家族と同居、転勤は不可",
        "持病があり、健康状態に不安がある",
        "家庭環境を考慮してほしい",
        "本人は30代前半",
        "25歳",
    ],
)
def test_family_health_and_age_of_the_person_are_refused(note: str) -> None:
    assert note_problems(note)


def test_employer_reads_the_sent_resume_as_labelled_text_not_json(setup, candidate, employer, client):
    from bonavi.agents.selectors import document_for_proposal
    from bonavi.documents.services import version_create

    version = version_create(
        owner=candidate.user,
        title="職務経歴書",
        data={
            "basics": {"name": "見本 花子", "summary": "経理事務を3年。" + "月次決算の補助。" * 60},
            "work": [
                {"name": "株式会社みほん", "summary": "仕訳入力と請求書発行", "highlights": ["締めを2日短縮"]}
            ],
        },
    )
    order = private_order(setup, employer.organization)
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    label, text = document_for_proposal(candidate.user, proposal, f"v{version.pk}")
    services.proposal_answer(
        user=candidate.user, proposal=proposal, accept=True, document_choice=label, document_text=text
    )
    referral = services.referral_send(user=setup.ca, proposal=proposal)
    client.force_login(employer)
    html = client.get(f"/agent/employer/referrals/{referral.pk}/").content.decode()
    assert "$schema" not in html and '"basics"' not in html and "{&quot;" not in html
    for shown in (
        "見本 花子",
        "職務要約",
        "経理事務を3年",
        "株式会社みほん",
        "仕訳入力と請求書発行",
        "締めを2日短縮",
    ):
        assert shown in html


def test_books_csv_does_not_carry_a_formula_from_a_name(setup, seeker, employer, client):
    """A seeker's display name is free text; in the 求職管理簿 opened in Excel it must stay text."""
    import csv
    import io

    from bonavi.agents.tests.factories import place, register

    seeker.display_name = '=HYPERLINK("https://evil.example","山田")'
    seeker.save()
    candidate = register(setup, seeker)
    candidate.display_name = seeker.display_name
    candidate.save()
    placement = place(
        setup, candidate, private_order(setup, employer.organization).posting_id, joined_on=_date(2026, 4, 1)
    )
    services.placement_exit(
        user=setup.ca, placement=placement, exit_on=_date(2026, 6, 1), reason="other", refund=600_000
    )
    client.force_login(setup.boss)
    for kind in ("seeker", "job", "fee"):
        body = client.get(f"/agent/books/{setup.office.pk}/{kind}.csv").content.decode("utf-8-sig")
        cells = [c for row in csv.reader(io.StringIO(body)) for c in row]
        assert not any(c.startswith(("=", "+", "@")) for c in cells), kind
        assert any("HYPERLINK" in c for c in cells), kind
    fee = list(
        csv.reader(
            io.StringIO(client.get(f"/agent/books/{setup.office.pk}/fee.csv").content.decode("utf-8-sig"))
        )
    )
    assert [row[2] for row in fee if row[1] == "返戻金"] == ["-600000"]  # the refund stays a number


def _date(y: int, m: int, d: int):
    import datetime as dt

    return dt.date(y, m, d)


def test_a_refused_complaint_says_which_field_and_why(setup, client):
    page = client.post(
        f"/agent/agencies/{setup.agency.slug}/complaint/",
        {"from_name": "山田", "contact": "yamada@example.com", "body": "対応が遅い。" * 700},
        follow=True,
    ).content.decode()
    body = page.split('id="field-body"', 1)[1].split('<div class="field', 1)[0]
    assert "4000" in body and page.count("4000 文字以下") == 1  # beside the field, and only there
    tag = re.search(r'<textarea name="body"[^>]*>', body)
    assert tag and "autofocus" in tag[0] and 'aria-invalid="true" aria-describedby="id_body_error"' in tag[0]
    assert "お名前・連絡先・内容を入力してください" not in page
    assert "対応が遅い。対応が遅い。" in page  # the text comes back in the form, not lost to a redirect
    refused = client.post(
        f"/agent/agencies/{setup.agency.slug}/complaint/", {"from_name": "山田", "body": "x"}
    )
    assert refused.status_code == 422 and 'value="山田"' in refused.content.decode()
    page = client.post(
        f"/agent/agencies/{setup.agency.slug}/complaint/", {"contact": "x", "body": "y"}, follow=True
    ).content.decode()
    assert (  # the field named (core.forms.name_required_fields), not Django's 「このフィールドは必須です」
        "お名前を入力してください。"
        in page.split('id="field-from_name"', 1)[1].split('<div class="field', 1)[0]
    )


def test_a_complaint_refused_from_my_agency_page_comes_back_there_once(setup, candidate, client):
    """Sent from /me/agency/<pk>/ it came back on the agency's public page (its `next` forgotten) with each error
    twice, in the messages and beside the field."""
    client.force_login(candidate.user)
    mine = f"/me/agency/{candidate.pk}/"
    url = f"/agent/agencies/{setup.agency.slug}/complaint/"
    assert f'name="next" value="{mine}"' in client.get(mine).content.decode()
    refused = client.post(
        url, {"next": mine, "from_name": "山田", "contact": "", "body": "対応が遅い。" * 700}
    )
    assert refused.status_code == 422 and "agents/my_agency.html" in [t.name for t in refused.templates]
    page = refused.content.decode()
    assert page.count("連絡先（メール・電話）を入力してください。") == 1 and page.count("4000 文字以下") == 1
    assert 'class="messages"' not in page
    assert "対応が遅い。対応が遅い。" in page and f'name="next" value="{mine}"' in page  # kept, to send again
    assert not Complaint.objects.exists()
    assert (
        page.count(f'<form method="post" action="{mine}" novalidate>') == 1
    )  # its contact form still posts to its page
    done = client.post(
        url, {"next": mine, "from_name": "山田", "contact": "a@b.example", "body": "対応が遅い。"}
    )
    assert done.status_code == 302 and done["Location"] == mine and Complaint.objects.count() == 1
    # someone else's registration is no place to go back to: the agency's page it is
    other = client.post(url, {"next": "/me/agency/999999/", "from_name": "山田", "contact": "", "body": "x"})
    assert other.status_code == 422 and "agents/agency_public.html" in [t.name for t in other.templates]


def test_applying_again_says_already_registered(setup, client):
    seeker = User.objects.create_user(
        email="again@seeker.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    client.force_login(seeker)
    url = f"/agent/agencies/{setup.agency.slug}/"
    first = client.post(url, {"consent": "on"}, follow=True).content.decode()
    assert "求職の申込みを受け付けました" in first
    second = client.post(url, {"consent": "on"}, follow=True).content.decode()
    assert "既に登録しています" in second and "求職の申込みを受け付けました" not in second


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("recommendation", "既婚の方です。落ち着いた人柄です。"),
        ("interview_prep", "支持政党を聞かれたら正直に答えましょう。"),
    ],
)
def test_the_recommendation_and_its_prep_are_screened_like_other_adviser_texts(
    setup, candidate, employer, field, text
):
    """The 推薦文 is the one adviser text that reaches the employer; it skipped the 指針 第5 screen."""
    from bonavi.agents.models import Referral

    posting_id = private_order(setup, employer.organization).posting_id
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting_id)
    services.proposal_answer(
        user=candidate.user, proposal=proposal, accept=True, document_choice="要約", document_text="経理3年"
    )
    with pytest.raises(services.AgentError) as exc:
        services.referral_send(user=setup.ca, proposal=proposal, **{field: text})
    assert exc.value.errors[field] and all(_japanese(m) for m in exc.value.errors[field])
    assert not Referral.objects.exists()
    services.referral_send(
        user=setup.ca, proposal=proposal, recommendation="月次決算の補助を3年担当。", interview_prep=""
    )
    assert Referral.objects.count() == 1


def test_a_topic_word_inside_a_longer_one_is_named_once() -> None:
    """「家族構成」 also holds 「家族」: the hearing page showed two messages for the one passage (s20, no-JS walk)."""
    problems = note_problems("家族構成は両親と同居。平日夜に連絡可")
    assert len(problems) == 1 and "「家族構成」" in problems[0]
    assert len(note_problems("家族構成は不明。家族と相談して決める")) == 2  # two passages: both named
