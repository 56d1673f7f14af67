"""Profile, favourites and compare, applications with their timeline and e-mails, consent, マイデータ, deletion."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from bonavi.accounts.models import ApiToken, LoginAttempt, User
from bonavi.jobs.models import JobPosting, Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import MessageStatus, OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.helpers import due_search
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.seekers import compare, mydata, services
from bonavi.seekers.models import Application, ApplicationEvent, ConsentRecord, SeekerProfile
from bonavi.seekers.privacy import NOTICE_VERSION

from .conftest import PROFILE

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Profile ---------------------------------------------------------------------------------------------------


def test_profile_has_no_field_the_law_forbids_and_gender_is_free_text() -> None:
    names = {f.name for f in SeekerProfile._meta.get_fields()}
    forbidden_fields = (
        "honseki",
        "birthplace",
        "family_job",
        "family_income",
        "religion",
        "political",
        "union",
        "housing",
        "spouse",
        "dependents",
        "newspaper",
        "respected_person",
    )
    for forbidden in forbidden_fields:
        assert not any(forbidden in n for n in names), forbidden
    gender = SeekerProfile._meta.get_field("gender")
    assert not gender.choices and gender.blank


def test_profile_form_saves_rows_and_explains_bad_input(seeker: User) -> None:
    client = _client(seeker)
    form = {
        **PROFILE,
        "family_name_kana": "山田",  # not a reading: refused
        "phone": "abc",
        "situation": "student",
        "desired_families": ["accounting"],
        "desired_prefectures": ["13", "14"],
        "pc_excel_pivot": "2",
        "history-TOTAL_FORMS": "1",
        "history-INITIAL_FORMS": "0",
        "history-0-kind": "education",
        "history-0-year": "2020",
        "history-0-month": "3",
        "history-0-text": "東京都立青山高等学校 卒業",
        "qual-TOTAL_FORMS": "2",
        "qual-INITIAL_FORMS": "0",
        "qual-0-code": "toeic",
        "qual-0-score": "650",
        "qual-0-acquired_year": "2024",
        "qual-1-name": "簿記能力検定2級",
    }
    response = client.post("/me/profile/", form)
    assert response.status_code == 422
    page = response.content.decode()
    assert "ふりがなはひらがなで入力してください" in page and "電話番号に使えない文字「a」「b」「c」" in page
    assert not SeekerProfile.objects.filter(user=seeker).exists()

    # Katakana, full- or half-width, is the reading people often type: it is stored as hiragana, not refused.
    form.update(family_name_kana="ヤマダ", given_name_kana="ﾊﾅｺ", phone="090-1234-5678")
    assert client.post("/me/profile/", form).status_code == 302
    profile = SeekerProfile.objects.get(user=seeker)
    assert (profile.family_name_kana, profile.given_name_kana) == ("やまだ", "はなこ")
    assert profile.desired_prefectures == ["13", "14"] and profile.pc_skills == {"excel_pivot": 2}
    assert [h.text for h in profile.history.all()] == ["東京都立青山高等学校 卒業"]
    quals = {q.name: q.score for q in profile.qualifications.all()}
    assert quals == {"TOEIC Listening & Reading Test": 650, "簿記能力検定2級": None}


@pytest.mark.parametrize(
    ("unit", "amount", "ok"),
    [
        ("month", "25", False),
        ("month", "250000", True),
        ("hour", "1", False),
        ("hour", "1200", True),
        ("year", "400", False),
        ("day", "10000", True),
    ],
)
def test_desired_pay_typed_in_man_yen_is_refused_not_stored(
    seeker: User, unit: str, amount: str, ok: bool
) -> None:
    """希望年収 beside it is in 万円, so 「月給 25」 meant 25万円; stored as 25円 it made every posting match the pay."""
    form = {
        **PROFILE,
        "desired_pay_unit": unit,
        "desired_pay_min": amount,
        "history-TOTAL_FORMS": "0",
        "history-INITIAL_FORMS": "0",
        "qual-TOTAL_FORMS": "0",
        "qual-INITIAL_FORMS": "0",
    }
    response = _client(seeker).post("/me/profile/", form)
    if ok:
        assert response.status_code == 302
        assert SeekerProfile.objects.get(user=seeker).desired_pay_min == int(amount)
    else:
        assert response.status_code == 422
        assert "は低すぎます。希望給与は円で入力してください" in response.content.decode()
        assert not SeekerProfile.objects.filter(user=seeker).exists()


@pytest.mark.parametrize(
    ("birth", "history_year", "acquired_year", "field", "message"),
    [
        ("1899-05-01", 2020, 2023, "birth_date", "1920年以降"),
        ("2020-05-01", 2020, 2023, "birth_date", "15歳未満"),
        ("2000-05-01", 2100, 2023, "history.0.year", "学歴・職歴の年を確認"),
        ("2000-05-01", 2020, 2099, "qualifications.0.acquired_year", "取得年が未来"),
        ("2000-05-01", 2030, 2023, None, None),  # 卒業見込み a few years ahead is fine
    ],
)
def test_implausible_years_are_refused_and_nothing_is_stored(
    seeker: User, birth: str, history_year: int, acquired_year: int, field: str | None, message: str | None
) -> None:
    call = dict(
        user=seeker,
        data={**PROFILE, "birth_date": dt.date.fromisoformat(birth)},
        history=[{"kind": "education", "year": history_year, "month": 3, "text": "青山大学 卒業見込み"}],
        qualifications=[{"code": "boki3", "acquired_year": acquired_year, "acquired_month": 6}],
    )
    if field is None:
        services.profile_update(**call)
        assert SeekerProfile.objects.filter(user=seeker).exists()
        return
    with pytest.raises(services.SeekerInvalid) as exc:
        services.profile_update(**call)
    assert message is not None and message in " ".join(exc.value.errors[field])
    assert not SeekerProfile.objects.filter(user=seeker).exists()


def test_phone_and_postal_code_typed_in_full_width_are_stored_half_width(seeker: User) -> None:
    data = {**PROFILE, "phone": "０９０ー１２３４ー５６７８", "postal_code": "〒１５０ー０００１"}
    services.profile_update(user=seeker, data=data)
    profile = SeekerProfile.objects.get(user=seeker)
    assert (profile.phone, profile.postal_code) == ("090-1234-5678", "150-0001")
    # …and through the profile page, where people type with the IME on
    form = {**PROFILE, **{k: v for k, v in data.items() if k in ("phone", "postal_code")}}
    form.update({f"{p}-{n}": "0" for p in ("history", "qual") for n in ("TOTAL_FORMS", "INITIAL_FORMS")})
    form["phone"] = "０３ー１２３４ー５６７８"
    assert _client(seeker).post("/me/profile/", form).status_code == 302
    profile.refresh_from_db()
    assert (profile.phone, profile.postal_code) == ("03-1234-5678", "150-0001")


def test_profile_api_round_trip_and_japanese_errors(seeker: User) -> None:
    client = _client(seeker)
    payload = {
        **PROFILE,
        "pc_skills": {"excel_macro": 1},
        "desired_pay_unit": "month",
        "desired_pay_min": 220000,
        "qualifications": [{"code": "boki2", "acquired_year": 2025, "acquired_month": 2}],
    }
    response = client.put("/api/v1/me/profile", payload, content_type="application/json")
    assert response.status_code == 200, response.content
    data = client.get("/api/v1/me/profile").json()
    assert (
        data["family_name"] == "山田" and data["qualifications"][0]["name"] == "日本商工会議所簿記検定試験2級"
    )
    katakana = client.put(
        "/api/v1/me/profile",
        {**payload, "family_name_kana": "ヤマダ", "given_name_kana": "ｼﾞｭﾝｺ"},
        content_type="application/json",
    )
    assert katakana.status_code == 200, katakana.content  # converted, as the form does
    assert (katakana.json()["family_name_kana"], katakana.json()["given_name_kana"]) == ("やまだ", "じゅんこ")
    bad = client.put(
        "/api/v1/me/profile",
        {**payload, "pc_skills": {"excel_macro": 7}, "desired_prefectures": ["99"]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    errors = bad.json()["errors"]
    assert "0〜3" in errors["pc_skills"][0] and "希望勤務地" in errors["desired_prefectures"][0]
    markup = client.put(
        "/api/v1/me/profile", {**payload, "experience": "<script>x</script>"}, content_type="application/json"
    )
    assert markup.status_code == 422 and "HTMLタグ" in markup.json()["errors"]["experience"][0]


# Favourites and compare ------------------------------------------------------------------------------------


def test_favourite_star_works_without_javascript(seeker: User, posting: JobPosting) -> None:
    client = _client(seeker)
    page = client.get("/jobs/").content.decode()
    assert f'action="/me/favorites/{posting.pk}/"' in page and "☆ お気に入り" in page
    response = client.post(f"/me/favorites/{posting.pk}/", {"next": "/jobs/"})
    assert response.status_code == 302 and response["Location"] == f"/jobs/#job-{posting.pk}"
    detail = client.get(f"/jobs/{posting.pk}/").content.decode()
    assert "★ お気に入り" in detail and "この求人に応募する" in detail
    away = client.post(f"/me/favorites/{posting.pk}/", {"action": "remove", "next": "https://evil.example/"})
    # never elsewhere: the posting's own page, at its ☆
    assert not seeker.favorites.exists() and away["Location"] == f"/jobs/{posting.pk}/#job-{posting.pk}"


def test_private_posting_cannot_be_favourited_by_a_seeker(seeker: User, employer: User) -> None:
    assert employer.organization is not None
    hidden = make_posting(employer.organization, visibility=Visibility.PRIVATE)
    _client(seeker).post(f"/me/favorites/{hidden.pk}/")
    assert not seeker.favorites.exists()
    api = _client(seeker).put(f"/api/v1/me/favorites/{hidden.pk}")
    assert api.status_code == 404


def test_compare_normalises_pay_and_marks_differences(seeker: User, employer: User) -> None:
    org = employer.organization
    assert org is not None
    monthly = make_posting(
        org,
        title="月給の求人",
        wage_unit="month",
        wage_min=240_000,
        wage_max=None,
        annual_holidays=125,
        overtime_monthly_hours=10,
    )
    hourly = make_posting(
        org,
        title="時給の求人",
        wage_unit="hour",
        wage_min=1_500,
        wage_max=None,
        employment_type="part",
        scheduled_monthly_hours=120,
        annual_holidays=120,
        overtime_exists=False,
        overtime_monthly_hours=None,
    )
    unit, rows = compare.compare_rows([monthly, hourly])
    assert unit == "月給"
    pay = rows[0]
    assert pay.cells[0].text == "240,000円" and pay.cells[1].text == "180,000円（換算）"
    assert pay.cells[0].best and not pay.cells[1].best and pay.differs
    assert "時給×月平均所定労働時間120時間" in pay.note
    by_label = {r.label: r for r in rows}
    assert by_label["残業"].cells[1].best and by_label["休日"].cells[0].best
    assert not by_label["加入保険"].differs

    for p in (monthly, hourly):
        _client(seeker).post(f"/me/favorites/{p.pk}/")
    page = _client(seeker).get(f"/me/compare/?ids={monthly.pk}&ids={hourly.pk}")
    html = page.content.decode()
    assert page.status_code == 200 and "給与（月給に換算）" in html and "違いあり" in html
    api = _client(seeker).get(f"/api/v1/me/compare?ids={monthly.pk},{hourly.pk}").json()
    assert api["pay_unit"] == "月給" and api["rows"][0]["values"] == ["240,000円", "180,000円（換算）"]
    one = _client(seeker).get(f"/me/compare/?ids={monthly.pk}")
    assert one.status_code == 302


def test_hourly_only_compare_stays_hourly(employer: User) -> None:
    org = employer.organization
    assert org is not None
    a = make_posting(org, wage_unit="hour", wage_min=1200, wage_max=1400, employment_type="part")
    b = make_posting(org, wage_unit="hour", wage_min=1300, wage_max=None, employment_type="part")
    unit, rows = compare.compare_rows([a, b])
    assert unit == "時給" and rows[0].cells[0].text == "1,200円〜1,400円" and rows[0].cells[1].best


# Applications ----------------------------------------------------------------------------------------------


def test_apply_needs_name_and_contact(seeker: User, posting: JobPosting) -> None:
    with pytest.raises(services.SeekerInvalid) as exc:
        services.application_create(user=seeker, posting_id=posting.pk)
    assert "姓・名・せい（ふりがな）・めい（ふりがな）・電話番号" in exc.value.errors["__all__"][0]
    assert not Application.objects.exists()


def test_apply_move_and_withdraw_with_timeline_and_mails(
    smtp_inbox: Inbox, profiled_seeker: User, employer: User, posting: JobPosting
) -> None:
    seeker_client = _client(profiled_seeker)
    response = seeker_client.post(
        f"/me/apply/{posting.pk}/", {"message": "未経験ですが簿記3級を持っています。"}
    )
    assert response.status_code == 302
    app = Application.objects.get()
    assert app.profile_snapshot["family_name"] == "山田" and app.status == "applied"
    again = seeker_client.post(
        "/api/v1/me/applications", {"posting_id": posting.pk}, content_type="application/json"
    )
    assert again.status_code == 422 and "既に応募" in again.json()["errors"]["__all__"][0]
    # 応募受付 to the seeker and a notice to the employer, once each (the refused second try sends nothing);
    # the employer's mail links to the applicant page but carries no personal data.
    outbox_drain()
    received = smtp_inbox.wait_for(2)
    assert len(received) == 2
    by_to = {str(m["To"]): text_of(m) for m in received}
    assert set(by_to) == {profiled_seeker.email, employer.email}
    assert (
        "応募を受け付け" in by_to[profiled_seeker.email]
        and f"/me/applications/{app.pk}/" in by_to[profiled_seeker.email]
    )
    assert "新しい応募" in by_to[employer.email] and f"/applicants/{app.pk}/" in by_to[employer.email]
    assert "山田" not in by_to[employer.email] and profiled_seeker.email not in by_to[employer.email]
    smtp_inbox.clear()

    employer_client = _client(employer)
    moved = employer_client.post(
        f"/applicants/{app.pk}/", {"status": "screening", "note": "書類を拝見します。"}
    )
    assert moved.status_code == 302
    back = employer_client.post(f"/applicants/{app.pk}/", {"status": "screening", "note": "再送します。"})
    assert back.status_code == 422 and "「書類選考」からは" in back.content.decode()
    assert ">\n再送します。</textarea>" in back.content.decode()  # kept, to be sent with a valid step
    employer_client.post(f"/applicants/{app.pk}/", {"status": "interview", "note": "12月3日 10時に面接"})
    outbox_drain()
    msgs = smtp_inbox.wait_for(2)
    assert [str(m["To"]) for m in msgs] == [profiled_seeker.email] * 2
    assert "「書類選考」" in text_of(msgs[0]) and "12月3日 10時に面接" in text_of(msgs[1])
    assert f"/me/applications/{app.pk}/" in text_of(msgs[1])

    page = seeker_client.get(f"/me/applications/{app.pk}/").content.decode()
    # The timeline lists every step whatever the status: what it says is which are done and which is current.
    timeline = page.split('<ol class="timeline"', 1)[1].split("</ol>", 1)[0]
    steps = re.findall(r'<li class="([^"]*)">\s*<span class="step">([^<]+)</span>', timeline)
    assert [(label, cls.split()) for cls, label in steps] == [
        ("応募済", ["done"]),
        ("書類選考", ["done"]),
        ("面接", ["done", "current"]),
        ("内定", []),
        ("入社", []),
    ]
    assert "12月3日 10時に面接" in page

    smtp_inbox.clear()
    # 辞退 asks for a ticked box (it told the employer at one tap, for good): without it nothing happens, and the
    # reason is beside the focused box, in this response
    page = seeker_client.get(f"/me/applications/{app.pk}/").content.decode()
    assert 'name="confirm" required' in page.split('id="withdraw"', 1)[1].split("</form>", 1)[0]
    refused = seeker_client.post(f"/me/applications/{app.pk}/withdraw/")
    app.refresh_from_db()
    assert refused.status_code == 422 and app.status == "interview"
    form = refused.content.decode().split('id="withdraw"', 1)[1].split("</form>", 1)[0]
    assert "辞退する場合は、「この応募を辞退します」にチェックを入れてください。" in form
    assert 'autofocus aria-invalid="true" aria-describedby="withdraw-error"' in form
    outbox_drain()
    assert smtp_inbox.wait_for(1, timeout=0.3) == []  # the employer was not told
    url = f"/me/applications/{app.pk}/withdraw/"
    assert seeker_client.post(url, {"confirm": "on"}).status_code == 302
    app.refresh_from_db()
    assert app.status == "withdrawn"
    outbox_drain()
    withdrawn = smtp_inbox.wait_for(1)
    assert [str(m["To"]) for m in withdrawn] == [employer.email] and "辞退" in text_of(withdrawn[0])
    assert len(smtp_inbox.wait_for(2, timeout=0.3)) == 1  # once
    events = list(ApplicationEvent.objects.filter(application=app).values_list("to_status", "actor_role"))
    assert events == [
        ("applied", "seeker"),
        ("screening", "employer"),
        ("interview", "employer"),
        ("withdrawn", "seeker"),
    ]
    # refused because the applicant withdrew meanwhile: the form is gone, but the 連絡事項 typed is kept
    late = employer_client.post(f"/applicants/{app.pk}/", {"status": "offer", "note": "内定のご連絡です。"})
    assert late.status_code == 422 and "終了しているため" in late.content.decode()
    assert "readonly>内定のご連絡です。</textarea>" in late.content.decode()
    # 「この求人に応募する」 again: say why it cannot be, not 「既に応募しています」.
    again_page = seeker_client.get(f"/me/apply/{posting.pk}/", follow=True).content.decode()
    assert "辞退済みです" in again_page and "既に応募しています" not in again_page


def test_applications_list_shows_each_with_its_last_update(
    profiled_seeker: User, posting: JobPosting
) -> None:
    """The list took the last event with `|last` on a QuerySet (no negative indexing): a 500 once a seeker had
    applied anywhere."""
    client = _client(profiled_seeker)
    assert client.post(f"/me/apply/{posting.pk}/", {"message": "よろしくお願いします。"}).status_code == 302
    response = client.get("/me/applications/")
    assert response.status_code == 200
    html = response.content.decode()
    assert posting.title in html and "応募済" in html and "更新）" in html
    assert "<h3" not in html  # the cards' titles are h2 under the page's h1, no level skipped


def test_cannot_apply_to_private_or_closed_posting(profiled_seeker: User, employer: User) -> None:
    assert employer.organization is not None
    hidden = make_posting(employer.organization, visibility=Visibility.PRIVATE)
    closed = make_posting(employer.organization, status="closed")
    for p in (hidden, closed):
        assert _client(profiled_seeker).get(f"/me/apply/{p.pk}/").status_code == 404
        api = _client(profiled_seeker).post(
            "/api/v1/me/applications", {"posting_id": p.pk}, content_type="application/json"
        )
        assert api.status_code == 422 and "応募できません" in api.json()["errors"]["posting_id"][0]


def test_a_double_submitted_application_lands_on_the_application_that_was_sent(
    profiled_seeker: User, posting: JobPosting, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A double click: the second POST lost the race and got the apply form back, with 「既に応募しています」
    under a live 「応募する」 button, so the person could not tell whether the application had gone."""
    real = services.application_create

    def other_click_wins(**kwargs: object) -> Application:
        real(**kwargs)  # the first POST of the double click, committed meanwhile
        return real(**kwargs)

    monkeypatch.setattr(services, "application_create", other_click_wins)
    client = _client(profiled_seeker)
    response = client.post(f"/me/apply/{posting.pk}/", {"message": "よろしくお願いします。"})
    sent = Application.objects.get(applicant=profiled_seeker)
    assert response.status_code == 302 and response["Location"] == f"/me/applications/{sent.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "この求人には既に応募しています。" in page and "応募する</button>" not in page


