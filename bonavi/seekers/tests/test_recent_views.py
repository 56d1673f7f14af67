"""最近見た求人 (ADR 0087): what is recorded and for whom, the cap, who may read and delete it, the setting, the
retention, and what マイデータ and 退会 do with it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.core.tests.querycount import assert_flat
from bonavi.jobs.models import JobPosting, PostingStatus, Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.worker import duties
from bonavi.seekers import mydata, selectors, services
from bonavi.seekers.models import RECENT_VIEWS_DAYS, RECENT_VIEWS_MAX, RecentView, RecentViewsOff

pytestmark = pytest.mark.django_db


def _client(user: User | None, **kw: Any) -> Client:
    client = Client(**kw)
    if user is not None:
        client.force_login(user)
    return client


def _viewed(user: User) -> list[int]:
    return list(
        RecentView.objects.filter(user=user).order_by("-viewed_at").values_list("posting_id", flat=True)
    )


def _seen(user: User, posting: JobPosting, *, days_ago: float = 0) -> RecentView:
    return RecentView.objects.create(
        user=user, posting=posting, viewed_at=timezone.now() - dt.timedelta(days=days_ago)
    )


@pytest.fixture
def two(employer: User) -> tuple[JobPosting, JobPosting]:
    org = employer.organization
    assert org is not None
    return make_posting(org, title="経理スタッフ（月次決算）"), make_posting(
        org, title="人事アシスタント（給与計算）"
    )


def test_a_seekers_views_are_kept_newest_first_and_a_repeat_moves_up(
    seeker: User, two: tuple[JobPosting, JobPosting]
) -> None:
    first, second = two
    client = _client(seeker)
    for posting in (first, second, first):
        assert client.get(f"/jobs/{posting.pk}/").status_code == 200
    assert _viewed(seeker) == [first.pk, second.pk]  # one row per posting, the repeat moved to the top
    page = client.get("/me/recent/").content.decode()
    assert page.index("経理スタッフ（月次決算）") < page.index("人事アシスタント（給与計算）")


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.AGENT, Role.OPERATOR])
def test_nothing_is_kept_for_other_roles(
    role: str, employer: User, two: tuple[JobPosting, JobPosting]
) -> None:
    """An employer's, adviser's or operator's looks at a posting are not a job seeker's history."""
    user = (
        employer
        if role == Role.EMPLOYER
        else User.objects.create_user(
            email=f"{role}@test.example",
            password="pw-Long-enough-1",
            role=role,
            is_staff=role == Role.OPERATOR,
        )
    )
    assert _client(user).get(f"/jobs/{two[0].pk}/").status_code == 200
    assert not RecentView.objects.exists()


def test_nothing_is_kept_for_an_anonymous_visitor_or_a_head_request(
    seeker: User, two: tuple[JobPosting, JobPosting]
) -> None:
    assert _client(None).get(f"/jobs/{two[0].pk}/").status_code == 200
    assert _client(seeker).head(f"/jobs/{two[0].pk}/").status_code == 200
    assert not RecentView.objects.exists()


def test_recording_costs_the_detail_page_two_statements_and_one_when_off(
    seeker: User, employer: User, two: tuple[JobPosting, JobPosting]
) -> None:
    """The upsert (which also checks the setting) and the trim to the newest RECENT_VIEWS_MAX; nothing for others."""
    url = f"/jobs/{two[0].pk}/"

    def history_statements(user: User | None) -> list[str]:
        client = _client(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in ctx.captured_queries if "seekers_recentview" in q["sql"]]

    assert len(history_statements(seeker)) == 2
    assert history_statements(employer) == [] and history_statements(None) == []
    services.recent_views_set_recording(user=seeker, on=False)
    assert len(history_statements(seeker)) == 1  # the upsert wrote nothing, so there is nothing to trim


def test_only_the_newest_fifty_are_kept(seeker: User, employer: User) -> None:
    org = employer.organization
    assert org is not None
    old = [make_posting(org) for _ in range(RECENT_VIEWS_MAX)]
    for i, posting in enumerate(old):
        _seen(seeker, posting, days_ago=RECENT_VIEWS_MAX - i)  # old[0] is the oldest
    newest = make_posting(org)
    assert _client(seeker).get(f"/jobs/{newest.pk}/").status_code == 200
    kept = _viewed(seeker)
    assert len(kept) == RECENT_VIEWS_MAX and kept[0] == newest.pk and old[0].pk not in kept
    # A repeat view of one already kept moves it and drops nothing.
    assert _client(seeker).get(f"/jobs/{old[1].pk}/").status_code == 200
    assert len(_viewed(seeker)) == RECENT_VIEWS_MAX and _viewed(seeker)[0] == old[1].pk


def test_a_failing_history_write_does_not_break_the_detail_page(
    seeker: User, two: tuple[JobPosting, JobPosting], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write fails (here: its table is missing); the page is shown in full all the same — the queries after it
    (the ☆ button's) still run, because the failure was kept to a savepoint of its own. (On PostgreSQL a failed
    statement spoils the whole transaction, so there this fails without the savepoint; SQLite carries on anyway.)"""
    monkeypatch.setattr(RecentView._meta, "db_table", "seekers_no_such_table")
    response = _client(seeker).get(f"/jobs/{two[0].pk}/")
    assert response.status_code == 200 and "お気に入り" in response.content.decode()


