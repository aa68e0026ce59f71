"""The form of `baocao soan`, generated from a report model: one node per field, in its order.

The generator knows nothing of a particular report: it walks a pydantic model
class (`model_fields`: titles as labels, descriptions as the guideline's
prompt), so a guideline pack that yields a model of the same kind gets its own
form. Values shown are the data as baocao's loader reads the file, so that a
field left alone sends back exactly what it showed, and nothing is rewritten.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal, cast, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from baocao.compute.targets import LOAI, TRANG_THAI, fields_of
from baocao.schema.anh import Anh
from baocao.schema.chi_tieu import KeHoach
from baocao.schema.types import Prose, plain_choice
from baocao.schema.walk import is_model, type_at, unwrap_optional

LEAVES = frozenset({"text", "prose", "number", "date", "choice", "yesno"})
"""Kinds of nodes that hold one value the user types or picks."""

_STATUS: dict[str, str] = {str(code): label for code, label in TRANG_THAI.items()}
CHOICE_LABELS: dict[str, str] = {
    **_STATUS,
    "doan_vien": "Số đoàn viên (mục I)",
    "ket_nap_moi": "Số kết nạp mới (mục I)",
    "gioi_thieu_dang": "Số giới thiệu cho Đảng (mục II.4)",
    "ket_nap_dang": "Số được kết nạp Đảng (mục II.4)",
    "ca_nam": "Cả năm học",
    "hoc_ky_1": "Học kỳ I",
}
"""Vietnamese words for the codes a choice stores; a code without one is shown as written."""

YES_NO = (("có", "Có"), ("không", "Không"))
MAX_NEW_ROWS = 1000
"""How far past a list's saved rows the form may add one (rows typed faster than saved)."""


@dataclass
class Node:
    """One part of the form: a group of fields, a field, or a list of rows."""

    kind: str
    """group, text, prose, number, date, choice, yesno, strings, rows or targets."""
    path: str
    """Where the value stands in the file: keys and 0-based list indexes joined by dots."""
    title: str
    description: str = ""
    required: bool = False
    value: str = ""
    placeholder: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    children: list[Node] = field(default_factory=list)
    origin: int | None = None
    """A list row's index in the file as read (None for a row added in the form)."""
    depth: int = 0
    note: str = ""
    photos: bool = False
    """A list of photos: rows get an upload button and a thumbnail."""
    readers: tuple[Callable[[Any], Any], ...] = ()
    """A number field's own parsers (its type's validators), that read `500.000` as 500000."""

    @property
    def key(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, path: str) -> Node | None:
        return next((node for node in self.walk() if node.path == path), None)

    def number(self, text: str) -> int | None:
        """The whole number a number field's text means, as baocao reads it; None if none.

        `04` is 4 and `500.000` is 500000 for baocao, but a YAML reader reads `500.000`
        as 500.0 and `010` as 8: the file gets the number itself, so every reader agrees.
        """
        value: Any = text.strip()
        try:
            for read in self.readers:
                value = read(value)
        except (PydanticCustomError, ValueError, TypeError):
            return None
        if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value):
            return int(value)
        return value if isinstance(value, int) and not isinstance(value, bool) else None


def build_form(model: type[BaseModel], data: Any, plan: KeHoach | None = None) -> Node:
    """The whole form for `data` (the file as loaded) under `model`; the root has path ''."""
    return Node("group", "", "", children=_Builder(plan).fields(model, data, "", 0))


def blank_row(
    model: type[BaseModel], data: Any, path: str, plan: KeHoach | None = None
) -> Node | None:
    """An empty row at `path` (`….khoan_chi.3`) of a list, as the form shows a new one."""
    parts = split(path)
    if not parts or not isinstance(parts[-1], int) or type_at(model, parts) is None:
        return None
    if any(isinstance(part, int) and part > MAX_NEW_ROWS for part in parts):
        return None
    shaped = copy.deepcopy(data) if isinstance(data, dict) else {}
    rows = _list_at(shaped, parts[:-1])
    if rows is None:
        return None
    rows.extend([None] * (parts[-1] + 1 - len(rows)))
    rows[parts[-1]] = None
    node = build_form(model, shaped, plan).find(path)
    if node is not None:
        node.origin = None
    return node


