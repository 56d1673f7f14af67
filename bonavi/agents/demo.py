"""The demo's agency walk-through: after `make demo` every role finds something to act on.

The demo seeker has a profile (so おすすめ求人 shows), a 職務経歴書 shared for 添削 with one adviser comment, and a
registration with the demo agency with its hearing. The demo adviser has taken in one 非公開求人 from the demo
employer and its 申込み for one of its public jobs (ADR 0111), and proposed both: the candidate accepted the
非公開求人, which was 推薦'd and moved to 書類選考 and then to 1次面接 by the employer, with an online interview
(ADR 0102); she has yet to answer the other. Every 推薦 goes through an order the agency holds.
The adviser has also invited a person who phoned in (ADR 0104), whose invitation waits on /agent/invitations/.
Everything goes through the services, so the audit trail the candidate sees, the books and the e-mails are what
real use would produce.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.core.clock import JST, today_jst
from bonavi.core.interviews import InterviewFormat
from bonavi.documents.services import version_create
from bonavi.jobs.models import JobPosting, PostingStatus, Visibility
from bonavi.seekers.demo import interview_day
from bonavi.seekers.services import profile_update

from . import selectors, services
from .books import fiscal_year_bounds, published_fiscal_year
from .disclosures import TEXT_ITEMS, named
from .interviews import referral_interview_set
from .invitations import invitation_send
from .matching import jobs_for_candidate
from .models import (
    Agency,
    Candidate,
    Invitation,
    JobOrder,
    JobOrderStatus,
    Referral,
    ReferralInterview,
    Staff,
    Stage,
)
from .services import JOB_ORDER_DAYS

DEMO_SEEKER = "seeker@example.com"
DEMO_AGENT_EMAIL = "agent@example.com"
DEMO_EMPLOYER = "employer@example.com"
# A person who phoned the agency, invited to register (ADR 0104); a reserved example domain, so no mail reaches
# anyone.
INVITE: dict[str, str] = {
    "name": "見本 はるか",
    "email": "haruka.mihon@example.com",
    "note": "電話で相談。経理事務の求人に関心あり。",
}
ONLINE_INTERVIEW: dict[str, Any] = {
    "format": InterviewFormat.ONLINE,
    "place": "",
    "url": "https://meet.example.com/bonavi-demo-interview1",
    "notes": "開始5分前までに接続し、カメラとマイクを確認してください。職務経歴書を手元にご用意ください。",
}

PROFILE: dict[str, Any] = {
    "family_name": "見本",
    "given_name": "さくら",
    "family_name_kana": "みほん",
    "given_name_kana": "さくら",
    "phone": "090-0000-0000",
    "postal_code": "160-0023",
    "address": "東京都新宿区西新宿9-9-9",
    "situation": "employed",
    "desired_families": ["accounting", "general_clerical"],
    "desired_prefectures": ["13", "14"],
    "desired_employment_types": ["seishain"],
    "desired_pay_unit": "month",
    "desired_pay_min": 220000,
    "pc_skills": {"excel_functions": 2, "excel_pivot": 1, "word": 2, "accounting_software": 1, "typing": 2},
    "experience": "飲食店のアルバイトで売上集計とレジ締めを4年、時間帯責任者として新人6名の教育を担当。",
}

RESUME: dict[str, Any] = {
    "basics": {
        "name": "見本 さくら",
        "summary": "飲食店で4年間、売上集計・レジ締め・発注を担当。日商簿記3級を取得し、経理事務を志望しています。",
    },
    "work": [
        {
            "name": "株式会社みほんダイニング（新宿店）",
            "position": "アルバイト（時間帯責任者）",
            "startDate": "2022-04",
            "summary": "日次の売上集計と現金の照合、発注と在庫の棚卸、新人の教育",
            "highlights": ["レジ差異を月平均3件から0〜1件に減らした"],
        }
    ],
    "x-bonavi": {"selfPr": ["毎日の数字を正確に締めることを4年間続けてきました。"]},
}

HEARING: dict[str, Any] = {
    "reasons": "数字を扱う仕事を専門にしたい。正社員として経理の経験を積みたい。",
    "desired_occupations": "経理事務、一般事務",
    "desired_prefectures": ["13", "14"],
    "pay_floor": 220000,
    "pay_unit": "month",
    "employment_types": ["seishain"],
    "telework": "any",
    "experience": "飲食店で売上集計・レジ締め・発注・棚卸を4年。時間帯責任者として新人教育も担当。",
    "years_experience": 0,
    "skills": "Excel（SUMIF・ピボットテーブル）、会計ソフトへの入力",
    "qualifications": "日商簿記3級",
    "notes": "平日18時以降の電話可。面接は土曜希望。",
}

PRIVATE_ORDER: dict[str, Any] = {
    "title": "経理スタッフ（非公開・未経験歓迎／月次決算の補助から）",
    "subrole": "accounting_clerk",
    "employment_type": "seishain",
    "is_dispatch": False,
    "duties": "伝票の起票と会計ソフトへの入力、請求書の発行、入金の消込、月次決算の補助をお任せします。",
    "duties_change_scope": "会社の定める業務",
    "prefecture": "13",
    "municipality": "千代田区",
    "address": "丸の内1-1-1",
    "telework": "partial",
    "work_place_change_scope": "会社の定める場所（テレワークを含む）",
    "fixed_term": False,
    "has_probation": True,
    "probation_months": 3,
    "probation_conditions": "本採用と同条件",
    "start_time": dt.time(9, 0),
    "end_time": dt.time(17, 30),
    "break_minutes": 60,
    "overtime_exists": True,
    "overtime_monthly_hours": 10,
    "holiday_pattern": "weekends",
    "annual_holidays": 124,
    "wage_unit": "month",
    "wage_min": 235_000,
    "wage_max": 280_000,
    "insurance_employment": True,
    "insurance_accident": True,
    "insurance_health": True,
    "insurance_pension": True,
    "smoking_measure": "indoor_ban",
    "inexperienced_welcome": True,
}


# Last year's orders for the records page's 職業紹介事業報告 (ADR 0115): one of each kind the report counts apart, so
# the year it opens on (the last finished one) does not show zeros in every new row. Each is
# (days after 1 April, title, the job's changes to PRIVATE_ORDER, 国外, 紹介予定派遣).
_FIXED = {"fixed_term": True, "renewal": "none", "has_probation": False, "probation_months": None}
LAST_YEAR_ORDERS: list[tuple[int, str, dict[str, Any], bool, bool]] = [
    (62, "経理スタッフ（決算期の契約社員・3か月）", {**_FIXED, "employment_type": "keiyaku", "contract_months": 3}, False, False),
    (
        153,
        "棚卸の集計事務（20日間）",
        {**_FIXED, "employment_type": "part", "contract_days": 20, "wage_unit": "hour", "wage_min": 1_450,
         "wage_max": None},
        False,
        False,
    ),
    (217, "経理スタッフ（シンガポール現地法人）", {"address": "シンガポール（現地法人）"}, True, False),
    (287, "総務スタッフ（派遣期間の後に直接雇用）", {}, False, True),
]  # fmt: skip


def report_year_ensure(agency: Agency) -> str:
    """Last year's orders from the demo employer (LAST_YEAR_ORDERS), once. They are history, written as the intake
    left them a year ago and long expired: no mail goes out today about an order taken then."""
    employer = User.objects.filter(email=DEMO_EMPLOYER, role=Role.EMPLOYER).first()
    staff = Staff.objects.filter(agency=agency, is_responsible=True).select_related("user", "office").first()
    if employer is None or employer.organization is None or staff is None:
        return ""
    year = published_fiscal_year(today_jst())
    start, end = fiscal_year_bounds(year)
    if JobOrder.objects.filter(agency=agency, received_on__gte=start, received_on__lte=end).exists():
        return ""
    org = employer.organization
    with transaction.atomic():
        for offset, title, changes, overseas, planned in LAST_YEAR_ORDERS:
            received = start + dt.timedelta(days=offset)
            valid_until = received + dt.timedelta(days=JOB_ORDER_DAYS)
            taken_at = dt.datetime.combine(received, dt.time(10), tzinfo=JST)
            posting = JobPosting(
                organization=org,
                created_by=staff.user,
                **{**PRIVATE_ORDER, "title": title, **changes},
                employer_name=org.name,
                employer_address=org.address,
                employer_contact=org.phone,
                visibility=Visibility.PRIVATE,
                status=PostingStatus.EXPIRED,
                date_posted=taken_at,
                valid_through=valid_until,
            )
            posting.save()
            JobOrder.objects.create(
                agency=agency,
                office=staff.office,
                employer=org,
                posting=posting,
                status=JobOrderStatus.ACCEPTED,
                title=title,
                submitted={"title": title},
                self_declaration=True,
                openings=1,
                overseas=overseas,
                planned_dispatch=planned,
                received_on=received,
                valid_until=valid_until,
                contact_person="デモ 採用担当",
                created_by=staff.user,
                created_at=taken_at,
            )
    return f"職業紹介のデモ：{year}年度の求人受理（臨時・日雇・国外・紹介予定派遣）を事業報告の例として記録しました。"


def walkthrough_ensure(agency: Agency) -> str:
    """Create the walk-through once; a second call (or missing demo accounts) changes nothing. Returns a line
    for the command's output."""
    seeker = User.objects.filter(email=DEMO_SEEKER, role=Role.SEEKER).first()
    employer = User.objects.filter(email=DEMO_EMPLOYER, role=Role.EMPLOYER).first()
    staff = Staff.objects.filter(agency=agency, is_responsible=True).select_related("user").first()
    if seeker is None or employer is None or employer.organization is None or staff is None:
        return "職業紹介のデモ：デモアカウントがないため、提案の例は作りませんでした。"
    if Candidate.objects.filter(user=seeker, agency=agency).exists():
        return "職業紹介のデモ：提案の例は作成済みです。"
    adviser = staff.user
    with transaction.atomic():
        profile_update(
            user=seeker,
            data=PROFILE,
            history=[
                {"kind": "education", "year": 2022, "month": 3, "text": "東京都立みほん高等学校 卒業"},
                {
                    "kind": "work",
                    "year": 2022,
                    "month": 4,
                    "text": "株式会社みほんダイニング アルバイト（現在に至る）",
                },
            ],
            qualifications=[{"code": "boki3", "acquired_year": 2025, "acquired_month": 6}],
        )
        resume = version_create(owner=seeker, title="職務経歴書（経理志望）", data=RESUME)
        candidate = services.candidate_apply(user=seeker, agency_slug=agency.slug, consent=True)
        services.hearing_save(user=adviser, candidate=candidate, data=HEARING)
        candidate.refresh_from_db()
        services.document_share(user=seeker, candidate=candidate, version_id=resume.pk, share=True)
        services.document_comment(
            user=adviser,
            candidate=candidate,
            version_id=resume.pk,
            path="work[0].highlights",
            body="レジ差異を減らすために何を変えたか（手順・確認方法）を一言添えると、経理での正確さが伝わります。",
        )
        org = employer.organization
        order = services.job_order_intake(
            user=adviser,
            employer=org,
            data={
                **PRIVATE_ORDER,
                "employer_name": org.name,
                "employer_address": org.address,
                "employer_contact": org.phone,
            },
            self_declaration=True,
            openings=1,
            start_by=today_jst() + dt.timedelta(days=90),
            contact_person="デモ 採用担当",
        )
        if order.posting_id is None:  # refused by the compliance gate: a bug in PRIVATE_ORDER, say so
            raise services.AgentError(f"デモの求人受理が拒否されました：{order.refusal_reasons}")
        private = services.proposal_create(
            user=adviser,
            candidate=candidate,
            posting_id=order.posting_id,
            comment="簿記3級と売上集計の経験が活かせます。未経験から月次決算まで段階的に教われる職場です。",
        )
        matches = [
            posting for posting, _ in jobs_for_candidate(staff, candidate) if posting.pk != order.posting_id
        ]
        # A public job of the demo employer, whose 申込み the adviser records first (ADR 0111): her consent to it
        # would lead to a 推薦 through that order. Without one, the job proposed is information only (she applies
        # herself), and the workbench labels it so.
        public = next((p for p in matches if p.organization_id == org.pk), None) or next(iter(matches), None)
        if public is not None and public.organization_id == org.pk:
            services.public_job_order_intake(
                user=adviser,
                posting_id=public.pk,
                self_declaration=True,
                openings=1,
                contact_person="デモ 採用担当",
            )
        if public is not None:
            services.proposal_create(
                user=adviser,
                candidate=candidate,
                posting_id=public.pk,
                comment="希望の勤務地と給与に合う求人です。ご興味があれば応募に同意してください。",
            )
        label, text = selectors.document_for_proposal(seeker, private, f"v{resume.pk}")
        services.proposal_answer(
            user=seeker, proposal=private, accept=True, document_choice=label, document_text=text
        )
        referral = services.referral_send(
            user=adviser,
            proposal=private,
            recommendation="売上集計とレジ締めを4年間、差異を減らす工夫を重ねてきた方です。簿記3級取得済み。",
        )
        services.referral_move(user=employer, referral=referral, to_stage=Stage.DOCUMENT)
    return f"職業紹介のデモ：{DEMO_SEEKER} を登録し、非公開求人を含む提案と推薦（書類選考中）を作成しました。"


