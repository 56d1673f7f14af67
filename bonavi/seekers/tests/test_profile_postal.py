"""「住所を検索」 on the profile (/me/profile/): without JavaScript the button sends the form back with 住所 filled from
the 〒 (core.postal.postal_fill) and saves nothing; a 住所 the person typed is replaced only when they ask."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core.postal import postal_fill
from bonavi.seekers.models import SeekerProfile
from bonavi.seekers.tests.conftest import PROFILE

pytestmark = pytest.mark.django_db

EMPTY_ROWS = {f"{p}-{n}": "0" for p in ("history", "qual") for n in ("TOTAL_FORMS", "INITIAL_FORMS")}


def _post(seeker: User, **over: str) -> str:
    client = Client()
    client.force_login(seeker)
    response = client.post("/me/profile/", {**PROFILE, **EMPTY_ROWS, **over})
    assert response.status_code == 200  # a lookup, not a refused or a saved form
    return response.content.decode()


def test_an_empty_address_is_filled_from_the_postal_code_and_nothing_is_saved(seeker: User) -> None:
    page = _post(seeker, postal_code="３３０００６３", address="", phone="abc", action="postal_lookup")
    assert 'name="address" value="埼玉県さいたま市浦和区高砂"' in page
    assert 'name="postal_code" value="330-0063"' in page
    assert "住所を入力しました。番地・建物名を続けて入力してください。" in page
    # What else was typed comes back as typed and unjudged (nothing was sent to be saved): no red, no summary.
    assert 'name="phone" value="abc"' in page and "has-error" not in page and 'role="alert"' not in page
    assert 'value="山田"' in page
    assert not SeekerProfile.objects.filter(user=seeker).exists()


def test_a_typed_address_is_kept_until_the_person_asks_to_replace_it(seeker: User) -> None:
    page = _post(seeker, postal_code="3300063", address="東京都港区芝公園4-2-8", action="postal_lookup")
    assert 'name="address" value="東京都港区芝公園4-2-8"' in page
    assert "入力済みの住所は変更していません。郵便番号の住所は「埼玉県さいたま市浦和区高砂」です。" in page
    assert 'value="postal_replace"' in page and 'data-address="埼玉県さいたま市浦和区高砂"' in page
    replaced = _post(seeker, postal_code="3300063", address="東京都港区芝公園4-2-8", action="postal_replace")
    assert 'name="address" value="埼玉県さいたま市浦和区高砂"' in replaced
    assert not SeekerProfile.objects.filter(user=seeker).exists()


def test_an_address_that_matches_is_left_alone(seeker: User) -> None:
    page = _post(seeker, postal_code="330-0063", address="さいたま市浦和区高砂3-15-1", action="postal_lookup")
    assert 'name="address" value="さいたま市浦和区高砂3-15-1"' in page
    assert "入力済みの住所は郵便番号と一致しています。" in page
    assert 'data-address=""' in page  # no offer to replace it


@pytest.mark.parametrize(
    ("code", "message"),
    [("123", "郵便番号を7桁の数字で入力してください"), ("0000000", "該当する住所が見つかりません")],
)
def test_a_code_that_finds_nothing_says_so_and_changes_nothing(seeker: User, code: str, message: str) -> None:
    page = _post(seeker, postal_code=code, address="", action="postal_lookup")
    address = re.search(r'<input[^>]*name="address"[^>]*>', page)
    assert message in page and address is not None and "value=" not in address.group(0)
    assert f'name="postal_code" value="{code}"' in page
    assert not SeekerProfile.objects.filter(user=seeker).exists()


def test_the_lookup_button_is_on_the_profile_and_saving_still_saves(seeker: User) -> None:
    client = Client()
    client.force_login(seeker)
    page = client.get("/me/profile/").content.decode()
    assert 'value="postal_lookup"' in page and "住所を検索" in page and "js/profile.js" in page
    # The first submit button of the form (what Enter presses) saves, not 「住所を検索」.
    form = page[page.index('<form method="post" novalidate>') :]
    first = form[form.index("<button") : form.index("</button>")]
    assert "postal_" not in first and "保存する" in first
    assert client.post("/me/profile/", {**PROFILE, **EMPTY_ROWS}).status_code == 302
    assert SeekerProfile.objects.get(user=seeker).address == PROFILE["address"]


def test_postal_fill_reads_full_width_and_does_not_replace_unasked() -> None:
    assert postal_fill("〒３３０－００６３", "").address == "埼玉県さいたま市浦和区高砂"
    kept = postal_fill("3300063", "大阪市北区")
    assert kept.address == "大阪市北区" and kept.offer == "埼玉県さいたま市浦和区高砂"
    assert postal_fill("3300063", "大阪市北区", replace=True).address == "埼玉県さいたま市浦和区高砂"
