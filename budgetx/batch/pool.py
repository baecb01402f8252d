"""Local worker processes: ``-j N`` documents at a time on this machine.

A pool of spawned processes, each holding one document at a time, at most two
documents queued per worker; results come back to the caller, the single
writer.  A worker that dies takes the pool down, so the pool is rebuilt and
the documents it held are tried again, one at a time.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from budgetx.batch import worker
from budgetx.batch.worker import DocResult, Job, failed_result


def _context() -> Any:
    """Workers are spawned: fresh interpreters, children of this process.

    Not forked, because this process runs threads (the progress bar, the
    pool's manager) that a fork would copy mid-step; not from a fork server,
    because a worker must see its parent die (see ``worker.init_worker``),
    and a fork server's children have the server, not the batch, as parent.
    """
    return multiprocessing.get_context("spawn")


def run_pool(
    jobs: list[Job],
    workers: int,
    on_result: Callable[[DocResult], None],
    submitted: Callable[[str], None],
    task: Callable[[Job], DocResult] = worker.process,
) -> None:
    """Run ``jobs`` on ``workers`` local processes, at most two queued per worker.

    A worker that dies (a crash, the out-of-memory killer) takes the pool
    down with the documents in flight: each of those is tried again alone, so
    that the one that kills its worker is recorded as failed and no other is.
    """
    queue: list[tuple[Job, int]] = [(job, 1) for job in reversed(jobs)]
    while queue:
        for job, _ in _pool_round(queue, workers, on_result, submitted, task):
            if _pool_round([(job, 2)], 1, on_result, submitted, task):
                on_result(failed_result(job, "the worker process died while reading it (a crash, or out of memory)"))


def _pool_round(
    queue: list[tuple[Job, int]],
    workers: int,
    on_result: Callable[[DocResult], None],
    submitted: Callable[[str], None],
    task: Callable[[Job], DocResult],
) -> list[tuple[Job, int]]:
    """Run jobs popped from ``queue`` on one pool until it is empty or the pool breaks.

    Returns the jobs the broken pool took down with it (empty when all went well).
    """
    executor = ProcessPoolExecutor(workers, mp_context=_context(), initializer=worker.init_worker)
    pending: dict[Future[DocResult], tuple[Job, int]] = {}
    broken = False
    try:
        while (queue or pending) and not broken:
            while queue and len(pending) < 2 * workers:
                job, attempt = queue.pop()
                pending[executor.submit(task, job)] = (job, attempt)
                if attempt == 1:
                    submitted(job.path)
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                job, _attempt = pending[fut]
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                except Exception as exc:  # the result could not travel back (pickling …)
                    result = failed_result(job, f"internal error: {type(exc).__name__}: {exc}")
                on_result(result)
                del pending[fut]
    except BaseException:
        _stop(executor, pending, on_result)
        raise
    executor.shutdown(wait=True, cancel_futures=True)
    lost = []
    for fut, item in pending.items():
        if fut.done() and not fut.cancelled() and fut.exception() is None:
            on_result(fut.result())
        else:
            lost.append(item)
    return lost


def _stop(
    executor: ProcessPoolExecutor,
    pending: dict[Future[DocResult], tuple[Job, int]],
    on_result: Callable[[DocResult], None],
) -> None:
    """Interrupted: keep what finished, stop the rest, leave no worker behind."""
    for fut in pending:
        fut.cancel()
    processes = list(getattr(executor, "_processes", {}).values())
    for p in processes:  # SIGTERM: a worker finishes the file it is writing, then ends
        if p.is_alive():
            p.terminate()
    for fut in list(pending):
        if fut.done() and not fut.cancelled() and fut.exception() is None:
            try:
                on_result(fut.result())
            except BaseException:  # a second interrupt: what is committed stays
                break
    executor.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        p.join(timeout=10)
