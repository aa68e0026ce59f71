"""Field types shared by every part of the report schema.

Each type says what a chair may write in the YAML and turns a mistake into a
Vietnamese message. Prose is a string whose lines become paragraphs; lists are
YAML lists of one-line items; counts are strict non-negative integers so that
`yes` or `12.5` is never taken for a number.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError


class Model(BaseModel):
    """Base of every schema model: unknown keys are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


_VN_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def _parse_date(value: Any) -> Any:
    """Accept YAML dates (2023-12-20) and the Vietnamese way of writing them (20/12/2023)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and (match := _VN_DATE.match(value)):
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            raise PydanticCustomError(
                "ngay_khong_co_that", "ngày {value} không có trong lịch", {"value": value.strip()}
            ) from None
    return value


def _parse_school_year(value: Any) -> Any:
    if value is None:
        return value  # reported by pydantic as a missing value, «chưa điền»
    text = str(value).strip() if isinstance(value, str | int) else value
    if not isinstance(text, str) or not (match := re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", text)):
        raise PydanticCustomError("nam_hoc", "năm học phải viết dạng 2023-2024", {"value": value})
    start, end = (int(part) for part in match.groups())
    if end != start + 1:
        raise PydanticCustomError(
            "nam_hoc", "năm học phải gồm hai năm liền nhau, ví dụ 2023-2024", {"value": value}
        )
    return f"{start}-{end}"


class Prose:
    """Marks a text field as prose (paragraphs) rather than one line, for `baocao init`."""


# Editors check the YAML against the JSON Schema, where a date is whatever the user may type.
_DATE_SCHEMA = {
    "type": "string",
    "pattern": r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})$",
}

Ngay = Annotated[date, BeforeValidator(_parse_date), WithJsonSchema(_DATE_SCHEMA)]
"""A calendar date: `2023-12-20` or `20/12/2023`."""

NamHoc = Annotated[
    str,
    BeforeValidator(_parse_school_year),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}\s*-\s*\d{4}$"}),
]
"""A school year such as `2023-2024`."""

SoDem = Annotated[int, Field(ge=0, strict=True)]
"""A count of people or things: a whole number, zero or more."""

SoTien = Annotated[int, Field(ge=0, strict=True)]
"""An amount of money in đồng: a whole number, zero or more."""

Dong = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""One line of text that must not be blank (a name, a list item)."""

VanBan = Annotated[Dong, Prose()]
"""Prose: every non-blank line becomes a paragraph of the report."""

DanhSach = list[Dong]
"""A list of items, each rendered as a `- ` line."""


def field(title: str, description: str = "", **kwargs: Any) -> Any:
    """A pydantic Field whose Vietnamese title and description document the YAML key."""
    return Field(title=title, description=description or None, **kwargs)
