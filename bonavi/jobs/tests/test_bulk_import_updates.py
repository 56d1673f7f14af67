"""The bulk import updates the postings an organisation already has by their 社内管理番号 (ADR 0085): the report
says 新規 / 更新 (which columns) / 変更なし / エラー, a published posting stays lawful, another organisation's
numbers are unknown numbers, and what is stored meanwhile is looked up again under the commit's lock."""

from __future__ import annotations

import csv
import importlib
import io
from typing import Any

import openpyxl
import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from bonavi.core import clock
from bonavi.jobs import bulk_import, services
from bonavi.jobs.models import JobPosting, PostingImportKey, PostingStatus
from bonavi.jobs.tests.factories import make_posting, posting_data

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in bulk_import.COLUMNS]
EXAMPLE = dict(zip(HEADERS, [c.example for c in bulk_import.COLUMNS], strict=True))


def row(**over: str) -> dict[str, str]:
    return {**EXAMPLE, **over}


def csv_bytes(rows: list[dict[str, str]], headers: list[str] = HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([[r.get(h, "") for h in headers] for r in rows])
    return out.getvalue().encode("utf-8")


def run(
    user: Any, rows: list[dict[str, str]], *, dry_run: bool = False, **kw: Any
) -> bulk_import.ImportOutcome:
    return bulk_import.import_run(user=user, filename="a.csv", data=csv_bytes(rows), dry_run=dry_run, **kw)


def statuses(report: dict[str, Any]) -> list[str]:
    return [r["status_label"] for r in report["rows"]]


def imported(user: Any, **over: str) -> JobPosting:
    """A posting the organisation imported before, numbered A-001 (the template's example)."""
    outcome = run(user, [row(**over)])
    return JobPosting.objects.get(pk=outcome.ids[0])


# The reference on the posting ---------------------------------------------------------------------------------


def _form_data(posting: JobPosting, **over: Any) -> dict[str, Any]:
    from bonavi.jobs.forms import PostingForm

    unbound = PostingForm(instance=posting)
    data = {name: unbound[name].value() for name in unbound.fields}
    data = {k: ("on" if v is True else "" if v in (None, False) else v) for k, v in data.items()}
    data.update(over)
    return data


def test_the_reference_is_set_in_the_form_unique_in_the_organisation_and_listed(employer, other_employer):
    web = Client()
    web.force_login(employer)
    first = make_posting(employer.organization, status=PostingStatus.DRAFT)
    second = make_posting(employer.organization, status=PostingStatus.DRAFT, title="総務事務")
    answer = web.post(f"/jobs/manage/{first.pk}/edit/", _form_data(first, reference="Ａ－００１ "))
    assert answer.status_code == 302, answer.content.decode()[:2000]
    first.refresh_from_db()
    assert first.reference == "A-001"  # full-width typed, stored as the import reads a cell
    page = web.get(f"/jobs/manage/{second.pk}/edit/", follow=True)
    assert 'name="reference"' in page.content.decode()
    taken = web.post(f"/jobs/manage/{second.pk}/edit/", _form_data(second, reference="A-001"))
    assert taken.status_code == 422
    assert (
        "社内管理番号「A-001」は別の求人「経理事務（未経験歓迎）」で使われています。"
        in taken.content.decode()
    )
    too_long = web.post(f"/jobs/manage/{second.pk}/edit/", _form_data(second, reference="X" * 31))
    assert "社内管理番号は30文字以内で入力してください（入力は" in too_long.content.decode()
    second.refresh_from_db()
    assert second.reference == ""
    listing = web.get("/jobs/manage/").content.decode()
    assert "社内管理番号：A-001" in listing
    # the number is the organisation's own: another may use it, and seekers never see it
    theirs = make_posting(other_employer.organization, reference="A-001")
    assert "A-001" not in Client().get(f"/jobs/{theirs.pk}/").content.decode()


def test_postings_imported_with_a_number_before_get_it_as_their_reference(employer):
    posting = make_posting(employer.organization, status=PostingStatus.DRAFT)
    other = make_posting(employer.organization, status=PostingStatus.DRAFT)
    PostingImportKey.objects.create(organization=employer.organization, key="ref:Z-9", posting=posting)
    PostingImportKey.objects.create(organization=employer.organization, key="ref:" + "L" * 40, posting=other)
    migration = importlib.import_module("bonavi.jobs.migrations.0006_posting_reference")
    migration.references_from_import_keys(apps, None)
    posting.refresh_from_db()
    other.refresh_from_db()
    assert (posting.reference, other.reference) == ("Z-9", "")  # too long for the field: stays a key
    assert list(PostingImportKey.objects.values_list("key", flat=True)) == ["ref:" + "L" * 40]


def reference_lookups(call: Any) -> int:
    """How many times `call` asks the database whether a 社内管理番号 is taken (posting_gate's query)."""
    seen = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.startswith("SELECT") and '"reference" =' in sql:
            seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    return len(seen)


def test_the_gate_looks_the_number_up_only_when_it_is_set_or_changed(employer):
    made: list[JobPosting] = []
    assert (
        reference_lookups(
            lambda: made.append(services.posting_create(user=employer, data=posting_data(reference="A-001")))
        )
        == 1
    )
    posting = JobPosting.objects.get(pk=made[0].pk)
    edit = lambda **data: services.posting_update(user=employer, posting=posting, data=data)  # noqa: E731
    assert reference_lookups(lambda: edit(title="総務事務")) == 0  # a stored number is unique already
    assert reference_lookups(lambda: edit(reference="A-002")) == 1
    assert reference_lookups(lambda: edit(title="経理事務")) == 0
    make_posting(employer.organization, reference="A-003")
    with pytest.raises(services.PostingInvalid) as taken:
        edit(reference="A-003")
    assert "別の求人" in taken.value.errors["reference"][0]


def test_an_import_looks_its_numbers_up_once_not_per_row(employer):
    """`_targets` reads every number of the file in one query (IN); the gate does not ask again for each row,
    before or inside the commit's transaction — for 1,000 rows that was 2,000 to 4,000 queries."""
    posting = imported(employer)
    services.posting_publish(user=employer, posting=posting)
    rows = [row(求人タイトル="経理事務（更新）"), row(社内管理番号="A-002"), row(社内管理番号="A-003")]
    outcome: list[bulk_import.ImportOutcome] = []
    assert reference_lookups(lambda: outcome.append(run(employer, rows, publish=True))) == 0
    assert (outcome[0].created, outcome[0].updated, outcome[0].published) == (2, 1, 2)


# Update rows ----------------------------------------------------------------------------------------------------


def test_a_row_with_a_known_reference_updates_that_posting_and_says_which_columns(employer):
    posting = imported(employer)
    before = posting.updated_at
    changed = row(求人タイトル="経理事務（月次決算）", **{"賃金（下限・円）": "240,000"})
    rows = [changed, row(社内管理番号="A-002", 求人タイトル="総務事務")]
    dry = run(employer, rows, dry_run=True)
    assert statuses(dry.report) == ["更新", "新規"]
    assert dry.report["rows"][0]["changes"] == ["求人タイトル", "賃金（下限・円）"]
    assert (dry.report["ok"], dry.report["updates"], dry.report["unchanged"]) == (1, 1, 0)
    posting.refresh_from_db()
    assert (
        posting.title == EXAMPLE["求人タイトル"] and JobPosting.objects.count() == 1
    )  # 確認 changes nothing

    done = run(employer, rows)
    assert (done.created, done.updated, done.updated_ids) == (1, 1, [posting.pk])
    posting.refresh_from_db()
    assert (posting.title, posting.wage_min, posting.status) == (
        "経理事務（月次決算）",
        240000,
        PostingStatus.DRAFT,
    )
    assert posting.updated_at > before
    assert JobPosting.objects.get(reference="A-002").title == "総務事務"
    # the same file again: nothing to change, nothing saved
    again = run(employer, rows)
    assert statuses(again.report) == ["変更なし", "変更なし"] and again.updated == 0
    assert JobPosting.objects.get(pk=posting.pk).updated_at == posting.updated_at


def test_an_update_sets_only_the_columns_the_file_has(employer):
    posting = imported(employer, 手当="通勤手当（全額）")
    headers = [h for h in HEADERS if h not in {"手当", "業務内容（雇入れ直後）"}]
    data = csv_bytes([row(求人タイトル="経理事務（決算）")], headers=headers)
    outcome = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
    assert outcome.updated == 1 and outcome.report["rows"][0]["changes"] == ["求人タイトル"]
    posting.refresh_from_db()
    assert (posting.title, posting.allowances) == ("経理事務（決算）", "通勤手当（全額）")
    assert posting.duties == EXAMPLE["業務内容（雇入れ直後）"]


def test_an_unlawful_change_to_a_published_posting_is_refused_with_the_gates_words(employer):
    posting = imported(employer)
    services.posting_publish(user=employer, posting=posting)
    low = {
        "雇用形態": "パート・アルバイト",
        "賃金の単位": "時給",
        "賃金（下限・円）": "900",
        "賃金（上限・円）": "",
    }
    outcome = run(employer, [row(**low), row(社内管理番号="A-002")])
    assert statuses(outcome.report) == ["エラー", "新規"] and (outcome.created, outcome.updated) == (1, 0)
    messages = [p["message"] for p in outcome.report["rows"][0]["problems"] if p["level"] == "error"]
    # the same words the form's save gets from the publishing gate
    probe = JobPosting.objects.get(pk=posting.pk)
    with pytest.raises(services.PostingInvalid) as refused:
        services.posting_update(
            user=employer,
            posting=probe,
            data={"employment_type": "part", "wage_unit": "hour", "wage_min": 900, "wage_max": None},
        )
    gate_words = [m for ms in refused.value.errors.values() for m in ms]
    assert any("最低賃金" in m for m in gate_words)
    assert set(gate_words) <= set(messages)
    posting.refresh_from_db()
    assert (posting.wage_unit, posting.wage_min, posting.status) == ("month", 230000, PostingStatus.PUBLISHED)


@pytest.mark.parametrize("status", [PostingStatus.CLOSED, PostingStatus.EXPIRED])
def test_a_closed_or_expired_posting_is_updated_but_not_published_again(employer, status):
    posting = imported(employer)
    services.posting_publish(user=employer, posting=posting)
    JobPosting.objects.filter(pk=posting.pk).update(status=status, closed_at=clock.now())
    outcome = run(employer, [row(求人タイトル="経理事務（再掲載前の修正）")], publish=True)
    assert outcome.updated == 1 and outcome.published == 0
    posting.refresh_from_db()
    assert (posting.title, posting.status) == ("経理事務（再掲載前の修正）", status)
    assert posting.closed_at is not None


def test_another_organisations_reference_is_an_unknown_reference(employer, other_employer):
    theirs = make_posting(other_employer.organization, reference="A-001", title="よその経理の求人")
    unknown = run(employer, [row(社内管理番号="N-404")], dry_run=True).report["rows"][0]
    foreign = run(employer, [row()], dry_run=True).report["rows"][0]
    # the same answer as for a number nobody uses: nothing of the other organisation's posting shows through
    assert {k: v for k, v in foreign.items() if k != "reference"} == {
        k: v for k, v in unknown.items() if k != "reference"
    }
    assert foreign["status_label"] == "新規" and "よその" not in str(foreign)
    outcome = run(employer, [row()])
    assert outcome.created == 1 and outcome.updated == 0
    mine = JobPosting.objects.get(pk=outcome.ids[0])
    assert (mine.organization_id, mine.reference) == (employer.organization_id, "A-001")
    theirs_now = JobPosting.objects.get(pk=theirs.pk)
    assert (theirs_now.title, theirs_now.updated_at) == ("よその経理の求人", theirs.updated_at)


def test_a_reference_on_two_rows_is_an_error_on_the_later_one(employer):
    posting = imported(employer)
    outcome = run(employer, [row(求人タイトル="一つ目"), row(求人タイトル="二つ目")])
    assert statuses(outcome.report) == ["更新", "エラー"]
    # Only the repeat: not also judged a new posting whose number 「…は別の求人で使われています」.
    assert outcome.report["rows"][1]["problems"] == [
        {
            "column": "社内管理番号（A列）",
            "level": "error",
            "message": "2行目と同じ社内管理番号です。1つの番号は1行だけにしてください。",
        }
    ]
    assert outcome.report["rows"][1]["title"] == "二つ目"
    posting.refresh_from_db()
    assert posting.title == "一つ目"


def test_a_new_reference_on_two_rows_is_only_the_repeat_error(employer):
    outcome = run(employer, [row(社内管理番号="N-1"), row(社内管理番号="Ｎ－１", 求人タイトル="二つ目")])
    assert statuses(outcome.report) == ["新規", "エラー"]
    assert [p["message"] for p in outcome.report["rows"][1]["problems"]] == [
        "2行目と同じ社内管理番号です。1つの番号は1行だけにしてください。"
    ]
    assert JobPosting.objects.get().title == EXAMPLE["求人タイトル"]


def test_a_reference_on_two_rows_of_a_partial_file_is_only_the_repeat_error(employer):
    """Two columns: the later row is not said to be unknown and 「新規登録になりますが…」 beside the repeat."""
    imported(employer)
    data = partial([["A-001", "250,000"], ["A-001", "260,000"]], headers=["社内管理番号", "月給"])
    report = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=True).report
    assert statuses(report) == ["更新", "エラー"]
    assert report["rows"][1]["problems"] == [
        {
            "column": "社内管理番号（A列）",
            "level": "error",
            "message": "2行目と同じ社内管理番号です。1つの番号は1行だけにしてください。",
        }
    ]
    assert report["rows"][1]["title"] == EXAMPLE["求人タイトル"]  # the posting's, as on the first row


