"""Build baocao's built-in template, `src/baocao/templates/bao-cao-hk1.docx`.

    python tools/build_template.py      # writes src/baocao/templates/bao-cao-hk1.docx
    pip install -e . -q                 # copies it into the installed package

The template is an ordinary .docx whose text holds Jinja tags; docxtpl fills
them from `baocao.render.docx.context()`: the data as typed (`van_ban`, `tinh_hinh`,
`ket_qua`, `dac_thu`, `hoc_ky_2`) and `tinh_toan`, what baocao derives.

Every layout decision cites the rule it implements, from docs/the-thuc.md
(Decree 30/2020/NĐ-CP, Appendix I, as applied to unions by Decision
933/QĐ-TLĐ); the headings and lead-ins are the words of the province's
guideline (seed 003), in its order.

The page, the styles, the header, title, closing block and appendices are the
official layout every template shares (`baocao.render.layout`, which also
builds the template of any guideline pack); this script writes the Ninh Bình
body, point by point, in the words its guideline asks for.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Pt

from baocao.packs.blocks import BLOCKS
from baocao.packs.blocks.base import Slot
from baocao.packs.find import bundled
from baocao.packs.model import Muc
from baocao.render.layout.frame import (
    YEAR,
    closing_block,
    closing_sentence,
    header_block,
    photos_appendix,
    targets_appendix,
    title_block,
)
from baocao.render.layout.pack import heading_runs
from baocao.render.layout.page import document_bytes, new_document
from baocao.render.layout.paragraphs import (
    Container,
    R,
    else_,
    endif,
    figures_table,
    heading1,
    heading2,
    if_,
    items,
    labelled,
    lead_in,
    para,
    prose,
    spending,
)
from baocao.schema import DEFAULT_PACK

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "baocao" / "templates" / "bao-cao-hk1.docx"
STAMP = datetime(2024, 1, 1)


PACK = bundled(DEFAULT_PACK)
"""The guideline pack whose outline this template prints: its headings, its order."""


def pack_node(*path: str) -> Muc:
    """The pack's point at `path`."""
    nodes, node = PACK.noi_dung, None
    for key in path:
        node = next(n for n in nodes if n.ma == key)
        nodes = node.muc or []
    assert node is not None, path
    return node


def pack_heading(*path: str) -> list[str]:
    """The runs of the heading of the pack's point at `path`, word for word (see
    `heading_runs`: the pack's text is data, its school year the report's own)."""
    node = pack_node(*path)
    assert node.printed, path
    return heading_runs(PACK, node)


def block(doc: Container, *path: str) -> None:
    """The pack's point at `path` printed by its block's own recipe, as every pack's is."""
    node = pack_node(*path)
    recipe = BLOCKS[str(node.khoi)].render
    assert recipe is not None, path
    recipe(doc, Slot(node, ".".join(path), ""))


def cooperation(doc: Container, part: str) -> None:
    """The guideline's "nêu rõ những nội dung phối hợp với chính quyền, những nội
    dung mà công đoàn đã chủ động triển khai thực hiện"."""
    para(doc, "Kết quả cụ thể:", keep_with_next=True)
    lead_in(doc, "- Những nội dung phối hợp với chính quyền:")
    items(doc, f"{part}.phoi_hop")
    lead_in(doc, "- Những nội dung công đoàn đã chủ động triển khai thực hiện:")
    items(doc, f"{part}.chu_dong")


# ============================================================================
# The document, top to bottom
# ============================================================================


