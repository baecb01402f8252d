"""Markdown pipe tables: ``| 科目编码 | 科目名称 | 小计 |``.

Every row of the table, its first (header) row included, becomes a grid row:
the separator line (``|---|:--:|``) is dropped, and which rows are header rows
is decided later, by the same header detection as for the other shapes (a
printed table has several header rows, Markdown only one).  An escaped pipe
(``\\|``) stays in its cell, empty cells stay empty, ``<br>`` joins a wrapped
cell, and a cell in bold (``**合计**``) loses the asterisks.
"""

from __future__ import annotations

import re

from budgetx import patterns
from budgetx.model import Line
from budgetx.readers.limits import MAX_CELLS

_SEPARATOR_CELL = patterns.compile(r"^:?-{1,}:?$")
_BR = patterns.compile(r"<br\s*/?>", re.I)
_EMPHASIS = patterns.compile(r"^(\*\*|__)(.+)\1$")


def is_pipe_row(line: str) -> bool:
    """A line that starts with a pipe and has another, unescaped, pipe (and no
    more cells than a table row holds: :data:`~budgetx.readers.limits.MAX_CELLS`)."""
    s = line.strip()
    return s.startswith("|") and 2 <= len(_split(s)) <= MAX_CELLS


def _split(s: str) -> list[str]:
    """The raw cells of a pipe row, escapes resolved (``\\|`` → ``|``)."""
    cells: list[str] = []
    cur: list[str] = []
    k = 0
    while k < len(s):
        ch = s[k]
        if ch == "\\" and k + 1 < len(s) and s[k + 1] in "|\\":
            cur.append(s[k + 1])
            k += 2
            continue
        if ch == "|":
            cells.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        k += 1
    cells.append("".join(cur))
    # the leading pipe opens the row; a trailing pipe closes it
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip() and s.rstrip().endswith("|") and not s.rstrip().endswith("\\|"):
        cells = cells[:-1]
    return cells


def split_row(line: str) -> list[str]:
    """The cells of one pipe row, cleaned."""
    return [_cell(c) for c in _split(line.strip())]


def _cell(text: str) -> str:
    t = _BR.sub("", text).strip()
    m = _EMPHASIS.match(t)
    return m.group(2).strip() if m else t


def is_separator(line: str) -> bool:
    cells = [c.strip() for c in _split(line.strip())]
    return bool(cells) and all(_SEPARATOR_CELL.match(c) for c in cells)


def parse_block(lines: list[str], first_lineno: int, page: int | None = None) -> list[Line]:
    out = []
    for k, line in enumerate(lines):
        if is_separator(line):
            continue
        out.append(Line(page=page, lineno=first_lineno + k, cells=split_row(line)))
    return out
