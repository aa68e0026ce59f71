"""The closed library of block types a pack may name in `khoi`, registered here alone.

A pack chooses among these and sets their parameters; it can add none. The
document's header and closing (`van_ban`) are no block of the outline: every
pack has them, with the defaults the pack gives (`derive`).
"""

from __future__ import annotations

from baocao.packs.blocks.activities import KHOAN_CHI, NHIEM_VU, PHAT_TRIEN_DANG, PHONG_TRAO, TON_TAI
from baocao.packs.blocks.attached import ANH, KET_QUA_CHI_TIEU
from baocao.packs.blocks.base import Block
from baocao.packs.blocks.plan import CHI_TIEU, DE_MUC, NHOM_NHIEM_VU
from baocao.packs.blocks.staff import BIEN_DONG_DOAN_VIEN, SO_LIEU_DOI_NGU
from baocao.packs.blocks.text import DANH_SACH, VAN_XUOI

BLOCKS: dict[str, Block] = {
    block.name: block
    for block in (
        VAN_XUOI,
        DANH_SACH,
        SO_LIEU_DOI_NGU,
        BIEN_DONG_DOAN_VIEN,
        KHOAN_CHI,
        PHONG_TRAO,
        PHAT_TRIEN_DANG,
        TON_TAI,
        NHIEM_VU,
        KET_QUA_CHI_TIEU,
        ANH,
        DE_MUC,
        CHI_TIEU,
        NHOM_NHIEM_VU,
    )
}

__all__ = ["BLOCKS", "Block"]
