"""`baocao soan`: a form in the browser that writes the report's YAML file.

A web edge like the CLI: each request is parsed, handed to the core (the one
check pipeline, `tinh_toan`, `build.render`), and its answer rendered. Nothing
here checks or computes a report; the form itself is generated from the
report's pydantic model (`form_model`), so guideline packs plug in here.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from baocao.errors import UsageError


def form_model(huong_dan: str | None, near: Path) -> type[BaseModel]:
    """The report model the form follows: that of the guideline pack `huong_dan` (an id, or a
    path from the report's folder `near`), or the built-in Ninh Bình one."""
    from baocao.packs.derive import report_model
    from baocao.packs.find import locate, pack_at
    from baocao.schema import DEFAULT_PACK, BaoCao

    if not huong_dan or huong_dan == DEFAULT_PACK:
        return BaoCao
    from baocao.packs.plan import is_plan_pack

    where = locate(huong_dan, near)
    if isinstance(where, str):
        raise UsageError(where)
    goi = pack_at(where)
    if is_plan_pack(goi):  # the form, its checks and its preview are a report's
        raise UsageError(
            f"gói «{goi.ma}» là gói kế hoạch: biểu mẫu trong trình duyệt chỉ soạn báo cáo; tạo "
            f"tệp kế hoạch bằng «baocao init --huong-dan {huong_dan} TỆP.yaml»"
        )
    return report_model(goi)
