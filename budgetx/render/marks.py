"""What to draw on a page: the marks of a table and of its findings, from the boxes the model keeps.

A :class:`Mark` is a box on a page and what it shows (its ``kind``, which
:mod:`~budgetx.render.overlay` turns into a colour).  A table gives its box on
each page, its header band, one mark a row, and one a column: the column's
cells on that page joined, its kind the column's type (code, name, amount,
text).  A finding gives its cells, the figure it is about first (``finding``)
and then the cells its expected figure was read from (``part``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from budgetx.model import Box, Finding, Severity, Table

#: what a mark shows; a column's kind is its type
MarkKind = str


@dataclass(frozen=True)
class Mark:
    page: int
    box: Box
    kind: MarkKind
    #: for a finding: its severity
    severity: Severity | None = None
    #: a short text drawn in the box's corner (a finding's number)
    label: str | None = None


def table_marks(table: Table) -> list[Mark]:
    """The marks of ``table`` on every page it is printed on: table, header, columns, rows."""
    marks = [Mark(page, box, "table") for page, box in table.boxes.items()]
    marks += [Mark(page, box, "header") for page, box in table.header_boxes.items()]
    marks += column_marks(table)
    marks += [Mark(r.page, r.bbox, "row") for r in table.rows if r.page is not None and r.bbox is not None]
    return marks


def column_marks(table: Table) -> list[Mark]:
    """One mark a column and page: around the column's cells printed on that page."""
    spans: dict[tuple[int, int], Box] = {}
    for row in table.rows:
        if row.page is None or row.bbox is None or len(row.edges) != len(row.cells) + 1:
            continue
        for j in range(min(len(row.cells), len(table.columns))):
            box = row.cell_box(j)
            if box is None or box[2] - box[0] <= 0:
                continue
            key = (row.page, j)
            spans[key] = _union(spans[key], box) if key in spans else box
    return [Mark(page, box, table.columns[j].type) for (page, j), box in sorted(spans.items())]


def finding_marks(findings: Iterable[Finding]) -> list[Mark]:
    """The cells of each finding: the figure it is about (``finding``, labelled with the finding's number,
    from 1), the cells it was compared with (``part``)."""
    marks: list[Mark] = []
    for n, f in enumerate(findings, 1):
        for k, (page, box) in enumerate(f.cells):
            marks.append(Mark(page, box, "finding" if k == 0 else "part", f.severity, str(n) if k == 0 else None))
    return marks


def by_page(marks: Iterable[Mark]) -> dict[int, list[Mark]]:
    out: dict[int, list[Mark]] = {}
    for m in marks:
        out.setdefault(m.page, []).append(m)
    return out


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def around(boxes: Iterable[Box]) -> Box | None:
    """The box around ``boxes``, or ``None`` when there are none."""
    out: Box | None = None
    for b in boxes:
        out = b if out is None else _union(out, b)
    return out
