"""添削 beside document fields: the candidate shares a version, assigned advisers / the 責任者 comment field by
field, the candidate sees each comment under its field in the editor and resolves it; all of it is audited."""

from __future__ import annotations

import re

import pytest

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import AuditAction, AuditEvent, Staff
from bonavi.agents.tests.factories import make_agency
from bonavi.agents.tests.html import error_beside, focused
from bonavi.documents.models import DocumentComment
from bonavi.documents.services import version_create

pytestmark = pytest.mark.django_db

DOC = {
    "basics": {"name": "山田 花子", "summary": "経理事務として3年、請求から月次決算の補助まで担当しました。"},
    "work": [
        {
            "name": "株式会社みなと商事",
            "position": "経理課",
            "startDate": "2022-04",
            "summary": "請求書の発行、入金消込、仕訳入力",
            "highlights": ["月次決算を5営業日から3営業日に短縮"],
        }
    ],
    "x-bonavi": {"selfPr": ["数字の正確さには自信があります。"]},
}


@pytest.fixture
def version(seeker):
    return version_create(owner=seeker, title="職務経歴書（経理）", data=DOC)


def test_adviser_comments_beside_fields_and_candidate_resolves(setup, candidate, version, client):
    client.force_login(setup.ca)
    url = f"/agent/candidates/{candidate.pk}/documents/{version.pk}/"
    assert client.get(url).status_code == 404  # not shared yet
    client.force_login(candidate.user)
    client.post(f"/me/agency/{candidate.pk}/", {"version": version.pk, "share": "1"})
    client.force_login(setup.ca)
    page = client.get(url).content.decode()
    assert "月次決算を5営業日から3営業日に短縮" in page and "職歴 1：株式会社みなと商事" in page
    assert "山田 花子" not in page  # the reviewer sees the writing, not the person's particulars
    client.post(url, {"path": "basics.summary", "body": "冒頭に経験年数と強みを一文で。"})
    client.post(url, {"path": "work[0].highlights", "body": "短縮の方法も一言添えましょう。"})
    resp = client.post(
        f"/api/v1/agent/candidates/{candidate.pk}/documents/{version.pk}/comments",
        {"path": "x-bonavi.selfPr", "body": "具体例を1つ加えると説得力が増します。"},
        content_type="application/json",
    )
    assert resp.status_code == 201 and resp.json()["field"] == "自己PR"
    bad = client.post(
        f"/api/v1/agent/candidates/{candidate.pk}/documents/{version.pk}/comments",
        {"path": "basics.birthDate", "body": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "項目が見つかりません" in bad.json()["detail"]
    assert DocumentComment.objects.count() == 3

    # the candidate sees each comment inside the field it is about
    client.force_login(candidate.user)
    editor = client.get(f"/documents/{version.pk}/").content.decode()
    summary_block = editor.split('id="field-summary"')[1].split('<div class="field')[0]
    assert "冒頭に経験年数と強みを一文で。" in summary_block and "佐藤CA" in summary_block
    highlights_block = editor.split('id="field-work-0-highlights"')[1].split('<div class="field')[0]
    assert "短縮の方法も一言添えましょう。" in highlights_block
    assert "未解決 <strong>3</strong>件" in editor
    first = DocumentComment.objects.get(path="basics.summary")
    client.post(f"/documents/comments/{first.pk}/resolve/", {"resolved": "1"})
    first.refresh_from_db()
    assert first.resolved_at is not None
    assert "未解決 <strong>2</strong>件" in client.get(f"/documents/{version.pk}/").content.decode()
    # the adviser sees it was resolved
    client.force_login(setup.ca)
    assert "本人が解決済みにしました" in client.get(url).content.decode()

    # every share, view and comment is in the candidate's audit trail
    actions = list(AuditEvent.objects.filter(candidate=candidate).values_list("action", flat=True))
    assert actions.count(AuditAction.DOCUMENT_COMMENT) == 3
    assert AuditAction.DOCUMENT_REVIEW_VIEW in actions and AuditAction.DOCUMENT_SHARED in actions
    client.force_login(candidate.user)
    trail = client.get("/me/proposals/audit/").content.decode()
    assert "「職務要約」にコメント" in trail and "応募書類「職務経歴書（経理）」を閲覧（添削）" in trail
    # and the comments are part of the person's own data export
    from bonavi.seekers.mydata import mydata_export

    exported = mydata_export(user=candidate.user)["document_comments"]
    # a job's field is named with its job there, away from the page's 職歴 heading (ADR 0150, s22)
    assert {c["field"] for c in exported} == {"職務要約", "職歴1 株式会社みなと商事の実績", "自己PR"}


def test_only_assigned_advisers_and_the_responsible_may_comment(setup, candidate, version, client):
    services.document_share(user=candidate.user, candidate=candidate, version_id=version.pk, share=True)
    other_ca = User.objects.create_user(email="ca2@x.example", password="pw-Long-enough-1", role=Role.AGENT)
    Staff.objects.create(user=other_ca, agency=setup.agency, office=setup.office)
    rival = make_agency(slug="rival", name="株式会社ライバル")
    url = f"/agent/candidates/{candidate.pk}/documents/{version.pk}/"
    for outsider in (other_ca, rival.boss, candidate.user):
        client.force_login(outsider)
        assert client.get(url).status_code in (403, 404)
        client.post(url, {"path": "basics.summary", "body": "勝手なコメント"})
        with pytest.raises((services.PermissionDenied, services.AgentError)):
            services.document_comment(
                user=outsider, candidate=candidate, version_id=version.pk, path="basics.summary", body="x"
            )
    assert not DocumentComment.objects.exists()
    services.document_comment(
        user=setup.boss, candidate=candidate, version_id=version.pk, path="basics.summary", body="責任者より"
    )
    # another seeker cannot resolve it, nor see it
    stranger = User.objects.create_user(email="s2@x.example", password="pw-Long-enough-1", role=Role.SEEKER)
    client.force_login(stranger)
    comment = DocumentComment.objects.get()
    assert client.post(f"/documents/comments/{comment.pk}/resolve/").status_code == 404
    # unsharing takes the document away from the advisers at once
    services.document_share(user=candidate.user, candidate=candidate, version_id=version.pk, share=False)
    client.force_login(setup.ca)
    assert client.get(url).status_code == 404


def test_a_comment_asking_for_a_forbidden_topic_is_refused_and_nothing_is_stored(
    setup, candidate, version, client
):
    client.force_login(candidate.user)
    client.post(f"/me/agency/{candidate.pk}/", {"version": version.pk, "share": "1"})
    client.force_login(setup.ca)
    url = f"/agent/candidates/{candidate.pk}/documents/{version.pk}/"
    resp = client.post(url, {"path": "basics.summary", "body": "家族構成も書いておくと安心感が出ます。"})
    # answered at once (no redirect, nothing kept in the session): the text and the reason under its field,
    # which is open and focused
    assert resp.status_code == 422 and not [k for k, _v in client.session.items() if k.startswith("draft:")]
    field = resp.content.decode().split('data-path="basics.summary"', 1)[1].split("</details>", 1)[0]
    assert "<details open>" in field
    assert "コメントに「家族構成」に関する記載があります" in field
    assert "「家族構成」に関する記載" in error_beside(field, "body") and focused(field, "body")
    assert field.count('aria-invalid="true"') == 1 and resp.content.decode().count(" autofocus") == 1
    assert ">\n家族構成も書いておくと安心感が出ます。</textarea>" in field  # kept to fix
    assert resp.content.decode().count("コメントに「家族構成」に関する記載があります") == 1
    api = client.post(
        f"/api/v1/agent/candidates/{candidate.pk}/documents/{version.pk}/comments",
        {"path": "x-bonavi.selfPr", "body": "愛読書を書きましょう。"},
        content_type="application/json",
    )
    assert api.status_code == 422 and "「愛読書」" in api.json()["detail"]
    assert not DocumentComment.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.DOCUMENT_COMMENT).exists()
    # telling the candidate to leave it out is what an adviser should do, and is kept
    client.post(url, {"path": "basics.summary", "body": "本籍や家族構成は書かなくて大丈夫です。"})
    assert DocumentComment.objects.get().body == "本籍や家族構成は書かなくて大丈夫です。"


def test_a_refused_share_is_said_above_the_documents_on_the_same_page(setup, candidate, version, client):
    """A document deleted in another tab (or a tampered id) was refused after a redirect, at the top of the page."""
    from bonavi.agents.models import DocumentShare

    client.force_login(candidate.user)
    gone = version.pk + 1000
    resp = client.post(f"/me/agency/{candidate.pk}/", {"version": gone, "share": "1"})
    page = resp.content.decode()
    assert resp.status_code == 422 and page.count("選んだ書類が見つかりません") == 1
    share = page.split('id="share"', 1)[1].split("</section>", 1)[0]
    assert (
        '<div role="alert"><ul class="errorlist" id="share-errors" tabindex="-1" autofocus><li>選んだ書類が見つかりません'
        in share
    )
    assert "職務経歴書（経理）" in share  # the list is there to choose again
    resp = client.post(f"/me/agency/{candidate.pk}/", {"version": "x", "share": "1"})
    assert resp.status_code == 422 and "選んだ書類が見つかりません" in resp.content.decode()
    # consent withdrawn meanwhile (a page left open): the list is gone, the reason is said in the notice
    services.candidate_withdraw(user=candidate.user, candidate=candidate)
    resp = client.post(f"/me/agency/{candidate.pk}/", {"version": version.pk, "share": "1"})
    notice = resp.content.decode().split('class="alert warn"', 1)[1].split("</div>", 1)[0]
    assert resp.status_code == 422 and "同意を撤回した事業者とは書類を共有できません。" in notice
    assert not DocumentShare.objects.exists()


def test_each_fields_comment_form_has_its_own_ids_and_a_refusal_stays_with_its_field(
    setup, candidate, version, client
):
    client.force_login(candidate.user)
    client.post(f"/me/agency/{candidate.pk}/", {"version": version.pk, "share": "1"})
    client.force_login(setup.ca)
    url = f"/agent/candidates/{candidate.pk}/documents/{version.pk}/"
    page = client.get(url).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)) and 'id="comment-work-0-highlights_body"' in page
    assert 'aria-label="「実績」へのコメント"' in page and " autofocus" not in page
    # too long: refused by the form, under 実績 (not 職務要約), the text kept and focused
    resp = client.post(url, {"path": "work[0].highlights", "body": "あ" * 2001})
    assert resp.status_code == 422
    page = resp.content.decode()
    field = page.split('data-path="work[0].highlights"', 1)[1].split("</details>", 1)[0]
    assert "<details open>" in field and "あ" * 2001 in field
    assert error_beside(field, "body") == "コメントは2,000文字以内で入力してください。"
    assert focused(field, "body")
    summary = page.split('data-path="basics.summary"', 1)[1].split("</details>", 1)[0]
    assert "<details open>" not in summary and "errorlist" not in summary
    assert page.count(" autofocus") == 1 and page.count("2,000文字以内") == 1
    # a field gone from the document (a stale page): no field to put it under, said at the top
    resp = client.post(url, {"path": "work[5].summary", "body": "具体的に。"})
    assert resp.status_code == 422 and "項目が見つかりません" in resp.content.decode()
    assert not DocumentComment.objects.exists()
