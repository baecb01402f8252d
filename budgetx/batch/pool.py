"""Local worker processes under a watchdog: ``-j N`` documents at a time on this machine.

Each worker is a spawned process holding one document at a time, and this
process (the single writer) is its watchdog:

* a worker busy on one document past its time budget (plus a grace:
  :func:`allowed_seconds`) is killed (SIGKILL) and replaced, and the
  document is recorded as failed, over its time budget;
* a worker that dies while reading a document (a crash, a signal, the
  out-of-memory killer) fails that document only, and is replaced;
* a worker that dies before it took its document (while starting up) does
  not blame the document: it goes to another worker, and if workers keep
  failing to start, the batch stops with an error that says so.

Each worker caps its own memory at the budget (:func:`budgetx.budget.limit_memory`),
so a document that would need more fails with a ``MemoryError`` inside it,
and dies with its parent (:mod:`budgetx.batch.lifeline`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from budgetx.batch import worker
from budgetx.batch.worker import DocResult, Job, failed_result
from budgetx.budget import DEFAULT, Budget, over_memory, over_time
from budgetx.errors import BudgetxError, OverBudget
from budgetx.filenames import printable

#: seconds a worker may take to start up and take its document
START_SECONDS = 120.0
#: the watchdog's longest sleep, in seconds
TICK = 1.0
#: a worker that took its document says so with this message, then sends ("done", DocResult)
STARTED = "started"
DONE = "done"


def allowed_seconds(budget: Budget) -> float | None:
    """How long a worker may hold one document before it is killed: the budget, +10 %, + as much again up to 5 s.

    The grace lets a reader that keeps its own clock end the document itself, with its own message.
    """
    if budget.seconds is None:
        return None
    return budget.seconds * 1.1 + min(5.0, budget.seconds)


def _context() -> Any:
    """Workers are spawned: fresh interpreters, children of this process.

    Not forked, because this process runs threads (the progress bar) that a
    fork would copy mid-step; not from a fork server, because a worker must
    see its parent die (see :mod:`budgetx.batch.lifeline`), and a fork
    server's children have the server, not the batch, as parent.
    """
    return multiprocessing.get_context("spawn")


#: the result of a job whose worker gave none back: (job, reason, exit code, seconds) → a result
Failed = Callable[..., Any]


def serve(
    conn: Connection,
    parent: int,
    budget: Budget,
    task: Callable[[Job], DocResult],
    failed: Failed = failed_result,
) -> None:
    """A worker process's life: take a document, say so, read it, send the result; until told to stop."""
    from budgetx.batch import lifeline
    from budgetx.budget import limit_memory

    lifeline.bind_to_parent(parent, on_orphan=worker.end_when_written)
    worker.ignore_interrupts()
    limit_memory(budget)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the parent closed its end: stop
            return
        if job is None:
            return
        conn.send((STARTED, os.getpid()))
        try:
            result = task(job)
            conn.send((DONE, result))
        except MemoryError:
            result = failed(job, over_memory(printable(job.path), job.budget).reason, OverBudget.exit_code)
            conn.send((DONE, result))
        except Exception as exc:  # the result could not travel back (pickling …)
            result = failed(job, f"internal error: {type(exc).__name__}: {exc}")
            conn.send((DONE, result))
        if result.exit_code == OverBudget.exit_code:
            return  # a worker whose memory ran out starts afresh


@dataclass
class _Worker:
    process: Any
    conn: Connection
    job: Job | None = None
    #: when the job was sent (monotonic)
    sent: float = 0.0
    #: when the worker took the job (monotonic), or None before
    started: float | None = None