def test_a_reference_too_long_is_refused_with_the_forms_words(employer):
    report = run(employer, [row(社内管理番号="X" * 31)], dry_run=True).report
    assert (
        report["rows"][0]["problems"][0]["message"]
        == "社内管理番号は30文字以内で入力してください（入力は31文字）。"
    )


@pytest.mark.parametrize("header", ["管理番号", "求人管理番号", "社内管理番号", "管理No."])
def test_the_usual_headers_for_the_number_are_read(employer, header):
    imported(employer)
    headers = [header, *HEADERS[1:]]
    data = csv_bytes([{**row(求人タイトル="経理（更新）"), header: "A-001"}], headers=headers)
    outcome = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=True)
    assert statuses(outcome.report) == ["更新"]


# Files that only update ----------------------------------------------------------------------------------------


def partial(rows: list[list[str]], headers: list[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([headers, *rows])
    return out.getvalue().encode("utf-8")


def test_a_file_of_references_and_wages_updates_and_refuses_only_the_rows_that_would_create(employer):
    """The "raise the wages" file: two columns. Known numbers are updated (the other columns keep their values);
    a row that would make a new posting is an error naming the columns a new posting needs; the rest are stored."""
    posting = imported(employer, 手当="通勤手当（全額）")
    data = partial(
        [["A-001", "250,000"], ["N-404", "240,000"], ["", "240,000"]],
        headers=["社内管理番号", "賃金（下限・円）"],
    )
    dry = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=True).report
    assert statuses(dry) == ["更新", "エラー", "エラー"]
    assert dry["rows"][0]["changes"] == ["賃金（下限・円）"]
    assert dry["rows"][0]["title"] == EXAMPLE["求人タイトル"]  # the posting's title, though the file has none
    need = "新規登録には列「求人タイトル」「職種」「雇用形態」「都道府県」「賃金の単位」が必要です。"
    assert dry["rows"][1]["problems"] == [
        {
            "column": "社内管理番号（A列）",
            "level": "error",
            "message": f"社内管理番号「N-404」の求人は登録されていないため新規登録になりますが、{need}",
        }
    ]
    assert dry["rows"][2]["problems"][0]["message"] == f"社内管理番号が空欄のため新規登録になりますが、{need}"
    assert any(
        "の列がないため、社内管理番号が登録済みの求人と同じ行だけを更新します" in n for n in dry["notes"]
    )

    done = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
    assert (done.created, done.updated_ids) == (0, [posting.pk])
    posting.refresh_from_db()
    assert (posting.wage_min, posting.wage_unit, posting.allowances, posting.title) == (
        250000,
        "month",
        "通勤手当（全額）",
        EXAMPLE["求人タイトル"],
    )
    assert JobPosting.objects.count() == 1


def test_a_wage_column_headed_by_its_unit_is_read_as_that_unit(employer):
    posting = imported(employer, **{"賃金（上限・円）": ""})
    data = partial([["A-001", "1,500"]], headers=["管理番号", "時給"])
    outcome = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
    assert outcome.report["rows"][0]["changes"] == ["賃金（下限・円）", "賃金の単位"]
    posting.refresh_from_db()
    assert (posting.wage_unit, posting.wage_min) == ("hour", 1500)
    # the posting's other amounts are judged with the new unit: 280,000 an hour is a typo, said beside its column
    kept_max = imported(employer, 社内管理番号="A-002")
    data = partial([["A-002", "1,500"]], headers=["社内管理番号", "時給"])
    outcome = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
    refused = outcome.report["rows"][0]
    assert refused["status_label"] == "エラー"
    assert refused["problems"][0]["column"] == "賃金（上限・円）（列なし）"
    assert JobPosting.objects.get(pk=kept_max.pk).wage_unit == "month"


def test_a_cell_naming_another_unit_than_its_header_is_refused_not_read_at_the_cells_unit(employer):
    """Under the header 「月給」, 「時給1,200円」 was stored as 1,200円 an hour without a word: the column says one
    unit and the cell another, and which the person meant is theirs to say."""
    posting = imported(employer, **{"賃金（上限・円）": ""})
    data = partial([["A-001", "時給1,200円"], ["A-002", "月給26万円"]], headers=["社内管理番号", "月給"])
    imported(employer, 社内管理番号="A-002", **{"賃金（上限・円）": ""})
    outcome = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
    assert statuses(outcome.report) == ["エラー", "更新"]
    (problem,) = outcome.report["rows"][0]["problems"]
    assert problem["column"] == "賃金（下限・円）（B列）"
    assert problem["message"].startswith(
        "B列の見出しは「月給」ですが、このセルは「時給」の金額です（時給1,200円）。"
    )
    posting.refresh_from_db()
    assert (posting.wage_unit, posting.wage_min) == ("month", 230000)
    # the same word as the header is simply the header's unit
    assert JobPosting.objects.get(reference="A-002").wage_min == 260000


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("月給", "month"),
        ("月収", "month"),
        ("時給", "hour"),
        ("日給", "day"),
        ("年俸", "year"),
        ("年収", "year"),
    ],
)
def test_every_unit_word_read_in_a_cell_is_read_as_a_header(employer, header, unit):
    """「月収25万円」 in a cell is read, so a 「月収」 header is too (it was reported 「…読み込みません」)."""
    amount = {"month": "250,000", "hour": "1,500", "day": "12,000", "year": "4,000,000"}[unit]
    posting = imported(employer, **{"賃金（上限・円）": ""})
    data = partial([["A-001", amount]], headers=["社内管理番号", f" {header} "])
    report = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False).report
    assert not any("読み込みません" in n for n in report["notes"]), report["notes"]
    assert statuses(report) == ["更新"], report["rows"][0]["problems"]
    posting.refresh_from_db()
    assert (posting.wage_unit, posting.wage_min) == (unit, int(amount.replace(",", "")))


