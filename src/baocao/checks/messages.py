"""Validating loaded data against the schema and the cross-checks, every problem located.

Pydantic's English messages are replaced by Vietnamese ones, keyed by error
type; an unknown key gets a close-match suggestion from the fields allowed there.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from baocao.checks.cross import Finding
from baocao.errors import PathKey, Problem, did_you_mean
from baocao.load.marked import Loaded
from baocao.schema.walk import is_model, type_at

M = TypeVar("M", bound=BaseModel)

_GROUP = "phải gồm các mục con, mỗi mục một dòng «tên: nội dung»"
_LIST = "phải là một danh sách, mỗi mục một dòng bắt đầu bằng «- »"
_INTEGER = "phải là một số nguyên, ví dụ 8 hoặc 08"
_DATE = "phải là một ngày, viết dạng 20/12/2023"
_YES_NO = "phải là «có» hoặc «không»"
_MESSAGES = {
    "string_too_short": "chưa điền nội dung",
    "string_type": "phải là một đoạn chữ",
    "string_unicode": "phải là một đoạn chữ",
    "string_pattern_mismatch": "chỉ dùng chữ thường không dấu, chữ số và dấu gạch dưới «_»",
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_parsing_size": "số quá lớn",
    "int_from_float": "phải là một số nguyên",
    "float_type": "phải là một số",
    "float_parsing": "phải là một số",
    "greater_than_equal": "không được nhỏ hơn {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "không được lớn hơn {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "list_type": _LIST,
    "tuple_type": _LIST,
    "too_short": "cần ít nhất {min_length} mục",
    "too_long": "chỉ được có nhiều nhất {max_length} mục",
    "model_type": _GROUP,
    "model_attributes_type": _GROUP,
    "dataclass_type": _GROUP,
    "dict_type": _GROUP,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": "chỉ ghi ngày, không ghi giờ, ví dụ 20/12/2023",
    "datetime_type": _DATE,
    "bool_type": _YES_NO,
    "bool_parsing": _YES_NO,
    "literal_error": "phải là một trong các giá trị: {expected}",
    "enum": "phải là một trong các giá trị: {expected}",
    "none_required": "phải để trống",
}
_UNKNOWN = "giá trị này không dùng được ở đây; hãy xem lại cách viết của mục này"
"""For a pydantic error type not in `_MESSAGES`: Vietnamese still, never pydantic's English."""

_OURS = {
    "nam_hoc",
    "ngay_khong_co_that",
    "ngay_co_gio",
    "ket_qua_chi_tieu",
    "so_nguyen",
    "so_dem_dau_cham",
    "so_tien",
    "ten_qua_dai",
}
"""Error types raised by our own validators, whose message is Vietnamese already."""


def validate_model(
    loaded: Loaded, root: type[M], noun: str
) -> tuple[M | None, list[Problem], list[PathKey]]:
    """`loaded` as a `root` model if its types are right, every problem located, and the
    paths of the values at fault (so that checks can skip just those).

    `noun` names the kind of file in messages: «mẫu báo cáo», «tệp kế hoạch».
    """
    try:
        return root.model_validate(loaded.data), in_order(loaded.problems), []
    except ValidationError as error:
        # A value the loader refused (a bad tag, a huge number) is read as empty; the loader
        # has said why, so «chưa điền» at the same place would only repeat it less clearly.
        refused = {(p.line, p.column) for p in loaded.problems if p.is_error}
        details = error.errors()
        found = (_problem(loaded, e, root, noun) for e in details)
        kept = [p for p in found if (p.line, p.column) not in refused]
        return None, in_order([*loaded.problems, *kept]), [tuple(e["loc"]) for e in details]


def place(loaded: Loaded, finding: Finding) -> Problem:
    """A cross-check's finding as a problem at its place in the file."""
    return loaded.problem(
        finding.path, finding.message, at_key=finding.at_key, severity=finding.severity
    )


def in_order(problems: list[Problem]) -> list[Problem]:
    """As they stand in the file, so that a person fixes them from top to bottom."""
    return sorted(problems, key=lambda p: (p.line, p.column))


def _problem(loaded: Loaded, error: ErrorDetails, root: type[BaseModel], noun: str) -> Problem:
    path = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden" and path in loaded.comma_splits:
        return loaded.problem(path, _comma_split(path, loaded.comma_splits[path]), at_key=True)
    if kind == "extra_forbidden":
        return loaded.problem(path, _unknown_key(path, root, noun), at_key=True)
    if kind == "missing":
        # The key is absent: point at its parent's key, where it should be added.
        return loaded.problem(path, _missing(path, root), at_key=True)
    return loaded.problem(path, _message(error))


def _missing(path: PathKey, root: type[BaseModel]) -> str:
    key = str(path[-1])
    parent = type_at(root, path[:-1])
    info = parent.model_fields.get(key) if is_model(parent) else None
    title = f" ({info.title})" if info is not None and info.title else ""
    return f"thiếu mục bắt buộc «{key}»{title}"


def _comma_split(path: PathKey, meant: str) -> str:
    return (
        f"dấu phẩy trong ngoặc «{{ }}» ngăn cách các mục, nên «{path[-1]}» bị hiểu là một mục "
        f"riêng; nội dung có dấu phẩy thì phải đặt trong ngoặc kép: {meant}"
    )


def _message(error: ErrorDetails) -> str:
    if error["input"] is None:
        # `so:` with nothing after it: the key is there, the value is still to be filled.
        return "chưa điền"
    if error["type"] == "string_type" and isinstance(error["input"], dict):
        # `- Lưu: VT` is read by YAML as a key and a value, not as one line of text.
        return "dòng có dấu «: » nên bị hiểu là một mục con; hãy đặt cả dòng trong ngoặc kép"
    if error["type"] in _OURS:
        return error["msg"]
    template = _MESSAGES.get(error["type"])
    if template is None:
        return _UNKNOWN
    ctx = {key: _number(value) for key, value in error.get("ctx", {}).items()}
    if error["type"] == "greater_than_equal" and ctx.get("ge") == "0":
        return "không được là số âm"
    if error["type"] in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        return template.format(expected=expected.replace(" or ", ", "))
    return template.format(**ctx)


def _number(value: object) -> str:
    """A limit as the report writes numbers: `1.000.000`."""
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _unknown_key(path: PathKey, root: type[BaseModel], noun: str) -> str:
    key = str(path[-1])
    allowed = _fields_at(root, path[:-1])
    message = f"không có mục «{key}» trong {noun}"
    if suggestion := did_you_mean(key, allowed):
        return message + suggestion
    return f"{message}; các mục hợp lệ ở đây: {', '.join(allowed)}"


def _fields_at(model: type[BaseModel], path: PathKey) -> list[str]:
    """The field names allowed at `path` below `model`."""
    current = type_at(model, path)
    return list(current.model_fields) if is_model(current) else []
