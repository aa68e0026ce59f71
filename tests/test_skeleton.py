"""`baocao init` and `baocao schema`: a blank form with every field, and the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from baocao.checks.pipeline import check_source
from baocao.cli import main
from baocao.schema import BaoCao
from baocao.schema.skeleton import SCHEMA_FILE, schema_text, skeleton
from baocao.schema.walk import is_model, item_type, unwrap_optional

from .conftest import EXAMPLES


def _field_paths(model, prefix=()) -> list[tuple[str, ...]]:
    paths = []
    for key, info in model.model_fields.items():
        path = (*prefix, key)
        paths.append(path)
        inner = item_type(unwrap_optional(info.annotation))
        if is_model(inner):
            paths += _field_paths(inner, path)
    return paths


@pytest.fixture
def blank(tmp_path: Path, runner) -> Path:
    result = runner.invoke(main, ["init", str(tmp_path / "hk1.yaml")])
    assert result.exit_code == 0, result.output
    return tmp_path / "hk1.yaml"


def test_init_writes_the_form_and_its_schema(blank: Path):
    assert sorted(p.name for p in blank.parent.iterdir()) == [SCHEMA_FILE, "hk1.yaml"]
    text = blank.read_text("utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}\n")
    assert (blank.parent / SCHEMA_FILE).read_text("utf-8") == schema_text()


def test_the_form_has_every_field_of_the_schema(blank: Path):
    data = yaml.safe_load(blank.read_text("utf-8"))
    for path in _field_paths(BaoCao):
        node = data
        for key in path:
            if node == []:  # an optional list of items, empty in the form
                break
            node = node[0] if isinstance(node, list) else node
            assert key in node, ".".join(path)
            node = node[key]


def test_the_form_quotes_the_guideline_in_comments(blank: Path):
    text = blank.read_text("utf-8")
    assert "# Đặc điểm, tình hình: Nêu rõ đặc điểm, tình hình của địa phương" in text
    assert "dự trù chăm lo tết nguyên đán" in text.lower()


def test_the_untouched_form_lists_only_what_is_left_to_fill(blank: Path):
    checked = check_source(blank)
    assert checked.model is None
    assert {p.message for p in checked.problems} == {"chưa điền", "chưa điền nội dung"}
    paths = {p.path for p in checked.problems}
    assert {"van_ban.so", "van_ban.ngay", "tinh_hinh.dac_diem"} <= paths
    assert "ket_qua.thi_dua.phong_trao[1].ten" in paths
    assert "van_ban.ky_hieu" not in paths  # has a sensible default


def test_init_refuses_to_overwrite(blank: Path, runner):
    blank.write_text("dữ liệu của tôi\n", encoding="utf-8")
    result = runner.invoke(main, ["init", str(blank)])
    assert result.exit_code == 2
    assert "tệp đã tồn tại" in result.stderr
    assert blank.read_text("utf-8") == "dữ liệu của tôi\n"


def test_init_keeps_an_existing_schema_file(tmp_path: Path, runner):
    (tmp_path / SCHEMA_FILE).write_text("{}", encoding="utf-8")
    result = runner.invoke(main, ["init", str(tmp_path / "hk2.yaml")])
    assert result.exit_code == 0
    assert (tmp_path / SCHEMA_FILE).read_text("utf-8") == "{}"


def test_schema_is_vietnamese_json_schema(runner):
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    so_lieu = schema["$defs"]["SoLieu"]["properties"]
    assert so_lieu["doan_vien"]["title"] == "Số đoàn viên công đoàn"
    assert "description" not in schema["$defs"]["SoLieu"]  # English docstrings stay in code


def test_the_example_passes_the_json_schema():
    schema = json.loads(schema_text())
    data = yaml.safe_load((EXAMPLES / "hk1.yaml").read_text("utf-8"))
    jsonschema.validate(data, schema)


def test_the_schema_catches_what_an_editor_should_flag():
    schema = json.loads(schema_text())
    data = yaml.safe_load((EXAMPLES / "hk1.yaml").read_text("utf-8"))
    data["tinh_hinh"]["so_lieu"]["doan_vienn"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_the_committed_example_schema_is_current():
    assert (EXAMPLES / SCHEMA_FILE).read_text("utf-8") == schema_text()


def test_schema_to_a_file(tmp_path: Path, runner):
    target = tmp_path / "s.json"
    assert runner.invoke(main, ["schema", "-o", str(target)]).exit_code == 0
    assert target.read_text("utf-8") == schema_text()
    assert runner.invoke(main, ["schema", "-o", str(target)]).exit_code == 2


def test_skeleton_names_the_file_in_its_instructions():
    assert "baocao validate hk2.yaml" in skeleton("hk2.yaml")


def test_a_photo_written_as_its_path_alone_passes_the_json_schema():
    """As baocao reads it (`- anh/01.jpg`, a photo without caption), so the editor agrees."""
    schema = json.loads(schema_text())
    data = yaml.safe_load((EXAMPLES / "hk1.yaml").read_text("utf-8"))
    data["anh"] = ["anh/01.jpg", {"tep": "anh/02.jpg", "chu_thich": "Hội nghị"}]
    jsonschema.validate(data, schema)
    data["anh"] = [{"chu_thich": "Hội nghị"}]  # a caption without its file is still flagged
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
