"""Why filling a template failed, in Vietnamese: Jinja's and Python's own words are English.

A template that passed its check can still fail on the data it is given (a
division by a count that is 0, a filter given text instead of a number, an item
a list does not have); the chair who edited the template reads the message.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import jinja2
from jinja2.exceptions import SecurityError

_UNDEFINED: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"'(?P<name>[^']+)' is undefined"), lambda m: f"biến «{m['name']}»"),
    (re.compile(r".* has no attribute '(?P<name>.+)'"), lambda m: f"mục «{m['name']}»"),
    (re.compile(r".* has no element (?P<key>.+)"), lambda m: f"phần tử {m['key']}"),
)

_PYTHON: tuple[tuple[type[Exception], str], ...] = (
    (ZeroDivisionError, "một phép chia của mẫu chia cho 0"),
    (OverflowError, "một phép tính của mẫu cho số quá lớn"),
    (ArithmeticError, "một phép tính hay bộ lọc số của mẫu được cho một giá trị không phải số"),
    (
        TypeError,
        "một phép tính hay bộ lọc của mẫu được cho sai kiểu giá trị (ví dụ cộng chữ với số, "
        "dùng bộ lọc số cho chữ)",
    ),
    (LookupError, "mẫu lấy một phần tử không có (số thứ tự ngoài danh sách, hoặc mục không có)"),
    (ValueError, "một bộ lọc của mẫu được cho một giá trị không dùng được"),
    (AttributeError, "mẫu dùng một thuộc tính không có"),
)


def failure_message(error: Exception) -> str:
    """What went wrong while filling the template, for the person who edited it."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        # Only here: the template checker loads python-docx and docxtpl, which a render of
        # a sound template does not need.
        from baocao.render.template.check import syntax_message

        return f"lỗi cú pháp mẫu: {syntax_message(error.message or '')[0]}"
    if isinstance(error, jinja2.UndefinedError):
        return f"mẫu dùng {_undefined(error.message or '')} không có trong dữ liệu"
    if isinstance(error, SecurityError):
        return "mẫu dùng một thao tác không được phép trong môi trường an toàn của baocao"
    if isinstance(error, jinja2.TemplateError):
        return "không điền được mẫu: một thẻ của mẫu không chạy được với dữ liệu này"
    reason = next((text for kind, text in _PYTHON if isinstance(error, kind)), None)
    return f"không điền được mẫu: {reason or 'một thẻ của mẫu không chạy được'}"


def _undefined(message: str) -> str:
    for pattern, name in _UNDEFINED:
        if match := pattern.fullmatch(message):
            return name(match)
    return "một biến"
