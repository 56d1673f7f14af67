"""応募 → 「プロフィールを入力する」 (UX review s10): saving left the seeker on /me/profile/ instead of taking her
back to the application; nothing said which fields applying needs; the name she gave at sign-up was not in 姓・名;
and the confirmation showed 「学歴・職歴 0行／資格 なし」 with no word about it."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting
from bonavi.seekers import services
from bonavi.seekers.models import SeekerProfile
from bonavi.seekers.names import split_person_name

from .conftest import PROFILE

pytestmark = pytest.mark.django_db

FORM = {
    **PROFILE,
    "history-TOTAL_FORMS": "0",
    "history-INITIAL_FORMS": "0",
    "qual-TOTAL_FORMS": "0",
    "qual-INITIAL_FORMS": "0",
}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_profile_link_of_the_apply_page_comes_back_to_it(seeker: User, posting: JobPosting) -> None:
    client = _client(seeker)
    apply = f"/me/apply/{posting.pk}/"
    page = client.get(apply).content.decode()
    assert f'<a class="btn" href="/me/profile/?next={apply}">プロフィールを入力する</a>' in page

    form = client.get(f"/me/profile/?next={apply}").content.decode()
    assert "保存すると、元の画面（応募）に戻ります" in form
    assert f'<input type="hidden" name="next" value="{apply}">' in form
    saved = client.post(f"/me/profile/?next={apply}", {**FORM, "next": apply})
    assert saved.status_code == 302 and saved["Location"] == apply
    assert "企業に届く内容" in client.get(apply).content.decode()  # now she can apply

    # a next= elsewhere is dropped: saving stays on the profile, as before
    away = client.post("/me/profile/", {**FORM, "next": "https://evil.example/"})
    assert away["Location"] == "/me/profile/"
    assert client.post("/me/profile/", FORM)["Location"] == "/me/profile/"


def test_the_fields_applying_needs_are_marked_with_the_reason(seeker: User) -> None:
    page = _client(seeker).get("/me/profile/").content.decode()
    for field, label in services.REQUIRED_TO_APPLY.items():
        assert f'<label for="id_{field}">{label} <span class="need">応募に必要</span></label>' in page
    # each of them, and once more in the sentence that says why
    assert page.count('<span class="need">応募に必要</span>') == len(services.REQUIRED_TO_APPLY) + 1
    assert "面接の日程などを連絡するために使います" in page
    assert '<label for="id_address">住所</label>' in page  # the others are not marked


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("山田 花子", ("山田", "花子")),
        ("山田\u3000花子", ("山田", "花子")),
        ("佐々木 ゆうこ", ("佐々木", "ゆうこ")),
        ("山田花子", None),  # where 姓 ends would be a guess
        ("Hanako Yamada", None),  # so would the order
        ("はなちゃん", None),
        ("経理 がんばります 2026", None),
        ("<b>山田</b> 花子", None),
        ("", None),
    ],
)
def test_which_sign_up_names_are_read_as_a_name(name: str, expected: tuple[str, str] | None) -> None:
    assert split_person_name(name) == expected


def test_an_empty_name_is_offered_from_the_sign_up_name_and_saved_only_by_her(seeker: User) -> None:
    seeker.display_name = "山田　花子"
    seeker.save(update_fields=["display_name"])
    client = _client(seeker)
    page = client.get("/me/profile/").content.decode()
    assert 'name="family_name" value="山田"' in page and 'name="given_name" value="花子"' in page
    assert "会員登録のときのお名前「山田　花子」を入れてあります" in page
    assert not SeekerProfile.objects.filter(user=seeker).exists()  # shown, not stored

    # once she has a name of her own (or another), the sign-up name is not offered over it
    services.profile_update(user=seeker, data={**PROFILE, "family_name": "鈴木", "given_name": "さくら"})
    page = client.get("/me/profile/").content.decode()
    assert 'name="family_name" value="鈴木"' in page and "会員登録のときのお名前" not in page

    seeker.display_name = "はなちゃん"
    seeker.save(update_fields=["display_name"])
    SeekerProfile.objects.filter(user=seeker).update(family_name="", given_name="")
    page = client.get("/me/profile/").content.decode()
    assert 'name="family_name" value=' not in page and "会員登録のときのお名前" not in page


def test_the_confirmation_warns_of_no_history_and_no_qualification_without_refusing(
    seeker: User, posting: JobPosting
) -> None:
    services.profile_update(user=seeker, data=PROFILE)
    client = _client(seeker)
    apply = f"/me/apply/{posting.pk}/"
    page = client.get(apply).content.decode()
    assert "学歴・職歴が1行もありません" in page and "資格が登録されていません" in page
    assert f'href="/me/profile/?next={apply}#history">学歴・職歴を入力する</a>' in page
    assert f'href="/me/profile/?next={apply}#quals">資格を入力する</a>' in page
    sent = client.post(apply, {"message": ""})
    assert sent.status_code == 302 and seeker.applications.count() == 1  # a warning, not a refusal


def test_no_warning_when_both_are_there(profiled_seeker: User, posting: JobPosting) -> None:
    page = _client(profiled_seeker).get(f"/me/apply/{posting.pk}/").content.decode()
    assert 'id="thin-profile"' not in page


def test_the_back_note_names_apply_only_when_it_goes_there(client, seeker) -> None:
    client.force_login(seeker)
    html = client.get("/me/profile/", {"next": "/documents/"}).content.decode()
    assert "保存すると、元の画面に戻ります" in html and "（応募）" not in html