def test_application_page_does_not_link_to_a_posting_no_longer_shown(
    application: Application, posting: JobPosting
) -> None:
    """The title linked to the job page, which is a 404 once the posting is closed: mid-selection, the person
    followed it and read 「ページが見つかりません」."""
    assert application.applicant is not None
    client = _client(application.applicant)
    page = client.get(f"/me/applications/{application.pk}/").content.decode()
    assert f'href="/jobs/{posting.pk}/"' in page
    JobPosting.objects.filter(pk=posting.pk).update(status="closed")
    page = client.get(f"/me/applications/{application.pk}/").content.decode()
    assert f'href="/jobs/{posting.pk}/"' not in page
    assert posting.title in page and "掲載は終了しています" in page


# Privacy ---------------------------------------------------------------------------------------------------


def test_signup_records_consent_with_version_and_shows_purposes() -> None:
    client = Client()
    page = client.get("/accounts/signup/").content.decode()
    assert "新着求人を、選んだ頻度でメールでお知らせするため" in page
    client.post(
        "/accounts/signup/",
        {
            "account_type": "seeker",
            "email": "new@example.com",
            "password1": "kanri-Bu-2026!",
            "password2": "kanri-Bu-2026!",
            "agree": "on",
        },
    )
    # The account, and its consent, exist only once the mailed link is followed (仮登録 → 本登録, ADR 0071).
    assert not ConsentRecord.objects.exists()
    link = re.search(r"/accounts/signup/confirm/\S+/", mail.outbox[0].body)
    assert link is not None
    client.post(link.group(0))
    consent = ConsentRecord.objects.get(user__email="new@example.com")
    assert consent.version == NOTICE_VERSION and len(consent.purposes) == 4


