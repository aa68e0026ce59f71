"""Everything the report states that is derived rather than typed.

The chair types raw facts once; the number and symbol, the date line, the
punctuated recipient lists, shares and money totals are computed here so that
no template does arithmetic and no figure is typed twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import filters
from .schema import BaoCao
from .schema.ket_qua import HoatDongChi, KhoanChi
from .schema.tinh_hinh import BienDong


@dataclass(frozen=True)
class DongChi:
    """A spending line ready to print, and its amount."""

    noi_dung: str
    chi_tiet: str
    so_tien: int


@dataclass(frozen=True)
class TongChi:
    """The spending lines of an activity and their total."""

    dong: list[DongChi]
    tong: int


@dataclass(frozen=True)
class TinhToan:
    """Values computed from the data, available to templates as `tinh_toan`."""

    co_quan_chu_quan: str
    co_quan_ban_hanh: str
    so_ky_hieu: str
    dia_danh_ngay: str
    trich_yeu: str
    tet: str
    kinh_gui: list[str]
    noi_nhan: list[str]
    quyen_han: str
    chuc_vu: str
    ty_le_nu: str
    ty_le_doan_vien: str
    doan_vien_dau_ky: int | None
    doan_vien_tang: int
    doan_vien_giam: int
    tham_hoi: TongChi
    ke_hoach_tet: TongChi


def tinh_toan(bao_cao: BaoCao) -> TinhToan:
    """Compute every derived value of a validated report."""
    vb = bao_cao.van_ban
    so_lieu = bao_cao.tinh_hinh.so_lieu
    bien_dong = bao_cao.tinh_hinh.bien_dong
    cham_lo = bao_cao.ket_qua.cham_lo
    return TinhToan(
        co_quan_chu_quan=vb.co_quan_chu_quan.upper(),
        co_quan_ban_hanh=vb.co_quan_ban_hanh.upper(),
        so_ky_hieu=f"{vb.so:02d}/{vb.ky_hieu.upper()}",
        dia_danh_ngay=f"{vb.dia_danh}, {filters.ngay(vb.ngay)}",
        trich_yeu=f"Sơ kết hoạt động công đoàn học kỳ I, năm học {vb.nam_hoc}",
        tet=f"Tết Nguyên đán {can_chi(vb.nam_hoc_ket_thuc)}",
        kinh_gui=kinh_gui_lines(vb.kinh_gui),
        noi_nhan=list_lines(vb.noi_nhan),
        quyen_han=vb.nguoi_ky.quyen_han.upper(),
        chuc_vu=vb.nguoi_ky.chuc_vu.upper(),
        ty_le_nu=filters.phan_tram(so_lieu.nu, so_lieu.tong_so),
        ty_le_doan_vien=filters.phan_tram(so_lieu.doan_vien, so_lieu.tong_so),
        doan_vien_dau_ky=bien_dong.dau_ky,
        doan_vien_tang=bien_dong.ket_nap_moi + bien_dong.chuyen_den,
        doan_vien_giam=bien_dong.nghi_che_do + bien_dong.chuyen_di,
        tham_hoi=tong_chi(cham_lo.tham_hoi),
        ke_hoach_tet=tong_chi(cham_lo.ke_hoach_tet),
    )


def doan_vien_cuoi_ky(bien_dong: BienDong) -> int | None:
    """Membership at the end of the semester implied by the start and the changes."""
    if bien_dong.dau_ky is None:
        return None
    return (
        bien_dong.dau_ky
        + bien_dong.ket_nap_moi
        + bien_dong.chuyen_den
        - bien_dong.nghi_che_do
        - bien_dong.chuyen_di
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
    return TongChi(dong=dong, tong=sum(d.so_tien for d in dong))
