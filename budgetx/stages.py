"""Where a document's time goes: each stage of the pipeline timed as it runs.

The pipeline marks its stages with :func:`stage` — reading (the reader: text
or PDF objects, lines, grids), segmentation (tables, rows, amounts),
normalisation (document information, codes), validation, and in a batch writing
(the exports) and rows (the dataset's rows); a name with a colon is a part of
the stage it names ("reading: ruled grids"), and a batch worker times the whole
document as "document".  Within :func:`recording`, each
stage's wall seconds and CPU seconds (this thread's) are added up by name;
outside one, marking a stage costs one lookup and records nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: stage name -> [wall seconds, CPU seconds]
Times = dict[str, list[float]]

_record: ContextVar[Times | None] = ContextVar("budgetx_stages", default=None)


@contextmanager
def recording() -> Iterator[Times]:
    """Record the stages run inside the block into the dict it gives (stage -> [wall s, CPU s])."""
    times: Times = {}
    token = _record.set(times)
    try:
        yield times
    finally:
        _record.reset(token)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as stage ``name`` of the current recording, if any."""
    times = _record.get()
    if times is None:
        yield
        return
    wall, cpu = time.perf_counter(), time.thread_time()
    try:
        yield
    finally:
        spent = times.setdefault(name, [0.0, 0.0])
        spent[0] += time.perf_counter() - wall
        spent[1] += time.thread_time() - cpu
