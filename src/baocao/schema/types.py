"""Field types shared by every part of the report schema.

Each type says what a chair may write in the YAML and turns a mistake into a
Vietnamese message. Prose is a string whose lines become paragraphs; lists are
YAML lists of one-line items; counts are strict non-negative integers so that
`yes` or `12.5` is never taken for a number. The loader leaves everything but
plain decimal integers and `true`/`false` as text (`load.block`, `load.full`), so
the types here read money (`1.500.000 đồng`), dates (`20/12/2023`) and choices
(`đạt`) the way people write them.

Counts and amounts have maxima far above any school's figures but low enough
that every total the report prints (a line's people × amount, a sum of lines,
a province's sum of reports) stays exact in `decimal` and printable in words.
"""

from __future__ import annotations

import re
import types
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError


class Model(BaseModel):
    """Base of every schema model: unknown keys are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


_VN_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_WITH_TIME = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}[T ]+\d{1,2}:\d{2}")


def _parse_date(value: Any) -> Any:
    """Accept dates as `20/12/2023` or `2023-12-20`; an impossible one is named as such.

    A date and time is refused rather than cut to its date: the field asks for a day.
    """
    if isinstance(value, datetime) or (isinstance(value, str) and _WITH_TIME.match(value)):
        raise PydanticCustomError("ngay_co_gio", "chỉ ghi ngày, không ghi giờ, ví dụ 20/12/2023")
    if not isinstance(value, str):
        return value
    if match := _VN_DATE.match(value):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.match(value):
        year, month, day = (int(part) for part in match.groups())
    else:
        return value  # refused as no date by the strict date type
    try:
        return date(year, month, day)
    except ValueError:
        raise PydanticCustomError(
            "ngay_khong_co_that", "ngày {value} không có trong lịch", {"value": value.strip()}
        ) from None


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


def is_prose(info: FieldInfo) -> bool:
    """Whether a field holds prose: the one rule for the blank form, the guide and the form."""
    # pydantic lifts `Annotated` metadata into `info.metadata`, except under `| None`.
    inner = info.annotation
    if get_origin(inner) in (Union, types.UnionType):
        inner = next(a for a in get_args(inner) if a is not type(None))
    extra = get_args(inner)[1:] if get_origin(inner) is Annotated else ()
    return any(isinstance(m, Prose) for m in (*info.metadata, *extra))


# Editors check the YAML against the JSON Schema, where a date is whatever the user may type.
_DATE_SCHEMA = {
    "type": "string",
    "pattern": r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})$",
}

Ngay = Annotated[
    date, BeforeValidator(_parse_date), Field(strict=True), WithJsonSchema(_DATE_SCHEMA)
]
"""A calendar date: `2023-12-20` or `20/12/2023`."""

NamHoc = Annotated[
    str,
    BeforeValidator(_parse_school_year),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}\s*-\s*\d{4}$"}),
]
"""A school year such as `2023-2024`."""

MAX_SO_DEM = 1_000_000
"""Largest count (people, events, a percentage level): no school union comes near it."""

MAX_SO_TIEN = 10**12
"""Largest amount in đồng (one thousand billion): a line's people × amount stays below
10^18 and any sum of lines a 2 MB file can hold below 10^24, inside `decimal`'s 28 digits."""

_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def parse_count(value: Any) -> Any:
    """A count as typed: `08` is 8; `1.200`, `12.5`, `0x0F` are refused, each saying why."""
    if isinstance(value, float):
        raise PydanticCustomError("so_nguyen", "phải là một số nguyên")
    if not isinstance(value, str):
        return value  # int passes; bool and the rest are refused by the strict int type
    text = value.strip()
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if _THOUSANDS.fullmatch(text):
        raise PydanticCustomError(
            "so_dem_dau_cham",
            "số đếm viết liền, không có dấu chấm: viết {plain}, không viết {value}",
            {"plain": text.replace(".", ""), "value": text},
        )
    if re.fullmatch(r"[+-]?\d*[.,]\d+", text):
        raise PydanticCustomError("so_nguyen", "phải là một số nguyên")
    raise PydanticCustomError("so_nguyen", "phải là một số nguyên, ví dụ 8 hoặc 08")


_MONEY = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:đồng|đ)?\.?", re.IGNORECASE)


