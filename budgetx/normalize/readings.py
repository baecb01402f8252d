"""The OCR readings of a scanned table's cells, carried from the reader's lines to the table's rows.

A row read by OCR knows, per printed cell, how it was read
(:attr:`budgetx.model.Line.ocr`); the table's row (:attr:`budgetx.model.Row.ocr`)
gets, for each of its cells, the reading of the printed cell it came from: the
cell of the same line with the same text (amounts: the same value), the k-th
such cell for the k-th such value of the row.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from budgetx.model import Line, OcrReading, Table
from budgetx.normalize.amounts import is_amount, parse_amount


def _key(text: str | None) -> object:
    if text is None:
        return None
    value = parse_amount(text) if is_amount(text) else None
    return value if value is not None else "".join(text.split())


def annotate(tables: Iterable[Table], lines: Iterable[Line]) -> None:
    """Give every row read by OCR the readings of its cells."""
    read: dict[tuple[int | None, int | None], Line] = {
        (ln.page, ln.lineno): ln for ln in lines if ln.ocr and ln.cells is not None
    }
    if not read:
        return
    for table in tables:
        for row in table.rows:
            line = read.get((row.page, row.lineno))
            if line is None or line.cells is None:
                continue
            printed: dict[object, list[OcrReading]] = {}
            for text, reading in zip(line.cells, line.ocr, strict=False):
                if reading is not None:
                    printed.setdefault(_key(text), []).append(reading)
            for j, cell in enumerate(row.cells):
                if cell is None:
                    continue
                key = cell if isinstance(cell, Decimal) else _key(cell)
                readings = printed.get(key)
                if readings:
                    row.ocr[j] = readings.pop(0)
