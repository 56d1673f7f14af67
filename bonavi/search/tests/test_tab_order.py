"""/search/ for keyboard users: the save-search form (three radios and a button) sat between the sort links and the
results, so the first job was 7 Tab presses in (UX review s10). It is folded into a <details> whose summary is the
one tab stop between the sort links and the first job."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db

FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}


class TabStops(HTMLParser):
    """The page's tab stops in order, as (tag, attrs): what a closed <details> holds is skipped (but its summary),
    and a group of radios with one name is one stop, as browsers make it."""

    def __init__(self) -> None:
        super().__init__()
        self.stops: list[tuple[str, dict[str, str]]] = []
        self.closed_depth = 0  # nesting inside closed <details>
        self.details: list[bool] = []  # for each open <details> tag: is it closed
        self.radios: set[str] = set()

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "details":
            closed = "open" not in attrs
            if self.closed_depth == 0 and closed:
                self.stops.append(("details", attrs))  # marks where the fold starts; its summary follows
            self.details.append(closed)
            self.closed_depth += closed
            return
        if tag == "summary" and self.details and self.closed_depth == int(self.details[-1]):
            self.stops.append((tag, attrs))
            return
        if self.closed_depth or tag not in FOCUSABLE or "hidden" in attrs or attrs.get("tabindex") == "-1":
            # a job card is not focusable, but where it starts is what the test measures to
            if "job-card" in attrs.get("class", "") and not self.closed_depth:
                self.stops.append(("card", attrs))
            return
        if (tag == "a" and "href" not in attrs) or (tag == "input" and attrs.get("type") == "hidden"):
            return
        if tag == "input" and attrs.get("type") == "radio":
            if attrs.get("name", "") in self.radios:
                return
            self.radios.add(attrs.get("name", ""))
        self.stops.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "details" and self.details:
            self.closed_depth -= int(self.details.pop())


def _stops_between_sorting_and_first_job(page: str) -> list[tuple[str, dict[str, str]]]:
    parser = TabStops()
    parser.feed(page)
    stops = [s for s in parser.stops if s[0] != "details"]
    last_sort = max(
        i for i, (tag, attrs) in enumerate(stops) if tag == "a" and "sort=" in attrs.get("href", "")
    )
    first_card = next(i for i, (tag, _) in enumerate(stops) if tag == "card")
    return stops[last_sort + 1 : first_card]


def test_the_first_job_follows_the_sort_links_with_one_stop_between(seeker: User, employer: User) -> None:
    assert employer.organization is not None
    make_posting(employer.organization, title="経理担当者")
    client = Client()
    client.force_login(seeker)
    page = client.get("/search/", {"q": "経理"}).content.decode()
    between = _stops_between_sorting_and_first_job(page)
    assert [tag for tag, _ in between] == ["summary"], between
    # the form is still there, folded, and posts what it did
    assert '<details class="card save-search" id="save-search">' in page
    assert 'name="frequency" value="daily" checked' in page and "この条件を保存" in page
