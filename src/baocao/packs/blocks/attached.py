"""What a report attaches: the annual plan's targets, and photos."""

from __future__ import annotations

from baocao.packs.blocks.base import Block
from baocao.schema.anh import Anh
from baocao.schema.chi_tieu import ChiTieuBaoCao

KET_QUA_CHI_TIEU = Block(
    "ket_qua_chi_tieu",
    "kết quả các chỉ tiêu của kế hoạch năm học (tệp kế hoạch và kết quả từng chỉ tiêu)",
    ChiTieuBaoCao,
)
ANH = Block(
    "anh", "ảnh hoạt động: tệp ảnh và chú thích", Anh, many=True, params=frozenset({"it_nhat"})
)
