"""`baocao soan`: a form in the browser that writes the report's YAML file.

A web edge like the CLI: each request is parsed, handed to the core (the one
check pipeline, `tinh_toan`, `build.render`), and its answer rendered. Nothing
here checks or computes a report; the form itself is generated from the
report's pydantic model (`form_model`), so guideline packs plug in here.
"""

from __future__ import annotations

from pydantic import BaseModel

from baocao.errors import UsageError


def form_model(huong_dan: str | None = None) -> type[BaseModel]:
    """The report model the form follows: the guideline pack `huong_dan`, or the built-in one.

    Packs (one per province's guideline) will yield a model of the same kind,
    with their own titles and descriptions; until then only the built-in one exists.
    """
    from baocao.schema import BaoCao

    if huong_dan not in (None, "", "ninh-binh-hk1"):
        raise UsageError(f"không có hướng dẫn «{huong_dan}»; hiện có: ninh-binh-hk1")
    return BaoCao
