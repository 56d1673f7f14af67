"""The exact words of every mail to her about an application that is not a 内定 change (受付, a status change and
its 内定, an interview set / changed / called off, the 回答期限's reminder, a message from the company): captured
before they were moved onto the one builder of her mails (services._status_mail), so that the move changed no
line, blank line, link or footer. Written out in full on purpose: a helper shared with the code would hide a
change."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers import services
from bonavi.seekers.models import Application
from bonavi.seekers.tests.conftest import INTERVIEW_NOTES, INTERVIEW_PLACE
from bonavi.seekers.tests.helpers import OFFER_TERMS, in_days
from bonavi.seekers.tests.test_message_files import real_pdf

pytestmark = pytest.mark.django_db

SITE = "https://bonavi.test"
TITLE = "経理スタッフ（未経験歓迎）"
COMPANY = "株式会社テスト商事"
SIGNED = ["", "--", "BOナビ運営事務局"]
STATUS_WHY = "このメールは、BOナビから応募した方に選考状況をお知らせするものです。"


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.SITE_URL = SITE
    settings.OPERATOR_NAME = "BOナビ運営事務局"


def _mails_to(user: User) -> list[tuple[str, str]]:
    return list(
        OutboxMessage.objects.filter(to_email=user.email).order_by("id").values_list("subject", "body_text")
    )


def _page(application: Application, anchor: str = "") -> str:
    return f"{SITE}/me/applications/{application.pk}/{anchor}"


def _when(starts: dt.datetime) -> str:
    return f"{clock.date_ja(starts.date())}{starts:%H:%M}〜"


def test_the_received_mail(application: Application, profiled_seeker: User) -> None:
    assert _mails_to(profiled_seeker) == [
        (
            f"【BOナビ】応募を受け付けました（{TITLE}）",
            "\n".join(
                [
                    "山田 花子 様",
                    "",
                    "BOナビをご利用いただきありがとうございます。",
                    "",
                    f"{COMPANY}「{TITLE}」への応募を受け付け、採用担当にお知らせしました。",
                    "選考の状況が変わると、メールでお知らせします。",
                    "",
                    "応募の内容と状況は、こちらで確認できます（辞退もここからできます）：",
                    _page(application),
                    *SIGNED,
                    "このメールは、BOナビから求人に応募した方にお送りしています。",
                ]
            ),
        )
    ]


def test_a_status_mail_with_the_companys_note(
    application: Application, profiled_seeker: User, employer: User
) -> None:
    services.application_move(
        user=employer, application=application, to_status="screening", note="書類を拝見しています。"
    )
    assert _mails_to(profiled_seeker)[-1] == (
        f"【BOナビ】応募状況のお知らせ：書類選考（{TITLE}）",
        "\n".join(
            [
                "山田 花子 様",
                "",
                "BOナビをご利用いただきありがとうございます。",
                "",
                f"{COMPANY}「{TITLE}」への応募の状況が「書類選考」になりました。",
                "",
                "採用担当からの連絡事項：",
                "書類を拝見しています。",
                "",
                "応募の状況と経過は、こちらでいつでも確認できます：",
                _page(application),
                *SIGNED,
                STATUS_WHY,
            ]
        ),
    )


def test_the_offer_mail(offered: Application, profiled_seeker: User) -> None:
    assert _mails_to(profiled_seeker)[-1] == (
        f"【BOナビ】応募状況のお知らせ：内定（{TITLE}）",
        "\n".join(
            [
                "山田 花子 様",
                "",
                "BOナビをご利用いただきありがとうございます。",
                "",
                f"{COMPANY}「{TITLE}」への応募の状況が「内定」になりました。",
                "",
                "内定の内容：",
                f"・回答期限：{clock.date_ja(in_days(3))}まで（この日までに回答すれば足ります）",
                f"・入社予定日：{clock.date_ja(in_days(40))}",
                "・内定の条件（企業から）：",
                OFFER_TERMS,
                "",
                "求人票の労働条件と、承諾・辞退の回答は、下のページにあります。期限の前日に、リマインドのメールを"
                "お送りします。正式な労働条件は、入社までに企業から書面（労働条件通知書）で示されます。",
                "",
                "応募の状況と経過は、こちらでいつでも確認できます：",
                _page(offered),
                *SIGNED,
                STATUS_WHY,
            ]
        ),
    )


def test_the_move_to_an_interview_and_its_change_and_calling_off(
    booked: Application, profiled_seeker: User, employer: User, starts: dt.datetime
) -> None:
    later = starts + dt.timedelta(days=1)
    services.interview_set(
        user=employer,
        application=booked,
        values={"starts_at": later, "format": "in_person", "place": "本社", "notes": ""},
    )
    services.interview_cancel(user=employer, application=booked)
    ics = f"{SITE}/me/applications/{booked.pk}/interview.ics"
    ask = (
        "この日程で参加できるかどうかを、下のページの「この日程で参加します」か「日程の変更をお願いする」で"
        "採用担当にお伝えください。"
    )
    moved, changed, called_off = _mails_to(profiled_seeker)[-3:]
    assert moved == (
        f"【BOナビ】応募状況のお知らせ：面接（{TITLE}）",
        "\n".join(
            [
                "山田 花子 様",
                "",
                "BOナビをご利用いただきありがとうございます。",
                "",
                f"{COMPANY}「{TITLE}」への応募の状況が「面接」になりました。",
                "",
                "面接の日程：",
                f"日時：{_when(starts)}",
                "形式：対面",
                f"場所：{INTERVIEW_PLACE}",
                "持ち物・備考：",
                INTERVIEW_NOTES,
                "",
                ask,
                "",
                "カレンダーに追加（.ics。ログインしてから開いてください）：",
                ics,
                "",
                "応募の状況と経過は、こちらでいつでも確認できます：",
                _page(booked),
                *SIGNED,
                STATUS_WHY,
            ]
        ),
    )
    # The interview's own mails open with the news, not with the thanks line (as they always have).
    assert changed == (
        f"【BOナビ】面接の日程が変更されました（{TITLE}）",
        "\n".join(
            [
                "山田 花子 様",
                "",
                "採用担当が面接の日程を変更しました。変更後の日程は次のとおりです。",
                "",
                f"応募先：{COMPANY}「{TITLE}」",
                f"日時：{_when(later)}",
                "形式：対面",
                "場所：本社",
                "",
                ask,
                "",
                "カレンダーに追加（.ics。ログインしてから開いてください）：",
                ics,
                "",
                "応募の状況と経過は、こちらで確認できます：",
                _page(booked),
                *SIGNED,
                STATUS_WHY,
            ]
        ),
    )
    assert called_off == (
        f"【BOナビ】面接の日程が取り消されました（{TITLE}）",
        "\n".join(
            [
                "山田 花子 様",
                "",
                "採用担当が次の面接の日程を取り消しました。新しい日程が決まると、改めてお知らせします。",
                "",
                f"応募先：{COMPANY}「{TITLE}」",
                f"取り消された面接の日時：{_when(later)}",
                "カレンダーに追加していた場合は、次の .ics を読み込み直すと予定が取り消しになります。",
                "カレンダーの予定を取り消す（.ics。ログインしてから開いてください）：",
                ics,
                "",
                "応募の状況と経過は、こちらで確認できます：",
                _page(booked),
                *SIGNED,
                STATUS_WHY,
            ]
        ),
    )


def test_the_answer_deadlines_reminder(offered: Application, profiled_seeker: User) -> None:
    tomorrow = in_days(1)
    Application.objects.filter(pk=offered.pk).update(offer_answer_by=tomorrow, offer_reminded_at=None)
    morning = dt.datetime.combine(clock.today_jst(), dt.time(9), tzinfo=clock.JST)
    assert services.offer_answer_reminders_send(now=morning) == 1
    assert _mails_to(profiled_seeker)[-1] == (
        f"【BOナビ】内定の回答期限は明日です（{TITLE}）",
        "\n".join(
            [
                "山田 花子 様",
                "",
                "BOナビをご利用いただきありがとうございます。",
                "",
                f"{COMPANY}「{TITLE}」の内定の回答期限は、明日（{clock.date_ja(tomorrow)}）です。",
                "承諾・辞退のどちらかを、期限までに下のページから回答してください。迷っていることや確かめたい条件は、"
                "同じページのメッセージで企業に聞けます。",
                "",
                f"・回答期限：{clock.date_ja(tomorrow)}まで（この日までに回答すれば足ります）",
                f"・入社予定日：{clock.date_ja(in_days(40))}",
                "・内定の条件（企業から）：",
                OFFER_TERMS,
                "",
                "内定の内容と回答は、こちらから（ログインしてください）：",
                _page(offered, "#offer"),
                *SIGNED,
                "このメールは、BOナビから応募した方に、内定の回答期限の前日にお送りしています（1回だけ）。",
            ]
        ),
    )


def test_a_message_from_the_company_with_a_file(
    application: Application, profiled_seeker: User, employer: User
) -> None:
    pdf = real_pdf()
    services.message_post(
        user=employer,
        application=application,
        body="来週お電話します。\nよろしくお願いします。",
        file_name="案内.pdf",
        file_data=pdf,
    )
    subject, body = _mails_to(profiled_seeker)[-1]
    assert subject == f"【BOナビ】{COMPANY}からメッセージが届きました"
    assert body.split("\n") == [
        "山田 花子 様",
        "",
        "BOナビをご利用いただきありがとうございます。",
        "",
        f"{COMPANY}「{TITLE}」の採用担当から、メッセージが届きました。",
        "",
        "来週お電話します。",
        "よろしくお願いします。",
        "",
        "添付ファイル：案内.pdf（PDF、1 KB）",
        "ファイルはメールには添付していません。下のページでログインしてダウンロードしてください。",
        "",
        "返信とこれまでのやりとりは、こちらから：",
        _page(application, "#messages"),
        *SIGNED,
        "このメールは、BOナビから応募した方に、応募先からのメッセージをお知らせするものです。",
    ]
