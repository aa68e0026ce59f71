"""From a guideline baocao has never seen to its report in the official layout, by the CLI alone.

A provincial labour federation's year-end guideline for enterprise unions is
drafted into a pack (`huong-dan new`), adjusted as a person would (its id, one
block, what the draft marks «CẦN SỬA»), checked, turned into a form (`init`)
that the test fills, validated and rendered. The test only writes files and
runs commands: no line of Python knows this guideline.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.document import Document as DocxDocument
from PIL import Image

from baocao.cli import main

from .formatcheck import (
    all_bold,
    all_text,
    assert_body_text,
    assert_closing_block,
    assert_page_and_header,
    data_tables,
    has_thin_borders,
    main_body,
    starts_a_page,
)

GUIDELINE = """\
LIÊN ĐOÀN LAO ĐỘNG TỈNH PHÚ THỌ
Số: 112/HD-LĐLĐ
Phú Thọ, ngày 18 tháng 11 năm 2025
HƯỚNG DẪN
Báo cáo tổng kết hoạt động công đoàn cơ sở doanh nghiệp năm 2025
Thực hiện Chương trình công tác năm 2025, Ban Thường vụ Liên đoàn Lao động tỉnh hướng dẫn các \
công đoàn cơ sở doanh nghiệp xây dựng báo cáo tổng kết như sau:
Phần thứ nhất
KẾT QUẢ HOẠT ĐỘNG CÔNG ĐOÀN NĂM 2025
A. Đặc điểm tình hình doanh nghiệp
1. Tình hình lao động
Tổng số công nhân, lao động; số lao động nữ; số đoàn viên công đoàn đến thời điểm 30/11/2025.
2. Việc làm, tiền lương, thu nhập: Nêu tình hình việc làm, tiền lương, thu nhập bình quân của \
người lao động.
B. Kết quả thực hiện nhiệm vụ
1. Công tác đại diện, bảo vệ quyền lợi
a) Đối thoại tại nơi làm việc: Số cuộc đối thoại, nội dung và kết quả đối thoại.
b) Thương lượng tập thể: Việc ký kết, thực hiện thỏa ước lao động tập thể.
2. Công tác tuyên truyền: Các hoạt động tuyên truyền pháp luật lao động cho công nhân.
C. Những khó khăn, vướng mắc
Nêu những khó khăn, vướng mắc của công đoàn cơ sở trong năm.
Phần thứ hai
PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2026
Nêu các nhiệm vụ trọng tâm và giải pháp thực hiện năm 2026.
Phần thứ ba
HÌNH ẢNH HOẠT ĐỘNG
Kèm 3-6 ảnh hoạt động tiêu biểu của công đoàn cơ sở trong năm.
Báo cáo gửi về Ban Tổ chức Liên đoàn Lao động tỉnh trước ngày 15/12/2025.
Nơi nhận:
- Như trên;
- Lưu: VT, ToC.
"""

PACK_ID = "phu-tho-ca-nam-2025"

HEADINGS = [
    "Phần thứ nhất KẾT QUẢ HOẠT ĐỘNG CÔNG ĐOÀN NĂM 2025",
    "A. Đặc điểm tình hình doanh nghiệp",
    "1. Tình hình lao động",
    "2. Việc làm, tiền lương, thu nhập",
    "B. Kết quả thực hiện nhiệm vụ",
    "1. Công tác đại diện, bảo vệ quyền lợi",
    "a) Đối thoại tại nơi làm việc",
    "b) Thương lượng tập thể",
    "2. Công tác tuyên truyền",
    "C. Những khó khăn, vướng mắc",
    "Phần thứ hai PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2026",
    "Phần thứ ba HÌNH ẢNH HOẠT ĐỘNG",
]


def _run(runner, *args: str) -> str:
    result = runner.invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return str(result.output)


def _adjust(draft: str) -> str:
    """What the person changes in the draft: the id, one block, the two «CẦN SỬA»."""
    text = re.sub(r"(?m)^ma: .*$", f"ma: {PACK_ID}", draft, count=1)
    text = re.sub(r"(?m)^nam_hoc: .*CẦN SỬA.*$", "nam_hoc: 2025-2026", text)
    text = re.sub(r"(?m)^ky: .*CẦN SỬA.*$", "ky: ca_nam", text)
    # The difficulties are a list, not prose.
    point = "ma: kho_khan\n        huong_dan: Nêu những khó khăn, vướng mắc của công đoàn cơ sở "
    point += "trong năm.\n        khoi: "
    assert text.count(point + "van_xuoi") == 1, text
    return text.replace(point + "van_xuoi", point + "danh_sach")


def _unit_folder(folder: Path, pack: str) -> None:
    """A unit's folder as the chair keeps it: the pack in `huong-dan/`, the photos in `anh/`."""
    (folder / "huong-dan").mkdir()
    (folder / "huong-dan" / f"{PACK_ID}.yaml").write_text(pack, "utf-8")
    (folder / "anh").mkdir()
    for i in range(1, 4):
        Image.new("RGB", (64, 48)).save(folder / "anh" / f"{i}.jpg")