def test_a_lower_wage_in_a_partial_file_is_judged_on_the_whole_posting(employer):
    """The publishing gate judges the posting as it would be: 150,000円 a month for 160 hours is under the
    minimum wage, so the published posting is not changed; the other row is."""
    posting = imported(employer)
    services.posting_publish(user=employer, posting=posting)
    other = imported(employer, 社内管理番号="A-002", 求人タイトル="総務事務")
    data = partial([["A-001", "150,000"], ["A-002", "260,000"]], headers=["社内管理番号", "月給"])
    outcome = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
    assert statuses(outcome.report) == ["エラー", "更新"] and outcome.updated_ids == [other.pk]
    messages = [p["message"] for p in outcome.report["rows"][0]["problems"] if p["level"] == "error"]
    assert any("最低賃金" in m for m in messages), messages
    posting.refresh_from_db()
    other.refresh_from_db()
    assert (posting.wage_min, posting.status, other.wage_min) == (230000, PostingStatus.PUBLISHED, 260000)


def test_a_file_without_the_reference_column_still_needs_every_required_column(employer):
    imported(employer)
    with pytest.raises(bulk_import.ImportFileInvalid) as refused:
        bulk_import.import_run(
            user=employer, filename="a.csv", data=partial([["250,000"]], ["賃金（下限・円）"]), dry_run=True
        )
    assert str(refused.value).startswith(
        "必須の列がありません：求人タイトル、職種、雇用形態、都道府県、賃金の単位。"
    )
    assert "社内管理番号の列と変える列だけで足ります" in str(refused.value)


