"""OCR: scanned pages read as text pages are.

A page image (a scanned PDF page, or an image file given directly) is
straightened (:mod:`.image`), its ruling lines found by morphology
(:mod:`.rules`), its text read by PP-OCRv4 (:mod:`.engine`, the models
shipped inside ``rapidocr-onnxruntime``, CPU only, nothing downloaded), and
the result turned into the page objects the PDF reader produces
(:mod:`.page`): ruled grids, unruled tables, titles and every later stage are
the PDF reader's own.  Every cell read this way keeps its
:class:`~budgetx.model.OcrReading` (confidence, alternative reading).

This module is the reader of image files (PNG, JPEG, TIFF: each page of a
multi-page TIFF is a page).  The PDF reader uses :mod:`.scan` for the pages
of a PDF.  Nothing here imports OpenCV or the model until a page is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetx.errors import CorruptDocument
from budgetx.model import Line
from budgetx.readers import ReadResult

if TYPE_CHECKING:
    from budgetx.pages import PageSelection


def read(data: bytes, path: str, *, password: str | None = None, pages: PageSelection | None = None) -> ReadResult:
    """An image file's pages (a multi-page TIFF's), or ``pages`` of them only, read by OCR."""
    from budgetx.readers.ocr import image, page, settings
    from budgetx.readers.pdf import _State

    pictures = image.decode(data)
    if not pictures:
        raise CorruptDocument(path, "the image cannot be decoded; it is damaged or truncated — download it again")
    if pages is not None:
        pages.check(len(pictures), path)
    wanted = list(range(1, len(pictures) + 1) if pages is None else pages.within(len(pictures)))
    progress = settings.current().progress
    lines: list[Line] = []
    empty: list[int] = []
    state = _State()
    turned: dict[int, int] = {}
    for done, number in enumerate(wanted):
        if progress is not None:
            progress(done, done, len(wanted))
        page_lines = page.read(pictures[number - 1], number, state, turned=turned)
        if progress is not None:
            progress(done + 1, done + 1, len(wanted))
        if not page_lines:
            empty.append(number)
        lines.extend(page_lines)
    return ReadResult(format="image", lines=lines, pages=len(pictures), empty_pages=empty, turned=turned)
