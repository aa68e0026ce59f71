"""Templates that would reach outside the .docx, or break its reader: refused, located."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from baocao.cli import main
from baocao.render.template.package import MAX_TOTAL, MAX_XML_PART

from .conftest import plain_docx

ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def _linked_picture(path: Path, url: str) -> Path:
    """A .docx whose second paragraph shows a picture linked (not inserted) from `url`."""
    document = Document()
    document.add_paragraph("Báo cáo {{ van_ban.so }}")
    document.add_paragraph().add_run().add_picture(io.BytesIO(_png()))
    blip = document.element.body.find(".//" + qn("a:blip"))
    del blip.attrib[qn("r:embed")]
    blip.set(qn("r:link"), document.part.relate_to(url, RT.IMAGE, is_external=True))
    document.save(str(path))
    return path


def _replace_part(template: Path, name: str, *chunks: bytes, repeat: int = 1) -> Path:
    """`template` with part `name` replaced by `chunks` (the middle one `repeat` times),
    streamed, so that a huge part never sits in the test's memory."""
    source = template.read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(template, "w") as dst:
        for entry in src.infolist():
            if entry.filename != name:
                dst.writestr(entry, src.read(entry), zipfile.ZIP_DEFLATED)
                continue
            with dst.open(zipfile.ZipInfo(name), "w", force_zip64=True) as stream:
                for index, chunk in enumerate(chunks):
                    for _ in range(repeat if index == 1 else 1):
                        stream.write(chunk)
    return template


def _refused(runner, report: Path, template: Path, *expected: str) -> None:
    """check-template and render both exit 1 naming each of `expected`; nothing is written."""
    before = sorted(p.name for p in report.parent.iterdir())
    for args in (
        ["check-template", str(template)],
        ["render", str(report), "--template", str(template)],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and "không mong đợi" not in result.output
        for needle in expected:
            assert needle in result.stderr, result.stderr
        assert str(template) in result.stderr
    assert sorted(p.name for p in report.parent.iterdir()) == before


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x.png"])
def test_a_linked_picture_is_refused_and_located(runner, report, tmp_path, url):
    template = _linked_picture(tmp_path / "mau.docx", url)
    _refused(
        runner,
        report,
        template,
        f"{template}: thân văn bản, đoạn 2: mẫu có ảnh liên kết trỏ ra ngoài tệp «{url}»",
    )


def test_a_hyperlink_stays_allowed(runner, tmp_path):
    template = plain_docx(tmp_path / "mau.docx", "Xem trang web")
    document = Document(str(template))
    document.part.relate_to("https://example.org/", RT.HYPERLINK, is_external=True)
    document.save(str(template))
    result = runner.invoke(main, ["check-template", str(template)])
    assert result.exit_code == 0, result.output


def test_an_attached_template_is_refused_by_its_part(runner, report, tmp_path):
    template = plain_docx(tmp_path / "mau.docx", "Báo cáo")
    document = Document(str(template))
    settings = document.part._settings_part
    rel_id = settings.relate_to("file:///srv/mau.dotm", ATTACHED_TEMPLATE, is_external=True)
    attached = settings.element.makeelement(qn("w:attachedTemplate"), {qn("r:id"): rel_id})
    settings.element.insert(0, attached)
    document.save(str(template))
    _refused(
        runner,
        report,
        template,
        f"phần word/settings.xml ({rel_id}): mẫu có mẫu đính kèm (attachedTemplate) trỏ ra "
        "ngoài tệp «file:///srv/mau.dotm»",
    )


def _field_run(paragraph, code: str) -> None:
    """A complex field whose code is split over two runs, as Word often writes it."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code[:5]), (None, code[5:]), ("end", None)):
        if kind:
            element = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        else:
            element = run._r.makeelement(qn("w:instrText"), {})
            element.text = text
        run._r.append(element)


@pytest.mark.parametrize(
    "code",
    [
        ' INCLUDEPICTURE "http://127.0.0.1:9/x.png" \\d ',
        ' INCLUDETEXT "C:\\\\a.docx" ',
        ' DDEAUTO excel "x" ',
    ],
)
def test_a_field_that_loads_is_refused_and_located(runner, report, tmp_path, code):
    template = tmp_path / "mau.docx"
    document = Document()
    document.add_paragraph("Báo cáo")
    _field_run(document.add_paragraph("Ảnh: "), code)
    document.save(str(template))
    name = code.split()[0]
    _refused(
        runner,
        report,
        template,
        f"{template}: thân văn bản, đoạn 2 «Ảnh: »: trường «{name}» nạp nội dung từ bên ngoài",
    )


def test_a_simple_link_field_in_the_header_is_located(runner, report, tmp_path):
    template = plain_docx(tmp_path / "mau.docx", "Báo cáo")
    document = Document(str(template))
    paragraph = document.sections[0].header.paragraphs[0]
    simple = paragraph._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): 'LINK Excel.Sheet "x"'})
    paragraph._p.append(simple)
    document.save(str(template))
    _refused(runner, report, template, "đầu trang, đoạn 1: trường «LINK» nạp nội dung từ bên ngoài")


@pytest.mark.parametrize(
    ("tag", "shown"),
    [
        ("{% include 'x.xml' %}", "include"),
        ("{% import 'x' as m %}", "import"),
        ("{% from 'x' import m %}", "from … import"),
        ("{% extends 'x' %}", "extends"),
    ],
)
def test_include_import_extends_are_unsupported(runner, report, tmp_path, tag, shown):
    template = plain_docx(tmp_path / "mau.docx", "Báo cáo", tag)
    _refused(runner, report, template, f"đoạn 2 «{tag}»: thẻ «{shown}» không dùng được")


@pytest.mark.parametrize(
    ("text", "stray"),
    [
        ("Số: { van_ban.so }}", "}}"),
        ("Số: { % van_ban.so %}", "{ %"),
        ("Số: { { van_ban.so }}", "{ {"),
    ],
)
def test_a_broken_tag_that_would_print_is_reported(runner, report, tmp_path, text, stray):
    template = plain_docx(tmp_path / "mau.docx", "Báo cáo", text)
    _refused(runner, report, template, "đoạn 2 «Số: {", f": thẻ viết sai «{stray}»: sẽ in")


# --- the package itself ---------------------------------------------------------


def test_malformed_xml_is_refused(runner, report, tmp_path):
    template = plain_docx(tmp_path / "mau.docx", "Báo cáo")
    _replace_part(template, "word/document.xml", b"<w:document><w:body></w:document>")
    _refused(
        runner,
        report,
        template,
        "phần «word/document.xml» của mẫu hỏng, không phải XML hợp lệ (dòng 1, cột ",
    )
    result = runner.invoke(main, ["check-template", str(template)])
    assert "Opening and ending tag mismatch" not in result.stderr  # lxml's English


def test_a_part_whose_compressed_data_is_damaged_is_refused(runner, report, tmp_path):
    """zipfile's English («Bad CRC-32», «Error -3 while decompressing») stays out of it."""
    template = plain_docx(tmp_path / "mau.docx", "Báo cáo")
    raw = bytearray(template.read_bytes())
    with zipfile.ZipFile(template) as archive:
        entry = archive.getinfo("word/document.xml")
    start = entry.header_offset + 30 + len(entry.filename.encode()) + len(entry.extra)
    raw[start : start + entry.compress_size] = bytes(entry.compress_size)  # zeros, not deflate
    template.write_bytes(bytes(raw))
    _refused(runner, report, template, "phần «word/document.xml» của mẫu hỏng, không giải nén được")
    result = runner.invoke(main, ["check-template", str(template)])
    assert "Error" not in result.stderr and "CRC" not in result.stderr, result.stderr


BOMB = (
    b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
"""
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "lol"}">\n'.encode()
        for i in range(1, 10)
    )
    + b"""]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""
)


