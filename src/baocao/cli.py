"""The command line: a thin edge over `baocao.report`.

Heavy modules (pydantic models, docxtpl) are imported inside the commands so
that `baocao --help` starts fast. Every error a user can cause is turned into a
Vietnamese message and an exit code here, in one place: 1 for invalid data,
2 for a wrong command line or an unreadable file.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from baocao.errors import BaocaoError, DataError

if TYPE_CHECKING:
    from baocao.errors import Problem
    from baocao.province.batch import Job, Outcome

_CLICK_MESSAGES = (
    (r"No such option:? '?([^'. ]+)'?\.?", r"không có tuỳ chọn \1"),
    (r"No such command '(.+?)'\.", r"không có lệnh «\1»"),
    (r"Missing argument '(.+)'\.", r"thiếu tham số \1"),
    (r"Option '(.+)' requires an argument\.", r"tuỳ chọn \1 cần một giá trị"),
    (r"Got unexpected extra arguments? \((.+)\)", r"thừa tham số: \1"),
    (r"Invalid value for '(.+?)': (.+)", r"giá trị không hợp lệ cho \1: \2"),
)


def _vietnamese(message: str) -> str:
    """Click's own usage messages, in Vietnamese where we know them."""
    for pattern, replacement in _CLICK_MESSAGES:
        message = re.sub(f"^{pattern}", replacement, message)
    return re.sub(r" ?Did you mean '?([^'?]+)'?\?", r"; có phải «\1»?", message)


