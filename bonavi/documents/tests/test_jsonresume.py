"""Reading and writing JSON Resume: round trip, schema, and bad input refused with Japanese messages."""

import base64
import io
import json

import pytest
from PIL import Image

from bonavi.documents.jsonresume import (
    ResumeInputError,
    resume_from_bytes,
    resume_from_json,
    resume_to_json,
    schema_errors,
)
from bonavi.documents.photo import OUT_SIZE, PhotoError, process_photo

from .conftest import load


def _strip(doc):
    out = json.loads(json.dumps(doc))
    out.pop("$schema", None)
    for loc in (out.get("basics", {}).get("location", {}),):
        loc.pop("countryCode", None)
    return out


@pytest.mark.parametrize("name", ["clean.json", "mistakes.json"])
def test_fixture_round_trips_every_field(name):
    doc = load(name)
    exported = resume_to_json(resume_from_json(doc))
    assert schema_errors(exported) == []
    expected = json.loads(json.dumps(doc))
    # Defaults we make explicit on export: the CV order and the 学歴 status.
    expected["x-bonavi"].setdefault("cvFormat", "chronological")
    assert _strip(exported) == expected


def test_export_is_idempotent_and_schema_catches_bad_dates():
    first = resume_to_json(resume_from_json(load("clean.json")))
    assert resume_to_json(resume_from_json(first)) == first
    broken = json.loads(json.dumps(first))
    broken["work"][0]["startDate"] = "2021/04"
    broken["basics"]["email"] = "not an e-mail"
    errors = schema_errors(broken)
    assert any("work.0.startDate" in e for e in errors)
    assert any("basics.email" in e for e in errors)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b'{"basics": ', "JSON の形式が正しくありません"),
        (b"[1, 2]", "オブジェクト"),
        ('{"basics": {"name": "山田"}}'.encode("shift_jis") + b"\x82\xa0", "UTF-8"),
        (b'{"work": [{"name": "A", "startDate": "April 2020"}]}', "work[0].startDate"),
        (b'{"basics": {"birthDate": "1998-02-30"}}', "basics.birthDate"),
        (b'{"x-bonavi": {"dateStyle": "roman"}}', "western、japanese"),
        (b'{"work": [{"name": "A", "employees": "many"}]}', "従業員数"),
        (
            '{"work": [{"name": "A", "milestones": [{"text": "課長に昇格"}]}]}'.encode(),
            "work[0].milestones[0]: date（YYYY-MM）と text の両方",
        ),
        (b'{"work": [{"name": "A", "milestones": [{"date": "2020/4", "text": "x"}]}]}', "milestones[0].date"),
    ],
)
def test_malformed_input_gets_a_japanese_message(data, needle):
    with pytest.raises(ResumeInputError) as exc:
        resume_from_bytes(data)
    assert needle in " ".join(exc.value.messages)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        # a date written as asked that does not exist was told it had the wrong format
        (
            b'{"basics": {"birthDate": "2001-02-29"}}',
            "basics.birthDate: 日付「2001-02-29」は正しくありません（2001年2月29日はありません）",
        ),
        (b'{"x-bonavi": {"documentDate": "2026-02-30"}}', "2026年2月30日はありません"),
        # month 13 and day 32 were told 「YYYY-MM-DD で指定してください」 of a date written in that very form
        (
            b'{"basics": {"birthDate": "2001-13-01"}}',
            "basics.birthDate: 日付「2001-13-01」は正しくありません（2001年13月1日",
        ),
        (b'{"basics": {"birthDate": "2001-01-32"}}', "2001年1月32日はありません"),
        # json.loads raised a bare ValueError past 4,300 digits: a 500 on upload
        (b'{"work": [{"name": "A", "employees": 1' + b"0" * 5000 + b"}]}", "5,001桁の数値があります"),
        # half a UTF-16 pair was stored, and every page showing the document then failed to encode it
        (b'{"basics": {"name": "\\ud800"}}', "basics.name: 読めない文字"),
        (
            b'{"work": [{"name": "A", "milestones": [{"date": "2020-04", "text": "\\udc00"}]}]}',
            "work[0].milestones[0].text: 読めない文字",
        ),
    ],
)
def test_impossible_dates_huge_numbers_and_broken_characters_are_refused_in_japanese(data, needle):
    with pytest.raises(ResumeInputError) as exc:
        resume_from_bytes(data)
    assert needle in " ".join(exc.value.messages)


