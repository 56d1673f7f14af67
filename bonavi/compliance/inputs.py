"""Turning what people hand us (files, pasted text, HTML) into checkable text, or a clear Japanese refusal.

Hostile or odd input is the normal case here: an empty file, an image saved as .txt, a 1 MB log, a Shift_JIS
file from an old Windows PC, an ad copied as HTML. Each gets a message that names the problem.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from bonavi.core.text import unix_breaks

MAX_TEXT_CHARS = 20_000  # a long ad is 3,000–5,000 characters
MAX_FILE_BYTES = 200 * 1024


class InputRejected(ValueError):
    """The input cannot be checked; the message says why, in Japanese."""


@dataclass
class Decoded:
    text: str
    notices: list[str] = field(default_factory=list)


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDFファイル"),
    (b"PK\x03\x04", "ZIP形式のファイル（Word・Excel・圧縮ファイルなど）"),
    (b"\xd0\xcf\x11\xe0", "古い形式のWord・Excelファイル"),
    (b"\x89PNG", "PNG画像"),
    (b"\xff\xd8\xff", "JPEG画像"),
    (b"GIF8", "GIF画像"),
    (b"{\\rtf", "リッチテキスト（RTF）ファイル"),
    (b"\x7fELF", "実行ファイル"),
    (b"MZ", "実行ファイル"),
)
_ENCODING_NAMES = {"utf-8": "UTF-8", "cp932": "Shift_JIS（CP932）", "euc_jp": "EUC-JP", "iso2022_jp": "JIS（ISO-2022-JP）",
                   "utf-16": "UTF-16"}  # fmt: skip
_JAPANESE = re.compile(r"[\u3041-\u309f\u30a1-\u30fa\u4e00-\u9fff、。「」（）：]")
_HALFWIDTH_KANA = re.compile(r"[\uff61-\uff9f]")


def _score(text: str) -> float:
    """How much a decoding looks like Japanese prose (mis-decoded text is full of half-width kana and symbols)."""
    if not text:
        return 0.0
    jp = len(_JAPANESE.findall(text))
    bad = len(_HALFWIDTH_KANA.findall(text)) * 2 + text.count("\ufffd") * 5
    return (jp - bad) / len(text)


def decode_bytes(data: bytes, *, limit: int = MAX_FILE_BYTES, as_json: bool = False) -> Decoded:
    """Bytes of a text file → text, naming the encoding when it is not UTF-8. Raises InputRejected.

    as_json=True for a JSON import file: its strings may hold markup ("<br>") that must not be turned into text
    before parsing, and it may hold many postings, so the one-ad character limit does not apply to the file."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise InputRejected("ファイルが空です。求人原稿の文章を保存したファイルを指定してください。")
    if len(data) > limit:
        raise InputRejected(
            f"ファイルが大きすぎます（{len(data):,}バイト）。求人原稿1件は{limit // 1024}KBまでにしてください。"
            "複数の求人をまとめたファイルは1件ずつに分けてください。"
        )
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise InputRejected(
                f"{name}は読み込めません。求人原稿をテキスト（.txt）かJSON（.json）で保存してください。"
            )
    notices: list[str] = []
    text: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="strict") if _utf8_ok(data[3:]) else None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
            notices.append("文字コードをUTF-16と判定して読み込みました。")
        except UnicodeDecodeError:
            text = None
    if text is None and b"\x00" in data[:8192]:
        raise InputRejected(
            "テキストではないファイル（画像や表計算ファイルなど）のようです。求人原稿をテキスト（.txt）で保存してください。"
        )
    if text is None and _utf8_ok(data):
        text = data.decode("utf-8")
    if text is None:
        candidates = []
        encodings = ["iso2022_jp"] if b"\x1b$" in data else ["cp932", "euc_jp"]
        for enc in encodings:
            try:
                decoded = data.decode(enc)
            except UnicodeDecodeError:
                continue
            candidates.append((_score(decoded), enc, decoded))
        if not candidates:
            raise InputRejected(
                "文字コードを判別できませんでした（UTF-8・Shift_JIS・EUC-JPのいずれでも読めません）。"
                "UTF-8で保存し直してください。"
            )
        score, enc, text = max(candidates)
        if score <= 0:
            raise InputRejected(
                "テキストとして読めないファイルです。求人原稿をUTF-8のテキストで保存してください。"
            )
        notices.append(f"文字コードを{_ENCODING_NAMES[enc]}と判定して読み込みました。")
    if as_json:
        return Decoded(text=_CONTROL.sub("", text), notices=notices)
    return clean_text(text, notices=notices)


def _utf8_ok(data: bytes) -> bool:
    try:
        data.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        return False
    return True


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML_HINT = re.compile(r"<\s*(?:html|body|div|p|br|span|table|tr|td|li|ul|ol|h[1-6]|section|article|dl|dt|dd|strong|b|font|meta|"
                        r"head|title|script|style|!doctype)\b[^>]*>", re.IGNORECASE)  # fmt: skip


def clean_text(text: str, *, notices: list[str] | None = None, limit: int = MAX_TEXT_CHARS) -> Decoded:
    """Pasted or decoded text → checkable text: HTML reduced to its text, control characters removed, size capped."""
    notes = list(notices or [])
    if len(_HTML_HINT.findall(text[:50_000])) >= 1:
        text = html_to_text(text)
        notes.append("HTMLとして読み取り、タグを除いた文章をチェックしました。")
    controls = len(_CONTROL.findall(text))
    if controls > max(10, len(text) // 50):
        raise InputRejected(
            "制御文字が多く、テキストとして読めません。バイナリファイルではないか確認してください。"
        )
    text = unix_breaks(_CONTROL.sub("", text))
    if not text.strip():
        raise InputRejected("チェックする文章がありません。求人原稿を貼り付けてください。")
    if len(text) > limit:
        raise InputRejected(
            f"文章が長すぎます（{len(text):,}文字）。求人原稿1件は{limit:,}文字までにしてください。"
        )
    return Decoded(text=text, notices=notes)


class _TextExtractor(HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "section", "article",
              "table", "ul", "ol", "dl", "header", "footer", "blockquote", "pre", "hr"}  # fmt: skip
    _SKIP = {"script", "style", "head", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("：" if tag == "td" else "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()