class _Vietnamese:
    """Help-screen headings and the help option in Vietnamese, for commands and groups."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Hiện hướng dẫn này rồi thoát."
        return option  # type: ignore[no-any-return]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Cách dùng: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [r for p in self.get_params(ctx) if (r := p.get_help_record(ctx))]  # type: ignore[attr-defined]
        if rows:
            with formatter.section("Tuỳ chọn"):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            commands = [(n, self.get_command(ctx, n)) for n in self.list_commands(ctx)]
            limit = formatter.width - 6 - max(len(n) for n, _ in commands)
            with formatter.section("Lệnh"):
                formatter.write_dl([(n, c.get_short_help_str(limit)) for n, c in commands if c])


class Command(_Vietnamese, click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TUỲ CHỌN]")
        super().__init__(*args, **kwargs)


class Group(_Vietnamese, click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TUỲ CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)

    def main(self, args: Sequence[str] | None = None, **extra: Any) -> Any:  # type: ignore[override]
        """Run, turning every error into a message and an exit code (a traceback with --debug)."""
        debug = "--debug" in (sys.argv[1:] if args is None else args)
        try:
            return super().main(args, standalone_mode=False, **extra)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.Abort:
            _fail("Đã dừng.", 1)
        except click.ClickException as error:
            if isinstance(error, click.UsageError) and error.ctx is not None:
                click.echo(error.ctx.get_usage(), err=True)
                click.echo(f"Xem «{error.ctx.command_path} --help» để biết thêm.", err=True)
            _fail(f"Lỗi: {_vietnamese(error.format_message())}", error.exit_code)
        except BaocaoError as error:
            if debug:
                raise
            _report(error)
        except Exception:
            if debug:
                raise
            _fail("Lỗi không mong đợi trong baocao; chạy lại với --debug để xem chi tiết.", 1)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def _report(error: BaocaoError) -> NoReturn:
    if isinstance(error, DataError):
        _print_problems(error.problems)
        _fail(_summary(error.problems), error.exit_code)
    _fail(f"Lỗi: {error}", error.exit_code)


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def _summary(problems: Sequence[Problem]) -> str:
    errors = sum(p.severity == "loi" for p in problems)
    warnings = len(problems) - errors
    parts = [f"{errors} lỗi"] + ([f"{warnings} cảnh báo"] if warnings else [])
    return f"Có {', '.join(parts)}; chưa tạo báo cáo." if errors else ""


@click.group(name="baocao", cls=Group, context_settings={"max_content_width": 100})
@click.option("--debug", is_flag=True, help="Hiện toàn bộ vết lỗi (dành cho người phát triển).")
@click.version_option(
    package_name="baocao", message="baocao %(version)s", help="Hiện phiên bản rồi thoát."
)
def main(debug: bool) -> None:
    """Soạn báo cáo sơ kết hoạt động công đoàn học kỳ I từ một tệp YAML.

    Kiểm tra số liệu rồi xuất báo cáo .docx đúng thể thức văn bản hành chính.
    """


_DATA_FILE = click.Path(path_type=Path, dir_okay=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=_DATA_FILE, metavar="TỆP_HOẶC_THƯ_MỤC...")
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="MẪU.docx",
    help="Kiểm tra cả mẫu .docx sẽ dùng để xuất báo cáo.",
)
def validate(files: tuple[Path, ...], template: Path | None) -> None:
    """Kiểm tra các tệp dữ liệu YAML (hoặc cả thư mục), liệt kê mọi lỗi kèm dòng:cột."""
    from baocao.build import check_readable
    from baocao.load.sources import collect

    invalid = 0 if template is None or _check_template(template) else 1
    for file in collect(files):
        checked = check_readable(file)
        _print_problems(checked.problems)
        if checked.errors:
            invalid += 1
            click.echo(f"{file}: {_summary(checked.problems)}", err=True)
        else:
            click.echo(f"{file}: hợp lệ{_warning_note(checked.warnings)}.")
    if invalid:
        sys.exit(1)


def _warning_note(warnings: Sequence[Problem]) -> str:
    return f" ({len(warnings)} cảnh báo)" if warnings else ""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=_DATA_FILE, metavar="TỆP_HOẶC_THƯ_MỤC...")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="ĐÍCH",
    help="Tệp .docx cần tạo (mặc định: cùng tên tệp YAML, đuôi .docx); khi xuất nhiều "
    "báo cáo: thư mục chứa các tệp kết quả.",
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
def render(
    paths: tuple[Path, ...],
    output: Path | None,
    template: Path | None,
    force: bool,
    pdf: bool,
    bundle: bool,
    phu_luc_anh: bool,
    anh_goc: bool,
    jobs: int | None,
) -> None:
    """Kiểm tra rồi xuất báo cáo .docx từ một hay nhiều tệp YAML, hoặc cả thư mục."""
    from baocao.build import default_output
    from baocao.province.batch import Job, plan

    if template is not None and not _check_template(template):
        sys.exit(1)  # every problem of the template once, not once per report
    single = len(paths) == 1 and not paths[0].is_dir() and not (output and output.is_dir())
    batch = [Job(paths[0], output or default_output(paths[0]))] if single else plan(paths, output)
    extras = _Extras(force=force, pdf=pdf, bundle=bundle, phu_luc_anh=phu_luc_anh, anh_goc=anh_goc)
    for job in batch:  # refuse before any work, rather than after the .docx files are written
        extras.refuse_existing(job)
    if single:
        _render_single(batch[0], template, extras)
    else:
        _render_batch(batch, template, extras, jobs)


@dataclass(frozen=True)
class _Extras:
    """How `render` writes, and what it writes besides each .docx."""

    force: bool
    pdf: bool
    bundle: bool
    phu_luc_anh: bool
    anh_goc: bool = False

    def refuse_existing(self, job: Job) -> None:
        """The PDF and the bundle are refused up front, like the .docx, unless --force."""
        from baocao.output.bundle import bundle_target
        from baocao.output.pdf import pdf_path
        from baocao.output.write import refuse_overwrite

        if self.pdf:
            refuse_overwrite(pdf_path(job.output), force=self.force)
        target = bundle_target(job.source, job.output) if self.bundle else None
        if target is not None:  # None: invalid data, which rendering reports in full
            refuse_overwrite(target, force=self.force)

    def documents(self, report: Path) -> list[Path]:
        """The report's files that go in its bundle."""
        from baocao.output.pdf import pdf_path

        return [report, pdf_path(report)] if self.pdf else [report]

    def warn_if_too_big(self, made: Path) -> None:
        """A written .docx or bundle too large to send by e-mail is said, not refused."""
        from baocao.output.photos import mail_size_warning

        if warning := mail_size_warning(made, originals=self.anh_goc):
            click.echo(warning, err=True)