def _fill(form: Path) -> None:
    """The chair fills the form."""
    data = yaml.safe_load(form.read_text("utf-8"))
    data["van_ban"].update(
        co_quan_ban_hanh="CĐCS Công ty TNHH May Tân Phong",
        so=12,
        dia_danh="Phú Thọ",
        ngay="10/12/2025",
        nam_hoc="2025-2026",
    )
    data["van_ban"]["nguoi_ky"]["ho_ten"] = "Nguyễn Văn An"
    part = data["ket_qua"]
    part["dac_diem"]["tinh_hinh"] = {
        "thoi_diem": "30/11/2025",
        "tong_so": 420,
        "nu": 310,
        "doan_vien": 398,
    }
    part["dac_diem"]["lam_tien"] = (
        "Công ty có đủ việc làm cho người lao động cả năm.\n"
        "Thu nhập bình quân 8.200.000 đồng/người/tháng.\n"
    )
    part["ket_qua"]["dai_dien"]["doi_thoai"] = "Tổ chức 2 cuộc đối thoại định kỳ với Giám đốc.\n"
    part["ket_qua"]["dai_dien"]["thuong_luong"] = "Ký thỏa ước lao động tập thể mới.\n"
    part["ket_qua"]["tuyen_truyen"] = "Tuyên truyền Bộ luật Lao động {{ cho }} 400 công nhân.\n"
    part["kho_khan"] = ["Công nhân tăng ca nhiều", "Kinh phí công đoàn còn hạn hẹp"]
    data["phuong_huong"] = [
        {
            "noi_dung": "Thương lượng tăng lương năm 2026",
            "giai_phap": ["Khảo sát thu nhập", "Đối thoại với chủ doanh nghiệp"],
        }
    ]
    data["hinh_anh"] = [
        {"tep": f"anh/{i}.jpg", "chu_thich": f"Hoạt động thứ {i}"} for i in range(1, 4)
    ]
    form.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[DocxDocument, str, str]:
    """The rendered report, the form `init` wrote, and the pack after adjustment."""
    from click.testing import CliRunner

    runner = CliRunner()
    folder = tmp_path_factory.mktemp("e2e")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        mp.delenv("BAOCAO_HUONG_DAN", raising=False)
        Path("hd.txt").write_text(GUIDELINE, encoding="utf-8")
        Path("huong-dan").mkdir()
        pack = Path("huong-dan") / f"{PACK_ID}.yaml"
        _run(runner, "huong-dan", "new", "hd.txt", "-o", str(pack))
        pack.write_text(_adjust(pack.read_text("utf-8")), "utf-8")
        _run(runner, "huong-dan", "check", str(pack))
        _run(runner, "init", "--huong-dan", PACK_ID, "bc.yaml")
        form = Path("bc.yaml").read_text("utf-8")
        Path("anh").mkdir()
        for i in range(1, 4):
            Image.new("RGB", (64, 48), (40 * i, 90, 160)).save(f"anh/{i}.jpg")
        _fill(Path("bc.yaml"))
        _run(runner, "validate", "bc.yaml")
        _run(runner, "render", "bc.yaml", "--phu-luc-anh", "--bundle")
        bundles = [p.name for p in folder.glob("*.zip")]
        assert len(bundles) == 1, bundles
        with zipfile.ZipFile(folder / bundles[0]) as bundle:
            names = bundle.namelist()
        assert names[0] == bundles[0].replace(".zip", ".docx") and len(names) == 4, names
        return Document("bc.docx"), form, pack.read_text("utf-8")