def referral_interview_ensure(agency: Agency) -> str:
    """Move the demo 推薦 from 書類選考 to 1次面接 and set its online interview, each once: next week's Thursday
    (the seeker's direct application has its interview on the Tuesday). A 推薦 past that point is left alone."""
    seeker = User.objects.filter(email=DEMO_SEEKER, role=Role.SEEKER).first()
    employer = User.objects.filter(email=DEMO_EMPLOYER, role=Role.EMPLOYER).first()
    if seeker is None or employer is None or employer.organization_id is None:
        return ""
    referral = (
        Referral.objects.filter(
            proposal__candidate__user=seeker,
            proposal__candidate__agency=agency,
            proposal__posting__organization_id=employer.organization_id,
        )
        .order_by("pk")
        .first()
    )
    if referral is None or referral.stage not in (Stage.DOCUMENT, Stage.INTERVIEW1):
        return ""
    if ReferralInterview.objects.filter(referral=referral, stage=Stage.INTERVIEW1).exists():
        return ""
    start = dt.datetime.combine(interview_day(today_jst()) + dt.timedelta(days=2), dt.time(18, 0), tzinfo=JST)
    with transaction.atomic():
        if referral.stage == Stage.DOCUMENT:
            referral = services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
        referral_interview_set(
            user=employer,
            referral=referral,
            values={**ONLINE_INTERVIEW, "starts_at": start, "ends_at": start + dt.timedelta(minutes=45)},
        )
    return "職業紹介のデモ：推薦を1次面接に進め、オンライン面接の日程を設定しました。"