def test_an_entity_bomb_is_refused(runner, report, tmp_path):
    template = plain_docx(tmp_path / "mau.docx", "Báo cáo")
    _replace_part(template, "word/document.xml", BOMB)
    _refused(runner, report, template, "phần «word/document.xml» của mẫu có khai báo DTD")


def _huge_part(template: Path, name: str, size: int, fill: bytes = b"a") -> Path:
    """Add part `name` of `size` bytes, streamed so the test never holds it in memory."""
    chunk = fill * (1024 * 1024 // len(fill))
    with (
        zipfile.ZipFile(template, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as stream,
    ):
        for _ in range(size // len(chunk)):
            stream.write(chunk)
    return template


def test_a_huge_text_node_is_refused(runner, report, tmp_path):
    template = plain_docx(tmp_path / "mau.docx", "Báo cáo")
    document = zipfile.ZipFile(template).read("word/document.xml")
    head, tail = document.split(b"B\xc3\xa1o c\xc3\xa1o")
    _replace_part(template, "word/document.xml", head, b"a" * (1 << 20), tail, repeat=100)
    # Written stored, the part makes the file itself too large: refused before it is opened.
    _refused(runner, report, template, "quá lớn")


def test_a_gigabyte_part_is_refused_without_inflating_it(runner, report, tmp_path):
    template = _huge_part(plain_docx(tmp_path / "mau.docx", "Báo cáo"), "word/media/x.bin", 1 << 30)
    assert template.stat().st_size < 5 * 1024 * 1024  # the bomb: tiny on disk
    _refused(runner, report, template, f"tối đa {MAX_TOTAL // (1024 * 1024)} MB")


def _claim_size(template: Path, name: str, size: int) -> None:
    """Make the zip headers of part `name` claim `size` inflated bytes, whatever it holds."""
    raw = bytearray(template.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        entry = archive.getinfo(name)
        central = archive.start_dir
        for other in archive.infolist():
            if other.filename == name:
                break
            central += 46 + len(other.filename.encode()) + len(other.extra) + len(other.comment)
    struct.pack_into("<I", raw, entry.header_offset + 22, size)  # local header
    assert raw[central : central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", raw, central + 24, size)  # central directory
    template.write_bytes(bytes(raw))


def test_a_part_whose_header_lies_about_its_size_is_still_bounded(runner, report, tmp_path):
    template = plain_docx(tmp_path / "mau.docx", "Báo cáo")
    chunk = b"<a/>" * (1 << 18)
    with (
        zipfile.ZipFile(template, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/extra.xml", "w") as stream,
    ):
        for _ in range(MAX_XML_PART // len(chunk) + 2):
            stream.write(chunk)
    _claim_size(template, "word/extra.xml", 1024)
    _refused(runner, report, template, "phần «word/extra.xml» của mẫu")