def test_turning_the_history_off_clears_it_and_records_nothing(
    seeker: User, two: tuple[JobPosting, JobPosting]
) -> None:
    first, second = two
    client = _client(seeker)
    client.get(f"/jobs/{first.pk}/")
    assert "閲覧履歴を残さない" in client.get("/me/recent/").content.decode()
    response = client.post("/me/recent/setting/", {"recording": "off"})
    assert response.status_code == 302 and RecentViewsOff.objects.filter(user=seeker).exists()
    assert _viewed(seeker) == []
    client.get(f"/jobs/{second.pk}/")
    assert _viewed(seeker) == []
    assert "残さない設定になっています" in client.get("/me/recent/").content.decode()
    client.post("/me/recent/setting/", {"recording": "on"})
    client.get(f"/jobs/{second.pk}/")
    assert _viewed(seeker) == [second.pk]


def test_a_bad_setting_value_is_refused_and_changes_nothing(
    seeker: User, two: tuple[JobPosting, JobPosting]
) -> None:
    _seen(seeker, two[0])
    client = _client(seeker)
    response = client.post("/me/recent/setting/", {"recording": "maybe"}, follow=True)
    assert "設定の値が正しくありません" in response.content.decode()
    assert not RecentViewsOff.objects.exists() and _viewed(seeker) == [two[0].pk]


def test_the_list_never_shows_a_posting_the_person_cannot_see(
    seeker: User, employer: User, other_employer: User
) -> None:
    """Rows made as if each posting had been seen while public and then changed: closed, past its 掲載期限, made
    非公開, and another company's draft. Only the live public one is shown. The one past its 掲載期限 — public and
    published once — is named on /me/recent/ with 「掲載終了」 (ADR 0132) and nowhere else; the others (the factory's
    「closed」 was never published) say 「掲載が終了した求人」, nothing more."""
    org, other = employer.organization, other_employer.organization
    assert org is not None and other is not None
    shown = make_posting(org, title="公開中の経理")
    hidden = {
        "closed": make_posting(org, title="秘密A 終了", status=PostingStatus.CLOSED),
        "expired": make_posting(
            org, title="終了B 期限切れ", valid_through=timezone.localdate() - dt.timedelta(days=1)
        ),
        "private": make_posting(org, title="秘密C 非公開", visibility=Visibility.PRIVATE),
        "draft": make_posting(other, title="秘密D 下書き", status=PostingStatus.DRAFT),
    }
    for i, posting in enumerate([shown, *hidden.values()]):
        _seen(seeker, posting, days_ago=i / 10)

    items = selectors.recent_views_of(user=seeker)
    assert [i.posting_id for i in items] == [shown.pk, *(p.pk for p in hidden.values())]
    assert items[0].posting == shown and all(i.posting is None for i in items[1:])
    assert [i.ended for i in items[1:]] == [None, hidden["expired"], None, None]
    assert [i.posting for i in selectors.recent_postings_of(user=seeker, limit=5)] == [shown]

    client = _client(seeker)
    for url in (
        "/me/recent/",
        "/me/",
        "/",
        "/me/privacy/export/",
        "/me/privacy/export.json",
        "/api/v1/me/mydata",
    ):
        body = client.get(url).content.decode()
        assert "秘密" not in body, url
        assert ("終了B" in body) == (url == "/me/recent/"), url
    recent = client.get("/me/recent/").content.decode()
    assert recent.count("掲載が終了した求人") == len(hidden) - 1 and "掲載終了" in recent
    data = mydata.mydata_export(user=seeker)["recent_views"]
    assert [v["posting_title"] for v in data["postings"]] == ["公開中の経理", None, None, None, None]


