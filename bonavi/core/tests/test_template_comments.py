"""A `{# #}` comment ends on its line: Django leaves a `{#` whose `#}` is on a later line as text, and the page
showed the comment to its reader (「{# Only an accepted proposal can be sent: … #}」 on the adviser's page). A
comment over several lines is written {% comment %} … {% endcomment %}. A static check of every template: cheap,
and it needs no page that happens to reach the line."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

OPEN = re.compile(r"\{#")


def _template_files() -> list[Path]:
    roots = [Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])]
    roots += [p for p in (Path(settings.BASE_DIR) / "bonavi").glob("*/templates")]
    return sorted(f for root in roots for f in root.rglob("*") if f.suffix in {".html", ".txt", ".xml"})


def unclosed_comments(text: str) -> list[int]:
    """The line numbers (from 1) with a `{#` that is not closed by a `#}` later on the same line."""
    bad = []
    for n, line in enumerate(text.splitlines(), start=1):
        for m in OPEN.finditer(line):
            if "#}" not in line[m.end() :]:
                bad.append(n)
                break
    return bad


def test_the_check_finds_a_comment_over_two_lines():
    assert unclosed_comments("<p>a</p>\n{# why\n   more #}\n{# fine #} {# fine too #}") == [2]
    assert unclosed_comments("{# a #} {# b") == [1]


def test_no_template_has_a_comment_over_several_lines():
    files = _template_files()
    assert len(files) > 50  # the templates were found
    found = [
        f"{f.relative_to(settings.BASE_DIR)}:{n}"
        for f in files
        for n in unclosed_comments(f.read_text(encoding="utf-8"))
    ]
    assert found == [], "「{# … #}」は1行で閉じてください（複数行は {% comment %}）：" + "、".join(found)
