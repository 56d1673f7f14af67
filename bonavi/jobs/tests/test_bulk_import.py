"""Bulk import of postings from CSV/Excel (ADR 0082): encodings, hostile files, the per-row report with the
publishing gate's words, all-or-nothing storing, no duplicates, and who may do it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from typing import Any

import openpyxl
import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import Role, User
from bonavi.core import clock
from bonavi.core.tests.uploads import count_written
from bonavi.jobs import bulk_import
from bonavi.jobs.models import JobPosting, PostingImportKey, PostingImportUpload, PostingStatus
from bonavi.jobs.signals import postings_bulk_loaded

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in bulk_import.COLUMNS]
EXAMPLE = dict(zip(HEADERS, [c.example for c in bulk_import.COLUMNS], strict=True))


def row(**over: str) -> dict[str, str]:
    """The template's example row, with some cells changed (keyed by header)."""
    return {**EXAMPLE, **over}


def csv_bytes(rows: list[dict[str, str]], *, encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(HEADERS)
    for r in rows:
        writer.writerow([r.get(h, "") for h in HEADERS])
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]], headers: list[str] = HEADERS) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def check(user: User, data: bytes, name: str = "求人.csv") -> dict[str, Any]:
    outcome = bulk_import.import_run(user=user, filename=name, data=data, dry_run=True)
    return outcome.report


def problems_of(report: dict[str, Any], number: int) -> list[tuple[str, str]]:
    (r,) = [r for r in report["rows"] if r["row"] == number]
    return [(p["column"], p["message"]) for p in r["problems"] if p["level"] == "error"]


def refused(user: User, data: bytes, name: str = "求人.csv") -> str:
    with pytest.raises(bulk_import.ImportFileInvalid) as exc:
        bulk_import.import_run(user=user, filename=name, data=data, dry_run=True)
    return str(exc.value)


# Encodings and formats ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding,newline",
    [("utf-8", "\r\n"), ("utf-8-sig", "\r\n"), ("utf-8-sig", "\n"), ("cp932", "\r\n"), ("cp932", "\n")],
)
def test_csv_in_every_encoding_excel_saves_reads_the_same(employer, encoding, newline):
    data = csv_bytes(
        [row(), row(社内管理番号="A-002", 求人タイトル="髙橋会計の総務事務")],
        encoding=encoding,
        newline=newline,
    )
    report = check(employer, data)
    assert (report["total"], report["ok"], report["errors"]) == (2, 2, 0), report
    assert report["rows"][1]["title"] == "髙橋会計の総務事務"  # a cp932 extension character survives
    assert [r["row"] for r in report["rows"]] == [2, 3]


def test_xlsx_with_excel_types_is_read(employer):
    header_index = {h: i for i, h in enumerate(HEADERS)}
    cells: list[Any] = [EXAMPLE[h] for h in HEADERS]
    cells[header_index["賃金（下限・円）"]] = 250000  # a number cell
    cells[header_index["始業時刻"]] = dt.time(9, 30)  # a time cell
    cells[header_index["掲載期限"]] = dt.datetime.combine(dt.date.today() + dt.timedelta(days=30), dt.time())
    cells[header_index["試用期間（か月）"]] = 3.0
    data = xlsx_bytes([cells, [None] * len(HEADERS), ["A-002", "二件目", *cells[2:]]])
    report = check(employer, data, "求人.xlsx")
    assert report["ok"] == 2, report
    assert [r["row"] for r in report["rows"]] == [2, 4]  # the empty row 3 is skipped, numbering kept
    outcome = bulk_import.import_run(user=employer, filename="求人.xlsx", data=data, dry_run=False)
    posting = JobPosting.objects.get(pk=outcome.ids[0])
    assert (posting.wage_min, posting.start_time, posting.probation_months) == (250000, dt.time(9, 30), 3)


def test_values_as_people_type_them(employer):
    data = csv_bytes(
        [
            row(
                **{
                    "賃金（下限・円）": "２５００００",
                    "賃金（上限・円）": "300,000円",
                    "掲載期限": "2026/4/1",
                }
            ),
            row(
                **{
                    "社内管理番号": "B",
                    "賃金の単位": "",
                    "賃金（下限・円）": "月給25万円",
                    "試用期間（か月）": "３か月",
                }
            ),
            row(
                **{
                    "社内管理番号": "C",
                    "雇用形態": "アルバイト",
                    "賃金の単位": "時給",
                    "賃金（下限・円）": "1,300円",
                    "賃金（上限・円）": "",
                }
            ),
            row(
                **{"社内管理番号": "D", "都道府県": "27", "掲載期限": "令和8年4月1日", "始業時刻": "9時30分"}
            ),
        ]
    )
    table = bulk_import.read_table("x.csv", data)
    mapping, _ = bulk_import._map_headers(table.headers)
    by_header = {c.header: i for i, c in mapping.items()}

    def parsed(number: int, header: str) -> Any:
        column = mapping[by_header[header]]
        value = table.rows[number][1][by_header[header]]
        return bulk_import._money(value) if column.kind == "money" else bulk_import._parse(column, value)

    assert parsed(0, "賃金（下限・円）") == (250000, None)
    assert parsed(0, "賃金（上限・円）") == (300000, None)
    assert parsed(0, "掲載期限") == dt.date(2026, 4, 1)
    assert parsed(1, "賃金（下限・円）") == (250000, "month")
    assert parsed(1, "試用期間（か月）") == 3
    assert parsed(2, "雇用形態") == "part"
    assert parsed(3, "都道府県") == "27"
    assert parsed(3, "掲載期限") == dt.date(2026, 4, 1)
    assert parsed(3, "始業時刻") == dt.time(9, 30)
    report = check(employer, data)
    # 2026/4/1 is past by the test clock's today or not: either way rows 2–5 are read; row 3 takes 月給 from「月給25万円」
    assert problems_of(report, 3) == []
    assert problems_of(report, 4) == []


