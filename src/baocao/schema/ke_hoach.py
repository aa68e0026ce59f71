"""The annual plan as a document: its header and the prose around its targets.

A school union's plan (kế hoạch năm học) is: the header, opening paragraphs
(the bases it follows), I. aims and requirements, II. the targets (`ChiTieu`,
in `chi_tieu`), III. groups of key tasks, a closing paragraph. The targets are
what reports measure; the rest is what a rendered plan prints. Every part here
is optional, so that a plan file with only its targets stays valid.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from baocao.schema.types import DanhSach, Dong, Model, Ngay, VanBan, field, parse_count
from baocao.schema.van_ban import MAX_SO, NguoiKy


class VanBanKeHoach(Model):
    """Header and closing of the plan, as for a report, without what only a report has.

    The school year is the plan's own `nam_hoc`, not repeated here; a plan has
    no «Kính gửi» and no deadline, only recipients («Nơi nhận»).
    """

    co_quan_chu_quan: Dong = field(
        "Cơ quan chủ quản",
        "Công đoàn cấp trên trực tiếp, ví dụ «CÔNG ĐOÀN GIÁO DỤC TỈNH NINH BÌNH».",
        default="CÔNG ĐOÀN GIÁO DỤC TỈNH NINH BÌNH",
    )
    co_quan_ban_hanh: Dong = field(
        "Cơ quan ban hành", "Công đoàn cơ sở ban hành kế hoạch, ví dụ «CĐCS TRƯỜNG THCS PHÚ LẠC»."
    )
    so: Annotated[int, BeforeValidator(parse_count)] = field(
        "Số văn bản", "Số thứ tự của kế hoạch trong năm, ví dụ 12.", ge=1, le=MAX_SO, strict=True
    )
    ky_hieu: Dong = field(
        "Ký hiệu văn bản", "Phần sau số, ví dụ «KH-CĐCS» cho kế hoạch.", default="KH-CĐCS"
    )
    dia_danh: Dong = field("Địa danh", "Nơi ban hành văn bản, ví dụ «Ninh Bình».")
    ngay: Ngay = field("Ngày ban hành", "Ngày ký kế hoạch, viết 10/10/2023 hoặc 2023-10-10.")
    noi_nhan: DanhSach = field(
        "Nơi nhận",
        "Danh sách nơi nhận ở cuối văn bản, mỗi nơi một dòng, ví dụ «Công đoàn cấp trên (b/c)», "
        "«Lưu: VT, BCH».",
        default_factory=lambda: ["Lưu: VT, BCH"],
        min_length=1,
    )
    nguoi_ky: NguoiKy = Field(title="Người ký")


class NhomNhiemVu(Model):
    """One numbered group of section III: its heading and its paragraphs."""

    ten: Dong = field(
        "Tên nhóm nhiệm vụ",
        "Đề mục của nhóm, không gõ số thứ tự, ví dụ «Công tác tài chính công đoàn».",
    )
    noi_dung: VanBan = field(
        "Nội dung", "Nhiệm vụ, giải pháp của nhóm; mỗi dòng không trống thành một đoạn văn."
    )
