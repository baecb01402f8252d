"""What reading a PDF lost, and the limits that stop it: shared by both backends, without pdfminer.

:mod:`budgetx.readers.pdf.guards` records here what pdfminer could not read
(:func:`lost`) while it is active; the reader asks :func:`damage` after each
page.  :class:`StreamTooLarge` and :class:`TooManyTokens` stop reading a
document (its budget, :mod:`budgetx.budget`).  The pdfium path imports this
module, not pdfminer.
"""

from __future__ import annotations

import threading

from budgetx import budget


class StreamTooLarge(Exception):
    """A stream inflates past the budget's ``stream_bytes``."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"a stream inflates past {limit // budget.MIB} MiB")
        self.limit = limit


class _Local(threading.local):
    def __init__(self) -> None:
        #: what was lost since the reader last asked (:func:`damage`); None outside :func:`guarded`
        self.losses: list[str] | None = None
        self.limit = budget.DEFAULT.stream_bytes
        #: the object number of the stream being decoded
        self.stream: int | None = None


_local = _Local()


def damage() -> list[str]:
    """What was lost since the last call, in this thread: one phrase each, e.g. "a damaged stream (object 12)"."""
    out = _local.losses or []
    if _local.losses is not None:
        _local.losses = []
    return out


def lost(what: str) -> None:
    """Record a loss: ``what`` could not be read."""
    where = f" (object {_local.stream})" if _local.stream is not None else ""
    what = what.replace("{object}", where) if "{object}" in what else what + where
    if _local.losses is not None and what not in _local.losses:
        _local.losses.append(what)


class TooManyTokens(Exception):
    """A page's content streams hold more tokens than its budget allows."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the page's content holds more than {limit:,} tokens")
        self.limit = limit
