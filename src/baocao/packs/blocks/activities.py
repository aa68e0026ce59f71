"""What a union did: spending, emulation movements, growth, shortcomings, tasks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from baocao.errors import PathKey
from baocao.packs.blocks.base import Block
from baocao.packs.model import ThamSo
from baocao.schema.ket_qua import HoatDongChi, PhatTrien, PhongTrao
from baocao.schema.phuong_huong import NhiemVu, TonTai

if TYPE_CHECKING:
    from baocao.checks.cross import Finding


def _spending(hoat_dong: HoatDongChi, at: PathKey, _params: ThamSo) -> Iterator[Finding]:
    from baocao.checks.cross import spending

    return spending(hoat_dong, at)


_LIST = frozenset({"it_nhat"})

KHOAN_CHI = Block(
    "khoan_chi",
    "văn xuôi kèm các khoản chi (số người × mức chi, hoặc tổng tiền; tổng cộng, bằng chữ)",
    HoatDongChi,
    checks=(_spending,),
)
PHONG_TRAO = Block(
    "phong_trao",
    "các phong trào thi đua: tên, nơi phát động, giải pháp, mức độ phù hợp, kết quả, mô hình "
    "hay, khen thưởng",
    PhongTrao,
    many=True,
    params=_LIST,
)
PHAT_TRIEN_DANG = Block(
    "phat_trien_dang",
    "phát triển đoàn viên, đảng viên: văn xuôi, số giới thiệu cho Đảng, số được kết nạp",
    PhatTrien,
)
TON_TAI = Block(
    "ton_tai",
    "các tồn tại, hạn chế, mỗi mục kèm nguyên nhân và giải pháp khắc phục",
    TonTai,
    many=True,
    params=_LIST,
)
NHIEM_VU = Block(
    "nhiem_vu", "các nhiệm vụ, mỗi nhiệm vụ kèm giải pháp", NhiemVu, many=True, params=_LIST
)