def test_a_stored_document_with_a_broken_character_still_opens():
    doc = {"basics": {"name": "山田\ud800太郎"}, "work": [{"name": "A\udc00", "startDate": "2020-04"}]}
    resume = resume_from_json(doc, stored=True)
    assert resume.basics.name == "山田\ufffd太郎" and resume.work[0].name == "A\ufffd"
    json.dumps(resume_to_json(resume), ensure_ascii=False).encode()  # what a page or a PDF writes out


def test_five_thousand_rows_are_refused_whole():
    doc = load("clean.json")
    doc["work"] = [{"name": f"株式会社{i}", "startDate": "2020-04"} for i in range(5000)]
    with pytest.raises(ResumeInputError) as exc:
        resume_from_json(doc)
    assert "職歴が5,000件あります" in exc.value.messages[0]


def _jpeg(width, height, quality=90):
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 180, 160)).save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def test_photo_is_cropped_to_the_3_by_4_box():
    out = process_photo(_jpeg(1200, 900))  # landscape phone photo
    image = Image.open(io.BytesIO(out))
    assert image.format == "JPEG" and image.size == OUT_SIZE
    assert OUT_SIZE[0] * 4 == OUT_SIZE[1] * 3


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"%PDF-1.7 not an image", "画像として読めない"),
        (b"", "空です"),
        (b"\xff\xd8" + b"0" * (2 * 1024 * 1024), "2 MB 以下"),
    ],
)
def test_bad_photos_are_refused(data, needle):
    with pytest.raises(PhotoError, match=needle):
        process_photo(data)


def test_a_postscript_upload_is_never_handed_to_ghostscript(monkeypatch):
    # Pillow opens EPS too and decodes it by running Ghostscript; an upload must never get that far.
    from PIL import EpsImagePlugin

    decoded = []
    monkeypatch.setattr(EpsImagePlugin.EpsImageFile, "load", lambda self, *a, **k: decoded.append(1))
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 300 400\n0 0 moveto 300 400 lineto stroke\nshowpage\n"
    with pytest.raises(PhotoError, match="画像として読めない"):
        process_photo(eps)
    assert decoded == []


def test_tiny_photo_is_refused():
    with pytest.raises(PhotoError, match="小さすぎます"):
        process_photo(_jpeg(100, 120))


def test_photo_in_json_resume_as_data_uri():
    doc = load("clean.json")
    doc["basics"]["image"] = "data:image/jpeg;base64," + base64.b64encode(_jpeg(600, 800)).decode()
    resume = resume_from_json(doc)
    assert resume.basics.image and resume.basics.image[:2] == b"\xff\xd8"
    doc["basics"]["image"] = "data:image/png;base64," + base64.b64encode(b"hello").decode()
    with pytest.raises(ResumeInputError, match="画像として読めない"):
        resume_from_json(doc)


@pytest.mark.parametrize("path", ["basics.birthDate", "x-bonavi.documentDate"])
def test_days_before_1900_are_refused_on_their_path(clean_doc, path):
    """A 1850 birth date was read, and rendering it in 和暦 raised (no era before 明治): a 500 from the API."""
    section, key = path.split(".")
    clean_doc.setdefault(section, {})[key] = "1850-01-01"
    with pytest.raises(ResumeInputError) as exc:
        resume_from_json(clean_doc)
    assert any(m.startswith(f"{path}:") and "1900年1月1日以降" in m for m in exc.value.messages)


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("１２３－４５６７", "123-4567"),
        ("1234567", "123-4567"),
        ("123ー4567", "123-4567"),
        ("330-0063", "330-0063"),
        ("〒123-4567", "123-4567"),
    ],
)
def test_postal_codes_are_normalised(clean_doc, given, stored):
    clean_doc["basics"]["location"]["postalCode"] = given
    assert resume_from_json(clean_doc).basics.location.postal_code == stored


@pytest.mark.parametrize("given", ["abcdefg", "12-34", "123-45678", "〒123"])
def test_a_postal_code_that_is_not_seven_digits_is_refused(clean_doc, given):
    """「abcdefg」 was saved and printed as 〒abcdefg on the 履歴書."""
    clean_doc["basics"]["location"]["postalCode"] = given
    with pytest.raises(ResumeInputError) as exc:
        resume_from_json(clean_doc)
    assert any(m.startswith("basics.location.postalCode:") and "数字7桁" in m for m in exc.value.messages)
    assert resume_from_json(clean_doc, stored=True).basics.location.postal_code == given


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("０９０－１２３４－５６７８", "090-1234-5678"),
        ("090ー1234ー5678", "090-1234-5678"),
        ("03 1234 5678", "03-1234-5678"),
        ("+81-90-1234-5678", "090-1234-5678"),
        ("09012345678", "090-1234-5678"),
        ("0466-12-3456", "0466-12-3456"),
    ],
)
def test_phone_numbers_are_normalised_by_the_shared_rule(clean_doc, given, stored):
    clean_doc["basics"]["phone"] = given
    assert resume_from_json(clean_doc).basics.phone == stored