def test_the_report_page_says_which_rows_a_partial_file_cannot_create(employer):
    imported(employer)
    web = Client()
    web.force_login(employer)
    data = partial([["A-001", "250000"], ["B-7", "240000"]], headers=["社内管理番号", "賃金（下限・円）"])
    answer = web.post("/jobs/manage/import/", {"file": _upload_file(data, "a.csv")})
    assert answer.status_code == 302
    page = web.get(answer["Location"]).content.decode()
    assert "社内管理番号「B-7」の求人は登録されていないため新規登録になりますが" in page
    assert "ファイルにない列は今のまま" in page and "<strong>列について</strong>" in page
    done = web.post(answer["Location"] + "commit/", {"action": "draft"}, follow=True)
    assert "1件の求人を更新しました" in done.content.decode()
    assert JobPosting.objects.get(reference="A-001").wage_min == 250000
    assert not JobPosting.objects.filter(reference="B-7").exists()
    guide = web.get("/jobs/manage/import/columns/").content.decode()
    assert "更新だけのファイルは、社内管理番号の列と変える列だけで足ります" in guide


# Under the lock ---------------------------------------------------------------------------------------------------


def test_what_is_stored_between_the_check_and_the_commit_is_looked_up_again(employer, monkeypatch):
    """Checked outside the transaction, the rows are resolved again under the lock: a posting numbered meanwhile
    is updated rather than made twice, one deleted meanwhile is made again, one edited meanwhile is re-checked."""
    gone = imported(employer, 社内管理番号="G-1")
    edited = imported(employer, 社内管理番号="E-1")
    rows = [
        row(社内管理番号="N-1", 求人タイトル="新しい番号"),
        row(社内管理番号="G-1", 求人タイトル="消えた求人"),
        row(社内管理番号="E-1", 求人タイトル="編集された求人"),
    ]
    upload = bulk_import.import_prepare(user=employer, filename="a.csv", data=csv_bytes(rows))
    assert statuses(upload.report) == ["新規", "更新", "更新"]
    check_rows = bulk_import._check_rows

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        report = check_rows(*args, **kwargs)
        make_posting(
            employer.organization, status=PostingStatus.DRAFT, reference="N-1", title="フォームで作成"
        )
        gone.delete()
        fresh = JobPosting.objects.get(pk=edited.pk)
        services.posting_update(user=employer, posting=fresh, data={"title": "編集された求人"})
        return report

    monkeypatch.setattr(bulk_import, "_check_rows", meanwhile)
    outcome = bulk_import.import_commit(user=employer, upload_id=upload.pk)
    assert statuses(outcome.report) == ["更新", "新規", "変更なし"]
    assert JobPosting.objects.filter(reference="N-1").get().title == "新しい番号"
    assert JobPosting.objects.filter(reference="G-1").get().title == "消えた求人"
    assert JobPosting.objects.count() == 3


