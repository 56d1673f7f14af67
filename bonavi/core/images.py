"""Opening an uploaded image safely, for every upload that takes one (the 履歴書 photo, a message's attachment).

Only the formats the caller accepts are parsed: Pillow would otherwise try each of its readers, EPS among them,
which decodes by running Ghostscript on the upload. A decompression bomb is refused from the header's size before
anything is decoded, and the file is verified and then decoded whole, so a truncated one fails here and not later
while it is re-encoded. The result is turned upright as the phone recorded it (EXIF orientation); callers re-encode
it, which drops the rest of EXIF (location, camera serials).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Collection

from PIL import Image, ImageOps, UnidentifiedImageError

_UNREADABLE = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    Image.DecompressionBombWarning,
    Image.DecompressionBombError,
)


class ImageRefused(ValueError):
    """Why an upload is not an image the caller can use, in Japanese (the caller's own words)."""


def open_upright(
    data: bytes, *, formats: Collection[str], max_pixels: int, too_many_pixels: str, unreadable: str
) -> tuple[Image.Image, str]:
    """(the decoded image turned upright, its format) of `data`, or ImageRefused with `too_many_pixels` when it has
    more than `max_pixels` pixels, or with `unreadable` when it is none of `formats` or broken."""
    readers = sorted(formats)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data), formats=readers)
            if probe.width * probe.height > max_pixels:
                raise ImageRefused(too_many_pixels)
            fmt = str(probe.format)
            probe.verify()
            image: Image.Image = Image.open(io.BytesIO(data), formats=readers)
            image.load()
    except ImageRefused:
        raise
    except _UNREADABLE:
        raise ImageRefused(unreadable) from None
    return ImageOps.exif_transpose(image), fmt
