"""The demo walk's posting (session 17) in the employer's preview: 「明るく元気な若手の方」 in 求める人物像, 「20代の若手が
中心」 in 仕事の魅力 and 試用期間あり with no 「試用期間中の条件」 each get a warning linked to its field, and the posting can
still be published (ADR 0138: all three warn, none blocks)."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.jobs.models import PostingStatus
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def _warnings(page: str) -> list[tuple[str, str]]:
    box = page.split('id="findings-warnings"', 1)[1].split("</div>", 1)[0]
    return [
        (html_lib.unescape(href), html_lib.unescape(text))
        for href, text in re.findall(r'<li><a href="([^"]*)">([^<]*)</a>', box)
    ]


def test_the_walks_posting_warns_beside_each_field_and_still_publishes(
    client: Client, employer: User
) -> None:
    posting = make_posting(
        employer.organization,
        status=PostingStatus.DRAFT,
        appeal="女性活躍中の職場です！20代の若手が中心で、先輩が丁寧に教えます。",
        ideal_candidate="明るく元気な若手の方、女性が活躍できる環境を求める方",
        has_probation=True,
        probation_months=3,
        probation_conditions="",
    )
    client.force_login(employer)
    page = client.get(reverse("jobs:employer_preview", args=[posting.pk])).content.decode()
    edit = reverse("jobs:employer_edit", args=[posting.pk])
    assert _warnings(page) == [
        (f"{edit}#id_probation_conditions", "試用期間"),
        (f"{edit}#id_appeal", "年齢（仕事の魅力・職場の様子）"),
        (f"{edit}#id_ideal_candidate", "年齢（求める人物像）"),
    ]
    box = html_lib.unescape(page.split('id="findings-warnings"', 1)[1].split("</div>", 1)[0])
    assert "「20代の若手が中心」" in box and "「年齢を問わず活躍できる職場です」" in box
    assert "「若手の方」は求める人を年齢層で示しています" in box
    assert "試用期間中の条件（本採用と同条件か、異なる場合は賃金など）を書いてください。" in box
    # warnings, not refusals: 公開する is offered and publishing goes through
    assert 'id="findings-errors"' not in page and "公開する</button>" in page
    response = client.post(reverse("jobs:employer_publish", args=[posting.pk]))
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED
