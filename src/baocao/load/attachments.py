"""The files a report refers to: where they are, and whether a photo is a usable picture.

Paths in a report are relative to the report's own folder, so that a folder of
reports, plan and photos can be moved or sent as one, and they must stay inside
it. Photos are opened and decoded in full with Pillow, within size and pixel
caps, once per content: a sound one is recorded on disk. The plan file is
checked by the check pipeline like any document (`checks.pipeline`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import stat
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from baocao import caches
from baocao.errors import byte_size, megabytes, os_error_text

T = TypeVar("T")


WORD_FORMATS = ("JPEG", "PNG", "GIF", "BMP", "TIFF")
"""Picture formats Word (and python-docx) can embed."""

MAX_NAME_BYTES = 255
"""The longest file or folder name common file systems accept, in bytes."""


def per_file_version(function: Callable[[Path], T]) -> Callable[[Path], T]:
    """Remember a function of a file by its path and its version: device, inode, size and
    modification time (one `stat`, where resolving the path took one per folder of it).

    A province's folder names one plan and the same photos in hundreds of
    reports; a file changed since is read again.
    """
    remembered = functools.lru_cache(maxsize=256)(lambda path, _version: function(path))
    caches.register(f"{function.__module__}.{function.__qualname__}", remembered.cache_clear)

    @functools.wraps(function)
    def cached(path: Path) -> T:
        status = path.stat()
        version = (status.st_dev, status.st_ino, status.st_mtime_ns, status.st_size)
        return remembered(path, version)

    return cached


def resolve(
    folder: Path, written: str, *, outside: bool = False, resolved: dict[str, str] | None = None
) -> Path | str:
    """The file a report names, relative to the report's `folder`; or why it may not be used.

    A report received from elsewhere must not make baocao read, embed or send
    the office's other files: unless `outside` is allowed, the path must stay
    inside the report's folder once symbolic links are followed. `resolved` holds
    the folders whose links were followed for this report so far, and takes those
    met now: a report's photos share a folder or two, each followed once.
    """
    path = folder / written.replace("\\", "/")  # a path copied from Windows Explorer
    if any(len(part.encode()) > MAX_NAME_BYTES for part in path.parts):
        return f"tên tệp hoặc thư mục trong {written[:60]}… dài quá {MAX_NAME_BYTES} byte"
    if outside:
        return path
    known = {} if resolved is None else resolved
    try:
        inside = _within(_followed(str(path), known), _followed_folder(str(folder), known))
    except (OSError, RuntimeError):  # a symlink loop, a name too long
        return f"không đọc được đường dẫn {written}"
    if not inside:
        return (
            f"tệp {written} nằm ngoài thư mục của báo cáo ({folder}); hãy chép tệp vào thư mục "
            "đó, hoặc chạy lại với --cho-phep-ngoai-thu-muc nếu tin tưởng tệp báo cáo này"
        )
    return path


def _followed(path: str, resolved: dict[str, str]) -> str:
    """`Path(path).resolve()`: its folder followed once (`_followed_folder`), then the file
    itself looked at alone, followed in full only if it is a link. As text: a report's
    photos are checked in every report of a folder, and paths as objects cost most of it."""
    folder, name = os.path.split(path)
    if name in ("", ".", ".."):
        return str(Path(path).resolve())
    with contextlib.suppress(OSError):  # no such file: `resolve` keeps its name as well
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return str(Path(path).resolve())
    return os.path.join(_followed_folder(folder, resolved), name)


def _followed_folder(folder: str, resolved: dict[str, str]) -> str:
    if (real := resolved.get(folder)) is None:
        real = resolved[folder] = str(Path(folder).resolve())
    return real


def _within(path: str, folder: str) -> bool:
    """`Path(path).is_relative_to(folder)` of two resolved paths (alike in case on Windows)."""
    path, folder = os.path.normcase(path), os.path.normcase(folder)
    return path == folder or path.startswith(os.path.join(folder, ""))


MAX_PHOTO_BYTES = 20 * 1024 * 1024
"""A phone's photo is a few MB; a larger file would make the report too heavy to send."""

MAX_PIXELS = 50_000_000
"""50 megapixels, more than any phone takes by default; decoding one takes about 150 MB."""


