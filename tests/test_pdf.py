"""PDF through real LibreOffice: text survives, fonts are Times New Roman or its metric twin."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from baocao.cli import main
from baocao.output.pdf import INSTALL_HINT, convert

from .conftest import EXAMPLES, copy_example_attachments

needs_libreoffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftotext"),
    reason="LibreOffice (soffice) and poppler-utils are needed; .ci/run installs them",
)


def _tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("pdf")
    source = folder / "hk1.yaml"
    source.write_bytes((EXAMPLES / "hk1.yaml").read_bytes())
    copy_example_attachments(source.parent)
    result = CliRunner().invoke(
        main, ["render", str(source), "-o", str(folder / "bc.docx"), "--pdf"]
    )
    assert result.exit_code == 0, result.output
    return folder / "bc.pdf"


@needs_libreoffice
def test_pdf_lands_beside_the_docx_with_its_name(pdf: Path):
    assert pdf.is_file()
    assert pdf.with_suffix(".docx").is_file()
    assert pdf.read_bytes().startswith(b"%PDF")


@needs_libreoffice
def test_pdf_keeps_the_text(pdf: Path):
    text = " ".join(_tool("pdftotext", "-layout", str(pdf), "-").split())
    for needle in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/BC-CĐCS",
        "Nho Quan, ngày 20 tháng 12 năm 2023",
        "BÁO CÁO",
        "I. Tình hình đội ngũ cán bộ, nhà giáo và người lao động (CBNGNLĐ)",
        "IV. Nhiệm vụ trọng tâm hoạt động công đoàn học kỳ II",
        "Phạm Thị Thu Hằng",
    ):
        assert needle in text


@needs_libreoffice
def test_pdf_page_count_is_sane(pdf: Path):
    info = dict(line.split(":", 1) for line in _tool("pdfinfo", str(pdf)).splitlines())
    assert 3 <= int(info["Pages"]) <= 30


@needs_libreoffice
def test_pdf_embeds_times_new_roman_or_its_metric_twin(pdf: Path):
    fonts = {
        line.split()[0].split("+")[-1] for line in _tool("pdffonts", str(pdf)).splitlines()[2:]
    }
    assert fonts
    assert all(f.startswith(("TimesNewRoman", "LiberationSerif")) for f in fonts), fonts


def test_missing_libreoffice_is_a_usage_error_and_keeps_the_docx(runner, tmp_path, monkeypatch):
    source = tmp_path / "hk1.yaml"
    source.write_bytes((EXAMPLES / "hk1.yaml").read_bytes())
    copy_example_attachments(source.parent)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no soffice anywhere on PATH
    result = runner.invoke(main, ["render", str(source), "--pdf"])
    assert result.exit_code == 2
    assert INSTALL_HINT in result.stderr
    assert source.with_suffix(".docx").is_file()
    assert not source.with_suffix(".pdf").exists()


def test_an_existing_pdf_is_refused_before_any_work(runner, tmp_path):
    source = tmp_path / "hk1.yaml"
    source.write_bytes((EXAMPLES / "hk1.yaml").read_bytes())
    copy_example_attachments(source.parent)
    source.with_suffix(".pdf").write_bytes(b"cu")
    result = runner.invoke(main, ["render", str(source), "--pdf"])
    assert result.exit_code == 2
    assert "tệp đã tồn tại" in result.stderr
    assert not source.with_suffix(".docx").exists()


@needs_libreoffice
def test_converting_never_fetches_a_linked_picture(tmp_path):
    """A .docx that bypassed the template check (built here) links a picture over HTTP."""
    import http.server
    import threading

    from .test_template_safety import _linked_picture, _png

    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(_png())

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        document = _linked_picture(
            tmp_path / "bc.docx", f"http://127.0.0.1:{server.server_port}/x.png"
        )
        assert convert([document]) == [tmp_path / "bc.pdf"]  # bounded by convert's own timeout
    finally:
        server.shutdown()
        server.server_close()
    assert requests == []


def test_a_batch_is_shared_out_over_jobs_each_with_its_own_profile(tmp_path, monkeypatch):
    """Three documents, two jobs: two LibreOffice runs, each in its own folder, where `_run`
    writes its own locked-down profile."""
    from baocao.output import pdf as pdf_module

    runs: list[tuple[list[str], Path]] = []

    def fake_run(program, staged, work):
        runs.append(([document.name for _, document in staged], work))
        (work / "out").mkdir()
        for copy, _ in staged:
            (work / "out" / copy.with_suffix(".pdf").name).write_bytes(b"%PDF-1.4")

    monkeypatch.setattr(pdf_module, "soffice", lambda: "soffice")
    monkeypatch.setattr(pdf_module, "_run", fake_run)
    documents = [tmp_path / f"bc{i}.docx" for i in range(3)]
    for document in documents:
        document.write_bytes(b"PK")
    made = pdf_module.convert(documents, workers=2)
    assert made == [document.with_suffix(".pdf") for document in documents]
    assert sorted(names for names, _ in runs) == [["bc0.docx", "bc2.docx"], ["bc1.docx"]]
    assert len({work for _, work in runs}) == 2