def part_1(doc: DocxDocument) -> None:
    """I. The staff: situation, difficulties, figures, changes, mood, living."""
    heading1(doc, *pack_heading("tinh_hinh"), before=Pt(12))
    th = "tinh_hinh"
    prose(doc, f"{th}.dac_diem")
    lead_in(doc, "- Thuận lợi:")
    items(doc, f"{th}.thuan_loi")
    lead_in(doc, "- Khó khăn chủ quan:")
    items(doc, f"{th}.kho_khan.chu_quan")
    lead_in(doc, "- Khó khăn khách quan:")
    items(doc, f"{th}.kho_khan.khach_quan")

    sl, bd, tt = f"{th}.so_lieu", f"{th}.bien_dong", "tinh_toan"
    para(
        doc,
        "- Tổng số CBNGNLĐ đến thời điểm ",
        f"{{{{ {sl}.thoi_diem|ngay_so }}}}",
        ": ",
        f"{{{{ {sl}.tong_so|so }}}}",
        " người, trong đó nữ ",
        f"{{{{ {sl}.nu|so }}}}",
        " người (chiếm ",
        f"{{{{ {tt}.ty_le_nu }}}}",
        ").",
    )
    para(
        doc,
        "- Tổng số đoàn viên công đoàn: ",
        f"{{{{ {sl}.doan_vien|so }}}}",
        " đoàn viên (đạt ",
        f"{{{{ {tt}.ty_le_doan_vien }}}}",
        " tổng số CBNGNLĐ).",
    )
    # Start → end and the net change in words, all computed (`compute.thay_doi`).
    para(
        doc,
        "+ Biến động về số lượng đoàn viên công đoàn học kỳ I: ",
        f"{{%r if {tt}.doan_vien_dau_ky is not none %}}",
        "đầu học kỳ có ",
        f"{{{{ {tt}.doan_vien_dau_ky|so }}}}",
        " đoàn viên, ",
        "{%r endif %}",
        "cuối học kỳ có ",
        f"{{{{ {sl}.doan_vien|so }}}}",
        " đoàn viên, ",
        f"{{{{ {tt}.doan_vien_thay_doi }}}}",
        ";",
    )
    para(
        doc,
        "+ Nghỉ chế độ: ",
        f"{{{{ {bd}.nghi_che_do|so }}}}",
        "; thuyên chuyển công tác: chuyển đi ",
        f"{{{{ {bd}.chuyen_di|so }}}}",
        ", chuyển đến ",
        f"{{{{ {bd}.chuyen_den|so }}}}",
        "; kết nạp mới bổ sung: ",
        f"{{{{ {bd}.ket_nap_moi|so }}}}",
        f"{{{{ ';' if {bd}.chat_luong else '.' }}}}",
    )
    if_(doc, f"{bd}.chat_luong")
    labelled(doc, "+ Biến động về chất lượng đoàn viên:", f"{bd}.chat_luong")
    endif(doc)
    staff_table(doc)
    labelled(doc, "- Diễn biến tư tưởng, thái độ của đội ngũ:", f"{th}.tu_tuong", before=Pt(6))
    labelled(doc, "- Đời sống, thu nhập, việc làm:", f"{th}.doi_song")


def staff_table(doc: DocxDocument) -> None:
    """Part I's figures at a glance: staff, women, members, and the semester's changes.

    Every number is the one the sentences above print, from the same values.
    """
    sl, bd, tt = "tinh_hinh.so_lieu", "tinh_hinh.bien_dong", "tinh_toan"
    start = f"{{{{ {tt}.doan_vien_dau_ky|so if {tt}.doan_vien_dau_ky is not none else '—' }}}}"
    rows: list[tuple[list[str | R], str, str]] = [
        (["Tổng số CBNGNLĐ"], f"{{{{ {sl}.tong_so|so }}}}", ""),
        (["Trong đó: nữ"], f"{{{{ {sl}.nu|so }}}}", f"{{{{ {tt}.ty_le_nu }}}}"),
        (["Đoàn viên công đoàn đầu học kỳ I"], start, ""),
        (["Kết nạp mới"], f"{{{{ {bd}.ket_nap_moi|so }}}}", ""),
        (["Chuyển đến"], f"{{{{ {bd}.chuyen_den|so }}}}", ""),
        (["Nghỉ chế độ"], f"{{{{ {bd}.nghi_che_do|so }}}}", ""),
        (["Chuyển đi"], f"{{{{ {bd}.chuyen_di|so }}}}", ""),
        (
            ["Đoàn viên công đoàn cuối học kỳ I (đến ", f"{{{{ {sl}.thoi_diem|ngay_so }}}}", ")"],
            f"{{{{ {sl}.doan_vien|so }}}}",
            f"{{{{ {tt}.ty_le_doan_vien }}}}",
        ),
    ]
    figures_table(doc, rows)


