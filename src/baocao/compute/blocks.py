"""What a guideline pack's blocks print that is derived rather than typed, block by block.

The same rules as the built-in template's (`derived`), keyed to a block's own
value rather than to a place in the Ninh Bình outline, so that a block prints
the same shares and totals wherever a pack puts it. (Spending lines:
`derived.tong_chi`, as they are.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from baocao.compute import filters
from baocao.compute.derived import doan_vien_cuoi_ky, thay_doi
from baocao.schema.tinh_hinh import BienDong, SoLieu


@dataclass(frozen=True)
class TyLeDoiNgu:
    """The staff figures' shares (block `so_lieu_doi_ngu`)."""

    ty_le_nu: str = field(metadata={"doc": "Tỷ lệ nữ trên tổng số, ví dụ «73,8%»."})
    ty_le_doan_vien: str = field(metadata={"doc": "Tỷ lệ đoàn viên trên tổng số."})


def ty_le_doi_ngu(so_lieu: SoLieu) -> TyLeDoiNgu:
    return TyLeDoiNgu(
        ty_le_nu=filters.phan_tram(so_lieu.nu, so_lieu.tong_so),
        ty_le_doan_vien=filters.phan_tram(so_lieu.doan_vien, so_lieu.tong_so),
    )


@dataclass(frozen=True)
class TinhBienDong:
    """Membership changes summed up (block `bien_dong_doan_vien`)."""

    tang: int = field(metadata={"doc": "Số đoàn viên tăng: kết nạp mới và chuyển đến."})
    giam: int = field(metadata={"doc": "Số đoàn viên giảm: nghỉ chế độ và chuyển đi."})
    cuoi_ky: int | None = field(
        metadata={
            "doc": "Số đoàn viên cuối kỳ: đầu kỳ cộng tăng trừ giảm (trống khi không ghi đầu kỳ)."
        }
    )
    thay_doi: str = field(
        metadata={"doc": "Thay đổi số đoàn viên, ví dụ «tăng 1 đoàn viên so với đầu kỳ»."}
    )


def tinh_bien_dong(bien_dong: BienDong) -> TinhBienDong:
    return TinhBienDong(
        tang=bien_dong.ket_nap_moi + bien_dong.chuyen_den,
        giam=bien_dong.nghi_che_do + bien_dong.chuyen_di,
        cuoi_ky=doan_vien_cuoi_ky(bien_dong),
        thay_doi=thay_doi(bien_dong, "đầu kỳ"),
    )
