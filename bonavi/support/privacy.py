"""Lines later apps add to the privacy page (/privacy/): whom they give personal data to (§4) and how long it is
kept (§5). support must not import a later app (e.g. events, whose 企業説明会 give the organiser a registrant's
name and address), so such an app registers its lines here from its AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrivacyLines:
    provision: str  # a bullet of §4 第三者への提供: when, to whom, what
    retention: str  # a bullet of §5 保存期間と削除


_LINES: list[PrivacyLines] = []


def register_privacy_lines(lines: PrivacyLines) -> PrivacyLines:
    if lines not in _LINES:
        _LINES.append(lines)
    return lines


def privacy_lines() -> list[PrivacyLines]:
    return list(_LINES)