# Hostile files --------------------------------------------------------------------------------------------------


def test_empty_and_headerless_files_are_refused(employer):
    assert refused(employer, b"") == "ファイルが空です。"
    assert refused(employer, b"\r\n \r\n") == "ファイルが空です。"
    assert "見出しが求人の項目と一致しません" in refused(employer, "名前,年齢\n山田,30\n".encode())
    assert "データの行がありません" in refused(employer, csv_bytes([]))
    missing = refused(employer, "求人タイトル,雇用形態\n経理,正社員\n".encode())
    assert missing.startswith("必須の列がありません：職種、都道府県、賃金の単位")
    twice = refused(employer, ",".join([*HEADERS, "求人タイトル"]).encode() + b"\n" + b"x\n")
    assert "列「求人タイトル」が2つあります（B列と" in twice


def test_a_pdf_or_other_file_renamed_is_refused(employer):
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
    assert refused(employer, pdf, "求人.csv").startswith("PDFファイルは読み込めません")
    assert refused(employer, pdf, "求人.xlsx").startswith("PDFファイルは読み込めません")
    assert "として読み込めません" in refused(
        employer, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "求人.xlsx"
    )
    assert ".xls" in refused(employer, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "求人.xls")
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    assert "Excelファイル（.xlsx）ではありません" in refused(employer, other_zip.getvalue(), "求人.xlsx")
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("xl/workbook.xml", "<not-a-workbook")
    assert "読み込めません" in refused(employer, broken.getvalue(), "求人.xlsx")
    assert "文字のファイル" in refused(employer, b"\x00" * 200 + "求人タイトル".encode(), "a.csv")
    assert "文字コードを読み取れません" in refused(employer, bytes(range(128, 256)) * 8, "a.csv")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(employer):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b" " * (bulk_import.MAX_SHEET_XML + 1))
    assert len(bomb.getvalue()) < 100_000  # small on the wire
    assert "展開後の大きさが上限を超えています" in refused(employer, bomb.getvalue(), "求人.xlsx")


def test_size_and_row_limits(employer):
    big = b"a" * (bulk_import.MAX_BYTES + 1)
    assert "ファイルが大きすぎます（上限2 MB）" in refused(employer, big)
    lines = [",".join(HEADERS)] + [f"A-{i},経理{i}" for i in range(bulk_import.MAX_ROWS + 1)]
    assert "1ファイル1,000行まで" in refused(employer, "\n".join(lines).encode())
    # exactly the limit is read (and fast: each row is checked, none is stored)
    report = check(employer, "\n".join(lines[:-1]).encode())
    assert report["total"] == bulk_import.MAX_ROWS


def test_formulas_nul_and_markup(employer):
    header_index = {h: i for i, h in enumerate(HEADERS)}
    cells: list[Any] = [EXAMPLE[h] for h in HEADERS]
    cells[header_index["賃金（下限・円）"]] = "=200000+50000"
    data = xlsx_bytes([cells])
    report = check(employer, data, "f.xlsx")
    assert (
        "賃金（下限・円）（AI列）",
        "数式は計算せずに読み込みません。値を入力してください（「値の貼り付け」）。",
    ) in (problems_of(report, 2))
    # In a CSV a leading = + - @ is text: in a number column it is not a number, in a text column it stays text.
    data = csv_bytes(
        [
            row(**{"賃金（下限・円）": "=1+1"}),
            row(
                社内管理番号="X",
                求人タイトル="@経理\x00スタッフ\x07",
                業務内容の変更の範囲="-会社の定める業務",
            ),
            row(社内管理番号="Y", 求人タイトル='経理<script>alert("x")</script>'),
        ]
    )
    report = check(employer, data)
    assert (
        "賃金（下限・円）（AI列）",
        "金額として読み取れません。例：250000、250,000円、25万円、月給250,000円",
    ) in (problems_of(report, 2))
    assert (
        problems_of(report, 3) == [] and report["rows"][1]["title"] == "@経理スタッフ"
    )  # NUL and BEL dropped
    assert problems_of(report, 4) == [
        ("求人タイトル（B列）", "HTMLタグやスクリプトは入力できません。文章だけを入力してください。")
    ]


# The report ---------------------------------------------------------------------------------------------------


def test_each_problem_is_named_by_row_and_column(employer):
    data = csv_bytes(
        [
            row(),
            row(社内管理番号="2", 求人タイトル="", 雇用形態="正規", 都道府県="トーキョー"),
            row(社内管理番号="3", **{"試用期間（か月）": "", "年間休日": "たくさん", "始業時刻": "25:00"}),
            row(社内管理番号="4", 労災保険="なし", 休日="その他", **{"休日・休暇の補足": ""}),
        ]
    )
    report = check(employer, data)
    assert (report["ok"], report["errors"]) == (1, 3)
    assert problems_of(report, 2) == []
    row3 = problems_of(report, 3)
    assert ("求人タイトル（B列）", "必須の項目です。入力してください。") in row3
    assert any(
        c == "雇用形態（D列）"
        and m.startswith("「正規」は選べません。次のいずれかを入力してください：正社員、")
        for c, m in row3
    )
    assert ("都道府県（I列）", "「トーキョー」は都道府県として読み取れません。例：東京都、大阪府、13") in row3
    row4 = problems_of(report, 4)
    assert (
        "試用期間（か月）（V列）",
        "試用期間ありの場合は期間（か月）を入力してください。",
    ) in row4  # the gate's words
    assert ("年間休日（AE列）", "数字で入力してください。") in row4
    assert ("始業時刻（X列）", "時刻として読み取れません。例：9:00、18:30、9時30分") in row4
    row5 = problems_of(report, 5)
    assert any(c == "労災保険（AT列）" and "労働者災害補償保険法3条" in m for c, m in row5)
    assert (
        "休日・休暇の補足（AF列）",
        "休日で「その他」を選んだ場合は、休日の内容を補足に記入してください。",
    ) in row5


