"""The progress of OCR on stderr: a bar over the document's pages while its scanned pages are read.

Shown only on a terminal and without ``-q``; it appears with the first page
read by OCR, so a text document shows nothing.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any


class OcrProgress:
    """A callable for :func:`budgetx.extract`'s ``progress``, and the context that ends the bar."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, page: int, pages: int) -> None:
        if not self.show:
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("OCR"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("pages · {task.fields[done]} read by OCR"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("ocr", total=pages, done=0)
        self.bar.update(self.task, completed=page, done=done)
        self.bar.refresh()

    def __enter__(self) -> OcrProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
