"""A sum that does not add up in a table read by OCR: the least certain reading is named, not the document.

When a parent ≠ Σ children (``hierarchy.*``) or a row's total ≠ Σ its parts
(``row.*``) in a table whose figures were read by OCR, the likelier cause is
a misread digit, not a misprint.  The finding becomes ``ocr.suspect``
(a warning): it names the cell whose reading is least certain among the
figures of the sum — the total itself, the other figures of its row, the
figures of its column below it in the hierarchy — with the model's
alternative reading where it has one, and the value the sum needs there.  A
cell whose alternative reading is exactly the value the sum needs is named
before any other; then a cell whose reading is the value the sum needs with its
decimal point lost or moved (``3265`` for ``32.65``: the same digits, off by a
power of ten), which explains the difference exactly; then the least certain.
The other figures of the sum that explain it so too (the same misreading in a
款 and its 项) are framed beside the cell named.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from budgetx.model import Box, Document, Finding, OcrReading, Row, Table
from budgetx.normalize.amounts import is_amount, parse_amount
from budgetx.validate.base import fmt

RULE = "ocr.suspect"
#: the rules whose figures add up: their findings in a table read by OCR are revised
_SUMS = ("hierarchy.", "row.")


@dataclass(frozen=True)
class _Cell:
    row: Row
    column: int
    value: Decimal
    reading: OcrReading
    #: the value the sum needs in this cell
    needed: Decimal


def revise(doc: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each sum finding about figures read by OCR turned into an ``ocr.suspect``."""
    tables = {t.index: t for t in doc.tables if any(r.ocr for r in t.rows)}
    if not tables:
        return findings
    out: list[Finding] = []
    for f in findings:
        table = tables.get(f.table) if f.table is not None else None
        suspect = _suspect(table, f) if table is not None and f.rule.startswith(_SUMS) else None
        out.append(suspect or f)
    return out


def _suspect(table: Table, f: Finding) -> Finding | None:
    if f.actual is None or f.expected is None:
        return None
    place = _place(table, f)
    if place is None:
        return None
    row, j = place
    cells = _candidates(table, row, j, f, f.actual - f.expected)
    if not cells:
        return None
    cell = min(cells, key=lambda c: (not _alternative_fits(c), not _point_misread(c), c.reading.confidence))
    # the same misreading carried into the other figures of the sum (a 款 and its only 项 both read
    # 3265 for 32.65): each explains the difference as well, and is framed beside the one named
    alike = [c for c in cells if c is not cell and _point_misread(c)] if _point_misread(cell) else []
    return _finding(table, f, cell, alike)


def _place(table: Table, f: Finding) -> tuple[Row, int] | None:
    """The row and column of the figure the finding is about."""
    for row in table.rows:
        if row.page != f.page or row.lineno != f.line:
            continue
        for j, col in enumerate(table.columns):
            if col.name == f.column and row.cells[j] == f.actual:
                return row, j
    return None


def _candidates(table: Table, row: Row, j: int, f: Finding, off: Decimal) -> list[_Cell]:
    """The figures read by OCR that the sum adds up: the total itself, and its parts — the figures of
    its row that add up into it (``row.*``), or those of its column below it (``hierarchy.*``)."""
    out: list[_Cell] = []
    reading, value = row.ocr.get(j), row.cells[j]
    if reading is not None and isinstance(value, Decimal):
        out.append(_Cell(row, j, value, reading, value - off))
    parts = _row_parts(table, row, j) if f.rule.startswith("row.") else _below(table, row, j)
    for r, q in parts:
        reading, value = r.ocr.get(q), r.cells[q]
        if reading is not None and isinstance(value, Decimal):
            # the total is ``off`` more than its parts: a part read ``off`` short of what was printed
            out.append(_Cell(r, q, value, reading, value + off))
    return out


def _row_parts(table: Table, row: Row, j: int) -> list[tuple[Row, int]]:
    """The columns of ``row`` that add up into column ``j`` (else every amount column of its block)."""
    parts = [q for q, col in enumerate(table.columns) if col.of == j and col.role == "component"]
    if not parts:
        block = table.columns[j].block
        parts = [q for q, col in enumerate(table.columns) if q != j and col.block == block and col.type == "amount"]
    return [(row, q) for q in parts]


def _below(table: Table, row: Row, j: int) -> list[tuple[Row, int]]:
    """The cells of column ``j`` under ``row`` in the hierarchy (its sub-items; every coded row for a 合计)."""
    if row.code:
        return [(r, j) for r in table.rows if r is not row and r.code and r.code.startswith(row.code)]
    return [(r, j) for r in table.rows if r is not row and r.code]


def _alternative_fits(cell: _Cell) -> bool:
    alt = cell.reading.alternative
    return alt is not None and is_amount(alt) and parse_amount(alt) == cell.needed


def _point_misread(cell: _Cell) -> bool:
    """The cell reads the value the sum needs there with its decimal point lost or moved: the same
    digits, off by a power of ten (``3265`` for ``32.65``, ``1.2`` for ``12.00``)."""
    value, needed = cell.value, cell.needed
    if value == needed or not value or not needed or (value < 0) != (needed < 0):
        return False
    ratio = abs(value / needed)
    return any(ratio == Decimal(10) ** k for k in range(-6, 7) if k)


def _finding(table: Table, f: Finding, cell: _Cell, alike: list[_Cell]) -> Finding:
    row, col = cell.row, table.columns[cell.column]
    where = " ".join(x for x in (table.number or table.title, row.code, row.name, f"[{col.name}]") if x)
    conf = f"{cell.reading.confidence:.2f}"
    alt = cell.reading.alternative
    alt_zh = f"，另一读法 {alt}" if alt else ""
    alt_en = f"; the model's other reading: {alt}" if alt else ""
    # the cell named first, the readings as wrong alike, then the figures of the check it revises
    # (as they are framed on the page)
    named: list[tuple[int, Box]] = []
    for c in (cell, *alike):
        box = c.row.cell_box(c.column)
        if box is not None and c.row.page is not None and (c.row.page, box) not in named:
            named.append((c.row.page, box))
    return Finding(
        rule=RULE,
        severity="warning",
        message=(
            f"{where}：OCR 识别为 {fmt(cell.value)}（置信度 {conf}{alt_zh}），"
            f"按合计应为 {fmt(cell.needed)}；请核对扫描件（原检查：{f.message}）"
        ),
        message_en=(
            f"{where}: read by OCR as {fmt(cell.value)} (confidence {conf}{alt_en}); the sum needs "
            f"{fmt(cell.needed)} here — check the scan, the least certain reading of this sum "
            f"(the check: {f.message_en})"
        ),
        table=table.index,
        table_title=table.title,
        code=row.code,
        row_name=row.name,
        column=col.name,
        page=row.page,
        line=row.lineno,
        expected=cell.needed,
        actual=cell.value,
        difference=cell.value - cell.needed,
        ocr=cell.reading,
        cells=named + [c for c in f.cells if c not in named],
    )
