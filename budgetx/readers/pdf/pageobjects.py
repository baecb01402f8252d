"""A page's objects as the reader reads them (chars, lines, rects, curves as dicts), from either backend.

:mod:`budgetx.readers.pdf.objects` fills a :class:`PageObjects` with
pdfminer, :mod:`budgetx.readers.pdf.pdfium` with pdfium; this module imports
neither.
"""

from __future__ import annotations

from typing import Any

Obj = dict[str, Any]


class PageObjects:
    """What the reader uses of one page: chars, lines, rects and curves as dicts."""

    __slots__ = ("__weakref__", "bbox", "chars", "curves", "height", "lines", "page_number", "rects", "width")

    def __init__(self, page_number: int, bbox: tuple[float, float, float, float]) -> None:
        self.page_number = page_number
        self.bbox = bbox
        self.width = bbox[2] - bbox[0]
        self.height = bbox[3] - bbox[1]
        self.chars: list[Obj] = []
        self.lines: list[Obj] = []
        self.rects: list[Obj] = []
        self.curves: list[Obj] = []

    def find_tables(self, table_settings: dict[str, Any] | None = None) -> list[Any]:
        """pdfplumber's own table finder on these objects (``pdfplumber.Page.find_tables``), for comparisons:
        the reader uses :mod:`budgetx.readers.pdf.tablefinder`."""
        from pdfplumber.table import TableFinder, TableSettings

        return TableFinder(self, TableSettings.resolve(table_settings)).tables  # type: ignore[arg-type]


class GlyphCache:
    """Per font, each glyph id's (text, width): fonts are shared by the pages of a document."""

    def __init__(self) -> None:
        self.fonts: dict[Any, dict[int, tuple[str, float]]] = {}
