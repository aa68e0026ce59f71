"""The document's own data: who issues it, its number, date, addressees and signer."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from baocao.schema.types import DanhSach, Dong, Model, NamHoc, Ngay, field, parse_count

MAX_SO = 99_999
"""A report's number within its year; «Số: 15/BC-CĐCS» never has more digits."""


class NguoiKy(Model):
    """The signature block (thể thức ký)."""

    quyen_han: Dong = field(
        "Quyền hạn ký",
        "Dòng thẩm quyền, ví dụ «TM. BAN CHẤP HÀNH», «TM. BAN THƯỜNG VỤ», «KT. CHỦ TỊCH».",
        default="TM. BAN CHẤP HÀNH",
    )
    chuc_vu: Dong = field("Chức vụ người ký", "Ví dụ «CHỦ TỊCH».", default="CHỦ TỊCH")
    ho_ten: Dong = field("Họ và tên người ký", "Ví dụ «Nguyễn Thị Hoa».")


class VanBan(Model):
    """Header, title and closing of the report (Nghị định 30/2020, Quyết định 933/QĐ-TLĐ)."""

    co_quan_chu_quan: Dong = field(
        "Cơ quan chủ quản",
        "Công đoàn cấp trên trực tiếp, ví dụ «CÔNG ĐOÀN GIÁO DỤC TỈNH NINH BÌNH».",
        default="CÔNG ĐOÀN GIÁO DỤC TỈNH NINH BÌNH",
    )
    co_quan_ban_hanh: Dong = field(
        "Cơ quan ban hành", "Công đoàn cơ sở gửi báo cáo, ví dụ «CĐCS TRƯỜNG THCS ĐINH TIÊN HOÀNG»."
    )
    so: Annotated[int, BeforeValidator(parse_count)] = field(
        "Số văn bản", "Số thứ tự của báo cáo trong năm, ví dụ 15.", ge=1, le=MAX_SO, strict=True
    )
    ky_hieu: Dong = field(
        "Ký hiệu văn bản", "Phần sau số, ví dụ «BC-CĐCS» cho báo cáo.", default="BC-CĐCS"
    )
    dia_danh: Dong = field("Địa danh", "Nơi ban hành văn bản, ví dụ «Ninh Bình».")
    ngay: Ngay = field("Ngày ban hành", "Ngày ký báo cáo, viết 20/12/2023 hoặc 2023-12-20.")
    nam_hoc: NamHoc = field("Năm học", "Ví dụ 2023-2024.")
    han_nop: Ngay | None = field(
        "Hạn nộp báo cáo",
        "Hạn gửi báo cáo theo hướng dẫn của cấp trên (ví dụ 25/12/2023); "
        "báo cáo ký sau hạn này sẽ được cảnh báo.",
        default=None,
    )
    kinh_gui: DanhSach = field(
        "Kính gửi",
        "Nơi nhận chính của báo cáo, mỗi nơi một dòng.",
        default_factory=lambda: ["Ban Thường vụ Công đoàn Giáo dục tỉnh Ninh Bình"],
        min_length=1,
    )
    noi_nhan: DanhSach = field(
        "Nơi nhận",
        "Danh sách nơi nhận ở cuối văn bản, mỗi nơi một dòng, ví dụ «Như trên», «Lưu: BCH».",
        default_factory=lambda: ["Như trên", "Lưu: BCH"],
        min_length=1,
    )
    nguoi_ky: NguoiKy = Field(title="Người ký")

    @property
    def nam_hoc_ket_thuc(self) -> int:
        """The calendar year in which the school year ends (its semester II and Tết)."""
        return int(self.nam_hoc.split("-")[1])
