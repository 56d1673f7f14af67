"""The demo's application walk-through: after `make demo` the demo seeker has applied directly to one of the demo
employer's public postings, the employer has moved it to 書類選考 and asked for interview dates in the message
thread, and the seeker has answered. So マイページ「応募履歴」, the employer's 応募者一覧 and both sides' thread
(ADR 0090) open on a live case. Everything goes through the services, as real use would (mails included)."""

from __future__ import annotations

from django.db import transaction

from bonavi.accounts.models import Role, User
from bonavi.jobs.selectors import employer_postings, public_postings

from . import services
from .attachments import document_choices
from .models import Application, ApplicationStatus, SeekerProfile

DEMO_SEEKER = "seeker@example.com"
DEMO_EMPLOYER = "employer@example.com"

APPLY_MESSAGE = (
    "飲食店のアルバイトで4年間、売上の集計とレジ締めを担当してきました。"
    "日商簿記3級を取得し、数字と書類を正確に扱う事務の仕事に挑戦したいと考えて応募いたしました。"
)
EMPLOYER_MESSAGE = (
    "ご応募ありがとうございます。書類を拝見しました。\n"
    "一度オンラインでお話を伺いたく存じます。来週の平日18時以降で、ご都合のよい日時を2〜3つお知らせください。"
)
SEEKER_REPLY = "ご連絡ありがとうございます。\n来週の火曜日と木曜日でしたら、18時以降いつでも伺えます。よろしくお願いいたします。"


def application_walkthrough_ensure() -> str:
    """Create the case once; a second call, missing demo accounts or a profile without the fields an application
    needs change nothing. Returns a line for the command's output."""
    seeker = User.objects.filter(email=DEMO_SEEKER, role=Role.SEEKER).first()
    employer = User.objects.filter(email=DEMO_EMPLOYER, role=Role.EMPLOYER).first()
    if seeker is None or employer is None:
        return "応募のデモ：デモアカウントがないため、応募の例は作りませんでした。"
    if Application.objects.filter(applicant=seeker).exists():
        return "応募のデモ：応募の例は作成済みです。"
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
    return f"応募のデモ：{DEMO_SEEKER} が「{posting.title}」に応募し、書類選考中のメッセージのやりとりを作成しました。"
