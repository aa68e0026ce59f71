"""The committed built-in template is exactly what tools/build_template.py builds."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from baocao.render.source import builtin_template

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "build_template.py"
TEMPLATE = ROOT / "src" / "baocao" / "templates" / "bao-cao-hk1.docx"


@pytest.fixture(scope="module")
def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_template", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(build_script: ModuleType) -> bytes:
    return build_script.build()


def test_committed_template_is_the_build_output(built: bytes) -> None:
    assert TEMPLATE.read_bytes() == built, (
        "templates/bao-cao-hk1.docx is stale: run `python tools/build_template.py`"
    )


def test_build_is_deterministic(build_script: ModuleType, built: bytes) -> None:
    assert build_script.build() == built


def test_installed_package_ships_the_committed_template() -> None:
    installed = builtin_template()
    assert installed.is_file(), "reinstall: `pip install -e .`"
    assert installed.read_bytes() == TEMPLATE.read_bytes(), (
        "the installed template differs from templates/: run `pip install -e . -q`"
    )


def test_every_tag_sits_in_a_single_run(built: bytes) -> None:
    """A tag split across runs depends on docxtpl's repair; ours never need it."""
    with zipfile.ZipFile(io.BytesIO(built)) as docx:
        parts = [n for n in docx.namelist() if re.fullmatch(r"word/(document|header\d*)\.xml", n)]
        texts = [
            t
            for name in parts
            for t in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", docx.read(name).decode())
        ]
    tags = [t for t in texts if "{" in t or "}" in t]
    assert tags, "the template has no Jinja tags at all"
    for text in tags:
        assert text.count("{{") == text.count("}}"), text
        assert text.count("{%") == text.count("%}"), text
        assert re.fullmatch(r"\{\{.*\}\}|\{%.*%\}", text), f"a tag shares its run: {text!r}"


def test_the_headings_are_the_pack_s(build_script: ModuleType, monkeypatch) -> None:
    """The template prints each heading of the bundled pack; a pack's text is never a tag."""
    pack = build_script.PACK
    nodes = list(pack.noi_dung)
    nodes[2] = nodes[2].model_copy(update={"tieu_de": "Việc khác {{ x }}"})
    monkeypatch.setattr(build_script, "PACK", pack.model_copy(update={"noi_dung": nodes}))
    texts = [p.text for p in build_script.build_document().paragraphs]
    assert "III. Việc khác {{ '{' }}{{ '{' }} x }}" in texts


def test_the_wheel_ships_the_templates_the_bundled_packs_and_the_compiled_reader(
    tmp_path: Path,
) -> None:
    """Files read at run time from the package's folder must be inside the built package,
    and the block YAML reader compiled (`hatch_build.py`), for this platform."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    pip = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    subprocess.run([*pip, "-w", str(tmp_path), str(root)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("baocao-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "baocao/templates/bao-cao-hk1.docx" in names
    assert "baocao/packs/bundled/ninh-binh-hk1-2023-2024.yaml" in names
    assert "baocao/py.typed" in names
    assert any(re.fullmatch(r"baocao/load/block\.[^/]+\.(so|pyd)", name) for name in names)
    assert not wheel.name.endswith("-none-any.whl")
