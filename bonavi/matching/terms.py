"""Content words of Japanese text for the classifier's lexical evidence.

Sudachi mode C keeps compounds whole (給与計算, 社会保険労務士); their mode-A parts are added too so that a
profile saying 給与計算 still meets a query saying 給与 (the search notes in ARCHITECTURE.md show why both are
needed). Normalised forms fold spelling variants (受付/受け付け). Only nouns, verbs, adjectives and prefixes
carry meaning here; particles and formal nouns would make every occupation look alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from bonavi.core import sudachi

_KEEP_POS = frozenset({"名詞", "動詞", "形容詞", "接頭辞"})
_SKIP_SUBPOS = frozenset({"数詞", "非自立可能"})
_STOP = frozenset(
    [
        "する",
        "ある",
        "いる",
        "なる",
        "行う",
        "行なう",
        "こと",
        "もの",
        "ため",
        "等",
        "など",
        "よう",
        "的",
        "場合",
        "者",
        "その他",
        "他",
        "おく",
        "れる",
        "られる",
        "できる",
        "際",
        "上",
        "中",
        "又",
        "及び",
        "並び",
        "各種",
        "様々",
        "一",
        "二",
        "三",
        "仕事",
    ]
)
_SPACE = re.compile(r"\s+")


def _tokenizer() -> Any:
    # Per thread: the warm-up thread and the request threads classify at the same time (core/sudachi.py).
    return sudachi.tokenizer("C")


def _modes() -> tuple[Any, Any]:
    from sudachipy import tokenizer

    return tokenizer.Tokenizer.SplitMode.A, tokenizer.Tokenizer.SplitMode.C


def _keep(morpheme: Any) -> str | None:
    pos = morpheme.part_of_speech()
    if pos[0] not in _KEEP_POS or pos[1] in _SKIP_SUBPOS:
        return None
    norm = str(morpheme.normalized_form())
    if norm in _STOP or not norm.strip():
        return None
    return norm


def bigrams(text: str) -> list[str]:
    """Character bigrams of the NFKC text without spaces (the baseline's units, and a re-ranker feature)."""
    t = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    return [t[i : i + 2] for i in range(len(t) - 1)]


def _tokens(text: str, *, parts: bool = True) -> Iterator[tuple[str, str, bool]]:
    """(normalised term, surface as written, whether it is a whole word) of the text's content words: each mode C
    unit, then (with `parts`) its mode-A parts — the one tokenising loop the three readers below share."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFKC", text or "")).strip()
    if not text:
        return
    mode_a, mode_c = _modes()
    for morpheme in _tokenizer().tokenize(text[:20_000], mode_c):
        term = _keep(morpheme)
        if term is None:
            continue
        yield term, str(morpheme.surface()), True
        if parts and len(morpheme.surface()) > 2:
            for part in morpheme.split(mode_a):
                sub = _keep(part)
                if sub and sub != term:
                    yield sub, str(part.surface()), False


def content_terms(text: str) -> list[str]:
    """Normalised content words of `text`, mode C units followed by their mode-A parts."""
    return [term for term, _, _ in _tokens(text)]


def terms_with_surface(text: str) -> list[tuple[str, str]]:
    """(normalised term, surface as written) pairs, for quoting the words that drove a result."""
    return [(term, surface) for term, surface, _ in _tokens(text)]


def words_as_written(text: str) -> dict[str, str]:
    """Normalised form → surface as first written, of the text's whole words (mode C units) only.

    An explanation quotes these: the mode-A parts that `content_terms` adds for recall (ソフト of 会計ソフト) are
    not words the person or the employer wrote, and a normalised form (仕分け) is not the spelling they used (仕訳).
    """
    out: dict[str, str] = {}
    for term, surface, _ in _tokens(text, parts=False):
        if len(term) >= 2:
            out.setdefault(term, surface)
    return out
