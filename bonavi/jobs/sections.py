"""Extra parts of a posting's detail page and of the public company page that later apps add (e.g. the events
app's 「この求人の企業説明会」).

jobs must never import a later app, so a later app registers a function here from its AppConfig.ready(); it gets
the posting and the request's user and returns (template name, context) or None when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Section = tuple[str, dict[str, Any]]
SectionFn = Callable[[Any, Any], Section | None]

_SECTIONS: list[SectionFn] = []


def register_detail_section(fn: SectionFn) -> SectionFn:
    if fn not in _SECTIONS:
        _SECTIONS.append(fn)
    return fn


def detail_sections(posting: Any, user: Any) -> list[Section]:
    return [section for fn in _SECTIONS if (section := fn(posting, user)) is not None]


# The public company page (/companies/<id>/) the same way: a later app adds a part (the events app's upcoming
# 企業説明会) with a function of the organisation and the user; jobs never imports it (ADR 0089).
CompanySectionFn = Callable[[Any, Any], Section | None]

_COMPANY_SECTIONS: list[CompanySectionFn] = []


def register_company_section(fn: CompanySectionFn) -> CompanySectionFn:
    if fn not in _COMPANY_SECTIONS:
        _COMPANY_SECTIONS.append(fn)
    return fn


def company_sections(organization: Any, user: Any) -> list[Section]:
    return [section for fn in _COMPANY_SECTIONS if (section := fn(organization, user)) is not None]
