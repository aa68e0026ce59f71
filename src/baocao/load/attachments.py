"""The files a report refers to, checked where the report names them: its plan, its photos.

Kept apart from `checks`, which is pure: these read files. Paths in a report
are relative to the report's own folder, so that a folder of reports, plan and
photos can be moved or sent as one. The plan is read with baocao's own safe
loader and validated like a report, its problems located in the plan file; the
report's actuals are then cross-checked against it (`checks.check_targets`).
Photos are opened and decoded in full with Pillow, within size and pixel caps.
"""

from __future__ import annotations

import functools
import stat
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from baocao.checks.cross import check_plan, check_targets
from baocao.checks.messages import place, validate_model
from baocao.errors import (
    BaocaoError,
    DataError,
    Problem,
    UsageError,
    byte_size,
    megabytes,
    os_error_text,
)
from baocao.load.marked import Loaded, load, top_level_kinds
from baocao.schema import BaoCao
from baocao.schema.chi_tieu import KeHoach

T = TypeVar("T")

MIN_PHOTOS, MAX_PHOTOS = 5, 10
"""The guideline: «Kèm 5-10 ảnh gửi file riêng»."""

WORD_FORMATS = ("JPEG", "PNG", "GIF", "BMP", "TIFF")
"""Picture formats Word (and python-docx) can embed."""


def check_attachments(loaded: Loaded, bao_cao: BaoCao) -> tuple[KeHoach | None, list[Problem]]:
    """The plan (when the report names one, and it is valid) and every problem of both files."""
    ke_hoach, problems = check_plan_file(loaded, bao_cao)
    return ke_hoach, [*problems, *check_photos(loaded, bao_cao)]


def check_plan_file(loaded: Loaded, bao_cao: BaoCao) -> tuple[KeHoach | None, list[Problem]]:
    """Read the report's plan and cross-check the report's actuals against it."""
    if bao_cao.chi_tieu is None:
        return None, []
    path = loaded.file.parent / bao_cao.chi_tieu.ke_hoach
    at = ("chi_tieu", "ke_hoach")
    if message := _plan_unreachable(path):
        return None, [loaded.problem(at, message)]
    try:
        ke_hoach, problems = _read_plan(path)
    except UsageError as error:
        return None, [loaded.problem(at, str(error))]
    if ke_hoach is None or any(p.severity == "loi" for p in problems):
        return None, list(problems)  # a broken plan would only make the cross-checks misleading
    found = [place(loaded, finding) for finding in check_targets(bao_cao, ke_hoach)]
    return ke_hoach, [*problems, *found]


def _plan_unreachable(path: Path) -> str | None:
    """Why the plan file cannot be read, or None; `is_file` raises on a name too long."""
    try:
        if path.is_file():
            return None
    except OSError as error:
        return f"không mở được tệp kế hoạch {path} ({os_error_text(error)})"
    return f"không tìm thấy tệp kế hoạch (baocao tìm ở {path})"


def _per_file_version(function: Callable[[Path], T]) -> Callable[[Path], T]:
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


@_per_file_version
def _read_plan(path: Path) -> tuple[KeHoach | None, tuple[Problem, ...]]:
    """A plan file read and checked on its own, every problem placed in it."""
    try:
        plan = load(path)
    except DataError as error:
        return None, tuple(error.problems)
    ke_hoach, problems = validate_model(plan, KeHoach)
    if ke_hoach is not None:
        problems += [place(plan, finding) for finding in check_plan(ke_hoach)]
    return ke_hoach, tuple(problems)


def is_plan(path: Path) -> bool:
    """Whether a YAML file is a plan of targets, which a folder of reports may hold too.

    Told by its shape, not its name: only `nam_hoc` and a list `chi_tieu` (a
    report's `chi_tieu` is a mapping). A plan with a stray key counts as a
    report, so that its problems are shown rather than the file skipped.
    """
    try:
        kinds = top_level_kinds(path, stop_at=lambda key: key not in _PLAN_KEYS)
    except (BaocaoError, UnicodeDecodeError, yaml.YAMLError):
        return False  # not readable as a plan: left to be reported as a report
    return kinds.get("chi_tieu") is yaml.SequenceStartEvent and set(kinds) <= _PLAN_KEYS


_PLAN_KEYS = {"nam_hoc", "chi_tieu"}


def photo_files(source: Path, bao_cao: BaoCao) -> list[Path]:
    """The report's photos, in its order, as paths from the current folder."""
    return [source.parent / anh.tep for anh in bao_cao.anh]


def check_photos(loaded: Loaded, bao_cao: BaoCao) -> list[Problem]:
    """Each photo exists and is a picture Word can embed; 5 to 10 of them, as asked."""
    problems = [
        loaded.problem(("anh", i, "tep"), message)
        for i, path in enumerate(photo_files(loaded.file, bao_cao))
        if (message := image_problem(path))
    ]
    return problems + _photo_count(loaded, len(bao_cao.anh))


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


@_per_file_version
def _picture_problem(path: Path) -> str | None:
    """The picture, decoded in full: `verify()` alone passes a JPEG cut short.

    A file that declares far more pixels than it holds (a decompression bomb)
    is refused before decoding; Pillow's own warning about it is turned into
    that refusal instead of being printed.
    """
    from PIL import Image, UnidentifiedImageError  # on first use: only photos need Pillow

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
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


def _photo_count(loaded: Loaded, count: int) -> list[Problem]:
    """A warning outside 5–10; none without photos, which may then be sent some other way."""
    if count == 0 or MIN_PHOTOS <= count <= MAX_PHOTOS:
        return []
    asked = f"hướng dẫn yêu cầu kèm {MIN_PHOTOS}-{MAX_PHOTOS} ảnh"
    message = (
        f"mới có {count} ảnh; {asked}"
        if count < MIN_PHOTOS
        else f"có {count} ảnh; {asked}, hãy chọn {MAX_PHOTOS} ảnh tiêu biểu nhất"
    )
    return [loaded.problem(("anh",), message, at_key=True, severity="canh_bao")]
