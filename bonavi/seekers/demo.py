"""The demo's application walk-through: after `make demo` the demo seeker has applied directly to one of the demo
employer's public postings, the employer has moved it to 書類選考 and asked for interview dates in the message
thread, the seeker has answered, and the employer has set an in-person 面接 on one of the days she gave (ADR 0102)
and sent its guide as a PDF in the thread (ADR 0097). So マイページ「応募履歴」, the employer's 応募者一覧 and both
sides' thread (ADR 0090) open on a live case. A second application, to the same posting, had its interview
yesterday (held_interview_ensure: a second applicant's), so 「面接済み」 and 「次の面接の日程を決める」 (ADR 0123) can be seen too. Everything goes through the services, as real use would (mails
included), so the file is checked like any upload and the interview card and .ics are the real ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

from bonavi.accounts.demo import DEMO_PASSWORD
from bonavi.accounts.models import Organization, Role, User
from bonavi.accounts.signals import user_signed_up
from bonavi.core import clock
from bonavi.core.clock import JST, today_jst
from bonavi.core.interviews import InterviewFormat
from bonavi.jobs.selectors import employer_postings, public_postings

from . import services
from .attachments import InterviewGuide, document_choices, document_source
from .models import Application, ApplicationStatus, Interview, MessageAttachment, SeekerProfile

DEMO_SEEKER = "seeker@example.com"
DEMO_EMPLOYER = "employer@example.com"

APPLY_MESSAGE = (
    "飲食店のアルバイトで4年間、売上の集計とレジ締めを担当してきました。"
    "日商簿記3級を取得し、数字と書類を正確に扱う事務の仕事に挑戦したいと考えて応募いたしました。"
)
EMPLOYER_MESSAGE = (
    "ご応募ありがとうございます。書類を拝見しました。\n"
    "一度ご来社いただき、面接でお話を伺いたく存じます。来週の平日18時以降で、ご都合のよい日時を2〜3つお知らせください。"
)
SEEKER_REPLY = "ご連絡ありがとうございます。\n来週の火曜日と木曜日でしたら、18時以降いつでも伺えます。よろしくお願いいたします。"
INTERVIEW_NOTE = "面接の日程をお送りします。"
INTERVIEW_NOTES = "持ち物：筆記用具、職務経歴書（印刷したもの）。受付で「面接に来た」とお伝えください。"
GUIDE_NAME = "面接のご案内.pdf"
GUIDE_MESSAGE = "当日の受付の場所と持ち物を「面接のご案内」（PDF）にまとめました。ご確認ください。"


def application_walkthrough_ensure() -> str:
    """Create the case once; a second call, missing demo accounts or a profile without the fields an application
    needs change nothing. Returns a line for the command's output."""
    seeker = User.objects.filter(email=DEMO_SEEKER, role=Role.SEEKER).first()
    employer = User.objects.filter(email=DEMO_EMPLOYER, role=Role.EMPLOYER).first()
    if seeker is None or employer is None:
        return "応募のデモ：デモアカウントがないため、応募の例は作りませんでした。"
    existing = Application.objects.filter(applicant=seeker).order_by("pk").first()
    if existing is not None:
        # A demo made before the interview step existed gets it on its next run; one made since is left alone.
        return (
            "応募のデモ：応募の例は作成済みです。"
            + interview_step_ensure(existing, employer)
            + held_interview_ensure(seeker, employer)
        )
    missing = services.application_missing_fields(SeekerProfile.objects.filter(user=seeker).first())
    if missing:
        return f"応募のデモ：デモの求職者のプロフィールに{'・'.join(missing)}がないため、応募の例は作りませんでした。"
    # The demo company's first public posting, whatever its 職種: the messages fit any back-office job.
    posting = (employer_postings(user=employer) & public_postings()).order_by("pk").first()
    if posting is None:
        return "応募のデモ：デモの会社に公開中の求人がないため、応募の例は作りませんでした。"
    with transaction.atomic():
        # With the seeker's newest 履歴書/職務経歴書 (ADR 0091), as a real applicant would send it.
        sent = next(iter(document_choices(seeker)), None)
        application = services.application_create(
            user=seeker,
            posting_id=posting.pk,
            message=APPLY_MESSAGE,
            document_id=sent[0] if sent else None,
        )
        services.application_move(
            user=employer, application=application, to_status=ApplicationStatus.SCREENING
        )
        services.message_post(user=employer, application=application, body=EMPLOYER_MESSAGE)
        services.message_post(user=seeker, application=application, body=SEEKER_REPLY)
    return (
        f"応募のデモ：{DEMO_SEEKER} が「{posting.title}」に応募し、メッセージのやりとりを作成しました。"
        + interview_step_ensure(application, employer)
        + held_interview_ensure(seeker, employer)
    )


