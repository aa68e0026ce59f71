"""Rendering many files: every good one rendered, one bad file never stops the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from baocao.build import Job, Options, plan_jobs
from baocao.cli import main
from baocao.errors import UsageError

from .conftest import EXAMPLES, MINIMAL, copy_example_attachments


def plan(paths: list[Path], out: Path | None) -> list[Job]:
    return plan_jobs(paths, str(out) if out else None, Options())[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "bao-cao"
    (data / "huyen-a").mkdir(parents=True)
    text = MINIMAL.read_text("utf-8")
    for name in ("truong-1", "truong-2"):
        (data / f"{name}.yaml").write_text(text.replace("Thử Nghiệm", name), "utf-8")
    (data / "huyen-a" / "truong-3.yml").write_text(text, "utf-8")
    (data / "huyen-a" / "hong.yaml").write_text(text.replace("nu: 30", "nu: 300"), "utf-8")
    (data / "ghi-chu.txt").write_text("không phải dữ liệu", "utf-8")
    return data


def test_plan_mirrors_folders_into_the_output(folder: Path, tmp_path: Path):
    jobs = plan([folder], tmp_path / "out")
    assert [(j.source.relative_to(folder), j.output.relative_to(tmp_path)) for j in jobs] == [
        (Path("huyen-a/hong.yaml"), Path("out/huyen-a/hong.docx")),
        (Path("huyen-a/truong-3.yml"), Path("out/huyen-a/truong-3.docx")),
        (Path("truong-1.yaml"), Path("out/truong-1.docx")),
        (Path("truong-2.yaml"), Path("out/truong-2.docx")),
    ]


def test_plan_without_output_puts_reports_beside_their_data(folder: Path):
    assert plan([folder / "truong-1.yaml"], None) == [
        Job(folder / "truong-1.yaml", folder / "truong-1.docx")
    ]


def test_plan_refuses_two_files_for_one_output(folder: Path, tmp_path: Path):
    other = tmp_path / "khac" / "truong-1.yaml"
    other.parent.mkdir()
    other.write_text("", "utf-8")
    with pytest.raises(UsageError, match="cho cùng một tệp kết quả"):
        plan([folder / "truong-1.yaml", other], tmp_path / "out")


def test_plan_refuses_missing_paths_and_empty_folders(tmp_path: Path):
    with pytest.raises(UsageError, match="không tìm thấy tệp"):
        plan([tmp_path / "khong-co.yaml"], None)
    with pytest.raises(UsageError, match=r"không có tệp \.yaml nào"):
        plan([tmp_path], None)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_renders_the_good_and_names_the_bad(runner, folder, tmp_path, jobs):
    out = tmp_path / "out"
    result = runner.invoke(main, ["render", str(folder), "-o", str(out), "--jobs", jobs])
    assert result.exit_code == 1
    made = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert made == ["huyen-a/truong-3.docx", "truong-1.docx", "truong-2.docx"]
    for path in out.rglob("*.docx"):
        assert Document(str(path)).paragraphs
    assert "Đã tạo 3/4 báo cáo." in result.stdout
    bad = folder / "huyen-a" / "hong.yaml"
    assert "1 tệp lỗi (lỗi đầu tiên của mỗi tệp):" in result.stderr
    assert f"  {bad}:23:9: tinh_hinh.so_lieu.nu: số nữ (300) lớn hơn tổng số CBNGNLĐ (40)" in (
        result.stderr
    )
    assert "[4/4] " in result.stderr  # plain progress lines when not on a terminal


def test_batch_of_good_files_exits_0_and_never_overwrites(runner, folder, tmp_path):
    (folder / "huyen-a" / "hong.yaml").unlink()
    out = tmp_path / "out"
    assert runner.invoke(main, ["render", str(folder), "-o", str(out)]).exit_code == 0
    first = (out / "truong-1.docx").read_bytes()
    again = runner.invoke(main, ["render", str(folder), "-o", str(out)])
    assert again.exit_code == 2, "refused up front, before any report is written"
    assert "tệp đã tồn tại" in again.stderr
    assert (out / "truong-1.docx").read_bytes() == first
    assert runner.invoke(main, ["render", str(folder), "-o", str(out), "--force"]).exit_code == 0


def test_several_files_beside_their_data(runner, folder):
    files = [str(folder / "truong-1.yaml"), str(folder / "truong-2.yaml")]
    result = runner.invoke(main, ["render", *files])
    assert result.exit_code == 0
    assert (folder / "truong-1.docx").is_file()
    assert (folder / "truong-2.docx").is_file()


def test_validate_takes_folders(runner, folder):
    result = runner.invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    assert result.stdout.count("hợp lệ.") == 3
    assert "hong.yaml: Có 1 lỗi; chưa tạo báo cáo." in result.stderr


def test_an_unreadable_file_does_not_stop_the_others(runner, folder):
    unreadable = folder / "truong-1.yaml"
    unreadable.write_bytes(b"a: \xff\xfe\n")
    result = runner.invoke(main, ["validate", str(folder / "truong-2.yaml"), str(unreadable)])
    assert result.exit_code == 1
    assert f"{folder / 'truong-2.yaml'}: hợp lệ." in result.stdout
    assert "UTF-8" in result.stderr


def test_validate_takes_many_files(runner, folder):
    files = sorted(str(p) for p in folder.rglob("*.y*ml"))
    result = runner.invoke(main, ["validate", *files])
    assert result.exit_code == 1
    assert result.stdout.count("hợp lệ.") == 3


def test_a_plan_beside_the_reports_is_set_aside_by_parallel_workers(runner, tmp_path):
    # a worker's result comes back pickled: its kind must still be recognised as a plan
    folder = tmp_path / "don-vi"
    folder.mkdir()
    copy_example_attachments(folder)
    for name in ("a.yaml", "b.yaml"):
        (folder / name).write_text((EXAMPLES / "hk1.yaml").read_text(encoding="utf-8"), "utf-8")
    result = runner.invoke(main, ["render", str(folder), "-o", str(tmp_path / "out"), "-j", "2"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "b.docx"]
