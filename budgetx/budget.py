"""What reading one document may cost: wall time and memory.

A budget document is read in seconds and a few hundred megabytes; a damaged or
hostile file (a reference cycle, a stream that inflates to gigabytes, millions
of drawing operators) must end with a clear error instead of a hang or an
exhausted machine.  :class:`Budget` holds the limits; the reader enforces them
where the work happens (:class:`Deadline` checked while parsing, caps on the
inflated size of a stream and on the operators of a page), and the CLI and the
batch workers add a process-wide memory limit (:func:`limit_memory`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from budgetx.errors import OverBudget

#: bytes in a mebibyte
MIB = 1024 * 1024


@dataclass(frozen=True)
class Budget:
    """Limits for reading one document; ``None`` is no limit."""

    #: wall-clock seconds for reading, segmenting and validating one document
    seconds: float | None = 120.0
    #: memory of the process reading it, in MiB
    memory_mb: int | None = 2048

    @property
    def stream_bytes(self) -> int:
        """The largest inflated stream (page content, font, image) the reader takes: an eighth of the memory."""
        if self.memory_mb is None:
            return 1 << 40
        return max(16 * MIB, self.memory_mb * MIB // 8)

    @property
    def page_operators(self) -> int:
        """The most content-stream operators read on one page (a dense table page has some 20,000)."""
        if self.memory_mb is None:
            return 1 << 40
        return max(1_000_000, self.memory_mb * 2_500)


#: the default budget: 120 s and 2 GiB a document
DEFAULT = Budget()
#: no limit at all
UNLIMITED = Budget(seconds=None, memory_mb=None)


class Deadline:
    """The moment a document's time budget runs out; :meth:`check` raises :class:`OverBudget` after it."""

    __slots__ = ("budget", "end", "path")

    def __init__(self, path: str, budget: Budget) -> None:
        self.path = path
        self.budget = budget
        self.end = time.monotonic() + budget.seconds if budget.seconds is not None else float("inf")

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise over_time(self.path, self.budget)


def over_time(path: str, budget: Budget) -> OverBudget:
    return OverBudget(
        path,
        f"reading took longer than {budget.seconds:g} s, its time budget; the file is damaged or hostile "
        "— or raise the budget with --timeout",
    )


def over_memory(path: str, budget: Budget, what: str = "reading") -> OverBudget:
    return OverBudget(
        path,
        f"{what} needs more than {budget.memory_mb} MiB, its memory budget; the file is damaged or hostile "
        "— or raise the budget with --max-memory",
    )


def limit_memory(budget: Budget) -> None:
    """Cap this process's address space at the budget plus what it already uses (POSIX; else nothing).

    Past the cap an allocation fails with :class:`MemoryError` instead of the
    machine's OOM killer taking the process or its neighbours.  For a command
    or a worker process, never for a library caller's process.
    """
    if budget.memory_mb is None:
        return
    try:
        import resource
    except ImportError:  # not POSIX
        return
    used = _address_space()
    want = used + budget.memory_mb * MIB
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft != resource.RLIM_INFINITY and soft < want:
        return  # a tighter limit is already set: keep it
    resource.setrlimit(resource.RLIMIT_AS, (want, hard))


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 where unknown)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    import os

    return pages * os.sysconf("SC_PAGE_SIZE")
