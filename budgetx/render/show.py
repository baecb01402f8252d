"""A document's tables drawn over their pages: what ``budgetx show`` writes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budgetx.export import findings_for
from budgetx.model import Document, Finding, Table
from budgetx.render.marks import Mark, by_page, finding_marks, table_marks
from budgetx.render.overlay import SEVERITY_COLOURS, draw, footer
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
    #: the findings drawn on it, with their numbers (their badges)
    findings: list[tuple[int, Finding]]


def pages_of(tables: Sequence[Table]) -> list[int]:
    """The pages the ``tables`` are printed on, in order."""
    return sorted({p for t in tables for p in (t.boxes or dict.fromkeys(t.pages))})


def draw_pages(doc: Document, pdf: PageImages, tables: Sequence[Table], pages: Sequence[int] = ()) -> list[DrawnPage]:
    """``pages`` (default: every page of ``tables``) with ``tables`` and their findings drawn over them.

    The findings are numbered from 1 in the document's order; each page's image ends with a line a
    finding drawn on it (its number, severity, rule, code and figures).  A page number past the
    document's end is left out.
    """
    check_drawable(doc)
    wanted = list(dict.fromkeys(pages)) if pages else pages_of(tables)
    findings = findings_for(doc, list(tables))
    marks = by_page([m for t in tables for m in table_marks(t)] + finding_marks(findings))
    out = []
    count = len(pdf)
    for number in wanted:
        if not 1 <= number <= count:
            continue
        on_page = marks.get(number, [])
        here = [(n, f) for n, f in enumerate(findings, 1) if any(p == number for p, _ in f.cells)]
        lines = [(summary(n, f), SEVERITY_COLOURS[f.severity]) for n, f in here]
        drawn = footer(draw(pdf.image(number), on_page, pdf.scale), lines, pdf.scale)
        tables_here = [t for t in tables if number in t.boxes or number in t.pages]
        out.append(DrawnPage(number, drawn, on_page, tables_here, here))
    return out


def summary(n: int, f: Finding) -> str:
    """A finding in one line of Latin letters and figures (the badge's number, severity, rule, code, figures)."""
    parts = [f"{n}", f.severity, f.rule]
    if f.code and f.code.isascii():
        parts.append(f.code)
    if f.actual is not None and f.expected is not None:
        parts.append(f"printed {f.actual:f}, expected {f.expected:f}")
        if f.difference is not None:
            parts.append(f"(difference {f.difference:f})")
    return "  ".join(parts)


def png(image: Image) -> bytes:
    """``image`` as PNG bytes."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False, compress_level=6)
    return buf.getvalue()
