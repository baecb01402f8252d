"""Header rows: telling them from data rows, and flattening them.

A printed header has one to four rows with merged cells, which reach budgetx as
empty cells.  Flattening gives every column one name built from its header
cells top to bottom ("2021年预算数 / 基本支出").
"""

from __future__ import annotations

import re

from budgetx.normalize.amounts import is_amount
from budgetx.normalize.codes import is_code, split_leading
from budgetx.normalize.names import clean_text, compact

#: header cells that number the columns ("栏次 1 2 3") or rows ("行次")
_COUNTER_LABELS = ("栏次", "行次")
MAX_HEADER_ROWS = 6
_TOTALS = ("合计", "总计", "合计：", "总计：")


def is_data_row(cells: list[str]) -> bool:
    """True when a row carries figures or a subject code, i.e. is not a header."""
    texts = [c.strip() for c in cells if c and c.strip()]
    if not texts or is_counter_row(cells):
        return False
    if len(texts) == 1 and compact(texts[0]) in _TOTALS:
        return True  # a 合计 row of an empty table: its amounts are blank
    for i, c in enumerate(cells):
        c = (c or "").strip()
        if not c:
            continue
        if is_amount(c) and not _looks_like_year(c):
            return True
        if i < 4 and (is_code(c) or split_leading(c)):
            return True
    return False


def _looks_like_year(text: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", compact(text)))


def is_counter_row(cells: list[str]) -> bool:
    """A row that numbers the columns: "栏次 | 1 | 2 | 3", or just "1 | 2 | 3"."""
    texts = [compact(c) for c in cells if c and c.strip()]
    if not texts:
        return False
    if texts[0] in _COUNTER_LABELS:
        return True
    numbers = [t for t in texts if t.isdigit()]
    return len(numbers) >= 3 and numbers == [str(k) for k in range(int(numbers[0]), int(numbers[0]) + len(numbers))]


def split_header(rows: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """(header rows, the rest): the header is the leading rows without figures."""
    n = 0
    while n < len(rows) and n < MAX_HEADER_ROWS and not is_data_row(rows[n]):
        n += 1
    if n == MAX_HEADER_ROWS and n < len(rows):
        # no figures within the first rows: a text table, its header is its first row
        n = 1
    return rows[:n], rows[n:]


def flatten(header: list[list[str]], width: int) -> list[str]:
    """One name per column from the header rows.

    An empty cell in an upper row continues the cell to its left when the rows
    below split it (a horizontally merged group header); an empty cell in the
    lowest row adds nothing (the name above spans down).
    """
    grid = [[clean_text(r[j]) if j < len(r) else "" for j in range(width)] for r in header]
    grid = [r for r in grid if not is_counter_row(r)]
    names: list[list[str]] = [[] for _ in range(width)]
    for i, row in enumerate(grid):
        last = i == len(grid) - 1
        carry = ""
        for j in range(width):
            cell = row[j]
            if cell:
                carry = cell
            elif not last and carry and _has_below(grid, i, j):
                cell = carry
            else:
                carry = ""
            if cell and (not names[j] or names[j][-1] != cell):
                names[j].append(cell)
    return [" / ".join(parts) for parts in names]


def _has_below(grid: list[list[str]], i: int, j: int) -> bool:
    """True when some row below row ``i`` names column ``j``: the group above spans it."""
    return any(grid[k][j] for k in range(i + 1, len(grid)))


def same_header_row(a: list[str], b: list[str]) -> bool:
    """Two printed header rows are the same row (a repeat on a continuation page)."""
    ca = [compact(c) for c in a if c and c.strip()]
    cb = [compact(c) for c in b if c and c.strip()]
    return bool(ca) and ca == cb