def interview_day(today: dt.date) -> dt.date:
    """Next week's Tuesday — one of the days her reply offered — 2 to 8 days from `today`, so the interview is
    always to come and the day-before reminder has something to find within the week."""
    return today + dt.timedelta(days=7 - today.weekday() + 1)


def interview_step_ensure(application: Application, employer: Any) -> str:
    """Move the application to 面接 with its date and send the guide PDF, each once: a step already done (or an
    application the demo no longer owns the stage of) is left as it is. Returns the words to add to the line."""
    application = Application.objects.select_related("posting").get(pk=application.pk)  # its status now
    if application.posting.organization_id != employer.organization_id:
        return ""
    done: list[str] = []
    org = employer.organization
    with transaction.atomic():
        if application.status == ApplicationStatus.SCREENING:
            start = dt.datetime.combine(interview_day(today_jst()), dt.time(18, 30), tzinfo=JST)
            application = services.application_move(
                user=employer,
                application=application,
                to_status=ApplicationStatus.INTERVIEW,
                note=INTERVIEW_NOTE,
                interview={
                    "starts_at": start,
                    "ends_at": start + dt.timedelta(hours=1),
                    "format": InterviewFormat.IN_PERSON,
                    "place": f"{org.address} {org.name} 3階受付",
                    "url": "",
                    "notes": INTERVIEW_NOTES,
                },
            )
            done.append("面接の日程（対面）")
        interview = Interview.objects.filter(application=application, cancelled_at__isnull=True).first()
        if (
            interview is not None
            and application.status == ApplicationStatus.INTERVIEW
            and not MessageAttachment.objects.filter(message__application=application).exists()
            and (guide := interview_guide_pdf(org, interview)) is not None
        ):
            services.message_post(
                user=employer,
                application=application,
                body=GUIDE_MESSAGE,
                file_name=GUIDE_NAME,
                file_data=guide,
            )
            done.append("添付ファイル付きのメッセージ")
    return f"{'と'.join(done)}を追加しました。" if done else ""


def interview_guide_pdf(org: Organization, interview: Interview) -> bytes | None:
    """A one-page 「面接のご案内」 as a company would send it, printed by the documents app's renderer — the one
    users' 履歴書 go through (templates/documents/pdf/, IPAex fonts embedded, nothing fetched). None without the
    documents app, which seekers reaches only through its DocumentSource."""
    source = document_source()
    if source is None or source.interview_guide is None:
        return None
    return source.interview_guide(
        InterviewGuide(
            company=org.name,
            when=interview.when_display,
            where=interview.where_display,
            notes=interview.notes,
            contact=f"{org.name} 採用担当（{org.phone}）",
            dated=today_jst(),
        )
    )


# The second applicant (held_interview_ensure): her interview was yesterday.
HELD_SEEKER = "seeker2@example.com"
HELD_PROFILE: dict[str, Any] = {
    "family_name": "見本",
    "given_name": "はるか",
    "family_name_kana": "みほん",
    "given_name_kana": "はるか",
    "phone": "090-0000-0002",
    "postal_code": "220-0012",
    "address": "神奈川県横浜市西区みなとみらい9-9-9",
    "situation": "employed",
    "experience": "運送会社の営業事務で9年、請求書の発行と売掛金の入金消込、月次の締め作業を担当。",
}
HELD_APPLY_MESSAGE = "営業事務として請求と入金消込を担当してきました。日商簿記2級を生かし、経理の仕事に就きたく応募いたしました。"
HELD_START = dt.time(14, 0)
HELD_NOTE = "面接の日程をお送りします。当日は本社3階の受付でお名前をお伝えください。"