def flatten(root: Node) -> tuple[dict[str, str], dict[str, int]]:
    """What the form shows: each field's value, and each list's number of rows."""
    values = {n.path: n.value for n in root.walk() if n.kind in LEAVES}
    lists = {n.path: len(n.children) for n in root.walk() if n.kind in ("strings", "rows")}
    return values, lists


def pattern(path: str) -> str:
    """A path with its list indexes as `*`: the same field in every row."""
    return re.sub(r"(?<=\.)\d+(?=\.|$)", "*", path)


def split(path: str) -> tuple[str | int, ...]:
    """`a.b.2.c` → ('a', 'b', 2, 'c')."""
    return tuple(int(p) if p.isdigit() else p for p in path.split(".")) if path else ()


def join(parts: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in parts)


def problem_path(written: str) -> str:
    """A problem's path (`anh[2].tep`, rows counted from 1) as a form path (`anh.1.tep`)."""
    return re.sub(r"\[(\d+)\]", lambda m: f".{int(m.group(1)) - 1}", written)


def _list_at(data: dict[str, Any], parts: tuple[str | int, ...]) -> list[Any] | None:
    current: Any = data
    for i, part in enumerate(parts):
        listed = i == len(parts) - 1 or isinstance(parts[i + 1], int)
        if isinstance(part, int):
            if not isinstance(current, list):
                return None
            current.extend([None] * (part + 1 - len(current)))  # a row not saved yet
            if not isinstance(current[part], dict):
                current[part] = {}
            current = current[part]
        else:
            if not isinstance(current, dict):
                return None
            wanted: Any = [] if listed else {}  # a list of rows, or a group
            if not isinstance(current.get(part), type(wanted)):
                current[part] = wanted
            current = current[part]
    return current if isinstance(current, list) else None


def _plain(annotation: Any) -> tuple[Any, list[Any]]:
    """An annotation without `| None` and `Annotated`, and the `Annotated` extras it had."""
    annotation = unwrap_optional(annotation)
    if get_origin(annotation) is Annotated:
        base, *extras = get_args(annotation)
        inner, more = _plain(base)
        return inner, [*extras, *more]
    return annotation, []


def _text(value: Any) -> str:
    """A value as the form shows it; a value of the wrong shape shows as empty."""
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _expanded(model: type[BaseModel], extras: list[Any], value: Any) -> Any:
    """A shorthand (`phan_mem: có`, `- anh/01.jpg`) as the group of fields it stands for."""
    if value is None or isinstance(value, dict):
        return value
    try:
        for read in _readers(extras):
            value = read(value)
        if not isinstance(value, dict):
            value = model.model_validate(value).model_dump(exclude_unset=True)
    except (ValidationError, ValueError, TypeError):
        return {}
    return value


def _readers(extras: list[Any]) -> tuple[Callable[[Any], Any], ...]:
    """A type's `BeforeValidator`s, that read what people write (`có`, `500.000`)."""
    return tuple(
        cast(Callable[[Any], Any], extra.func)  # baocao's take the value only
        for extra in extras
        if isinstance(extra, BeforeValidator)
    )


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return ""
    default = info.get_default(call_default_factory=True)
    return "" if default is None or isinstance(default, dict | list) else _text(default)


