"""The pack file's own schema: what `baocao huong-dan check` accepts (see packs-spec.md)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from baocao.schema.types import DanhSach, Dong, Model, NamHoc, Ngay, SoDem, field

Ma = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
"""A key of the report's YAML: lowercase without diacritics, digits, «_»."""

MaGoi = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
"""A pack's id: lowercase a-z, 0-9 and «-»."""


class SoAnh(Model):
    """How many photos the guideline asks for («Kèm 5-10 ảnh»)."""

    it_nhat: SoDem = field("Số ảnh ít nhất", default=0)
    nhieu_nhat: SoDem | None = field("Số ảnh nhiều nhất", default=None)


class VanBanGoi(Model):
    """The document the chair writes: its type, summary line and default addressees."""

    loai: Annotated[str, StringConstraints(pattern=r"^[A-ZĐ]{1,4}$")] = field(
        "Mã loại văn bản", "Ví dụ BC (báo cáo), KH (kế hoạch): in thành «Số: 15/BC-CĐCS»."
    )
    ten_loai: Dong = field("Tên loại văn bản", "Dòng tên loại, ví dụ «BÁO CÁO».")
    trich_yeu: Dong = field("Trích yếu", "Dòng trích yếu nội dung dưới tên loại.")
    kinh_gui: DanhSach = field(
        "Kính gửi",
        "Nơi nhận chính mặc định (báo cáo có thể ghi khác); không ghi khi văn bản không gửi ai "
        "(kế hoạch).",
        default_factory=list,
    )
    noi_nhan: DanhSach = field(
        "Nơi nhận", "Danh sách nơi nhận mặc định ở cuối văn bản.", min_length=1
    )
    han_nop: Ngay | None = field("Hạn nộp", "Hạn gửi văn bản theo hướng dẫn.", default=None)
    anh: SoAnh | None = field("Ảnh kèm theo", "Số ảnh hướng dẫn yêu cầu gửi kèm.", default=None)
    cau_ket: bool = field(
        "Câu kết",
        "In câu kết «Trên đây là …./.» (mặc định có); false khi đoạn kết do người viết soạn.",
        default=True,
    )


class ThamSo(Model):
    """Every block parameter there is; each block type accepts some of them (`Block.params`)."""

    it_nhat: SoDem | None = field(
        "Số mục ít nhất",
        "Danh sách phải có ít nhất chừng này mục (mặc định 1 khi bắt buộc).",
        default=None,
    )
    ngay_chot: Annotated[str, StringConstraints(pattern=r"^\d{1,2}/\d{1,2}$")] | None = field(
        "Ngày chốt số liệu",
        "Ngày/tháng số liệu phải tính đến, ví dụ 20/12; số liệu tính đến ngày khác được cảnh báo.",
        default=None,
    )


class Muc(Model):
    """One point of the outline: a group of points (`muc`) or a block to fill (`khoi`)."""

    so: Dong | None = field(
        "Số thứ tự",
        "Đúng như hướng dẫn in: «I.», «1.», «a)», «Phần thứ nhất», «A.»…",
        default=None,
    )
    tieu_de: Dong = field("Tiêu đề", "Đề mục, đúng từng chữ của hướng dẫn.")
    ma: Ma = field("Mã", "Tên mục trong tệp YAML của báo cáo (chữ thường không dấu, «_»).")
    huong_dan: Dong | None = field(
        "Lời hướng dẫn", "Nguyên văn yêu cầu của hướng dẫn ở điểm này (không in ra).", default=None
    )
    khoi: Dong | None = field("Loại khối", "Khối người viết điền ở điểm này.", default=None)
    muc: list[Muc] | None = field("Các mục con", "Các điểm con, theo thứ tự.", default=None)
    bat_buoc: bool = field("Bắt buộc", "Mặc định có (true).", default=True)
    in_tieu_de: bool | None = field(
        "In tiêu đề", "Có in đề mục không (mặc định có khi có số thứ tự).", default=None
    )
    tham_so: ThamSo = field("Tham số của khối", default_factory=ThamSo)

    @property
    def printed(self) -> bool:
        """Whether the heading is printed: as the pack says, else when it is numbered."""
        return self.in_tieu_de if self.in_tieu_de is not None else self.so is not None

    @property
    def heading(self) -> str:
        """The heading as printed: its marker, then its words."""
        return f"{self.so} {self.tieu_de}" if self.so else self.tieu_de


Ky = Literal["hoc_ky_1", "hoc_ky_2", "ca_nam", "ke_hoach"]


class Goi(Model):
    """A guideline pack (gói hướng dẫn)."""

    ma: MaGoi = field("Mã gói", "Ví dụ ninh-binh-hk1-2023-2024 (chữ thường, chữ số, «-»).")
    ten: Dong = field("Tên hướng dẫn")
    co_quan: Dong = field(
        "Cơ quan ban hành hướng dẫn", "Ví dụ «Công đoàn Giáo dục tỉnh Ninh Bình»."
    )
    so_hieu: Dong | None = field("Số hiệu hướng dẫn", "Ví dụ 158/HD-CĐGD.", default=None)
    ngay: Ngay | None = field("Ngày của hướng dẫn", default=None)
    nam_hoc: NamHoc = field("Năm học")
    ky: Ky = field("Kỳ báo cáo", "hoc_ky_1, hoc_ky_2, ca_nam hoặc ke_hoach.")
    van_ban: VanBanGoi = Field(title="Văn bản")
    noi_dung: list[Muc] = field("Nội dung", "Các phần của văn bản, theo thứ tự.", min_length=1)
