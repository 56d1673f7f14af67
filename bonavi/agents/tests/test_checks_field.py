"""The hearing sheet and the seeker's profile draw their checkbox lists with one include
(templates/includes/checks_field.html): the 47 prefectures folded, open when refused, named as a group."""

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
    hearing = client.post(f"/agent/candidates/{candidate.pk}/", {"desired_prefectures": ["99"]})
    assert "includes/checks_field.html" in [t.name for t in hearing.templates]
    client.force_login(seeker)
    profile = client.post("/me/profile/", {**PROFILE, **_FORMSETS, "desired_prefectures": ["99"]})
    assert "includes/checks_field.html" in [t.name for t in profile.templates]

    mine, theirs = (
        _block(profile.content.decode(), "desired_prefectures"),
        _block(hearing.content.decode(), "desired_prefectures"),
    )
    # refused: both open the folded list, name the group and say why beside it
    for block in (mine, theirs):
        assert "<details open>" in block
        assert 'role="group" aria-labelledby="id_desired_prefectures_summary"' in block
        assert 'id="id_desired_prefectures_error"' in block
    assert _shape(mine) == _shape(theirs)
    assert _shape(_block(profile.content.decode(), "desired_employment_types")) == _shape(
        _block(hearing.content.decode(), "employment_types")
    ).replace("employment_types", "desired_employment_types")
