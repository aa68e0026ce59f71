"""The command line: each command parses its options, calls one core function, prints.

Heavy modules (pydantic models, docxtpl) are imported inside the commands so
that `baocao --help` starts fast. Every error a user can cause becomes a
Vietnamese message and an exit code in one place (`_Baocao.invoke`): 1 for
invalid data or a template, 2 for a wrong command line or an unreadable file.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from baocao.cli.vietnamese import Group
from baocao.errors import BaocaoError, DataError, TemplateProblems, errors_of, warnings_of

if TYPE_CHECKING:
    from rich.progress import TaskID

    from baocao.build import Outcome, Summary
    from baocao.errors import Problem

GENERIC = "Lỗi không mong đợi trong baocao; chạy lại với --debug để xem chi tiết."


class _Baocao(Group):
    """baocao's group: the one place where errors become messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BaocaoError as error:
            if ctx.params.get("debug"):
                raise
            return _report(error)
        except Exception:
            if ctx.params.get("debug"):
                raise
            click.echo(GENERIC, err=True)
            return 1


def _report(error: BaocaoError) -> int:
    if isinstance(error, DataError):
        _print_problems(error.problems)
        click.echo(_summary(error.problems), err=True)
    elif isinstance(error, TemplateProblems):
        _print_problems(error.problems)
        click.echo(f"{error.template}: mẫu có {len(error.problems)} lỗi.", err=True)
    else:
        click.echo(f"Lỗi: {error}", err=True)
    return error.exit_code


def _print_problems(problems: Sequence[object]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def _summary(problems: Sequence[Problem]) -> str:
    errors, warnings = len(errors_of(problems)), len(warnings_of(problems))
    parts = [f"{errors} lỗi"] + ([f"{warnings} cảnh báo"] if warnings else [])
    return f"Có {', '.join(parts)}; chưa tạo báo cáo." if errors else ""


def _warning_note(warnings: Sequence[Problem]) -> str:
    return f" ({len(warnings)} cảnh báo)" if warnings else ""


@click.group(name="baocao", cls=_Baocao, context_settings={"max_content_width": 100})
@click.option("--debug", is_flag=True, help="Hiện toàn bộ vết lỗi (dành cho người phát triển).")
@click.version_option(
    package_name="baocao", message="baocao %(version)s", help="Hiện phiên bản rồi thoát."
)
def main(debug: bool) -> None:
    """Soạn báo cáo sơ kết hoạt động công đoàn học kỳ I từ một tệp YAML.

    Kiểm tra số liệu rồi xuất báo cáo .docx đúng thể thức văn bản hành chính.
    """


_DATA_FILE = click.Path(path_type=Path, dir_okay=True)
_OUTSIDE = click.option(
    "--cho-phep-ngoai-thu-muc",
    "outside",
    is_flag=True,
    help="Cho phép báo cáo dùng tệp (ảnh, kế hoạch) nằm ngoài thư mục chứa nó; chỉ dùng với "
    "tệp báo cáo mình tin tưởng.",
)


@main.command()
@click.argument("files", nargs=-1, required=True, type=_DATA_FILE, metavar="TỆP_HOẶC_THƯ_MỤC...")
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="MẪU.docx",
    help="Kiểm tra cả mẫu .docx sẽ dùng để xuất báo cáo.",
)
@_OUTSIDE
def validate(files: tuple[Path, ...], template: Path | None, outside: bool) -> int:
    """Kiểm tra các tệp dữ liệu YAML (hoặc cả thư mục), liệt kê mọi lỗi kèm dòng:cột."""
    from baocao.checks.pipeline import PLAN, check_readable
    from baocao.load.sources import collect

    invalid = 0 if template is None or _check_template(template) else 1
    for file in collect(files):
        checked = check_readable(file, outside=outside)
        _print_problems(checked.problems)
        noun = " (tệp kế hoạch)" if checked.kind is PLAN else ""
        if checked.errors:
            invalid = 1
            click.echo(f"{file}{noun}: {_summary(checked.problems)}", err=True)
        else:
            click.echo(f"{file}{noun}: hợp lệ{_warning_note(checked.warnings)}.")
    return invalid


