"""The command line: a thin edge over `baocao.report`.

Heavy modules (pydantic models, docxtpl) are imported inside the commands so
that `baocao --help` starts fast. Every error a user can cause is turned into a
Vietnamese message and an exit code here, in one place: 1 for invalid data,
2 for a wrong command line or an unreadable file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .errors import BaocaoError, DataError

if TYPE_CHECKING:
    from .errors import Problem

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
@click.argument("files", nargs=-1, required=True, type=_DATA_FILE, metavar="TỆP...")
def validate(files: tuple[Path, ...]) -> None:
    """Kiểm tra tệp dữ liệu YAML, liệt kê mọi lỗi kèm dòng:cột."""
    from .report import check_file

    invalid = 0
    for file in files:
        checked = check_file(file)
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
@click.argument("file", type=_DATA_FILE, metavar="TỆP")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="TỆP.docx",
    help="Tệp .docx cần tạo (mặc định: cùng tên với tệp YAML, đuôi .docx).",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="MẪU.docx",
    help="Mẫu .docx thay cho mẫu có sẵn.",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
def render(file: Path, output: Path | None, template: Path | None, force: bool) -> None:
    """Kiểm tra tệp YAML rồi xuất báo cáo .docx."""
    from .report import build_report

    target, warnings = build_report(file, template=template, out=output, force=force)
    _print_problems(warnings)
    click.echo(f"Đã tạo {target}{_warning_note(warnings)}.")


@main.command()
@click.argument("file", default="hk1.yaml", type=click.Path(path_type=Path), metavar="[TỆP]")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def init(file: Path, force: bool) -> None:
    """Tạo tệp YAML trống có đủ mọi mục và chú thích (mặc định hk1.yaml)."""
    from .skeleton import write_skeleton

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
    from .skeleton import schema_text
    from .write import write_atomic

    if output is None:
        click.echo(schema_text(), nl=False)
        return
    write_atomic(output, schema_text().encode(), force=force)
    click.echo(f"Đã tạo {output}.")
