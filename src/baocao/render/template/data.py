"""What a template can see: the names `render.context()` holds, their types and their docs.

Read from the pydantic models and the `compute` dataclasses at run time, so that
the template checker and the guide `baocao new-template` writes can never fall
behind the schema.
"""

from __future__ import annotations

import dataclasses
import types
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from baocao.caches import remember
from baocao.compute.derived import TinhToan
from baocao.schema import BaoCao
from baocao.schema.types import is_prose
from baocao.schema.walk import is_model, unwrap_optional

if TYPE_CHECKING:
    from baocao.packs.model import Goi


@dataclasses.dataclass(frozen=True)
class Member:
    """One name a template may use below another: its type and its Vietnamese docs."""

    annotation: Any
    title: str = ""
    description: str = ""
    prose: bool = False


TINH_TOAN = Member(
    TinhToan,
    "Giá trị baocao tự tính",
    "Những gì suy ra từ dữ liệu: số và ký hiệu, dòng ngày tháng, tỷ lệ, tổng tiền.",
)


def context_members(model: type[BaseModel] = BaoCao, derived: type = TinhToan) -> dict[str, Member]:
    """The top-level names of `render.context()`: the parts of a report of `model` and
    `tinh_toan` of type `derived` (the built-in template's by default)."""
    return {**members(model), "tinh_toan": dataclasses.replace(TINH_TOAN, annotation=derived)}


def pack_members(goi: Goi | None) -> dict[str, Member]:
    """The names a template of `goi`'s documents (reports, or plans) can use; the built-in
    template's for None."""
    if goi is None:
        return context_members()
    from baocao.packs.plan import document_model
    from baocao.packs.values import values_type

    return context_members(document_model(goi), values_type(goi))


def plain(annotation: Any) -> Any:
    """The type under `Annotated[…]` and `… | None`: `Annotated[int, …] | None` → `int`."""
    annotation = unwrap_optional(annotation)
    if get_origin(annotation) is Annotated:
        return plain(get_args(annotation)[0])
    return annotation


def is_optional(annotation: Any) -> bool:
    """Whether a value of this type may be missing (`None`)."""
    optional = get_origin(annotation) in (Union, types.UnionType)
    return optional and type(None) in get_args(annotation)


def list_item(annotation: Any) -> Any | None:
    """The item type of a list type; None for any other type."""
    kind = plain(annotation)
    return plain(get_args(kind)[0]) if get_origin(kind) is list and get_args(kind) else None


def members(annotation: Any) -> dict[str, Member]:
    """The fields of a model or dataclass type, by name; empty for any other type."""
    return _members(plain(annotation))


@remember(maxsize=None)  # the checker asks for the same few types at every attribute
def _members(kind: Any) -> dict[str, Member]:
    if is_model(kind):
        return {name: _model_member(info) for name, info in kind.model_fields.items()}
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = get_type_hints(kind)
        return {
            f.name: Member(hints[f.name], description=f.metadata.get("doc", ""))
            for f in dataclasses.fields(kind)
        }
    return {}


def has_members(annotation: Any) -> bool:
    """Whether the type is a group of named fields (a model or a dataclass)."""
    kind = plain(annotation)
    return is_model(kind) or (dataclasses.is_dataclass(kind) and isinstance(kind, type))


def _model_member(info: FieldInfo) -> Member:
    return Member(info.annotation, info.title or "", info.description or "", is_prose(info))


_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "giá trị đúng/sai"),
    (int, "số"),
    (date, "ngày"),
    (str, "chữ"),
)


def kind_name(annotation: Any) -> str:
    """What a value of this type is, in Vietnamese: `chữ`, `số`, `ngày`, `danh sách`…"""
    kind = plain(annotation)
    if list_item(kind) is not None:
        return "danh sách"
    if has_members(kind):
        return "nhóm mục"
    found = (name for base, name in _KINDS if isinstance(kind, type) and issubclass(kind, base))
    return next(found, "giá trị")