def test_minimum_wage_failure_is_reported_with_the_checkers_words_and_not_stored(employer):
    low = row(
        社内管理番号="LOW",
        雇用形態="パート・アルバイト",
        賃金の単位="時給",
        **{"賃金（下限・円）": "900", "賃金（上限・円）": ""},
    )
    outcome = bulk_import.import_run(
        user=employer, filename="w.csv", data=csv_bytes([row(), low]), dry_run=False
    )
    errors = problems_of(outcome.report, 3)
    assert any(c.startswith("賃金（下限・円）") and "最低賃金" in m for c, m in errors), errors
    assert outcome.created == 1
    assert list(JobPosting.objects.values_list("title", flat=True)) == [EXAMPLE["求人タイトル"]]


def test_unknown_columns_are_named_and_warnings_do_not_block(employer):
    data = csv_bytes([row(**{"業務内容の変更の範囲": ""})]).replace(
        "社内管理番号".encode(), "備考欄".encode(), 1
    )
    report = check(employer, data)
    assert report["notes"] == ["A列「備考欄」は求人の項目にないため読み込みません。"]


# Two steps and all-or-nothing ---------------------------------------------------------------------------------


def test_two_steps_store_only_the_good_rows_as_drafts(employer):
    data = csv_bytes(
        [row(), row(社内管理番号="2", 求人タイトル=""), row(社内管理番号="3", 求人タイトル="総務事務")]
    )
    upload = bulk_import.import_prepare(user=employer, filename="a.csv", data=data)
    assert not JobPosting.objects.exists()  # step 1 stores nothing
    assert (upload.report["ok"], upload.report["errors"]) == (2, 1)
    outcome = bulk_import.import_commit(user=employer, upload_id=upload.pk)
    assert outcome.created == 2 and outcome.published == 0
    stored = JobPosting.objects.order_by("pk")
    assert [p.title for p in stored] == [EXAMPLE["求人タイトル"], "総務事務"]
    assert {p.status for p in stored} == {PostingStatus.DRAFT}
    first = stored[0]
    # made as the form makes it: the family from the sub-role, the 募集者 from the organisation, the creator
    assert (first.family, first.employer_name, first.created_by_id) == (
        "accounting",
        "株式会社テスト商事",
        employer.pk,
    )
    with pytest.raises(bulk_import.ImportFileInvalid, match="このファイルは登録済みです。"):
        bulk_import.import_commit(user=employer, upload_id=upload.pk)


def test_publish_only_rows_that_pass_the_publishing_gate(employer):
    data = csv_bytes([row(), row(社内管理番号="2"), row(社内管理番号="3", 掲載期限="2020/1/1")])
    upload = bulk_import.import_prepare(user=employer, filename="a.csv", data=data)
    assert (upload.report["ok"], upload.report["publishable"]) == (2, 2)
    # a 掲載期限 already past is the checker's error: the row is neither published nor stored
    assert any(c == "掲載期限（BM列）" and "過ぎています" in m for c, m in problems_of(upload.report, 4))
    outcome = bulk_import.import_commit(user=employer, upload_id=upload.pk, publish=True)
    assert (outcome.created, outcome.published) == (2, 2)
    for published in JobPosting.objects.all():
        assert published.status == PostingStatus.PUBLISHED
        assert published.date_posted is not None and published.valid_through is not None


def test_a_failure_while_saving_stores_nothing(employer):
    upload = bulk_import.import_prepare(
        user=employer, filename="a.csv", data=csv_bytes([row(), row(社内管理番号="2")])
    )

    def index_fails(**kwargs: Any) -> None:
        raise DatabaseError("search index unavailable")

    postings_bulk_loaded.connect(index_fails, dispatch_uid="test-index-fails")
    try:
        with pytest.raises(bulk_import.ImportSaveFailed, match="1件も登録・更新していません"):
            bulk_import.import_commit(user=employer, upload_id=upload.pk)
    finally:
        postings_bulk_loaded.disconnect(dispatch_uid="test-index-fails")
    assert not JobPosting.objects.exists() and not PostingImportKey.objects.exists()
    upload.refresh_from_db()
    assert upload.used_at is None  # it can be tried again
    assert bulk_import.import_commit(user=employer, upload_id=upload.pk).created == 2


def test_the_rows_are_checked_again_outside_the_transaction(employer, monkeypatch):
    """A 1,000-row re-check takes a second or more; on SQLite a write transaction holds the site's write lock."""
    upload = bulk_import.import_prepare(user=employer, filename="a.csv", data=csv_bytes([row()]))
    depth_outside = len(connection.atomic_blocks)  # the test's own transaction
    depths: list[int] = []
    check_rows = bulk_import._check_rows

    def recording(*args: Any, **kwargs: Any) -> Any:
        depths.append(len(connection.atomic_blocks))
        return check_rows(*args, **kwargs)

    monkeypatch.setattr(bulk_import, "_check_rows", recording)
    assert bulk_import.import_commit(user=employer, upload_id=upload.pk).created == 1
    assert depths == [depth_outside]


def test_the_api_import_checks_the_rows_outside_the_transaction(employer, monkeypatch):
    """The API's one-step import: the same slow check, so the same reason to keep it out of the write lock."""
    depth_outside = len(connection.atomic_blocks)  # the test's own transaction
    depths: list[int] = []
    check_rows = bulk_import._check_rows

    def recording(*args: Any, **kwargs: Any) -> Any:
        depths.append(len(connection.atomic_blocks))
        return check_rows(*args, **kwargs)

    monkeypatch.setattr(bulk_import, "_check_rows", recording)
    outcome = bulk_import.import_run(user=employer, filename="a.csv", data=csv_bytes([row()]), dry_run=False)
    assert outcome.created == 1
    assert depths == [depth_outside]


