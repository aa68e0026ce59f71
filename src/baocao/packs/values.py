"""What baocao derives from a report of any pack for its template: `tinh_toan`.

The frame's values (`compute.derived.VanBanTinh`: number, date line, addressees,
signer…) and, under `tinh_toan.muc`, what each block derives from its value
(`Block.derive`), at the path of its point in the outline: a `so_lieu_doi_ngu`
point at `ket_qua.doi_ngu` has its shares at `tinh_toan.muc.ket_qua.doi_ngu`.
The type of these values is built from the pack (once per pack), so that the
template checker and the guide know every name a pack's template may use.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, Optional, get_type_hints

from pydantic import BaseModel

from baocao.compute.derived import VanBanTinh, van_ban_values
from baocao.packs.blocks import BLOCKS
from baocao.packs.derive import class_name, pack_key, paths_of, value_at
from baocao.packs.model import Goi, Muc
from baocao.schema.anh import Anh

MUC = "muc"
"""The field of `tinh_toan` holding the blocks' derived values, by the outline's paths."""


_TYPES: dict[str, type[VanBanTinh]] = {}


def values_type(goi: Goi) -> type[VanBanTinh]:
    """The type of `tinh_toan` for reports of `goi` (a dataclass on `VanBanTinh`), built
    once per pack."""
    key = pack_key(goi)
    if key not in _TYPES:
        _TYPES[key] = _values_type(goi)
    return _TYPES[key]


def _values_type(goi: Goi) -> type[VanBanTinh]:
    fields: list[Any] = [
        ("tom_tat", str, dataclasses.field(metadata={"doc": _TOM_TAT})),
        ("nam_hoc", str, dataclasses.field(metadata={"doc": _NAM_HOC})),
    ]
    nested = _group_type(goi.noi_dung, class_name(goi.ma))
    if nested is not None:
        fields.append((MUC, nested, dataclasses.field(default=None, metadata={"doc": _MUC})))
    made = dataclasses.make_dataclass(
        f"TinhToan{class_name(goi.ma)}", fields, bases=(VanBanTinh,), frozen=True, kw_only=True
    )
    made.__doc__ = f"Giá trị baocao tự tính cho báo cáo theo gói {goi.ma}."
    return made


_TOM_TAT = "Trích yếu viết thường chữ đầu, để đặt trong câu («… tổng kết hoạt động …»)."
_NAM_HOC = "Năm học của văn bản, ví dụ 2023-2024 (in vào đề mục ghi năm học của gói)."
_MUC = "Giá trị tự tính của từng mục, theo tên mục: tỷ lệ, tổng tiền, biến động…"


def _group_type(nodes: list[Muc], name: str) -> type | None:
    """The derived values of the points below a group, or None when none derives any."""
    fields: list[Any] = []
    for node in nodes:
        kind = _node_type(node, name + class_name(node.ma))
        if kind is not None:
            doc = {"doc": f"{node.heading}: giá trị tự tính."}
            annotation = kind if node.bat_buoc else Optional[kind]  # noqa: UP045  (run time)
            fields.append((node.ma, annotation, dataclasses.field(metadata=doc)))
    return dataclasses.make_dataclass(name, fields, frozen=True) if fields else None


def _node_type(node: Muc, name: str) -> type | None:
    if node.muc is not None:
        return _group_type(node.muc, name)
    derive = BLOCKS[str(node.khoi)].derive
    return None if derive is None else get_type_hints(derive)["return"]


def pack_values(goi: Goi, report: BaseModel) -> VanBanTinh:
    """Every value derived from a valid report of `goi`."""
    kind = values_type(goi)
    vb = getattr(report, "van_ban")  # noqa: B009  (every report model has it; typed at run time)
    nam_hoc = document_year(report)
    trich_yeu = goi.van_ban.trich_yeu.replace(goi.nam_hoc, nam_hoc)
    values: dict[str, Any] = {
        **van_ban_values(vb, goi.van_ban.ten_loai.capitalize()),
        "trich_yeu": trich_yeu,
        "tom_tat": trich_yeu[:1].lower() + trich_yeu[1:],
        "nam_hoc": nam_hoc,
    }
    if MUC in {f.name for f in dataclasses.fields(kind)}:
        values[MUC] = _group_values(goi.noi_dung, report, get_type_hints(kind)[MUC])
    return kind(**values)


def document_year(report: BaseModel) -> str:
    """A report's school year is in its header; a plan's (whose header has none), its own."""
    vb = getattr(report, "van_ban")  # noqa: B009  (every document model has it)
    return str(getattr(vb, "nam_hoc", None) or getattr(report, "nam_hoc"))  # noqa: B009


def _group_values(nodes: list[Muc], value: Any, kind: Any) -> Any:
    if value is None:  # an optional part left out derives nothing
        return None
    found = {}
    for name in (f.name for f in dataclasses.fields(kind)):
        node = next(n for n in nodes if n.ma == name)
        found[name] = _node_values(node, getattr(value, name), get_type_hints(kind)[name])
    return kind(**found)


def _node_values(node: Muc, value: Any, kind: Any) -> Any:
    if node.muc is not None:
        from baocao.schema.walk import unwrap_optional

        return _group_values(node.muc, value, unwrap_optional(kind))
    derive = BLOCKS[str(node.khoi)].derive
    assert derive is not None
    return None if value is None else derive(value)


def photos_of(goi: Goi, report: BaseModel) -> list[Anh]:
    """The report's photos, in the order of its `anh` points and of each point's list."""
    return list(_photos(goi, report))


def _photos(goi: Goi, report: BaseModel) -> Iterator[Anh]:
    for path in paths_of(goi, "anh"):
        yield from value_at(report, path) or []