def test_the_form_carries_the_guideline_s_prompts(rendered) -> None:
    _, form, _ = rendered
    assert f"huong_dan: {PACK_ID}" in form
    assert (
        "# a) Đối thoại tại nơi làm việc: Số cuộc đối thoại, nội dung và kết quả đối thoại." in form
    )
    assert "# C. Những khó khăn, vướng mắc: Nêu những khó khăn, vướng mắc" in form
    assert "Ban Thường vụ Liên đoàn Lao động tỉnh Phú Thọ" in form


def test_the_headings_are_the_guideline_s_word_for_word_in_order_and_bold(rendered) -> None:
    doc, _, _ = rendered
    body = main_body(doc, first="Phần thứ nhất")
    headings = [p for p in body if p.text in HEADINGS]
    assert [p.text for p in headings] == HEADINGS
    for paragraph in headings:
        assert all_bold(doc, paragraph), paragraph.text
    # The prompts guide the chair; they are not printed.
    assert "Nêu tình hình việc làm" not in all_text(doc)


def test_figures_lists_and_tasks_are_printed(rendered) -> None:
    doc, _, _ = rendered
    texts = [p.text for p in doc.paragraphs]
    assert (
        "- Tổng số cán bộ, người lao động đến thời điểm 30/11/2025: 420 người, trong đó nữ 310 "
        "người (chiếm 73,8%)."
    ) in texts
    assert "- Tổng số đoàn viên công đoàn: 398 đoàn viên (đạt 94,8% tổng số)." in texts
    difficulties = texts.index("C. Những khó khăn, vướng mắc")
    assert texts[difficulties + 1 : difficulties + 3] == [
        "- Công nhân tăng ca nhiều;",
        "- Kinh phí công đoàn còn hạn hẹp.",
    ]
    assert (
        "+ Thương lượng tăng lương năm 2026. Giải pháp: Khảo sát thu nhập; Đối thoại với chủ "
        "doanh nghiệp."
    ) in texts
    assert "Thu nhập bình quân 8.200.000 đồng/người/tháng." in texts
    assert "Tuyên truyền Bộ luật Lao động {{ cho }} 400 công nhân." in texts  # data, not a tag
    assert "- Ảnh 3: Hoạt động thứ 3." in texts
    [figures] = [t for t in data_tables(doc) if "Trong đó: nữ" in t.rows[2].cells[1].text]
    assert [c.text for c in figures.rows[3].cells] == [
        "3",
        "Đoàn viên công đoàn (đến 30/11/2025)",
        "398",
        "94,8%",
    ]
    assert has_thin_borders(figures)


