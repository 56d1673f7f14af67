"""On a phone (390 px), an employer writes a posting's own words (ADR 0128) — 仕事の魅力・職場の様子 and 求める人物像 —
is refused publishing for a sexed phrase in 求める人物像, the refusal naming that field and leading to it, fixes
it and publishes; a seeker then reads both texts on the posting, after 業務内容 and before the conditions, line by
line as written."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting
from tests.e2e.helpers import EMPLOYER_PASSWORD as PASSWORD
from tests.e2e.helpers import log_in

APPEAL = "経理チームは5名です。\n月末の締め以外は、定時に帰る人がほとんどです。"
SEXED = "明るい女性の方を歓迎します。"
IDEAL = "・数字を最後まで丁寧に確かめられる方\n・分からないことを相談できる方"


@pytest.fixture
def accounts(employer_account: User) -> tuple[User, User, JobPosting]:
    hr = employer_account
    org = hr.organization
    assert org is not None
    seeker = User.objects.create_user(email="hanako@seeker.example", password=PASSWORD, role=Role.SEEKER)
    draft = make_posting(
        org, status=PostingStatus.DRAFT, title="経理スタッフ（月次決算の補助から）", employer_name=org.name
    )
    return hr, seeker, draft


def test_employer_writes_the_own_words_is_refused_by_field_fixes_and_a_seeker_reads_them(
    live_server, phone, new_page, shot, accounts
) -> None:
    hr, seeker, posting = accounts
    page = phone
    log_in(page, live_server.url, hr.email, PASSWORD)
    page.goto(f"{live_server.url}/jobs/manage/{posting.pk}/edit/")
    appeal, ideal = page.get_by_label("仕事の魅力・職場の様子"), page.get_by_label("求める人物像")
    # the help says what not to write, before anything is typed
    assert "性別・年齢" in page.locator("#field-ideal_candidate").inner_text()
    appeal.fill(APPEAL)
    ideal.fill(SEXED)
    page.get_by_role("button", name="保存してプレビュー").click()

    # Saved as a draft; the preview says it cannot be published, naming 求める人物像, and offers no 公開する.
    page.wait_for_url("**/preview/")
    errors = page.locator("#findings-errors")
    assert "求める人物像：「女性の方を歓迎」は性別を限定・優先する募集です" in errors.inner_text()
    assert page.get_by_role("button", name="公開する").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    shot(page, "own-words-refused-390")

    # The link leads to the field, which says the same beside it.
    errors.get_by_role("link", name="求める人物像").click()
    page.wait_for_url("**/edit/#id_ideal_candidate")
    assert "性別を限定・優先する募集です" in page.locator("#field-ideal_candidate").inner_text()
    page.locator("#field-appeal").scroll_into_view_if_needed()
    shot(page, "own-words-field-refused-390", full_page=False)
    page.get_by_label("求める人物像").fill(IDEAL)
    page.get_by_role("button", name="保存してプレビュー").click()
    page.wait_for_url("**/preview/")
    assert page.locator("#findings-errors").count() == 0
    page.get_by_role("button", name="公開する").click()
    page.wait_for_url(f"**/jobs/{posting.pk}/")
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED
    # a textarea sends CRLF, stored as for 業務内容
    assert posting.ideal_candidate.replace("\r\n", "\n") == IDEAL

    # A seeker on her phone reads both, each line as written, between 業務内容 and 就業場所.
    reader = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(reader, live_server.url, seeker.email, PASSWORD)
    reader.goto(f"{live_server.url}/jobs/{posting.pk}/")
    words = reader.get_by_role("region", name="仕事の魅力・職場の様子")
    assert words.locator("p").inner_text().splitlines() == APPEAL.splitlines()
    wished = reader.get_by_role("region", name="求める人物像")
    assert wished.locator("p").inner_text().splitlines() == IDEAL.splitlines()
    order = reader.evaluate(
        "['h-work', 'h-appeal', 'h-ideal', 'h-place'].map(id => document.getElementById(id).getBoundingClientRect().top)"
    )
    assert order == sorted(order)
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    wished.scroll_into_view_if_needed()
    shot(reader, "own-words-seeker-posting-390")