class _Pool:
    def __init__(
        self,
        workers: int,
        budget: Budget,
        task: Callable[[Job], DocResult],
        on_result: Callable[[DocResult], None],
        failed: Failed = failed_result,
        cleanup: Callable[[Any], None] = worker.remove_parts_of,
    ) -> None:
        self.size = workers
        self.budget = budget
        self.task = task
        self.on_result = on_result
        self.failed = failed
        self.cleanup = cleanup
        self.workers: list[_Worker] = []
        self.queue: deque[Job] = deque()
        self.start_failures = 0
        self.ctx = _context()

    # --- the workers ------------------------------------------------------------------------

    def spawn(self) -> _Worker:
        ours, theirs = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(
            target=serve,
            args=(theirs, os.getpid(), self.budget, self.task, self.failed),
            name="budgetx-batch-worker",
            daemon=True,
        )
        process.start()
        theirs.close()
        w = _Worker(process, ours)
        self.workers.append(w)
        return w

    def assign(self, w: _Worker, job: Job) -> None:
        w.job, w.sent, w.started = job, time.monotonic(), None
        with contextlib.suppress(OSError):  # the worker is already gone: its death is seen below
            w.conn.send(job)

    def retire(self, w: _Worker, kill: bool = False) -> None:
        if kill and w.process.is_alive():
            w.process.kill()
        w.process.join(timeout=10)
        if w.process.is_alive():  # pragma: no cover - a process that ignores SIGKILL's reaping
            w.process.kill()
            w.process.join(timeout=10)
        w.conn.close()
        self.workers.remove(w)

    # --- the loop ---------------------------------------------------------------------------

    def run(self, jobs: list[Job], submitted: Callable[[str], None]) -> None:
        self.queue.extend(jobs)
        announced: set[int] = set()
        while self.queue or any(w.job for w in self.workers):
            for w in [w for w in self.workers if w.job is None]:
                if not self.queue:
                    break
                self.assign(w, self.queue.popleft())
            while self.queue and len(self.workers) < self.size:
                self.assign(self.spawn(), self.queue.popleft())
            for w in self.workers:
                if w.job is not None and id(w.job) not in announced:
                    announced.add(id(w.job))
                    submitted(w.job.path)
            ready = wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers], self._sleep())
            for w in list(self.workers):
                if w.conn in ready or w.process.sentinel in ready:
                    self._hear(w)
            self._watch()

    def _sleep(self) -> float:
        now, sleep = time.monotonic(), TICK
        limit = allowed_seconds(self.budget)
        for w in self.workers:
            if w.job is not None and w.started is not None and limit is not None:
                sleep = min(sleep, max(0.0, w.started + limit - now))
        return sleep

    def _hear(self, w: _Worker) -> None:
        """Read what ``w`` sent; a worker that ended (or whose pipe broke) is retired."""
        try:
            while w.conn.poll():
                kind, payload = w.conn.recv()
                if kind == STARTED:
                    w.started = time.monotonic()
                elif kind == DONE and w.job is not None:
                    w.job = None
                    self.on_result(payload)
        except (EOFError, OSError):
            pass
        else:
            if w.process.is_alive():
                return
        w.process.join(timeout=10)
        job = w.job
        code = w.process.exitcode
        self.retire(w, kill=True)
        if job is None:
            return  # an idle worker that ended (after running out of memory): replaced when needed
        if w.started is None:
            self._not_started(job, code)
        else:
            self.on_result(self.failed(job, crash_reason(code), seconds=time.monotonic() - w.started))

    def _not_started(self, job: Job, code: int | None) -> None:
        """A worker died before taking ``job``: the job goes to another, unless workers cannot start at all."""
        self.start_failures += 1
        if self.start_failures > 2 * self.size + 2:
            raise BudgetxError(
                job.path,
                f"the batch's worker processes cannot start ({describe_exit(code)}); "
                "check that budgetx runs here (budgetx --version) and that memory is free",
            )
        self.queue.appendleft(job)

    def _watch(self) -> None:
        """Kill the workers past their time: over budget on a document, or never started."""
        now = time.monotonic()
        limit = allowed_seconds(self.budget)
        for w in list(self.workers):
            if w.job is None:
                continue
            if w.started is None:
                if now - w.sent > START_SECONDS:
                    job = w.job
                    self.retire(w, kill=True)
                    self._not_started(job, None)
                continue
            if limit is not None and now - w.started > limit:
                job, took = w.job, now - w.started
                self.retire(w, kill=True)
                self.cleanup(job)
                reason = over_time(printable(job.path), self.budget).reason + f" (stopped after {took:.0f} s)"
                self.on_result(self.failed(job, reason, OverBudget.exit_code, seconds=took))

    def stop(self) -> None:
        """Stop every worker: idle ones are told to, busy ones get SIGTERM (they finish the file they write)."""
        for w in self.workers:
            try:
                if w.job is None:
                    w.conn.send(None)
                elif w.process.is_alive():
                    w.process.terminate()
            except OSError:
                pass
        deadline = time.monotonic() + 10
        for w in list(self.workers):
            w.process.join(timeout=max(0.1, deadline - time.monotonic()))
            self.retire(w, kill=True)


def crash_reason(code: int | None) -> str:
    return f"the worker process crashed while reading it ({describe_exit(code)})"


def describe_exit(code: int | None) -> str:
    if code is None:
        return "it did not answer"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = "unknown"
        oom = ", perhaps by the out-of-memory killer" if -code == signal.SIGKILL else ""
        return f"killed by signal {-code} ({name}{oom})"
    return f"exit code {code}"


def run_pool(
    jobs: list[Job],
    workers: int,
    on_result: Callable[[DocResult], None],
    submitted: Callable[[str], None],
    task: Callable[[Job], DocResult] = worker.process,
    budget: Budget = DEFAULT,
    failed: Failed = failed_result,
    cleanup: Callable[[Any], None] = worker.remove_parts_of,
) -> None:
    """Run ``jobs`` on ``workers`` local processes, one document each at a time, under the watchdog.

    ``on_result`` gets every document's result, in the order they finish;
    ``task`` (importable by name, for the spawned workers) reads one.  An
    exception from ``on_result``, or an interrupt, stops every worker before
    it propagates.  Jobs other than the batch's (``budgetx validate -j``) pass
    their own ``task``, ``failed`` (the result of a job whose worker crashed or
    ran out of time: ``failed(job, reason, exit_code=10, seconds=0.0)``) and
    ``cleanup`` (what to remove after a worker killed on ``job``); each job has
    a ``path`` and a ``budget``.
    """
    pool = _Pool(workers, budget, task, on_result, failed, cleanup)
    try:
        pool.run(jobs, submitted)
    finally:
        pool.stop()
