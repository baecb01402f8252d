"""A document's tables drawn over their pages: what ``budgetx show`` writes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budgetx.export import findings_for
from budgetx.model import Document, Table
from budgetx.render.marks import Mark, by_page, finding_marks, table_marks
from budgetx.render.overlay import draw
from budgetx.render.page import PageImages, check_drawable

if TYPE_CHECKING:
    from PIL.Image import Image


@dataclass
class DrawnPage:
    number: int
    image: Image
    marks: list[Mark]
    #: the tables drawn on it
    tables: list[Table]


def pages_of(tables: Sequence[Table]) -> list[int]:
    """The pages the ``tables`` are printed on, in order."""
    return sorted({p for t in tables for p in (t.boxes or dict.fromkeys(t.pages))})


def draw_pages(doc: Document, pdf: PageImages, tables: Sequence[Table], pages: Sequence[int] = ()) -> list[DrawnPage]:
    """``pages`` (default: every page of ``tables``) with ``tables`` and their findings drawn over them.

    A page number past the document's end is left out.
    """
    check_drawable(doc)
    wanted = list(dict.fromkeys(pages)) if pages else pages_of(tables)
    marks = by_page([m for t in tables for m in table_marks(t)] + finding_marks(findings_for(doc, list(tables))))
    out = []
    count = len(pdf)
    for number in wanted:
        if not 1 <= number <= count:
            continue
        on_page = marks.get(number, [])
        drawn = draw(pdf.image(number), on_page, pdf.scale)
        here = [t for t in tables if number in t.boxes or number in t.pages]
        out.append(DrawnPage(number, drawn, on_page, here))
    return out


def png(image: Image) -> bytes:
    """``image`` as PNG bytes."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False, compress_level=6)
    return buf.getvalue()
