"""Japanese text normalisation shared by search, compliance and forms."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(ord("ァ"), ord("ヶ") + 1)}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def nfkc(text: str) -> str:
    """NFKC: full-width ASCII to half-width, half-width katakana to full-width, compatibility forms folded."""
    return unicodedata.normalize("NFKC", text)


_DASHES = str.maketrans({"ー": "-", "−": "-", "‐": "-", "―": "-", "〒": None})


def fold_number(text: str) -> str:
    """A phone number or 郵便番号 as typed with the IME on (０９０ー１２３４…, 〒１５０ー０００１): half-width digits,
    the dashes people type as "-", no 〒 mark. Validation is the caller's."""
    return nfkc(text).translate(_DASHES).strip()


def to_hiragana(text: str) -> str:
    return text.translate(_KATA_TO_HIRA)


def strip_control(text: str) -> str:
    """Remove control characters that have no business in user text (keeps tab, newline, carriage return)."""
    return _CONTROL.sub("", text)


# Control characters that str.split() does not count as whitespace: dropped rather than turned into a space.
_CONTROL_NOT_SPACE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")


def unix_breaks(text: str) -> str:
    """Every line break as LF: a browser's form sends CR LF, an old Mac file CR. Counted, stored and checked as the
    person reads it (1,000 characters are 1,000 whatever her browser sent)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def one_line(text: str) -> str:
    """Text that must stay on one line (a name, a mail subject): every run of whitespace, whatever it is (CR, LF,
    NEL, U+2028/2029, tab, vertical tab, form feed, repeated or full-width spaces), becomes one space, the other
    control characters go, and the ends are trimmed. A line break reaching a mail header would be a header
    injection, and Django refuses to build such a message at all (it blocked the outbox); a name is shown on one
    line everywhere, mail subjects included."""
    return " ".join(_CONTROL_NOT_SPACE.sub("", text).split())


# A half-width katakana with its voiced marks (ｶﾞ, ﾊﾟ): one unit that widens to one character (ガ, パ).
_HALF_KANA_UNIT: Final = re.compile(r"[\uff61-\uff9f][\uff9e\uff9f]*")


def widen_kana(text: str) -> str:
    """Half-width katakana (ﾔﾏﾀﾞ, from old systems and some phone keyboards) as full-width (ヤマダ), voiced marks
    joined; everything else as typed. Narrower than NFKC on purpose: a name keeps its full-width letters and
    symbols (㈱, Ａ) as the person wrote them."""
    return _HALF_KANA_UNIT.sub(lambda m: nfkc(m.group()), text)


def widen_with_offsets(text: str) -> tuple[str, list[int]]:
    """`text` with half-width katakana widened (as widen_kana does), and for each position of the
    widened text, plus its end, the position in `text` where it came from. 「ﾚｼﾞ」 is three characters and
    「レジ」 two, so an offset into the widened text is not one into the text as sent."""
    out: list[str] = []
    origin: list[int] = []
    last = 0
    for m in _HALF_KANA_UNIT.finditer(text):
        out.append(text[last : m.start()])
        origin.extend(range(last, m.start()))
        wide = unicodedata.normalize("NFKC", m.group())
        out.append(wide)
        origin.extend([m.start()] * len(wide))
        last = m.end()
    out.append(text[last:])
    origin.extend(range(last, len(text) + 1))
    return "".join(out), origin


def fold(text: str) -> str:
    """The comparison form: NFKC, lower case, katakana folded to hiragana."""
    return to_hiragana(nfkc(text).lower())


def too_long(label: str, limit: int, *, given: int | str | None = None) -> str:
    """The refusal of a text over its limit, the same words everywhere: 「推薦文は4,000文字以内で入力してください。」,
    with 「（入力は4,001文字）」 when the length given is known (or Django's "%(show_value)s" in a form's
    max_length message)."""
    typed = (
        ""
        if given is None
        else f"（入力は{given:,}文字）"
        if isinstance(given, int)
        else f"（入力は{given}文字）"
    )
    return f"{label}は{limit:,}文字以内で入力してください{typed}。"
