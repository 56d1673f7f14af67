"""The optional 履歴書 photo: checked, cropped to the 縦4:横3 box, and re-encoded.

Re-encoding (rather than storing the upload) drops EXIF (location, camera serials), fixes the orientation the phone
recorded, and bounds the size we keep and embed in PDFs.
"""

from __future__ import annotations

import io
from typing import Final

from PIL import Image, ImageOps

from bonavi.core.images import ImageRefused, open_upright
from bonavi.core.uploads import mb_label

MAX_UPLOAD_BYTES: Final = 2 * 1024 * 1024
MIN_SIDE: Final = (240, 320)  # width, height: below this the print is visibly blurred at 30×40 mm
MAX_PIXELS: Final = 40_000_000  # refuses decompression bombs before decoding
OUT_SIZE: Final = (600, 800)  # 30×40 mm at about 500 dpi
ALLOWED_FORMATS: Final = {"JPEG", "PNG", "WEBP"}


class PhotoError(ValueError):
    pass


def too_large_message(size: int | None = None) -> str:
    """The words for a photo over MAX_UPLOAD_BYTES, with its size when it is known (not when the site's cap
    dropped the file as it arrived: the page's and the API's 413)."""
    given = f"（{size / 1024 / 1024:.1f} MB）" if size else ""
    return f"写真のファイルが大きすぎます{given}。{mb_label(MAX_UPLOAD_BYTES)} 以下の画像を選んでください。"


def process_photo(data: bytes) -> bytes:
    """Return a JPEG of OUT_SIZE cropped from the centre of the upload, or raise PhotoError in Japanese."""
    if not data:
        raise PhotoError("写真のファイルが空です。")
    if len(data) > MAX_UPLOAD_BYTES:
        raise PhotoError(too_large_message(len(data)))
    try:
        image, _format = open_upright(
            data,
            formats=ALLOWED_FORMATS,
            max_pixels=MAX_PIXELS,
            too_many_pixels="写真の画素数が多すぎます。4,000万画素以下の画像を選んでください。",
            unreadable="画像として読めないファイルです。JPEG・PNG・WebP の写真を選んでください。",
        )
    except ImageRefused as exc:
        raise PhotoError(str(exc)) from None
    if image.width < MIN_SIDE[0] or image.height < MIN_SIDE[1]:
        raise PhotoError(
            f"写真が小さすぎます（{image.width}×{image.height}ピクセル）。"
            f"横{MIN_SIDE[0]}×縦{MIN_SIDE[1]}ピクセル以上の画像を選んでください。"
        )
    image = ImageOps.fit(
        image.convert("RGB"), OUT_SIZE, method=Image.Resampling.LANCZOS, centering=(0.5, 0.4)
    )
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