def test_data_of_a_model_without_an_exporter_is_still_exported(
    profiled_seeker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model pointing at the user that nobody wrote an exporter for is exported row by row anyway."""
    ApiToken.issue(user=profiled_seeker, name="登録し忘れたモデルの例")
    monkeypatch.delitem(mydata.EXPORTED, "accounts.ApiToken")
    data = mydata.mydata_export(user=profiled_seeker)
    rows = data["other_data"]["accounts.ApiToken"]
    assert rows[0]["name"] == "登録し忘れたモデルの例" and rows[0]["user_id"] == profiled_seeker.pk
    json.dumps(data)  # everything in it is JSON


def test_export_contains_everything(
    application: Application, profiled_seeker: User, posting: JobPosting
) -> None:
    services.favorite_add(user=profiled_seeker, posting_id=posting.pk)
    due_search(profiled_seeker, "q=経理", name="経理の新着")
    services.consent_record(user=profiled_seeker)
    ApiToken.issue(user=profiled_seeker, name="家のPC")
    LoginAttempt.objects.create(email=profiled_seeker.email, ip="192.0.2.1")
    response = _client(profiled_seeker).get("/me/privacy/export.json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["family_name"] == "山田" and data["profile"]["education"][0]["year"] == 2020
    assert data["profile"]["qualifications"][0]["name"] == "日本商工会議所簿記検定試験3級"
    assert data["favorites"][0]["posting_id"] == posting.pk
    assert data["applications"][0]["message"] == "よろしくお願いします"
    assert data["applications"][0]["timeline"][0]["status"] == "応募済"
    assert data["saved_searches"][0]["name"] == "経理の新着"
    assert data["consents"][0]["version"] == NOTICE_VERSION
    assert data["api_tokens"][0]["name"] == "家のPC" and data["failed_logins"][0]["ip"] == "192.0.2.1"
    page = _client(profiled_seeker).get("/me/privacy/export/").content.decode()
    for text in ("山田", "経理の新着", "東京都立青山高等学校 卒業", "家のPC"):
        assert text in page


def test_export_page_shows_times_in_japan_time(application: Application, profiled_seeker: User) -> None:
    """The page cut the JSON's UTC ISO strings at 16 characters: an application sent at 9:35 read
    「2026-11-26T00:35」, nine hours off and with a T in it."""
    sent = dt.datetime(2026, 4, 1, 0, 35, tzinfo=dt.UTC)  # 2026年4月1日 9:35 in Japan
    Application.objects.filter(pk=application.pk).update(created_at=sent)
    ApplicationEvent.objects.filter(application=application).update(created_at=sent)
    page = _client(profiled_seeker).get("/me/privacy/export/").content.decode()
    text = re.sub(r"<[^>]+>", "", page)  # each date sits in its own nowrap box (ADR 0156, s19 leftovers)
    assert "応募日時：2026年4月1日（水）09:35" in text
    assert "2026年4月1日（水）09:35 応募済" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", page)


def _all_text_in_database() -> str:
    """Every value of every row of every table, as one string (for "nothing identifies the person")."""
    chunks: list[str] = []
    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            cur.execute(f'SELECT * FROM "{table}"')
            chunks.extend(str(row) for row in cur.fetchall())
    return "\n".join(chunks)


def test_account_deletion_leaves_nothing_that_identifies_the_person(
    smtp_inbox: Inbox, application: Application, profiled_seeker: User, posting: JobPosting, employer: User
) -> None:
    email = profiled_seeker.email
    services.favorite_add(user=profiled_seeker, posting_id=posting.pk)
    due_search(profiled_seeker, "q=経理", name="花子の新着")
    services.profile_read_record(
        owner_id=profiled_seeker.pk, viewer=employer, application=application, channel="web"
    )
    services.application_move(
        user=employer, application=application, to_status="screening", note="山田様、書類を拝見します"
    )
    LoginAttempt.objects.create(email=email, ip="192.0.2.1")
    outbox_drain()  # the status e-mail goes out first
    identifying = [
        email,
        "山田",
        "花子",
        "やまだ",
        "090-1234-5678",
        "神宮前",
        "レジ締め",
        "よろしくお願いします",
        "花子の新着",
        "192.0.2.1",
    ]
    before = _all_text_in_database()
    assert all(s in before for s in identifying)

    client = _client(profiled_seeker)
    wrong = client.post("/me/privacy/delete/", {"password": "wrong", "confirm": "on"})
    assert wrong.status_code == 422 and "パスワードが正しくありません" in wrong.content.decode()
    done = client.post("/me/privacy/delete/", {"password": "pw-Long-enough-1", "confirm": "on"})
    assert done.status_code == 200 and "退会しました" in done.content.decode()
    assert not User.objects.filter(email=email).exists()

    outbox_drain()
    mails = smtp_inbox.wait_for(2)
    assert str(mails[-1]["To"]) == email and "退会手続きが完了" in str(mails[-1]["Subject"])
    remaining = _all_text_in_database()
    for s in identifying:
        assert s not in remaining, f"「{s}」が削除後も残っています"
    # The employer keeps a count, detached from identity.
    app = Application.objects.get()
    assert app.applicant_id is None and app.status == "withdrawn" and app.profile_snapshot == {}
    # Of the person's mails only the confirmation is left, now without address; the employer's new-application
    # notice stays theirs (it never named the applicant).
    assert OutboxMessage.objects.exclude(to_email=employer.email).get().status == MessageStatus.SENT
    assert client.get("/me/").status_code == 302  # signed out


def test_deletion_by_api_needs_the_password(profiled_seeker: User) -> None:
    client = _client(profiled_seeker)
    bad = client.post(
        "/api/v1/me/delete", {"password": "nope", "confirm": True}, content_type="application/json"
    )
    assert bad.status_code == 422 and User.objects.filter(pk=profiled_seeker.pk).exists()
    ok = client.post(
        "/api/v1/me/delete",
        {"password": "pw-Long-enough-1", "confirm": True},
        content_type="application/json",
    )
    assert ok.status_code == 204 and not User.objects.filter(pk=profiled_seeker.pk).exists()


def test_deletion_password_guesses_are_throttled_like_logins(profiled_seeker: User) -> None:
    """A borrowed session must not become a way to guess the password through 退会 (page or API)."""
    client = _client(profiled_seeker)
    for _ in range(5):
        wrong = client.post("/me/privacy/delete/", {"password": "guess", "confirm": "on"})
        assert wrong.status_code == 422 and "パスワードが正しくありません" in wrong.content.decode()
    right = client.post("/me/privacy/delete/", {"password": "pw-Long-enough-1", "confirm": "on"})
    assert right.status_code == 422 and "しばらく操作できません" in right.content.decode()
    api = client.post(
        "/api/v1/me/delete",
        {"password": "pw-Long-enough-1", "confirm": True},
        content_type="application/json",
    )
    assert api.status_code == 429 and "しばらく操作できません" in api.json()["detail"]
    assert User.objects.filter(pk=profiled_seeker.pk).exists()


def test_profile_page_ids_are_unique(profiled_seeker: User) -> None:
    """Each formset row's field wrapper was id="field-kind" (and so on) again: invalid HTML, and a link or a test
    aiming at one row's field reached the first row."""
    import re
    from collections import Counter

    html = _client(profiled_seeker).get("/me/profile/").content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert ids["field-history-0-kind"] == 1
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize(
    ("utc_now", "birth"),
    [
        # 08:30 JST on 1 April 2026 (still 31 March in UTC): turned 15 that morning in Japan
        (dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC), "2011-04-01"),
        # 00:30 JST on 1 January 2027 (15:30 UTC on 31 December): a 資格 acquired "this year" is 2027
        (dt.datetime(2026, 12, 31, 15, 30, tzinfo=dt.UTC), "2000-05-01"),
        # the 15th birthday on the 29th of a month is not moved back to the 28th
        (dt.datetime(2026, 4, 30, 3, 0, tzinfo=dt.UTC), "2011-04-29"),
    ],
)
def test_birth_date_and_years_are_checked_against_the_japanese_date(
    seeker: User, monkeypatch: pytest.MonkeyPatch, utc_now: dt.datetime, birth: str
) -> None:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: utc_now)
    year = utc_now.astimezone(dt.timezone(dt.timedelta(hours=9))).year
    services.profile_update(
        user=seeker,
        data={**PROFILE, "birth_date": dt.date.fromisoformat(birth)},
        qualifications=[{"code": "boki3", "acquired_year": year, "acquired_month": 1}],
    )
    assert SeekerProfile.objects.filter(user=seeker).exists()


