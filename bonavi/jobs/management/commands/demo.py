from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser
from django.db import transaction

from bonavi.accounts.demo import DEMO_PASSWORD
from bonavi.accounts.models import Organization, Role, User
from bonavi.accounts.services import organization_update
from bonavi.accounts.signals import user_signed_up
from bonavi.core.commands import BonaviCommand
from bonavi.jobs.models import JobPosting, Visibility
from bonavi.jobs.seeding import companies_ensure, postings_seed
from bonavi.jobs.services import feed_staff_changed

DEMO_ACCOUNTS = [
    ("seeker@example.com", Role.SEEKER, "デモ 求職者"),
    ("employer@example.com", Role.EMPLOYER, "デモ 採用担当"),
    # A colleague in the same company, so that 採用担当の管理 (/accounts/team/) has someone to show (ADR 0078).
    ("employer2@example.com", Role.EMPLOYER, "デモ 採用担当（人事部）"),
    ("agent@example.com", Role.AGENT, "デモ アドバイザー"),
    ("admin@example.com", Role.OPERATOR, "デモ 運営"),
]
# The demo company's profile (ADR 0103), shown on its company page and beside each of its postings. The URL is a
# reserved example domain (JPRS keeps example.co.jp for documentation), so the demo links nowhere real.
COMPANY_PROFILE: dict[str, Any] = {
    "business": "中小企業の経理・給与計算・社会保険手続きの受託と、バックオフィス業務の改善支援。",
    "employees": 120,
    "founded": dt.date(2008, 4, 1),
    "capital": 50_000_000,
    "website": "https://example.co.jp/",
    "pitch": "取引先ごとのチームで月次決算や給与計算を担当します。未経験の方も伝票の入力から段階的に覚えられ、"
    "残業は月10時間ほど、テレワークも選べます。",
}
# Where each part of the walk-through is seen (printed last, after the sub-commands' own lines).
WALKTHROUGH = [
    "見どころ（上のアカウントでログイン）：",
    "  会社情報：採用担当の /accounts/ 「会社情報」と、公開の会社ページ /companies/{org}/",
    "  応募者：採用担当の /applicants/ に直接応募とエージェント推薦の両方",
    "  面接の日程：求職者の /me/applications/ の応募（対面）と /me/proposals/ の推薦（オンライン）、.ics 付き",
    "  添付ファイル：その応募のメッセージにある「面接のご案内.pdf」",
    "  面接のあと：採用担当の /applicants/ で、昨日面接した見本 はるかさん（「面接済み」）の「次の面接の日程を決める」（本人は seeker2@example.com）",
    "  求職者を招待：アドバイザーの /agent/invitations/ に送信済みの招待",
    "  今日やること：アドバイザーの /agent/ の冒頭（推薦待ち・面接・定着確認など）と、担当の求職者の検索",
    "  マイデータ：求職者の /me/privacy/export/ に、紹介会社への登録・ヒアリング・提案までの全データ",
]