@main.command()
@click.argument("paths", nargs=-1, required=True, type=_DATA_FILE, metavar="TỆP_HOẶC_THƯ_MỤC...")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    metavar="ĐÍCH",
    help="Tệp .docx cần tạo (mặc định: cùng tên tệp YAML, đuôi .docx), hoặc tệp .pdf (tệp "
    ".docx cùng tên được tạo bên cạnh); khi xuất nhiều báo cáo: thư mục chứa các tệp kết quả.",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="MẪU.docx",
    help="Mẫu .docx thay cho mẫu có sẵn.",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
@click.option("--pdf", is_flag=True, help="Xuất thêm tệp PDF cùng tên (cần LibreOffice).")
@click.option(
    "--bundle",
    is_flag=True,
    help="Đóng gói báo cáo (và tệp PDF nếu có) cùng các ảnh, đổi tên theo chú thích, thành "
    "một tệp .zip đặt cạnh báo cáo, đặt tên theo đơn vị và học kỳ, để gửi cấp trên.",
)
@click.option(
    "--phu-luc-anh",
    is_flag=True,
    help="In các ảnh kèm chú thích ở phụ lục cuối báo cáo.",
)
@click.option(
    "--anh-goc",
    is_flag=True,
    help="Giữ nguyên ảnh gốc trong phụ lục ảnh và trong gói .zip (mặc định: ảnh được xoay đúng "
    "chiều, thu nhỏ còn cạnh dài nhất 1600 điểm ảnh, bỏ thông tin kèm theo, cho tệp nhẹ để gửi "
    "thư).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Số tiến trình chạy song song khi xuất nhiều báo cáo (mặc định: số lõi CPU).",
)
@_OUTSIDE
def render(paths: tuple[Path, ...], output: str | None, jobs: int | None, **how: Any) -> int:
    """Kiểm tra rồi xuất báo cáo .docx từ một hay nhiều tệp YAML, hoặc cả thư mục."""
    from baocao.build import Options
    from baocao.build import render as render_reports

    with _progress() as advance:
        summary = render_reports(paths, output, Options(workers=jobs, **how), advance)
    return _print_single(summary) if summary.single else _print_batch(summary)


def _print_single(summary: Summary) -> int:
    outcome = summary.outcomes[0] if summary.outcomes else None
    if outcome is None:  # the one file given was a plan
        click.echo(f"{summary.skipped[0]}: đây là tệp kế hoạch, không phải báo cáo.", err=True)
        return 1
    _print_problems(outcome.problems)
    if not outcome.ok:
        click.echo(
            f"Lỗi: {outcome.error}" if outcome.error else _summary(outcome.problems), err=True
        )
        return 1
    click.echo(f"Đã tạo {outcome.job.output}{_warning_note(outcome.problems)}.")
    for made in [*summary.pdfs, *summary.bundles]:
        click.echo(f"Đã tạo {made}.")
    _print_problems(summary.notes)
    return 0


def _print_batch(summary: Summary) -> int:
    done, failed = summary.done, summary.failed
    reports = len(summary.jobs) - len(summary.skipped)
    click.echo(f"Đã tạo {len(done)}/{reports} báo cáo.")
    if summary.pdfs:
        click.echo(f"Đã xuất {len(summary.pdfs)} tệp PDF.")
    if summary.bundles:
        click.echo(f"Đã đóng gói {len(summary.bundles)} tệp .zip.")
    _print_problems(summary.notes)
    warned = [o for o in done if o.problems]
    if warned:
        total = sum(len(o.problems) for o in warned)
        click.echo(f"{len(warned)} báo cáo có cảnh báo ({total} cảnh báo):", err=True)
        for outcome in warned:
            _print_problems(outcome.problems)
    if failed:
        click.echo(f"{len(failed)} tệp lỗi (lỗi đầu tiên của mỗi tệp):", err=True)
        for outcome in failed:
            click.echo(f"  {outcome.first_error}", err=True)
        return 1
    return 0


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[Outcome, int], None]]:
    """For a batch, a progress bar on a terminal; one plain line per report otherwise (logs, CI).

    A single report shows no progress: it is told once, when done.
    """
    if not sys.stderr.isatty():
        done = itertools.count(1)

        def line(outcome: Outcome, total: int) -> None:
            if total > 1:
                status = f"đã tạo {outcome.job.output}" if outcome.ok else "lỗi"
                click.echo(f"[{next(done)}/{total}] {outcome.job.source}: {status}", err=True)

        yield line
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        tasks: list[TaskID] = []

        def advance(_outcome: Outcome, total: int) -> None:
            if total > 1:
                tasks[:] = tasks or [bar.add_task("Đang xuất báo cáo", total=total)]
                bar.advance(tasks[0])

        yield advance


@main.command()
@click.argument("file", default="hk1.yaml", type=click.Path(path_type=Path), metavar="[TỆP]")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def init(file: Path, force: bool) -> None:
    """Tạo tệp YAML trống có đủ mọi mục và chú thích (mặc định hk1.yaml)."""
    from baocao.schema.skeleton import write_skeleton

    for path in write_skeleton(file, force=force):
        click.echo(f"Đã tạo {path}.")
    click.echo(f"Điền các mục rồi chạy «baocao validate {file}» để xem còn thiếu gì.")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="TỆP.json",
    help="Ghi ra tệp thay vì in ra màn hình.",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def schema(output: Path | None, force: bool) -> None:
    """In JSON Schema của tệp dữ liệu, để trình soạn thảo gợi ý và kiểm tra khi gõ."""
    from baocao.output.write import write_atomic
    from baocao.schema.skeleton import schema_text

    if output is None:
        click.echo(schema_text(), nl=False)
        return
    write_atomic(output, schema_text().encode(), force=force)
    click.echo(f"Đã tạo {output}.")


@main.command("tong-hop")
@click.argument("paths", nargs=-1, required=True, type=_DATA_FILE, metavar="TỆP_HOẶC_THƯ_MỤC...")
@click.option(
    "-o",
    "--output",
    default=Path("tong-hop.xlsx"),
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="KẾT_QUẢ",
    help="Tệp tổng hợp cần tạo: đuôi .xlsx (bảng tính) hoặc .docx (văn bản Word); "
    "mặc định tong-hop.xlsx.",
)
@click.option(
    "--danh-sach",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="DANH_SÁCH",
    help="Tệp ghi tên các đơn vị phải nộp báo cáo, mỗi tên một dòng (tệp chữ hoặc danh sách "
    "YAML); đơn vị chưa nộp được liệt kê riêng.",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
@_OUTSIDE
def tong_hop(
    paths: tuple[Path, ...], output: Path, danh_sach: Path | None, force: bool, outside: bool
) -> int:
    """Tổng hợp báo cáo của nhiều đơn vị thành một bảng .xlsx hoặc .docx cho cấp trên.

    Thư mục được tìm mọi tệp .yaml bên trong. Tệp có lỗi vẫn được liệt kê trong bảng
    (trang «Lỗi») và lệnh kết thúc với mã 1.
    """
    from baocao.province.tong_hop import build_tong_hop

    result = build_tong_hop(paths, output, roster=danh_sach, force=force, outside=outside)
    for checked in result.loi:
        _print_problems(checked.errors)
    click.echo(f"Đã tạo {output}: {result.tom_tat()}.")
    return 1 if result.loi else 0


_TEMPLATE = click.Path(path_type=Path, dir_okay=False)


@main.command("check-template")
@click.argument("template", type=_TEMPLATE, metavar="MẪU.docx")
def check_template(template: Path) -> int:
    """Kiểm tra một mẫu .docx: cú pháp các thẻ, tên biến, bộ lọc; liệt kê mọi lỗi kèm vị trí."""
    return 0 if _check_template(template) else 1


def _check_template(template: Path) -> bool:
    """Check `template` and print its problems, or that it is valid; whether it passed."""
    from baocao.render.docx import jinja_env
    from baocao.render.source import read_template
    from baocao.render.template.check import check_template

    problems = check_template(read_template(template), jinja_env())
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{template}: mẫu có {len(problems)} lỗi.", err=True)
    else:
        click.echo(f"{template}: mẫu hợp lệ.")
    return not problems


@main.command("new-template")
@click.argument("file", default=Path("mau-bao-cao.docx"), type=_TEMPLATE, metavar="[TỆP.docx]")
@click.option("--force", is_flag=True, help="Ghi đè các tệp đã có.")
def new_template(file: Path, force: bool) -> None:
    """Tạo bản sao mẫu có sẵn để sửa trong Word (mặc định mau-bao-cao.docx), kèm hướng dẫn.

    Tệp hướng dẫn .txt cùng tên liệt kê mọi biến, mọi bộ lọc dùng được trong mẫu.
    """
    from baocao.render.template.guide import write_new_template

    for path in write_new_template(file, force=force):
        click.echo(f"Đã tạo {path}.")
    click.echo(f"Sửa {file} trong Word, rồi chạy «baocao check-template {file}» để kiểm tra.")
