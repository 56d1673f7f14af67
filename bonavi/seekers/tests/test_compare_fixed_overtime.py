"""The compare table's pay with 固定残業代 (the walk of session 16): the ◎ cell said 「305,000円〜355,000円」 beside
「285,000円〜335,000円」 and nothing said whether 固定残業代 74,000円 was in it. A posting's 賃金 is the pay without
it (JobPosting.wage_min: 「固定残業代がある場合は、それを除いた基本給の額」, the posting page's 「賃金（固定残業代を除く）」),
so that is what is ranked; the cell now says so and names the 固定残業代 paid on top, and the row's note says what ◎
compares."""

from __future__ import annotations

from bonavi.accounts.models import User
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers import compare


def _pair(employer: User) -> tuple[object, object]:
    org = employer.organization
    assert org is not None
    plain = make_posting(org, title="固定残業代なし", wage_unit="month", wage_min=285_000, wage_max=335_000)
    with_fixed = make_posting(
        org,
        title="固定残業代あり",
        wage_unit="month",
        wage_min=231_000,
        wage_max=281_000,
        overtime_exists=True,
        overtime_monthly_hours=20,
        fixed_overtime=True,
        fixed_overtime_amount=74_000,
        fixed_overtime_hours=20,
    )
    return plain, with_fixed


def test_pay_is_ranked_without_fixed_overtime_and_the_cell_names_it(employer: User) -> None:
    plain, with_fixed = _pair(employer)
    _, rows = compare.compare_rows([with_fixed, plain])  # type: ignore[list-item]
    pay = rows[0]
    # 231,000円 + 74,000円 = 305,000円 would beat 285,000円; the pay without it does not.
    assert pay.cells[1].best and not pay.cells[0].best
    assert pay.cells[0].text == "231,000円〜281,000円\n固定残業代を除く（ほかに固定残業代74,000円・20時間分）"
    assert pay.cells[1].text == "285,000円〜335,000円"
    assert "◎は固定残業代を除いた給与で比べています。" in pay.note


def test_the_page_shows_it_under_the_pay(seeker: User, employer: User) -> None:
    from django.test import Client

    plain, with_fixed = _pair(employer)
    client = Client()
    client.force_login(seeker)
    page = client.get(f"/me/compare/?ids={with_fixed.pk}&ids={plain.pk}").content.decode()
    assert "231,000円〜281,000円<br>固定残業代を除く（ほかに固定残業代74,000円・20時間分）" in page
    assert "◎は固定残業代を除いた給与で比べています。" in page


def test_no_fixed_overtime_no_note(employer: User) -> None:
    org = employer.organization
    assert org is not None
    a = make_posting(org, wage_unit="month", wage_min=250_000, wage_max=None)
    b = make_posting(org, wage_unit="month", wage_min=260_000, wage_max=None)
    _, rows = compare.compare_rows([a, b])
    assert [c.text for c in rows[0].cells] == ["250,000円", "260,000円"] and "固定残業代" not in rows[0].note