def invitation_ensure(agency: Agency) -> str:
    """The demo adviser's invitation to a person who phoned in, while none to that address is waiting (a run
    after the link expired sends a fresh one, so the list always has one 送信済み)."""
    staff = (
        Staff.objects.filter(agency=agency, user__email=DEMO_AGENT_EMAIL, is_career_adviser=True)
        .select_related("user")
        .first()
    )
    if staff is None:
        return ""
    waiting = Invitation.objects.waiting(timezone.now()).filter(agency=agency, email=INVITE["email"])
    if waiting.exists():
        return ""
    invitation_send(user=staff.user, **INVITE)
    return f"職業紹介のデモ：{INVITE['email']} に求職登録の招待を送りました（/agent/invitations/）。"


# The demo agency's 規程 (ADR 0116), as a small agency on BOナビ would write them: plain words, what it does.
OPERATING_RULES = """BOナビキャリア株式会社 業務運営規程

第1条（目的）
この規程は、当社が行う有料職業紹介事業の運営について定めます。当社は、職業安定法その他の関係法令を守り、求職者と求人者の双方に公正に職業紹介を行います。

第2条（求人の申込み）
1 当社は、求人の申込みをすべて受理します。ただし、次のいずれかにあたるときは受理しないことがあります。その場合は、理由を求人者にお伝えします。
(1) 申込みの内容が法令に違反するとき
(2) 賃金、労働時間その他の労働条件が、通常の労働条件と比べて著しく不適当なとき
(3) 労働条件が明示されないとき
(4) 労働関係法令に違反して処分または公表を受けた求人者からの申込みで、職業安定法で定める期間内のとき
(5) 求人者が暴力団員であるなど、職業安定法で定める者にあたるとき
(6) 求人者が、(4)・(5)についての自己申告を求められても応じないとき
2 当社が取り扱う求人は、別に掲示する「取扱職種の範囲等」のとおりです。

第3条（求職の申込み）
1 当社は、求職の申込みをすべて受理します。ただし、申込みの内容が法令に違反するときは受理しません。
2 当社は、国籍、信条、性別、社会的身分、門地、従前の職業、労働組合の組合員であることなどを理由に、差別的な取扱いをしません。

第4条（職業紹介の方法）
1 当社は、求職者にはその希望と能力に合う職業を、求人者にはその条件に合う求職者を紹介するよう努めます。
2 求人を紹介するときは、業務内容、賃金、労働時間その他の労働条件を、紹介の前に書面またはメールなどで明示します。
3 求職者の応募書類を求人者に送るのは、求職者がその求人への応募に同意したときに限ります。

第5条（助言）
当社は、求職者には職業の選び方や応募書類について、求人者には求人の条件について、必要な助言を行います。

第6条（手数料と返戻金）
1 当社は、求職者から手数料をいただきません。
2 求人者からは、別に掲示する手数料表に基づき、紹介手数料をいただきます。
3 紹介した方が早期に離職したときの返戻金は、別に掲示する返戻金制度によります。

第7条（転職の勧奨をしないこと）
当社の紹介で期間の定めのない雇用に就職した方に、就職した日から2年間は、当社から転職を勧めません。

第8条（個人情報）
求職者と求人者の個人情報は、別に定める個人情報適正管理規程に従って取り扱います。

第9条（苦情の処理）
職業紹介に関する苦情は、職業紹介責任者が受け付け、速やかに誠実に対応します。申し出た方が希望するときは、面談で対応します。

第10条（職業紹介責任者）
当社は、事業所ごとに職業紹介責任者を置き、この規程に基づく業務を統括させます。

附則
この規程は、2026年4月1日から施行します。"""

