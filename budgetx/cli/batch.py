"""``budgetx batch INPUT... -o OUTDIR``: a collection of documents into one dataset."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Column
from rich.text import Text

from budgetx.batch import (
    FORMATS,
    BatchInterrupted,
    BatchOptions,
    BatchReport,
    DocSummary,
    run_batch,
    summarise_failures,
)
from budgetx.batch.inputs import STDIN
from budgetx.budget import DEFAULT as _BUDGET
from budgetx.cli.console import err_console, fail, fail_unexpected, stderr_is_terminal, usage_error
from budgetx.cli.options import Debug, MaxMemory, Ocr, Password, Quiet, Timeout, budget_of, ocr_mode
from budgetx.errors import BudgetxError
from budgetx.filenames import printable

#: the exit code of a batch stopped by Ctrl-C or SIGTERM (128 + SIGINT)
INTERRUPTED = 130
_SHOW_FAILURES = 20


def batch_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Documents: files, folders (searched recursively), globs ('docs/**/*.pdf'), or - for a list of paths on stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="OUTDIR",
            help="The batch folder: budget.sqlite, documents/, report.html and the dataset files.",
        ),
    ],
    jobs: Annotated[
        Optional[int],
        typer.Option("--jobs", "-j", min=1, metavar="N", help="Parallel workers (default: one per core)."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="The dataset: sqlite (budget.sqlite only), or csv / parquet files with datapackage.json too.",
        ),
    ] = "sqlite",
    exports: Annotated[
        Optional[list[str]],
        typer.Option(
            "--export",
            "-e",
            metavar="FORMAT",
            help="Also write each document as this format (csv, xlsx, long). Repeatable.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Redo documents the dataset already holds.")] = False,
    retry_failed: Annotated[
        bool,
        typer.Option("--retry-failed", help="Redo the documents that failed last time (errors, over budget, crashes)."),
    ] = False,
    timeout: Timeout = int(_BUDGET.seconds or 0),
    max_memory: MaxMemory = 2048,
    prune: Annotated[
        bool, typer.Option("--prune", help="Remove from the dataset the documents whose file is gone.")
    ] = False,
    scheduler: Annotated[
        Optional[str],
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Run on a Dask distributed cluster (tcp://host:8786); workers need the same paths. Needs budgetx[dask].",
        ),
    ] = None,
    password: Password = None,
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip the arithmetic checks.")] = False,
    ocr: Ocr = "auto",
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Read many documents in parallel into one dataset (SQLite, CSV or Parquet); reruns resume."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if STDIN in inputs and sys.stdin is None:
        usage_error("-: standard input is closed; pipe a list of paths into it, one a line")
    options = BatchOptions(
        outdir=output,
        jobs=jobs,
        force=force,
        retry_failed=retry_failed,
        exports=tuple(exports or ()),
        format=fmt,
        password=password,
        validate=not no_validate,
        scheduler=scheduler,
        budget=budget_of(timeout, max_memory),
        prune=prune,
        ocr=ocr_mode(ocr),
    )
    show = not quiet and stderr_is_terminal()
    observer = _ProgressBar() if show else None
    try:
        with _sigterm_interrupts(), observer or _nothing():
            report = run_batch(inputs, options, stdin=sys.stdin, observer=observer)
    except BatchInterrupted as stop:
        if not quiet:
            _summary(stop.report)
            err_console.print(
                f"[bold yellow]interrupted:[/] {len(stop.report.processed)} documents committed to "
                f"{output / 'budget.sqlite'}; run the same command again to finish",
                markup=True,
            )
        raise typer.Exit(INTERRUPTED) from None
    except BudgetxError as error:
        fail(error, debug=debug)
    except Exception as error:  # a bug: one line, unless --debug
        if debug:
            raise
        fail_unexpected(printable(output), error)
    if not quiet:
        _summary(report)
    raise typer.Exit(report.exit_code)


class _ProgressBar:
    """The batch's progress on stderr: counts, the current file, elapsed time and ETA."""

    def __init__(self) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            MofNCompleteColumn(),
            BarColumn(bar_width=12),
            TextColumn(
                "{task.fields[pages]} pages [green]ok {task.fields[ok]}[/] [yellow]findings {task.fields[findings]}[/] [red]failed {task.fields[failed]}[/]"
            ),
            TextColumn("eta"),
            TimeRemainingColumn(),
            TextColumn(
                "{task.fields[current]}",
                style="dim",
                table_column=Column(max_width=24, no_wrap=True, overflow="ellipsis"),
            ),
            console=err_console,
        )
        self.task: Any = None
        self.counts = {"ok": 0, "findings": 0, "failed": 0, "pages": 0}

    def __enter__(self) -> _ProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, total: int, todo: int, workers: int) -> None:
        skipped = total - todo
        if skipped:
            err_console.print(f"{skipped} of {total} documents already in the dataset (or duplicates): skipped")
        self.task = self.progress.add_task("batch", total=todo, current="", ok=0, findings=0, failed=0, pages=0)

    def submitted(self, path: str) -> None:
        self.progress.update(self.task, current=printable(Path(path).name))

    def finished(self, summary: DocSummary) -> None:
        self.counts[summary.outcome] += 1
        self.counts["pages"] += summary.pages or 0
        self.progress.update(self.task, advance=1, **self.counts)  # type: ignore[arg-type]


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Treat SIGTERM (kill) like Ctrl-C: commit what finished, stop the workers, exit."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (tests, embedding): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _summary(report: BatchReport) -> None:
    ok, findings, failed = report.count("ok"), report.count("findings"), report.count("failed")
    pages = sum(d.pages or 0 for d in report.processed)
    rate = f", {len(report.processed) / report.seconds:.1f} documents/s" if report.seconds and report.processed else ""
    parts = [f"{len(report.processed)} processed ({ok} ok, {findings} with findings, {failed} failed)"]
    if report.skipped:
        parts.append(f"{report.skipped} already done")
    if report.failed_before:
        parts.append(f"{len(report.failed_before)} of them failed before (--retry-failed redoes them)")
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} duplicates")
    if report.changed:
        parts.append(f"{len(report.changed)} changed since the last run (the old version replaced)")
    if report.missing:
        parts.append(f"{len(report.missing)} inputs not found")
    workers = f" on {report.workers} worker{'s' if report.workers > 1 else ''}" if report.processed else ""
    err_console.print(
        f"{'; '.join(parts)} in {report.seconds:.1f}s{workers}{f', {pages} pages' if pages else ''}{rate}",
        markup=False,
    )
    if report.gone:
        what = "removed" if report.pruned else "kept; --prune removes them"
        n = len(report.gone)
        err_console.print(f"{n} document{'s' if n > 1 else ''} whose file is gone: {what}", markup=False)
    problems = summarise_failures(report)
    for file, reason in problems[:_SHOW_FAILURES]:
        line = Text("failed: ", style="red")
        line.append(f"{printable(file)}: {reason}")
        err_console.print(line, highlight=False)
    if len(problems) > _SHOW_FAILURES:
        err_console.print(
            f"… and {len(problems) - _SHOW_FAILURES} more: SELECT file, reason FROM documents WHERE status = 'failed'"
        )
    if report.written:
        err_console.print("dataset: " + ", ".join(str(p) for p in report.written), markup=False)


EXAMPLES = """Examples, on the samples the repository ships:

\b
  budgetx batch samples -o data/                   # data/budget.sqlite; run it again: nothing to redo
  budgetx batch samples -o data/ -f csv -e xlsx    # + CSV files, datapackage.json, each document as Excel
  budgetx batch samples -o data/ -j 1 --force      # one worker, every document read again
"""


def register(app: typer.Typer) -> None:
    app.command("batch", epilog=EXAMPLES)(batch_command)