def test_what_happens_during_the_re_check_is_seen_under_the_lock(employer, monkeypatch):
    """Another commit of the same upload, or of the same rows, finishing while this one re-checks: nothing twice."""
    data = csv_bytes([row(), row(社内管理番号="2")])
    upload = bulk_import.import_prepare(user=employer, filename="a.csv", data=data)
    twin = bulk_import.import_prepare(user=employer, filename="b.csv", data=data)
    check_rows = bulk_import._check_rows

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        report = check_rows(*args, **kwargs)
        monkeypatch.setattr(bulk_import, "_check_rows", check_rows)
        bulk_import.import_commit(user=employer, upload_id=twin.pk)  # the same rows, committed meanwhile
        return report

    monkeypatch.setattr(bulk_import, "_check_rows", meanwhile)
    outcome = bulk_import.import_commit(user=employer, upload_id=upload.pk)
    # checked as new postings, found under the lock as the twin's: the same contents, so nothing to change
    assert outcome.created == 0 and [r["status"] for r in outcome.report["rows"]] == ["unchanged"] * 2
    assert JobPosting.objects.count() == 2
    assert sorted(JobPosting.objects.values_list("reference", flat=True)) == ["2", "A-001"]

    again = bulk_import.import_prepare(
        user=employer, filename="c.csv", data=csv_bytes([row(社内管理番号="3")])
    )

    def used_meanwhile(*args: Any, **kwargs: Any) -> Any:
        PostingImportUpload.objects.filter(pk=again.pk).update(used_at=clock.now())  # a double click
        return check_rows(*args, **kwargs)

    monkeypatch.setattr(bulk_import, "_check_rows", used_meanwhile)
    with pytest.raises(bulk_import.ImportFileInvalid, match="このファイルは登録済みです。"):
        bulk_import.import_commit(user=employer, upload_id=again.pk)
    assert JobPosting.objects.count() == 2


