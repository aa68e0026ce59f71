"""Shared fixtures: a Click runner, the minimal valid report, and a way to write variants of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"
SOURCES = EXAMPLES / "van-ban-goc"
"""The two documents baocao was made from: the guideline and a school union's annual plan."""
GUIDELINE = SOURCES / "huong-dan-hk1-2023-2024-ninh-binh.txt"
PLAN_SOURCE = SOURCES / "ke-hoach-2023-2024-truong.txt"
MINIMAL = FIXTURES / "minimal.yaml"

NOT_PRINTED = {"huong_dan", "tep", "ke_hoach", "danh_gia", "tu_so_lieu"}
"""Keys whose values are codes or file names (pack, plan, photo) that baocao reads, not prints."""


def copy_example_attachments(folder: Path) -> None:
    """The files examples/hk1.yaml names (its plan, its photos) into `folder`, beside a copy."""
    shutil.copy2(EXAMPLES / "ke-hoach-2023-2024.yaml", folder)
    shutil.copytree(EXAMPLES / "anh", folder / "anh", dirs_exist_ok=True)


@pytest.fixture(autouse=True)
def fresh_caches() -> None:
    """Each test starts as a fresh process would: nothing remembered from the one before."""
    from baocao import caches

    caches.clear()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A copy of the minimal valid report, `hk1.yaml` in a fresh folder."""
    path = tmp_path / "hk1.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    return path


def plain_docx(path: Path, *paragraphs: str) -> Path:
    """A .docx made with python-docx whose body is `paragraphs`: a template in a test."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.fixture
def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str], Path]:
    """Write `text` to a fresh .yaml file in tmp_path and return its path."""
    counter = iter(range(1_000_000))

    def write(text: str, name: str | None = None) -> Path:
        path = tmp_path / (name or f"bc{next(counter)}.yaml")
        path.write_text(text, encoding="utf-8")
        return path

    return write


def replace_once(text: str, old: str, new: str) -> str:
    """`text` with its first `old` replaced; `old` must be there, so no test passes vacuously."""
    assert old in text, old
    return text.replace(old, new, 1)


def data_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path below `node` (mappings by key, lists by index): what mutations aim at."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += data_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += data_paths(value, (*prefix, index))
    return found


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the first line of `text` containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def docx_paragraphs(path: Path) -> list[str]:
    """Every paragraph's text in a .docx: body, tables (nested too), headers and footers."""
    from docx import Document

    document = Document(str(path))
    texts: list[str] = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                texts.append(block.text)

    walk(document)
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer):
            walk(part)
    return texts


@pytest.fixture(scope="session")
def libreoffice_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in template edited as a user would and saved by LibreOffice (`roundtrip`)."""
    from .roundtrip import SOFFICE, round_tripped_template

    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is needed to save the edited template")
    return round_tripped_template(tmp_path_factory.mktemp("round-trip"))


def render_example(
    folder: Path, template: Path, *options: str, edit: Callable[[dict], None] | None = None
) -> Path:
    """examples/hk1.yaml (changed by `edit`) rendered in `folder` through the CLI; the .docx."""
    import yaml

    from baocao.cli import main

    data = yaml.safe_load((EXAMPLES / "hk1.yaml").read_text(encoding="utf-8"))
    if edit is not None:
        edit(data)
    source = folder / "hk1.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    copy_example_attachments(folder)
    args = ["render", str(source), "--template", str(template), "--phu-luc-anh", *options]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return source.with_suffix(".docx")


@pytest.fixture(scope="session")
def libreoffice_report(
    libreoffice_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The example rendered through the CLI with that template, both appendices included."""
    return render_example(tmp_path_factory.mktemp("round-trip-report"), libreoffice_template)