def test_mydata_file_name_carries_the_japanese_date(seeker: User, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 5, 31, 23, 30, tzinfo=dt.UTC))
    response = _client(seeker).get("/me/privacy/export.json")
    assert response.status_code == 200
    assert 'filename="bonavi-mydata-20260601.json"' in response["Content-Disposition"]


def test_export_page_says_a_saved_search_in_words(profiled_seeker: User) -> None:
    """The page showed the stored query percent-encoded (q=%E7%B5%8C…); it says it as the alert list does and
    links to the search, while the JSON download keeps the stored query."""
    from bonavi.notifications import services as notifications

    notifications.saved_search_create(user=profiled_seeker, query="q=経理&pref=13", name="経理の新着")
    page = _client(profiled_seeker).get("/me/privacy/export/").content.decode()
    assert 'href="/search/?q=%E7%B5%8C%E7%90%86&amp;pref=13">経理 ／ 東京都</a>' in page
    assert ">q=%E7" not in page  # the stored form is not shown as text
    data = json.loads(_client(profiled_seeker).get("/me/privacy/export.json").content)
    assert "%E7" in data["saved_searches"][0]["query"]


def test_a_name_without_furigana_has_no_empty_brackets() -> None:
    # A profile saved before ふりがな was asked for, or a deleted one: the name read 「見本 花子（ ）」.
    from django.template.loader import render_to_string

    html = render_to_string(
        "seekers/_snapshot.html", {"snapshot": {"family_name": "見本", "given_name": "花子"}}
    )
    assert "見本 花子</dd>" in html and "（" not in html.split("</dd>")[0]
    with_kana = {
        "family_name": "見本",
        "given_name": "花子",
        "family_name_kana": "みほん",
        "given_name_kana": "はなこ",
    }
    assert "見本 花子（みほん はなこ）" in render_to_string("seekers/_snapshot.html", {"snapshot": with_kana})