def test_the_import_reads_the_time_from_the_clock(employer, monkeypatch):
    """Tests (and batch jobs) fix "now" through bonavi.core.clock, as in the other apps."""
    upload = bulk_import.import_prepare(user=employer, filename="a.csv", data=csv_bytes([row()]))
    later = upload.created_at + bulk_import.UPLOAD_TTL + dt.timedelta(minutes=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    with pytest.raises(bulk_import.ImportFileInvalid, match="もう一度アップロードしてください"):
        bulk_import.import_commit(user=employer, upload_id=upload.pk)
    fresh = bulk_import.import_prepare(user=employer, filename="a.csv", data=csv_bytes([row()]))
    assert not PostingImportUpload.objects.filter(pk=upload.pk).exists()  # expired by the clock: cleared
    PostingImportUpload.objects.filter(pk=fresh.pk).update(created_at=later)
    outcome = bulk_import.import_commit(user=employer, upload_id=fresh.pk, publish=True)
    posting = JobPosting.objects.get(pk=outcome.ids[0])
    assert posting.date_posted == later


def test_importing_the_same_file_twice_makes_no_duplicates(employer):
    unnumbered = {**row(), "社内管理番号": ""}
    data = csv_bytes([row(), unnumbered, unnumbered])
    first = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
    assert first.created == 2
    third = first.report["rows"][2]
    assert third["status"] == "duplicate" and "3行目と同じ内容です" in third["problems"][0]["message"]
    again = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
    assert again.created == 0 and again.updated == 0 and JobPosting.objects.count() == 2
    # the numbered row finds its posting by the number (ADR 0085); the others by their contents, as before
    assert [r["status_label"] for r in again.report["rows"]] == ["変更なし", "登録済み", "登録済み"]
    assert "同じ内容の求人" in again.report["rows"][1]["problems"][0]["message"]
    # The same row written differently (full-width digits, 円) is the same posting.
    retyped = {**unnumbered, "賃金（下限・円）": "２３００００円"}
    assert check(employer, csv_bytes([retyped]))["duplicates"] == 1


# Who may -------------------------------------------------------------------------------------------------------


def test_another_organisation_cannot_see_or_import_the_upload(employer, other_employer):
    upload = bulk_import.import_prepare(user=employer, filename="a.csv", data=csv_bytes([row()]))
    with pytest.raises(LookupError):
        bulk_import.import_commit(user=other_employer, upload_id=upload.pk)
    web = Client()
    web.force_login(other_employer)
    assert web.get(f"/jobs/manage/import/{upload.pk}/").status_code == 404
    assert web.post(f"/jobs/manage/import/{upload.pk}/commit/", {"action": "draft"}).status_code == 404
    assert not JobPosting.objects.exists()
    # the same file is the other organisation's own business: its key is its own
    assert (
        bulk_import.import_run(
            user=other_employer, filename="a.csv", data=csv_bytes([row()]), dry_run=False
        ).created
        == 1
    )


@pytest.mark.parametrize("who", ["seeker", "agent"])
def test_seekers_and_agents_are_refused(request, employer, who):
    user = (
        request.getfixturevalue("seeker")
        if who == "seeker"
        else User.objects.create_user(email="ca@agency.example", password="pw-Long-enough-1", role=Role.AGENT)
    )
    upload = bulk_import.import_prepare(user=employer, filename="a.csv", data=csv_bytes([row()]))
    web = Client()
    web.force_login(user)
    for url in (
        "/jobs/manage/import/",
        "/jobs/manage/import/columns/",
        "/jobs/manage/import/template.csv",
        f"/jobs/manage/import/{upload.pk}/",
    ):
        assert web.get(url).status_code == 403, url
    assert web.post(f"/jobs/manage/import/{upload.pk}/commit/").status_code == 403
    answer = web.post("/api/v1/employer/postings/import", {"file": io.BytesIO(csv_bytes([row()]))})
    assert answer.status_code == 403 and answer.json()["detail"] == "採用担当のアカウントでご利用ください。"
    assert not JobPosting.objects.exists()


# Pages and API ------------------------------------------------------------------------------------------------


def _upload_file(data: bytes, name: str) -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = name
    return f


def test_an_upload_over_the_sites_cap_is_dropped_and_refused_on_the_page_and_the_api(employer, monkeypatch):
    # core.uploads drops a file past the site's cap as it arrives: the page says it was too big (not 「選んでください」),
    # the API answers 413, and Django's handlers never received more than the cap.
    written = count_written(monkeypatch)
    web = Client()
    web.force_login(employer)
    huge = b"a" * (8 * 1024 * 1024)
    page = web.post("/jobs/manage/import/", {"file": _upload_file(huge, "求人.csv")})
    assert page.status_code == 422
    assert (
        bulk_import.TOO_LARGE in page.content.decode()
        and "このフィールドは必須です" not in page.content.decode()
    )
    assert sum(written) <= settings.UPLOAD_MAX_BYTES
    written.clear()
    api = web.post("/api/v1/employer/postings/import?dry_run=true", {"file": _upload_file(huge, "求人.csv")})
    assert api.status_code == 413
    # What the import says of a file over its own limit (bulk_import.TOO_LARGE, 2 MB), not the site's cap of 5 MB.
    assert api.json()["detail"] == "ファイルが大きすぎます（上限2 MB）。行を分けてください。"
    assert 0 < sum(written) <= settings.UPLOAD_MAX_BYTES
    assert not PostingImportUpload.objects.exists()


def test_pages_upload_report_and_commit(employer):
    web = Client()
    web.force_login(employer)
    assert "Excel・CSVで一括登録" in web.get("/jobs/manage/").content.decode()
    template = web.get("/jobs/manage/import/template.csv")
    assert template.content.startswith(b"\xef\xbb\xbf") and "求人タイトル" in template.content.decode(
        "utf-8-sig"
    )
    xlsx = web.get("/jobs/manage/import/template.xlsx")
    assert bulk_import.read_table("t.xlsx", xlsx.content).headers == HEADERS
    assert web.get("/jobs/manage/import/template.pdf").status_code == 404
    columns = web.get("/jobs/manage/import/columns/").content.decode()
    assert "正社員、契約社員、派遣社員、パート・アルバイト" in columns and "JISコード（13）" in columns

    bad = web.post("/jobs/manage/import/", {"file": _upload_file(b"%PDF-1.4 x", "a.csv")})
    assert bad.status_code == 422 and "PDFファイルは読み込めません" in bad.content.decode()
    data = csv_bytes([row(), row(社内管理番号="2", 求人タイトル="")], encoding="cp932")
    answer = web.post("/jobs/manage/import/", {"file": _upload_file(data, "求人.csv")})
    assert answer.status_code == 302
    report_url = answer["Location"]
    page = web.get(report_url).content.decode()
    assert "2行のうち、登録できる行 1行・エラーのある行 1行" in page
    assert "3行目" in page and "求人タイトル（B列）</strong>：必須の項目です。" in page
    assert "問題のない行を下書きとして登録（1件）" in page
    # A tampered form cannot add rows: only the upload's id is posted, its rows are read from the server.
    done = web.post(report_url + "commit/", {"action": "draft", "rows": '[{"title": "注入"}]'})
    assert done.status_code == 302 and done["Location"] == "/jobs/manage/"
    assert list(JobPosting.objects.values_list("title", flat=True)) == [EXAMPLE["求人タイトル"]]
    again = web.post(report_url + "commit/", {"action": "draft"}, follow=True)
    assert "このファイルは登録済みです。" in again.content.decode() and JobPosting.objects.count() == 1


def test_the_report_lists_the_rows_in_error_first_and_filters_without_javascript(employer):
    web = Client()
    web.force_login(employer)
    unnumbered = row(社内管理番号="")
    bulk_import.import_run(user=employer, filename="a.csv", data=csv_bytes([unnumbered]), dry_run=False)
    rows = [
        unnumbered,
        *[row(社内管理番号=f"N{n}", 求人タイトル=f"経理{n}") for n in range(3)],
        row(社内管理番号="E", 求人タイトル=""),
    ]
    upload = bulk_import.import_prepare(user=employer, filename="a.csv", data=csv_bytes(rows))
    url = f"/jobs/manage/import/{upload.pk}/"

    def listed(page: str) -> list[str]:
        return re.findall(r'<li class="card import-row" id="row-(\d+)">', page)

    page = web.get(url).content.decode()  # errors only: the rows to act on, not lost among the good ones
    assert listed(page) == ["6"]
    assert '<strong aria-current="page">エラーのある行だけ（1行）</strong>' in page
    assert '<a href="?show=all#import-filter">すべて（5行）</a>' in page
    assert '<a href="?show=duplicates#import-filter">登録済み（1行）</a>' in page
    assert "5行のうち、登録できる行 3行・エラーのある行 1行・登録済み 1行" in page  # the summary counts all
    assert listed(web.get(url + "?show=all").content.decode()) == ["2", "3", "4", "5", "6"]
    assert listed(web.get(url + "?show=duplicates").content.decode()) == ["2"]
    assert listed(web.get(url + "?show=<script>").content.decode()) == ["6"]  # unknown: the default
    # Without errors every row is listed.
    clean = bulk_import.import_prepare(
        user=employer, filename="b.csv", data=csv_bytes([row(社内管理番号="C")])
    )
    page = web.get(f"/jobs/manage/import/{clean.pk}/").content.decode()
    assert listed(page) == ["2"] and '<strong aria-current="page">すべて（1行）</strong>' in page
    empty = web.get(f"/jobs/manage/import/{clean.pk}/?show=errors").content.decode()
    assert listed(empty) == [] and "表示する行はありません。" in empty


def test_api_dry_run_and_import(employer):
    api = Client()
    api.force_login(employer)
    data = csv_bytes([row(), row(社内管理番号="2", **{"賃金（下限・円）": "abc"})])
    dry = api.post("/api/v1/employer/postings/import?dry_run=true", {"file": _upload_file(data, "a.csv")})
    assert dry.status_code == 200, dry.content
    body = dry.json()
    assert (body["dry_run"], body["ok"], body["errors"], body["created"]) == (True, 1, 1, 0)
    assert body["rows"][1]["problems"][0]["column"] == "賃金（下限・円）（AI列）"
    assert not JobPosting.objects.exists() and not PostingImportUpload.objects.exists()
    real = api.post("/api/v1/employer/postings/import", {"file": _upload_file(data, "a.csv")})
    assert real.status_code == 200 and real.json()["created"] == 1
    assert list(JobPosting.objects.values_list("pk", flat=True)) == real.json()["ids"]
    refused_file = api.post("/api/v1/employer/postings/import", {"file": _upload_file(b"", "a.csv")})
    assert refused_file.status_code == 422 and refused_file.json()["detail"] == "ファイルが空です。"


# What people write in Excel (review by use) ---------------------------------------------------------------------


@pytest.mark.parametrize("holiday", ["土日祝", "土日祝日", "土日祝休", "完全週休2日制（土日祝）"])
def test_the_usual_ways_of_writing_weekends_and_holidays_off_are_read(employer, holiday):
    report = check(employer, csv_bytes([row(休日=holiday)]))
    assert problems_of(report, 2) == []
    outcome = bulk_import.import_run(
        user=employer, filename="a.csv", data=csv_bytes([row(休日=holiday)]), dry_run=False
    )
    assert JobPosting.objects.get(pk=outcome.ids[0]).holiday_pattern == "weekends"


@pytest.mark.parametrize("cross", ["✖", "☓", "x", "Ｘ"])
def test_crosses_that_look_like_batsu_mean_no(employer, cross):
    column = bulk_import.COLUMN_BY_FIELD["is_dispatch"]
    assert bulk_import._parse(column, cross) is False


@pytest.mark.parametrize("value", ["25万円～", "250,000円〜", "月給25万円~"])
def test_a_wage_written_with_a_trailing_kara_is_read(value):
    assert bulk_import._money(value)[0] == 250000


@pytest.mark.parametrize(
    ("value", "yen", "unit"),
    [
        ("126万", 1_260_000, None),
        ("月給25.5万円", 255_000, "month"),
        ("年収420万5000円〜", 4_205_000, "year"),
    ],
)
def test_a_wage_cell_is_read_like_the_agents_forms_read_an_amount(value, yen, unit):
    """One reader for yen (core.money.parse_yen): what a placement form takes, a cell takes."""
    assert bulk_import._money(value) == (yen, unit)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-250000", "マイナスの金額は入力できません。"),
        ("250000.5", "円の金額は整数で入力してください。"),
        ("25千円", "金額として読み取れません。例：250000、250,000円、25万円、月給250,000円"),
        ("9" * 400, "金額が大きすぎます。"),
    ],
)
def test_a_wage_cell_that_is_not_an_amount_says_why(value, message):
    with pytest.raises(bulk_import._Bad) as caught:
        bulk_import._money(value)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("経理", "accounting_clerk"),  # not 経理課長（管理職）: nobody writes 「経理」 for a manager's post
        ("総務", "general_affairs"),
        ("人事", "hr_clerk"),
        ("一般事務", "office_clerk"),
        ("給与計算", "payroll"),
        ("監査", "internal_audit"),
        ("法務", "legal"),
    ],
)
def test_a_shorthand_that_fits_one_sub_role_is_read_and_said(employer, typed, code):
    report = check(employer, csv_bytes([row(職種=typed)]))
    assert report["rows"][0]["status"] == "ok", report["rows"][0]["problems"]
    assert bulk_import._subrole(typed) == code
    if typed != "一般事務":  # a listed name needs no word; a shorthand says what it was read as
        name = bulk_import.SUBROLE_BY_CODE[code].name
        assert ("職種（C列）", f"「{typed}」を「{name}」として読み取りました。") in [
            (p["column"], p["message"]) for p in report["rows"][0]["problems"] if p["level"] == "info"
        ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("広報", "「広報」に当たる職種が1つに決まりません。次のいずれかを入力してください：広報・PR、IR広報"),
        ("課長", "「課長」に当たる職種が1つに決まりません。次のいずれかを入力してください："
                 "経理課長（管理職）、人事課長（管理職）、総務課長（管理職）"),
        ("人事労務", "「人事労務」は選べません。次のいずれかを入力してください：人事事務、労務・給与計算、採用担当、"
                     "人事課長（管理職）"),
        ("経理担当", "「経理担当」は選べません。次のいずれかを入力してください：経理事務、財務・資金管理、内部監査、"
                     "経理課長（管理職）"),
        ("事", "「事」に当たる職種が1つに決まりません。"),
        ("営業", None),
        ("看護師", "「看護師」は選べません。職種の名前（例：経理事務、総務事務、一般事務）を入力してください。"),
    ],
)  # fmt: skip
def test_a_sub_role_that_cannot_be_told_lists_only_what_fits(employer, typed, message):
    if message is None:
        assert bulk_import._subrole(typed) == "sales_assistant"
        return
    report = check(employer, csv_bytes([row(職種=typed)]))
    [problem] = [p for p in report["rows"][0]["problems"] if p["column"] == "職種（C列）"]
    assert problem["message"].startswith(message) and problem["guide"] == "subrole"
    assert "医療事務" not in problem["message"] or typed == "事"  # never the whole list of 22


