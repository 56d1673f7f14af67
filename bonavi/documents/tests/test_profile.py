"""Profile ⇄ JSON Resume through the seekers app, and the import/export commands."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from bonavi.accounts.models import User
from bonavi.documents.jsonresume import schema_errors
from bonavi.documents.profile import resume_json_download, resume_json_from_profile
from bonavi.seekers.models import SeekerProfile

from .conftest import SHARED, load

pytestmark = pytest.mark.django_db


def _normalise(doc):
    doc = json.loads(json.dumps(doc))
    doc.pop("$schema", None)
    doc["basics"].get("location", {}).pop("countryCode", None)
    doc["x-bonavi"].setdefault("cvFormat", "chronological")
    return doc


def _export(email):
    out = io.StringIO()
    call_command("export_resume", "--email", email, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("name", ["clean.json", "mistakes.json"])
def test_import_then_export_round_trips_and_passes_the_schema(name):
    call_command("import_resume", "--email", "new@test.example", str(SHARED / name), stdout=io.StringIO())
    user = User.objects.get(email="new@test.example")
    assert user.is_seeker and not user.has_usable_password()
    profile = SeekerProfile.objects.get(user=user)
    original = load(name)
    assert profile.full_name == original["basics"]["name"]
    assert profile.history.count() > 0 and profile.qualifications.count() == len(original["certificates"])
    exported = _export("new@test.example")
    assert schema_errors(exported) == []
    expected = _normalise(original)
    expected["basics"]["email"] = "new@test.example"  # the account's address is the contact address
    assert _normalise(exported) == expected


def test_export_follows_profile_edits(seeker):
    call_command("import_resume", "--email", seeker.email, str(SHARED / "clean.json"), stdout=io.StringIO())
    profile = SeekerProfile.objects.get(user=seeker)
    profile.given_name = "美咲子"
    profile.save()
    row = profile.history.get(text="株式会社ソラ会計サービス 入社（契約社員）")
    row.month = 11
    row.save()
    exported = _export(seeker.email)
    assert exported["basics"]["name"] == "佐藤 美咲子"
    sora = next(w for w in exported["work"] if w["name"] == "株式会社ソラ会計サービス")
    assert sora["startDate"] == "2023-11"
    assert sora["highlights"] == load("clean.json")["work"][1]["highlights"]  # details follow the company


def test_malformed_or_oversized_import_changes_nothing(seeker, tmp_path: Path):
    call_command("import_resume", "--email", seeker.email, str(SHARED / "clean.json"), stdout=io.StringIO())
    before = _export(seeker.email)
    bad = tmp_path / "bad.json"
    bad.write_text('{"basics": {"name": "山田 太郎", "birthDate": "yesterday"}}', encoding="utf-8")
    with pytest.raises(CommandError, match=r"basics\.birthDate"):
        call_command("import_resume", "--email", seeker.email, str(bad))
    many = load("clean.json")
    many["education"] = [{"institution": f"学校{i}", "endDate": "2000-03"} for i in range(5000)]
    big = tmp_path / "big.json"
    big.write_text(json.dumps(many, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="学歴が5,000件あります"):
        call_command("import_resume", "--email", seeker.email, str(big))
    kana = load("clean.json")
    kana["basics"]["furigana"] = "Sato Misaki"  # the profile keeps ふりがな in hiragana only
    wrong = tmp_path / "kana.json"
    wrong.write_text(json.dumps(kana, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="ひらがな"):
        call_command("import_resume", "--email", seeker.email, str(wrong))
    assert _export(seeker.email) == before
    with pytest.raises(CommandError, match="求職者のアカウントではありません"):
        User.objects.create_user(email="hr@x.example", password="pw-Long-enough-1", role="employer")
        call_command("import_resume", "--email", "hr@x.example", str(SHARED / "clean.json"))
    assert not User.objects.filter(email="ghost@test.example").exists()
    with pytest.raises(CommandError):
        call_command("import_resume", "--email", "ghost@test.example", str(bad))
    assert not User.objects.filter(email="ghost@test.example").exists()


def test_new_version_is_prefilled_from_the_profile(client, seeker):
    call_command("import_resume", "--email", seeker.email, str(SHARED / "clean.json"), stdout=io.StringIO())
    client.force_login(seeker)
    response = client.post("/documents/new/", {"title": "A社用", "source": "profile"}, follow=True)
    assert response.status_code == 200
    version = seeker.document_versions.get()
    assert version.data["work"][1]["highlights"] == load("clean.json")["work"][1]["highlights"]
    assert resume_json_from_profile(seeker)["basics"]["name"] == "佐藤 美咲"


def test_a_qualification_with_a_year_only_does_not_stop_the_document(client, seeker):
    """The profile form accepts 取得年 without 取得月; the document made from it used to fail with a 500 (and the
    JSON export with 「certificates[0].date: 年月「2024」を読めません」). Now the date is left blank and the
    person is told which qualification needs its month."""
    from bonavi.seekers import services as seekers

    seekers.profile_update(
        user=seeker,
        data={"family_name": "山田", "given_name": "花子"},
        qualifications=[{"code": "toeic", "acquired_year": 2024, "score": 650}],
    )
    client.force_login(seeker)
    response = client.post("/documents/new/", {"title": "A社用", "source": "profile"}, follow=True)
    assert response.status_code == 200
    version = seeker.document_versions.get()
    assert [c.get("date") for c in version.data["certificates"]] == [None]
    page = response.content.decode()
    assert "取得年（2024年）しかないため" in page and "certificates[0]" not in page

    response = client.get("/documents/profile/export.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert schema_errors(json.loads(response.content)) == []
    assert "取得年（2024年）しかないため" in client.get("/documents/").content.decode()


def test_a_work_row_not_written_as_nyusha_still_reaches_the_document(seeker):
    """A 職歴 row such as 「株式会社〇〇 アルバイト（現在に至る）」 (the demo seeker's own) was dropped: the
    document said 職歴「なし」. Now it is its own job, with the employment type read from the row."""
    from bonavi.documents.jsonresume import resume_from_json
    from bonavi.documents.layout import history_rows
    from bonavi.seekers import services as seekers

    seekers.profile_update(
        user=seeker,
        data={"family_name": "見本", "given_name": "さくら"},
        history=[
            {"kind": "education", "year": 2022, "month": 3, "text": "東京都立みほん高等学校 卒業"},
            {"kind": "work", "year": 2021, "month": 4, "text": "みほん書店 パート"},
            {"kind": "work", "year": 2021, "month": 12, "text": "みほん書店 退職"},
            {
                "kind": "work",
                "year": 2022,
                "month": 4,
                "text": "株式会社みほんダイニング アルバイト（現在に至る）",
            },
            {"kind": "work", "year": 2022, "month": 10, "text": "時間帯責任者に昇格"},
            {"kind": "work", "year": 2026, "month": 11, "text": "現在に至る"},
        ],
    )
    work = resume_json_from_profile(seeker)["work"]
    assert [(w["name"], w.get("employmentType"), w["startDate"], w.get("endDate")) for w in work] == [
        ("みほん書店", "パート", "2021-04", "2021-12"),
        ("株式会社みほんダイニング", "アルバイト", "2022-04", None),
    ]
    assert "position" not in work[1] and work[1]["milestones"] == [
        {"date": "2022-10", "text": "時間帯責任者に昇格"}
    ]
    assert resume_json_download(seeker)["work"][1]["position"] == "時間帯責任者に昇格"
    rows = [r.text for r in history_rows(resume_from_json(resume_json_from_profile(seeker)))]
    assert "株式会社みほんダイニングでアルバイトとして勤務" in rows and "なし" not in rows
    assert rows[-2:] == ["現在に至る", "以上"]


def test_a_part_time_row_with_its_role_in_brackets_is_no_nyusha(seeker):
    """「カフェ青葉 アルバイト（ホールスタッフ）」, as a student writes her part-time job: the bracket after アルバイト
    was read as part of the company's name, so the 履歴書 printed 「カフェ青葉 アルバイト（ホールスタッフ） 入社」
    (a part-timer 入社, ADR 0139) and the 職務経歴書 had no アルバイト. Now the bracket is the job's 役職."""
    from bonavi.documents.jsonresume import resume_from_json
    from bonavi.documents.layout import history_rows
    from bonavi.seekers import services as seekers

    seekers.profile_update(
        user=seeker,
        data={"family_name": "佐藤", "given_name": "美咲"},
        history=[
            {"kind": "education", "year": 2023, "month": 4, "text": "みなと大学 経済学部 入学"},
            {"kind": "work", "year": 2023, "month": 5, "text": "カフェ青葉 アルバイト（ホールスタッフ）"},
            {"kind": "work", "year": 2024, "month": 4, "text": "みほん書店 パート（レジ）（現在に至る）"},
        ],
    )
    work = resume_json_from_profile(seeker)["work"]
    assert [(w["name"], w.get("employmentType"), w.get("position")) for w in work] == [
        ("カフェ青葉", "アルバイト", "ホールスタッフ"),
        ("みほん書店", "パート", "レジ"),
    ]
    rows = [r.text for r in history_rows(resume_from_json(resume_json_from_profile(seeker)))]
    assert "カフェ青葉でアルバイトとして勤務" in rows and not any("入社" in r for r in rows)


def test_a_profile_typed_by_hand_comes_back_the_same_from_its_own_export(client, seeker):
    """Export the profile, import that file: the アルバイト of a job became a plain 「… 入社」 (an employer saw
    full-time work), a qualification picked from the list came back as free text (the list showed 「一覧にない」),
    and a TOEIC score was glued into the name. The rows, codes and score now survive."""
    from bonavi.seekers import services as seekers

    seekers.profile_update(
        user=seeker,
        data={
            "family_name": "見本",
            "given_name": "さくら",
            "family_name_kana": "みほん",
            "given_name_kana": "さくら",
        },
        history=[
            {"kind": "education", "year": 2022, "month": 3, "text": "東京都立みほん高等学校 卒業"},
            {"kind": "work", "year": 2022, "month": 4, "text": "株式会社みほんダイニング 入社（アルバイト）"},
            {"kind": "work", "year": 2024, "month": 4, "text": "株式会社みほん商事 入社"},
        ],
        qualifications=[
            {"code": "boki3", "acquired_year": 2025, "acquired_month": 6},
            {"code": "toeic", "acquired_year": 2024, "acquired_month": 1, "score": 650},
            {"name": "色彩検定3級", "acquired_year": 2023, "acquired_month": 7},
        ],
    )

    def rows():
        profile = SeekerProfile.objects.get(user=seeker)
        history = [(h.kind, h.year, h.month, h.text) for h in profile.history.order_by("year", "month", "pk")]
        quals = [
            (q.code, q.name, q.acquired_year, q.acquired_month, q.score) for q in profile.qualifications.all()
        ]
        return history, sorted(quals)

    before = rows()
    client.force_login(seeker)
    exported = client.get("/documents/profile/export.json").content
    response = client.post(
        "/documents/profile/import/", {"file": SimpleUploadedFile("me.json", exported, "application/json")}
    )
    assert response.status_code == 302, response.content.decode()
    assert rows() == before


def test_a_promotion_row_under_a_job_survives_export_then_import(client, seeker):
    """A 職歴 row that is neither 入社 nor 退職 (「時間帯責任者に昇格」) became the job's position on export, and
    import writes only 入社/退職 rows: re-importing the exported file dropped the row from the profile. The rows
    now travel, with their own 年月, in the `work[].milestones` extension, and come back unchanged."""
    from bonavi.documents.jsonresume import resume_from_json
    from bonavi.documents.layout import history_rows
    from bonavi.seekers import services as seekers

    seekers.profile_update(
        user=seeker,
        data={"family_name": "見本", "given_name": "さくら"},
        history=[
            {"kind": "education", "year": 2022, "month": 3, "text": "東京都立みほん高等学校 卒業"},
            {"kind": "work", "year": 2022, "month": 4, "text": "株式会社みほんダイニング 入社（アルバイト）"},
            {"kind": "work", "year": 2022, "month": 10, "text": "時間帯責任者に昇格"},
            {"kind": "work", "year": 2023, "month": 4, "text": "渋谷店に異動"},
            {"kind": "work", "year": 2024, "month": 3, "text": "一身上の都合により退職"},
            {"kind": "work", "year": 2024, "month": 4, "text": "株式会社みほん商事 入社"},
        ],
    )

    def rows():
        profile = SeekerProfile.objects.get(user=seeker)
        return [(h.kind, h.year, h.month, h.text) for h in profile.history.order_by("year", "month", "pk")]

    before = rows()
    client.force_login(seeker)
    exported = client.get("/documents/profile/export.json").content
    assert schema_errors(json.loads(exported)) == []
    response = client.post(
        "/documents/profile/import/", {"file": SimpleUploadedFile("me.json", exported, "application/json")}
    )
    assert response.status_code == 302, response.content.decode()
    assert rows() == before
    # The 履歴書 writes the notes between 入社 and 退職, each on its own row with its 年月 as in the profile (the
    # export's position, which joins them, is not printed again).
    printed = [
        (r.year, r.month, r.text) for r in history_rows(resume_from_json(resume_json_from_profile(seeker)))
    ]
    start = printed.index(("2022", "4", "株式会社みほんダイニングでアルバイトとして勤務"))
    assert printed[start + 1 : start + 4] == [
        ("2022", "10", "時間帯責任者に昇格"),
        ("2023", "4", "渋谷店に異動"),
        ("2024", "3", "一身上の都合により退職"),
    ]


def test_long_promotion_rows_still_export_and_come_back(client, seeker):
    """The export joined every note under a job into its position, which the reader caps at 100 characters:
    three ordinary 異動 rows made the whole export fail with 「work[0].position: 100文字以内…」, a field the person
    never typed. The position now holds the notes that fit; every row still travels in milestones."""
    from bonavi.documents.jsonresume import resume_from_json
    from bonavi.documents.layout import history_rows
    from bonavi.seekers import services as seekers

    notes = [
        (2021, 4, "本社経理部から大阪支社管理部へ異動し、月次決算と連結決算の取りまとめを担当"),
        (2023, 10, "大阪支社管理部 経理課長に昇格し、部下5名の育成と決算早期化の推進を担当"),
        (2024, 4, "東京本社 財務部へ異動し、資金繰り表の作成と銀行折衝を担当"),
    ]
    seekers.profile_update(
        user=seeker,
        data={"family_name": "見本", "given_name": "花子"},
        history=[
            {"kind": "work", "year": 2019, "month": 4, "text": "株式会社みほん商事 入社"},
            *({"kind": "work", "year": y, "month": m, "text": t} for y, m, t in notes),
        ],
    )
    before = [(h.year, h.month, h.text) for h in SeekerProfile.objects.get(user=seeker).history.all()]
    client.force_login(seeker)
    response = client.get("/documents/profile/export.json")
    assert response.status_code == 200, response.content.decode()
    exported = json.loads(response.content)
    job = exported["work"][0]
    assert len(job["position"]) <= 100 and [m["text"] for m in job["milestones"]] == [t for *_, t in notes]
    printed = [(r.year, r.month, r.text) for r in history_rows(resume_from_json(exported)) if r.year]
    assert [(y, m) for y, m, _ in printed] == [("2019", "4"), ("2021", "4"), ("2023", "10"), ("2024", "4")]
    upload = SimpleUploadedFile("me.json", response.content, "application/json")
    assert client.post("/documents/profile/import/", {"file": upload}).status_code == 302
    after = [(h.year, h.month, h.text) for h in SeekerProfile.objects.get(user=seeker).history.all()]
    assert sorted(after) == sorted(before)
