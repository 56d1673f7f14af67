"""掲示事項 (ADR 0116): the agency's 業務運営規程 and 個人情報適正管理規程 in full on its public page beside the 手数料表
and the others, and the 職業紹介責任者's page /agent/agency/ that changes them (before it, only the operators'
admin could). Nobody else may change them; a refusal changes nothing."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from bonavi.agents import demo
from bonavi.agents.models import Agency, FeeSystem
from bonavi.agents.tests.factories import make_agency
from bonavi.agents.tests.html import error_beside, focused

pytestmark = pytest.mark.django_db

URL = "/agent/agency/"
RULES = "第1条（目的）\nこの規程は、当社の有料職業紹介事業の運営について定めます。"
PRIVACY = "1（目的）\n求職者と求人者の個人情報を適正に管理するために定めます。"


def _form(agency: Agency, client: Any, **over: str) -> dict[str, str]:
    """The settings form as the page draws it (its hidden version included), with `over` typed in."""
    page = client.get(URL)
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: "" if form[name].value() is None else str(form[name].value()) for name in form.fields}
    return {**data, "operating_rules": RULES, "privacy_policy": PRIVACY, **over}


def _fresh(agency: Agency) -> Agency:
    return Agency.objects.get(pk=agency.pk)


# The public page ------------------------------------------------------------------------------------------------


def test_the_public_page_shows_both_rules_in_full_escaped_with_their_line_breaks(setup, client):
    """Stored through the admin (which does not screen markup), a text is still only text on the page."""
    Agency.objects.filter(pk=setup.agency.pk).update(
        operating_rules="第1条 求人はすべて受理します。\n<script>alert(1)</script> & 附則",
        privacy_policy="1 担当者だけが見ます。\n<b>太字</b>",
        strengths="経理に強い",
    )
    page = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    rules = page.split('id="operating-rules"', 1)[1].split("</section>", 1)[0]
    assert "<h2>業務運営規程</h2>" in rules and 'style="white-space:pre-line"' in rules
    assert "第1条 求人はすべて受理します。\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; 附則" in rules
    privacy = page.split('id="privacy-rules"', 1)[1].split("</section>", 1)[0]
    assert "<h2>個人情報適正管理規程</h2>" in privacy and "&lt;b&gt;太字&lt;/b&gt;" in privacy
    assert "<script>alert(1)" not in page and "<b>太字" not in page
    # beside the other 掲示事項, each reachable from the list at the top
    for anchor in (
        "#fees",
        "#refund",
        "#scope",
        "#operating-rules",
        "#privacy-rules",
        "#apply",
        "#complaint",
    ):
        assert f'href="{anchor}"' in page
    assert page.index('id="fees"') < page.index('id="operating-rules"') < page.index('id="apply"')
    assert "経理に強い" in page.split('id="strengths"', 1)[1]


def test_rules_not_given_yet_are_said_to_be_missing_not_left_out(setup, client):
    page = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    for section in ("operating-rules", "privacy-rules"):
        assert "まだ掲載されていません。" in page.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]
    assert "掲示事項の更新日" not in page


# The 責任者's settings page ----------------------------------------------------------------------------------------


def test_the_responsible_person_changes_the_rules_and_the_public_page_shows_them(setup, client):
    client.force_login(setup.boss)
    page = client.get(URL).content.decode()
    assert "業務運営規程・個人情報適正管理規程が公開ページに掲載されていません。" in page
    assert setup.agency.fee_table in page and 'name="loaded"' in page
    resp = client.post(
        URL, _form(setup.agency, client, refund_policy="入社後3か月以内の退職は50%を返金します。")
    )
    assert resp.status_code == 302 and resp.url == URL
    agency = _fresh(setup.agency)
    assert agency.operating_rules == RULES and agency.privacy_policy == PRIVACY
    assert agency.refund_policy == "入社後3か月以内の退職は50%を返金します。"
    assert agency.disclosures_updated_by == setup.boss and agency.disclosures_updated_at is not None
    after = client.get(URL).content.decode()
    assert "掲示事項を更新しました。" in after and "最終更新：" in after and "高橋責任者さん" in after
    assert "が公開ページに掲載されていません" not in after
    public = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    assert "この規程は、当社の有料職業紹介事業の運営について定めます。" in public
    assert "求職者と求人者の個人情報を適正に管理するために定めます。" in public
    assert "掲示事項の更新日：" in public


def test_line_breaks_typed_in_a_browser_are_stored_as_one(setup, client):
    client.force_login(setup.boss)
    client.post(URL, _form(setup.agency, client, operating_rules="第1条\r\n第2条\r\n"))
    assert _fresh(setup.agency).operating_rules == "第1条\n第2条"


def test_a_save_that_changes_nothing_keeps_the_last_change(setup, client):
    client.force_login(setup.boss)
    client.post(URL, _form(setup.agency, client))
    first = _fresh(setup.agency).disclosures_updated_at
    resp = client.post(URL, _form(setup.agency, client), follow=True)
    assert "変更はありませんでした。" in resp.content.decode()
    assert _fresh(setup.agency).disclosures_updated_at == first


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"operating_rules": "  "}, "operating_rules", "業務運営規程を入力してください。"),
        ({"privacy_policy": ""}, "privacy_policy", "個人情報適正管理規程を入力してください。"),
        ({"fee_table": ""}, "fee_table", "手数料表を入力してください。"),
        (
            {"operating_rules": "第1条<script>alert(1)</script>"},
            "operating_rules",
            "HTMLタグやスクリプトは入力できません。",
        ),
        ({"privacy_policy": "あ" * 20_001}, "privacy_policy", "個人情報適正管理規程は20,000文字以内"),
        (
            {"fee_rate_percent": "三十"},
            "fee_rate_percent",
            "手数料率は数字で入力してください（例：30、33.5）。",
        ),
        (
            {"fee_rate_percent": "0"},
            "fee_rate_percent",
            "手数料率は0より大きく100以下の数で入力してください。",
        ),
        (
            {"fee_rate_percent": "100.5"},
            "fee_rate_percent",
            "手数料率は0より大きく100以下の数で入力してください。",
        ),
        ({"fee_rate_percent": "30.125"}, "fee_rate_percent", "手数料率は小数第2位までで入力してください。"),
        (
            {"fee_system": FeeSystem.CAPPED, "fee_rate_percent": "30"},
            "fee_rate_percent",
            "上限制手数料では手数料率を入力しません（上限は法令で、雇用期間（6か月まで）の賃金の11.0%（消費税込み）です）。",
        ),
        ({"fee_system": "free"}, "fee_system", "手数料の種類を選んでください。"),
    ],
)
def test_a_refused_change_is_said_beside_its_field_and_changes_nothing(setup, client, over, field, message):
    client.force_login(setup.boss)
    before = _fresh(setup.agency)
    typed = _form(setup.agency, client, refund_policy="変えたつもりの返戻金", **over)
    resp = client.post(URL, typed)
    assert resp.status_code == 422
    page = resp.content.decode()
    if field == "fee_system":  # radios: the group's fieldset points at the message and takes the focus
        group = page.split('id="field-fee_system"', 1)[1].split('id="field-', 1)[0]
        assert 'aria-describedby="id_fee_system_error"' in group and message in group
    else:
        assert message in error_beside(page, field)
    assert focused(page, field)
    assert "変えたつもりの返戻金" in page  # what was typed stays, to be fixed
    after = _fresh(setup.agency)
    assert (after.refund_policy, after.operating_rules, after.fee_rate_percent, after.fee_system) == (
        before.refund_policy,
        before.operating_rules,
        before.fee_rate_percent,
        before.fee_system,
    )
    assert after.disclosures_updated_at is None


def test_a_rate_is_read_as_people_type_it_and_a_capped_agency_clears_it(setup, client):
    client.force_login(setup.boss)
    client.post(URL, _form(setup.agency, client, fee_rate_percent="３５％"))
    assert _fresh(setup.agency).fee_rate_percent == Decimal("35")
    client.post(URL, _form(setup.agency, client, fee_system=FeeSystem.CAPPED, fee_rate_percent=""))
    agency = _fresh(setup.agency)
    assert agency.fee_system == FeeSystem.CAPPED and agency.fee_rate_percent is None
    page = client.get(URL).content.decode()
    assert "上限制手数料：雇用期間の賃金（6か月を超える雇用・期間の定めなしは就職後6か月分。" in page


def test_a_stale_tab_does_not_put_back_what_another_responsible_person_changed(
    setup, client, django_user_model
):
    """Two 責任者 open the page; the second to save is told who changed what meanwhile and keeps their typing;
    saving again, knowing it, overwrites."""
    from bonavi.agents.models import Staff

    other = django_user_model.objects.create_user(
        email="boss2@minato-career.example",
        password="pw-Long-enough-1",
        role="agent",
        organization=setup.agency.organization,
        display_name="山本責任者",
    )
    Staff.objects.create(
        user=other,
        agency=setup.agency,
        office=setup.office,
        is_career_adviser=False,
        is_responsible=True,
        responsible_training_on=setup.boss.agency_staff.responsible_training_on,
    )
    client.force_login(setup.boss)
    mine = _form(setup.agency, client, refund_policy="高橋の返戻金")
    client.force_login(other)
    assert client.post(URL, _form(setup.agency, client, refund_policy="山本の返戻金")).status_code == 302
    client.force_login(setup.boss)
    resp = client.post(URL, mine)
    assert resp.status_code == 422
    page = resp.content.decode()
    assert (
        "このページを開いた後に、掲示事項が変更されました（最終更新：" in page and "山本責任者さん）" in page
    )
    assert "保存していません。" in page
    assert "高橋の返戻金" in page
    assert _fresh(setup.agency).refund_policy == "山本の返戻金"
    again = resp.context["form"]
    assert again["loaded"].value() == resp.context["form"].data["loaded"] != mine["loaded"]
    resp = client.post(URL, {**mine, "loaded": again["loaded"].value()})
    assert resp.status_code == 302 and _fresh(setup.agency).refund_policy == "高橋の返戻金"


def test_a_change_made_in_the_admin_meanwhile_is_not_overwritten_unawares(setup, client):
    client.force_login(setup.boss)
    mine = _form(setup.agency, client, refund_policy="高橋の返戻金")
    Agency.objects.filter(pk=setup.agency.pk).update(occupations_scope="運営が直した取扱職種")
    resp = client.post(URL, mine)
    assert (
        resp.status_code == 422
        and "このページを開いた後に、掲示事項が変更されました。" in resp.content.decode()
    )
    assert _fresh(setup.agency).occupations_scope == "運営が直した取扱職種"


# Who may --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["ca", "ra"])
def test_other_staff_of_the_agency_may_not_read_or_change_the_page(setup, client, who):
    client.force_login(setup.boss)
    typed = _form(setup.agency, client, refund_policy="書き換え")
    client.force_login(getattr(setup, who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, typed).status_code == 403
    assert _fresh(setup.agency).refund_policy != "書き換え"
    assert 'href="/agent/agency/"' not in client.get("/agent/").content.decode()


def test_seekers_employers_and_visitors_may_not_either(setup, client, seeker, employer):
    for user in (seeker, employer):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"refund_policy": "x"}).status_code == 403
    client.logout()
    resp = client.post(URL, {"refund_policy": "x"})
    assert resp.status_code == 302 and resp.url.startswith("/accounts/login/")
    assert _fresh(setup.agency).refund_policy != "x"


def test_another_agencys_responsible_person_changes_only_their_own(setup, client):
    other = make_agency(slug="kita-career", name="株式会社きたキャリア")
    client.force_login(other.boss)
    resp = client.post(URL, _form(other.agency, client, refund_policy="きたの返戻金"))
    assert resp.status_code == 302
    assert _fresh(other.agency).refund_policy == "きたの返戻金"
    assert _fresh(setup.agency).refund_policy != "きたの返戻金"
    assert _fresh(setup.agency).operating_rules == ""
    assert setup.agency.name not in client.get(URL).content.decode()


def test_the_workbench_reminds_only_the_responsible_person_of_missing_rules(setup, client):
    client.force_login(setup.boss)
    home = client.get("/agent/").content.decode()
    assert 'id="rules-missing"' in home and 'href="/agent/agency/"' in home
    client.force_login(setup.ca)
    assert 'id="rules-missing"' not in client.get("/agent/").content.decode()
    Agency.objects.filter(pk=setup.agency.pk).update(operating_rules=RULES, privacy_policy=PRIVACY)
    client.force_login(setup.boss)
    assert 'id="rules-missing"' not in client.get("/agent/").content.decode()


def test_a_new_rate_is_the_one_the_next_placement_is_checked_against(setup, client):
    from bonavi.agents.fees import Term, fee_rule

    client.force_login(setup.boss)
    client.post(URL, _form(setup.agency, client, fee_rate_percent="25"))
    assert fee_rule(_fresh(setup.agency)).limit(4_000_000, Term(True)) == 1_000_000


# The demo -------------------------------------------------------------------------------------------------------


def test_the_demo_agency_gets_its_rules_once_and_keeps_what_was_written_since(db):
    call_command("agents_demo", stdout=StringIO())
    agency = Agency.objects.get(slug="bonavi-career")
    assert agency.operating_rules == demo.OPERATING_RULES and agency.privacy_policy == demo.PRIVACY_RULES
    assert "求職者から手数料をいただきません" in agency.operating_rules
    Agency.objects.filter(pk=agency.pk).update(operating_rules="責任者が書き直した規程", privacy_policy="")
    out = StringIO()
    call_command("agents_demo", stdout=out)
    agency.refresh_from_db()
    assert agency.operating_rules == "責任者が書き直した規程" and agency.privacy_policy == demo.PRIVACY_RULES
    # It says what it filled in this run — the 個人情報適正管理規程 only — not both 規程.
    said = [line for line in out.getvalue().splitlines() if "公開ページに掲載しました" in line]
    assert said == [
        "職業紹介のデモ：個人情報適正管理規程を公開ページに掲載しました（/agent/agency/ で変更できます）。"
    ]
    Agency.objects.filter(pk=agency.pk).update(strengths="")
    out = StringIO()
    call_command("agents_demo", stdout=out)
    assert "職業紹介のデモ：特色・強みを公開ページに掲載しました" in out.getvalue()
    assert "規程を公開ページに掲載しました" not in out.getvalue()
