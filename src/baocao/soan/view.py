"""What the page shows besides the fields: problems by field, computed figures, the outline.

Every check and figure comes from the core (the check pipeline, `tinh_toan`);
this only places them next to the field they concern.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from baocao.checks.pipeline import Checked
from baocao.compute import filters
from baocao.compute.derived import TinhToan, TongChi, doan_vien_cuoi_ky, tinh_toan
from baocao.errors import Problem
from baocao.soan.form import Node, problem_path

PLACES = {
    "so_ky_hieu": "van_ban.so",
    "dia_danh_ngay": "van_ban.ngay",
    "trich_yeu": "van_ban.nam_hoc",
    "co_quan_ban_hanh": "van_ban.co_quan_ban_hanh",
    "ty_le_nu": "tinh_hinh.so_lieu",
    "ty_le_doan_vien": "tinh_hinh.so_lieu",
    "doan_vien_cuoi_ky": "tinh_hinh.bien_dong",
    "doan_vien_thay_doi": "tinh_hinh.bien_dong",
    "tham_hoi": "ket_qua.cham_lo.tham_hoi",
    "ke_hoach_tet": "ket_qua.cham_lo.ke_hoach_tet",
}
"""Where each figure baocao computes is shown in the form, beside the facts it comes from."""

_SHOWN = (
    "so_ky_hieu",
    "dia_danh_ngay",
    "trich_yeu",
    "ty_le_nu",
    "ty_le_doan_vien",
    "doan_vien_thay_doi",
    "tham_hoi",
    "ke_hoach_tet",
)
_TO_FILL = ("chưa điền", "thiếu mục bắt buộc", "cần ít nhất")


def navigation(form: Node) -> list[tuple[str, str, int]]:
    """The outline of the guideline (I, II.1 … IV): each part's anchor, title and level."""
    entries: list[tuple[str, str, int]] = []
    for part in form.children:
        if part.kind != "group":
            entries.append((part.path, part.title, 0))
            continue
        entries.append((part.path, part.title, 0))
        entries += [
            (sub.path, sub.title, 1)
            for sub in part.children
            if sub.kind == "group" and sub.title[:1].isdigit()
        ]
    return entries


def results(checked: Checked[Any], form: Node) -> dict[str, Any]:
    """The check's problems, each placed on the nearest field of the form, and the figures."""
    fields = {node.path: node for node in form.walk()}
    problems = [_problem(p, checked, fields) for p in checked.problems]
    return {
        "problems": problems,
        "ok": checked.ok,
        "computed": computed(checked),
        "targets": _target_status(checked),
    }


def _problem(problem: Problem, checked: Checked[Any], fields: dict[str, Node]) -> dict[str, Any]:
    if problem.file != checked.source:  # found in the plan the report names
        path, message = "chi_tieu.ke_hoach", f"{problem.file.name}:{problem.line}: {problem}"
    else:
        path, message = problem_path(problem.path), problem.message
    while path and path not in fields:
        path = path.rsplit(".", 1)[0] if "." in path else ""
    node = fields.get(path)
    title = node.title if node is not None and path else "Toàn tệp"
    parent = fields.get(path.rsplit(".", 1)[0]) if "." in path else None
    if parent is not None and parent.title and parent.kind == "group":
        title = f"{parent.title} › {title}"  # «Mô tả» alone would not say which
    kind = "canh_bao" if not problem.is_error else "thieu" if _to_fill(message) else "loi"
    return {
        "field": path,
        "title": title,
        "message": message,
        "kind": kind,
        "line": problem.line,
    }


def _to_fill(message: str) -> bool:
    return any(message.startswith(words) for words in _TO_FILL)


def _figures(checked: Checked[Any]) -> TinhToan | None:
    if not checked.ok or checked.kind.model is not type(checked.model):
        return None
    return tinh_toan(checked.require(), checked.ke_hoach)


def computed(checked: Checked[Any]) -> list[dict[str, str]]:
    """The figures baocao computes, as they will print, each with where the form shows it."""
    figures = _figures(checked)
    if figures is None:
        return []
    docs = {f.name: _label(f.metadata.get("doc", f.name)) for f in dataclasses.fields(TinhToan)}
    shown: list[dict[str, str]] = []
    for name in _SHOWN:
        value = getattr(figures, name)
        text = _money(value) if isinstance(value, TongChi) else str(value)
        shown.append({"name": name, "label": docs[name], "value": text, "field": PLACES[name]})
    end = doan_vien_cuoi_ky(checked.require().tinh_hinh.bien_dong)
    if end is not None:
        label = "Số đoàn viên cuối học kỳ (đầu kỳ và biến động)"
        shown.append(
            {
                "name": "cuoi_ky",
                "label": label,
                "value": filters.so(end),
                "field": PLACES["doan_vien_cuoi_ky"],
            }
        )
    return shown


def _label(doc: str) -> str:
    """A figure's description without its example: «Tỷ lệ nữ trên tổng số CBNGNLĐ»."""
    return re.split(r", ví dụ|: «| \(", doc, maxsplit=1)[0].rstrip(".")


def _money(total: TongChi) -> str:
    return f"{filters.tien(total.tong)} ({total.bang_chu})"


def _target_status(checked: Checked[Any]) -> list[dict[str, str]]:
    figures = _figures(checked)
    if figures is None:
        return []
    return [
        {"field": f"chi_tieu.ket_qua.{row.ma}", "ket_qua": row.ket_qua, "danh_gia": row.danh_gia}
        for row in figures.chi_tieu
    ]


def preview(checked: Checked[Any]) -> TinhToan | None:
    """What the preview prints besides the fields: the header, totals, targets."""
    return _figures(checked)
