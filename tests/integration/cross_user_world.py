"""One owner's data in every corner of the site, and the people who must not reach it (test_cross_user_access).

The owner is a seeker, 山田 花子, who applied directly to 株式会社テスト商事 (at 面接, with a message and a PDF, a
履歴書 sent with it), registered with an agency (みなとキャリア) that 推薦'd her to the company's 非公開求人 (at 1次面接,
with its interview), saved a search, careers results and interview answers, shared a document for 添削 and signed up
for the company's 説明会. The company invited a colleague and has a second 採用担当. Her agency has her assigned
adviser, an unassigned adviser and a recruiting adviser in the same office, and its 責任者; a second agency has its
own adviser and 責任者.

SECRETS are strings only the owner's side may ever read: none of them is in anything an outsider receives."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfWriter

from bonavi.accounts import services as account_services
from bonavi.accounts.models import Role, User
from bonavi.agents import interviews as agent_interviews
from bonavi.agents import invitations as agent_invitations
from bonavi.agents import services as agent_services
from bonavi.agents.models import Candidate, Complaint, Placement, Referral, Staff, Stage
from bonavi.agents.tests.factories import AgencySetup, make_agency, place, private_order, refer, register
from bonavi.careers import services as careers_services
from bonavi.careers.translator import translate
from bonavi.core.clock import JST, today_jst
from bonavi.documents import services as document_services
from bonavi.documents.models import DocumentComment, DocumentVersion, InterviewAnswer
from bonavi.events import services as event_services
from bonavi.events.models import Event
from bonavi.events.tests.factories import online
from bonavi.jobs.models import JobPosting, PostingImportUpload, PostingStatus, Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import SavedSearch
from bonavi.notifications.tests.helpers import due_search
from bonavi.seekers import services as seeker_services
from bonavi.seekers.models import Application, ApplicationMessage

PASSWORD = "pw-Long-enough-1"

PROFILE = {
    "family_name": "山田",
    "given_name": "花子",
    "family_name_kana": "やまだ",
    "given_name_kana": "はなこ",
    "phone": "090-1234-5678",
    "postal_code": "150-0001",
    "address": "東京都渋谷区神宮前9-9-9",
    "experience": "居酒屋のアルバイトでレジ締めを3年担当",
}

# What only the owner's side may read. Her name and contact details, what she wrote, the company's 非公開求人, the
# places and links of her interviews, her saved search's name, what she shared with her agency.
SECRETS = (
    "山田",
    "花子",
    "090-1234-5678",
    "神宮前",
    "秘密のご相談です",
    "資格証の写し",
    "本社5階 受付",
    "minato-interview-room",
    "非公開・月次決算",
    "山田の経理さがし",
    "決算業務まで経験を広げたい",
    "山田の応募書類",
    "レジ締めの工夫を話した回答",
    "secret-room-42",
    "試用期間中の特別な条件",
)


def real_pdf(title: str = "資格証") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _at(days: int, hour: int = 14) -> dt.datetime:
    day = today_jst() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=JST)


def interview_values(**over: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "starts_at": _at(7),
        "ends_at": _at(7, 15),
        "format": "in_person",
        "place": "東京都千代田区丸の内1-1 本社5階 受付",
        "url": "",
        "notes": "筆記用具をお持ちください",
    }
    values.update(over)
    return values


@dataclass
class World:
    owner: User  # the seeker whose data it is
    employer: User  # 採用担当 of the company she applied to (a legitimate reader of her application)
    colleague: User  # a second 採用担当 of that company (a team member)
    agency: AgencySetup  # her agency: .ca is her adviser, .boss its 職業紹介責任者
    unassigned_ca: User  # a career adviser of her agency's office who is not hers
    other_agency: AgencySetup
    other_seeker: User
    other_employer: User
    posting: JobPosting  # public, her direct application's
    draft: JobPosting  # the company's draft
    private: JobPosting  # the company's 非公開求人 taken in by her agency
    application: Application
    message: ApplicationMessage  # hers, with a PDF
    version: DocumentVersion  # her 履歴書, shared with her agency for 添削
    comment: DocumentComment
    candidate: Candidate
    referral: Referral  # at 1次面接 with its interview
    placement: Placement
    complaint: Complaint
    invitation_id: int  # her adviser's invitation of someone else
    team_invitation_id: int
    saved_search: SavedSearch
    translation_id: int
    assessment_id: int
    answer: InterviewAnswer
    event: Event  # the company's online 説明会, the owner registered
    upload: PostingImportUpload
    users: dict[str, User | None] = field(default_factory=dict)


def build_world(*, employer: User, other_employer: User, other_seeker: User) -> World:
    org = employer.organization
    assert org is not None
    owner = User.objects.create_user(
        email="hanako@test.example", password=PASSWORD, role=Role.SEEKER, display_name="山田 花子"
    )
    seeker_services.profile_update(
        user=owner,
        data=PROFILE,
        history=[{"kind": "education", "year": 2020, "month": 3, "text": "東京都立青山高等学校 卒業"}],
        qualifications=[{"code": "boki3", "acquired_year": 2023, "acquired_month": 6}],
    )
    colleague = User.objects.create_user(
        email="hr2@test.example", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )
    posting = make_posting(org, title="経理スタッフ（未経験歓迎）")
    draft = make_posting(org, title="総務スタッフ（下書き）", status=PostingStatus.DRAFT)

    # Her documents, one sent with the application.
    version = document_services.version_create(
        owner=owner,
        title="山田の応募書類",
        data={"basics": {"name": "山田 花子", "phone": "090-1234-5678", "summary": "経理の経験を活かしたい"}},
    )
    application = seeker_services.application_create(
        user=owner,
        posting_id=posting.pk,
        message="秘密のご相談ですが、よろしくお願いします",
        document_id=version.pk,
    )
    seeker_services.application_move(
        user=employer, application=application, to_status="interview", interview=interview_values()
    )
    message = seeker_services.message_post(
        user=owner,
        application=application,
        body="資格証の写しをお送りします。",
        file_name="yamada-shikaku.pdf",
        file_data=real_pdf(),
    )
    seeker_services.favorite_add(user=owner, posting_id=posting.pk)
    seeker_services.recent_view_record(user=owner, posting_id=posting.pk)

    # Her agency: her adviser (ca), an RA, the 責任者, and another adviser of the same office who is not hers.
    agency = make_agency()
    unassigned_ca = User.objects.create_user(
        email="ca2@minato-career.example",
        password=PASSWORD,
        role=Role.AGENT,
        organization=agency.agency.organization,
        display_name="田中CA",
    )
    Staff.objects.create(
        user=unassigned_ca, agency=agency.agency, office=agency.office, is_career_adviser=True
    )
    other_agency = make_agency(slug="kita-career", name="株式会社きたキャリア")
    candidate = register(agency, owner)
    order = private_order(agency, org)
    private = order.posting
    assert private is not None and private.visibility != Visibility.PUBLIC
    referral = refer(agency, candidate, private.pk)
    agent_services.referral_move(user=agency.ca, referral=referral, to_stage=Stage.INTERVIEW1)
    agent_interviews.referral_interview_set(
        user=employer,
        referral=referral,
        values={
            "starts_at": _at(6),
            "ends_at": _at(6, 15),
            "format": "online",
            "place": "",
            "url": "https://meet.example.com/minato-interview-room",
            "notes": "カメラをオンにしてご参加ください",
        },
    )
    placement = place(
        agency,
        candidate,
        private_order(agency, org, title="給与計算スタッフ（非公開・月次決算）").posting_id,
        joined_on=today_jst() - dt.timedelta(days=100),
    )
    agent_services.document_share(user=owner, candidate=candidate, version_id=version.pk, share=True)
    agent_services.document_comment(
        user=agency.ca,
        candidate=candidate,
        version_id=version.pk,
        path="basics.summary",
        body="具体的な数字を入れましょう",
    )
    comment = DocumentComment.objects.get(version=version)
    complaint = agent_services.complaint_file(
        user=owner,
        agency_slug=agency.agency.slug,
        from_name="山田 花子",
        contact="hanako@test.example",
        body="決算業務まで経験を広げたいと伝えたのに、違う求人ばかりです。",
        wants_in_person=False,
    )
    invitation = agent_invitations.invitation_send(
        user=agency.ca, name="招待 太郎", email="taro@test.example", note="先日の説明会でお会いした方"
    )
    team_invitation = account_services.team_invite(user=employer, email="new-hr@test.example")

    # Her own tools.
    saved_search = due_search(owner, "q=経理", name="山田の経理さがし")
    experience = "居酒屋のアルバイトでレジ締めを3年担当し、売上の集計と日報を作りました。"
    translation = careers_services.saved_translation_create(
        user=owner, text=experience, target_jobtag_id=None, result=translate(experience)
    )
    assessment = careers_services.saved_assessment_create(user=owner, answers={"q1": 3}, result={})
    answer = document_services.interview_answer_save(
        owner=owner,
        question="学生時代に力を入れたことは？",
        answer="レジ締めの工夫を話した回答です。毎晩の差額をゼロにするため、締めの手順を見直しました。",
    )
    event = event_services.event_create(user=employer, **online())
    event_services.registration_create(user=owner, event_id=event.pk)
    upload = PostingImportUpload.objects.create(
        organization=org, created_by=employer, filename="山田の求人.csv", table={}, report={"rows": []}
    )

    world = World(
        owner=owner,
        employer=employer,
        colleague=colleague,
        agency=agency,
        unassigned_ca=unassigned_ca,
        other_agency=other_agency,
        other_seeker=other_seeker,
        other_employer=other_employer,
        posting=posting,
        draft=draft,
        private=private,
        application=application,
        message=message,
        version=version,
        comment=comment,
        candidate=candidate,
        referral=referral,
        placement=placement,
        complaint=complaint,
        invitation_id=invitation.pk,
        team_invitation_id=team_invitation.pk,
        saved_search=saved_search,
        translation_id=translation.pk,
        assessment_id=assessment.pk,
        answer=answer,
        event=event,
        upload=upload,
    )
    world.users = {
        "owner": owner,
        "employer": employer,
        "colleague": colleague,
        "adviser": agency.ca,
        "responsible": agency.boss,
        # The outsiders.
        "other_seeker": other_seeker,
        "other_employer": other_employer,
        "other_agency_ca": other_agency.ca,
        "other_agency_boss": other_agency.boss,
        "unassigned_ca": unassigned_ca,
        "same_agency_ra": agency.ra,
        "anonymous": None,
    }
    return world


OUTSIDERS = (
    "other_seeker",
    "other_employer",
    "other_agency_ca",
    "other_agency_boss",
    "unassigned_ca",
    "same_agency_ra",
    "anonymous",
)
