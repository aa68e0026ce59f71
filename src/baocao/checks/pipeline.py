"""The one check pipeline: a data file in, a checked document and every problem out.

load (YAML with marks) → the document's kind (a report, a plan) → schema →
cross-checks → the files it names (the plan, checked by this same pipeline;
the photos). Every consumer — render, bundle, batch, tong-hop — takes the
`Checked` this returns and never reads or validates the file again.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from baocao.checks.cross import Finding, check, check_plan, check_targets, doubts, plan_year
from baocao.checks.messages import in_order, place, validate_model
from baocao.checks.partial import Unchecked, run_checks, salvage
from baocao.compute import filters
from baocao.errors import DataError, PathKey, Problem, UsageError, errors_of, warnings_of
from baocao.load.attachments import image_problem, per_file_version, photo_count, resolve
from baocao.load.marked import Loaded, load, parse
from baocao.schema import DEFAULT_PACK, BaoCao
from baocao.schema.chi_tieu import KeHoach

if TYPE_CHECKING:
    from baocao.packs.model import Goi

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Kind(Generic[M]):
    """A kind of document baocao reads: its model, how messages name it, its cross-checks."""

    model: type[M]
    noun: str
    cross_checks: Callable[[M], list[Finding]]
    names_files: bool = False
    """Whether it names other files (a plan, photos) to be checked with it."""
    pack: Goi | None = None
    """The guideline pack of a document of a pack other than the bundled one of its kind
    (`BaoCao`'s for a report, `ke-hoach-nam-hoc` for a plan)."""
    document: str = "báo cáo"
    """What the document is called in messages: «báo cáo», «kế hoạch»."""
    doubts: Callable[[M], list[Finding]] | None = None
    """Its cross-checks that only ever warn, which a reader of errors alone skips; a kind
    without them has all its checks in `cross_checks`."""

    @property
    def is_plan(self) -> bool:
        """Whether this kind is the plan's, whatever pack prints it (a plan is a `KeHoach`)."""
        return self.model is KeHoach

    def owns(self, data: dict[str, Any]) -> bool:
        """Whether top-level `data` has this kind's shape (its required keys, nothing else)."""
        fields = self.model.model_fields
        required = {name for name, info in fields.items() if info.is_required()}
        return required <= data.keys() <= fields.keys()

    def __reduce__(self) -> tuple[Any, ...]:
        """A pack's report model is a class made at run time, which pickle cannot name: the
        kind goes to another process as its pack, and is made again there (`pack_kind`)."""
        if self.pack is not None and _made_at_run_time(self.model):
            return pack_kind, (self.pack,)
        return Kind, _fields(self)


def _made_at_run_time(cls: type) -> bool:
    """Whether pickle cannot find `cls` by its name (its own test)."""
    return getattr(sys.modules.get(cls.__module__), cls.__qualname__, None) is not cls


def _fields(instance: Any) -> tuple[Any, ...]:
    return tuple(getattr(instance, field.name) for field in dataclasses.fields(instance))


REPORT: Kind[BaoCao] = Kind(BaoCao, "mẫu báo cáo", check, names_files=True, doubts=doubts)
PLAN: Kind[KeHoach] = Kind(KeHoach, "tệp kế hoạch", check_plan, document="kế hoạch")


def kind_of(data: dict[str, Any]) -> Kind[Any]:
    """A plan is told by its shape (`nam_hoc` and a list `chi_tieu`, nothing else); any other
    file is a report, so that a broken report is reported as one."""
    is_plan = PLAN.owns(data) and isinstance(data.get("chi_tieu"), list)
    return PLAN if is_plan else REPORT


@dataclass(frozen=True)
class Checked(Generic[M]):
    """One checked file: its data, its model when valid, every problem, what it names."""

    source: Path
    kind: Kind[M]
    model: M | None
    problems: list[Problem]
    loaded: Loaded | None = None
    """The data as read, with the line and column of each value."""
    ke_hoach: KeHoach | None = None
    """The plan of targets a report names, once read and valid."""
    ke_hoach_file: Path | None = None
    photos: tuple[Path, ...] = ()
    """The report's photo files, in its order, found inside its folder."""

    def attachments(self) -> list[Path]:
        """Every file the document names and baocao reads: its plan, its photos."""
        return [*([self.ke_hoach_file] if self.ke_hoach_file else []), *self.photos]

    @property
    def errors(self) -> list[Problem]:
        return errors_of(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_of(self.problems)

    @property
    def ok(self) -> bool:
        return self.model is not None and not self.errors

    def require(self) -> M:
        """The valid model, or DataError with every problem."""
        if self.model is None or self.errors:
            raise DataError(self.problems)
        return self.model

    def detached(self) -> Checked[M]:
        """Without the marks, which only locating problems needs: cheap to send elsewhere."""
        return dataclasses.replace(self, loaded=None)

    def __reduce__(self) -> tuple[Any, ...]:
        """A model of a pack's class (see `Kind.__reduce__`) goes to another process as its
        data, validated again there by the kind's model; any other as it is."""
        if self.model is None or not _made_at_run_time(type(self.model)):
            return Checked, _fields(self)
        without = dataclasses.replace(self, model=None)
        return _with_model, (without, self.model.model_dump())


def _with_model(checked: Checked[M], data: dict[str, Any]) -> Checked[M]:
    return dataclasses.replace(checked, model=checked.kind.model.model_validate(data))


def check_source(source: Path, *, outside: bool = False, doubts: bool = True) -> Checked[Any]:
    """Check `source` whatever its kind; data problems are returned, not raised.

    Raises UsageError when the file cannot be read at all. With `outside`, the
    files a report names may lie outside its folder. Without `doubts`, the checks
    that only ever warn (`Kind.doubts`) are skipped: for a reader of errors alone.
    """
    return _check(source, lambda: load(source), outside, doubts)


def check_bytes(source: Path, raw: bytes, *, outside: bool = False) -> Checked[Any]:
    """`check_source` of `raw` as if it were the contents of `source`, without reading it.

    The files it names are found beside `source`, as they would be once it is written.
    """
    return _check(source, lambda: parse(source, raw), outside)


def _check(
    source: Path, read: Callable[[], Loaded], outside: bool, doubts: bool = True
) -> Checked[Any]:
    try:
        loaded = read()
    except DataError as error:
        return Checked(source, REPORT, None, list(error.problems))
    goi, found = _named_pack(loaded)
    if found:  # the pack it names cannot be had: nothing to check the file against
        return Checked(source, kind_of(loaded.data), None, in_order(found), loaded)
    kind, more = _kind(loaded, goi)
    checked = _check_loaded(loaded, kind, outside, doubts)
    return dataclasses.replace(checked, problems=in_order([*more, *checked.problems]))


def _named_pack(loaded: Loaded) -> tuple[Goi | None, list[Problem]]:
    """The pack the file's `huong_dan` names, or None; with why it cannot be had, if so."""
    from baocao.packs.find import locate, pack_at

    ref = loaded.data.get("huong_dan")
    if not isinstance(ref, str):  # none, or anything but text, which is the schema's to report
        return None, []
    where = locate(ref, loaded.file.parent)
    if isinstance(where, str):
        return None, [loaded.problem(("huong_dan",), where)]
    try:
        return pack_at(where), []
    except DataError as error:
        message = f"gói hướng dẫn {where} có lỗi; sửa theo «baocao huong-dan check {where}»"
        return None, [loaded.problem(("huong_dan",), message), *error.problems]
    except UsageError as error:
        return None, [loaded.problem(("huong_dan",), _unreadable(where, error))]


def _kind(loaded: Loaded, goi: Goi | None) -> tuple[Kind[Any], list[Problem]]:
    """The kind `loaded` is checked as, and what is wrong with the pack it names for it.

    A file naming a pack of the plan kind is a plan, whatever its shape, so that a
    plan with a mistyped part is told as one; so is a file of the plan's shape. The
    bundled Ninh Bình pack's reports are checked with `BaoCao`, the model its outline
    derives to field for field (a test holds the two equal), whose cross-checks and
    renderer know its parts; any other pack's with its own model.
    """
    from baocao.packs.find import DEFAULT, bundled
    from baocao.packs.plan import is_plan_pack

    if goi is not None and is_plan_pack(goi):
        return plan_kind(goi), []
    if kind_of(loaded.data) is PLAN:
        return PLAN, [] if goi is None else [loaded.problem(("huong_dan",), _not_plans(goi))]
    if goi is None:
        return REPORT, _no_pack(loaded)
    return (REPORT if goi == bundled(DEFAULT) else pack_kind(goi)), []


def _no_pack(loaded: Loaded) -> list[Problem]:
    """A report that names no pack is read with the bundled one, and told so."""
    if loaded.data.get("huong_dan") is not None:  # not text: the schema's to report
        return []
    return [loaded.problem(("huong_dan",), _NO_PACK, severity="canh_bao")]


_NO_PACK = f"chưa ghi «huong_dan» (gói hướng dẫn của báo cáo); baocao dùng gói {DEFAULT_PACK}"


def _not_plans(goi: Goi) -> str:
    from baocao.packs.plan import PLAN_KY

    return (
        f"gói hướng dẫn «{goi.ma}» là gói báo cáo (ky: {goi.ky}), không phải gói kế hoạch "
        f"(ky: {PLAN_KY})"
    )


def plan_kind(goi: Goi) -> Kind[KeHoach]:
    """A plan printed by the plan pack `goi`: checked as every plan is (`PLAN`), rendered
    with `goi`; the bundled plan pack's plans are `PLAN` itself, as if they named none."""
    from baocao.packs.find import PLAN_PACK, bundled

    return PLAN if goi == bundled(PLAN_PACK) else dataclasses.replace(PLAN, pack=goi)


def pack_kind(goi: Goi) -> Kind[Any]:
    """A report of `goi`: its derived model, checked by its blocks' own checks and those
    across blocks; the files its `anh` and `ket_qua_chi_tieu` points name are checked too."""
    from baocao.packs.derive import report_checks, report_model

    checks = functools.partial(report_checks, goi)
    return Kind(report_model(goi), "mẫu báo cáo", checks, names_files=True, pack=goi)


def check_readable(source: Path, *, outside: bool = False, doubts: bool = True) -> Checked[Any]:
    """`check_source`, where an unreadable file is one more failed file rather than the end.

    For commands given many files: one file that cannot be read must not stop
    the others from being checked.
    """
    try:
        return check_source(source, outside=outside, doubts=doubts)
    except UsageError as error:
        message = str(error).removeprefix(f"{source}: ")
        return Checked(source, REPORT, None, [Problem(source, 1, 1, "", message)])


def _check_loaded(loaded: Loaded, kind: Kind[M], outside: bool, doubts: bool = True) -> Checked[M]:
    model, problems, bad = validate_model(loaded, kind.model, kind.noun)
    document = model if model is not None else salvage(kind.model, loaded.data, bad)
    findings = kind.cross_checks(document)
    if doubts and kind.doubts is not None:
        findings += kind.doubts(document)
    problems += [place(loaded, finding) for finding in findings]
    if not kind.names_files:
        return Checked(loaded.file, kind, model, in_order(problems), loaded)
    goi = _pack_of(kind)
    problems += [place(loaded, finding) for finding in _school_year(goi, document)]
    attached = _Attached(loaded, outside, goi)
    attached.check(document)
    # The report's own problems first, top to bottom, then those found in its plan file.
    ordered = sorted(
        [*problems, *attached.problems], key=lambda p: (p.file != loaded.file, p.line, p.column)
    )
    return Checked(
        loaded.file,
        kind,
        model,
        ordered,
        loaded,
        attached.ke_hoach,
        attached.ke_hoach_file,
        tuple(attached.photos),
    )


def _pack_of(kind: Kind[Any]) -> Goi:
    from baocao.packs.find import DEFAULT, bundled

    return kind.pack or bundled(DEFAULT)


def _school_year(goi: Goi, document: Any) -> list[Finding]:
    """A report is of its pack's school year (a pack is written for one year's guideline),
    and is signed by the pack's deadline when it states none of its own.

    Only for a report that names its pack: last year's file, written before packs, is read
    with the default pack (and a warning) but is not of that pack's year.
    """
    checks = [functools.partial(_same_year, goi=goi), functools.partial(_deadline, goi=goi)]
    return run_checks(checks, document) if _names_pack(document) else []


def _names_pack(document: Any) -> bool:
    return run_checks([lambda d: [d.huong_dan is not None]], document) == [True]


def _deadline(document: Any, goi: Goi) -> Iterable[Finding]:
    vb, deadline = document.van_ban, goi.van_ban.han_nop
    if vb.han_nop is None and deadline is not None and vb.ngay > deadline:
        yield Finding(
            ("van_ban", "ngay"),
            f"báo cáo ký ngày {filters.ngay_so(vb.ngay)}, sau hạn nộp {filters.ngay_so(deadline)} "
            f"của gói hướng dẫn «{goi.ma}»",
            "canh_bao",
        )


def _same_year(document: Any, goi: Goi) -> Iterable[Finding]:
    nam_hoc = document.van_ban.nam_hoc
    if nam_hoc != goi.nam_hoc:
        yield Finding(
            ("van_ban", "nam_hoc"),
            f"báo cáo của năm học {nam_hoc}, gói hướng dẫn «{goi.ma}» của năm học {goi.nam_hoc}",
        )


def _unreadable(path: Path, error: Exception) -> str:
    if isinstance(error, UsageError):
        return str(error).removeprefix(f"{path}: ")
    return f"không đọc được tệp {path.name}"


class _Attached:
    """The files a report names, each checked where the report names it: the plan of its
    `ket_qua_chi_tieu` point, the photos of its `anh` points (found by block in its pack)."""

    def __init__(self, loaded: Loaded, outside: bool, goi: Goi) -> None:
        self.loaded = loaded
        self.outside = outside
        self.goi = goi
        self.folder = loaded.file.parent
        self.resolved: dict[str, str] = {}
        """The folders whose links were followed for the files it names (`resolve`)."""
        self.problems: list[Problem] = []
        self.ke_hoach: KeHoach | None = None
        self.ke_hoach_file: Path | None = None
        self.photos: list[Path] = []

    def check(self, document: Any) -> None:
        from baocao.packs.derive import paths_of

        plans = paths_of(self.goi, "ket_qua_chi_tieu")[:1]  # a report states one plan's targets
        checks: list[Callable[[Any], Iterable[None]]] = [
            functools.partial(self._plan, at=at) for at in plans
        ]
        run_checks([*checks, self._photos], document)

    def _plan(self, document: Any, at: PathKey) -> Iterable[None]:
        from baocao.packs.derive import value_at

        chi_tieu = value_at(document, at)
        if chi_tieu is None:
            return ()
        where = (*at, "ke_hoach")
        path = resolve(
            self.folder, str(chi_tieu.ke_hoach), outside=self.outside, resolved=self.resolved
        )
        if isinstance(path, str):
            return self._error(where, path)
        if not path.is_file():
            return self._error(where, f"không tìm thấy tệp kế hoạch (baocao tìm ở {path})")
        self.ke_hoach_file = path
        try:
            checked = _plan_file(path)
        except (UsageError, OSError) as error:
            return self._error(where, _unreadable(path, error))
        if checked is None:
            # Never the lines of whatever file was named: it may be anything readable.
            return self._error(where, f"tệp {path.name} không phải tệp kế hoạch ({_PLAN_SHAPE})")
        self.problems += checked.problems
        if checked.model is not None:  # its ids and kinds are sound, if not all its thresholds
            found = _targets(document, checked.model, at)
            self.problems += [place(self.loaded, finding) for finding in found]
        if checked.ok:
            self.ke_hoach = checked.model
        return ()

    def _photos(self, document: Any) -> Iterable[None]:
        from baocao.packs.derive import paths_of, value_at

        count, first = 0, None
        for at in paths_of(self.goi, "anh"):
            for i, anh in enumerate(value_at(document, at) or []):
                try:
                    self._photo((*at, i, "tep"), str(anh.tep))
                except Unchecked:
                    continue
            count += len(value_at(document, at) or [])
            first = first or at
        asked = self.goi.van_ban.anh
        if first and asked and (message := photo_count(count, asked.it_nhat, asked.nhieu_nhat)):
            self._error(first, message, at_key=True, severity="canh_bao")
        return ()

    def _photo(self, at: tuple[str | int, ...], written: str) -> None:
        path = resolve(self.folder, written, outside=self.outside, resolved=self.resolved)
        if isinstance(path, str):
            self._error(at, path)
        elif message := image_problem(path):
            self._error(at, message)
        else:
            self.photos.append(path)

    def _error(self, at: tuple[str | int, ...], message: str, **how: Any) -> tuple[()]:
        self.problems.append(self.loaded.problem(at, message, **how))
        return ()


_PLAN_SHAPE = "tệp kế hoạch có «nam_hoc» và danh sách «chi_tieu»"


def _targets(document: Any, ke_hoach: KeHoach, at: PathKey) -> list[Finding]:
    """The report's actuals against the plan. Measuring them reads the bundled pack's parts
    (`compute.targets`); a report of another pack is held to the plan's school year."""
    if isinstance(document, BaoCao):
        return check_targets(document, ke_hoach)
    return run_checks([functools.partial(_plan_year, ke_hoach=ke_hoach, at=at)], document)


def _plan_year(document: Any, ke_hoach: KeHoach, at: PathKey) -> Iterable[Finding]:
    return plan_year(document.van_ban.nam_hoc, ke_hoach, (*at, "ke_hoach"))


@per_file_version
def _plan_file(path: Path) -> Checked[KeHoach] | None:
    """A plan file checked on its own, its problems placed in it, once per file version
    (a province's folder names one plan in hundreds of reports); None if it is no plan.
    """
    try:
        loaded = load(path)
    except DataError as error:
        return Checked(path, PLAN, None, list(error.problems))
    if not isinstance(loaded.data.get("chi_tieu"), list):
        return None
    return _check_loaded(loaded, PLAN, outside=False).detached()
