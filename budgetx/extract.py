"""The library's entry point: a file in, a :class:`~budgetx.model.Document` out.

One pipeline: the bytes (the file's, or given), the reader their format
names, the segmenter (tables and the narrative between them), the document's
description (department, year, stage), the catalogue's names, levels and
parents on coded rows, then validation.  :func:`extract` runs it for a
document with tables; :func:`read_narrative` runs the same steps, without the
checks, for a narrative (情况说明) published apart from its tables, which may
hold no table at all.

The stages are imported when the first document is read, so that
``import budgetx`` (and ``budgetx --version``) loads none of them.
"""

from __future__ import annotations

import importlib
import os
import stat
from typing import TYPE_CHECKING, cast

from budgetx.budget import DEFAULT, Budget, watch
from budgetx.errors import EmptyInput, InputIsDirectory, InputUnreadable, NoTablesFound, NoTextLayer, input_error
from budgetx.filenames import printable
from budgetx.stages import stage

if TYPE_CHECKING:
    from collections.abc import Iterable

    from budgetx.model import Document, Line
    from budgetx.pages import PageSelection
    from budgetx.readers.ocr.settings import OcrMode, Progress


def extract(
    path: str | os.PathLike[str],
    *,
    data: bytes | None = None,
    password: str | None = None,
    validate: bool = True,
    budget: Budget = DEFAULT,
    ocr: OcrMode | None = None,
    progress: Progress | None = None,
    pages: str | Iterable[int] | PageSelection | None = None,
) -> Document:
    """Read every table of a published budget document.

    Scanned pages are read by OCR (``ocr="auto"``, the default: a PDF's pages
    without a text layer, and image files); ``ocr="always"`` reads every PDF
    page by OCR, ``ocr="never"`` refuses a scan (:class:`~budgetx.errors.NoTextLayer`).
    Without ``ocr`` or ``progress``, those of
    :func:`budgetx.readers.ocr.settings.using` in force are taken.
    ``progress`` is called before and after each page read by OCR with (pages
    read by OCR so far, pages of the document done, the document's pages).

    ``path`` names the file (and is reported in findings and errors); pass
    ``data`` to read bytes already in memory, e.g. from stdin.  Reading stops
    with :class:`~budgetx.errors.OverBudget` past ``budget``'s time or memory
    (:mod:`budgetx.budget`: 120 s and 2 GiB by default).  A page that cannot be
    read is left out and named by a ``document.page_unreadable`` error finding.  Only a regular
    file is read: a FIFO, socket or device is refused (pass its bytes as
    ``data``).  ``source.path`` is the name as
    :func:`budgetx.filenames.printable` gives it (undecodable bytes ``\\xNN``).
    Raises a :class:`~budgetx.errors.BudgetxError` for input budgetx cannot
    read, whatever the operating system says (missing, a directory,
    permissions, a symlink loop, a name too long …).

    ``pages`` reads only those pages, 1-based as printed: ``"3-7,12"``, ``[3, 4, 12]`` or a
    :class:`~budgetx.pages.PageSelection`; the tables are found among them, the other pages are
    never parsed.  A text's pages are those its form feeds delimit.  A selection that cannot be
    read raises :class:`~budgetx.pages.PageSpecError` (a ``ValueError``); one past the document's
    last page, :class:`~budgetx.errors.BadPageSelection`.
    """
    from budgetx.readers.ocr.settings import Settings, current, using

    outer = current()
    chosen = Settings(ocr or outer.mode, progress or outer.progress)
    name = os.fspath(path)
    selected = None
    if pages is not None:
        from budgetx.pages import selection

        selected = selection(pages)
    with watch(name, budget), using(chosen):
        doc = _read(name, data, password, need_tables=True, pages=selected)
        if validate:
            from budgetx.validate import run as run_validation

            with stage("validation"):
                doc.findings = run_validation(doc)
        else:
            from budgetx.readers import unreadable

            doc.findings = unreadable.findings(doc.source)
    return doc


def read_narrative(
    path: str | os.PathLike[str],
    *,
    data: bytes | None = None,
    password: str | None = None,
    budget: Budget = DEFAULT,
) -> Document:
    """Read the narrative (情况说明) of a document whose tables are published as another file.

    Jiangsu publishes the text and the tables of one document as two files;
    :func:`budgetx.validate.with_narrative` checks this file's figures against
    the other's tables.  The file is read as :func:`extract` reads it, without
    the checks, and may hold no table nor say 预算/决算 often enough for
    :func:`extract` to take it for a budget document.
    """
    name = os.fspath(path)
    with watch(name, budget):
        return _read(name, data, password, need_tables=False)