def part_2(doc: DocxDocument) -> None:
    """II. Results of semester I, points 1 to 6, each as the guideline asks."""
    heading1(doc, *pack_heading("ket_qua"))

    heading2(doc, *pack_heading("ket_qua", "cham_lo"))
    cl = "ket_qua.cham_lo"
    prose(doc, f"{cl}.danh_gia")
    cooperation(doc, cl)
    labelled(
        doc,
        "- Công tác hỗ trợ, thăm hỏi, giúp đỡ CBNGNLĐ tháo gỡ khó khăn, vướng mắc trong "
        "cuộc sống, trong công tác:",
        f"{cl}.tham_hoi.mo_ta",
    )
    spending(doc, "tinh_toan.tham_hoi")
    labelled(
        doc,
        ("- Dự trù chăm lo ", "{{ tinh_toan.tet }}", " cho CBNGNLĐ tại đơn vị:"),
        f"{cl}.ke_hoach_tet.mo_ta",
    )
    spending(doc, "tinh_toan.ke_hoach_tet")
    labelled(
        doc,
        "- Các đề xuất và tác động trở lại của các tổ chức, đoàn thể với các cơ quan quản lý "
        "nhằm đảm bảo quyền, lợi ích hợp pháp, chính đáng của CBNGNLĐ:",
        f"{cl}.de_xuat",
    )
    labelled(
        doc,
        "- Việc thực hiện quy chế dân chủ ở cơ sở; phối hợp, chỉ đạo tổ chức hội nghị "
        "CBCCVC, hội nghị người lao động:",
        f"{cl}.dan_chu",
    )

    heading2(doc, *pack_heading("ket_qua", "tuyen_truyen"))
    tr = "ket_qua.tuyen_truyen"
    prose(doc, f"{tr}.danh_gia")
    para(doc, "Kết quả cụ thể:", keep_with_next=True)
    labelled(
        doc,
        "- Tuyên truyền đường lối, chủ trương của Đảng, chính sách pháp luật của Nhà nước:",
        f"{tr}.duong_loi",
    )
    labelled(
        doc,
        "- Phổ biến, triển khai thực hiện các nội dung hoạt động công đoàn mang tính ngành nghề:",
        f"{tr}.nganh_nghe",
    )

    heading2(doc, *pack_heading("ket_qua", "thi_dua"))
    td = "ket_qua.thi_dua"
    prose(doc, f"{td}.danh_gia")
    cooperation(doc, td)
    # Each movement: its name as a `-` point, its aspects as `+` points, in the
    # order of the guideline's sentence about them.
    block(doc, "ket_qua", "thi_dua", "phong_trao")
    labelled(doc, "- Đánh giá về việc thực hiện công tác xã hội hóa giáo dục:", f"{td}.xa_hoi_hoa")
    labelled(doc, "- Triển khai và kết quả các hoạt động nhân đạo, từ thiện:", f"{td}.nhan_dao")

    heading2(doc, *pack_heading("ket_qua", "to_chuc"))
    tc = "ket_qua.to_chuc"
    prose(doc, f"{tc}.danh_gia")
    cooperation(doc, tc)
    labelled(
        doc,
        "- Những điểm mới về nội dung, phương pháp hoạt động công đoàn đã thực hiện; kết quả "
        "và kinh nghiệm tổ chức thực hiện:",
        f"{tc}.diem_moi",
    )
    labelled(
        doc,
        "- Các giải pháp đã thực hiện và kết quả việc nâng cao chất lượng đội ngũ cán bộ "
        "công đoàn:",
        f"{tc}.can_bo",
    )
    # New members are typed once, in part I; the Party figures here.
    para(
        doc,
        "- Kết quả về công tác phát triển đoàn viên, đảng viên: trong học kỳ I kết nạp mới ",
        "{{ tinh_hinh.bien_dong.ket_nap_moi|so }}",
        " đoàn viên công đoàn; giới thiệu ",
        f"{{{{ {tc}.phat_trien.gioi_thieu_dang|so }}}}",
        " đoàn viên ưu tú cho Đảng xem xét; số đoàn viên được kết nạp vào Đảng: ",
        f"{{{{ {tc}.phat_trien.ket_nap_dang|so }}}}",
        ".",
    )
    prose(doc, f"{tc}.phat_trien.mo_ta")
    labelled(
        doc,
        "- Công tác đào tạo, bồi dưỡng, tập huấn cán bộ công đoàn các cấp:",
        f"{tc}.dao_tao",
    )
    labelled(doc, "- Hoạt động của Ban thanh tra nhân dân trường học:", f"{tc}.thanh_tra_nhan_dan")

    heading2(doc, *pack_heading("ket_qua", "kiem_tra"))
    kt = "ket_qua.kiem_tra"
    prose(doc, f"{kt}.danh_gia")
    if_(doc, f"{kt}.cuoc_kiem_tra")
    lead_in(doc, "- Các cuộc kiểm tra đã thực hiện:")
    items(doc, f"{kt}.cuoc_kiem_tra")
    endif(doc)

    heading2(doc, *pack_heading("ket_qua", "nu_cong"))
    nc = "ket_qua.nu_cong"
    labelled(doc, "- Những hoạt động mang màu sắc giới trong hoạt động nữ công:", f"{nc}.hoat_dong")
    labelled(
        doc,
        "- Kết quả phong trào thi đua “Giỏi việc trường – Đảm việc nhà”:",
        f"{nc}.gioi_viec_truong",
    )
    if_(doc, f"{nc}.tam_guong")
    lead_in(doc, "- Các tấm gương điển hình:")
    items(doc, f"{nc}.tam_guong")
    endif(doc)


