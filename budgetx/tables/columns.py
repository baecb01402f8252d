"""Typing a grid's columns and turning its raw rows into :class:`Row` objects.

A column is an amount column when every value in it is an amount, a code column
when its header says so (科目编码, 类/款/项) or every value is a subject code, a
name column when it names the items, text otherwise.  In a two- or three-block
table (收入 | 支出) a text column that follows amount columns opens a new block.
Each amount column then gets its role in the table's sums (:mod:`budgetx.tables.roles`).
"""

from __future__ import annotations

from budgetx import patterns
from budgetx.model import Box, CellValue, Column, ColumnType, Row
from budgetx.normalize import codes
from budgetx.normalize.amounts import is_amount, is_nothing, parse_amount
from budgetx.normalize.names import clean_text, compact, restore_ordinal
from budgetx.tables.identify import RowReader, block_items, levels_from_indents
from budgetx.tables.roles import assign_roles

_CODE_HEADER = patterns.compile(r"(编码|代码|编号)$|^(科目编码|功能分类科目编码|经济分类科目编码)")
_SPLIT_HEADER = patterns.compile(r"(^|/ )(类|款|项)$")
_NAME_HEADER = patterns.compile(r"(名称|内容)$|^(项目|科目|收入|支出|收入项目|支出项目|科目编码及名称)$")
#: a column that numbers the rows (序号, 行次): its figures are no amounts, and it names no item
_INDEX_HEADER = patterns.compile(r"^(?:序号|行次|栏次)$")
_TEXT_HEADER = patterns.compile(r"(说明|备注|单位|依据|概况|目标|指标|方式|时间)$")


class RawRow:
    """A grid row before typing: its cells and where it came from."""

    __slots__ = ("bbox", "carried", "cells", "edges", "indents", "lineno", "page")

    def __init__(
        self,
        cells: list[str],
        page: int | None,
        lineno: int | None,
        carried: tuple[int, ...] = (),
        indents: tuple[float | None, ...] = (),
        bbox: Box | None = None,
        edges: tuple[float, ...] = (),
    ) -> None:
        self.cells = cells
        self.page = page
        self.lineno = lineno
        #: cells that repeat a merged cell of a row above (see Line.carried)
        self.carried = carried
        #: how far each cell's text is indented (see Line.indents)
        self.indents = indents
        #: where the row is printed, and its cells' edges (see Line.bbox, Line.edges)
        self.bbox = bbox
        self.edges = edges

    def uncarried(self) -> list[str]:
        """The cells with the carried-down copies blanked, as the grid printed them."""
        if not self.carried:
            return self.cells
        return ["" if j in self.carried else c for j, c in enumerate(self.cells)]


def type_columns(names: list[str], rows: list[RawRow]) -> list[Column]:
    width = len(names)
    cols: list[Column] = []
    for j in range(width):
        values = [r.cells[j].strip() for r in rows if j < len(r.cells) and r.cells[j] and r.cells[j].strip()]
        cols.append(Column(name=names[j], type=_type_of(names[j], values)))
    _mark_names(cols)
    _assign_blocks(cols)
    assign_roles(cols)
    return cols


def _type_of(name: str, values: list[str]) -> ColumnType:
    short = name.split(" / ")[-1] if name else ""
    if _SPLIT_HEADER.search(name):
        digits = sum(1 for v in values if patterns.compile(r"\d{1,7}").fullmatch(compact(v)))
        if not values or digits >= max(1, len(values) - 2):
            return "code"  # a 类|款|项 column (a 合计/小计 label may sit in it; 款 "2" printed unpadded)
    if _CODE_HEADER.search(compact(short)):
        return "code"
    if _INDEX_HEADER.match(compact(short)):
        return "text"
    figures = [v for v in values if not is_nothing(v)]
    if (
        values
        and figures
        and all(codes.is_code(v) for v in figures)
        and not _NAME_HEADER.search(compact(short))
        and any(len(compact(v)) in (5, 7) for v in figures)
    ):
        return "code"
    if figures and all(is_amount(v) for v in figures):
        return "amount"
    if values and not figures:
        return "amount"  # only dashes
    if not values:
        return "text" if _NAME_HEADER.search(compact(short)) or _TEXT_HEADER.search(compact(short)) else "amount"
    return "text"


def _mark_names(cols: list[Column]) -> None:
    """The first text column of each run of text columns names the items."""
    prev = None
    for col in cols:
        if _INDEX_HEADER.match(compact(col.name.split(" / ")[-1] if col.name else "")):
            continue
        if col.type == "text" and prev not in ("text", "name"):
            col.type = "name"
        prev = col.type


def _assign_blocks(cols: list[Column]) -> None:
    block = 0
    seen_amount = False
    for col in cols:
        if col.type in ("code", "name") and seen_amount:
            block += 1
            seen_amount = False
        if col.type == "amount":
            seen_amount = True
        col.block = block


def build_rows(cols: list[Column], raw: list[RawRow], kind: str | None = None) -> list[Row]:
    """The rows of a table, each cell typed by its column, each row's code and name read."""
    out = []
    reader = RowReader(cols, kind)
    for r in raw:
        cells: list[CellValue] = []
        for j, col in enumerate(cols):
            text = r.cells[j] if j < len(r.cells) else ""
            cells.append(_cell_value(text, col.type))
        row = Row(cells=cells, page=r.page, lineno=r.lineno, bbox=r.bbox, edges=r.edges)
        reader.identify(row, r.cells)
        out.append(row)
    block_items(out, cols, kind)
    levels_from_indents(out, [r.indents for r in raw], cols, kind)
    return out


def _cell_value(text: str | None, ctype: ColumnType) -> CellValue:
    if text is None or not text.strip():
        return None
    if ctype == "amount":
        try:
            return parse_amount(text)
        except ValueError:
            return clean_text(text)
    if ctype == "code":
        return codes.clean_code(text)
    return restore_ordinal(clean_text(text))