def _read(
    name: str, data: bytes | None, password: str | None, *, need_tables: bool, pages: PageSelection | None = None
) -> Document:
    """The document without its findings; ``need_tables``: no table and no budget narrative is an error."""
    from budgetx import model
    from budgetx.model import Document, Source
    from budgetx.normalize.annotate import annotate as annotate_codes
    from budgetx.readers import reader_for
    from budgetx.tables.info import describe
    from budgetx.tables.segment import segment

    if model.frames is None:
        model.frames = cast(
            "model.Frames", _Frames()
        )  # Document and Table's to_pandas; budgetx.frames (and pandas) only then
    if data is None:
        data = _read_bytes(name)
    if not data.strip():
        raise EmptyInput(name, "the file is empty; check that the download or conversion finished")
    reader = reader_for(name, data)
    with stage("reading"):
        result = reader.read(data, name, password=password, pages=pages)
    with stage("segmentation"):
        tables, narrative = segment(result.lines)
    if any(ln.ocr for ln in result.lines):
        from budgetx.normalize.readings import annotate as annotate_readings

        annotate_readings(tables, result.lines)
    if not tables:
        read = len(list(pages.within(result.pages))) if pages is not None and result.pages else result.pages
        if read and len(result.empty_pages) * 2 > read:
            raise NoTextLayer(
                name,
                f"no table found and pages {', '.join(map(str, result.empty_pages))} have no text layer "
                "(scanned); read it with --ocr auto (the default), or run OCR on the file (e.g. ocrmypdf) and try again",
            )
        if need_tables and not _is_budget_narrative(narrative):
            raise NoTablesFound(
                name, "no budget table found; budgetx reads published 部门预算/决算 documents with their tables"
            )
        # the narrative part of a document published as two files: it gives what it has
    shown = printable(name)
    doc = Document(
        source=Source(
            path=shown,
            sha256=sha256(data),
            format=result.format,
            pages=result.pages,
            unreadable=result.unreadable,
            turned=result.turned,
        ),
        tables=tables,
        narrative=narrative,
    )
    with stage("normalisation"):
        doc.info = describe(shown, tables, narrative)
        annotate_codes(doc)
    return doc


class _Frames:
    """:mod:`budgetx.frames`, imported when a ``to_pandas`` first asks for it (it installs itself in
    its place then): a document read for its JSON or CSV does not import it."""

    def __getattr__(self, name: str) -> object:
        import budgetx.frames

        return getattr(budgetx.frames, name)


def _is_budget_narrative(narrative: list[Line]) -> bool:
    """The text of a published budget document's narrative (情况说明) without its tables."""
    hits = sum(1 for ln in narrative if ln.text and ("预算" in ln.text or "决算" in ln.text))
    return hits >= 5


def _read_bytes(name: str) -> bytes:
    """The bytes of the regular file ``name``; whatever the operating system refuses is a BudgetxError.

    The file is opened without blocking, so a FIFO put in its place between
    the check and the read is refused, not waited on.
    """
    from budgetx.readers.limits import read_stream

    try:
        _check_kind(name, os.stat(name).st_mode)
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            _check_kind(name, os.fstat(fh.fileno()).st_mode)
            return read_stream(fh, name, regular=True)
    except OSError as exc:
        raise input_error(name, exc) from None


#: what a file that is not a regular file is, for the message
_NOT_A_FILE = {
    stat.S_IFIFO: "a named pipe (FIFO), not a file; read it through stdin instead: - < FIFO",
    stat.S_IFSOCK: "a socket, not a file; give a document file",
    stat.S_IFCHR: "a device, not a file; give a document file",
    stat.S_IFBLK: "a device, not a file; give a document file",
}


def _check_kind(name: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputIsDirectory(name, "this is a directory; give a file, or use 'budgetx batch' for a folder")
    if not stat.S_ISREG(mode):
        what = _NOT_A_FILE.get(stat.S_IFMT(mode), "not a regular file; give a document file")
        raise InputUnreadable(name, f"this is {what}")


#: from this size on a document is hashed by :mod:`hashlib` (OpenSSL); below it by the interpreter's own SHA-256
OPENSSL_FROM = 1024 * 1024


def sha256(data: bytes) -> str:
    """The SHA-256 of ``data``, in hexadecimal.

    :mod:`hashlib` loads OpenSSL, some 3 ms of every command's start; the interpreter's own SHA-256
    (``_sha2``, ``_sha256`` before Python 3.12) is at hand at once but hashes some six times slower,
    3 ms a megabyte.  A published document is mostly smaller: below :data:`OPENSSL_FROM` it is hashed
    without OpenSSL; the digest is the same either way.
    """
    if len(data) < OPENSSL_FROM:
        for name in ("_sha2", "_sha256"):
            try:
                return importlib.import_module(name).sha256(data).hexdigest()  # type: ignore[no-any-return]
            except ImportError:
                continue
    import hashlib

    return hashlib.sha256(data).hexdigest()