class _Builder:
    def __init__(self, plan: KeHoach | None) -> None:
        self.plan = plan

    def fields(self, model: type[BaseModel], data: Any, path: str, depth: int) -> list[Node]:
        data = data if isinstance(data, dict) else {}
        return [
            self.field(info, data.get(key), f"{path}.{key}" if path else key, depth)
            for key, info in model.model_fields.items()
        ]

    def field(self, info: FieldInfo, value: Any, path: str, depth: int) -> Node:
        annotation, extras = _plain(info.annotation)
        node = Node(
            "text",
            path,
            info.title or path.rsplit(".", 1)[-1],
            info.description or "",
            info.is_required(),
            depth=depth,
        )
        default = _default(info)
        node.placeholder = f"mặc định: {default}" if default else ""
        self.typed(node, annotation, [*info.metadata, *extras], value)
        return node

    def typed(self, node: Node, annotation: Any, extras: list[Any], value: Any) -> None:
        origin = get_origin(annotation)
        if is_model(annotation):
            node.kind = "group"
            data = _expanded(annotation, extras, value)
            node.children = self.fields(annotation, data, node.path, node.depth + 1)
        elif origin is list:
            self.rows(node, get_args(annotation)[0], value)
        elif origin is dict:
            self.targets(node, value)
        elif origin is Literal:
            node.kind = "choice"
            node.choices = tuple(
                (code, CHOICE_LABELS.get(code, code)) for code in get_args(annotation)
            )
            node.value = plain_choice(_text(value))
        elif annotation is bool:
            node.kind, node.choices, node.value = "yesno", YES_NO, _text(value)
        elif annotation is int:
            node.kind, node.value = "number", _text(value)
            node.readers = _readers(extras)
        elif annotation is date:
            node.kind, node.value = "date", _text(value)
            node.placeholder = node.placeholder or "ngày/tháng/năm, ví dụ 20/12/2023"
        elif any(isinstance(extra, Prose) for extra in extras):
            node.kind, node.value = "prose", _text(value).rstrip("\n")
        else:
            node.value = _text(value)

    def rows(self, node: Node, item: Any, value: Any) -> None:
        kind, extras = _plain(item)
        rows = value if isinstance(value, list) else []
        node.kind = "rows" if is_model(kind) else "strings"
        node.photos = kind is Anh
        for i, row in enumerate(rows):
            child = Node("text", f"{node.path}.{i}", f"{node.title} ({i + 1})", origin=i)
            child.depth = node.depth + 1
            self.typed(child, kind, extras, row)
            node.children.append(child)

    def targets(self, node: Node, value: Any) -> None:
        """The results of the plan's targets: one group per target, in the plan's order."""
        from baocao.schema.chi_tieu import ThucHien

        node.kind = "targets"
        given = value if isinstance(value, dict) else {}
        known = {t.ma: t for t in self.plan.chi_tieu} if self.plan else {}
        for ma in [*known, *(k for k in given if k not in known)]:
            target = known.get(ma)
            data = _expanded(ThucHien, _shorthand_of(), given.get(ma))
            path = f"{node.path}.{ma}"
            group = Node("group", path, target.noi_dung if target else ma, depth=node.depth + 1)
            shown = fields_of(target.loai) if target else tuple(ThucHien.model_fields)
            group.note = LOAI[target.loai] if target else "mã này không có trong tệp kế hoạch"
            for key in shown:
                if key == "phan":
                    if target and target.phan:
                        group.children.append(self.parts(target, data, path, group.depth + 1))
                    continue
                info = ThucHien.model_fields[key]
                child_value = data.get(key) if isinstance(data, dict) else None
                group.children.append(self.field(info, child_value, f"{path}.{key}", group.depth))
            node.children.append(group)

    def parts(self, target: Any, data: Any, path: str, depth: int) -> Node:
        given = data.get("phan") if isinstance(data, dict) else None
        given = given if isinstance(given, dict) else {}
        group = Node("group", f"{path}.phan", "Số lượng từng phần", depth=depth)
        for part in target.phan:
            child = Node("number", f"{path}.phan.{part.ma}", part.ten, depth=depth)
            child.value = _text(given.get(part.ma))
            child.description = f"Ít nhất {part.it_nhat}."
            group.children.append(child)
        return group


def _shorthand_of() -> list[Any]:
    """The validators that read a target's shorthand result (`2`, `có`)."""
    from baocao.schema.chi_tieu import KetQuaChiTieu

    return list(get_args(KetQuaChiTieu)[1:])
