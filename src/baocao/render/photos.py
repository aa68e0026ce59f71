"""Photos made fit for print and for e-mail: the appendix's pictures and the bundle's files.

A phone's photo is 4000 × 3000 pixels and 3–6 MB; printed 16.5 cm wide, 1600
pixels are already 246 dpi. So each photo is, once per file version:
- turned upright as its EXIF orientation says (phones store it sideways and
  leave the turning to the viewer; Word does not turn it);
- shrunk to at most `MAX_SIDE` pixels on its longest side (never enlarged);
- saved again in its own format, so that its extension and name stay true: a
  JPEG at quality `JPEG_QUALITY`, a PNG losslessly with its transparency kept
  (on paper and on a white page a transparent part is white anyway, and a
  PNG is usually a diagram or a screenshot whose text JPEG would blur);
- without its metadata (EXIF, with the phone's GPS position, XMP, comments);
  only the colour profile is kept, so that colours print as they were taken.
Encoder settings are all fixed, so the same file gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from baocao.caches import remember

MAX_SIDE = 1600
"""Pixels on the longest side: 246 dpi across the 16.5 cm text width."""

JPEG_QUALITY = 85

MAIL_LIMIT = 20 * 1024 * 1024
"""Above this size many mail services refuse an attachment (Gmail 25 MB, encoded larger)."""

_CACHED = 32
"""Photos kept ready per process: a report's 5–10, for its appendix and its bundle."""


@dataclass(frozen=True)
class PrintPhoto:
    """A photo ready for the report: its file's bytes and its size in pixels, upright."""

    data: bytes
    size: tuple[int, int]


def print_ready(path: Path) -> PrintPhoto:
    """`path` upright, at most `MAX_SIDE` pixels, re-encoded without metadata (see above)."""
    stat = path.stat()
    return _print_ready(path.resolve(), stat.st_mtime_ns, stat.st_size)


@remember(maxsize=_CACHED)
def _print_ready(path: Path, _mtime_ns: int, _size: int) -> PrintPhoto:
    """Keyed by the file's version as `load.attachments` does: a changed file is read again."""
    from PIL import Image, ImageOps  # loaded on first use: only reports with photos need it

    with Image.open(path) as original:
        kind = original.format or "PNG"
        profile = original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original)
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    options = {"icc_profile": profile} if profile else {}
    if kind == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")  # CMYK photos print wrong in some Word versions
        image.save(
            buffer, "JPEG", quality=JPEG_QUALITY, subsampling="4:2:0", optimize=True, **options
        )
    else:
        image.save(buffer, kind, **options)
    return PrintPhoto(buffer.getvalue(), image.size)


def pixel_size(path: Path) -> tuple[int, int]:
    """A picture file's width and height in pixels, as stored (its EXIF orientation ignored)."""
    from PIL import Image

    with Image.open(path) as image:
        return image.size


def photo_bytes(path: Path, *, original: bool = False) -> bytes:
    """A photo's bytes as the bundle carries it: print-ready, or the file's own."""
    return path.read_bytes() if original else print_ready(path).data


def mail_size_warning(path: Path, *, originals: bool = False) -> str | None:
    """A warning when the written file `path` is too large to send by e-mail, or None.

    `originals`: the photos went in as they were taken (`--anh-goc`).
    """
    size = path.stat().st_size
    if size <= MAIL_LIMIT:
        return None
    megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
    return (
        f"{path}: cảnh báo: tệp nặng {megabytes} MB, quá {MAIL_LIMIT // 1024 // 1024} MB mà nhiều "
        "hộp thư cho phép gửi kèm; "
        + ("bỏ --anh-goc để ảnh được thu nhỏ, hoặc bớt ảnh" if originals else "hãy bớt ảnh")
    )