def test_the_report_links_a_refused_sub_role_to_the_column_guide(employer):
    web = Client()
    web.force_login(employer)
    upload = bulk_import.import_prepare(user=employer, filename="a.csv", data=csv_bytes([row(職種="看護師")]))
    page = web.get(f"/jobs/manage/import/{upload.pk}/").content.decode()
    assert '<a href="/jobs/manage/import/columns/#col-subrole">選べる値の一覧</a>' in page
    assert 'id="col-subrole"' in web.get("/jobs/manage/import/columns/").content.decode()


def test_merged_cells_give_their_value_to_every_cell_they_cover(employer):
    header_index = {h: i for i, h in enumerate(HEADERS)}
    cells: list[Any] = [EXAMPLE[h] for h in HEADERS]
    rows = [[f"M-{n}", *cells[1:]] for n in range(3)]
    rows[0][header_index["休日"]] = "シフト制"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    # Rows 2–4 share one 休日 cell and one 業務内容の変更の範囲 cell, as people merge a column of equal values.
    for header in ("休日", "業務内容の変更の範囲"):
        letter = openpyxl.utils.get_column_letter(header_index[header] + 1)
        ws.merge_cells(f"{letter}2:{letter}4")
    out = io.BytesIO()
    wb.save(out)
    outcome = bulk_import.import_run(user=employer, filename="m.xlsx", data=out.getvalue(), dry_run=False)
    assert outcome.created == 3, outcome.report
    stored = JobPosting.objects.filter(pk__in=outcome.ids)
    assert {p.holiday_pattern for p in stored} == {"shift"}
    assert {p.duties_change_scope for p in stored} == {EXAMPLE["業務内容の変更の範囲"]}


