"""Converting finished reports to PDF with LibreOffice, a batch split over several processes.

LibreOffice runs headless with a throw-away user profile, so that it neither
reads the user's settings nor collides with a LibreOffice already open, and
under a time limit, so that a stuck conversion cannot hang a batch. One
process converts one document at a time, so a batch's documents are shared out
over as many processes as the batch has jobs, each with a profile of its own
(two processes cannot share one).

The profile is prepared so that converting never loads anything from outside
the document, even for a .docx that did not come through the template check
(see `PROFILE_SETTINGS`).
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from baocao.errors import PdfError, UsageError
from baocao.output.write import write_atomic

INSTALL_HINT = (
    "không tìm thấy LibreOffice (lệnh soffice) để xuất PDF. Cài LibreOffice: trên Debian/Ubuntu "
    "«sudo apt-get install libreoffice-writer fonts-liberation», trên Windows/macOS tải từ "
    "libreoffice.org; tệp .docx vẫn đã được tạo"
)

SECONDS_PER_FILE = 20
"""Time allowed per document, on top of LibreOffice's start-up."""

STARTUP_SECONDS = 60


PROFILE_SETTINGS = {
    # Refuse to load linked pictures and other resources of a document that is not in a
    # trusted location (ours never is): without this LibreOffice fetches an image linked
    # with `r:link` over HTTP, or reads it from disk, while converting (checked by a test).
    ("org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks"): "true",
    # Never update DDE and OLE links on load (0 always, 1 on request, 2 never).
    ("org.openoffice.Office.Writer/Content/Update", "Link"): "2",
    # Never run macros, whatever a document carries: "very high" security, and disabled.
    ("org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel"): "3",
    ("org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution"): "true",
}
"""Settings written into the throw-away profile, as LibreOffice's own user settings."""


def _write_profile(profile: Path) -> None:
    """A fresh profile holding only PROFILE_SETTINGS (LibreOffice fills in the rest)."""
    items = "".join(
        f'<item oor:path="/{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for (path, name), value in PROFILE_SETTINGS.items()
    )
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}</oor:items>\n",
        encoding="utf-8",
    )


def soffice() -> str:
    """The LibreOffice executable, or a UsageError saying how to install it."""
    for name in ("soffice", "libreoffice"):
        if found := shutil.which(name):
            return found
    raise UsageError(INSTALL_HINT)


def pdf_path(docx: Path) -> Path:
    """`bao-cao.docx` → `bao-cao.pdf`, beside it."""
    return docx.with_suffix(".pdf")


def convert(
    documents: Sequence[Path], *, force: bool = False, workers: int | None = None
) -> list[Path]:
    """Convert every .docx, over `workers` LibreOffice runs at once (default: one per CPU);
    each PDF lands beside its .docx. The PDFs are returned in the documents' order."""
    from concurrent.futures import ThreadPoolExecutor  # here: every render imports `pdf_path`

    if not documents:
        return []
    program = soffice()
    count = min(workers or os.cpu_count() or 1, len(documents))
    shares = [list(documents[start::count]) for start in range(count)]
    convert_share = functools.partial(_convert_share, program, force=force)
    # Threads only wait for their LibreOffice process; the first failure is raised here.
    with ThreadPoolExecutor(max_workers=count) as pool:
        made = list(pool.map(convert_share, shares))
    pdfs = {
        document: pdf
        for share, share_pdfs in zip(shares, made, strict=True)
        for document, pdf in zip(share, share_pdfs, strict=True)
    }
    return [pdfs[document] for document in documents]


def _convert_share(program: str, documents: list[Path], *, force: bool) -> list[Path]:
    """One LibreOffice run, with its own profile, over `documents`."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="baocao-pdf-") as work:
        staged = _stage(documents, Path(work))
        _run(program, staged, Path(work))
        return [_move(Path(work) / "out" / s.with_suffix(".pdf").name, d, force) for s, d in staged]


def _stage(documents: Sequence[Path], work: Path) -> list[tuple[Path, Path]]:
    """Copies under unique names: reports from different folders may share a name."""
    (work / "in").mkdir()
    staged = []
    for index, document in enumerate(documents):
        copy = work / "in" / f"{index:05d}.docx"
        shutil.copyfile(document, copy)
        staged.append((copy, document))
    return staged


def _run(program: str, staged: list[tuple[Path, Path]], work: Path) -> None:
    import signal
    import subprocess

    _write_profile(work / "profile")
    profile = (work / "profile").as_uri()
    command = [
        program,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(work / "out"),
        *(str(copy) for copy, _ in staged),
    ]
    limit = STARTUP_SECONDS + SECONDS_PER_FILE * len(staged)
    # A new session, so that on timeout the whole LibreOffice process group can be killed.
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        output, _ = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfError(f"LibreOffice không xuất xong PDF trong {limit} giây") from None
    if process.returncode != 0:
        tail = output.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise PdfError(f"LibreOffice báo lỗi khi xuất PDF: {tail[0]}")


def _move(produced: Path, document: Path, force: bool) -> Path:
    if not produced.is_file():
        raise PdfError(f"{document}: LibreOffice không tạo được tệp PDF")
    return write_atomic(pdf_path(document), produced.read_bytes(), force=force)
