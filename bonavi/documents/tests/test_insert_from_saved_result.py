"""「書類に入れる」 on a saved 経験の棚卸し, and the result read where it appears (ADR 0139): the walk's saved result
had no way to a document, and the result came below the form with no jump to it."""

import pytest
from django.urls import reverse

from bonavi.accounts.models import Role, User
from bonavi.careers.reference import get_reference
from bonavi.careers.services import saved_translation_create
from bonavi.careers.translator import translate
from bonavi.documents.models import DocumentVersion
from bonavi.documents.services import version_create

from .conftest import load

pytestmark = pytest.mark.django_db

TEXT = (
    "カフェでアルバイトをしました。売上と現金を毎日照合しました。テニスサークルでは部費の集金を担当しました。"
)


def _saved(user):
    result = translate(TEXT, target=None, ref=get_reference())
    return saved_translation_create(user=user, text=TEXT, target_jobtag_id=None, result=result)


def test_the_saved_result_links_to_the_insert_page_of_her_newest_document(client, seeker):
    saved = _saved(seeker)
    older = version_create(owner=seeker, title="経理 応募用", data=load("clean.json"))
    newest = version_create(owner=seeker, title="一般事務 応募用", data=load("clean.json"))
    # the older one saved last year: the newest is the one saved most recently
    DocumentVersion.objects.filter(pk=older.pk).update(updated_at=newest.updated_at.replace(year=2025))
    client.force_login(seeker)
    page = client.get(reverse("careers:saved_detail", args=["translation", saved.pk])).content.decode()
    link = reverse("documents:insert_newest", args=[saved.pk])
    assert f'href="{link}">書類に入れる</a>' in page
    went = client.get(link)
    assert went.status_code == 302
    assert went["Location"] == f"{reverse('documents:insert', args=[newest.pk])}?saved={saved.pk}"
    assert "売上と現金" in client.get(went["Location"]).content.decode()


def test_without_a_document_the_link_leads_to_the_document_list_saying_why(client, seeker):
    saved = _saved(seeker)
    client.force_login(seeker)
    went = client.get(reverse("documents:insert_newest", args=[saved.pk]), follow=True)
    assert went.redirect_chain[-1][0] == f"{reverse('documents:home')}?saved={saved.pk}#create"
    page = went.content.decode()
    assert "まだ書類がありません。履歴書・職務経歴書を作成すると" in page
    assert 'id="pending-insert"' in page and f'<input type="hidden" name="saved" value="{saved.pk}">' in page


def test_a_document_made_after_that_link_goes_on_to_choosing_the_sentences(client, seeker):
    """s20's no-JS journey: from 「書類に入れる」 with no document, 「プロフィールから作成」 opened the editor, where the
    saved result's buttons sit in closed sections; the step she had asked for was lost. The create form carries
    the result and leads to its insert page; a foreign or mangled id is ignored (the editor, as before)."""
    saved = _saved(seeker)
    client.force_login(seeker)
    made = client.post(
        reverse("documents:create"), {"title": "経理 応募用", "source": "blank", "saved": saved.pk}
    )
    version = DocumentVersion.objects.get(owner=seeker)
    assert made["Location"] == f"{reverse('documents:insert', args=[version.pk])}?saved={saved.pk}"
    assert "続けて、経験の棚卸しから入れる文を選んでください" in client.get(made["Location"]).content.decode()

    other = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    foreign = _saved(other)
    for raw in (foreign.pk, "1x", "9" * 12):
        made = client.post(
            reverse("documents:create"), {"title": "別の書類", "source": "blank", "saved": raw}
        )
        newest = DocumentVersion.objects.filter(owner=seeker).latest("pk")
        assert made["Location"] == reverse("documents:edit", args=[newest.pk])
    home = client.get(f"{reverse('documents:home')}?saved={foreign.pk}").content.decode()
    assert 'id="pending-insert"' not in home and 'name="saved"' not in home


def test_another_seekers_saved_result_is_not_reached(client, seeker):
    other = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    saved = _saved(other)
    version_create(owner=seeker, title="応募用", data=load("clean.json"))
    client.force_login(seeker)
    assert client.get(reverse("documents:insert_newest", args=[saved.pk])).status_code == 404


def test_the_translate_form_jumps_to_its_result(client, seeker):
    page = client.get(reverse("careers:translate")).content.decode()
    assert f'action="{reverse("careers:translate")}#translation"' in page
    read = client.post(reverse("careers:translate"), {"text": TEXT}).content.decode()
    assert 'id="translation"' in read
