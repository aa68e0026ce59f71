"""Targets (chỉ tiêu): the annual plan's file, and the results a report gives for them.

The plan (`KeHoach`) is a YAML file of its own, written once a year and shared
by the semester-I and year-end reports (its document parts: `schema.ke_hoach`);
a report names it (`chi_tieu.ke_hoach`) and gives an actual (`ThucHien`) per
target id. Which fields an actual needs depends on the target's kind, known
only once the plan is read, so that is a cross-check (`checks.check_targets`),
not a type.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError

from baocao.schema.ke_hoach import NhomNhiemVu, VanBanKeHoach
from baocao.schema.types import (
    Chon,
    CoKhong,
    DanhSach,
    Dong,
    DuongDan,
    Model,
    NamHoc,
    SoDem,
    VanBan,
    field,
    yes_no,
)

DEFAULT_PLAN_PACK = "ke-hoach-nam-hoc"
"""The guideline pack of a plan that names none: the bundled pack of the plan kind."""

LoaiChiTieu = Literal["ty_le", "so_luong", "khong_vi_pham", "co_khong", "mo_ta"]
"""How a target is measured: a share, a count, zero tolerance, done or not, free text."""

HanChiTieu = Literal["ca_nam", "hoc_ky_1"]
"""When a target is due: by the end of the school year (most), or by the end of semester I."""

DanhGia = Literal["dat", "chua_dat", "dang_thuc_hien"]
"""The status a chair gives a free-text target: reached, not reached, in progress."""

SoLieu = Literal["doan_vien", "ket_nap_moi", "gioi_thieu_dang", "ket_nap_dang"]
"""Figures of the report itself that can stand as a target's actual, so none is typed twice."""

Ma = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
"""A target's id: lowercase letters without diacritics, digits and underscores."""


class PhanChiTieu(Model):
    """One measured part of a count target that sets several thresholds (plan #15)."""

    ma: Ma = field("Mã phần", "Tên ngắn của phần, ví dụ dieu_le.")
    ten: Dong = field("Tên phần", "Ví dụ «Kiểm tra việc chấp hành Điều lệ».")
    it_nhat: SoDem = field("Ít nhất", "Số lượng tối thiểu phải đạt, ví dụ 1.")


class ChiTieu(Model):
    """One target of the annual plan, in the plan's words, with how it is measured."""

    ma: Ma = field(
        "Mã chỉ tiêu",
        "Tên ngắn, viết thường không dấu, nối bằng dấu gạch dưới, ví dụ ket_nap_doan_vien; "
        "báo cáo dùng mã này để ghi kết quả.",
    )
    noi_dung: Dong = field("Nội dung", "Chỉ tiêu, chép nguyên văn kế hoạch.")
    loai: Annotated[LoaiChiTieu, Chon] = field(
        "Loại chỉ tiêu",
        "ty_le (tỷ lệ phần trăm), so_luong (số lượng), khong_vi_pham (không để xảy ra vi "
        "phạm), co_khong (có thực hiện hay không), mo_ta (đánh giá bằng lời).",
    )
    it_nhat: SoDem | None = field(
        "Ít nhất",
        "Mức phải đạt: tỷ lệ phần trăm (ví dụ 100 cho «đạt 100%») hoặc số lượng "
        "(ví dụ 1 cho «ít nhất 01»).",
        default=None,
    )
    lon_hon: SoDem | None = field(
        "Lớn hơn", "Mức phải vượt, ví dụ 90 cho «trên 90%».", default=None
    )
    don_vi: Dong | None = field(
        "Đơn vị tính", "Cho chỉ tiêu số lượng, ví dụ «đoàn viên», «cuộc».", default=None
    )
    phan: list[PhanChiTieu] = field(
        "Các phần",
        "Cho chỉ tiêu số lượng có nhiều mức, mỗi phần một mức (thay cho it_nhat).",
        default_factory=list,
    )
    han: Annotated[HanChiTieu, Chon] = field(
        "Thời hạn",
        "ca_nam: phải đạt vào cuối năm học; hoc_ky_1: phải đạt ngay trong học kỳ I.",
        default="ca_nam",
    )


