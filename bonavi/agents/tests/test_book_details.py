"""The 求職管理簿's 住所 and 生年月日 (AGENTS.md §1.5, ADR 0114): taken from her BOナビ profile when she registers and
on each profile save while she is registered, kept as they were after she withdraws, blanked with the name after
the book's two years — and never shown on the workbench nor read by matching (生年月日 serves books only, §4)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bonavi.agents import books, services
from bonavi.agents.matching import person_facts_from_hearing
from bonavi.agents.models import AuditEvent, Candidate
from bonavi.agents.tests.factories import private_order, refer, register
from bonavi.matching.facts import ALLOWED_PERSON_KEYS
from bonavi.seekers.services import profile_update

BORN = dt.date(1990, 4, 15)
# Every way a page could write that day (ISO, 和暦, slashes, 年月日).
BORN_WRITTEN = ("1990-04-15", "1990/04/15", "1990/4/15", "1990年4月15日", "1990年04月15日", "平成2年")
ADDRESS = "東京都港区芝公園1-1-1"


def _profile(seeker, **data):
    base = {"family_name": "見本", "given_name": "さくら", "postal_code": "105-0011", "address": ADDRESS}
    profile_update(user=seeker, data={**base, "birth_date": BORN, **data})


def _row(office, candidate: Candidate) -> dict[str, str]:
    candidate.refresh_from_db()  # a profile save updates the book's 氏名 too
    rows = books.seeker_book_rows(office)
    mine = [r for r in rows[1:] if r[0] == candidate.display_name]
    assert mine, rows
    return dict(zip(rows[0], mine[0], strict=True))


def test_the_book_lists_address_and_birth_date_from_her_profile(setup, seeker, client):
    _profile(seeker)
    candidate = register(setup, seeker)
    row = _row(setup.office, candidate)
    assert row["住所"] == f"〒105-0011 {ADDRESS}" and row["生年月日"] == "1990-04-15"
    assert row["希望職種"] == "経理事務"
    # the CSV the 責任者 downloads carries them, and the export is logged as before
    client.force_login(setup.boss)
    csv = client.get(f"/agent/books/{setup.office.pk}/seeker.csv").content.decode("utf-8-sig")
    assert "住所,生年月日,希望職種" in csv and ADDRESS in csv and "1990-04-15" in csv
    assert AuditEvent.objects.filter(candidate=candidate, detail__contains="求職管理簿").exists()


def test_a_profile_change_updates_the_book_while_she_is_registered(setup, seeker):
    candidate = register(setup, seeker)  # no profile yet: blank, not refused
    row = _row(setup.office, candidate)
    assert row["住所"] == "" and row["生年月日"] == ""
    _profile(seeker)  # written after registering
    assert _row(setup.office, candidate)["生年月日"] == "1990-04-15"
    _profile(seeker, postal_code="", address="神奈川県横浜市中区1-2", birth_date=dt.date(1990, 4, 16))
    row = _row(setup.office, candidate)
    assert row["住所"] == "神奈川県横浜市中区1-2" and row["生年月日"] == "1990-04-16"


def test_after_withdrawal_the_book_keeps_them_as_they_were(setup, seeker):
    _profile(seeker)
    candidate = register(setup, seeker)
    services.candidate_withdraw(user=seeker, candidate=candidate)
    _profile(seeker, address="大阪府大阪市北区9-9", birth_date=dt.date(1991, 1, 1))
    candidate.refresh_from_db()
    row = _row(setup.office, candidate)
    assert row["住所"] == f"〒105-0011 {ADDRESS}" and row["生年月日"] == "1990-04-15"
    # and when she deletes her account (her profile goes with it)
    from bonavi.seekers.mydata import account_delete

    account_delete(user=seeker)
    candidate.refresh_from_db()
    assert candidate.user_id is None and candidate.book_birth_date == BORN


def test_registering_again_after_a_withdrawal_takes_todays_profile(setup, seeker):
    """She withdrew at the agency, then registers again: the new registration takes today's profile."""
    _profile(seeker)
    candidate = register(setup, seeker)
    services.candidate_withdraw(user=seeker, candidate=candidate)
    _profile(seeker, address="大阪府大阪市北区9-9")
    again = services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)
    assert again.pk == candidate.pk and again.book_address == "〒105-0011 大阪府大阪市北区9-9"


