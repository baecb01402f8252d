"""Check many files, on the batch's worker pool: ``budgetx validate -j N``.

Each file is read and checked in a worker process under its own budget and
the pool's watchdog (:mod:`budgetx.batch.pool`): a file past its time is
killed and reported as over budget, a worker that crashes fails its file
only.  The results come back in the order of the files given.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from budgetx.budget import DEFAULT, Budget, watch
from budgetx.errors import BudgetxError
from budgetx.filenames import printable

if TYPE_CHECKING:
    from budgetx.model import Document
    from budgetx.pages import PageSelection
    from budgetx.readers.ocr.settings import OcrMode

#: the exit code of an error budgetx did not expect (a bug)
UNEXPECTED = 10


@dataclass(frozen=True)
class CheckJob:
    """One file to check (small, picklable): the ``index``-th file given."""

    index: int
    path: str
    tolerance: Decimal
    password: str | None = None
    budget: Budget = DEFAULT
    pages: PageSelection | None = None
    #: how scanned pages are read (``--ocr``): given to the worker with the job, as it reads in a process of its own
    ocr: OcrMode = "auto"


@dataclass
class Checked:
    """A file checked: its document with its findings, or why it could not be read."""

    path: str
    doc: Document | None = None
    #: the file's place among those given (its job's index)
    index: int = 0
    #: why the file could not be read, and the exit code that says so
    error: str | None = None
    exit_code: int = 0
    #: the error was not the input's fault (a bug, a crashed worker)
    unexpected: bool = False
    seconds: float = 0.0


def check(doc: Document, tolerance: Decimal, budget: Budget = DEFAULT) -> Document:
    """``doc`` with its findings, worst first, checked within ``budget``."""
    from budgetx.validate import SEVERITY_ORDER
    from budgetx.validate import run as run_validation

    with watch(doc.source.path, budget):
        doc.findings = sorted(run_validation(doc, tolerance=tolerance), key=lambda f: SEVERITY_ORDER[f.severity])
    return doc


def check_file(job: CheckJob) -> Checked:
    """Read and check one file (in a worker): never raises for a bad file."""
    from budgetx.extract import extract

    start = time.perf_counter()
    try:
        doc = extract(job.path, password=job.password, validate=False, budget=job.budget, pages=job.pages, ocr=job.ocr)
        result = Checked(doc.source.path, doc=check(doc, job.tolerance, job.budget))
    except BudgetxError as error:
        result = Checked(error.path, error=error.reason, exit_code=error.exit_code)
    except Exception as error:  # a bug: this file only
        what = f"{type(error).__name__}: {error}".splitlines()[0]
        result = Checked(printable(job.path), error=what, unexpected=True)
        result.exit_code = UNEXPECTED
    result.seconds = time.perf_counter() - start
    result.index = job.index
    return result


def failed(job: CheckJob, reason: str, exit_code: int = UNEXPECTED, seconds: float = 0.0) -> Checked:
    """The result of a file whose worker gave none back (it crashed, or ran out of time)."""
    return Checked(printable(job.path), index=job.index, error=reason, exit_code=exit_code, seconds=seconds)


def _nothing(job: CheckJob) -> None:
    """A check leaves no file behind to remove."""


def check_files(
    jobs: list[CheckJob], workers: int, done: Callable[[Checked], None] | None = None, budget: Budget = DEFAULT
) -> list[Checked]:
    """Every job's result, in the order of ``jobs``, read on ``workers`` processes; ``done`` hears each as it ends."""
    from budgetx.batch.pool import run_pool

    results: dict[int, Checked] = {}

    def on_result(result: Checked) -> None:
        results[result.index] = result
        if done is not None:
            done(result)

    run_pool(
        jobs,  # type: ignore[arg-type]
        workers,
        on_result,  # type: ignore[arg-type]
        lambda path: None,
        task=check_file,  # type: ignore[arg-type]
        budget=budget,
        failed=failed,
        cleanup=_nothing,
    )
    return [results[job.index] for job in jobs]
