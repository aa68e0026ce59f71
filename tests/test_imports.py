"""What each command loads: only what its own work needs.

Most of a cold run is importing (pydantic and the models, Jinja, YAML, Pillow), so a
module loaded for nothing is time lost on every run. These tests hold which modules a
command loads, in a fresh process started through the real entry point
(`baocao.cli.run`); never its speed, which `benchmarks/run.py` measures.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import baocao

from .conftest import EXAMPLES, copy_example_attachments

SRC = Path(baocao.__file__).resolve().parent.parent
"""Where the tested baocao is imported from, so that the child process runs the same code."""

PROBE = r"""
import sys

before = set(sys.modules)  # the interpreter's own start-up, not the command's
import json, os

from baocao.cli import run

def _record(code, exit=os._exit):
    with open(os.environ["BAOCAO_TEST_MODULES"], "w", encoding="utf-8") as out:
        json.dump(sorted(set(sys.modules) - before), out)
    exit(code)

os._exit = _record  # `run` ends the process with os._exit once its output is flushed
sys.argv = ["baocao", *sys.argv[1:]]
run()
"""

NEVER_FOR_A_REPORT = {"docx", "docxtpl", "lxml", "openpyxl", "starlette", "uvicorn", "rich", "yaml"}
"""python-docx and docxtpl (a user's template, a photo appendix, `tong-hop` .docx), openpyxl
(.xlsx), the web stack (`soan`), rich (a progress bar on a terminal, for a batch), PyYAML
(a file in block style, as the report, its plan and its guideline are, is read without it)."""

NOT_FOR_A_REPORT = (
    "importlib.metadata",  # `--version` only; pydantic's plugin look-up is answered beforehand
    "importlib.resources",  # the package's files are found beside its modules
    "baocao.render.full",
    "baocao.output.bundle",  # only `--bundle` makes one
    "baocao.render.template.check",
    "baocao.render.layout",
    "baocao.schema.skeleton",
    "baocao.soan",
    "baocao.province.tong_hop",
    "baocao.packs.draft",
)


def loaded(tmp_path: Path, *args: str) -> set[str]:
    """The modules `baocao ARGS…` loads, in a fresh process, beyond Python's own start-up.

    Jinja's bytecode and the prepared built-in template are kept under `tmp_path`, so
    that the result does not depend on what earlier runs left in the real cache.
    """
    record = tmp_path / "modules.json"
    (tmp_path / "tmp").mkdir(exist_ok=True)
    path = [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(path),
        "TMPDIR": str(tmp_path / "tmp"),
        "BAOCAO_TEST_MODULES": str(record),
    }
    command = [sys.executable, "-c", PROBE, *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    modules: list[str] = json.loads(record.read_text(encoding="utf-8"))
    return set(modules)


def packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def within(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(f"{p}.") for p in prefixes))


def example(folder: Path, *, photos: bool = True) -> Path:
    """A copy of examples/hk1.yaml with its plan (and photos, or without its `anh` part)."""
    copy_example_attachments(folder)
    text = (EXAMPLES / "hk1.yaml").read_text(encoding="utf-8")
    if not photos:
        shutil.rmtree(folder / "anh")
        text, found, rest = text.partition("\nanh:\n")
        assert found and all(line[:1] in ("", " ", "#") for line in rest.splitlines())
        text += "\n"
    report = folder / "hk1.yaml"
    report.write_text(text, encoding="utf-8")
    return report


def render(tmp_path: Path, report: Path) -> set[str]:
    """The modules a render of `report` loads once the built-in template is prepared.

    The first run ever prepares the template with docxtpl and python-docx and keeps what
    it found on disk; every later run renders without loading either.
    """
    out = tmp_path / "bc.docx"
    loaded(tmp_path, "render", str(report), "-o", str(out), "--force")
    modules = loaded(tmp_path, "render", str(report), "-o", str(out), "--force")
    assert out.is_file()
    assert "baocao.render.direct" in modules  # what was recorded is this render's
    return modules


def test_a_render_of_the_example_loads_no_python_docx_nor_any_other_commands_modules(
    tmp_path: Path,
) -> None:
    modules = render(tmp_path, example(tmp_path))
    assert sorted(packages(modules) & NEVER_FOR_A_REPORT) == []
    assert within(modules, NOT_FOR_A_REPORT) == []
    # The first run found its photos sound and recorded them: this one does not decode them.
    assert within(modules, ("PIL.Image",)) == []


def test_a_render_of_a_report_without_photos_loads_no_pillow(tmp_path: Path) -> None:
    modules = render(tmp_path, example(tmp_path, photos=False))
    assert sorted(packages(modules) & {*NEVER_FOR_A_REPORT, "PIL"}) == []
    assert within(modules, NOT_FOR_A_REPORT) == []


def test_validate_loads_no_template_engine(tmp_path: Path) -> None:
    modules = loaded(tmp_path, "validate", str(example(tmp_path)))
    assert "baocao.checks.pipeline" in modules
    assert sorted(packages(modules) & {*NEVER_FOR_A_REPORT, "jinja2", "markupsafe"}) == []
    assert within(modules, ("baocao.render", *NOT_FOR_A_REPORT)) == []


def test_help_loads_neither_pydantic_nor_yaml(tmp_path: Path) -> None:
    modules = loaded(tmp_path, "--help")
    assert "baocao.cli" in modules
    # `run` puts a stand-in for pydantic's plugin loader in sys.modules, without pydantic.
    assert within(modules, ("pydantic", "pydantic_core", "yaml", "jinja2", "baocao.schema")) == [
        "pydantic.plugin._loader"
    ]


def test_tong_hop_to_a_workbook_loads_neither_pyyaml_nor_python_docx(tmp_path: Path) -> None:
    report = example(tmp_path)
    out = tmp_path / "tong-hop.xlsx"
    modules = loaded(tmp_path, "tong-hop", str(report), "-o", str(out), "-j", "1")
    assert out.is_file()
    assert "openpyxl" in packages(modules)
    assert sorted(packages(modules) & {"yaml", "docx", "docxtpl", "jinja2", "starlette"}) == []