def test_books_anonymise_blanks_them_with_the_name_after_the_period(setup, seeker):
    _profile(seeker)
    candidate = register(setup, seeker)
    services.candidate_withdraw(user=seeker, candidate=candidate)
    candidate.refresh_from_db()
    assert books.books_anonymise(today=books.kept_until(candidate)) == 0  # still inside the period
    candidate.refresh_from_db()
    assert candidate.book_birth_date == BORN
    assert books.books_anonymise(today=books.kept_until(candidate) + dt.timedelta(days=1)) == 1
    candidate.refresh_from_db()
    assert (candidate.display_name, candidate.book_address, candidate.book_birth_date) == (
        books.ANONYMISED,
        "",
        None,
    )
    row = _row(setup.office, candidate)
    assert row["住所"] == "" and row["生年月日"] == ""


def test_the_workbench_and_matching_never_carry_the_birth_date(setup, seeker, employer, client):
    _profile(seeker)
    candidate = register(setup, seeker)
    referral = refer(setup, candidate, private_order(setup, employer.organization).posting_id)
    assert _row(setup.office, candidate)["生年月日"] == "1990-04-15"  # the book has it …
    pages = []
    for who in (setup.ca, setup.boss):
        client.force_login(who)
        pages += [
            client.get("/agent/").content.decode(),
            client.get(f"/agent/candidates/{candidate.pk}/").content.decode(),
            client.get(f"/api/v1/agent/candidates/{candidate.pk}/matches").content.decode(),
            client.get(f"/agent/jobs/{referral.proposal.posting_id}/").content.decode(),
        ]
    client.force_login(employer)
    pages.append(client.get(f"/agent/employer/referrals/{referral.pk}/").content.decode())
    for page in pages:
        assert not [w for w in BORN_WRITTEN if w in page]  # … no page does
        assert "生年月日" not in page
    # the address is on the candidate page only as her contact details (ADR 0100), not as a book column
    # matching: neither the allowlist nor the facts built for her carry them
    assert not ALLOWED_PERSON_KEYS & {"birth_date", "book_birth_date", "address", "book_address", "age"}
    facts = dataclasses.asdict(person_facts_from_hearing(candidate.hearing))
    assert BORN not in facts.values() and not any(ADDRESS in str(v) for v in facts.values())


def test_purpose_4_names_what_the_book_keeps_and_an_earlier_consent_is_renewed(setup, seeker, client):
    items = "氏名・住所・生年月日（プロフィールに登録したもの）・希望職種・紹介の経過"
    assert items in services.CONSENT_PURPOSES
    page = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    assert items in page
    candidate = register(setup, seeker)
    Candidate.objects.filter(pk=candidate.pk).update(consent_version="2026-11-26", consent_purposes="旧文面")
    again = services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)
    assert again.consent_version == services.CONSENT_VERSION != "2026-11-26"
    assert items in again.consent_purposes
    assert AuditEvent.objects.filter(
        candidate=candidate, detail=f"利用目的への同意を更新（版 2026-11-26 → 版 {services.CONSENT_VERSION}）"
    ).exists()


def test_her_mydata_shows_what_the_book_keeps(setup, seeker, client):
    from bonavi.agents.mydata import registrations_export

    _profile(seeker)
    register(setup, seeker)
    book = registrations_export(seeker)[0]["book"]
    assert book["address"] == f"〒105-0011 {ADDRESS}" and book["birth_date"] == "1990-04-15"
    client.force_login(seeker)
    page = client.get("/me/privacy/export/").content.decode()
    section = page.split("求職管理簿（法定帳簿）に記載される内容", 1)[1].split("</dl>", 1)[0]
    assert ADDRESS in section and "1990年4月15日" in section and "経理事務" in section