def test_a_new_number_stored_by_someone_else_during_the_commit_is_named(employer, monkeypatch):
    """A number nobody had cannot be locked: another import (or the form) may store it after this commit looked
    it up. The unique constraint refuses the insert; the refusal names the number, and nothing is stored."""
    imported(employer, 社内管理番号="U-1")
    mark_duplicates = bulk_import._mark_duplicates

    def meanwhile(user: Any, report: Any) -> None:
        mark_duplicates(user, report)
        if not JobPosting.objects.filter(reference="N-1").exists():  # the other import, just committed
            make_posting(employer.organization, status=PostingStatus.DRAFT, reference="N-1", title="別の登録")

    monkeypatch.setattr(bulk_import, "_mark_duplicates", meanwhile)
    rows = [row(社内管理番号="U-1", 求人タイトル="更新"), row(社内管理番号="N-1"), row(社内管理番号="N-2")]
    with pytest.raises(bulk_import.ImportSaveFailed) as refused:
        run(employer, rows)
    assert str(refused.value) == (
        "社内管理番号「N-1」の求人が、この登録の途中に別の操作で登録されたため、1件も登録・更新していません。"
        "もう一度登録すると、その行は登録された求人の更新になります。"
    )
    assert list(JobPosting.objects.values_list("reference", "title")) == [("U-1", EXAMPLE["求人タイトル"])]