def test_past_the_retention_a_view_is_not_shown_and_the_duty_deletes_it(
    seeker: User, two: tuple[JobPosting, JobPosting]
) -> None:
    fresh, stale = two
    _seen(seeker, fresh, days_ago=RECENT_VIEWS_DAYS - 1)
    _seen(seeker, stale, days_ago=RECENT_VIEWS_DAYS + 1)
    assert [i.posting_id for i in selectors.recent_views_of(user=seeker)] == [fresh.pk]
    duty = next(d for d in duties() if d.name == "recent_views_retention")
    duty.run()
    assert _viewed(seeker) == [fresh.pk]


def test_a_view_that_raced_the_switch_to_off_is_never_shown_and_the_duty_deletes_it(
    seeker: User, other_seeker: User, two: tuple[JobPosting, JobPosting]
) -> None:
    # On PostgreSQL an upsert whose snapshot predates the switch can commit after the switch's delete (ADR 0087):
    # the row is written here directly, as that race would leave it.
    first, second = two
    services.recent_views_set_recording(user=seeker, on=False)
    _seen(seeker, first)
    _seen(other_seeker, second)  # someone else's history, on: kept and shown
    assert selectors.recent_views_of(user=seeker) == []
    assert selectors.recent_postings_of(user=seeker, limit=5) == []
    assert "経理スタッフ" not in _client(seeker).get("/me/recent/").content.decode()
    duty = next(d for d in duties() if d.name == "recent_views_retention")
    duty.run()
    assert _viewed(seeker) == [] and _viewed(other_seeker) == [second.pk]
    assert [i.posting_id for i in selectors.recent_views_of(user=other_seeker)] == [second.pk]


def test_another_person_can_neither_read_nor_delete_someones_history(
    seeker: User, employer: User, two: tuple[JobPosting, JobPosting]
) -> None:
    first, second = two
    _seen(seeker, first)
    _seen(seeker, second)
    intruder = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    other = _client(intruder)
    assert "経理スタッフ" not in other.get("/me/recent/").content.decode()
    assert selectors.recent_views_of(user=intruder) == []
    other.post(f"/me/recent/{first.pk}/delete/")
    other.post("/me/recent/clear/")
    other.post("/me/recent/setting/", {"recording": "off"})
    assert sorted(_viewed(seeker)) == sorted([first.pk, second.pk])
    assert not RecentViewsOff.objects.filter(user=seeker).exists()
    # Not a seeker, or not signed in: no history page and no deleting.
    assert _client(employer).get("/me/recent/").status_code == 403
    assert _client(employer).post("/me/recent/clear/").status_code == 403
    assert _client(None).post("/me/recent/clear/").status_code == 302
    assert len(_viewed(seeker)) == 2


def test_delete_one_and_clear_all_are_posts_with_csrf(
    seeker: User, two: tuple[JobPosting, JobPosting]
) -> None:
    first, second = two
    _seen(seeker, first)
    _seen(seeker, second)
    strict = _client(seeker, enforce_csrf_checks=True)
    assert strict.post(f"/me/recent/{first.pk}/delete/").status_code == 403  # no token
    assert _client(seeker).get(f"/me/recent/{first.pk}/delete/").status_code == 405
    assert len(_viewed(seeker)) == 2
    client = _client(seeker)
    client.post(f"/me/recent/{first.pk}/delete/")
    assert _viewed(seeker) == [second.pk]
    client.post("/me/recent/clear/")
    assert _viewed(seeker) == []


def test_export_and_account_deletion_cover_the_history(
    seeker: User, two: tuple[JobPosting, JobPosting]
) -> None:
    first, _ = two
    _seen(seeker, first)
    data = json.loads(_client(seeker).get("/me/privacy/export.json").content)
    assert data["recent_views"]["recording"] is True
    assert data["recent_views"]["postings"][0]["posting_id"] == first.pk
    assert "seekers.RecentView" not in data["other_data"]  # exported by its own readable section
    services.recent_views_set_recording(user=seeker, on=False)
    _seen(seeker, first)  # as if recorded at the moment it was turned off
    assert mydata.mydata_export(user=seeker)["recent_views"]["off_since"] is not None
    assert "seekers.RecentViewsOff" not in mydata.mydata_export(user=seeker)["other_data"]

    mydata.account_delete(user=seeker)
    assert not RecentView.objects.exists() and not RecentViewsOff.objects.exists()