def test_a_half_filled_history_row_says_what_is_missing(seeker: User) -> None:
    """A 学歴・職歴 row with a year but no 内容, or with 内容 but no 区分, was refused with Django's bare
    「このフィールドは空ではいけません」/「このフィールドは必須です」: it did not say which box or what to write."""
    client = _client(seeker)
    form = {
        **PROFILE,
        "history-TOTAL_FORMS": "2",
        "history-INITIAL_FORMS": "0",
        "history-0-kind": "work",
        "history-0-year": "2022",
        "history-0-month": "4",
        "history-0-text": "",
        "history-1-kind": "",
        "history-1-year": "2020",
        "history-1-month": "3",
        "history-1-text": "東京都立青山高等学校 卒業",
        "qual-TOTAL_FORMS": "0",
        "qual-INITIAL_FORMS": "0",
    }
    page = client.post("/me/profile/", form).content.decode()
    assert "学歴か職歴かを選んでください。" in page
    assert "このフィールドは" not in page
    form["history-1-kind"] = "education"
    response = client.post("/me/profile/", form)
    assert response.status_code == 422
    page = response.content.decode()
    assert "内容を入力してください（例：株式会社〇〇 入社）。" in page and "このフィールドは" not in page
    assert not SeekerProfile.objects.filter(user=seeker).exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("500", 500),
        ("500万", 500),
        ("500万円", 500),
        ("５００万円", 500),
        ("5,000,000", 500),
        ("5000000円", 500),
        ("", None),
    ],
)
def test_desired_annual_income_is_read_as_people_type_it(
    seeker: User, typed: str, stored: int | None
) -> None:
    """希望年収 is kept in 万円, and 「500万」「500万円」「5,000,000」 were refused with Django's bare
    「整数を入力してください。」: they are read by core.money.parse_yen, yen being turned into 万円."""
    form = {
        **PROFILE,
        "desired_annual_income": typed,
        "history-TOTAL_FORMS": "0",
        "history-INITIAL_FORMS": "0",
        "qual-TOTAL_FORMS": "0",
        "qual-INITIAL_FORMS": "0",
    }
    response = _client(seeker).post("/me/profile/", form)
    assert response.status_code == 302, response.content.decode()
    assert SeekerProfile.objects.get(user=seeker).desired_annual_income == stored