PRIVACY_RULES = """BOナビキャリア株式会社 個人情報適正管理規程

1（目的）
この規程は、当社が職業紹介事業で取り扱う求職者と求人者の個人情報を、適正に管理するために定めます。

2（取り扱う人の範囲）
求職者の個人情報を取り扱うのは、その方を担当するキャリアアドバイザーと職業紹介責任者に限ります（求職の申込みを受けた直後のヒアリングは、受け付けた事業所のアドバイザーが行います）。

3（集める情報と使い方）
個人情報は、求職の申込みのときにお示しして同意をいただいた利用目的の範囲で集め、使います。本籍・出生地、家族の職業や収入、思想・信条、労働組合への加入など、差別のもとになるおそれのある情報は集めません。

4（求人者などへの提供）
応募書類を求人者に送るのは、求職者が求人ごとに応募に同意したときに限ります。法令に基づく場合を除き、ご本人の同意なく第三者に提供しません。

5（安全管理）
個人情報は、見ることのできる人を限ったシステムで管理します。担当者が求職者の連絡先などを見た記録を残し、ご本人がいつでも確かめられるようにします。

6（従業者の教育）
職業紹介責任者は、従業者に個人情報の取扱いについての教育を年1回以上行います。職業紹介責任者は、5年ごとに職業紹介責任者講習を受講します。

7（開示・訂正・削除）
ご本人から自分の個人情報の開示を求められたときは、遅れることなく開示します。内容が事実と違うとして訂正や削除を求められたときは、確かめたうえで遅れることなく対応します。

8（保存と消去）
求職管理簿など法令で保存が決められた記録は、決められた期間（2年）保存し、その後は氏名などを消して匿名にします。同意の撤回を受けたときは、法令で保存が必要な記録を除き、以後その情報を使いません。

9（苦情）
個人情報の取扱いについての苦情は、職業紹介責任者が受け付け、誠実に対応します。

10（管理の責任者）
個人情報の管理の責任者は、各事業所の職業紹介責任者とします。

附則
この規程は、2026年4月1日から施行します。"""

STRENGTHS = "経理・人事・総務など、バックオフィスの職種に絞って紹介しています。未経験から事務職を目指す方のご相談にも応じます。"


def disclosures_ensure(agency: Agency) -> str:
    """The demo agency's 業務運営規程, 個人情報適正管理規程 and 特色 where they are still blank (a demo made before
    they were asked for gets them on its next run; texts the 責任者 has since written are kept)."""
    filled = {
        name: text
        for name, text in (
            ("operating_rules", OPERATING_RULES),
            ("privacy_policy", PRIVACY_RULES),
            ("strengths", STRENGTHS),
        )
        if not getattr(agency, name).strip()
    }
    if not filled:
        return ""
    Agency.objects.filter(pk=agency.pk).update(**filled)
    for name, text in filled.items():
        setattr(agency, name, text)
    # Names what this run filled in, as the 掲示事項 page names them: a demo whose 規程 were written keeps them,
    # and is not told they were posted.
    done = "・".join(named(item) for item in TEXT_ITEMS if item.name in filled)
    return f"職業紹介のデモ：{done}を公開ページに掲載しました（/agent/agency/ で変更できます）。"