class KeHoach(Model):
    """The annual plan: its targets (section II), and optionally the whole document around them.

    Only `nam_hoc` and `chi_tieu` are required: reports need the targets, and a
    plan file written with only them stays valid. Headings and numbers (I., 1.,
    II., …) are the document's, printed when it is rendered, never typed: by the
    pack of the plan kind `huong_dan` names (`packs.plan`), as a report names its own.
    """

    huong_dan: Dong | None = field(
        "Gói hướng dẫn",
        "Mã gói hướng dẫn của kế hoạch (gói «ky: ke_hoach», xem «baocao huong-dan list»), hoặc "
        f"đường dẫn tệp gói; không ghi thì baocao dùng gói {DEFAULT_PLAN_PACK}.",
        default=None,
    )
    van_ban: VanBanKeHoach | None = field(
        "Thông tin văn bản",
        "Cơ quan, số và ký hiệu (KH-CĐCS), địa danh, ngày, nơi nhận, người ký của kế hoạch.",
        default=None,
    )
    nam_hoc: NamHoc = field("Năm học", "Năm học của kế hoạch, ví dụ 2023-2024.")
    mo_dau: VanBan | None = field(
        "Mở đầu",
        "Các đoạn mở đầu: căn cứ (nghị quyết, chỉ đạo của cấp trên) và tình hình dẫn tới kế "
        "hoạch; mỗi dòng không trống thành một đoạn văn.",
        default=None,
    )
    muc_dich: DanhSach = field(
        "I.1. Mục đích", "Mục đích của kế hoạch, mỗi ý một dòng.", default_factory=list
    )
    yeu_cau: DanhSach = field(
        "I.2. Yêu cầu", "Yêu cầu của kế hoạch, mỗi ý một dòng.", default_factory=list
    )
    loi_dan_chi_tieu: Dong | None = field(
        "II. Lời dẫn các chỉ tiêu",
        "Câu mở đầu mục II, ví dụ «Phấn đấu thực hiện các nhiệm vụ, chỉ tiêu trong năm học "
        "2023-2024».",
        default=None,
    )
    chi_tieu: list[ChiTieu] = field(
        "II. Các chỉ tiêu", "Từng chỉ tiêu theo thứ tự của kế hoạch.", min_length=1
    )
    nhiem_vu: list[NhomNhiemVu] = field(
        "III. Nhiệm vụ, giải pháp trọng tâm",
        "Các nhóm nhiệm vụ, giải pháp theo thứ tự của kế hoạch: mỗi nhóm một mục «- ten: …» "
        "(đề mục của nhóm, không gõ số thứ tự) với «noi_dung: |» (các đoạn văn).",
        default_factory=list,
    )
    ket_luan: VanBan | None = field(
        "Kết luận",
        "Đoạn kết của kế hoạch, ví dụ «Trên đây là kế hoạch chung … để chỉ đạo thực hiện./.».",
        default=None,
    )


def _shorthand(value: Any) -> Any:
    """`2`, `true`, `có`: a bare count or yes/no stands for `{so: 2}`, `{co: true}`."""
    if isinstance(value, bool):
        return {"co": value}
    if isinstance(value, int):
        return {"so": value}
    if isinstance(value, str):
        if isinstance(answer := yes_no(value), bool):
            return {"co": answer}
        raise PydanticCustomError(
            "ket_qua_chi_tieu",
            "kết quả phải là một số, «có»/«không», hoặc một nhóm mục (ví dụ «dat: 40»)",
        )
    return value


class ThucHien(Model):
    """What the report states about one target; which fields depends on the target's kind."""

    dat: SoDem | None = field(
        "Số đạt", "Chỉ tiêu tỷ lệ: số người đạt, ví dụ 40 (baocao tự tính tỷ lệ).", default=None
    )
    tren: SoDem | None = field(
        "Trên tổng số",
        "Chỉ tiêu tỷ lệ: trên tổng số bao nhiêu người; bỏ trống thì lấy tổng số CBNGNLĐ ở mục I.",
        default=None,
    )
    tu_so_lieu: Annotated[SoLieu, Chon] | None = field(
        "Lấy từ số liệu",
        "Lấy kết quả từ số liệu đã ghi trong báo cáo, khỏi gõ lại: doan_vien (tỷ lệ đoàn viên), "
        "ket_nap_moi, gioi_thieu_dang, ket_nap_dang (số lượng).",
        default=None,
    )
    so: SoDem | None = field(
        "Số lượng",
        "Chỉ tiêu số lượng: số đạt được; chỉ tiêu không vi phạm: số vụ việc vi phạm.",
        default=None,
    )
    phan: dict[str, SoDem] = field(
        "Số lượng từng phần",
        "Chỉ tiêu có nhiều phần: số đạt của từng phần, theo mã phần, ví dụ {dieu_le: 1}.",
        default_factory=dict,
    )
    co: CoKhong | None = field("Đã thực hiện", "Chỉ tiêu có/không: có hoặc không.", default=None)
    danh_gia: Annotated[DanhGia, Chon] | None = field(
        "Đánh giá",
        "Chỉ tiêu đánh giá bằng lời: dat, chua_dat hoặc dang_thuc_hien; "
        "các loại khác baocao tự đánh giá.",
        default=None,
    )
    ghi_chu: Dong | None = field(
        "Ghi chú", "Kết quả bằng lời, in ở cột «Kết quả» của bảng chỉ tiêu.", default=None
    )


KetQuaChiTieu = Annotated[
    ThucHien,
    BeforeValidator(
        _shorthand, json_schema_input_type=ThucHien | bool | int | Literal["có", "không"]
    ),
]
"""An actual: a group of fields, or the shorthand of a bare count or yes/no."""


class ChiTieuBaoCao(Model):
    """The report's side of the targets: which plan, and the actual of each target."""

    ke_hoach: DuongDan = field(
        "Tệp kế hoạch",
        "Tệp YAML các chỉ tiêu của kế hoạch năm học, tính từ thư mục chứa tệp báo cáo, "
        "ví dụ ke-hoach-2023-2024.yaml.",
    )
    ket_qua: dict[str, KetQuaChiTieu] = field(
        "Kết quả thực hiện",
        "Kết quả của từng chỉ tiêu, theo mã chỉ tiêu trong kế hoạch, ví dụ "
        "«ket_nap_doan_vien: {tu_so_lieu: doan_vien}», «gioi_thieu_dang: 2», «phan_mem: có».",
        default_factory=dict,
    )