@contextmanager
def _as_of(moment: dt.datetime) -> Iterator[None]:
    """Run the services as on `moment`: they read core.clock.now, so the demo's past is written as it would have been
    then — each 経過 entry at its time, and an interview date that was ahead when it was set (interview_clean refuses
    a past one) — rather than by rewriting rows after the fact. For this command only: one process, one thread."""
    real = clock.now
    setattr(clock, "now", lambda: moment)  # noqa: B010 — a module function, not an attribute mypy knows as settable
    try:
        yield
    finally:
        setattr(clock, "now", real)  # noqa: B010


def held_seeker_ensure() -> Any:
    """The second demo applicant, 見本 はるか: an account with the demo's password (so her own 「面接済み」 row can be
    opened too) and the consent of sign-up and a profile complete enough to apply, made once through the services."""
    user = User.objects.filter(email=HELD_SEEKER).first()
    if user is not None:
        return user
    user = User.objects.create_user(
        email=HELD_SEEKER, password=DEMO_PASSWORD, role=Role.SEEKER, display_name="見本 はるか"
    )
    user_signed_up.send(sender=User, user=user, agreed=True)
    services.profile_update(
        user=user,
        data=HELD_PROFILE,
        history=[
            {"kind": "education", "year": 2015, "month": 3, "text": "神奈川県立みほん高等学校 卒業"},
            {"kind": "work", "year": 2015, "month": 4, "text": "株式会社みほん運輸 入社（営業事務）"},
        ],
        qualifications=[{"code": "boki2", "acquired_year": 2021, "acquired_month": 11}],
    )
    return user


def held_interview_ensure(seeker: Any, employer: Any) -> str:
    """Once: a second applicant's application to the walk-through's posting, whose in-person 面接 was held yesterday
    at 14:00 for an hour (ADR 0123's is_held) — applied six days ago, 書類選考 the next day, the date set three days
    before it, each through the services at its own time. Without it the demo had no held interview, so the
    company's 「次の面接の日程を決める」 and 「面接済み（…）」 on its list could not be seen. Another applicant, not the
    demo seeker: the demo company may have one public posting only, and she applies once per posting. Returns the
    words to add."""
    posting = (
        Application.objects.filter(applicant=seeker).order_by("pk").values_list("posting", flat=True).first()
    )
    if posting is None or Application.objects.filter(applicant__email=HELD_SEEKER).exists():
        return ""
    if not public_postings().filter(pk=posting, organization_id=employer.organization_id).exists():
        return ""
    with transaction.atomic():
        applicant = held_seeker_ensure()
        held = dt.datetime.combine(today_jst() - dt.timedelta(days=1), HELD_START, tzinfo=JST)
        org = employer.organization
        with _as_of(held - dt.timedelta(days=6, hours=4)):  # 10:00, six days before
            application = services.application_create(
                user=applicant, posting_id=posting, message=HELD_APPLY_MESSAGE
            )
        with _as_of(held - dt.timedelta(days=5, hours=3)):
            services.application_move(
                user=employer, application=application, to_status=ApplicationStatus.SCREENING
            )
        moved_at = held - dt.timedelta(days=3, hours=-2)  # 16:00, three days before
        with _as_of(moved_at):
            services.application_move(
                user=employer,
                application=application,
                to_status=ApplicationStatus.INTERVIEW,
                note=HELD_NOTE,
                interview={
                    "starts_at": held,
                    "ends_at": held + dt.timedelta(hours=1),
                    "format": InterviewFormat.IN_PERSON,
                    "place": f"{org.address} {org.name} 3階受付",
                    "url": "",
                    "notes": INTERVIEW_NOTES,
                },
            )
        # `updated_at` is auto_now (the real now): the lists' 「（…更新）」 says the last move's day, as its 経過 does.
        Application.objects.filter(pk=application.pk).update(updated_at=moved_at)
    return f"昨日面接を行った応募（{HELD_SEEKER}）を追加しました。"
