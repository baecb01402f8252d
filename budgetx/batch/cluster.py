"""The same batch on a Dask distributed cluster (``--scheduler ADDRESS``).

Each document is one task running :func:`budgetx.batch.worker.process` on a
Dask worker; results come back to this process, which stays the single
writer of the dataset.  The workers read the documents and write the
per-document files themselves, so they must see the input paths and the
output folder at the same paths as this process (a shared file system).
Install with ``pip install 'budgetx[dask]'``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from budgetx.batch import worker
from budgetx.batch.worker import DocResult, Job, failed_result
from budgetx.errors import BudgetxError


def _client(scheduler: Any) -> tuple[Any, bool]:
    try:
        from dask.distributed import Client
    except ImportError:
        raise BudgetxError(str(scheduler), "--scheduler needs Dask distributed: pip install 'budgetx[dask]'") from None
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        return Client(scheduler), True  # waits distributed.comm.timeouts.connect (Dask's config) at most
    except (OSError, TimeoutError, ValueError) as exc:
        raise BudgetxError(str(scheduler), f"cannot reach the Dask scheduler ({exc}); check the address") from None


def run_on_dask(
    scheduler: Any,
    jobs: list[Job],
    on_result: Callable[[DocResult], None],
    submitted: Callable[[str], None],
) -> None:
    """Run ``jobs`` on the cluster at ``scheduler`` (an address, or a ``Client``).

    At most two tasks per worker thread are queued at a time, so that neither
    the cluster nor this process holds more than a few documents' rows.
    """
    client, own = _client(scheduler)  # first: it says what to install when Dask is missing
    from dask.distributed import as_completed

    pending: dict[Any, Job] = {}
    try:
        window = max(2, 2 * sum(client.nthreads().values()))
        queue = iter(jobs)
        finished = as_completed()

        def submit() -> None:
            job = next(queue, None)
            if job is None:
                return
            fut = client.submit(worker.process, job, pure=False)
            pending[fut] = job
            finished.add(fut)
            submitted(job.path)

        for _ in range(window):
            submit()
        for fut in finished:
            job = pending.pop(fut)
            try:
                result = fut.result()
            except Exception as exc:  # the task itself failed (a worker lost twice, a pickling error)
                result = failed_result(job, f"the Dask task failed: {type(exc).__name__}: {exc}")
            fut.release()
            on_result(result)
            submit()
    finally:
        if pending:
            client.cancel(list(pending))
        if own:
            client.close()
