"""``run_batch``: many documents in, one dataset out.

The parent process expands the inputs, hashes each file, skips what the
dataset already holds, hands the rest to workers (local processes under a
watchdog, or a Dask cluster) one document each, and is the only writer of the
dataset: each result is committed as it arrives.  Nothing here prints;
progress goes to an :class:`Observer` the caller passes in.

A document is a file's content found at a path: when the content behind a
path changes, the new version replaces the old one (its rows go in the same
transaction); a document whose file is gone is reported, and removed with
``prune``.  A file moved or renamed keeps its document.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from budgetx import patterns
from budgetx.batch import outdir as folder
from budgetx.batch import worker
from budgetx.batch.dataset import Dataset, Known
from budgetx.batch.inputs import expand_inputs
from budgetx.batch.pool import run_pool
from budgetx.batch.report import write_report
from budgetx.batch.worker import DocResult, Job
from budgetx.budget import DEFAULT, Budget
from budgetx.errors import OutputError
from budgetx.filenames import printable
from budgetx.readers.ocr.settings import OcrMode


@dataclass
class BatchOptions:
    outdir: Path
    #: parallel workers; None: one per core
    jobs: int | None = None
    #: redo documents the dataset already holds
    force: bool = False
    #: redo the documents that failed last time (and only those)
    retry_failed: bool = False
    #: per-document formats besides JSON, from the exporter registry
    exports: tuple[str, ...] = ()
    #: the dataset's form: sqlite (always written), plus csv or parquet files
    format: str = "sqlite"
    password: str | None = None
    validate: bool = True
    #: address of a Dask distributed scheduler, or None for local processes
    scheduler: str | None = None
    #: time and memory for one document: a worker past them is stopped, the document recorded as failed
    budget: Budget = DEFAULT
    #: remove the documents whose file is gone (else they are kept, and reported)
    prune: bool = False
    #: how scanned pages are read (``--ocr``: auto, always, never)
    ocr: OcrMode = "auto"


@dataclass(frozen=True)
class DocSummary:
    """What the report keeps of a processed document (its rows are in the dataset)."""

    file: str
    sha256: str | None
    status: str
    reason: str | None
    errors: int
    warnings: int
    pages: int | None
    amounts: int
    seconds: float
    pid: int
    peak_rss_kib: int
    #: wall and CPU seconds of each stage of the pipeline (see :mod:`budgetx.stages`)
    stages: dict[str, tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def of(cls, r: DocResult) -> DocSummary:
        counts = r.findings_by_severity
        return cls(
            r.file,
            r.sha256,
            r.status,
            r.reason,
            counts["error"],
            counts["warning"],
            r.pages,
            len(r.amounts),
            r.seconds,
            r.pid,
            r.peak_rss_kib,
            r.stages,
        )

    @property
    def outcome(self) -> str:
        """ok, findings (ok, but validation found errors or warnings) or failed."""
        if self.status != "ok":
            return "failed"
        return "findings" if self.errors or self.warnings else "ok"


@dataclass
class BatchReport:
    outdir: Path
    #: documents named by the inputs
    inputs: int = 0
    #: documents skipped because the dataset already holds them
    skipped: int = 0
    #: of those, the ones recorded as failed: (file, reason)
    failed_before: list[tuple[str, str]] = field(default_factory=list)
    #: (file, the file with the same content processed in its stead)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    #: inputs that named no readable document: (input, why)
    missing: list[tuple[str, str]] = field(default_factory=list)
    #: files whose content changed since the dataset took them: the old version is replaced
    changed: list[str] = field(default_factory=list)
    #: documents whose file is gone (the file as recorded); removed when ``pruned``
    gone: list[str] = field(default_factory=list)
    pruned: bool = False
    processed: list[DocSummary] = field(default_factory=list)
    #: the dataset's files (budget.sqlite, and the CSV/Parquet files with datapackage.json)
    written: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0
    interrupted: bool = False

    def count(self, outcome: str) -> int:
        return sum(1 for d in self.processed if d.outcome == outcome)

    @property
    def failed(self) -> list[DocSummary]:
        return [d for d in self.processed if d.outcome == "failed"]

    @property
    def exit_code(self) -> int:
        """0 when every document was read, 1 when any failed, now or in an earlier run
        (or an input named nothing)."""
        return 1 if self.failed or self.missing or self.failed_before else 0


class Observer(Protocol):
    def start(self, total: int, todo: int, workers: int) -> None: ...
    def submitted(self, path: str) -> None: ...
    def finished(self, summary: DocSummary) -> None: ...


class _Silent:
    def start(self, total: int, todo: int, workers: int) -> None:
        pass

    def submitted(self, path: str) -> None:
        pass

    def finished(self, summary: DocSummary) -> None:
        pass


class BatchInterrupted(KeyboardInterrupt):
    """The batch was interrupted; every document finished so far is in the dataset."""

    def __init__(self, report: BatchReport) -> None:
        super().__init__("batch interrupted")
        self.report = report


def run_batch(
    inputs: Iterable[str],
    options: BatchOptions,
    *,
    stdin: TextIO | None = None,
    observer: Observer | None = None,
) -> BatchReport:
    """Process every document named by ``inputs`` into the dataset under ``options.outdir``.

    Raises :class:`BatchInterrupted` (a ``KeyboardInterrupt``) when interrupted,
    after committing what finished; a rerun completes the dataset.
    """
    from budgetx.batch.files import check_format

    started = time.perf_counter()
    observer = observer or _Silent()
    outdir = Path(options.outdir)
    check_format(options.format)
    _check_exports(options.exports)
    folder.prepare(outdir)
    with folder.exclusive(outdir):
        return _run(inputs, options, outdir, stdin, observer, started)


def _run(
    inputs: Iterable[str],
    options: BatchOptions,
    outdir: Path,
    stdin: TextIO | None,
    observer: Observer,
    started: float,
) -> BatchReport:
    from budgetx.batch.datasette import write_metadata
    from budgetx.batch.files import write_files

    with folder.faults(outdir):
        for place in (outdir, outdir / worker.DOCUMENTS_DIR):
            worker.remove_parts(place)  # what an earlier batch, killed, left half-written
    report = BatchReport(outdir)
    found = expand_inputs(inputs, stdin=stdin, exclude=[outdir])
    report.inputs = len(found.paths)
    report.missing = list(found.missing)

    with Dataset(outdir) as dataset:
        plan = _plan(found.paths, dataset, options, report)
        jobs = plan.jobs
        workers = _workers(options, len(jobs))
        report.workers = workers
        observer.start(report.inputs, len(jobs), workers)

        def on_result(result: DocResult) -> None:
            if result.output_error is not None:
                where, code, why = result.output_error
                raise folder.output_error(where, OSError(code, why, where))
            summary = DocSummary.of(result)
            if result.document is not None:
                replaced = plan.replaces.get(result.sha256 or "", [])
                dataset.record(result, replaces=replaced)
                _remove_files(outdir, [plan.known[sha] for sha in replaced])
                report.processed.append(summary)
            else:  # the file vanished or became unreadable after it was listed
                report.missing.append((result.file, result.reason or "cannot be read"))
            observer.finished(summary)

        def submitted(path: str) -> None:
            observer.submitted(printable(path))

        try:
            if options.scheduler:
                from budgetx.batch.cluster import run_on_dask

                run_on_dask(options.scheduler, jobs, on_result, submitted)
            else:
                run_pool(jobs, workers, on_result, submitted, budget=options.budget)
        except KeyboardInterrupt:
            report.interrupted = True
            report.seconds = time.perf_counter() - started
            raise BatchInterrupted(report) from None
        with folder.faults(outdir), dataset.faults():
            if options.format != "sqlite":
                report.written.extend(write_files(dataset, outdir, options.format))
            report.written.append(write_report(dataset, outdir))
    with folder.faults(outdir):
        report.written.insert(0, write_metadata(dataset.path))
    report.written.insert(0, dataset.path)
    report.seconds = time.perf_counter() - started
    return report


@dataclass
class _Plan:
    jobs: list[Job] = field(default_factory=list)
    #: sha256 of a file's new content → the documents (sha256) of its old content, which it replaces
    replaces: dict[str, list[str]] = field(default_factory=dict)
    #: what the dataset held before the batch
    known: dict[str, Known] = field(default_factory=dict)


def _plan(paths: list[Path], dataset: Dataset, options: BatchOptions, report: BatchReport) -> _Plan:
    """The jobs still to do (one per content, minus what the dataset holds), and the dataset brought in
    line with the files: moved documents follow their file, changed ones are replaced, gone ones reported."""
    hashed: list[tuple[Path, str, str]] = []  # (path, absolute printable path, sha256)
    for path in paths:
        try:
            sha = worker.sha256_file(path)
        except OSError as exc:
            report.missing.append((printable(path), f"cannot be read ({exc.strerror})"))
            continue
        hashed.append((path, worker.absolute(path), sha))
    holders: dict[str, list[str]] = {}
    for _, where, sha in hashed:
        holders.setdefault(sha, []).append(where)
    current = {where: sha for _, where, sha in hashed}

    known = dataset.known()
    plan = _Plan(known=known)
    moved: list[tuple[str, str, str]] = []
    removed: list[str] = []
    first_path = {sha: (printable(p), where) for p, where, sha in reversed(hashed)}
    for sha, doc in known.items():
        if sha in holders:
            if doc.path not in holders[sha]:  # moved or renamed, or its old place now holds other content
                moved.append((sha, *first_path[sha]))
        elif doc.path in current:  # the content behind its path changed: the new version replaces it
            report.changed.append(doc.file)
            new = current[doc.path]
            if new in known:  # the new content is already in the dataset: nothing to wait for
                removed.append(sha)
            else:
                plan.replaces.setdefault(new, []).append(sha)
        elif not _exists(doc.path):
            report.gone.append(doc.file)
            if options.prune:
                removed.append(sha)
    report.pruned = options.prune and bool(report.gone)
    if moved or removed:
        dataset.update(moved, removed)
        _remove_files(Path(options.outdir), [known[sha] for sha in removed])
    gone_now = set(removed)
    done = {sha: (k.status, k.reason) for sha, k in known.items() if sha not in gone_now}

    first: dict[str, str] = {}
    for path, _where, sha in hashed:
        name = printable(path)
        if sha in first:
            report.duplicates.append((name, first[sha]))
            continue
        first[sha] = name
        status, reason = done.get(sha, (None, None))
        redo = options.force or (options.retry_failed and status == "failed")
        if status is not None and not redo:
            report.skipped += 1
            if status == "failed":
                report.failed_before.append((name, reason or ""))
            continue
        plan.jobs.append(
            Job(
                str(path),
                str(options.outdir),
                exports=tuple(options.exports),
                password=options.password,
                validate=options.validate,
                budget=options.budget,
                sha256=sha,
                ocr=options.ocr,
            )
        )
    return plan


_ESCAPED_BYTE = patterns.compile(r"\\x([89a-fA-F][0-9a-fA-F])")


def _remove_files(outdir: Path, docs: list[Known]) -> None:
    """Remove the per-document files of documents taken out of the dataset."""
    with folder.faults(outdir):
        for doc in docs:
            if doc.json:
                worker.remove_outputs(outdir, Path(doc.json).name.removesuffix(".json"))


def _exists(path: str | None) -> bool:
    """Whether the file recorded at ``path`` (printable: an undecodable byte written \\xNN) still exists."""
    if path is None:
        return True  # unknown: never taken for gone
    if os.path.lexists(path):
        return True
    real = _ESCAPED_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), path)
    return real != path and os.path.lexists(real)


def _workers(options: BatchOptions, todo: int) -> int:
    wanted = options.jobs if options.jobs and options.jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(wanted, todo))


def _check_exports(exports: Iterable[str]) -> None:
    from budgetx.export import exporters

    known = exporters()
    for fmt in exports:
        if fmt not in known:
            raise OutputError(fmt, f"no such per-document format; choose among {', '.join(sorted(known))}")


def summarise_failures(report: BatchReport) -> list[tuple[str, str]]:
    """(file, reason) of every document that failed (in this run or before) and every input that named nothing."""
    return [(d.file, d.reason or "") for d in report.failed] + report.failed_before + report.missing


__all__ = [
    "BatchInterrupted",
    "BatchOptions",
    "BatchReport",
    "DocSummary",
    "Observer",
    "run_batch",
    "summarise_failures",
]
