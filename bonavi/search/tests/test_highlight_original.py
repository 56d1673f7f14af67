"""Highlights mark the person's own characters: the title is shown as posted, not in normalised form."""

import pytest
from django.test import Client

from bonavi.jobs.tests.factories import make_posting


@pytest.mark.django_db
def test_highlighted_title_keeps_full_width_brackets(client: Client, employer) -> None:
    make_posting(employer.organization, title="経理アシスタント（未経験歓迎）ｴｸｾﾙ使用")
    html = client.get("/search/", {"q": "経理 エクセル"}).content.decode()
    assert "<mark>経理</mark>アシスタント（未経験歓迎）<mark>ｴｸｾﾙ</mark>使用" in html
