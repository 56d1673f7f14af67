"""Every link on the workbench's dashboard opens (ADR 0125): its 求人受理 list linked expired orders to
/agent/jobs/<id>/, which answered 404. A job the agency took an order for is read there whatever became of the order
— expired, closed, refused — read-only and marked 終了, with the orders as the 求人管理簿 keeps them; another
agency's staff still never reaches it."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bonavi.accounts.models import User
from bonavi.agents import selectors
from bonavi.agents.models import JobOrder, JobOrderStatus
from bonavi.agents.tests.factories import make_agency, private_order, take_order
from bonavi.core.clock import today_jst
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def _links(html: str) -> list[str]:
    """The site's own addresses linked from `html` (no fragments, mail or phone links)."""
    found = {h.split("#")[0] for h in re.findall(r'href="(/[^"]*)"', html)}
    return sorted(h for h in found if h and not h.startswith("/static/"))


def test_every_link_on_the_demo_advisers_dashboard_opens(client) -> None:
    call_command("demo", "--postings", "20", stdout=StringIO())
    client.force_login(User.objects.get(email="agent@example.com"))
    page = client.get("/agent/").content.decode()
    broken = [(url, status) for url in _links(page) if (status := client.get(url).status_code) != 200]
    assert broken == []
    orders = page[page.index('id="orders"') :]
    orders = orders[: orders.index("</ul>")]
    assert '<span class="tag">終了</span>' in orders  # the demo's 2025年度 orders have expired


def test_an_ended_order_is_read_only_marked_and_kept_from_other_agencies(setup, employer, client) -> None:
    expired = private_order(setup, employer.organization, title="経理（決算期・終了）")
    JobOrder.objects.filter(pk=expired.pk).update(
        received_on=today_jst() - dt.timedelta(days=200), valid_until=today_jst() - dt.timedelta(days=110)
    )
    JobPosting.objects.filter(job_orders=expired).update(status=PostingStatus.EXPIRED)
    # A company's public posting whose order the agency took, since ended by the company.
    public = make_posting(employer.organization, title="総務（公開・募集終了）")
    take_order(setup, public.pk)
    JobOrder.objects.filter(posting=public).update(status=JobOrderStatus.CLOSED)
    JobPosting.objects.filter(pk=public.pk).update(status=PostingStatus.EXPIRED)

    client.force_login(setup.ca)
    dashboard = client.get("/agent/").content.decode()
    for posting_id in (expired.posting_id, public.pk):
        assert f'href="/agent/jobs/{posting_id}/"' in dashboard
        response = client.get(f"/agent/jobs/{posting_id}/")
        assert response.status_code == 200
        page = response.content.decode()
        assert 'id="order-ended"' in page and '<span class="tag">終了</span>' in page
        assert 'id="public-order"' not in page and "<form" not in page.split('id="main"')[1]  # read only
    page = client.get(f"/agent/jobs/{expired.posting_id}/").content.decode()
    records = page[page.index('id="order-records"') :]
    assert "終了（有効期間が過ぎました）" in records and "受付年月日" in records and "求人数" in records
    assert "業務内容" in page  # the terms themselves

    other = make_agency(slug="other-agency", name="株式会社ほかキャリア")
    staff = selectors.staff_of(other.ca)
    assert staff is not None and selectors.posting_for_staff(staff, expired.posting_id) is None
    assert selectors.orders_of_posting(staff, expired.posting) == []
    client.force_login(other.boss)
    for posting_id in (expired.posting_id, public.pk):
        assert client.get(f"/agent/jobs/{posting_id}/").status_code == 404


def test_an_ended_orders_job_is_read_in_one_posting_query_and_one_order_query(
    setup, employer, client
) -> None:
    """The job page reads the posting through one selector (the agency's own orders are in its union, not a
    second lookup on a miss), and the order in force is the accepted, unexpired one of the orders it lists."""
    expired = private_order(setup, employer.organization, title="経理（決算期・終了）")
    JobOrder.objects.filter(pk=expired.pk).update(
        received_on=today_jst() - dt.timedelta(days=200), valid_until=today_jst() - dt.timedelta(days=110)
    )
    JobPosting.objects.filter(job_orders=expired).update(status=PostingStatus.EXPIRED)
    live = private_order(setup, employer.organization, title="経理（受理中）")
    client.force_login(setup.ca)
    for posting_id in (expired.posting_id, live.posting_id):
        client.get(f"/agent/jobs/{posting_id}/")
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(f"/agent/jobs/{posting_id}/").content.decode()
        # Each read by the table of its first column (an annotation's subquery has its own FROM).
        main = [
            m.group(1)
            for q in ctx.captured_queries
            if (m := re.match(r'SELECT (?:DISTINCT )?"(\w+)"', q["sql"]))
        ]
        assert (main.count("jobs_jobposting"), main.count("agents_joborder")) == (1, 1), main
        assert ('id="order-ended"' in page) == (posting_id == expired.posting_id)


@pytest.mark.parametrize(
    ("status", "days_left", "lapsed"),
    [
        (
            JobOrderStatus.ACCEPTED,
            0,
            False,
        ),  # its last day: still in force (orders_in_force: valid_until >= today)
        (JobOrderStatus.ACCEPTED, -1, True),
        (JobOrderStatus.CLOSED, -1, False),  # closed says 終了 as its own status
        (JobOrderStatus.REFUSED, -1, False),
    ],
)
def test_only_an_accepted_order_past_its_last_day_has_lapsed(
    status: str, days_left: int, lapsed: bool
) -> None:
    """One rule for the dashboard's 「終了」 and the job page's 「終了（有効期間が過ぎました）」."""
    today = today_jst()
    order = JobOrder(status=status, valid_until=today + dt.timedelta(days=days_left))
    assert order.has_lapsed(today) is lapsed