class Command(BonaviCommand):
    help = "デモ用のアカウント（役割ごとに1つ、採用担当は同じ会社に2人）と求人数千件を登録します。2回目以降は不足分だけ作成します。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--postings", type=int, default=3000)

    def handle(self, *args: Any, **opts: Any) -> None:
        with transaction.atomic():
            demo_org, _ = Organization.objects.get_or_create(
                name="株式会社BOナビデモ商事",
                kind=Organization.Kind.EMPLOYER,
                defaults={
                    "address": "東京都千代田区丸の内1-1-1",
                    "phone": "03-0000-0000",
                    "email": "recruit@example.com",
                },
            )
            agency, _ = Organization.objects.get_or_create(
                name="BOナビキャリア株式会社",
                kind=Organization.Kind.AGENCY,
                defaults={"address": "東京都新宿区西新宿2-8-1", "phone": "03-1111-1111"},
            )
            for email, role, name in DEMO_ACCOUNTS:
                if User.objects.filter(email=email).exists():
                    continue
                org = demo_org if role == Role.EMPLOYER else agency if role == Role.AGENT else None
                if role == Role.OPERATOR:
                    User.objects.create_superuser(email=email, password=DEMO_PASSWORD, display_name=name)
                else:
                    user = User.objects.create_user(
                        email=email, password=DEMO_PASSWORD, role=role, display_name=name, organization=org
                    )
                    if role in (Role.SEEKER, Role.EMPLOYER):
                        # As at sign-up: the person agreed to the purposes of use (the seekers app records it), so
                        # the demo does not open on 「利用目的を更新しました」.
                        user_signed_up.send(sender=User, user=user, agreed=True)
            _company_profile_ensure(demo_org)
        companies_ensure(count=60)
        missing = opts["postings"] - JobPosting.objects.count()
        if missing > 0:
            postings_seed(count=missing, seed=2026, private_ratio=0.03)
        # The demo employer owns a few postings, some of them 非公開, so each role has something to see.
        if not JobPosting.objects.filter(organization=demo_org).exists():
            ids = list(JobPosting.objects.order_by("id").values_list("id", flat=True)[:8])
            for i, pk in enumerate(ids):
                p = JobPosting.objects.get(pk=pk)
                p.organization = demo_org
                p.employer_name = demo_org.name
                p.employer_address = demo_org.address
                p.employer_contact = demo_org.phone
                p.visibility = Visibility.PRIVATE if i < 3 else Visibility.PUBLIC
                p.save()
        self.stdout.write(self.style.SUCCESS("デモデータを用意しました。"))
        self.stdout.write("ログイン（パスワードはすべて " + DEMO_PASSWORD + "）：")
        for email, role, _ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {Role(role).label:<12} {email}")
        # The careers app's occupation reference (jobtag snapshot); called by name, jobs must not import careers.
        call_command("import_jobtag", "--snapshot", stdout=self.stdout)
        # The demo adviser's agency, office and roles (agents app), likewise by name.
        call_command("agents_demo", stdout=self.stdout)
        # A few upcoming 企業説明会 of the demo employer (events app), likewise by name.
        call_command("events_demo", stdout=self.stdout)
        # Every company with a posting gets its 採用担当 before anyone applies, so the demo's 応募 reach someone.
        added = hiring_staff_ensure()
        if added:
            self.stdout.write(f"採用担当（ログインなし）：{added:,} 社に追加")
        # An application with a message thread (seekers app), after agents_demo has filled the seeker's profile.
        call_command("seekers_demo", stdout=self.stdout)
        # Counted last, so the agency's 非公開求人 is in it on the first run as on every re-run.
        self.stdout.write(f"求人：{JobPosting.objects.count():,} 件")
        for line in WALKTHROUGH:
            self.stdout.write(line.format(org=demo_org.pk))
        from bonavi.compliance.minimum_wage import table_behind_notice
        from bonavi.core.clock import today_jst

        # Whoever runs the demo runs the site: the table's notice, as `bonavi check --deploy` gives it.
        notice = table_behind_notice(today_jst())
        if notice:
            self.stdout.write(self.style.WARNING(f"注意：{notice}"))


def hiring_staff_email(org: Organization) -> str:
    return f"saiyo-{org.pk}@example.com"


def hiring_staff_ensure() -> int:
    """Give each employer organisation with a posting and no active 採用担当 one (ADR 0143): a 応募 is refused
    without one, and the demo's generated companies have none. The account has an unusable password — nobody
    logs in as it; its mails go where the demo's others go (the console backend). set_unusable_password hashes
    nothing and the rows go in one bulk_create, so `make demo` stays fast with its thousands of postings. No
    consent record: the person never uses the site. Returns how many companies got one."""
    staffed = User.objects.filter(role=Role.EMPLOYER, is_active=True, organization__isnull=False)
    orgs = (
        Organization.objects.filter(
            kind=Organization.Kind.EMPLOYER, pk__in=JobPosting.objects.values("organization")
        )
        .exclude(pk__in=staffed.values("organization"))
        .order_by("pk")
    )
    taken = set(User.objects.filter(email__startswith="saiyo-").values_list("email", flat=True))
    new = []
    for org in orgs:
        if hiring_staff_email(org) in taken:  # an account of that address in another state: left as it is
            continue
        user = User(
            email=hiring_staff_email(org),
            role=Role.EMPLOYER,
            display_name=f"{org.name} 採用担当（デモ）",
            organization=org,
        )
        user.set_unusable_password()
        new.append(user)
    with transaction.atomic():
        User.objects.bulk_create(new, batch_size=500)
        # bulk_create sends no post_save: the feed's mark is written here (those companies' postings join it).
        feed_staff_changed(organization_ids={user.organization_id for user in new if user.organization_id})
    return len(new)


def _company_profile_ensure(org: Organization) -> None:
    """Fill the demo company's profile once, through the service a 採用担当 uses, so its rules (ADR 0103: http(s)
    URL, no age or sex wording, …) hold for the demo as for anyone; a profile already filled is left as it is."""
    if org.business:
        return
    employer = User.objects.filter(email="employer@example.com", organization=org).first()
    if employer is None:
        return
    organization_update(
        user=employer, address=org.address, phone=org.phone, email=org.email, **COMPANY_PROFILE
    )