def image_problem(path: Path) -> str | None:
    """Why `path` cannot go into the report as a photo, or None."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return f"không tìm thấy tệp ảnh (baocao tìm ở {path})"
    except OSError as error:
        return f"không mở được tệp ảnh {path} ({os_error_text(error)})"
    if stat.S_ISDIR(status.st_mode):
        return f"{path} là một thư mục, không phải tệp ảnh"
    if not stat.S_ISREG(status.st_mode):
        return f"{path} không phải tệp ảnh thường; hãy chọn tệp ảnh JPEG hoặc PNG"
    if status.st_size > MAX_PHOTO_BYTES:
        return (
            f"tệp ảnh quá lớn ({byte_size(status.st_size)}; tối đa {megabytes(MAX_PHOTO_BYTES)}); "
            "hãy thu nhỏ ảnh trước khi gửi"
        )
    return _picture_problem(path)


@per_file_version
def _picture_problem(path: Path) -> str | None:
    """The picture, decoded in full, once per content: a photo found sound is recorded as
    such by its bytes in baocao's private folder, so that the next run (the chair renders
    again after every change) neither loads Pillow nor decodes it again."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return f"không mở được tệp ảnh {path} ({os_error_text(error)})"
    record = _sound_record(data)
    if caches.kept(record):
        return None
    problem = _decoding_problem(data)
    if problem is None:
        caches.keep(record, b"")
    return problem


SOUND_VERSION = "1"
"""Part of a sound photo's record: raise it when the checks below change."""


def _sound_record(data: bytes) -> str:
    """The name of the record that `data` is a sound photo: a hash of the bytes and of all
    the verdict depends on, Pillow's version and the limits included."""
    import PIL  # its version only: the package is a few lines, not Pillow's modules

    facts = "\0".join([SOUND_VERSION, PIL.__version__, str(MAX_PIXELS), *WORD_FORMATS])
    return "anh-" + hashlib.sha256(facts.encode() + b"\0" + data).hexdigest()


def _decoding_problem(data: bytes) -> str | None:
    """Why the picture in `data` cannot be decoded in full: `verify()` alone passes a JPEG
    cut short.

    A file that declares far more pixels than it holds (a decompression bomb)
    is refused before decoding; Pillow's own warning about it is turned into
    that refusal instead of being printed.
    """
    from PIL import Image, UnidentifiedImageError  # on first use: only photos need Pillow

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return _decoded_problem(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _BOMB
    except OSError as error:
        if isinstance(error, UnidentifiedImageError):
            return _NO_PICTURE
        return "ảnh đã hỏng hoặc chưa chép đủ (tệp bị cắt cụt); hãy chép lại tệp ảnh"
    except Exception:  # Pillow raises many kinds of error for a file that is not a picture
        return _NO_PICTURE


_NO_PICTURE = "tệp không phải ảnh hoặc ảnh đã hỏng; hãy chọn tệp ảnh JPEG hoặc PNG"

_BOMB = (
    "tệp ảnh khai báo số điểm ảnh lớn bất thường so với dung lượng tệp (“quả bom giải nén”, "
    "mở ra sẽ làm treo máy); hãy chụp hoặc lưu lại ảnh"
)


def _decoded_problem(image: Any) -> str | None:
    kind = image.format
    if kind not in WORD_FORMATS:
        return f"ảnh dạng {kind} không chèn được vào Word; hãy lưu lại ảnh dạng JPEG hoặc PNG"
    width, height = image.size
    if width * height > MAX_PIXELS:
        return (
            f"ảnh quá lớn ({width} × {height} điểm ảnh; tối đa {MAX_PIXELS // 1_000_000} triệu "
            "điểm ảnh); hãy thu nhỏ ảnh"
        )
    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))  # JPEG: decode at 1/8 scale
    image.load()
    return None


def photo_count(count: int, least: int, most: int | None) -> str | None:
    """A warning outside the guideline's `least`–`most` photos («Kèm 5-10 ảnh»); none
    without photos, which may then be sent some other way."""
    if count == 0 or least <= count <= (most if most is not None else count):
        return None
    asked = (
        f"hướng dẫn yêu cầu kèm {least}-{most} ảnh"
        if most is not None
        else (f"hướng dẫn yêu cầu kèm ít nhất {least} ảnh")
    )
    if count < least:
        return f"mới có {count} ảnh; {asked}"
    return f"có {count} ảnh; {asked}, hãy chọn {most} ảnh tiêu biểu nhất"
