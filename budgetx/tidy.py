"""The long/tidy view of a document: one record per printed amount.

Each amount is tied to its own item on its own side: in a two-block table
(收入 | 支出) an amount of the 支出 block carries the 支出 item printed in the
same row, not the 收入 item at the row's start.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from budgetx.model import Document, Row, Table
from budgetx.normalize import codes
from budgetx.normalize.amounts import to_yuan
from budgetx.normalize.names import item_name
from budgetx.tables.measures import table_measures


@dataclass(frozen=True)
class Amount:
    table: int
    number: str | None
    title: str
    kind: str
    row: int  # 1-based within the table
    block: int
    code: str | None
    name: str | None
    level: int | None
    column: str
    value: Decimal
    unit: str | None
    page: int | None
    line: int | None
    #: what the amount is, the same across regions and templates ("expenditure.basic",
    #: "three_public.total"; :mod:`budgetx.tables.measures`), ``None`` when budgetx cannot name it
    measure: str | None = None
    #: the unit (单位) the row belongs to, by its printed code ("123001"), where a table lists
    #: several units; for an economic row listed under a function 项, that 项's code (``Row.entity``)
    entity: str | None = None
    #: the code's parent (类 of a 款, 款 of a 项)
    parent: str | None = None
    #: where the row prints a second classification beside its code (部门经济分类 30101 | 政府经济分类
    #: 50101): that classification's name in ``Row.codes`` ("economic_gov") and the row's code there
    second_classification: str | None = None
    second_code: str | None = None
    #: the amount's column: its index in ``Table.columns`` (from 0), its role in the table's sums
    #: (total, component, of_which, other) and the index of the column it adds up into or is part of
    column_index: int = 0
    role: str | None = None
    of: int | None = None
    #: the OCR model's confidence (0–1) in the amount, for an amount read from a page image; else ``None``
    ocr_confidence: float | None = None

    @property
    def value_yuan(self) -> Decimal | None:
        return to_yuan(self.value, self.unit)


FIELDS = [
    "table",
    "number",
    "title",
    "kind",
    "row",
    "block",
    "code",
    "name",
    "level",
    "column",
    "value",
    "unit",
    "page",
    "line",
]
#: the long output's columns: the fields, then the amount in 元, its measure, its row's entity and, for an
#: amount read by OCR, the model's confidence in it (CSV, pandas, JSON Lines)
LONG_FIELDS = [*FIELDS, "value_yuan", "measure", "entity", "ocr_confidence"]


def block_item(table: Table, row: Row, block: int) -> tuple[str | None, str | None]:
    """The code and name of ``row``'s item in ``block``.

    A code printed over several columns of the block (类 | 款) is joined.
    """
    if block == 0 and (row.code or row.name):
        return row.code, row.name
    item = row.items.get(block)
    if item is not None and (item.code or item.name):
        return item.code, item.name
    parts: list[str] = []
    name = None
    for j, col in enumerate(table.columns):
        if col.block != block:
            continue
        cell = row.cells[j]
        if col.type == "code":
            parts.append(cell if isinstance(cell, str) else "")
        elif col.type == "name" and isinstance(cell, str) and name is None:
            name = item_name(cell)
    code = codes.join_split(parts) if parts else None
    if code is None and name is None:
        # a label merged across the code cells ("公用经费合计")
        name = next((item_name(p) for p in parts if p and not codes.is_code(p) and not p.isdigit()), None)
    if code is None and name:
        lead = codes.split_leading(name)
        if lead:
            code, name = lead
    return code, name


def _level(row: Row, block: int, code: str | None) -> int | None:
    """The level of ``row``'s item in ``block``: the one read (from its code or its indentation), else its code's."""
    read = row.level if block == 0 else (row.items[block].level if block in row.items else None)
    return read if read is not None else (codes.level(code) if code else None)


def _parent(row: Row, block: int, code: str | None) -> str | None:
    """The parent code of ``row``'s item in ``block``: the one read, else its code's."""
    read = row.parent if block == 0 else (row.items[block].parent if block in row.items else None)
    return read if read is not None else (codes.parent(code) if code else None)


def second_code(row: Row, code: str | None) -> tuple[str | None, str | None]:
    """The classification and code of the second classification ``row`` prints beside ``code``."""
    for classification, other in row.codes.items():
        if other != code:
            return classification, other
    return None, None


def amounts(doc: Document, tables: list[Table] | None = None) -> Iterator[Amount]:
    """Every non-empty amount of the document (or of ``tables``), in print order."""
    for table in doc.tables if tables is None else tables:
        measures = table_measures(table, doc.info.stage, doc.info.year)
        for r_index, row in enumerate(table.rows, start=1):
            items: dict[int, tuple[str | None, str | None]] = {}
            for j, col in enumerate(table.columns):
                value = row.cells[j]
                if col.type != "amount" or not isinstance(value, Decimal):
                    continue
                if col.block not in items:
                    items[col.block] = block_item(table, row, col.block)
                code, name = items[col.block]
                classification, other = second_code(row, code) if row.codes and col.block == 0 else (None, None)
                yield Amount(
                    table=table.index,
                    number=table.number,
                    title=table.title,
                    kind=table.kind,
                    row=r_index,
                    block=col.block,
                    code=code,
                    name=name,
                    level=_level(row, col.block, code),
                    column=col.name,
                    value=value,
                    unit=table.unit,
                    page=row.page,
                    line=row.lineno,
                    measure=measures.of(j, code, name),
                    entity=row.entity,
                    parent=_parent(row, col.block, code),
                    second_classification=classification,
                    second_code=other,
                    column_index=j,
                    role=col.role,
                    of=col.of,
                    ocr_confidence=reading.confidence if (reading := row.ocr.get(j)) is not None else None,
                )
