"""One document, start to finish, inside a worker process.

:func:`process` reads the document, writes its JSON (and the other formats
asked for) under ``OUTDIR/documents/`` atomically, and returns a
:class:`DocResult`: a small summary and the rows for the dataset, ready for
the single writer in the parent.  It never raises for a bad document: the
failure and its reason are the result.

Stopping safely: a worker ignores Ctrl-C (the parent decides when to stop),
and a SIGTERM or the death of its parent waits until the file being written
is whole and renamed into place, then ends the worker.

File names: the path a job names is the real one (on POSIX it may hold
undecodable bytes, as surrogate escapes); what the result carries and the
dataset stores is its :func:`~budgetx.filenames.printable` form, and the
per-document files are named from that form, made safe for any file system.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetx import stages
from budgetx.batch import fiscal
from budgetx.batch.schema import FINDINGS
from budgetx.budget import DEFAULT, Budget, over_memory
from budgetx.errors import BudgetxError, InputNotFound, OverBudget
from budgetx.export import get as get_exporter
from budgetx.export.atomic import write_atomic
from budgetx.export.json import dumps as json_dumps
from budgetx.extract import extract
from budgetx.filenames import printable
from budgetx.model import Document
from budgetx.readers.ocr.settings import OcrMode
from budgetx.tidy import amounts

DOCUMENTS_DIR = "documents"
SHA_PREFIX = 12
#: the most bytes (UTF-8) of a file's stem kept in the name of its per-document files
STEM_BYTES = 160
#: a temporary file or folder of an unfinished write: ``.NAME.*.part``
PART_SUFFIX = ".part"

Row = tuple[Any, ...]
_SEVERITY = FINDINGS.names.index("severity")


@dataclass(frozen=True)
class Job:
    """What a worker needs to process one document (small, picklable)."""

    path: str
    outdir: str
    #: formats of the exporter registry to write besides JSON (csv, xlsx, long …)
    exports: tuple[str, ...] = ()
    password: str | None = None
    validate: bool = True
    #: what reading the document may cost (the worker's memory limit, and the watchdog's clock)
    budget: Budget = DEFAULT
    #: the sha256 found when the batch was planned (to record a document whose worker gave no result)
    sha256: str | None = None
    #: how scanned pages are read (``--ocr``)
    ocr: OcrMode = "auto"


@dataclass
class DocResult:
    #: the path as given, printable (undecodable bytes written \xNN)
    file: str
    sha256: str | None
    status: str  # "ok" | "failed"
    reason: str | None = None
    exit_code: int = 0
    #: the row for the ``documents`` table (None when the file could not be read at all)
    document: Row | None = None
    tables: list[Row] = field(default_factory=list)
    amounts: list[Row] = field(default_factory=list)
    findings: list[Row] = field(default_factory=list)
    columns: list[Row] = field(default_factory=list)
    pages: int | None = None
    seconds: float = 0.0
    #: the worker's process id and its peak resident memory so far, in KiB
    pid: int = 0
    peak_rss_kib: int = 0
    written: list[str] = field(default_factory=list)
    #: the absolute path, printable: where the document's content was found
    path: str | None = None
    #: (file, errno, why) when the batch folder could not be written: the batch stops, the document is not to blame
    output_error: tuple[str, int | None, str] | None = None
    #: wall and CPU seconds of each stage of the pipeline (see :mod:`budgetx.stages`)
    stages: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def findings_by_severity(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f[_SEVERITY]] = counts.get(f[_SEVERITY], 0) + 1
        return counts


def output_stem(path: str | os.PathLike[str], sha256: str) -> str:
    """``<sha prefix>_<file stem>``: unique per content, readable per file.

    The stem is the printable name with path separators, backslashes and
    control characters made ``_``, cut to :data:`STEM_BYTES` bytes of UTF-8
    (a name's bytes are limited to 255, and an export adds its suffix).
    """
    stem = re.sub(r'[\\/\x00-\x1f\x7f:*?"<>|]', "_", printable(Path(path).stem))
    data = stem.encode("utf-8")
    if len(data) > STEM_BYTES:
        stem = data[:STEM_BYTES].decode("utf-8", errors="ignore")
    return f"{sha256[:SHA_PREFIX]}_{stem}"


def absolute(path: str | os.PathLike[str]) -> str:
    """The absolute path, printable: what identifies a file in the dataset."""
    return printable(os.path.abspath(path))


def sha256_file(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes, read a megabyte at a time."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process(job: Job) -> DocResult:
    """Extract one document, write its files, and return its rows and the time of each stage."""
    with stages.recording() as times, stages.stage("document"):
        result = _process(job)
    result.stages = {name: (wall, cpu) for name, (wall, cpu) in times.items()}
    return result


def _process(job: Job) -> DocResult:
    start = time.perf_counter()
    outdir = Path(job.outdir)
    name = printable(job.path)
    sha = doc = None
    try:
        data = _read(job.path)
        sha = hashlib.sha256(data).hexdigest()
        doc = extract(name, data=data, password=job.password, validate=job.validate, budget=job.budget, ocr=job.ocr)
        try:
            with stages.stage("writing"):
                written = _write_outputs(doc, outdir, job.exports)
        except OSError as error:  # the batch folder's fault (full, read-only …), not the document's
            where = printable(error.filename) if error.filename else str(outdir / DOCUMENTS_DIR)
            result = DocResult(name, sha, "failed", f"cannot write {where}", 13)
            result.output_error = (where, error.errno, error.strerror or str(error))
            result.path = absolute(job.path)
            return result
        result = DocResult(name, sha, "ok", pages=doc.source.pages, written=written)
        with stages.stage("rows"):
            _fill_rows(result, doc)
    except BudgetxError as error:
        result = DocResult(name, sha, "failed", error.reason, error.exit_code)
    except MemoryError:
        doc = None
        result = DocResult(name, sha, "failed", over_memory(name, job.budget).reason, OverBudget.exit_code)
    except Exception as error:  # a bug or an unfinished reader must not stop the batch
        detail = f": {error}" if str(error) else ""
        result = DocResult(name, sha, "failed", f"internal error: {type(error).__name__}{detail}", 10)
    result.path = absolute(job.path)
    result.seconds = time.perf_counter() - start
    if sha is not None and not result.ok:
        _remove_outputs(outdir, job.path, sha)  # a redone document that now fails keeps no old file
    if sha is not None:
        result.document = document_row(result, doc if result.ok else None, outdir)
    result.pid = os.getpid()
    result.peak_rss_kib = peak_rss_kib()
    return result


def failed_result(job: Job, reason: str, exit_code: int = 10, seconds: float = 0.0) -> DocResult:
    """The result of a document whose worker gave none back (it crashed, or was stopped)."""
    result = DocResult(printable(job.path), job.sha256, "failed", reason, exit_code, seconds=seconds)
    result.path = absolute(job.path)
    if result.sha256 is None:
        try:
            result.sha256 = sha256_file(Path(job.path))
        except OSError:
            return result
    result.document = document_row(result, None, Path(job.outdir))
    return result


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputNotFound(path, "no such file; check the path") from None
    except IsADirectoryError:
        raise InputNotFound(path, "this is a directory, not a document") from None
    except PermissionError:
        raise InputNotFound(path, "the file cannot be read (permission denied)") from None


# --- the rows -----------------------------------------------------------------------------------


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _fen(yuan: Decimal | None) -> int | None:
    if yuan is None:
        return None
    fen = yuan * 100
    return int(fen) if fen == fen.to_integral_value() else None


def _fill_rows(result: DocResult, doc: Document) -> None:
    sha = doc.source.sha256
    tables = [
        (sha, t.index, t.number, t.title, t.kind, t.unit, json.dumps(t.pages), len(t.rows), t.note) for t in doc.tables
    ]
    amount_rows = []
    for seq, a in enumerate(amounts(doc), start=1):
        yuan = a.value_yuan
        amount_rows.append(
            (
                sha,
                seq,
                a.table,
                a.kind,
                a.row,
                a.block,
                a.code,
                a.name,
                a.level,
                a.column,
                _text(a.value),
                a.unit,
                _text(yuan),
                _fen(yuan),
                fiscal.direction(a.kind, a.block),
                a.page,
                a.line,
                a.measure,
                a.entity,
                a.parent,
                a.second_classification,
                a.second_code,
                a.column_index,
                a.role,
            )
        )
    columns = [
        (sha, t.index, j, c.name, c.type, c.block, c.role, c.of) for t in doc.tables for j, c in enumerate(t.columns)
    ]
    titles = {t.index: t.title for t in doc.tables}
    finding_rows = [
        (
            sha,
            seq,
            f.rule,
            f.severity,
            f.message,
            f.message_en,
            f.table,
            f.table_title or titles.get(f.table or -1),
            f.code,
            f.row_name,
            f.column,
            f.page,
            getattr(f, "line", None),
            _text(f.expected),
            _text(f.actual),
            _text(f.difference),
        )
        for seq, f in enumerate(doc.findings, start=1)
    ]
    result.tables, result.amounts, result.findings, result.columns = tables, amount_rows, finding_rows, columns


def document_label(
    file: str, department: str | None, year: int | None, stage: str | None, publication: str | None
) -> str:
    """What names a document in a list: "江苏省人民检察院 2019 预算 部门 · 2019年度部门预算公开.pdf"."""
    what = " ".join(str(x) for x in (department, year, stage, publication) if x)
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    return f"{what} · {name}" if what else name


def document_row(result: DocResult, doc: Document | None, outdir: Path) -> Row:
    info = doc.info if doc else None
    department = info.department if info else None
    counts = result.findings_by_severity
    json_path = result.written[0] if result.written else None
    return (
        result.sha256,
        result.file,
        doc.source.format if doc else None,
        department,
        info.year if info else None,
        info.stage if info else None,
        fiscal.phase(info.stage) if info else None,
        fiscal.region(department, result.file),
        doc.source.pages if doc else None,
        result.status,
        result.reason,
        result.exit_code,
        len(result.tables),
        len(result.amounts),
        counts["error"],
        counts["warning"],
        counts["info"],
        os.path.relpath(json_path, outdir) if json_path else None,
        round(result.seconds, 3),
        datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        result.path,
        info.publication if info else None,
        info.department_key if info else None,
        document_label(
            result.file,
            department,
            info.year if info else None,
            info.stage if info else None,
            info.publication if info else None,
        ),
    )


# --- the files ----------------------------------------------------------------------------------


def _write_outputs(doc: Document, outdir: Path, exports: tuple[str, ...]) -> list[str]:
    folder = outdir / DOCUMENTS_DIR
    stem = output_stem(doc.source.path, doc.source.sha256)
    target = folder / f"{stem}.json"
    data = json_dumps(doc, doc.tables)
    with _guard:  # held only while bytes go to disk, so that a stop request waits no longer
        write_atomic(target, data)
    written = [str(target)]
    for fmt in dict.fromkeys(exports):
        if fmt == "json":
            continue  # written above
        exporter = get_exporter(fmt)
        ext = exporter.extensions[0] if exporter.extensions else f".{fmt}"
        name = stem + (ext if ext.startswith(f".{fmt}") else f".{fmt}{ext}")
        if exporter.write_dir is not None:
            # one file per table: a folder, swapped into place whole
            with _guard:
                _write_dir(folder / stem, lambda tmp, e=exporter: e.write_dir(doc, doc.tables, tmp))  # type: ignore[misc]
            written.append(str(folder / stem))
        else:
            data = exporter.dumps(doc, doc.tables)
            with _guard:
                write_atomic(folder / name, data)
            written.append(str(folder / name))
    return written


def _write_dir(path: Path, fill: Any) -> None:
    """Fill a temporary folder beside ``path``, then swap it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent))
    old = None
    try:
        fill(tmp)
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", suffix=PART_SUFFIX, dir=path.parent))
            os.replace(path, old / path.name)
        os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not path.exists():
            os.replace(old / path.name, path)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _remove_outputs(outdir: Path, path: str, sha: str) -> None:
    remove_outputs(outdir, output_stem(path, sha))


