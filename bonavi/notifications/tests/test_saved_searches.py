"""Saving searches (page and API), their limits, the 「すべて見る」 page, and the outbox when SMTP misbehaves."""

from __future__ import annotations

import datetime as dt
import html
import re
import threading
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications import services, worker
from bonavi.notifications.models import MessageKind, MessageStatus, OutboxMessage, SavedSearch
from bonavi.notifications.outbox import MAX_ATTEMPTS, outbox_claim, outbox_drain
from bonavi.notifications.tests.smtp import Inbox, free_port, send_by_smtp

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_save_from_the_search_page_keeps_the_canonical_query(seeker: User) -> None:
    client = _client(seeker)
    page = client.get("/search/?pref=13&q=経理&page=2").content.decode()
    assert "この条件を保存" in page
    response = client.post(
        "/me/alerts/new/", {"query": "pref=13&q=%E7%B5%8C%E7%90%86&page=2", "name": "", "frequency": "weekly"}
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get(user=seeker)
    assert search.query == "q=%E7%B5%8C%E7%90%86&pref=13"  # canonical order, no page
    assert search.name == "経理 ／ 東京都" and search.frequency == "weekly"
    again = client.post("/me/alerts/new/", {"query": "q=経理&pref=13", "frequency": "daily"})
    # the saved one is opened (ADR 0121), not a form that only said so (test_saved_search_twice.py)
    assert again.status_code == 302 and again["Location"] == f"/me/alerts/#ss-{search.pk}"
    bad = client.post("/me/alerts/new/", {"query": "q=総務", "frequency": "hourly"})
    assert bad.status_code == 422 and "配信頻度を選び直してください" in bad.content.decode()


def test_a_long_keyword_can_still_be_saved_and_a_refusal_is_shown(seeker: User) -> None:
    """A pasted 500-character keyword: the search uses its first 200 characters, but the save form posted the raw
    query string (4,500 characters once URL-encoded), which was refused on the hidden field with no message."""
    client = _client(seeker)
    long_q = "経理" * 250
    page = client.get("/search/", {"q": long_q, "pref": "13"}).content.decode()
    query = re.search(r'name="query" value="([^"]*)"', page)
    assert query is not None and len(query.group(1)) < 4000
    response = client.post("/me/alerts/new/", {"query": html.unescape(query.group(1)), "frequency": "daily"})
    assert response.status_code == 302
    assert SavedSearch.objects.get(user=seeker).query.startswith("q=" + quote("経理" * 100))

    raw = client.post("/me/alerts/new/", {"query": "q=" + quote("人事" * 1000), "frequency": "daily"})
    assert raw.status_code == 422 and "検索条件が長すぎます" in raw.content.decode()


def test_limit_and_frequency_changes(seeker: User) -> None:
    for i in range(services.MAX_SAVED_SEARCHES):
        services.saved_search_create(user=seeker, query=f"q=経理{i}")
    with pytest.raises(services.SavedSearchInvalid) as exc:
        services.saved_search_create(user=seeker, query="q=人事")
    assert "20件まで" in exc.value.errors["__all__"][0]
    search = SavedSearch.objects.filter(user=seeker).first()
    assert search is not None
    services.saved_search_update(search=search, frequency="off")
    search.refresh_from_db()
    assert search.next_due_at is None
    later = timezone.now() + dt.timedelta(days=3)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: later)
        services.saved_search_update(search=search, frequency="instant")
    search.refresh_from_db()
    assert search.covered_until == later  # resuming does not mail the paused days' backlog


