"""マイページ (/me/) shows the seeker's agency activity (UX review item 3): proposals awaiting her answer with a
count badge and links, and 推薦 whose selection is open in 応募状況, which then no longer says 「まだ応募していません」.
The agents app adds them through seekers.mypage (seekers cannot import agents)."""

from __future__ import annotations

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import Stage
from bonavi.agents.tests.factories import private_order, refer, register

NOT_YET = "まだ応募していません"


def test_waiting_proposals_and_open_referrals_are_on_my_page(setup, candidate, referral, employer, client):
    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.DOCUMENT)
    waiting = [
        services.proposal_create(
            user=setup.ca,
            candidate=candidate,
            posting_id=private_order(setup, employer.organization, title=title).posting_id,
        )
        for title in ("総務スタッフ（非公開）", "人事アシスタント（非公開）")
    ]
    client.force_login(candidate.user)
    page = client.get("/me/").content.decode()
    assert "エージェントからの提案" in page and "回答待ち 2件" in page
    for proposal in waiting:
        assert f'href="/me/proposals/{proposal.pk}/">{proposal.posting.title}</a>' in page
    # the 推薦 in 書類選考 is in 応募状況, linked to its page, and the block no longer says she has not applied
    assert f'href="/me/proposals/{referral.proposal.pk}/">{referral.proposal.posting.title}</a>' in page
    assert "書類選考" in page and "株式会社みなとキャリア経由" in page
    assert NOT_YET not in page


def test_only_her_own_and_nothing_when_there_is_nothing(setup, candidate, referral, client):
    other = User.objects.create_user(email="o@seeker.example", password="pw-Long-enough-1", role=Role.SEEKER)
    client.force_login(other)
    page = client.get("/me/").content.decode()
    assert NOT_YET in page and "回答待ち" not in page and referral.proposal.posting.title not in page
    # registered with the agency but nothing proposed yet: no empty notice
    register(setup, other)
    page = client.get("/me/").content.decode()
    assert NOT_YET in page and "card waiting" not in page
    # a selection that closed is not 「in progress」
    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.REJECTED)
    client.force_login(candidate.user)
    page = client.get("/me/").content.decode()
    assert NOT_YET in page and referral.proposal.posting.title not in page


def test_the_activity_is_one_query_of_what_the_page_shows(
    setup, candidate, referral, employer, django_assert_num_queries
):
    """Her whole history is not loaded on every /me/ page: a closed selection is left in the database."""
    from bonavi.agents.mypage import mypage_activity

    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.REJECTED)
    waiting = services.proposal_create(
        user=setup.ca, candidate=candidate, posting_id=private_order(setup, employer.organization).posting_id
    )
    with django_assert_num_queries(1):
        activity = mypage_activity(candidate.user)
        assert activity is not None and activity.rows == []
        assert activity.waiting[0].items == ((waiting.posting.title, f"/me/proposals/{waiting.pk}/"),)


def test_her_referrals_are_on_the_applications_list_and_nobody_elses(
    setup, candidate, referral, employer, client
):
    """応募の一覧 said 「まだ応募していません」 while マイページ showed a 推薦 at 1次面接 (UX review s10): each 推薦
    is listed with its kind (the agency's name), its stage and a link to its page — closed ones too, as her direct
    applications are. A proposal she has not agreed to is not an application."""
    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.DOCUMENT)
    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.INTERVIEW1)
    waiting = services.proposal_create(
        user=setup.ca,
        candidate=candidate,
        posting_id=private_order(setup, employer.organization, title="総務スタッフ（非公開）").posting_id,
    )
    client.force_login(candidate.user)
    page = client.get("/me/applications/").content.decode()
    title = referral.proposal.posting.title
    assert NOT_YET not in page
    assert f'<a href="/me/proposals/{referral.proposal.pk}/">{title}</a>' in page
    assert "エージェント経由（株式会社みなとキャリア）" in page and "1次面接" in page and "推薦日" in page
    assert waiting.posting.title not in page

    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.REJECTED)
    page = client.get("/me/applications/").content.decode()
    assert title in page and "不採用" in page

    # Another seeker (also registered with the agency) sees none of it.
    other = User.objects.create_user(email="o@seeker.example", password="pw-Long-enough-1", role=Role.SEEKER)
    register(setup, other)
    client.force_login(other)
    page = client.get("/me/applications/").content.decode()
    assert NOT_YET in page and title not in page and "エージェント経由" not in page


def test_the_referrals_of_the_list_are_two_queries(
    setup, candidate, referral, employer, django_assert_num_queries
):
    from bonavi.agents.mypage import referral_applications

    for title in ("総務スタッフ（非公開）", "人事アシスタント（非公開）"):
        refer(setup, candidate, private_order(setup, employer.organization, title=title).posting_id)
    # The 推薦 in one query, and their interviews (the date under 「面接」) in one more, however many rows.
    with django_assert_num_queries(2):
        rows = referral_applications(candidate.user)
        assert len(rows) == 3 and all(r.employer and r.status == "推薦" for r in rows)