def test_the_api_answers_a_number_stored_meanwhile_with_409_naming_it(employer, monkeypatch):
    """Not the 503 of a failure on our side: the client can send the same file again, and it updates."""
    mark_duplicates = bulk_import._mark_duplicates

    def meanwhile(user: Any, report: Any) -> None:
        mark_duplicates(user, report)
        if not JobPosting.objects.filter(reference="N-1").exists():
            make_posting(employer.organization, status=PostingStatus.DRAFT, reference="N-1", title="別の登録")

    monkeypatch.setattr(bulk_import, "_mark_duplicates", meanwhile)
    api = Client()
    api.force_login(employer)
    data = csv_bytes([row(社内管理番号="N-1")])
    refused = api.post("/api/v1/employer/postings/import", {"file": _upload_file(data, "a.csv")})
    assert refused.status_code == 409 and "「N-1」" in refused.json()["detail"]
    assert (
        not JobPosting.objects.exists()
    )  # nothing stored (the stand-in for the other save was in our transaction)


def test_a_failing_update_rolls_back_the_new_rows_too(employer, monkeypatch):
    posting = imported(employer)
    rows = [row(求人タイトル="変更"), row(社内管理番号="A-002")]

    def fails(**kwargs: Any) -> Any:
        raise services.PostingInvalid({"__all__": ["保存できません"]})

    monkeypatch.setattr(services, "posting_update", fails)
    with pytest.raises(bulk_import.ImportSaveFailed, match="1件も登録・更新していません"):
        run(employer, rows)
    assert JobPosting.objects.count() == 1
    posting.refresh_from_db()
    assert posting.title == EXAMPLE["求人タイトル"]