def test_a_file_whose_rows_are_all_imported_already_says_so_not_that_it_has_errors(employer):
    web = Client()
    web.force_login(employer)
    data = csv_bytes([row(社内管理番号="")])
    bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
    answer = web.post("/jobs/manage/import/", {"file": _upload_file(data, "a.csv")})
    page = web.get(answer["Location"]).content.decode()
    assert "すべての行が登録済みです" in page
    assert "エラーを修正して" not in page


def test_a_title_row_above_the_header_and_a_cover_sheet_before_the_data_are_passed_over(employer):
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "表紙"
    cover.append(["2026年度 求人一覧（人事部）"])
    data_sheet = wb.create_sheet("求人")
    data_sheet.append(["2026年度 求人一覧"])  # a title line, then a blank line, then the header on row 3
    data_sheet.append([])
    data_sheet.append(HEADERS)
    data_sheet.append([EXAMPLE[h] for h in HEADERS])
    out = io.BytesIO()
    wb.save(out)
    report = check(employer, out.getvalue(), "求人.xlsx")
    assert (report["ok"], [r["row"] for r in report["rows"]]) == (1, [4]), report
    titled_csv = "求人一覧\r\n".encode() + csv_bytes([row()])
    assert [r["row"] for r in check(employer, titled_csv)["rows"]] == [3]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_csv_separated_by_semicolons_or_tabs_is_read(employer, delimiter):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([["求人一覧"], HEADERS, [EXAMPLE[h] for h in HEADERS]])  # a title line first, too
    data = out.getvalue().encode("cp932")
    report = check(employer, data)
    assert (report["total"], report["ok"]) == (1, 1), report


def test_a_wage_range_in_one_cell_is_told_to_go_into_the_two_columns(employer):
    report = check(employer, csv_bytes([row(**{"賃金（下限・円）": "25万～30万円", "賃金（上限・円）": ""})]))
    ((column, message),) = problems_of(report, 2)
    assert column == "賃金（下限・円）（AI列）"
    assert "範囲は書けません" in message and "「賃金（上限・円）」の列" in message


@pytest.mark.parametrize(
    ("header", "value", "read"),
    [
        ("休憩時間（分）", "1時間", None),  # was stored as 1 minute
        ("試用期間（か月）", "90日", None),  # was stored as 90 months
        ("年間休日", "120時間", None),
        ("年齢上限", "35分", None),
        ("休憩時間（分）", "60分", 60),
        ("試用期間（か月）", "3ヶ月間", 3),
        ("年間休日", "120日", 120),
        ("月平均残業時間", "10時間", 10),
        ("固定残業時間（時間分）", "20時間分", 20),
        ("年齢上限", "59歳", 59),
        ("契約期間（か月）", "6", 6),
    ],
)
def test_a_number_is_read_only_with_its_own_columns_unit(header, value, read):
    column = next(c for c in bulk_import.COLUMNS if c.header == header)
    if read is not None:
        assert bulk_import._parse(column, value) == read
        return
    with pytest.raises(bulk_import._Bad) as caught:
        bulk_import._parse(column, value)
    assert str(caught.value).startswith(f"「{value}」は読み取れません。この列は")


@pytest.mark.parametrize(
    "value", ["東京都・神奈川県", "大阪府または兵庫県", "東京都、京都府", "京都府・東京都"]
)
def test_a_prefecture_cell_naming_two_is_refused_not_read_as_the_first(value):
    column = bulk_import.COLUMN_BY_FIELD["prefecture"]
    with pytest.raises(bulk_import._Bad) as caught:
        bulk_import._parse(column, value)
    assert str(caught.value).startswith(f"「{value}」には都道府県が2つ以上あります。")
    assert bulk_import._parse(column, "東京都千代田区") == "13"


