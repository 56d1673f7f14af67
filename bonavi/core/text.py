"""Japanese text normalisation shared by search, compliance and forms."""

from __future__ import annotations

import re
import unicodedata

_KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(ord("ァ"), ord("ヶ") + 1)}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def nfkc(text: str) -> str:
    """NFKC: full-width ASCII to half-width, half-width katakana to full-width, compatibility forms folded."""
    return unicodedata.normalize("NFKC", text)


def to_hiragana(text: str) -> str:
    return text.translate(_KATA_TO_HIRA)


def strip_control(text: str) -> str:
    """Remove control characters that have no business in user text (keeps tab, newline, carriage return)."""
    return _CONTROL.sub("", text)


def fold(text: str) -> str:
    """The comparison form: NFKC, lower case, katakana folded to hiragana."""
    return to_hiragana(nfkc(text).lower())


def nfkc_with_offsets(text: str) -> tuple[str, list[tuple[int, int]]]:
    """NFKC-normalise `text` and say, for each output character, which span of the input it came from.

    Lets a caller analyse normalised text but show the person's own characters (e.g. highlight 経理 inside
    「経理アシスタント（未経験歓迎）」 without turning its full-width brackets into half-width ones). Characters are
    normalised one by one; a voiced-sound mark left over from half-width kana (ｶﾞ) is composed into the kana before
    it, as whole-string NFKC does.
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        for n in unicodedata.normalize("NFKC", ch):
            if out and unicodedata.combining(n):
                composed = unicodedata.normalize("NFC", out[-1] + n)
                if len(composed) == 1:
                    out[-1] = composed
                    spans[-1] = (spans[-1][0], i + 1)
                    continue
            out.append(n)
            spans.append((i, i + 1))
    return "".join(out), spans
