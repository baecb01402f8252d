"""How the reader of the document being read uses OCR: the mode and who hears of its progress.

:func:`budgetx.extract` sets them for the document it reads (:func:`using`);
the PDF reader asks :func:`current` whether a page without text is to be
OCR'd, and the OCR reader reports each page it reads to ``progress``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

#: ``auto``: OCR the pages without a text layer; ``always``: every page, its text layer ignored;
#: ``never``: no OCR (a scan is refused, exit 12)
OcrMode = Literal["auto", "always", "never"]
MODES: tuple[OcrMode, ...] = ("auto", "always", "never")

#: called before and after each page read by OCR: (pages read by OCR so far, pages of the document done,
#: the document's pages)
Progress = Callable[[int, int, int], None]


@dataclass(frozen=True)
class Settings:
    mode: OcrMode = "auto"
    progress: Progress | None = None


DEFAULT = Settings()


class _Local(threading.local):
    settings: Settings = DEFAULT


_local = _Local()


def current() -> Settings:
    """The OCR settings of the document this thread is reading, else :data:`DEFAULT`."""
    return _local.settings


@contextlib.contextmanager
def using(settings: Settings) -> Iterator[None]:
    """Read within ``settings`` (in this thread)."""
    before = _local.settings
    _local.settings = settings
    try:
        yield
    finally:
        _local.settings = before