# Pages and API ------------------------------------------------------------------------------------------------


def _upload_file(data: bytes, name: str) -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = name
    return f


def test_the_report_page_shows_the_update_rows_and_the_button_updates(employer):
    posting = imported(employer)
    web = Client()
    web.force_login(employer)
    rows = [row(求人タイトル="経理事務（更新後）"), row(社内管理番号="A-002", 求人タイトル="総務事務")]
    answer = web.post("/jobs/manage/import/", {"file": _upload_file(csv_bytes(rows), "a.csv")})
    page = web.get(answer["Location"]).content.decode()
    assert "2行のうち、新規 1行・更新 1行・変更なし 0行・エラーのある行 0行" in page
    assert "<strong>変わる列</strong>：求人タイトル" in page and "社内管理番号：A-001" in page
    assert "公開状態は変わりません" in page
    assert '<a href="?show=updates#import-filter">更新（1行）</a>' in page
    assert "新規1件を下書きで登録・1件を更新" in page
    done = web.post(answer["Location"] + "commit/", {"action": "draft"}, follow=True)
    text = done.content.decode()
    assert (
        "1件を下書きとして登録しました。" in text
        and "1件の求人を更新しました（公開状態は変わりません）。" in text
    )
    posting.refresh_from_db()
    assert posting.title == "経理事務（更新後）"


def test_api_reports_and_applies_updates(employer, other_employer):
    posting = imported(employer)
    make_posting(other_employer.organization, reference="B-1")
    api = Client()
    api.force_login(employer)
    data = csv_bytes([row(求人タイトル="API更新"), row(社内管理番号="B-1")])
    dry = api.post(
        "/api/v1/employer/postings/import?dry_run=true", {"file": _upload_file(data, "a.csv")}
    ).json()
    assert (dry["ok"], dry["updates"], dry["updated"], dry["created"]) == (1, 1, 0, 0)
    assert [r["status"] for r in dry["rows"]] == ["update", "ok"]
    assert dry["rows"][0]["changes"] == ["求人タイトル"]
    real = api.post("/api/v1/employer/postings/import", {"file": _upload_file(data, "a.csv")}).json()
    assert (real["created"], real["updated"], real["updated_ids"]) == (1, 1, [posting.pk])
    posting.refresh_from_db()
    assert posting.title == "API更新"


# Choosing the sheet ---------------------------------------------------------------------------------------------


def _two_sheets() -> bytes:
    wb = openpyxl.Workbook()
    april = wb.active
    april.title = "4月"
    april.append(HEADERS)
    april.append([EXAMPLE[h] for h in HEADERS])
    may = wb.create_sheet("5月 募集")
    may.append(HEADERS)
    may.append([{"社内管理番号": "M-5", "求人タイトル": "5月の求人"}.get(h, EXAMPLE[h]) for h in HEADERS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_sheet_to_read_can_be_chosen(employer):
    data = _two_sheets()
    first = bulk_import.import_run(user=employer, filename="a.xlsx", data=data, dry_run=True).report
    assert (first["sheet"], first["rows"][0]["title"]) == ("4月", EXAMPLE["求人タイトル"])
    chosen = bulk_import.import_run(
        user=employer, filename="a.xlsx", data=data, dry_run=True, sheet="５月募集"
    )
    assert (chosen.report["sheet"], chosen.report["rows"][0]["title"]) == ("5月 募集", "5月の求人")
    with pytest.raises(bulk_import.ImportFileInvalid) as missing:
        bulk_import.import_run(user=employer, filename="a.xlsx", data=data, dry_run=True, sheet="6月")
    assert str(missing.value) == "シート「6月」がありません。このファイルのシート：4月、5月 募集"
    web = Client()
    web.force_login(employer)
    answer = web.post("/jobs/manage/import/", {"file": _upload_file(data, "a.xlsx"), "sheet": "5月 募集"})
    page = web.get(answer["Location"]).content.decode()
    assert "読み込んだシート：「5月 募集」（このファイルのシート：4月、5月 募集）" in page
    bad = web.post("/jobs/manage/import/", {"file": _upload_file(data, "a.xlsx"), "sheet": "6月"})
    assert bad.status_code == 422 and "シート「6月」がありません。" in bad.content.decode()
    api = Client()
    api.force_login(employer)
    body = api.post(
        "/api/v1/employer/postings/import?dry_run=true&sheet=5月 募集", {"file": _upload_file(data, "a.xlsx")}
    ).json()
    assert body["sheet"] == "5月 募集"