@pytest.mark.parametrize("given", ["abc", "090-1234", "電話して", "0120-12-34-56-78-90-12", "020-1234-5678"])
def test_a_phone_number_that_is_not_one_is_refused(clean_doc, given):
    """「abc」 was saved and printed in the 履歴書's 電話 box."""
    clean_doc["basics"]["phone"] = given
    with pytest.raises(ResumeInputError) as exc:
        resume_from_json(clean_doc)
    assert any(m.startswith("basics.phone:") and "電話番号" in m for m in exc.value.messages)
    assert resume_from_json(clean_doc, stored=True).basics.phone == given


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000 + b"]" * 100_000,  # json.loads itself gives up: RecursionError, a 500 on both imports
        b'{"basics": ' * 5_000 + b"{}" + b"}" * 5_000,
    ],
)
def test_deeply_nested_json_is_refused_in_japanese(data):
    with pytest.raises(ResumeInputError) as exc:
        resume_from_bytes(data)
    assert "入れ子が深すぎます" in " ".join(exc.value.messages)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_read_as_text(constant):
    """Python's json reads them although JSON has no such values; a 氏名 「nan」 was stored."""
    with pytest.raises(ResumeInputError) as exc:
        resume_from_bytes(f'{{"basics": {{"name": {constant}}}}}'.encode())
    assert constant in " ".join(exc.value.messages)


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        ("2026-02-30", "2026年2月30日はありません"),  # the day was dropped unread and 2026年2月 stored
        ("1899-01", "1900年1月以降"),  # it said 「読めません…YYYY-MM の形式で」 of a date in that very form
        ("1899-01-01", "1900年1月以降"),
    ],
)
def test_impossible_or_too_old_months_say_what_is_wrong(clean_doc, value, needle):
    clean_doc["work"][0]["startDate"] = value
    with pytest.raises(ResumeInputError) as exc:
        resume_from_json(clean_doc)
    assert any(m.startswith("work[0].startDate:") and needle in m for m in exc.value.messages)


def test_markup_in_a_field_is_refused_as_the_editor_refuses_it(clean_doc):
    """The import stored 「<script>…」 as the 氏名, which the editor's own form then refused on every save."""
    clean_doc["basics"]["name"] = "<script>alert(1)</script>"
    clean_doc["work"][0]["summary"] = '<img src=x onerror="alert(1)">'
    with pytest.raises(ResumeInputError) as exc:
        resume_from_json(clean_doc)
    messages = exc.value.messages
    assert any(m.startswith("basics.name:") and "HTMLタグ" in m for m in messages)
    assert any(m.startswith("work[0].summary:") and "HTMLタグ" in m for m in messages)


def test_half_width_katakana_is_kept_full_width_and_printed_so(clean_doc):
    """ﾀｶｻｷ (an old system's export, a phone keyboard) was stored and printed as narrow, squeezed kana."""
    from bonavi.documents.render.base import Kind, default_renderer

    clean_doc["basics"]["furigana"] = "ﾀｶｻｷ ﾖｼﾀﾛｳ"
    clean_doc["basics"]["location"]["address"] = "高砂3-15-1 ﾊﾟｰｸﾊｲﾂ 501"
    clean_doc["work"][0]["name"] = "株式会社ﾃﾞｰﾀﾌﾟﾗｽ"
    clean_doc["x-bonavi"]["motivation"] = "ｴｸｾﾙの関数を使った集計が得意です。"
    resume = resume_from_json(clean_doc)
    assert resume.basics.furigana == "タカサキ ヨシタロウ"
    assert resume.basics.location.address == "高砂3-15-1 パークハイツ 501"  # digits stay as typed
    assert resume.work[0].name == "株式会社データプラス"
    assert resume.motivation == "エクセルの関数を使った集計が得意です。"
    pdf = default_renderer().render(resume, kind=Kind.RIREKISHO).pdf
    from pypdf import PdfReader

    printed = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "タカサキ ヨシタロウ" in printed and "株式会社データプラス" in printed
    assert not any("\uff61" <= ch <= "\uff9f" for ch in printed)