def remove_outputs(outdir: Path, stem: str) -> None:
    """Remove a document's files under ``OUTDIR/documents/``: ``stem.json``, ``stem.xlsx``, the folder ``stem`` …"""
    folder = outdir / DOCUMENTS_DIR
    for p in folder.glob(f"{glob.escape(stem)}*") if folder.is_dir() else ():
        if p.name != stem and not p.name.startswith(stem + "."):
            continue
        with _guard:
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)


def remove_parts_of(job: Job) -> None:
    """Remove the temporary files a worker killed while writing ``job``'s files left behind."""
    folder = Path(job.outdir) / DOCUMENTS_DIR
    if job.sha256 is None or not folder.is_dir():
        return
    pattern = f".{glob.escape(output_stem(job.path, job.sha256))}*{PART_SUFFIX}"
    for p in folder.glob(pattern):
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)


def remove_parts(folder: Path) -> list[Path]:
    """Remove what an interrupted write left: ``.NAME.*.part`` files and folders."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for p in folder.iterdir():
        if p.name.startswith(".") and p.name.endswith(PART_SUFFIX):
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    p.unlink()
            removed.append(p)
    return removed


# --- stopping safely ----------------------------------------------------------------------------


class _WriteGuard:
    """Held while a file is written, so that a stop request waits for the rename."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.writing = False
        self.stop_code: int | None = None

    def __enter__(self) -> None:
        self.lock.acquire()
        self.writing = True

    def __exit__(self, *exc: object) -> None:
        self.writing = False
        self.lock.release()
        if self.stop_code is not None:
            os._exit(self.stop_code)

    def stop(self, code: int) -> None:
        """End the process now, or as soon as the current write is done (signal handler)."""
        if self.writing:
            self.stop_code = code
        else:
            os._exit(code)

    def stop_from_thread(self, code: int) -> None:
        with self.lock:
            os._exit(code)


_guard = _WriteGuard()


def ignore_interrupts() -> None:
    """In a worker process: Ctrl-C is the parent's to handle; SIGTERM ends the worker once its file is whole."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: _guard.stop(128 + signum))


def end_when_written() -> None:
    """End this process now, or as soon as the file being written is whole (its parent is gone)."""
    _guard.stop_from_thread(1)


def peak_rss_kib() -> int:
    """The process's peak resident memory so far, in KiB (0 where unknown)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss
