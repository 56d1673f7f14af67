"""The pages, the API and the sitemap: who sees what (the join URL, the registrants), and マイデータ."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.events import services
from bonavi.events.models import Event, Registration, RegistrationStatus
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers import mydata

from .factories import PASSWORD, event_data, make_event, make_seeker, online

pytestmark = pytest.mark.django_db


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.login(email=user.email, password=PASSWORD)
    return client


def test_join_url_never_reaches_a_non_registrant(employer: User) -> None:
    event = services.event_create(user=employer, **online())
    secret = event.join_url
    person = make_seeker(1)
    services.registration_create(user=person, event_id=event.pk)
    stranger = make_seeker(2)
    for client in (_client(), _client(stranger), _client(employer)):
        for url in (
            "/events/",
            f"/events/{event.pk}/",
            f"/events/{event.pk}/event.ics",
            "/api/v1/events",
            f"/api/v1/events/{event.pk}",
            "/sitemap-events.xml",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert secret not in response.content.decode(), url
    assert f"/events/{event.pk}/" in _client().get("/sitemap-events.xml").content.decode()
    mine = _client(person)
    assert secret in mine.get(f"/events/{event.pk}/").content.decode()
    assert json.loads(mine.get(f"/api/v1/events/{event.pk}").content)["join_url"] == secret
    assert json.loads(_client(stranger).get(f"/api/v1/events/{event.pk}").content)["join_url"] is None


def test_after_a_cancellation_page_api_and_ics_all_keep_the_join_url_from_the_registrant(
    employer: User,
) -> None:
    event = services.event_create(user=employer, **online())
    secret = event.join_url
    person = make_seeker(1)
    services.registration_create(user=person, event_id=event.pk)
    mine = _client(person)
    assert secret in mine.get(f"/events/{event.pk}/event.ics").content.decode()
    services.event_cancel(user=employer, event=event)
    for url in (f"/events/{event.pk}/", f"/events/{event.pk}/event.ics", f"/api/v1/events/{event.pk}"):
        response = mine.get(url)
        assert response.status_code == 200 and secret not in response.content.decode(), url
    assert "STATUS:CANCELLED" in mine.get(f"/events/{event.pk}/event.ics").content.decode()


def test_seats_left_and_full(employer: User) -> None:
    event = make_event(employer, capacity=2)
    assert "残り2席" in _client().get(f"/events/{event.pk}/").content.decode()
    services.registration_create(user=make_seeker(1), event_id=event.pk)
    assert "残り1席" in _client().get("/events/").content.decode()
    services.registration_create(user=make_seeker(2), event_id=event.pk)
    page = _client(make_seeker(3)).get(f"/events/{event.pk}/").content.decode()
    assert "満席" in page and "この説明会に申し込む" not in page


def test_registering_through_the_page_needs_the_consent_tick(employer: User, seeker: User) -> None:
    event = make_event(employer)
    client = _client(seeker)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "主催企業に、氏名とメールアドレスが伝わります" in page
    refused = client.post(f"/events/{event.pk}/register/")
    assert refused.status_code == 422 and not Registration.objects.exists()
    assert "同意（チェック）が必要です" in refused.content.decode()
    done = client.post(f"/events/{event.pk}/register/", {"confirm": "on"}, follow=True)
    assert "お申し込みを受け付けました" in done.content.decode()
    again = client.post(f"/events/{event.pk}/register/", {"confirm": "on"})
    assert again.status_code == 409 and "既にお申し込み済み" in again.content.decode()
    assert Registration.objects.count() == 1
    mine = client.get("/me/events/").content.decode()
    assert event.title in mine
    assert 'href="/me/events/"' in client.get("/me/").content.decode()
    client.post(f"/events/{event.pk}/cancel/")
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_an_anonymous_visitor_is_sent_to_log_in(employer: User) -> None:
    event = make_event(employer)
    response = Client().post(f"/events/{event.pk}/register/", {"confirm": "on"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_registrants_of_another_organisation_are_not_shown(employer: User, other_employer: User) -> None:
    event = make_event(employer)
    person = make_seeker(1, name="山田 花子")
    services.registration_create(user=person, event_id=event.pk)
    own = _client(employer).get(f"/events/{event.pk}/".replace("/events/", "/employer/events/"))
    assert (
        own.status_code == 200
        and "山田 花子" in own.content.decode()
        and person.email in own.content.decode()
    )
    other = _client(other_employer)
    for url in (
        f"/employer/events/{event.pk}/",
        f"/employer/events/{event.pk}/edit/",
    ):
        response = other.get(url)
        assert response.status_code == 404, url
        assert person.email not in response.content.decode()
    assert other.post(f"/employer/events/{event.pk}/cancel/", {"confirm": "on"}).status_code == 404
    assert Event.objects.get(pk=event.pk).status == "scheduled"
    assert _client(person).get(f"/employer/events/{event.pk}/").status_code == 403


def test_registrants_list_shows_no_profile_data(employer: User) -> None:
    from bonavi.seekers.models import SeekerProfile

    person = make_seeker(1, name="はなこ")
    SeekerProfile.objects.create(
        user=person, family_name="山田", given_name="花子", phone="090-1234-5678", address="東京都港区1-2-3"
    )
    event = make_event(employer)
    services.registration_create(user=person, event_id=event.pk)
    page = _client(employer).get(f"/employer/events/{event.pk}/").content.decode()
    assert "山田 花子" in page  # the profile's name, as the consent line says
    assert "090-1234-5678" not in page and "港区1-2-3" not in page


def test_employer_creates_through_the_form_and_bad_input_is_said_in_japanese(employer: User) -> None:
    client = _client(employer)
    data = event_data(title="", capacity=0)
    form = {k: v for k, v in data.items() if v is not None}
    form["starts_at"] = data["starts_at"].astimezone().strftime("%Y-%m-%dT%H:%M")
    form["ends_at"] = data["ends_at"].astimezone().strftime("%Y-%m-%dT%H:%M")
    form["deadline"] = data["deadline"].astimezone().strftime("%Y-%m-%dT%H:%M")
    refused = client.post("/employer/events/new/", form)
    assert refused.status_code == 422 and not Event.objects.exists()
    assert "タイトルを入力してください。" in refused.content.decode()
    form.update(title="人事部 説明会", capacity=5)
    done = client.post("/employer/events/new/", form)
    assert done.status_code == 302 and Event.objects.get().title == "人事部 説明会"


def test_lowering_the_capacity_below_the_registrations_is_said_beside_the_field(employer: User) -> None:
    event = make_event(employer, capacity=3)
    for n in range(2):
        services.registration_create(user=make_seeker(n), event_id=event.pk)
    data = event_data(capacity=1, starts_at=event.starts_at, ends_at=event.ends_at, deadline=event.deadline)
    form = {k: v for k, v in data.items() if v is not None}
    for name in ("starts_at", "ends_at", "deadline"):
        form[name] = data[name].astimezone().strftime("%Y-%m-%dT%H:%M")
    refused = _client(employer).post(f"/employer/events/{event.pk}/edit/", form)
    assert refused.status_code == 422
    assert refused.context["form"].errors == {
        "capacity": [
            "定員は現在の申込数（参加登録済み2人。キャンセル待ちは含みません）より少なくできません。"
        ]
    }
    assert (
        "定員は現在の申込数（参加登録済み2人。キャンセル待ちは含みません）より少なくできません。"
        in refused.content.decode()
    )
    event.refresh_from_db()
    assert event.capacity == 3
    assert Registration.objects.filter(event=event, status=RegistrationStatus.ACTIVE).count() == 2


def test_a_linked_job_page_links_to_the_event(employer: User) -> None:
    posting = make_posting(employer.organization)
    event = make_event(employer, posting_ids=[posting.pk])
    page = _client().get(f"/jobs/{posting.pk}/").content.decode()
    assert "この求人の企業説明会" in page and f'href="/events/{event.pk}/"' in page
    other = make_posting(employer.organization)
    assert "この求人の企業説明会" not in _client().get(f"/jobs/{other.pk}/").content.decode()


def test_list_filters_by_prefecture_and_online(employer: User) -> None:
    tokyo = make_event(employer, title="東京の説明会")
    osaka = make_event(employer, title="大阪の説明会", venue="大阪府大阪市北区1-1")
    web = services.event_create(user=employer, **online(title="ウェブ説明会"))
    page = _client().get("/events/?prefecture=27").content.decode()
    assert osaka.title in page and tokyo.title not in page and web.title not in page
    page = _client().get("/events/?online=on").content.decode()
    assert web.title in page and tokyo.title not in page
    assert _client().get("/events/?prefecture=99").status_code == 200


def test_a_bad_prefecture_is_named_alike_on_the_page_and_in_the_api(employer: User) -> None:
    from bonavi.events import selectors

    osaka = make_event(employer, title="大阪の説明会", venue="大阪府大阪市北区1-1")
    web = services.event_create(user=employer, **online(title="ウェブ説明会"))
    # The jobs list's wording: the value given and what the codes are.
    said = "都道府県コード「99」はありません（01〜47のJISコード"
    assert said in _client().get("/events/?prefecture=99").content.decode()
    response = _client().get("/api/v1/events?prefecture=99")
    assert response.status_code == 422
    assert said in json.loads(response.content)["errors"]["prefecture"][0]
    titles = [
        e["title"] for e in json.loads(_client().get("/api/v1/events?prefecture=27").content)["results"]
    ]
    assert titles == [osaka.title]
    assert list(selectors.public_events(prefecture="27")) == [osaka]
    assert list(selectors.public_events(online=True)) == [web]


def test_mydata_exports_registrations_and_deletion_keeps_only_a_count(employer: User) -> None:
    person = make_seeker(1, name="山田 花子")
    event = make_event(employer, capacity=1)
    services.registration_create(user=person, event_id=event.pk)
    data = mydata.mydata_export(user=person)
    assert data["event_registrations"][0]["event_title"] == event.title
    assert data["event_registrations"][0]["shared_with_organizer"] == {
        "name": "山田 花子",
        "email": person.email,
    }
    assert "events.Registration" not in data["other_data"]
    assert event.title in _client(person).get("/me/privacy/export/").content.decode()

    mydata.account_delete(user=person)
    row = Registration.objects.get()
    assert row.user_id is None and row.name == "" and row.email == "" and row.anonymised_at is not None
    assert row.status == RegistrationStatus.CANCELLED  # the seat is free for someone else
    page = _client(employer).get(f"/employer/events/{event.pk}/").content.decode()
    assert "退会した方・開催から1年を過ぎた申込：1件" in page and "山田 花子" not in page
    services.registration_create(user=make_seeker(2), event_id=event.pk)


def test_demo_command_adds_three_upcoming_events_once() -> None:
    from django.core.management import call_command

    from bonavi.accounts.models import Organization, Role

    org = Organization.objects.create(name="株式会社BOナビデモ商事", address="東京都千代田区丸の内1-1-1")
    User.objects.create_user(
        email="employer@example.com", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )
    User.objects.create_user(email="seeker@example.com", password=PASSWORD, role=Role.SEEKER)
    call_command("events_demo", stdout=io.StringIO())
    call_command("events_demo", stdout=io.StringIO())
    assert Event.objects.filter(organization=org).count() == 3
    assert Registration.objects.filter(user__email="seeker@example.com").count() == 1
    assert "残り2席" in _client().get("/events/").content.decode()


def test_a_registrant_of_a_cancelled_event_is_told_it_is_cancelled_not_shown_the_join_url(
    employer: User,
) -> None:
    event = services.event_create(user=employer, **online())
    person = make_seeker(1)
    services.registration_create(user=person, event_id=event.pk)
    services.event_cancel(user=employer, event=event)
    page = _client(person).get(f"/events/{event.pk}/").content.decode()
    assert "この説明会は中止になりました。" in page
    # Neither a link to a meeting that will not take place, nor "申込済み" with a button to cancel it.
    assert event.join_url not in page
    assert f"/events/{event.pk}/cancel/" not in page


def _form_post(employer: User, **over: object) -> str:
    data = event_data()
    form = {k: v for k, v in data.items() if v is not None}
    for name in ("starts_at", "ends_at", "deadline"):
        form[name] = data[name].astimezone().strftime("%Y-%m-%dT%H:%M")
    form.update(over)
    response = _client(employer).post("/employer/events/new/", form)
    assert response.status_code == 422 and not Event.objects.exists()
    return response.content.decode()


def test_the_form_names_too_long_texts_and_an_unknown_format_in_plain_japanese(employer: User) -> None:
    assert "タイトルは100文字以内で入力してください（入力は101文字）。" in _form_post(
        employer, title="あ" * 101
    )
    page = _form_post(employer, description="あ" * 4001)
    assert "説明は4,000文字以内で入力してください（入力は4001文字）。" in page
    assert "形式は「対面」か「オンライン」から選んでください。" in _form_post(employer, format="hybrid")


def test_the_related_postings_are_a_group_with_its_name_before_the_boxes(employer: User) -> None:
    posting = make_posting(employer.organization)
    page = _client(employer).get("/employer/events/new/").content.decode()
    legend = page.index("<legend>関連する求人（任意）</legend>")
    assert legend < page.index(f'value="{posting.pk}"')
    # The group's name is not the label of its first box.
    assert 'for="id_postings_0">関連する求人' not in page


def test_privacy_page_says_what_a_registration_gives_the_organiser_and_how_long(client: Client) -> None:
    html = client.get("/privacy/").content.decode()
    third = html.split('id="h-third"')[1].split("</section>")[0]
    retention = html.split('id="h-retention"')[1].split("</section>")[0]
    assert "企業説明会に申し込んだとき" in third and "氏名とメールアドレス" in third
    assert "企業説明会" in retention and "退会" in retention


def test_the_consent_line_and_the_privacy_page_say_how_long_the_organiser_keeps_them(
    employer: User, seeker: User
) -> None:
    event = make_event(employer)
    page = _client(seeker).get(f"/events/{event.pk}/").content.decode()
    assert f"開催から{services.KEEP_YEARS}年" in page
    privacy = Client().get("/privacy/").content.decode()
    assert f"開催から{services.KEEP_YEARS}年" in privacy.split('id="h-retention"')[1].split("</section>")[0]


def test_the_related_postings_are_folded_until_wanted(employer: User) -> None:
    # A company may have dozens of public postings: on a phone the list pushed the 作成 button several screens down.
    posting = make_posting(employer.organization)
    page = _client(employer).get("/employer/events/new/").content.decode()
    fold = page.index('<details class="field-fold">')
    assert fold < page.index(f'value="{posting.pk}"') < page.index("</details>", fold)
    assert "関連する求人を選ぶ（任意・公開中の1件から）" in page
    # Chosen or refused, the list is shown open.
    refused = _form_post(employer, title="", postings=[str(posting.pk)])
    assert '<details class="field-fold" open>' in refused


def test_without_public_postings_the_form_says_so_instead_of_an_empty_list(employer: User) -> None:
    page = _client(employer).get("/employer/events/new/").content.decode()
    assert "公開中の求人がないため選べません" in page and 'class="field-fold"' not in page


def test_the_admin_shows_events_and_registrations_read_only_in_japanese(operator, employer, client) -> None:
    """An operator could set an event to 中止 in the admin (nobody mailed), change its seats (no waiter moved up)
    or delete it with its registrations; the pages also said 「Status」「Created at」「Reminder sent at」."""
    from bonavi.events.models import EventStatus

    event = make_event(employer)
    registration = services.registration_create(user=make_seeker(1), event_id=event.pk)
    client.force_login(operator)
    for url in (
        "/admin/events/event/",
        f"/admin/events/event/{event.pk}/change/",
        "/admin/events/registration/",
        f"/admin/events/registration/{registration.pk}/change/",
    ):
        page = client.get(url).content.decode()
        for english in ("Status", "Created at", "Organization", "Reminder sent at", "Cancelled at", ">User<"):
            assert english not in page, (url, english)
    page = client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert "状態" in page and "主催企業" in page and 'name="status"' not in page
    assert "削除" not in client.get("/admin/events/event/").content.decode()
    client.post(f"/admin/events/event/{event.pk}/change/", {"status": EventStatus.CANCELLED, "capacity": 1})
    assert client.post(f"/admin/events/event/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.status == EventStatus.SCHEDULED and event.capacity == 10
    assert (
        Registration.objects.filter(pk=registration.pk).exists()
        and Event.objects.filter(pk=event.pk).exists()
    )


def test_a_refused_event_form_lists_each_reason_linked_to_its_field(employer: User) -> None:
    """The summary said only 「入力内容を確認してください。」 above a ten-field form; it now links every reason, and a
    refusal of the whole form still takes the focus on the summary (no field to focus)."""
    page = _form_post(employer, title="あ" * 101, format="hybrid", capacity="0")
    summary = page[page.index('id="form-errors"') : page.index("</div>", page.index('id="form-errors"'))]
    hrefs = re.findall(r'<a href="([^"]+)">', summary)
    assert hrefs[:2] == ["#id_title", "#field-format"] and "入力内容を確認してください（" in summary
    for href in hrefs:
        assert f'id="{href[1:]}"' in page
    assert "tabindex" not in summary.split(">", 1)[0] and page.count("autofocus") == 1