def test_the_privacy_page_states_the_rule_that_is_applied(client: Client) -> None:
    page = client.get("/privacy/").content.decode()
    assert f"新しいものから{RECENT_VIEWS_MAX}件まで" in page
    assert f"最後に見た日から{RECENT_VIEWS_DAYS}日間" in page
    assert "ログインしていない方の閲覧は記録しません" in page
    assert "最近見た求人・保存した検索条件" in page  # among what 退会 deletes


def test_the_lists_run_a_fixed_number_of_queries(seeker: User, employer: User) -> None:
    org = employer.organization
    assert org is not None
    _seen(seeker, make_posting(org))
    _seen(seeker, make_posting(org, status=PostingStatus.CLOSED))
    client = _client(seeker)

    def grow() -> None:
        for i in range(6):
            _seen(seeker, make_posting(org), days_ago=1 + i)
            _seen(seeker, make_posting(org, status=PostingStatus.CLOSED), days_ago=1 + i)

    for url in ("/me/recent/", "/me/", "/"):
        assert_flat(client, url, grow)


def test_the_api_lists_deletes_clears_and_sets_only_the_callers_own_history(
    seeker: User, employer: User, two: tuple[JobPosting, JobPosting]
) -> None:
    """/api/v1/me/recent-views: like the page, through the same selector and services — a posting the person may
    no longer see is listed without its content, another person's rows are out of reach, and the setting
    refuses an unknown field and accepts its own answer sent back."""
    first, second = two
    _seen(seeker, first, days_ago=1)
    _seen(seeker, second)
    JobPosting.objects.filter(pk=first.pk).update(status=PostingStatus.CLOSED)
    api = _client(seeker)
    body = api.get("/api/v1/me/recent-views").json()
    assert body["recording"] is True
    assert [(r["posting_id"], r["available"]) for r in body["results"]] == [
        (second.pk, True),
        (first.pk, False),
    ]
    assert body["results"][0]["posting"]["title"] == "人事アシスタント（給与計算）"
    assert body["results"][1]["posting"] is None

    intruder = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    other = _client(intruder)
    assert other.get("/api/v1/me/recent-views").json()["results"] == []
    assert other.delete(f"/api/v1/me/recent-views/{second.pk}").status_code == 404
    assert other.delete("/api/v1/me/recent-views").status_code == 204
    assert _client(employer).get("/api/v1/me/recent-views").status_code == 403
    assert sorted(_viewed(seeker)) == sorted([first.pk, second.pk])

    assert api.delete(f"/api/v1/me/recent-views/{first.pk}").status_code == 204
    assert api.delete(f"/api/v1/me/recent-views/{first.pk}").status_code == 404
    assert _viewed(seeker) == [second.pk]

    put = "/api/v1/me/recent-views/setting"
    answer = api.put(put, {"recordng": False}, content_type="application/json")
    assert answer.status_code == 422 and "recordng" in answer.content.decode()
    assert _viewed(seeker) == [second.pk]
    echoed = {**body, "recording": False}
    answer = api.put(put, echoed, content_type="application/json")
    assert answer.status_code == 200 and answer.json() == {"recording": False, "results": []}
    assert api.get(f"/jobs/{second.pk}/").status_code == 200 and _viewed(seeker) == []
    assert api.put(put, {"recording": True}, content_type="application/json").json()["recording"] is True
    assert api.delete("/api/v1/me/recent-views").status_code == 204


def test_the_page_says_when_in_the_sites_date_format_in_japan_time(
    seeker: User, two: tuple[JobPosting, JobPosting]
) -> None:
    """The page wrote 「11月26日 5:42」 with its own |date format; every other page says a moment with |moment_ja."""
    RecentView.objects.create(
        user=seeker, posting=two[0], viewed_at=dt.datetime(2026, 11, 25, 20, 42, tzinfo=dt.UTC)
    )
    page = _client(seeker).get("/me/recent/").content.decode()
    assert '<time datetime="2026-11-26T05:42:00+09:00">2026年11月26日（木）05:42</time>に閲覧' in page
