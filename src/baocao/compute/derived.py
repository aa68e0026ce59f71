"""Everything the report states that is derived rather than typed.

The chair types raw facts once; the number and symbol, the date line, the
punctuated recipient lists, shares and money totals are computed here so that
no template does arithmetic and no figure is typed twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from baocao.compute import filters
from baocao.compute.targets import DongChiTieu, rows
from baocao.schema import BaoCao
from baocao.schema.chi_tieu import KeHoach
from baocao.schema.ket_qua import HoatDongChi, KhoanChi
from baocao.schema.tinh_hinh import BienDong
from baocao.schema.van_ban import VanBan


@dataclass(frozen=True)
class DongChi:
    """A spending line ready to print, and its amount."""

    noi_dung: str = field(metadata={"doc": "Nội dung khoản chi."})
    chi_tiet: str = field(
        metadata={"doc": "Cách tính, ví dụ «4 người × 500.000 đồng = 2.000.000 đồng»."}
    )
    so_tien: int = field(metadata={"doc": "Số tiền của khoản chi (đồng)."})


@dataclass(frozen=True)
class TongChi:
    """The spending lines of an activity and their total."""

    dong: list[DongChi] = field(metadata={"doc": "Từng khoản chi."})
    tong: int = field(metadata={"doc": "Tổng số tiền các khoản chi (đồng)."})
    bang_chu: str = field(
        metadata={"doc": "Tổng số tiền bằng chữ, ví dụ «Hai mươi triệu sáu trăm nghìn đồng»."}
    )


@dataclass(frozen=True)
class PhuLucAnh:
    """A photo of the appendix: its number, caption and the picture docxtpl inserts."""

    stt: int = field(metadata={"doc": "Số thứ tự của ảnh."})
    chu_thich: str = field(metadata={"doc": "Chú thích ảnh."})
    hinh: Any = field(metadata={"doc": "Ảnh, in bằng «{{ a.hinh }}» trong một đoạn riêng."})


@dataclass(frozen=True, kw_only=True)
class VanBanTinh:
    """What every document derives for its header, title, closing and appendices.

    The built-in template's `TinhToan` and every guideline pack's values
    (`packs.values`) start with these, so that the shared frame of the layout
    (`render.layout.frame`) prints any of them. Each field's `doc` is its
    Vietnamese description in the guide `baocao new-template` writes.
    """

    co_quan_chu_quan: str = field(metadata={"doc": "Cơ quan chủ quản, viết hoa."})
    co_quan_ban_hanh: str = field(metadata={"doc": "Cơ quan ban hành, viết hoa."})
    so_ky_hieu: str = field(metadata={"doc": "Số và ký hiệu, ví dụ «15/BC-CĐCS»."})
    dia_danh_ngay: str = field(
        metadata={"doc": "Địa danh và ngày, ví dụ «Nho Quan, ngày 20 tháng 12 năm 2023»."}
    )
    trich_yeu: str = field(
        metadata={"doc": "Trích yếu: «Sơ kết hoạt động công đoàn học kỳ I, năm học 2023-2024»."}
    )
    kinh_gui: list[str] = field(metadata={"doc": "Các dòng «Kính gửi», đã có dấu câu."})
    noi_nhan: list[str] = field(metadata={"doc": "Các dòng «Nơi nhận», đã có «- », «;» và «.»."})
    quyen_han: str = field(metadata={"doc": "Quyền hạn ký, viết hoa, ví dụ «TM. BAN CHẤP HÀNH»."})
    chuc_vu: str = field(metadata={"doc": "Chức vụ người ký, viết hoa."})
    kem_theo: str = field(
        metadata={"doc": "Dòng dưới tên phụ lục: «Kèm theo Báo cáo số … ngày … của …»."}
    )
    chi_tieu: list[DongChiTieu] = field(
        default_factory=list,
        metadata={"doc": "Các chỉ tiêu của kế hoạch năm học, kết quả và đánh giá (có thể trống)."},
    )
    # Filled by `render` when the photos appendix is asked for: a picture needs the document.
    phu_luc_anh: list[PhuLucAnh] = field(
        default_factory=list,
        metadata={"doc": "Ảnh in ở phụ lục (khi xuất với --phu-luc-anh); trống nếu không."},
    )


@dataclass(frozen=True, kw_only=True)
class TinhToan(VanBanTinh):
    """Values computed from the data, available to the built-in template as `tinh_toan`."""

    tet: str = field(metadata={"doc": "Tết sắp tới, ví dụ «Tết Nguyên đán Giáp Thìn 2024»."})
    ty_le_nu: str = field(metadata={"doc": "Tỷ lệ nữ trên tổng số CBNGNLĐ, ví dụ «73,8%»."})
    ty_le_doan_vien: str = field(metadata={"doc": "Tỷ lệ đoàn viên trên tổng số CBNGNLĐ."})
    doan_vien_dau_ky: int | None = field(
        metadata={"doc": "Số đoàn viên đầu học kỳ (trống khi không ghi)."}
    )
    doan_vien_tang: int = field(metadata={"doc": "Số đoàn viên tăng: kết nạp mới và chuyển đến."})
    doan_vien_giam: int = field(metadata={"doc": "Số đoàn viên giảm: nghỉ chế độ và chuyển đi."})
    tham_hoi: TongChi = field(metadata={"doc": "Các khoản chi hỗ trợ, thăm hỏi và tổng tiền."})
    ke_hoach_tet: TongChi = field(metadata={"doc": "Các khoản dự trù chăm lo Tết và tổng tiền."})
    doan_vien_thay_doi: str = field(
        metadata={"doc": "Thay đổi số đoàn viên, ví dụ «tăng 1 đoàn viên so với đầu học kỳ»."}
    )


def tinh_toan(bao_cao: BaoCao, ke_hoach: KeHoach | None = None) -> TinhToan:
    """Compute every derived value of a validated report (and its plan's targets, if any)."""
    vb = bao_cao.van_ban
    so_lieu = bao_cao.tinh_hinh.so_lieu
    bien_dong = bao_cao.tinh_hinh.bien_dong
    cham_lo = bao_cao.ket_qua.cham_lo
    return TinhToan(
        **van_ban_values(vb),
        trich_yeu=f"Sơ kết hoạt động công đoàn học kỳ I, năm học {vb.nam_hoc}",
        tet=f"Tết Nguyên đán {can_chi(vb.nam_hoc_ket_thuc)}",
        ty_le_nu=filters.phan_tram(so_lieu.nu, so_lieu.tong_so),
        ty_le_doan_vien=filters.phan_tram(so_lieu.doan_vien, so_lieu.tong_so),
        doan_vien_dau_ky=bien_dong.dau_ky,
        doan_vien_tang=bien_dong.ket_nap_moi + bien_dong.chuyen_den,
        doan_vien_giam=bien_dong.nghi_che_do + bien_dong.chuyen_di,
        tham_hoi=tong_chi(cham_lo.tham_hoi),
        ke_hoach_tet=tong_chi(cham_lo.ke_hoach_tet),
        doan_vien_thay_doi=thay_doi(bien_dong),
        chi_tieu=rows(bao_cao, ke_hoach) if ke_hoach else [],
    )


def van_ban_values(vb: VanBan, loai: str = "Báo cáo") -> dict[str, Any]:
    """The shared values of `VanBanTinh` that follow from the document's own data alone;
    `loai` names the document in the appendices' «Kèm theo … số …» line."""
    return {
        "co_quan_chu_quan": vb.co_quan_chu_quan.upper(),
        "co_quan_ban_hanh": vb.co_quan_ban_hanh.upper(),
        "so_ky_hieu": so_ky_hieu(vb),
        "dia_danh_ngay": f"{vb.dia_danh}, {filters.ngay(vb.ngay)}",
        "kinh_gui": kinh_gui_lines(getattr(vb, "kinh_gui", [])),
        "noi_nhan": list_lines(vb.noi_nhan),
        "quyen_han": vb.nguoi_ky.quyen_han.upper(),
        "chuc_vu": vb.nguoi_ky.chuc_vu.upper(),
        "kem_theo": f"Kèm theo {loai} số {so_ky_hieu(vb)} {filters.ngay(vb.ngay)} "
        f"của {vb.co_quan_ban_hanh}",
    }


def so_ky_hieu(vb: VanBan) -> str:
    """`15/BC-CĐCS`: numbers under 10 take a leading zero."""
    return f"{vb.so:02d}/{vb.ky_hieu.upper()}"


def thay_doi(bien_dong: BienDong, since: str = "đầu học kỳ") -> str:
    """The net change of membership in words: `tăng 1 đoàn viên so với đầu học kỳ`."""
    net = thay_doi_rong(bien_dong)
    if net == 0:
        return f"không thay đổi so với {since}"
    return f"{'tăng' if net > 0 else 'giảm'} {filters.so(abs(net))} đoàn viên so với {since}"


def doan_vien_cuoi_ky(bien_dong: BienDong) -> int | None:
    """Membership at the end of the semester implied by the start and the changes."""
    if bien_dong.dau_ky is None:
        return None
    return bien_dong.dau_ky + thay_doi_rong(bien_dong)


def thay_doi_rong(bien_dong: BienDong) -> int:
    """The net change of membership: admitted and transferred in, less retired and out."""
    return (
        bien_dong.ket_nap_moi + bien_dong.chuyen_den - bien_dong.nghi_che_do - bien_dong.chuyen_di
    )


_CAN = ("Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ")
_CHI = ("Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi")


def can_chi(year: int) -> str:
    """The lunar year's name, e.g. `Giáp Thìn 2024`: the Tết that falls in semester I's wake."""
    return f"{_CAN[year % 10]} {_CHI[year % 12]} {year}"


def _bare(item: str) -> str:
    """An item without the dash and end punctuation a user may already have typed."""
    return item.strip().removeprefix("-").strip().rstrip(";.").strip()


def list_lines(items: list[str]) -> list[str]:
    """`- A;` … `- Z.`: a dash before each item, a semicolon after all but the last."""
    bare = [_bare(item) for item in items]
    return [f"- {text}{'.' if i == len(bare) - 1 else ';'}" for i, text in enumerate(bare)]


def kinh_gui_lines(items: list[str]) -> list[str]:
    """One addressee on the `Kính gửi:` line; several, one per line below it."""
    if not items:  # a document sent to no one (a plan)
        return []
    if len(items) == 1:
        return [f"Kính gửi: {_bare(items[0])}."]
    return ["Kính gửi:", *list_lines(items)]


def so_tien(khoan: KhoanChi) -> int:
    """The amount of one spending line: people × amount each, else the stated total."""
    if khoan.so_nguoi is not None and khoan.muc_chi is not None:
        return khoan.so_nguoi * khoan.muc_chi
    return khoan.so_tien or 0


def _chi_tiet(khoan: KhoanChi) -> str:
    amount = filters.tien(so_tien(khoan))
    if khoan.so_nguoi is not None and khoan.muc_chi is not None:
        return f"{khoan.so_nguoi} người × {filters.tien(khoan.muc_chi)} = {amount}"
    if khoan.so_nguoi is not None:
        return f"{khoan.so_nguoi} người, {amount}"
    return amount


def tong_chi(hoat_dong: HoatDongChi) -> TongChi:
    """Every spending line of an activity, printed, with the total."""
    dong = [DongChi(k.noi_dung, _chi_tiet(k), so_tien(k)) for k in hoat_dong.khoan_chi]
    tong = tong_tien(hoat_dong)
    return TongChi(dong=dong, tong=tong, bang_chu=filters.tien_chu(tong))


def tong_tien(hoat_dong: HoatDongChi) -> int:
    """What an activity spent in all: the sum of its lines (`so_tien`), nothing printed."""
    return sum(so_tien(khoan) for khoan in hoat_dong.khoan_chi)
