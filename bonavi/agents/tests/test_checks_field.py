"""The hearing sheet and the seeker's profile draw their checkbox lists with one include
(templates/includes/checks_field.html): the 47 prefectures by region as on the search page
(includes/prefecture_regions.html), a ticked box's region open, the group named and pointing at its reason."""

from __future__ import annotations

import re

from bonavi.seekers.tests.conftest import PROFILE

_FORMSETS = {
    "history-TOTAL_FORMS": "0",
    "history-INITIAL_FORMS": "0",
    "qual-TOTAL_FORMS": "0",
    "qual-INITIAL_FORMS": "0",
}


def _block(html: str, name: str) -> str:
    start = html.index(f'id="field-{name}"')
    return html[start : html.index('<div class="field', start)]


def _shape(block: str) -> str:
    """The markup without the label words and choices: what the include decides."""
    block = re.sub(r'<div id="id_\w+">.*</div>\s*</div>', "", block, flags=re.S)  # the widget
    return re.sub(r">[^<]*<", "><", block).strip()


def test_hearing_and_profile_share_the_checkbox_markup(setup, seeker, client) -> None:
    from bonavi.agents.tests.factories import register

    candidate = register(setup, seeker)
    client.force_login(setup.ca)
    hearing = client.post(f"/agent/candidates/{candidate.pk}/", {"desired_prefectures": ["13", "99"]})
    assert "includes/checks_field.html" in [t.name for t in hearing.templates]
    client.force_login(seeker)
    profile = client.post("/me/profile/", {**PROFILE, **_FORMSETS, "desired_prefectures": ["13", "99"]})
    assert "includes/checks_field.html" in [t.name for t in profile.templates]

    mine, theirs = (
        _block(profile.content.decode(), "desired_prefectures"),
        _block(hearing.content.decode(), "desired_prefectures"),
    )
    # refused: the group (its legend the field's label) points at the reason said beside it, and the box ticked
    # before keeps its tick, its region open
    for block in (mine, theirs):
        assert "includes/prefecture_regions.html" in [
            t.name for t in (hearing if block is theirs else profile).templates
        ]
        assert '<fieldset class="inner regions" aria-describedby="id_desired_prefectures_error"' in block
        assert 'id="id_desired_prefectures_error"' in block
        assert re.search(
            r'<details class="region" open>\s*<summary>関東<span class="ticked">（1件選択中）</span>', block
        )
        assert '<input type="checkbox" name="desired_prefectures" value="13" checked>' in block
        assert block.count('type="checkbox"') == 47 and block.count('<details class="region" open>') == 1
    assert _shape(mine) == _shape(theirs)
    assert _shape(_block(profile.content.decode(), "desired_employment_types")) == _shape(
        _block(hearing.content.decode(), "employment_types")
    ).replace("employment_types", "desired_employment_types")


def test_the_profile_lays_prefectures_out_as_the_search_page_does(seeker, client) -> None:
    """One markup for one choice: the profile's 47 prefectures and /search/'s, apart from the boxes' name."""
    client.force_login(seeker)
    search = client.get("/search/?pref=13").content.decode()
    profile = client.post("/me/profile/", {**PROFILE, **_FORMSETS, "desired_prefectures": ["13", "99"]})

    def regions(html: str) -> str:
        start = html.index('<fieldset class="inner regions"')
        block = html[start : html.index("</fieldset>", start)]
        return re.sub(r' aria-describedby="[^"]*"| tabindex="-1" autofocus|<legend>[^<]*</legend>', "", block)

    assert regions(profile.content.decode()).replace('name="desired_prefectures"', 'name="pref"') == regions(
        search
    )