def part_3(doc: DocxDocument) -> None:
    """III. Difficulties, shortcomings with cause and remedy, proposals."""
    heading1(doc, *pack_heading("dac_thu"))
    dt = "dac_thu"
    lead_in(
        doc, "- Những khó khăn, vướng mắc trong quá trình triển khai, thực hiện nhiệm vụ học kỳ I:"
    )
    items(doc, f"{dt}.kho_khan")
    lead_in(doc, "- Những tồn tại, hạn chế, nguyên nhân và giải pháp khắc phục trong học kỳ II:")
    block(doc, "dac_thu", "ton_tai")
    # The guideline asks for the point even when there is nothing to propose.
    if_(doc, f"{dt}.de_xuat")
    lead_in(doc, "- Những đề xuất, kiến nghị:")
    items(doc, f"{dt}.de_xuat")
    else_(doc)
    para(doc, "- Những đề xuất, kiến nghị: Không có.")
    endif(doc)


def part_4(doc: DocxDocument) -> None:
    """IV. Outlook and key tasks of semester II, each with its solutions."""
    heading1(doc, *pack_heading("hoc_ky_2"))
    hk = "hoc_ky_2"
    labelled(
        doc,
        "- Dự báo tình hình, biến động về cơ cấu tổ chức, số lượng, chất lượng đoàn viên "
        "công đoàn, các điều kiện chủ quan và khách quan trong học kỳ II:",
        f"{hk}.du_bao",
    )
    lead_in(
        doc,
        "- Nhiệm vụ trọng tâm công tác công đoàn và giải pháp tổ chức thực hiện trong học kỳ II:",
    )
    block(doc, "hoc_ky_2", "nhiem_vu")

    closing_sentence(
        doc,
        "Trên đây là báo cáo sơ kết hoạt động công đoàn học kỳ I, năm học ",
        YEAR,
        " của ",
        "{{ van_ban.co_quan_ban_hanh }}",
    )


def build_document() -> DocxDocument:
    """The template as a python-docx Document."""
    doc = new_document(
        "Mẫu báo cáo sơ kết hoạt động công đoàn học kỳ I",
        STAMP,
        "Tạo bởi tools/build_template.py; đừng sửa tay, hãy sửa tệp đó.",
    )
    header_block(doc)
    title_block(doc, "BÁO CÁO", "{{ tinh_toan.trich_yeu }}")
    part_1(doc)
    part_2(doc)
    part_3(doc)
    part_4(doc)
    closing_block(doc)
    targets_appendix(
        doc,
        ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM HỌC ", YEAR),
        "Ghi chú: đánh giá đến thời điểm sơ kết học kỳ I; chỉ tiêu của cả năm học chưa đạt "
        "được ghi «Đang thực hiện».",
    )
    photos_appendix(doc, ("HÌNH ẢNH HOẠT ĐỘNG CÔNG ĐOÀN HỌC KỲ I, NĂM HỌC ", YEAR))
    return doc


def build() -> bytes:
    """The template's bytes: the same on every run, so the committed file can be checked."""
    return document_bytes(build_document(), STAMP)


def main() -> int:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
