"""Checks on the free text people paste into the experience translator (web form, API and CLI alike)."""

from __future__ import annotations

import re
from typing import Any, Final

MAX_CHARS: Final = 10_000
MIN_JAPANESE_CHARS: Final = 5
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f]")
_JAPANESE = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f\u4e00-\u9fff\u3400-\u4dbf々〆ヶ]")
_LETTER = re.compile(r"\w")


class TextRejected(ValueError):
    """The text cannot be analysed; `message` is the Japanese explanation shown to the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_text(text: Any) -> str:
    """Return the text unchanged when it is usable, else raise TextRejected naming the problem."""
    if text is None:
        raise TextRejected("文章が空です。アルバイトやサークル、前職などで取り組んだことを書いてください。")
    if not isinstance(text, str):
        raise TextRejected("文章を文字列で送ってください。")
    if "\x00" in text or len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise TextRejected(
            "文章ではないデータ（バイナリ）のようです。経験を書いた文章をそのまま貼り付けてください。"
        )
    if not text.strip():
        raise TextRejected("文章が空です。アルバイトやサークル、前職などで取り組んだことを書いてください。")
    if len(text) > MAX_CHARS:
        raise TextRejected(
            f"文章が長すぎます（{len(text):,}文字）。{MAX_CHARS:,}文字以内に分けて入力してください。"
        )
    japanese = len(_JAPANESE.findall(text))
    letters = len(_LETTER.findall(text))
    if japanese < MIN_JAPANESE_CHARS or not _KANA.search(text) or japanese < 0.3 * letters:
        raise TextRejected(
            "日本語の文章が見つかりません。この機能は日本語で書かれた経験の文章を読み取ります。"
        )
    return text


def decode_file(data: bytes) -> str:
    """Bytes from a file (CLI): UTF-8 text only; anything else is reported as such."""
    if b"\x00" in data:
        raise TextRejected(
            "文章ではないデータ（バイナリ）のようです。UTF-8のテキストファイルを指定してください。"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextRejected(
            "UTF-8の文章として読めません。UTF-8で保存したテキストファイルを指定してください。"
        ) from exc
