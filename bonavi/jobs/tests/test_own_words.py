"""A posting's own words — 仕事の魅力・職場の様子 (`appeal`) and 求める人物像 (`ideal_candidate`), ADR 0128: optional,
set through the form, the API and the bulk import, shown on the posting page after 業務内容 and before the
working conditions (escaped, lines kept), in JSON-LD and the feed — and checked before publishing exactly as
業務内容 is, every refusal naming the field the words stand in."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl.utils import get_column_letter

from bonavi.accounts.models import ApiToken, User
from bonavi.jobs import bulk_import, jsonld, services
from bonavi.jobs.conditions import conditions_plain_text
from bonavi.jobs.facts import posting_facts
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting
from bonavi.jobs.tests.test_bulk_import import EXAMPLE, check, csv_bytes, problems_of, row
from bonavi.jobs.tests.test_posting_input import api_payload, form_payload

pytestmark = pytest.mark.django_db

APPEAL = "経理チームは5名です。\n月末の締め以外は定時に帰る人がほとんどです。"
IDEAL = "・数字を丁寧に確かめられる方\n・分からないことを相談できる方"
SEXED = "明るい女性の方を歓迎します。"
SEXED_REFUSAL = "「女性の方を歓迎」は性別を限定・優先する募集です（男女雇用機会均等法5条）。"


@pytest.fixture
def employer_client(client: Client, employer: User) -> Client:
    client.force_login(employer)
    return client


@pytest.fixture
def bearer(employer: User) -> dict[str, str]:
    _, secret = ApiToken.issue(user=employer)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _summary(html: str, box_id: str) -> str:
    return html.split(f'id="{box_id}"', 1)[1].split("</div>", 1)[0]


# The checker reads them as it reads 業務内容 ------------------------------------------------------------------


@pytest.mark.parametrize("field", ["appeal", "ideal_candidate"])
def test_the_checker_reads_both_fields_as_it_reads_the_duties(employer: User, field: str) -> None:
    """Each wording rule's findings in one of the fields are those it gives for the same words in 業務内容, and name
    the field: sex, age, origin and family, strength."""
    for words in (
        SEXED,
        "20代の方を歓迎します。",
        "本籍地を教えてください。",
        "ご家族の職業を伺います。",
        "体力に自信のある方",
    ):
        in_duties = make_posting(
            employer.organization, status=PostingStatus.DRAFT, duties=f"経理事務です。{words}"
        )
        in_field = make_posting(employer.organization, status=PostingStatus.DRAFT, **{field: words})
        said = [(f.rule, f.severity, f.message) for f in services.posting_findings(in_duties) if f.start >= 0]
        found = [f for f in services.posting_findings(in_field) if f.start >= 0]
        assert said and [(f.rule, f.severity, f.message) for f in found] == said, words
        assert {f.field for f in found} == {field}


def test_the_posting_facts_carry_both_texts_for_the_wording_rules(employer: User) -> None:
    posting = make_posting(employer.organization, appeal=APPEAL, ideal_candidate=IDEAL)
    texts = posting_facts(posting).texts
    assert texts["appeal"] == APPEAL and texts["ideal_candidate"] == IDEAL
    assert "appeal" not in posting_facts(make_posting(employer.organization)).texts  # empty: not a text


def test_publishing_is_refused_for_a_sexed_phrase_in_the_ideal_candidate_naming_the_field(
    employer_client: Client, employer: User
) -> None:
    posting = make_posting(employer.organization, status=PostingStatus.DRAFT, ideal_candidate=SEXED)
    with pytest.raises(services.PostingInvalid) as refused:
        services.posting_publish(user=employer, posting=posting)
    assert refused.value.errors == {"ideal_candidate": [refused.value.errors["ideal_candidate"][0]]}
    assert refused.value.errors["ideal_candidate"][0].startswith(SEXED_REFUSAL)
    # the page: 公開する comes back 422 on the edit page, the reason in the summary under the field's name and
    # beside the field
    response = employer_client.post(reverse("jobs:employer_publish", args=[posting.pk]))
    assert response.status_code == 422
    html = response.content.decode()
    summary = _summary(html, "edit-findings")
    assert f'<a href="#id_ideal_candidate">求める人物像</a>：{SEXED_REFUSAL}' in summary
    assert 'id="id_ideal_candidate_error"' in html
    # the preview lists it the same way and offers no 公開する
    preview = employer_client.get(reverse("jobs:employer_preview", args=[posting.pk])).content.decode()
    assert f'#id_ideal_candidate">求める人物像</a>：{SEXED_REFUSAL}' in _summary(preview, "findings-errors")
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT


def test_age_wording_in_the_appeal_is_judged_by_the_age_rule_naming_the_field(employer: User) -> None:
    """「20代の方を歓迎」 blocks; 「20代が活躍中」 states who works there and passes (ADR 0120), in 仕事の魅力 as in
    業務内容; 「若い方が活躍中」 is a warning placed at the field."""
    wish = make_posting(employer.organization, status=PostingStatus.DRAFT, appeal="20代の方を歓迎します。")
    errors = services.posting_refusal(wish)
    assert list(errors) == ["appeal"] and "年齢" in errors["appeal"][0]
    fact = make_posting(employer.organization, status=PostingStatus.DRAFT, appeal="20代が活躍中の職場です。")
    assert services.posting_refusal(fact) == {}
    assert services.posting_refusal(make_posting(employer.organization, status=PostingStatus.DRAFT,
                                                 duties="経理事務です。20代が活躍中の職場です。")) == {}  # fmt: skip
    young = make_posting(employer.organization, status=PostingStatus.DRAFT, appeal="若い方が活躍中です。")
    (warning,) = [f for f in services.posting_findings(young) if f.rule == "age-preference"]
    assert not warning.is_error and warning.field == "appeal" and services.posting_refusal(young) == {}


def test_clean_words_pass_and_publish(employer: User) -> None:
    posting = make_posting(
        employer.organization, status=PostingStatus.DRAFT, appeal=APPEAL, ideal_candidate=IDEAL
    )
    assert [f for f in services.posting_findings(posting) if f.field in ("appeal", "ideal_candidate")] == []
    services.posting_publish(user=employer, posting=posting)
    assert posting.status == PostingStatus.PUBLISHED


def test_a_published_posting_cannot_take_unlawful_words_by_an_edit(employer: User) -> None:
    posting = make_posting(employer.organization)
    with pytest.raises(services.PostingInvalid) as refused:
        services.posting_update(user=employer, posting=posting, data={"appeal": "20代の方を歓迎します。"})
    assert "appeal" in refused.value.errors
    posting.refresh_from_db()
    assert posting.appeal == ""


def test_the_preview_names_the_field_of_a_warning_about_wording(
    employer_client: Client, employer: User
) -> None:
    """A warning in the preview's list names its item (性別, 年齢…); wording can stand in several texts, so the
    list also says which one."""
    posting = make_posting(
        employer.organization, status=PostingStatus.DRAFT, ideal_candidate="体力に自信のある方"
    )
    html = employer_client.get(reverse("jobs:employer_preview", args=[posting.pk])).content.decode()
    warnings = _summary(html, "findings-warnings")
    assert "（求める人物像）</a>：「体力に自信のある」は体力の要件です。" in warnings
    # a warning about a condition names no text
    assert "（業務内容" not in warnings


def test_the_preview_names_the_text_of_each_quote_by_its_form_label(
    employer_client: Client, employer: User
) -> None:
    """Every warning's head, exactly: a quote from a text says the text by the label its field has on the edit page
    (the link's target), also for a condition's own text (勤務時間の補足); a finding about a condition says only
    its item."""
    posting = make_posting(
        employer.organization,
        status=PostingStatus.DRAFT,
        duties="経理事務全般。体力に自信のある方。",
        appeal="若い方が活躍中の職場です。",
        ideal_candidate="体力に自信のある方",
        hours_note="体力に自信のある方",
        employer_contact="",
        start_time=datetime.time(9),
        end_time=datetime.time(19),
        break_minutes=60,
    )
    html = employer_client.get(reverse("jobs:employer_preview", args=[posting.pk])).content.decode()
    edit = reverse("jobs:employer_edit", args=[posting.pk])
    heads = re.findall(r"<li>(<a href=[^>]*>[^<]*</a>)：", _summary(html, "findings-warnings"))
    assert heads == [
        f'<a href="{edit}#id_appeal">年齢（仕事の魅力・職場の様子）</a>',
        f'<a href="{edit}#id_duties">体力の要件（業務内容（雇入れ直後））</a>',
        f'<a href="{edit}#id_ideal_candidate">体力の要件（求める人物像）</a>',
        f'<a href="{edit}#id_hours_note">体力の要件（勤務時間の補足（シフト・フレックス等））</a>',
        f'<a href="{edit}#id_employer_contact">募集者の連絡先</a>',
        f'<a href="{edit}#id_end_time">労働時間</a>',
    ]


# The form, the API, the bulk import ------------------------------------------------------------------------


def test_the_form_saves_both_fields_after_the_duties(employer_client: Client) -> None:
    response = employer_client.post(
        reverse("jobs:employer_create"), form_payload(appeal=APPEAL, ideal_candidate=IDEAL)
    )
    assert response.status_code == 302
    posting = JobPosting.objects.get()
    assert (posting.appeal, posting.ideal_candidate) == (APPEAL, IDEAL)
    html = employer_client.get(reverse("jobs:employer_create")).content.decode()
    # its own fieldset after 仕事内容, each with the help that says what not to write
    assert html.index('id="id_duties"') < html.index('id="id_appeal"') < html.index('id="id_prefecture"')
    assert "<legend>仕事の魅力・求める人物像（任意）</legend>" in html
    assert "本籍・出身地・家族についての質問は書けません" in html and "「女性歓迎」「20代の方に」" in html


def test_words_over_the_limit_are_refused_by_name_and_store_nothing(
    employer_client: Client, bearer: dict[str, str], client: Client
) -> None:
    response = employer_client.post(
        reverse("jobs:employer_create"), form_payload(ideal_candidate="あ" * 1001)
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "求める人物像は1,000文字以内で入力してください（入力は1001文字）。" in html
    assert 'maxlength="1000"' not in html  # a pasted text is not cut short without a word
    api = client.post(
        "/api/v1/employer/postings",
        api_payload(appeal="あ" * 1001),
        content_type="application/json",
        **bearer,
    )
    assert api.status_code == 422
    assert api.json()["errors"]["appeal"] == [
        "仕事の魅力・職場の様子は1,000文字以内で入力してください（入力は1,001文字）。"
    ]
    assert not JobPosting.objects.exists()


def test_the_api_reads_and_writes_both_and_refuses_publishing_by_the_field(
    client: Client, bearer: dict[str, str]
) -> None:
    created = client.post(
        "/api/v1/employer/postings", api_payload(appeal=APPEAL), content_type="application/json", **bearer
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["appeal"] == APPEAL and created.json()["ideal_candidate"] == ""
    patched = client.patch(
        f"/api/v1/employer/postings/{pk}",
        json.dumps({"ideal_candidate": SEXED}),
        content_type="application/json",
        **bearer,
    )
    assert patched.status_code == 200 and patched.json()["ideal_candidate"] == SEXED  # a draft may hold it
    refused = client.post(f"/api/v1/employer/postings/{pk}/publish", **bearer)
    assert refused.status_code == 422
    assert list(refused.json()["errors"]) == ["ideal_candidate"]
    assert refused.json()["errors"]["ideal_candidate"][0].startswith(SEXED_REFUSAL)
    client.patch(
        f"/api/v1/employer/postings/{pk}",
        json.dumps({"ideal_candidate": IDEAL}),
        content_type="application/json",
        **bearer,
    )
    assert client.post(f"/api/v1/employer/postings/{pk}/publish", **bearer).status_code == 200
    public = client.get(f"/api/v1/jobs/{pk}").json()
    assert (public["appeal"], public["ideal_candidate"]) == (APPEAL, IDEAL)


def test_the_bulk_import_takes_both_columns_and_checks_them_like_the_duties(employer: User) -> None:
    appeal, ideal = bulk_import.COLUMN_BY_FIELD["appeal"], bulk_import.COLUMN_BY_FIELD["ideal_candidate"]
    assert (appeal.header, ideal.header) == ("仕事の魅力・職場の様子", "求める人物像")
    # the template's last columns: the others keep the letters they had
    assert [c.field for c in bulk_import.COLUMNS[-2:]] == ["appeal", "ideal_candidate"]
    letter = get_column_letter(len(bulk_import.COLUMNS))
    clean = row(**{"求める人物像": IDEAL, "仕事の魅力・職場の様子": APPEAL})
    sexed = row(**{"社内管理番号": "B-1", "求める人物像": SEXED})
    report = check(employer, csv_bytes([clean, sexed]))
    assert problems_of(report, 2) == []
    ((column, message),) = problems_of(report, 3)
    assert column == f"求める人物像（{letter}列）" and message.startswith(SEXED_REFUSAL)
    outcome = bulk_import.import_run(user=employer, filename="x.csv", data=csv_bytes([clean]), dry_run=False)
    posting = JobPosting.objects.get(pk=outcome.ids[0])
    assert (posting.appeal, posting.ideal_candidate) == (APPEAL, IDEAL)


def test_the_bulk_import_reads_the_headings_other_sites_use(employer: User) -> None:
    out = io.StringIO()
    headers = [h for h in EXAMPLE if h not in ("仕事の魅力・職場の様子", "求める人物像")]
    writer = csv.writer(out)
    writer.writerow([*headers, "仕事の魅力", "求める人材"])
    writer.writerow([*(EXAMPLE[h] for h in headers), "残業は月10時間ほどです。", "・丁寧に確認できる方"])
    data = out.getvalue().encode()
    outcome = bulk_import.import_run(user=employer, filename="x.csv", data=data, dry_run=False)
    posting = JobPosting.objects.get(pk=outcome.ids[0])
    assert (posting.appeal, posting.ideal_candidate) == ("残業は月10時間ほどです。", "・丁寧に確認できる方")


# Where a seeker reads them --------------------------------------------------------------------------------


def test_the_posting_page_shows_them_after_the_duties_before_the_conditions(
    client: Client, employer: User
) -> None:
    posting = make_posting(employer.organization, appeal="1行目\n<b>2行目</b>&amp;", ideal_candidate=IDEAL)
    html = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    appeal = html.index('<h2 id="h-appeal">仕事の魅力・職場の様子</h2>')
    ideal = html.index('<h2 id="h-ideal">求める人物像</h2>')
    assert html.index(posting.duties) < appeal < ideal < html.index('<h2 id="h-place">')
    # escaped, the line break kept as it was typed (the card shows it as a new line)
    assert "<p>1行目\n&lt;b&gt;2行目&lt;/b&gt;&amp;amp;</p>" in html
    assert f"<p>{IDEAL}</p>" in html
    # a posting without them has no empty cards
    bare = client.get(reverse("jobs:detail", args=[make_posting(employer.organization).pk])).content.decode()
    assert "h-appeal" not in bare and "h-ideal" not in bare


def test_the_preview_shows_them_too(employer_client: Client, employer: User) -> None:
    posting = make_posting(employer.organization, status=PostingStatus.DRAFT, appeal=APPEAL)
    html = employer_client.get(reverse("jobs:employer_preview", args=[posting.pk])).content.decode()
    assert f"<p>{APPEAL}</p>" in html and "h-ideal" not in html


def test_json_ld_describes_them_headed_by_what_they_are(employer: User) -> None:
    posting = make_posting(employer.organization, appeal="1行目\n<2行目>", ideal_candidate=IDEAL)
    description = jsonld.posting_jsonld(posting)["description"]
    assert "<p>【仕事の魅力・職場の様子】<br>1行目<br>&lt;2行目&gt;</p>" in description
    assert (
        "<p>【求める人物像】<br>・数字を丁寧に確かめられる方<br>・分からないことを相談できる方</p>"
        in description
    )
    # in the page's order: 業務内容, the company's words, then what is required
    assert (
        description.index(posting.duties)
        < description.index("【仕事の魅力")
        < description.index("【求める人物像")
    )
    assert "求める人物像" not in json.dumps({k: v for k, v in jsonld.posting_jsonld(posting).items()
                                             if k != "description"}, ensure_ascii=False)  # fmt: skip
    plain = jsonld.posting_jsonld(make_posting(employer.organization))["description"]
    assert "【" not in plain


def test_the_feed_says_them_where_the_page_does(employer: User) -> None:
    posting = make_posting(employer.organization, appeal=APPEAL, ideal_candidate=IDEAL)
    text = conditions_plain_text(posting)
    lines = text.splitlines()
    work = lines.index("【仕事内容】")
    assert lines.index("【仕事の魅力・職場の様子】") > work and lines.index("【就業場所】") > lines.index(
        "【求める人物像】"
    )
    assert "経理チームは5名です。\n月末の締め以外は定時に帰る人がほとんどです。" in text
    bare = conditions_plain_text(make_posting(employer.organization))
    assert "仕事の魅力" not in bare and "求める人物像" not in bare
