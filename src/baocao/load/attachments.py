"""The files a report refers to: where they are, and whether a photo is a usable picture.

Paths in a report are relative to the report's own folder, so that a folder of
reports, plan and photos can be moved or sent as one, and they must stay inside
it. Photos are opened and verified with Pillow. The plan file is checked by the
check pipeline like any document (`checks.pipeline`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

MIN_PHOTOS, MAX_PHOTOS = 5, 10
"""The guideline: «Kèm 5-10 ảnh gửi file riêng»."""

WORD_FORMATS = ("JPEG", "PNG", "GIF", "BMP", "TIFF")

MAX_NAME_BYTES = 255
"""The longest file or folder name common file systems accept, in bytes."""
"""Picture formats Word (and python-docx) can embed."""


def per_file_version(function: Callable[[Path], T]) -> Callable[[Path], T]:
    """Remember a function of a file by the file's path, size and modification time.

    A province's folder names one plan and the same photos in hundreds of
    reports; a file changed since is read again.
    """
    remembered = functools.lru_cache(maxsize=256)(lambda path, _mtime, _size: function(path))

    @functools.wraps(function)
    def cached(path: Path) -> T:
        stat = path.stat()
        return remembered(path.resolve(), stat.st_mtime_ns, stat.st_size)

    return cached


def resolve(folder: Path, written: str, *, outside: bool = False) -> Path | str:
    """The file a report names, relative to the report's `folder`; or why it may not be used.

    A report received from elsewhere must not make baocao read, embed or send
    the office's other files: unless `outside` is allowed, the path must stay
    inside the report's folder once symbolic links are followed.
    """
    path = folder / written.replace("\\", "/")  # a path copied from Windows Explorer
    if any(len(part.encode()) > MAX_NAME_BYTES for part in path.parts):
        return f"tên tệp hoặc thư mục trong {written[:60]}… dài quá {MAX_NAME_BYTES} byte"
    if outside:
        return path
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop, a name too long
        return f"không đọc được đường dẫn {written}"
    if not inside:
        return (
            f"tệp {written} nằm ngoài thư mục của báo cáo ({folder}); hãy chép tệp vào thư mục "
            "đó, hoặc chạy lại với --cho-phep-ngoai-thu-muc nếu tin tưởng tệp báo cáo này"
        )
    return path


def image_problem(path: Path) -> str | None:
    """Why `path` cannot go into the report as a photo, or None."""
    if not path.is_file():
        return f"không tìm thấy tệp ảnh (baocao tìm ở {path})"
    return _picture_problem(path)


@per_file_version
def _picture_problem(path: Path) -> str | None:
    from PIL import Image  # loaded on first use: only reports with photos need it

    try:
        with Image.open(path) as image:
            kind = image.format
            image.verify()
    except Exception:  # Pillow raises many kinds of error for a file that is not a picture
        return "tệp không phải ảnh hoặc ảnh đã hỏng; hãy chọn tệp ảnh JPEG hoặc PNG"
    if kind not in WORD_FORMATS:
        return f"ảnh dạng {kind} không chèn được vào Word; hãy lưu lại ảnh dạng JPEG hoặc PNG"
    return None


def photo_count(count: int) -> str | None:
    """A warning outside 5–10; none without photos, which may then be sent some other way."""
    if count == 0 or MIN_PHOTOS <= count <= MAX_PHOTOS:
        return None
    asked = f"hướng dẫn yêu cầu kèm {MIN_PHOTOS}-{MAX_PHOTOS} ảnh"
    message = (
        f"mới có {count} ảnh; {asked}"
        if count < MIN_PHOTOS
        else f"có {count} ảnh; {asked}, hãy chọn {MAX_PHOTOS} ảnh tiêu biểu nhất"
    )
    return message
