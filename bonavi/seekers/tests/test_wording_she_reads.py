"""Wording a s15 demo walk found (UX): the apply page said 「学歴・職歴 2行」, a count she could not check, instead
of what will be sent; at 面接 the move form's help said 「「内定」「不採用」のどれに進めても」 of two choices (どちら);
and the mails of her applications opened 「BOナビをご利用いただきありがとうございます。」 without her name, where
the agencies' mails to her open 「見本 さくら 様」."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers import services
from bonavi.seekers.forms import any_of
from bonavi.seekers.models import Application, SeekerProfile

from .conftest import PROFILE

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _history(page: str) -> str:
    found = re.search(r'<div id="apply-history"><dt>学歴・職歴</dt><dd>(.*?)</dd></div>', page, re.S)
    assert found
    return re.sub(r"<[^>]+>", "|", found.group(1))


def test_the_apply_page_shows_the_last_education_and_latest_work_line(
    profiled_seeker: User, posting: JobPosting
) -> None:
    services.profile_update(
        user=profiled_seeker,
        data=PROFILE,
        history=[
            {"kind": "education", "year": 2016, "month": 3, "text": "東京都立青山高等学校 卒業"},
            {"kind": "education", "year": 2020, "month": 3, "text": "青山学院大学 経済学部 卒業"},
            {"kind": "work", "year": 2023, "month": 4, "text": "株式会社みなと商事 入社（経理課）"},
            {"kind": "work", "year": 2020, "month": 4, "text": "株式会社さくら物流 入社"},
            {"kind": "work", "year": 2023, "month": 3, "text": "株式会社さくら物流 退社"},
        ],
        qualifications=[],
    )
    shown = _history(_client(profiled_seeker).get(f"/me/apply/{posting.pk}/").content.decode())
    assert "最終学歴：2020年3月　青山学院大学 経済学部 卒業" in shown
    assert "直近の職歴：2023年4月　株式会社みなと商事 入社（経理課）" in shown
    assert "ほか3行も、すべて届きます" in shown
    assert "5行" not in shown and "高等学校" not in shown


def test_only_education_no_work_and_nothing_more(profiled_seeker: User, posting: JobPosting) -> None:
    """The conftest profile: one 学歴 row and no 職歴 — the one line, no 職歴 line, no 「ほか」."""
    shown = _history(_client(profiled_seeker).get(f"/me/apply/{posting.pk}/").content.decode())
    assert shown == "最終学歴：2020年3月　東京都立青山高等学校 卒業"


def test_no_history_says_none(seeker: User, posting: JobPosting) -> None:
    services.profile_update(user=seeker, data=PROFILE, history=[], qualifications=[])
    page = _client(seeker).get(f"/me/apply/{posting.pk}/").content.decode()
    assert _history(page) == "なし" and 'id="thin-profile"' in page


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["不採用"], "「不採用」に"),
        (["内定", "不採用"], "「内定」「不採用」のどちらに"),
        (["内定", "不採用", "辞退"], "「内定」「不採用」「辞退」のどれに"),
    ],
)
def test_whichever_follows_the_number_of_choices(words: list[str], said: str) -> None:
    assert any_of(words) == said


def _mails_to(user: User) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to_email=user.email).order_by("id"))


def test_her_application_mails_open_with_her_name(
    employer: User, profiled_seeker: User, application: Application
) -> None:
    services.application_move(user=employer, application=application, to_status="screening")
    services.application_move(user=employer, application=application, to_status="offer")
    services.message_post(user=employer, application=application, body="ご確認ください。")
    mails = _mails_to(profiled_seeker)
    assert len(mails) == 4  # 応募受付, 書類選考, 内定, the message
    for mail in mails:
        assert mail.body_text.startswith("山田 花子 様\n\nBOナビをご利用いただきありがとうございます。"), (
            mail.subject
        )


def test_her_name_now_not_the_one_sent(
    employer: User, profiled_seeker: User, application: Application
) -> None:
    """She changed her 姓 after applying: the mail uses the name she gives now (the company keeps its snapshot)."""
    SeekerProfile.objects.filter(user=profiled_seeker).update(family_name="佐藤")
    services.application_move(user=employer, application=application, to_status="screening")
    assert _mails_to(profiled_seeker)[-1].body_text.startswith("佐藤 花子 様\n\n")
    application.refresh_from_db()
    assert application.applicant_name == "山田 花子"


def test_without_any_name_no_bare_sama_line(
    employer: User, profiled_seeker: User, application: Application
) -> None:
    SeekerProfile.objects.filter(user=profiled_seeker).update(family_name="", given_name="")
    User.objects.filter(pk=profiled_seeker.pk).update(display_name="")
    services.application_move(user=employer, application=application, to_status="screening")
    body = _mails_to(profiled_seeker)[-1].body_text
    assert (
        body.startswith("BOナビをご利用いただきありがとうございます。")
        and "様\n" not in body.split("\n", 1)[0]
    )