@pytest.mark.parametrize(
    ("typed", "needle"),
    [
        ("五百万", "希望年収は万円単位の数字で入力してください（例：450、450万円、4,500,000円）。"),
        ("450.5万", "4,505,000円は万円で割り切れません"),
        ("50000", "希望年収「50000」は万円か円か分かりません。"),
        ("2億円", "希望年収は万円単位の数字で入力してください"),
        ("20000万円", "希望年収は10,000万円（1億円）以下で入力してください。"),
        ("-500", "希望年収にマイナスの金額は入力できません。"),
    ],
)
def test_desired_annual_income_that_cannot_be_read_is_refused_by_name(
    seeker: User, typed: str, needle: str
) -> None:
    form = {
        **PROFILE,
        "desired_annual_income": typed,
        "history-TOTAL_FORMS": "0",
        "history-INITIAL_FORMS": "0",
        "qual-TOTAL_FORMS": "0",
        "qual-INITIAL_FORMS": "0",
    }
    response = _client(seeker).post("/me/profile/", form)
    assert response.status_code == 422
    page = response.content.decode()
    assert needle in page and "整数を入力してください" not in page
    assert not SeekerProfile.objects.filter(user=seeker).exists()


def test_desired_annual_income_is_a_yen_field_with_the_man_yen_rule() -> None:
    """AnnualIncomeField was a near-copy of core.forms.YenField; it is one, with the 万円/円 rule after it."""
    from bonavi.core.forms import YenField
    from bonavi.seekers.forms import AnnualIncomeField

    field = AnnualIncomeField()
    assert isinstance(field, YenField)
    assert [field.clean(v) for v in ("450", "450万円", "4,500,000", "")] == [450, 450, 450, None]


