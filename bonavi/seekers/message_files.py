"""The file a message may carry (ADR 0097): one PDF, JPEG or PNG of at most MAX_BYTES, judged by its content.

The name and the browser's Content-Type are the sender's claims and are not believed: a PDF must start with the PDF
signature and open in pypdf with at least one page; an image must open in Pillow as a JPEG or PNG. An image is then
re-encoded, which drops its EXIF (a phone photo of a 資格証 carries where it was taken) and anything appended after
the picture. The name is only ever shown and offered as the download's name, so it is reduced to a plain,
bounded file name with the extension of what the file really is.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from typing import Any, Final

from django.http import HttpResponse
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from bonavi.core.downloads import attachment, file_stem
from bonavi.core.images import ImageRefused, open_upright

MAX_BYTES: Final = 5 * 1024 * 1024
MAX_LABEL: Final = "5 MB"
NAME_MAX: Final = 80  # characters of the name before its extension
MAX_PIXELS: Final = 25_000_000  # refuses a decompression bomb before it is decoded
KINDS: Final = {"application/pdf": ("pdf", "PDF"), "image/jpeg": ("jpg", "JPEG"), "image/png": ("png", "PNG")}
ACCEPT: Final = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
WHAT: Final = "PDF・JPEG・PNG"
EMPTY: Final = "添付ファイルが空です。中身のあるファイルを選んでください。"


class AttachmentInvalid(ValueError):
    """The file is refused; the text says why, in Japanese."""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    data: bytes
    sha256: str


def size_label(size: int) -> str:
    """「850 KB」「1.2 MB」: as people read a file's size (1 KB = 1,024 bytes, as their computers show it)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def kind_label(content_type: str) -> str:
    return KINDS.get(content_type, ("", "ファイル"))[1]


def safe_name(raw: str, content_type: str) -> str:
    """A name safe to show and to offer as a download: the last path part only, made a plain file name by
    core.downloads.file_stem (no control or format characters — bidi overrides hide a real extension — nor unsafe
    punctuation), at most NAME_MAX characters, and the extension of the checked content ("請求書.pdf.exe" that is a
    PNG becomes "請求書.pdf.png")."""
    last = re.split(r"[\\/]", raw or "")[-1]
    name = file_stem(last, len(last))  # cleaned whole first, so its extension is read as it will show
    ext = KINDS[content_type][0]
    stem, dot, old_ext = name.rpartition(".")
    if dot and old_ext.lower() in {"pdf", "jpg", "jpeg", "png"}:
        name = stem
    name = file_stem(name, NAME_MAX) or "添付ファイル"
    return f"{name}.{ext}"


def check_file(name: str, data: bytes) -> CheckedFile:
    """The upload as it will be stored, or AttachmentInvalid saying what is wrong with it."""
    if not data:
        raise AttachmentInvalid(EMPTY)
    if len(data) > MAX_BYTES:
        raise AttachmentInvalid(too_large_message(len(data)))
    if data.startswith(b"%PDF-"):
        content_type, stored = "application/pdf", _checked_pdf(data)
    elif data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n"):
        content_type, stored = _checked_image(data)
    else:
        raise AttachmentInvalid(
            f"添付できるのは{WHAT}のファイルです。ファイルの中身がこれらの形式ではありません"
            "（名前の拡張子だけを変えたファイルは送れません）。"
        )
    return CheckedFile(
        name=safe_name(name, content_type),
        content_type=content_type,
        data=stored,
        sha256=hashlib.sha256(stored).hexdigest(),
    )


def too_large_message(size: int | None = None) -> str:
    given = f"（{size_label(size)}）" if size else ""
    return f"添付ファイルが大きすぎます{given}。{MAX_LABEL}までのファイルを選んでください。"


def _checked_pdf(data: bytes) -> bytes:
    broken = AttachmentInvalid("PDFとして開けないファイルです。壊れていないPDFを選んでください。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise AttachmentInvalid(
                    "パスワードで保護されたPDFは送れません。保護を外したPDFを選んでください。"
                )
            pages = len(reader.pages)
    except AttachmentInvalid:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        raise broken from None
    if pages < 1:
        raise broken
    return data


def _checked_image(data: bytes) -> tuple[str, bytes]:
    try:
        image, fmt = open_upright(
            data,
            formats=("JPEG", "PNG"),
            max_pixels=MAX_PIXELS,
            too_many_pixels="画像の画素数が多すぎます。2,500万画素以下の画像を選んでください。",
            unreadable="画像として開けないファイルです。壊れていないJPEG・PNGを選んでください。",
        )
    except ImageRefused as exc:
        raise AttachmentInvalid(str(exc)) from None
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, format="JPEG", quality=90)
        return "image/jpeg", out.getvalue()
    if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    image.save(out, format="PNG", optimize=True)
    return "image/png", out.getvalue()


def download(file: Any) -> HttpResponse:
    """A stored MessageAttachment, read through selectors.message_attachment, as the answer to its download.

    Always a download, never shown in the site's origin (a PDF or an image opened inline would be, and an image
    preview is not worth that); nosniff so no browser second-guesses the checked type; private, so no shared cache
    keeps a copy of a 内定通知書."""
    response = attachment(bytes(file.data), filename=file.name, content_type=file.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
