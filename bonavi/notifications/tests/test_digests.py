"""Digests: the right postings (new, matching, public), one e-mail per person, delivered over real SMTP."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.core import clock
from bonavi.jobs.models import PostingStatus, Visibility
from bonavi.notifications.digests import digests_prepare
from bonavi.notifications.models import DigestSection, MessageStatus, OutboxMessage, SavedSearch
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.helpers import due_search, posted
from bonavi.notifications.tests.smtp import Inbox, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tokyo_accounting(seeker: User) -> SavedSearch:
    return due_search(seeker, "q=経理&pref=13", name="東京の経理")


def run_pass(*, at: dt.datetime | None = None) -> None:
    digests_prepare(now=at)
    outbox_drain()


def test_digest_lists_only_new_matching_public_postings(
    smtp_inbox: Inbox, employer: User, seeker: User, tokyo_accounting: SavedSearch
) -> None:
    org = employer.organization
    assert org is not None
    hit = posted(org, title="経理スタッフ（月次決算）")
    private = posted(org, title="経理マネージャー候補（非公開）", visibility=Visibility.PRIVATE)
    osaka = posted(org, title="経理事務（大阪）", prefecture="27", municipality="大阪市北区")
    old = posted(org, title="経理事務（以前の掲載）", ago=dt.timedelta(hours=3))
    draft = posted(org, title="経理事務（下書き）", status=PostingStatus.DRAFT)

    run_pass()

    [msg] = smtp_inbox.wait_for(1)
    assert msg["To"] == seeker.email
    body = text_of(msg)
    assert hit.title in body and f"/jobs/{hit.pk}/" in body
    for other in (private, osaka, old, draft):
        assert other.title not in body
    assert "新着 1件" in body and "東京の経理" in body
    assert "新着求人1件" in str(msg["Subject"])
    row = OutboxMessage.objects.get()
    assert str(msg["Message-ID"]).strip() == row.message_id and row.status == MessageStatus.SENT
    unsubscribe = str(msg["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<http") and "/me/alerts/unsubscribe/" in unsubscribe
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_digest_names_its_sender_as_the_law_asks(
    smtp_inbox: Inbox, employer: User, seeker: User, tokyo_accounting: SavedSearch, settings
) -> None:
    """特定電子メール法4条: the sender's name, address and a contact, in both parts; a deploy check says when unset."""
    from django.core.checks import run_checks

    from bonavi.notifications.tests.smtp import html_of

    assert any(w.id == "bonavi.notifications.W001" for w in run_checks(include_deployment_checks=True))
    settings.OPERATOR_NAME = "株式会社ボナビ運営"
    settings.OPERATOR_ADDRESS = "東京都千代田区丸の内1-1-1"
    settings.OPERATOR_CONTACT = "support@bonavi.example"
    assert not any(w.id == "bonavi.notifications.W001" for w in run_checks(include_deployment_checks=True))
    assert employer.organization is not None
    posted(employer.organization, title="経理スタッフ（月次決算）")
    run_pass()
    [msg] = smtp_inbox.wait_for(1)
    for part in (text_of(msg), html_of(msg)):
        assert "送信者：株式会社ボナビ運営（東京都千代田区丸の内1-1-1）" in part
        assert "お問い合わせ：support@bonavi.example" in part


def test_one_mail_per_person_combining_their_searches(
    smtp_inbox: Inbox, employer: User, seeker: User
) -> None:
    org = employer.organization
    assert org is not None
    other = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    due_search(seeker, "q=経理", name="経理")
    due_search(seeker, "pref=14", name="神奈川")
    due_search(other, "q=経理", name="経理の仕事")
    posted(org, title="経理担当（横浜）", prefecture="14", municipality="横浜市")
    posted(org, title="経理担当（新宿）", municipality="新宿区")

    run_pass()

    msgs = smtp_inbox.wait_for(2)
    assert len(msgs) == 2
    mine = next(m for m in msgs if m["To"] == seeker.email)
    body = text_of(mine)
    assert "■ 経理（新着 2件）" in body and "■ 神奈川（新着 1件）" in body
    assert "ほか1件の条件" in str(mine["Subject"])
    theirs = next(m for m in msgs if m["To"] == other.email)
    assert "■ 経理の仕事（新着 2件）" in text_of(theirs)


