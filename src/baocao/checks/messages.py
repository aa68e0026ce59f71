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

_MESSAGES = {
    "string_too_short": "chưa điền nội dung",
    "string_type": "phải là một đoạn chữ",
    "int_type": "phải là một số nguyên",
    "int_parsing": "phải là một số nguyên",
    "int_from_float": "phải là một số nguyên, không có phần thập phân",
    "greater_than_equal": "không được nhỏ hơn {ge}",
    "list_type": "phải là một danh sách, mỗi mục một dòng bắt đầu bằng «- »",
    "too_short": "cần ít nhất {min_length} mục",
    "model_type": "phải là một nhóm các mục con dạng «khoá: giá trị»",
    "model_attributes_type": "phải là một nhóm các mục con dạng «khoá: giá trị»",
    "dict_type": "phải là một nhóm các mục con dạng «khoá: giá trị»",
    "date_type": "phải là một ngày, viết dạng 20/12/2023",
    "date_parsing": "phải là một ngày, viết dạng 20/12/2023",
    "date_from_datetime_parsing": "phải là một ngày, viết dạng 20/12/2023",
    "date_from_datetime_inexact": "chỉ ghi ngày, không ghi giờ",
    "bool_type": "phải là true (có) hoặc false (không)",
    "bool_parsing": "phải là true (có) hoặc false (không)",
    "literal_error": "phải là một trong các giá trị: {expected}",
    "string_pattern_mismatch": "chỉ dùng chữ thường không dấu, chữ số và dấu gạch dưới «_»",
}
_OURS = {"nam_hoc", "ngay_khong_co_that", "ket_qua_chi_tieu"}
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
        details = error.errors()
        found = [_problem(loaded, e, root, noun) for e in details]
        return None, in_order([*loaded.problems, *found]), [tuple(e["loc"]) for e in details]


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


def _message(error: ErrorDetails) -> str:
    if error["input"] is None:
        # `so:` with nothing after it: the key is there, the value is still to be filled.
        return "chưa điền"
    if error["type"] == "string_type" and isinstance(error["input"], dict):
        # `- Lưu: VT` is read by YAML as a key and a value, not as one line of text.
        return "dòng có dấu «: » nên bị hiểu là một mục con; hãy đặt cả dòng trong ngoặc kép"
    template = _MESSAGES.get(error["type"])
    if template is None:
        known = error["type"] in _OURS
        return error["msg"] if known else f"giá trị không hợp lệ ({error['msg']})"
    if error["type"] == "greater_than_equal" and error.get("ctx", {}).get("ge") == 0:
        return "không được là số âm"
    if error["type"] == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", "")).replace("'", "")
        return template.format(expected=expected.replace(" or ", ", "))
    return template.format(**error.get("ctx", {}))


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