def _render_single(job: Job, template: Path | None, extras: _Extras) -> None:
    from baocao.build import build_report
    from baocao.output.bundle import build_bundle
    from baocao.output.pdf import convert

    target, warnings = build_report(
        job.source,
        template=template,
        out=job.output,
        force=extras.force,
        phu_luc_anh=extras.phu_luc_anh,
        anh_goc=extras.anh_goc,
    )
    _print_problems(warnings)
    click.echo(f"Đã tạo {target}{_warning_note(warnings)}.")
    extras.warn_if_too_big(target)
    if extras.pdf:
        for made in convert([target], force=extras.force):
            click.echo(f"Đã tạo {made}.")
    if extras.bundle:
        made = build_bundle(
            job.source, extras.documents(target), force=extras.force, originals=extras.anh_goc
        )
        click.echo(f"Đã tạo {made}.")
        extras.warn_if_too_big(made)


def _render_batch(
    jobs: list[Job], template: Path | None, extras: _Extras, workers: int | None
) -> None:
    from baocao.output.bundle import build_bundle
    from baocao.output.pdf import convert
    from baocao.province.batch import render_all

    outcomes = []
    with _progress(len(jobs)) as advance:
        for outcome in render_all(
            jobs,
            template=template,
            force=extras.force,
            workers=workers,
            phu_luc_anh=extras.phu_luc_anh,
            anh_goc=extras.anh_goc,
        ):
            outcomes.append(outcome)
            advance(outcome)
    done = sorted((o for o in outcomes if o.ok), key=lambda o: str(o.job.source))
    failed = sorted((o for o in outcomes if not o.ok), key=lambda o: str(o.job.source))
    click.echo(f"Đã tạo {len(done)}/{len(jobs)} báo cáo.")
    for o in done:
        extras.warn_if_too_big(o.job.output)
    if extras.pdf and done:
        made = sorted(o.job.output for o in done)
        click.echo(f"Đã xuất {len(convert(made, force=extras.force))} tệp PDF.")
    if extras.bundle and done:
        for o in done:
            bundled = build_bundle(
                o.job.source,
                extras.documents(o.job.output),
                force=extras.force,
                originals=extras.anh_goc,
            )
            extras.warn_if_too_big(bundled)
        click.echo(f"Đã đóng gói {len(done)} tệp .zip.")
    if failed:
        click.echo(f"{len(failed)} tệp lỗi (lỗi đầu tiên của mỗi tệp):", err=True)
        for outcome in failed:
            click.echo(f"  {outcome.first_error}", err=True)
        sys.exit(1)


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[Outcome], None]]:
    """A progress bar on a terminal; one plain line per report otherwise (logs, CI)."""
    if not sys.stderr.isatty():
        done = itertools.count(1)

        def line(outcome: Outcome) -> None:
            status = f"đã tạo {outcome.job.output}" if outcome.ok else "lỗi"
            click.echo(f"[{next(done)}/{total}] {outcome.job.source}: {status}", err=True)

        yield line
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("Đang xuất báo cáo", total=total)
        yield lambda _outcome: bar.advance(task)


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
def tong_hop(paths: tuple[Path, ...], output: Path, danh_sach: Path | None, force: bool) -> None:
    """Tổng hợp báo cáo của nhiều đơn vị thành một bảng .xlsx hoặc .docx cho cấp trên.

    Thư mục được tìm mọi tệp .yaml bên trong. Tệp có lỗi vẫn được liệt kê trong bảng
    (trang «Lỗi») và lệnh kết thúc với mã 1.
    """
    from baocao.province.tong_hop import build_tong_hop

    result = build_tong_hop(paths, output, roster=danh_sach, force=force)
    for checked in result.loi:
        _print_problems(checked.errors)
    click.echo(f"Đã tạo {output}: {result.tom_tat()}.")
    if result.loi:
        sys.exit(1)


_TEMPLATE = click.Path(path_type=Path, dir_okay=False)


@main.command("check-template")
@click.argument("template", type=_TEMPLATE, metavar="MẪU.docx")
def check_template(template: Path) -> None:
    """Kiểm tra một mẫu .docx: cú pháp các thẻ, tên biến, bộ lọc; liệt kê mọi lỗi kèm vị trí."""
    if not _check_template(template):
        sys.exit(1)


def _check_template(template: Path) -> bool:
    """Check `template` and print its problems, or that it is valid; whether it passed."""
    from baocao.render.docx import jinja_env
    from baocao.render.template.check import check_template

    problems = check_template(template, jinja_env())
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