def test_count_and_top_twenty_newest(
    smtp_inbox: Inbox, employer: User, tokyo_accounting: SavedSearch
) -> None:
    org = employer.organization
    assert org is not None
    postings = [
        posted(org, title=f"経理スタッフ{i:02d}", ago=dt.timedelta(minutes=40 - i)) for i in range(25)
    ]
    run_pass()
    [msg] = smtp_inbox.wait_for(1)
    body = text_of(msg)
    assert "新着 25件" in body and "ほか5件を含め" in body
    listed = [p for p in postings if p.title in body]
    assert listed == postings[5:]  # the 20 newest
    assert body.index(postings[-1].title) < body.index(postings[5].title)  # newest first
    link = re.search(r"(http://\S+/me/alerts/\d+/new/\?after=\S+)", body)
    assert link is not None


def test_later_passes_send_only_what_is_newer(
    smtp_inbox: Inbox, employer: User, tokyo_accounting: SavedSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = employer.organization
    assert org is not None
    first = posted(org, title="経理スタッフ（第1便）")
    run_pass()
    assert len(smtp_inbox.wait_for(1)) == 1

    second = posted(org, title="経理スタッフ（第2便）", ago=dt.timedelta(seconds=0))
    later = timezone.now() + dt.timedelta(minutes=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    run_pass()
    msgs = smtp_inbox.wait_for(2)
    assert len(msgs) == 2
    body = text_of(msgs[1])
    assert second.title in body and first.title not in body

    run_pass()  # nothing new: nothing sent
    assert len(smtp_inbox.wait_for(3, timeout=0.5)) == 2


def test_republished_posting_is_not_sent_again(
    smtp_inbox: Inbox, employer: User, tokyo_accounting: SavedSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = employer.organization
    assert org is not None
    posting = posted(org, title="経理スタッフ（再掲載）")
    run_pass()
    assert posting.title in text_of(smtp_inbox.wait_for(1)[0])

    # Closed and published again: a new date_posted puts it into the next window.
    posting.status = PostingStatus.CLOSED
    posting.save()
    posting.status = PostingStatus.PUBLISHED
    posting.date_posted = timezone.now()
    posting.save()
    fresh = posted(org, title="経理スタッフ（新着）", ago=dt.timedelta(seconds=0))
    later = timezone.now() + dt.timedelta(minutes=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    run_pass()
    msgs = smtp_inbox.wait_for(2)
    assert len(msgs) == 2
    body = text_of(msgs[1])
    assert fresh.title in body and posting.title not in body


def test_posting_made_private_before_sending_is_left_out(
    smtp_inbox: Inbox, employer: User, tokyo_accounting: SavedSearch
) -> None:
    org = employer.organization
    assert org is not None
    stays = posted(org, title="経理スタッフ（公開のまま）")
    hidden = posted(org, title="経理スタッフ（後から非公開）")
    digests_prepare()
    assert set(DigestSection.objects.get().posting_ids) == {stays.pk, hidden.pk}
    hidden.visibility = Visibility.PRIVATE
    hidden.save()
    outbox_drain()
    body = text_of(smtp_inbox.wait_for(1)[0])
    assert stays.title in body and hidden.title not in body


def test_digest_with_nothing_left_to_show_is_cancelled(
    smtp_inbox: Inbox, employer: User, tokyo_accounting: SavedSearch
) -> None:
    org = employer.organization
    assert org is not None
    posting = posted(org, title="経理スタッフ（すぐ終了）")
    digests_prepare()
    posting.status = PostingStatus.CLOSED
    posting.save()
    outbox_drain()
    assert smtp_inbox.wait_for(1, timeout=0.3) == []
    assert OutboxMessage.objects.get().status == MessageStatus.CANCELLED


def test_daily_search_waits_for_its_morning(smtp_inbox: Inbox, employer: User, seeker: User) -> None:
    org = employer.organization
    assert org is not None
    search = due_search(seeker, "q=経理", frequency="daily")
    morning = timezone.now() + dt.timedelta(hours=5)
    SavedSearch.objects.filter(pk=search.pk).update(next_due_at=morning)
    posted(org, title="経理スタッフ（朝に届く）")
    run_pass()
    assert smtp_inbox.wait_for(1, timeout=0.3) == []
    run_pass(at=morning + dt.timedelta(minutes=1))
    assert len(smtp_inbox.wait_for(1)) == 1
    search.refresh_from_db()
    assert search.next_due_at is not None and search.next_due_at > morning
    assert search.next_due_at.astimezone(clock.JST).hour == 7  # the next 朝7時
    assert search.next_due_at - morning < dt.timedelta(hours=24)


def test_stopped_search_sends_nothing(
    smtp_inbox: Inbox, employer: User, tokyo_accounting: SavedSearch
) -> None:
    org = employer.organization
    assert org is not None
    SavedSearch.objects.filter(pk=tokyo_accounting.pk).update(frequency="off")
    posted(org, title="経理スタッフ（停止中）")
    run_pass()
    assert smtp_inbox.wait_for(1, timeout=0.3) == []


def test_unsubscribe_links_work_without_login(
    smtp_inbox: Inbox, employer: User, seeker: User, tokyo_accounting: SavedSearch
) -> None:
    org = employer.organization
    assert org is not None
    other = due_search(seeker, "q=総務", name="総務")
    posted(org, title="経理スタッフ（配信停止の確認）")
    run_pass()
    body = text_of(smtp_inbox.wait_for(1)[0])
    link = re.search(r"この条件のメールを停止する：\s*(\S+)", body)
    assert link is not None
    path = link.group(1).split("127.0.0.1:8000", 1)[1]
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200 and "東京の経理" in page.content.decode()
    tokyo_accounting.refresh_from_db()
    assert tokyo_accounting.frequency == "instant"  # a GET (a mail scanner) never unsubscribes
    assert client.post(path).status_code == 200
    tokyo_accounting.refresh_from_db()
    other.refresh_from_db()
    assert tokyo_accounting.frequency == "off" and other.frequency == "instant"


def test_list_unsubscribe_one_click_stops_everything(
    smtp_inbox: Inbox, employer: User, seeker: User, tokyo_accounting: SavedSearch
) -> None:
    org = employer.organization
    assert org is not None
    due_search(seeker, "q=総務", name="総務")
    posted(org, title="経理スタッフ（ワンクリック）")
    run_pass()
    header = str(smtp_inbox.wait_for(1)[0]["List-Unsubscribe"]).strip()
    path = header.strip("<>").split("127.0.0.1:8000", 1)[1]
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert set(SavedSearch.objects.filter(user=seeker).values_list("frequency", flat=True)) == {"off"}


def test_forged_unsubscribe_token_is_refused(seeker: User, tokyo_accounting: SavedSearch) -> None:
    from bonavi.notifications.tokens import unsubscribe_token

    token = unsubscribe_token(user_id=seeker.pk, saved_search_id=tokyo_accounting.pk)
    tampered = token.replace(token.split(":")[0], "[999,0]")
    for bad in (tampered, "nonsense", token[:-2] + "xx"):
        response = Client().post(f"/me/alerts/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "このリンクは無効です" in response.content.decode()
    tokyo_accounting.refresh_from_db()
    assert tokyo_accounting.frequency == "instant"


def test_send_digests_command_reports_in_japanese(
    smtp_inbox: Inbox, employer: User, tokyo_accounting: SavedSearch, capsys: pytest.CaptureFixture[str]
) -> None:
    org = employer.organization
    assert org is not None
    posted(org, title="経理スタッフ（コマンド）")
    call_command("send_digests")
    out = capsys.readouterr().out
    assert "メール 1通を作成" in out and "送信 1通" in out
    assert len(smtp_inbox.wait_for(1)) == 1


def test_counts_leave_out_postings_closed_before_sending(
    smtp_inbox: Inbox, employer: User, tokyo_accounting: SavedSearch
) -> None:
    org = employer.organization
    assert org is not None
    stays = posted(org, title="経理スタッフ（募集中）")
    closed = posted(org, title="経理スタッフ（送信前に終了）")
    digests_prepare()
    closed.status = PostingStatus.CLOSED
    closed.save()
    outbox_drain()
    [msg] = smtp_inbox.wait_for(1)
    body = text_of(msg)
    assert stays.title in body and closed.title not in body
    # The mail must not announce a posting it cannot show, nor promise 「ほか1件」 that the link no longer has.
    assert "新着求人1件" in str(msg["Subject"])
    assert "新着求人が1件あります" in body and "新着 1件" in body
    assert "ほか" not in body


def test_the_stored_subject_is_the_one_sent(
    smtp_inbox: Inbox, employer: User, seeker: User, tokyo_accounting: SavedSearch
) -> None:
    """The subject is made again at send time, when postings closed since queueing no longer count; the row (and
    マイデータ, which shows it) must keep that one, not the 「新着求人2件」 computed when the mail was queued."""
    from bonavi.notifications.selectors import notifications_export

    org = employer.organization
    assert org is not None
    posted(org, title="経理スタッフ（募集中）")
    closed = posted(org, title="経理スタッフ（送信前に終了）")
    digests_prepare()
    assert "新着求人2件" in OutboxMessage.objects.get().subject
    closed.status = PostingStatus.CLOSED
    closed.save()
    outbox_drain()
    [msg] = smtp_inbox.wait_for(1)
    sent = str(msg["Subject"]).strip()  # the header arrives folded after "Subject:"
    assert "新着求人1件" in sent
    assert OutboxMessage.objects.get().subject == sent
    assert [m["subject"] for m in notifications_export(user=seeker)["emails"]] == [sent]


@pytest.mark.parametrize("how", ["unsubscribe", "delete", "pause"])
def test_search_stopped_after_queueing_is_not_mailed(
    smtp_inbox: Inbox, employer: User, seeker: User, tokyo_accounting: SavedSearch, how: str
) -> None:
    from bonavi.notifications import services
    from bonavi.notifications.tokens import unsubscribe_target, unsubscribe_token

    org = employer.organization
    assert org is not None
    other = due_search(seeker, "q=総務", name="総務の新着")
    posted(org, title="経理スタッフ（停止後）")
    posted(
        org,
        title="総務スタッフ（配信中）",
        subrole="general_affairs",
        duties="備品の管理と社内行事の運営をお任せします。",
    )
    digests_prepare()
    # The mail is queued (e.g. SMTP was down); meanwhile the person stops one of the two searches.
    if how == "unsubscribe":
        target = unsubscribe_target(unsubscribe_token(user_id=seeker.pk, saved_search_id=tokyo_accounting.pk))
        assert target is not None
        services.unsubscribe(target=target)
    elif how == "delete":
        services.saved_search_delete(search=tokyo_accounting)
    else:
        services.saved_search_update(search=tokyo_accounting, frequency="off")
    outbox_drain()
    [msg] = smtp_inbox.wait_for(1)
    body = text_of(msg)
    assert "総務スタッフ（配信中）" in body and other.name in body
    assert "経理スタッフ（停止後）" not in body and "東京の経理" not in body
    assert "新着求人1件：総務の新着" in str(msg["Subject"])


def test_digest_cancelled_when_every_search_was_unsubscribed_after_queueing(
    smtp_inbox: Inbox, employer: User, seeker: User, tokyo_accounting: SavedSearch
) -> None:
    from bonavi.notifications import services
    from bonavi.notifications.tokens import unsubscribe_target, unsubscribe_token

    org = employer.organization
    assert org is not None
    posted(org, title="経理スタッフ（全部停止）")
    digests_prepare()
    target = unsubscribe_target(unsubscribe_token(user_id=seeker.pk))
    assert target is not None
    services.unsubscribe(target=target)
    outbox_drain()
    assert smtp_inbox.wait_for(1, timeout=0.3) == []
    assert OutboxMessage.objects.get().status == MessageStatus.CANCELLED


def test_list_id_keeps_its_identifier_readable_to_mail_filters(
    smtp_inbox: Inbox, employer: User, tokyo_accounting: SavedSearch
) -> None:
    org = employer.organization
    assert org is not None
    posted(org, title="経理スタッフ（List-Id）")
    run_pass()
    [msg] = smtp_inbox.wait_for(1)
    raw = dict(msg.raw_items())["List-Id"]
    # RFC 2919: only the description may be an encoded word; "<id>" must stay plain for Gmail's filters.
    assert raw.strip().endswith("<digest.bonavi>")
    assert str(msg["List-Id"]).strip() == "BOナビ 新着求人メール <digest.bonavi>"


def test_unsubscribing_a_deleted_search_does_not_claim_all_mail_stopped(
    seeker: User, tokyo_accounting: SavedSearch
) -> None:
    from bonavi.notifications import services
    from bonavi.notifications.tokens import unsubscribe_token

    other = due_search(seeker, "q=総務", name="総務")
    token = unsubscribe_token(user_id=seeker.pk, saved_search_id=tokyo_accounting.pk)
    services.saved_search_delete(search=tokyo_accounting)
    # An old mail's link for the search deleted since: the other search still sends, and the page must say so.
    page = Client().post(f"/me/alerts/unsubscribe/{token}/").content.decode()
    other.refresh_from_db()
    assert other.frequency == "instant"
    assert "すべての新着求人メールを停止しました" not in page
    assert "既に削除されている" in page and "ほかの保存した検索条件" in page
