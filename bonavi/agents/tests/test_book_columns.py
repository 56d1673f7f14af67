"""The 求職管理簿 reads only the columns it prints (ADR 0162, addendum s22): the same rows as before, in two queries
however many candidates and introductions, and the export logs each person named in it."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bonavi.accounts.models import Role, User
from bonavi.agents import books
from bonavi.agents.models import AuditAction, AuditEvent, ExitReason, Placement, Referral
from bonavi.agents.tests.factories import place, private_order, refer, register
from bonavi.core.clock import date_jst, today_jst
from bonavi.core.downloads import excel_csv
from bonavi.jobs.models import JobPosting
from bonavi.seekers.services import profile_update


def _seeker(n: int) -> User:
    return User.objects.create_user(
        email=f"book{n}@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )


def test_the_seeker_book_prints_every_column_in_two_queries(setup, employer, seeker, client):
    today = today_jst()
    profile_update(
        user=seeker,
        data={
            "family_name": "見本",
            "given_name": "さくら",
            "postal_code": "105-0011",
            "address": "東京都港区芝公園1-1-1",
            "birth_date": dt.date(1990, 4, 15),
        },
    )
    placed_one = register(setup, seeker)
    joined = today - dt.timedelta(days=100)
    placement = place(
        setup, placed_one, private_order(setup, employer.organization).posting_id, joined_on=joined
    )
    # Left after a month, not dismissed: the 6-month column says 該当.
    Placement.objects.filter(pk=placement.pk).update(
        exit_on=joined + dt.timedelta(days=30), exit_reason=ExitReason.RESIGNATION
    )
    referred = register(setup, _seeker(1))
    referral = refer(
        setup, referred, private_order(setup, employer.organization, title="総務スタッフ").posting_id
    )
    # A posting without its own 募集者の名称 names its organisation.
    JobPosting.objects.filter(pk=referral.proposal.posting_id).update(employer_name="")
    waiting = register(setup, _seeker(2))
    for c in (placed_one, referred, waiting):
        c.refresh_from_db()

    with CaptureQueriesContext(connection) as ctx:
        rows = books.seeker_book_rows(setup.office)

    assert len(ctx) == 2  # the introductions, the candidates with their hearing: no query per row
    valid = f"{placed_one.valid_until:%Y-%m-%d}まで"
    expected = [
        [
            "氏名",
            "住所",
            "生年月日",
            "希望職種",
            "受付年月日",
            "有効期間",
            "紹介時期",
            "紹介先",
            "採否の経緯",
            "無期雇用",
            "6か月以内の離職（解雇を除く）",
        ],
        [
            "見本 さくら",
            "〒105-0011 東京都港区芝公園1-1-1",
            "1990-04-15",
            "経理事務",
            f"{placed_one.applied_on:%Y-%m-%d}",
            valid,
            f"{date_jst(Referral.objects.get(pk=placement.referral_id).sent_at):%Y-%m-%d}",  # backdated by place
            placement.referral.proposal.posting.employer_name,
            "採用",
            "はい",
            "該当",
        ],
        [
            referred.display_name,
            "",
            "",
            "経理事務",
            f"{referred.applied_on:%Y-%m-%d}",
            f"{referred.valid_until:%Y-%m-%d}まで",
            f"{today:%Y-%m-%d}",
            employer.organization.name,
            "選考中",
            "",
            "",
        ],
        [
            waiting.display_name,
            "",
            "",
            "経理事務",
            f"{waiting.applied_on:%Y-%m-%d}",
            f"{waiting.valid_until:%Y-%m-%d}まで",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    assert rows == expected

    client.force_login(setup.boss)
    response = client.get(f"/agent/books/{setup.office.pk}/seeker.csv")
    assert response.content.decode("utf-8") == excel_csv(expected)
    logged = AuditEvent.objects.filter(action=AuditAction.EXPORT, detail__contains="求職管理簿")
    assert sorted(logged.values_list("candidate_id", flat=True)) == sorted(
        [placed_one.pk, referred.pk, waiting.pk]
    )
