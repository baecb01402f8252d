"""What reading one document may cost: wall time and memory.

A budget document is read in seconds and a few hundred megabytes; a damaged or
hostile file (a reference cycle, a stream that inflates to gigabytes, millions
of drawing operators) must end with a clear error instead of a hang or an
exhausted machine.  :class:`Budget` holds the limits; the reader enforces them
where the work happens (caps on the inflated size of a stream and on the
tokens of a page), a watchdog (:func:`watch`) ends what runs past its time, and
the CLI and the batch workers add a process-wide memory limit
(:func:`limit_memory`).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
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
        """The largest inflated stream (page content, font, image) the reader takes: 1/32 of the memory
        (64 MiB of 2 GiB; an embedded CJK font is some 10 MiB)."""
        if self.memory_mb is None:
            return 1 << 40
        return max(16 * MIB, self.memory_mb * MIB // 32)

    @property
    def page_tokens(self) -> int:
        """The most content-stream tokens (operators and operands) read on one page: 1,024,000 with 2 GiB
        (the densest table page of the corpus has 23,169)."""
        if self.memory_mb is None:
            return 1 << 40
        return max(200_000, self.memory_mb * 500)


#: the default budget: 120 s and 2 GiB a document
DEFAULT = Budget()


def over_time(path: str, budget: Budget) -> OverBudget:
    return OverBudget(
        path,
        f"reading took longer than {budget.seconds:g} s, its time budget; the file is damaged or hostile "
        "— or raise the budget with --timeout",
    )


def over_memory(path: str, budget: Budget) -> OverBudget:
    return OverBudget(
        path,
        f"reading needs more than {budget.memory_mb} MiB, its memory budget; the file is damaged or hostile "
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


@contextlib.contextmanager
def exempt_memory() -> Iterator[None]:
    """Load within it what is loaded once for every document (the OCR model and its threads): no document's
    cost.  The memory cap (:func:`limit_memory`, where one is set) is lifted while it loads — what a library
    maps while it starts is not known before — and then set to the cap before plus what was mapped."""
    try:
        import resource
    except ImportError:  # not POSIX
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        yield
        return
    before = _address_space()
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    try:
        yield
    finally:
        extra = max(_address_space() - before, 0)
        want = soft + extra if hard == resource.RLIM_INFINITY else min(soft + extra, hard)
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


# -- the watchdog --------------------------------------------------------------------


class _TimeUp(BaseException):
    """Raised in the reading thread when its time is up (a BaseException: no ``except Exception`` takes it)."""


class _Local(threading.local):
    def __init__(self) -> None:
        self.budget = DEFAULT
        self.dog: _Watchdog | None = None


_local = _Local()


def current() -> Budget:
    """The budget of the document this thread is reading (:func:`watch`), else :data:`DEFAULT`."""
    return _local.budget


@contextlib.contextmanager
def watch(path: str, limits: Budget) -> Iterator[None]:
    """Read one document within ``limits``: past its time, :class:`OverBudget` is raised in this thread.

    A timer thread raises an exception in the reading thread at its next
    Python instruction (``PyThreadState_SetAsyncExc``): pure-Python loops end,
    in any thread, and no signal handler is taken from the caller.  A long
    call inside C (inflating, a regular expression) is bounded by the caps of
    the code making it, not by this.  A :class:`MemoryError` while reading is
    reported as :class:`OverBudget` too.
    """
    outer, outer_dog = _local.budget, _local.dog
    _local.budget = limits
    dog = _Watchdog(limits.seconds) if limits.seconds is not None else None
    _local.dog = dog
    try:
        try:
            if dog is not None:
                dog.start()
            yield
        finally:
            _local.budget, _local.dog = outer, outer_dog
            if dog is not None:
                dog.stop()
    except _TimeUp:
        raise over_time(path, limits) from None
    except MemoryError:
        raise over_memory(path, limits) from None


def allow(seconds: float) -> None:
    """Give the document this thread is reading ``seconds`` more time: a page read by OCR costs seconds where a
    text page costs milliseconds, so each such page adds to the document's time budget."""
    dog = _local.dog
    if dog is not None:
        dog.extend(seconds)


class _Watchdog:
    """Raises :class:`_TimeUp` in the thread that started it, once, after ``seconds`` — unless stopped."""

    def __init__(self, seconds: float) -> None:
        self.thread_id = threading.get_ident()
        self.lock = threading.Lock()
        self.done = False
        self.fired = False
        self.seconds = seconds
        self.deadline = 0.0
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True

    def start(self) -> None:
        self.deadline = time.monotonic() + self.seconds
        self.timer.start()

    def extend(self, seconds: float) -> None:
        """Move the deadline ``seconds`` later (unless the time is already up)."""
        with self.lock:
            if self.done or self.fired:
                return
            self.timer.cancel()
            self.deadline += seconds
            self.timer = threading.Timer(max(self.deadline - time.monotonic(), 0.0), self._fire)
            self.timer.daemon = True
            self.timer.start()

    def _fire(self) -> None:
        with self.lock:
            if self.done:
                return
            self.fired = _raise_in(self.thread_id, _TimeUp)

    def stop(self) -> None:
        with self.lock:
            self.done = True
            if self.fired:
                _raise_in(self.thread_id, None)  # not delivered yet: withdraw it
        self.timer.cancel()


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> bool:
    """Set (or, with ``None``, clear) the exception pending in a thread; True when one thread was affected."""
    import ctypes

    set_async = ctypes.pythonapi.PyThreadState_SetAsyncExc
    set_async.argtypes = (ctypes.c_ulong, ctypes.py_object)
    set_async.restype = ctypes.c_int
    return bool(set_async(thread_id, exc if exc is not None else ctypes.py_object()))
