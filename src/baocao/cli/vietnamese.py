"""Click in Vietnamese: help screens, usage lines and Click's own error messages."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import click

_CLICK_MESSAGES = (
    (r"No such option:? '?([^'. ]+)'?\.?", r"không có tuỳ chọn \1"),
    (r"No such command '(.+?)'\.", r"không có lệnh «\1»"),
    (r"Missing argument '(.+)'\.", r"thiếu tham số \1"),
    (r"Option '(.+)' requires an argument\.", r"tuỳ chọn \1 cần một giá trị"),
    (r"Got unexpected extra arguments? \((.+)\)", r"thừa tham số: \1"),
    (r"Invalid value for '(.+?)': (.+)", r"giá trị không hợp lệ cho \1: \2"),
)


def vietnamese(message: str) -> str:
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
    """The top-level group: Vietnamese help, and Click's usage errors in Vietnamese (exit 2)."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TUỲ CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)

    def main(self, args: Sequence[str] | None = None, **extra: Any) -> Any:  # type: ignore[override]
        """Run; a command's return value is the exit code (errors: `cli.errors`)."""
        try:
            code = super().main(args, standalone_mode=False, **extra)
        except click.Abort:
            click.echo("Đã dừng.", err=True)
            sys.exit(1)
        except click.ClickException as error:
            if isinstance(error, click.UsageError) and error.ctx is not None:
                click.echo(error.ctx.get_usage(), err=True)
                click.echo(f"Xem «{error.ctx.command_path} --help» để biết thêm.", err=True)
            click.echo(f"Lỗi: {vietnamese(error.format_message())}", err=True)
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)
