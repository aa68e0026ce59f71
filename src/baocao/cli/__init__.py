"""The command line: each command parses its options, calls one core function, prints.

Heavy modules (pydantic models, docxtpl) are imported inside the commands so
that `baocao --help` starts fast. Every error a user can cause becomes a
Vietnamese message and an exit code in one place (`_Baocao.invoke`): 1 for
invalid data or a template, 2 for a wrong command line or an unreadable file.

`run` is the `baocao` command itself (and `python -m baocao`); tests call the
`main` group through Click's runner, which none of `run`'s start-up choices
touch. (`--version` reads the package's metadata only when asked: Click's
`version_option` looks it up in its callback.)
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import shutil
import sys
import types
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
    from baocao.packs.model import Goi
    from baocao.schema.skeleton import Form

GENERIC = "Lỗi không mong đợi trong baocao; chạy lại với --debug để xem chi tiết."


class _Baocao(Group):
    """baocao's group: the one place where errors become messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # The reader stopped reading (`baocao … | head`): what it took was right, the rest
            # is not wanted. Nothing more goes to the closed pipe, not even at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
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


def _summary(problems: Sequence[Problem], document: str = "báo cáo") -> str:
    """`Có 2 lỗi, 1 cảnh báo; chưa tạo báo cáo.` (or `kế hoạch`, the `document` checked)."""
    errors, warnings = len(errors_of(problems)), len(warnings_of(problems))
    parts = [f"{errors} lỗi"] + ([f"{warnings} cảnh báo"] if warnings else [])
    return f"Có {', '.join(parts)}; chưa tạo {document}." if errors else ""


def _warning_note(warnings: Sequence[Problem]) -> str:
    return f" ({len(warnings)} cảnh báo)" if warnings else ""