def _parse_money(value: Any) -> Any:
    """`500000`, `500.000`, `500.000 đồng`, `1.500.000đ`: digits, dots between thousands.

    The one rule: every digit is written, dots only between groups of three.
    `1,5 triệu` is refused, as are commas (`1,500` is 1.500 in English but could
    be read 1,5) and decimals: a misread amount would be printed, and summed,
    without anyone noticing.
    """
    if isinstance(value, str) and (match := _MONEY.fullmatch(value.strip())):
        return int(match.group(1).replace(".", ""))
    if isinstance(value, str | float):
        raise PydanticCustomError(
            "so_tien",
            "số tiền viết đủ các chữ số, dấu chấm ngăn nghìn, ví dụ 1.500.000 hoặc "
            "1.500.000 đồng (không viết «1,5 triệu»)",
        )
    return value


SoDem = Annotated[int, BeforeValidator(parse_count), Field(ge=0, le=MAX_SO_DEM, strict=True)]
"""A count of people or things: a whole number, zero to MAX_SO_DEM."""

SoTien = Annotated[
    int,
    BeforeValidator(_parse_money),
    Field(ge=0, le=MAX_SO_TIEN, strict=True),
    WithJsonSchema({"type": ["integer", "string"], "pattern": r"^[\d.]+\s*(đồng|đ)?$"}),
]
"""An amount of money in đồng: a whole number, zero to MAX_SO_TIEN, dots between thousands."""

_YES_NO = {"có": True, "co": True, "không": False, "khong": False}


def yes_no(value: Any) -> Any:
    """`có`/`không` (with or without diacritics) for yes or no; `yes`, `on`, `1` stay refused."""
    if isinstance(value, str) and value.strip().lower() in _YES_NO:
        return _YES_NO[value.strip().lower()]
    return value


CoKhong = Annotated[bool, BeforeValidator(yes_no), Field(strict=True)]
"""Yes or no: `có`/`không`, or `true`/`false`."""


def plain_choice(value: Any) -> Any:
    """`Đang thực hiện`, `chưa đạt`, `dat` → `dang_thuc_hien`, `chua_dat`, `dat`.

    Choices are codes without diacritics; people write the words. Lowercased, with
    diacritics dropped (đ → d) and spaces, hyphens and slashes as `_`.
    """
    if not isinstance(value, str):
        return value
    text = value.strip().lower().replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[\s/-]+", "_", text)


Chon = BeforeValidator(plain_choice)
"""Put on a Literal field: `Annotated[DanhGia, Chon]` accepts the Vietnamese words."""

Dong = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""One line of text that must not be blank (a name, a list item)."""

VanBan = Annotated[Dong, Prose()]
"""Prose: every non-blank line becomes a paragraph of the report."""

MAX_NAME_BYTES = 255
"""The longest file or folder name file systems allow (in bytes of UTF-8)."""


def _file_path(value: str) -> str:
    """A path as written on Windows (`anh\\01.jpg`) works everywhere as `anh/01.jpg`."""
    path = value.replace("\\", "/")
    for name in path.split("/"):
        if len(name.encode("utf-8")) > MAX_NAME_BYTES:
            shown = name if len(name) <= 40 else f"{name[:40]}…"
            raise PydanticCustomError(
                "ten_qua_dai",
                "tên «{name}» dài {size} byte; tên tệp hoặc thư mục dài tối đa 255 byte, "
                "hãy đặt tên ngắn hơn",
                {"name": shown, "size": len(name.encode("utf-8"))},
            )
    return path


DuongDan = Annotated[Dong, AfterValidator(_file_path)]
"""A file's path relative to the report's folder, with `/` or `\\` between folders."""

DanhSach = list[Dong]
"""A list of items, each rendered as a `- ` line."""


def field(title: str, description: str = "", **kwargs: Any) -> Any:
    """A pydantic Field whose Vietnamese title and description document the YAML key.

    `default_factory=list` or `dict` is given to pydantic as a plain function making the
    same empty value: building a model, pydantic reads each factory's signature, and a
    built-in's is parsed from its text (a tenth of a millisecond per field, each run).
    """
    if "default_factory" in kwargs:
        made = kwargs["default_factory"]
        kwargs["default_factory"] = _EMPTY.get(made, made)
    return Field(title=title, description=description or None, **kwargs)


def _empty_list() -> list[Any]:
    return []


def _empty_dict() -> dict[Any, Any]:
    return {}


_EMPTY: dict[Any, Any] = {list: _empty_list, dict: _empty_dict}
