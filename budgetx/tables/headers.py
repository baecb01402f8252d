"""Header rows: splitting them from the data rows, and flattening them.

A printed header has one to four rows with merged cells, which reach budgetx as
empty cells.  The header is the leading rows that are not data rows (told by
:func:`budgetx.normalize.rows.is_data_row`).  Flattening gives every column one
name built from its header cells top to bottom ("2021年预算数 / 基本支出").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from difflib import SequenceMatcher

from budgetx.normalize.names import clean_text, compact
from budgetx.normalize.rows import is_counter_row, is_data_row

MAX_HEADER_ROWS = 6


def split_header(rows: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """(header rows, the rest): the header is the leading rows without figures."""
    n = 0
    while n < len(rows) and n < MAX_HEADER_ROWS and not is_data_row(rows[n]):
        n += 1
    if n == MAX_HEADER_ROWS and n < len(rows):
        # no figures within the first rows: a text table, its header is its first row
        n = 1
    return rows[:n], rows[n:]


def flatten(header: list[list[str]], width: int, carried: Sequence[Collection[int]] = ()) -> list[str]:
    """One name per column from the header rows.

    An empty cell in an upper row continues the cell to its left when the rows
    below split it (a horizontally merged group header); an empty cell in the
    lowest row adds nothing (the name above spans down).  A cell repeating the
    name above it is the same merged cell spanning down, and adds nothing --
    unless ``carried`` (per header row, the cells a reader copied down from a
    merged cell) says which repeats are copies: then a repeat that is not a copy
    is a cell of its own printing the same words as its group (因公出国（境）费 /
    因公出国（境）费 beside 因公出国（境）费 / 小计) and is kept.
    """
    grid = [[clean_text(r[j]) if j < len(r) else "" for j in range(width)] for r in header]
    copies: list[Collection[int] | None] = [carried[i] if i < len(carried) else None for i in range(len(grid))]
    kept = [i for i, r in enumerate(grid) if not is_counter_row(r)]
    grid = [grid[i] for i in kept]
    copies = [copies[i] for i in kept]
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
            known = copies[i]
            repeat = bool(names[j]) and names[j][-1] == cell and (known is None or j in known or not row[j])
            if cell and not repeat:
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


def like_header_row(a: list[str], b: list[str]) -> bool:
    """A header row read by OCR repeats printed header row ``b`` but for a character or two the model
    missed or misread (``目`` for ``项目``, ``般公共预算收入`` for ``一般公共预算收入``): as many cells
    named, most of them the same, each other one within the other or sharing most of its characters."""
    ca = [compact(c) for c in a if c and c.strip()]
    cb = [compact(c) for c in b if c and c.strip()]
    if not ca or len(ca) != len(cb) or 2 * sum(x == y for x, y in zip(ca, cb, strict=True)) < len(ca):
        return False
    return all(
        x == y or x in y or y in x or SequenceMatcher(None, x, y).ratio() >= _LIKE for x, y in zip(ca, cb, strict=True)
    )


#: the least share of characters two header cells read by OCR share to be the same cell
_LIKE = 0.6
