"""The batch folder (``-o OUTDIR``): made ready, held by one batch at a time, and its faults explained.

Whatever the operating system refuses (a read-only folder, a full disk, a
path that is a file) becomes an :class:`~budgetx.errors.OutputError` that
names the path and says what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from budgetx import errors
from budgetx.errors import OutputError
from budgetx.filenames import printable

LOCK = ".budgetx-batch.lock"


def output_error(path: str | os.PathLike[str], error: OSError) -> OutputError:
    """What an OS error on the batch folder means for its user, and what to do (as for any output)."""
    where = printable(error.filename) if isinstance(error.filename, str) else printable(path)
    reason = errors.output_error(where, error).reason
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason += "; then rerun: the documents finished so far are kept"
    return OutputError(where, reason)


def prepare(outdir: Path) -> None:
    """Create the batch folder (and its parents); raise :class:`OutputError` when it cannot be one."""
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(
            printable(outdir),
            "this is a file, not a folder; -o names the batch's folder: give a new or existing folder",
        )
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise output_error(outdir, error) from None


@contextlib.contextmanager
def exclusive(outdir: Path) -> Iterator[None]:
    """Hold the batch folder's lock: two batches writing one folder would redo each other's work."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        yield
        return
    try:
        fh = open(outdir / LOCK, "a+")  # noqa: SIM115 - held for the whole block
    except OSError as error:
        raise output_error(outdir, error) from None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(
                printable(outdir), "another budgetx batch is writing to this folder; wait for it to finish"
            ) from None
        yield


@contextlib.contextmanager
def faults(outdir: Path) -> Iterator[None]:
    """Turn an OS error while writing the batch folder into an :class:`OutputError`."""
    try:
        yield
    except OSError as error:
        raise output_error(outdir, error) from None