def test_the_detail_page_says_applied_with_the_status_instead_of_offering_to_apply(
    profiled_seeker: User, other_seeker: User, posting: JobPosting
) -> None:
    client = _client(profiled_seeker)
    before = client.get(f"/jobs/{posting.pk}/").content.decode()
    assert "この求人に応募する" in before and "応募済み" not in before
    assert client.post(f"/me/apply/{posting.pk}/", {"message": "よろしくお願いします。"}).status_code == 302
    after = client.get(f"/jobs/{posting.pk}/").content.decode()
    assert "応募済み" in after and "状況：応募済" in after and "この求人に応募する" not in after
    # The day in Japan time, as a day: it said 「2026年11月26日17:32に応募」 (a datetime given to a filter of strings).
    Application.objects.update(
        created_at=dt.datetime(2026, 11, 26, 15, 30, tzinfo=dt.UTC)
    )  # 00:30 on the 27th
    dated = client.get(f"/jobs/{posting.pk}/").content.decode()
    assert "</span> 2026年11月27日に応募（状況：応募済）" in dated
    # someone else still gets the button, and never this person's application
    other = _client(other_seeker).get(f"/jobs/{posting.pk}/").content.decode()
    assert "この求人に応募する" in other and "応募済み" not in other


def test_a_logged_out_star_asks_for_login_with_its_reason_and_ends_with_the_posting_favourited(
    client: Client, seeker: User, posting: JobPosting
) -> None:
    """☆ logged out led to a bare login page and back to the posting, not favourited: the intent was lost. The
    login now adds it (in its CSRF-checked POST) and the ☆'s URL sends her to the posting (ADR 0132); a GET alone
    still adds nothing (test_favorite_added_at_login.py)."""
    detail = client.get(f"/jobs/{posting.pk}/").content.decode()
    star = re.search(r'<a class="fav-btn" href="([^"]+)"', detail)
    assert star is not None
    login_url = unescape(star.group(1))
    favorite = f"/me/favorites/{posting.pk}/?next=%2Fjobs%2F{posting.pk}%2F"
    assert urlsplit(login_url).path == "/accounts/login/"
    assert parse_qs(urlsplit(login_url).query) == {"next": [favorite]}
    login_page = client.get(login_url).content.decode()
    assert "お気に入りに追加するにはログインしてください" in login_page

    response = client.post(
        "/accounts/login/", {"email": seeker.email, "password": "pw-Long-enough-1", "next": favorite}
    )
    assert response.status_code == 302 and response["Location"] == favorite
    assert list(seeker.favorites.values_list("posting_id", flat=True)) == [posting.pk]
    back = client.get(favorite)
    assert back.status_code == 302 and back["Location"] == f"/jobs/{posting.pk}/"
    # the note is spent: the ☆'s URL opened again only says it is in the list already
    assert "既にお気に入りに入っています" in client.get(favorite).content.decode()


def test_the_favourite_confirmation_hides_what_the_seeker_may_not_see(seeker: User, employer: User) -> None:
    assert employer.organization is not None
    hidden = make_posting(employer.organization, visibility=Visibility.PRIVATE)
    assert _client(seeker).get(f"/me/favorites/{hidden.pk}/").status_code == 404
    assert _client(seeker).get(f"/me/favorites/{hidden.pk + 1000}/").status_code == 404
