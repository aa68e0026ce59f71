"""Validating loaded data against the schema and the cross-checks, every problem located.

Pydantic's English messages are replaced by Vietnamese ones, keyed by error
type; an unknown key gets a close-match suggestion from the fields allowed there.
"""

from __future__ import annotations

import difflib

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .checks import check
from .errors import Problem
from .load import Loaded, PathKey
from .schema import BaoCao
from .schema.walk import is_model, type_at

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
}
_OURS = {"nam_hoc", "ngay_khong_co_that"}
"""Error types raised by our own validators, whose message is Vietnamese already."""


def validate(loaded: Loaded) -> tuple[BaoCao | None, list[Problem]]:
    """The report model if the data is valid, and every problem found, located."""
    try:
        bao_cao = BaoCao.model_validate(loaded.data)
    except ValidationError as error:
        return None, _in_order([*loaded.problems, *(_problem(loaded, e) for e in error.errors())])
    findings = [loaded.problem(f.path, f.message, severity=f.severity) for f in check(bao_cao)]
    return bao_cao, _in_order([*loaded.problems, *findings])


def _in_order(problems: list[Problem]) -> list[Problem]:
    """As they stand in the file, so that a person fixes them from top to bottom."""
    return sorted(problems, key=lambda p: (p.line, p.column))


def _problem(loaded: Loaded, error: ErrorDetails) -> Problem:
    path = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return loaded.problem(path, _unknown_key(path), at_key=True)
    if kind == "missing":
        # The key is absent: point at its parent's key, where it should be added.
        return loaded.problem(path, _missing(path), at_key=True)
    return loaded.problem(path, _message(error))


def _missing(path: PathKey) -> str:
    key = str(path[-1])
    parent = type_at(BaoCao, path[:-1])
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
    return template.format(**error.get("ctx", {}))


def _unknown_key(path: PathKey) -> str:
    key = str(path[-1])
    allowed = _fields_at(BaoCao, path[:-1])
    message = f"không có mục «{key}» trong mẫu báo cáo"
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"{message}; có phải «{close[0]}»?"
    return f"{message}; các mục hợp lệ ở đây: {', '.join(allowed)}"


def _fields_at(model: type[BaseModel], path: PathKey) -> list[str]:
    """The field names allowed at `path` below `model`."""
    current = type_at(model, path)
    return list(current.model_fields) if is_model(current) else []