def run() -> None:
    """The `baocao` console command: `main`, started and ended as fast as a one-off process can be.

    - The garbage collector is off: a run over one file makes little cyclic garbage and
      ends soon, and collecting while pydantic builds its models costs a sixth of a cold
      render. A command over many files turns it on again (`_collect_garbage_for`).
    - pydantic looks for plugins among all installed distributions when it builds its
      first model, importing `importlib.metadata` to do so; baocao's models serve no
      plugin, so that look-up is answered beforehand with none.
    - Once the output is flushed the process ends at once (`os._exit`): tearing down every
      module and object would take longer than the work of a small command.
    """
    gc.disable()
    _no_pydantic_plugins()
    try:
        main()
        code = 0
    except SystemExit as exit_:
        code = _exit_code(exit_.code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing left to tell
            stream.flush()
    os._exit(code)


def _exit_code(code: object) -> int:
    """What `sys.exit(code)` would make the process's exit status."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def _no_pydantic_plugins() -> None:
    loader = types.ModuleType("pydantic.plugin._loader")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules.setdefault("pydantic.plugin._loader", loader)


def _collect_garbage_for(paths: Sequence[Path]) -> None:
    """Many files make garbage enough to collect (a photo appendix leaves python-docx's
    cyclic package behind each report); batch workers inherit the setting."""
    if len(paths) > 1 or any(os.path.isdir(path) for path in paths):  # never raises
        gc.enable()


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
    from baocao.checks.pipeline import check_readable
    from baocao.load.sources import collect

    _collect_garbage_for(files)
    invalid = 0 if template is None or _check_template(template) else 1
    for file in collect(files):
        checked = check_readable(file, outside=outside)
        _print_problems(checked.problems)
        noun = " (tệp kế hoạch)" if checked.kind.is_plan else ""
        if checked.errors:
            invalid = 1
            click.echo(
                f"{file}{noun}: {_summary(checked.problems, checked.kind.document)}", err=True
            )
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
    from baocao.build import Options, render_reports

    _collect_garbage_for(paths)
    with _progress() as advance:
        summary = render_reports(paths, output, Options(workers=jobs, **how), advance)
    return _print_single(summary) if summary.single else _print_batch(summary)


def _print_single(summary: Summary) -> int:
    outcome = summary.outcomes[0]
    _print_problems(outcome.problems)
    if not outcome.ok:
        why = (
            f"Lỗi: {outcome.error}"
            if outcome.error
            else _summary(outcome.problems, outcome.document)
        )
        click.echo(why, err=True)
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
    if summary.skipped:
        click.echo(f"Bỏ qua {len(summary.skipped)} tệp kế hoạch (không phải báo cáo).")
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


_PACK = click.option(
    "--huong-dan",
    "pack",
    metavar="MÃ_GÓI",
    help="Gói hướng dẫn của báo cáo: mã gói (xem «baocao huong-dan list») hoặc đường dẫn tệp "
    "gói; mặc định gói ninh-binh-hk1-2023-2024.",
)


def _form(pack: str | None) -> Form:
    from baocao.schema.skeleton import Form

    if pack is None:
        return Form()
    from baocao.packs.show import form_for

    return form_for(_find_pack(pack))


def _find_pack(ref: str) -> Goi:
    """The pack `ref` names from the current folder; UsageError when there is none."""
    from baocao.errors import UsageError
    from baocao.packs.find import locate, pack_at

    where = locate(ref, Path.cwd())
    if isinstance(where, str):
        raise UsageError(where)
    return pack_at(where)


@main.command()
@click.argument("file", default="hk1.yaml", type=click.Path(path_type=Path), metavar="[TỆP]")
@_PACK
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def init(file: Path, pack: str | None, force: bool) -> None:
    """Tạo tệp YAML trống có đủ mọi mục và chú thích (mặc định hk1.yaml).

    Với --huong-dan một gói kế hoạch (như ke-hoach-nam-hoc): tệp kế hoạch năm học trống,
    mà các báo cáo học kỳ trỏ tới để ghi kết quả các chỉ tiêu.
    """
    from baocao.author import write_skeleton

    form = _form(pack)
    for path in write_skeleton(file, force=force, form=form):
        click.echo(f"Đã tạo {path}.")
    click.echo(
        f"Điền các mục của {form.document} rồi chạy «baocao validate {file}» để xem còn thiếu "
        f"gì, rồi «baocao render {file}» để xuất {form.document} .docx."
    )


@main.command()
@click.argument(
    "file", default="hk1.yaml", type=click.Path(path_type=Path, dir_okay=False), metavar="[TỆP]"
)
@click.option(
    "--huong-dan",
    metavar="MÃ",
    help="Gói hướng dẫn mà biểu mẫu theo: mã gói hoặc đường dẫn tệp gói (mặc định: gói có sẵn "
    "ninh-binh-hk1-2023-2024).",
)
@click.option(
    "--khong-mo-trinh-duyet",
    "no_browser",
    is_flag=True,
    help="Không tự mở trình duyệt; chỉ in địa chỉ để mở.",
)
def soan(file: Path, huong_dan: str | None, no_browser: bool) -> None:
    """Soạn báo cáo trong trình duyệt: biểu mẫu theo hướng dẫn, tự lưu vào tệp YAML.

    Tệp chưa có thì bắt đầu từ biểu mẫu trống. Mỗi lỗi hiện ngay cạnh mục của nó;
    xuất .docx, PDF, gói .zip như «baocao render». Chỉ mở trên máy này (127.0.0.1).
    """
    try:
        from baocao.soan.server import serve
    except ImportError:
        raise click.ClickException(
            "lệnh soan cần thêm vài thư viện; hãy cài bằng: pip install 'baocao[soan]'"
        ) from None
    from baocao.soan import form_model

    model = form_model(huong_dan, file.parent)
    serve(file, model, open_browser=not no_browser, tell=lambda line: click.echo(line))


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="TỆP.json",
    help="Ghi ra tệp thay vì in ra màn hình.",
)
@_PACK
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def schema(output: Path | None, pack: str | None, force: bool) -> None:
    """In JSON Schema của tệp dữ liệu, để trình soạn thảo gợi ý và kiểm tra khi gõ."""
    from baocao.output.write import write_atomic

    text = _form(pack).schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomic(output, text.encode(), force=force)
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
@click.option(
    "--nam-hoc",
    metavar="NĂM_HỌC",
    help="Chỉ tổng hợp báo cáo của năm học này, ví dụ 2023-2024 (mặc định: năm học của đa số "
    "đơn vị); báo cáo năm học khác được liệt kê riêng.",
)
@click.option(
    "--co-quan",
    metavar="CƠ_QUAN",
    help="Chỉ tổng hợp báo cáo gửi cơ quan chủ quản này (mặc định: cơ quan của đa số đơn vị).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Số tiến trình kiểm tra báo cáo song song (mặc định: số lõi CPU).",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
@_OUTSIDE
def tong_hop(
    paths: tuple[Path, ...],
    output: Path,
    danh_sach: Path | None,
    nam_hoc: str | None,
    co_quan: str | None,
    jobs: int | None,
    force: bool,
    outside: bool,
) -> int:
    """Tổng hợp báo cáo của nhiều đơn vị thành một bảng .xlsx hoặc .docx cho cấp trên.

    Thư mục được tìm mọi tệp .yaml bên trong. Tệp có lỗi vẫn được liệt kê trong bảng
    (trang «Lỗi») và lệnh kết thúc với mã 1.
    """
    from baocao.province.tong_hop import PhamVi, build_tong_hop

    _collect_garbage_for(paths)
    scope = PhamVi(nam_hoc, co_quan)
    result = build_tong_hop(
        paths,
        output,
        roster=danh_sach,
        force=force,
        pham_vi=scope,
        workers=jobs,
        outside=outside,
    )
    for failed in result.loi:
        _print_problems(failed.errors)
    click.echo(f"Đã tạo {output}: {result.tom_tat()}.")
    return 1 if result.loi else 0


@main.command("chi-tieu")
@click.argument("plan", type=click.Path(path_type=Path, dir_okay=False), metavar="KẾ_HOẠCH.yaml")
@click.argument(
    "reports",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="BÁO_CÁO.yaml...",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="KẾT_QUẢ",
    help="Ghi bảng ra tệp: đuôi .xlsx (bảng tính) hoặc .docx (văn bản Word, khổ ngang).",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
@_OUTSIDE
def chi_tieu(
    plan: Path, reports: tuple[Path, ...], output: Path | None, force: bool, outside: bool
) -> None:
    """Theo dõi các chỉ tiêu của kế hoạch năm học qua từng báo cáo trỏ tới kế hoạch đó.

    Mỗi báo cáo một cột (theo ngày báo cáo) ghi đánh giá từng chỉ tiêu: Đạt, Chưa đạt,
    Đang thực hiện, Chưa báo cáo; cột cuối ghi những gì còn phải làm trước khi hết năm học.
    """
    from baocao.province.chi_tieu import lines, theo_doi, write, writer_for

    if output is not None:
        writer_for(output, force=force)  # a wrong suffix or an existing file, before any work
    result = theo_doi(plan, reports, outside=outside)
    _print_problems(result.canh_bao)
    if output is None:
        width = shutil.get_terminal_size((100, 24)).columns
        click.echo("\n".join(lines(result.bang, width)))
        return
    write(result, output, force=force)
    click.echo(f"Đã tạo {output}{_warning_note(result.canh_bao)}.")


_TEMPLATE = click.Path(path_type=Path, dir_okay=False)


@main.command("check-template")
@click.argument("template", type=_TEMPLATE, metavar="MẪU.docx")
@_PACK
def check_template(template: Path, pack: str | None) -> int:
    """Kiểm tra một mẫu .docx: cú pháp các thẻ, tên biến, bộ lọc; liệt kê mọi lỗi kèm vị trí."""
    return 0 if _check_template(template, pack) else 1


def _check_template(template: Path, pack: str | None = None) -> bool:
    """Check `template` (for reports of `pack`) and print its problems, or that it is valid;
    whether it passed."""
    from baocao.render.docx import jinja_env
    from baocao.render.source import read_template
    from baocao.render.template.check import check_template
    from baocao.render.template.data import pack_members

    names = pack_members(None if pack is None else _find_pack(pack))
    problems = check_template(read_template(template), jinja_env(), names)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{template}: mẫu có {len(problems)} lỗi.", err=True)
    else:
        click.echo(f"{template}: mẫu hợp lệ.")
    return not problems


@main.command("new-template")
@click.argument("file", default=Path("mau-bao-cao.docx"), type=_TEMPLATE, metavar="[TỆP.docx]")
@_PACK
@click.option("--force", is_flag=True, help="Ghi đè các tệp đã có.")
def new_template(file: Path, pack: str | None, force: bool) -> None:
    """Tạo bản sao mẫu có sẵn để sửa trong Word (mặc định mau-bao-cao.docx), kèm hướng dẫn.

    Với --huong-dan: mẫu dựng từ gói hướng dẫn đó, có sẵn đề mục của gói. Tệp hướng dẫn
    .txt cùng tên liệt kê mọi biến, mọi bộ lọc dùng được trong mẫu.
    """
    from baocao.author import write_new_template

    goi = None if pack is None else _find_pack(pack)
    for path in write_new_template(file, force=force, goi=goi):
        click.echo(f"Đã tạo {path}.")
    option = "" if pack is None else f" --huong-dan {pack}"
    click.echo(
        f"Sửa {file} trong Word, rồi chạy «baocao check-template {file}{option}» để kiểm tra."
    )


@main.group("huong-dan", cls=Group)
def huong_dan() -> None:
    """Gói hướng dẫn: khung đề mục của từng hướng dẫn báo cáo, viết thành tệp YAML.

    Gói có sẵn đi kèm baocao; gói riêng đặt trong thư mục huong-dan/ cạnh báo cáo hoặc trong
    thư mục ghi ở biến môi trường BAOCAO_HUONG_DAN.
    """


@huong_dan.command("list")
def huong_dan_list() -> None:
    """Liệt kê các gói hướng dẫn có sẵn và gói riêng, mỗi gói một dòng."""
    from baocao.errors import DataError
    from baocao.packs.find import known_packs, pack_at
    from baocao.packs.show import summary_line

    for ma, path in known_packs(Path.cwd()).items():
        try:
            click.echo(summary_line(pack_at(path)))
        except DataError:
            click.echo(f"{ma}: gói có lỗi; chạy «baocao huong-dan check {path}»")


@huong_dan.command("show")
@click.argument("pack", metavar="MÃ_GÓI")
def huong_dan_show(pack: str) -> None:
    """In khung đề mục của một gói: đề mục, tên mục, loại khối và lời hướng dẫn."""
    from baocao.packs.show import outline

    for line in outline(_find_pack(pack)):
        click.echo(line)


@huong_dan.command("check")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), metavar="GÓI.yaml")
def huong_dan_check(file: Path) -> int:
    """Kiểm tra một tệp gói hướng dẫn; in mọi lỗi, mỗi lỗi một dòng TỆP:DÒNG:CỘT."""
    from baocao.errors import DataError
    from baocao.packs.load import check_pack

    try:
        goi, problems = check_pack(file)
    except DataError as error:
        goi, problems = None, error.problems
    _print_problems(problems)
    errors = errors_of(problems)
    if goi is None or errors:
        click.echo(f"{file}: gói hướng dẫn có {len(errors)} lỗi.", err=True)
        return 1
    click.echo(f"{file}: gói hướng dẫn hợp lệ{_warning_note(warnings_of(problems))}.")
    return 0


@huong_dan.command("new")
@click.argument("guideline", type=_TEMPLATE, metavar="HƯỚNG_DẪN.txt|.docx")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="GÓI.yaml",
    help="Tệp gói cần tạo (mặc định: cùng tên tệp hướng dẫn, đuôi .yaml, đặt cạnh nó).",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp gói nếu đã có.")
def huong_dan_new(guideline: Path, output: Path | None, force: bool) -> None:
    """Soạn bản nháp gói hướng dẫn từ văn bản của hướng dẫn.

    Văn bản là tệp .txt (mã UTF-8) hoặc .docx. Bản nháp chép nguyên văn các mục, đoán khối
    cho từng mục (chú thích ghi lý do) và đánh dấu «# CẦN SỬA: …» những chỗ văn bản không
    ghi; xem lại rồi kiểm tra gói.
    """
    from baocao.errors import UsageError
    from baocao.output.write import ensure_writable, write_atomic
    from baocao.packs.draft import draft, read_guideline, to_yaml

    target = output or guideline.with_suffix(".yaml")
    if target.resolve() == guideline.resolve():
        raise UsageError(f"{target}: tệp gói trùng tệp hướng dẫn; chọn tên khác với -o")
    ensure_writable(target, force=force)
    result = draft(read_guideline(guideline))
    write_atomic(target, to_yaml(result, guideline.name).encode(), force=force)
    click.echo(f"Đã tạo {target}.")
    click.echo(result.summary())