def test_saved_search_api(seeker: User) -> None:
    client = _client(seeker)
    created = client.post(
        "/api/v1/me/saved-searches",
        {"query": "q=経理&emp=part", "frequency": "instant"},
        content_type="application/json",
    )
    assert created.status_code == 201
    data = created.json()
    assert data["frequency_label"] == "即時（15分以内）" and data["name"] == "経理 ／ パート・アルバイト"
    patched = client.patch(
        f"/api/v1/me/saved-searches/{data['id']}", {"frequency": "off"}, content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["frequency"] == "off"
    wrong = client.post("/api/v1/me/saved-searches", {"frequency": "hourly"}, content_type="application/json")
    assert wrong.status_code == 422 and "frequency" in wrong.json()["errors"]
    assert client.delete(f"/api/v1/me/saved-searches/{data['id']}").status_code == 204
    assert not SavedSearch.objects.exists()


def test_see_all_page_lists_postings_after_the_window(seeker: User, employer: User) -> None:
    assert employer.organization is not None
    search = services.saved_search_create(user=seeker, query="q=経理")
    old = make_posting(
        employer.organization, title="経理（前から掲載）", date_posted=timezone.now() - dt.timedelta(days=2)
    )
    new = make_posting(employer.organization, title="経理（新着）")
    after = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    page = _client(seeker).get(f"/me/alerts/{search.pk}/new/", {"after": after}).content.decode()
    assert new.title in page and old.title not in page


def _message(to: str = "someone@test.example") -> OutboxMessage:
    return services.message_queue(kind=MessageKind.ACCOUNT, to_email=to, subject="件名", body="本文")


def test_smtp_down_keeps_the_message_for_later(settings: object, smtp_server: Inbox) -> None:
    send_by_smtp(settings, free_port())
    message = _message()
    report = outbox_drain()
    message.refresh_from_db()
    assert report.smtp_down and message.status == MessageStatus.PENDING and message.attempts == 0
    settings.EMAIL_PORT = smtp_server.port
    soon = timezone.now() + dt.timedelta(minutes=2)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: soon)
        assert outbox_drain().sent == 1
    assert str(smtp_server.wait_for(1)[0]["Message-ID"]).strip() == message.message_id


def test_refused_recipient_backs_off_then_fails(smtp_inbox: Inbox) -> None:
    smtp_inbox.refuse.add("nobody@test.example")
    message = _message("nobody@test.example")
    moment = timezone.now()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(clock, "now", lambda m=moment: m)
            outbox_drain()
        message.refresh_from_db()
        assert message.attempts == attempt
        moment = message.next_attempt_at + dt.timedelta(seconds=1)
    assert message.status == MessageStatus.FAILED and "SMTPRecipientsRefused" in message.last_error


def test_two_workers_never_claim_the_same_message() -> None:
    ids = {_message(f"p{i}@test.example").pk for i in range(5)}
    first = outbox_claim(worker="a", limit=3)
    second = outbox_claim(worker="b", limit=10)
    assert len(first) == 3 and set(first).isdisjoint(second) and set(first) | set(second) == ids
    assert outbox_claim(worker="c") == []


@pytest.mark.django_db(transaction=True)  # the worker closes and reopens its database connection each round
def test_worker_runs_its_duties_and_stops(smtp_inbox: Inbox) -> None:
    _message()
    stop = threading.Event()
    seen: list[str] = []

    def report(name: str, result: object) -> None:
        seen.append(name)
        if name == "outbox":
            stop.set()

    watchdog = threading.Timer(20, stop.set)  # a broken duty must fail the test, not hang it
    watchdog.start()
    try:
        worker.run_worker(stop=stop, tick=0.01, report=report)
    finally:
        watchdog.cancel()
    assert seen == ["digests", "outbox"]
    assert len(smtp_inbox.wait_for(1)) == 1


def test_deleting_a_saved_search_needs_the_confirmation_box(seeker: User) -> None:
    """The delete button removed the search (and the mails it brings) at one tap; like a résumé, a ticked box now
    confirms it, and a POST without it deletes nothing and says why."""
    client = _client(seeker)
    search = services.saved_search_create(user=seeker, query="q=経理&pref=13", name="東京の経理")
    page = client.get("/me/alerts/").content.decode()
    form = page.split(f'id="delete-{search.pk}"', 1)[1].split("</form>", 1)[0]
    assert 'name="confirm" required' in form and "この条件を削除します" in form

    refused = client.post(f"/me/alerts/{search.pk}/delete/")
    assert refused.status_code == 422 and SavedSearch.objects.filter(pk=search.pk).exists()
    form = refused.content.decode().split(f'id="delete-{search.pk}"', 1)[1].split("</form>", 1)[0]
    # said beside the box, which is focused and names the message
    assert "「東京の経理」を削除する場合は、「この条件を削除します」にチェックを入れてください。" in form
    assert f'autofocus aria-invalid="true" aria-describedby="delete-{search.pk}-error"' in form

    done = client.post(f"/me/alerts/{search.pk}/delete/", {"confirm": "on"}, follow=True)
    assert not SavedSearch.objects.filter(pk=search.pk).exists()
    assert "「東京の経理」を削除しました。" in done.content.decode()