def test_the_official_layout(rendered) -> None:
    doc, _, _ = rendered
    assert_page_and_header(
        doc,
        ["LIÊN ĐOÀN LAO ĐỘNG TỈNH PHÚ THỌ", "CĐCS CÔNG TY TNHH MAY TÂN PHONG"],
        "Số: 12/BC-CĐCS",
        "Phú Thọ, ngày 10 tháng 12 năm 2025",
    )
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == ["BÁO CÁO", "Tổng kết hoạt động công đoàn cơ sở doanh nghiệp năm 2025"]
    assert "Kính gửi: Ban Thường vụ Liên đoàn Lao động tỉnh Phú Thọ." in texts
    body = main_body(doc, first="Phần thứ nhất")
    assert body[-1].text == (
        "Trên đây là báo cáo tổng kết hoạt động công đoàn cơ sở doanh nghiệp năm 2025 của CĐCS "
        "Công ty TNHH May Tân Phong./."
    )
    assert_body_text(doc, body)
    assert_closing_block(
        doc,
        [
            "- Như trên;",
            "- Lưu: VT, BCH.",
        ],
        ["TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "Nguyễn Văn An"],
    )


def test_the_photos_appendix(rendered) -> None:
    doc, _, _ = rendered
    paragraphs = doc.paragraphs
    label = next(p for p in paragraphs if p.text == "PHỤ LỤC")
    assert starts_a_page(doc, label)
    after = [p.text for p in paragraphs[paragraphs.index(label) :]]
    assert after[1] == "HÌNH ẢNH HOẠT ĐỘNG"
    assert after[2] == (
        "(Kèm theo Báo cáo số 12/BC-CĐCS ngày 10 tháng 12 năm 2025 của CĐCS Công ty TNHH May "
        "Tân Phong)"
    )
    assert "Ảnh 2. Hoạt động thứ 2" in after


def test_the_pack_s_photo_count_and_school_year_are_checked(
    rendered, runner, tmp_path, monkeypatch
) -> None:
    """The pack asks for 3-6 photos by 15/12/2025 and is of 2025-2026: all held against a
    report."""
    _, _, pack = rendered
    monkeypatch.chdir(tmp_path)
    (tmp_path / "huong-dan").mkdir()
    (tmp_path / "huong-dan" / f"{PACK_ID}.yaml").write_text(pack, "utf-8")
    (tmp_path / "anh").mkdir()
    Image.new("RGB", (64, 48)).save(tmp_path / "anh" / "1.jpg")
    report = tmp_path / "bc.yaml"
    _run(runner, "init", "--huong-dan", PACK_ID, str(report))
    _fill(report)
    data = yaml.safe_load(report.read_text("utf-8"))
    data["van_ban"].update(nam_hoc="2024-2025", ngay="20/12/2025")
    data["hinh_anh"] = [{"tep": "anh/1.jpg"}]
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = runner.invoke(main, ["validate", str(report)])
    assert result.exit_code == 1
    assert (
        "van_ban.nam_hoc: báo cáo của năm học 2024-2025, gói hướng dẫn «phu-tho-ca-nam-2025» "
        "của năm học 2025-2026"
    ) in result.stderr
    assert "hinh_anh: cảnh báo: mới có 1 ảnh; hướng dẫn yêu cầu kèm 3-6 ảnh" in result.stderr
    assert (
        "van_ban.ngay: cảnh báo: báo cáo ký ngày 20/12/2025, sau hạn nộp 15/12/2025 của gói "
        "hướng dẫn «phu-tho-ca-nam-2025»"
    ) in result.stderr


def test_new_template_of_the_pack_has_its_headings_and_checks(
    rendered, runner, tmp_path, monkeypatch
) -> None:
    """`new-template --huong-dan` writes the pack's template (headings in it) and its guide;
    `check-template` knows the pack's names, and `render --template` uses it."""
    _, _, pack = rendered
    monkeypatch.chdir(tmp_path)
    (tmp_path / "huong-dan").mkdir()
    (tmp_path / "huong-dan" / f"{PACK_ID}.yaml").write_text(pack, "utf-8")
    _run(runner, "new-template", "--huong-dan", PACK_ID, "mau.docx")
    texts = [p.text for p in Document("mau.docx").paragraphs]
    assert "a) Đối thoại tại nơi làm việc" in texts
    guide = (tmp_path / "mau.txt").read_text("utf-8-sig")
    assert "ket_qua.dac_diem.tinh_hinh.tong_so (số)" in guide
    assert "tinh_toan.muc.ket_qua.dac_diem.tinh_hinh.ty_le_nu (chữ)" in guide
    assert "mẫu hợp lệ" in _run(runner, "check-template", "--huong-dan", PACK_ID, "mau.docx")
    plain = runner.invoke(main, ["check-template", "mau.docx"])  # the built-in template's names
    assert plain.exit_code == 1 and "không có «dac_diem» trong ket_qua" in plain.stderr
    (tmp_path / "anh").mkdir()
    for i in range(1, 4):
        Image.new("RGB", (64, 48)).save(tmp_path / "anh" / f"{i}.jpg")
    _run(runner, "init", "--huong-dan", PACK_ID, "bc.yaml")
    _fill(tmp_path / "bc.yaml")
    _run(runner, "render", "bc.yaml", "--template", "mau.docx")
    assert "2. Công tác tuyên truyền" in [p.text for p in Document("bc.docx").paragraphs]


def test_tong_hop_names_a_report_of_another_pack_rather_than_failing(
    rendered, runner, tmp_path, monkeypatch
) -> None:
    """The consolidated table's columns are the bundled pack's: another pack's report is one
    «Lỗi» row that says so, never the generic error."""
    _, _, pack = rendered
    monkeypatch.chdir(tmp_path)
    _unit_folder(tmp_path, pack)
    _run(runner, "init", "--huong-dan", PACK_ID, "bc.yaml")
    _fill(tmp_path / "bc.yaml")
    result = runner.invoke(main, ["tong-hop", "bc.yaml", "-o", "th.xlsx"])
    assert result.exit_code == 1, result.output
    assert "bảng tổng hợp hiện chỉ nhận báo cáo theo gói có sẵn" in result.stderr
    assert "không mong đợi" not in result.output


def test_a_batch_of_another_pack_s_reports_runs_in_parallel(
    rendered, runner, tmp_path, monkeypatch
) -> None:
    """A pack's report model is made at run time: its reports still cross between processes,
    both when each is rendered where it was checked and when the checked data goes on to
    other workers (a bundle needs it)."""
    _, _, pack = rendered
    monkeypatch.chdir(tmp_path)
    _unit_folder(tmp_path, pack)
    for name in ("bc1.yaml", "bc2.yaml"):
        _run(runner, "init", "--huong-dan", PACK_ID, name)
        _fill(tmp_path / name)
    # The folder's search leaves out its packs, in `huong-dan/`: they are no reports.
    assert _run(runner, "validate", ".").splitlines() == ["bc1.yaml: hợp lệ.", "bc2.yaml: hợp lệ."]
    _run(runner, "render", ".", "-o", "ra/", "-j", "2")
    _run(runner, "render", "bc1.yaml", "bc2.yaml", "-o", "goi/", "-j", "2", "--bundle")
    for folder in ("ra", "goi"):
        for name in ("bc1", "bc2"):
            paragraphs = [p.text for p in Document(f"{folder}/{name}.docx").paragraphs]
            assert "2. Công tác tuyên truyền" in paragraphs
    assert len(list((tmp_path / "goi").glob("*.zip"))) == 2


def test_a_checked_report_of_another_pack_pickles_to_an_equal_one(rendered, tmp_path) -> None:
    import pickle

    from baocao.checks.pipeline import check_source

    _, _, pack = rendered
    _unit_folder(tmp_path, pack)
    from click.testing import CliRunner

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        _run(CliRunner(), "init", "--huong-dan", PACK_ID, "bc.yaml")
    _fill(tmp_path / "bc.yaml")
    checked = check_source(tmp_path / "bc.yaml").detached()
    assert checked.ok and checked.kind.pack is not None
    copy = pickle.loads(pickle.dumps(checked))
    assert copy.model == checked.model and copy.kind.model is checked.kind.model
    assert copy.kind.pack == checked.kind.pack
    assert copy.problems == checked.problems and copy.photos == checked.photos