def test_every_number_column_says_its_unit():
    numbers = {c.field for c in bulk_import.COLUMNS if c.kind == "int"}
    assert numbers == set(bulk_import._INT_UNITS)


def _with_headers(data_rows: list[dict[str, str]], renamed: dict[str, str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([renamed.get(h, h) for h in HEADERS])
    writer.writerows([[r.get(h, "") for h in HEADERS] for r in data_rows])
    return out.getvalue().encode("utf-8")


def test_a_lower_and_an_upper_wage_in_two_units_are_refused_in_the_report_the_api_and_the_page(employer):
    """「月給25万円」 as the 下限 and 「時給1,500円」 as the 上限 were read as 250,000〜1,500円 a month (the first
    unit won). The row is refused beside the 上限, naming both columns and both units; nothing is stored."""
    data = _with_headers(
        [
            row(**{"賃金の単位": "", "賃金（下限・円）": "月給25万円", "賃金（上限・円）": "時給1,500円"}),
            row(
                社内管理番号="B",
                **{"賃金の単位": "", "賃金（下限・円）": "月給25万円", "賃金（上限・円）": "30万円"},
            ),
        ],
        {"賃金（下限・円）": "賃金下限", "賃金（上限・円）": "賃金上限"},
    )
    message = (
        "賃金（下限・円）（AI列）は「月給」、賃金（上限・円）（AJ列）は「時給」の金額です。"
        "1つの求人の金額は同じ単位で入力してください。"
    )
    assert problems_of(check(employer, data), 2) == [("賃金（上限・円）（AJ列）", message)]
    outcome = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
    assert [r["status"] for r in outcome.report["rows"]] == ["error", "ok"]
    assert list(JobPosting.objects.values_list("reference", "wage_max")) == [("B", 300000)]

    api = Client()
    api.force_login(employer)
    body = api.post(
        "/api/v1/employer/postings/import?dry_run=true", {"file": _upload_file(data, "a.csv")}
    ).json()
    assert body["rows"][0]["problems"] == [
        {"column": "賃金（上限・円）（AJ列）", "message": message, "level": "error"}
    ]
    answer = api.post("/jobs/manage/import/", {"file": _upload_file(data, "a.csv")})
    page = api.get(answer["Location"]).content.decode()
    assert f"賃金（上限・円）（AJ列）</strong>：{message}" in page


def test_an_upper_wage_written_as_from_is_refused_not_read_as_the_upper_limit(employer):
    """「30万円〜」 says "from 30万": in the 上限 column it was stored as the upper limit. In the 下限 column it is
    what the column means and is read as before."""
    data = _with_headers(
        [
            row(**{"賃金（下限・円）": "25万円", "賃金（上限・円）": "30万円〜"}),
            row(社内管理番号="B", **{"賃金（下限・円）": "25万円〜", "賃金（上限・円）": "30万円"}),
        ],
        {},
    )
    assert problems_of(check(employer, data), 2) == [
        (
            "賃金（上限・円）（AJ列）",
            "「30万円〜」は「〜から」（下限）の書き方です。上限の金額を〜なしで入力してください"
            "（下限は「賃金（下限・円）」の列に入力します）。",
        )
    ]
    outcome = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
    assert [r["status"] for r in outcome.report["rows"]] == ["error", "ok"]
    assert list(JobPosting.objects.values_list("reference", "wage_min", "wage_max")) == [
        ("B", 250000, 300000)
    ]


def test_a_text_cell_excel_turned_into_a_date_is_reported_not_stored_as_a_date(employer):
    # Typing 「2-8-1」 into 番地 makes Excel store the date 2002/8/1; the sheet shows it as a date, not the address.
    header_index = {h: i for i, h in enumerate(HEADERS)}
    cells: list[Any] = [EXAMPLE[h] for h in HEADERS]
    cells[header_index["番地・建物名"]] = dt.datetime(2002, 8, 1)
    cells[header_index["掲載期限"]] = dt.datetime.combine(dt.date.today() + dt.timedelta(days=30), dt.time())
    report = check(employer, xlsx_bytes([cells]), "求人.xlsx")
    ((column, message),) = problems_of(report, 2)
    assert column == "番地・建物名（K列）"
    assert "日付に変換" in message and "文字列" in message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("平成31年4月1日", dt.date(2019, 4, 1)),
        ("H31.4.1", dt.date(2019, 4, 1)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("r8/4/1", dt.date(2026, 4, 1)),
        ("２０２６年４月１日", dt.date(2026, 4, 1)),
        ("2026-04-01", dt.date(2026, 4, 1)),
    ],
)
def test_a_date_cell_is_read_in_either_era_as_the_compliance_checker_reads_it(cell, expected):
    assert bulk_import._date(cell) == expected


def test_a_date_cell_that_is_no_day_is_refused():
    with pytest.raises(bulk_import._Bad, match="「2026/2/30」という日付はありません"):
        bulk_import._date("2026/2/30")
    with pytest.raises(bulk_import._Bad, match="日付として読み取れません"):
        bulk_import._date("来年の春")


def test_the_limits_are_said_from_the_constants_everywhere(employer):
    """The upload form, the column guide and the API's description say the limits the reader enforces."""
    assert (
        f"{bulk_import.MAX_BYTES // (1024 * 1024)} MB・{bulk_import.MAX_ROWS:,}行まで"
        == bulk_import.LIMITS_TEXT
    )
    client = Client()
    client.force_login(employer)
    for name in ("jobs:employer_import", "jobs:employer_import_columns"):
        assert bulk_import.LIMITS_TEXT in client.get(reverse(name)).content.decode(), name
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/employer/postings/import"]["post"]
    assert bulk_import.LIMITS_TEXT in operation["description"]
