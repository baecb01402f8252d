"""Ruled tables: the page's rules → grids → rows of cell texts.

The rules are read once from the page's lines and rects (thin filled rects
are rules too; large filled rects are cell shading or page backgrounds and
are not), then pdfplumber's table finder (ported: :mod:`budgetx.readers.pdf.tablefinder`)
runs on exactly those edges.  Cell
texts are built here from the page's prepared chars, each char placed in its
cell by bisection, so a page's chars are read once whatever its number of
cells.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from budgetx.normalize.amounts import is_amount
from budgetx.readers.pdf.chars import Char, group_lines, join_wrapped, line_text
from budgetx.readers.pdf.tablefinder import find_tables

#: a rect thinner than this (pt) is a rule, not an area
RULE_MAX = 3.0
MIN_EDGE = 3.0
#: the table finder's tolerances (pdfplumber's table settings of the same names)
FINDER = {"snap_tolerance": 2, "join_tolerance": 3, "intersection_tolerance": 3, "edge_min_length": MIN_EDGE}

_X0 = itemgetter("x0")


def _is_white(color: Any) -> bool:
    if color is None:
        return False
    if type(color) is tuple and len(color) == 3:  # RGB fractions, as most pages give them: read at once
        r, g, b = color
        if type(r) is float and type(g) is float and type(b) is float:
            return r >= 0.99 and g >= 0.99 and b >= 0.99
    if isinstance(color, (int, float)):
        return float(color) >= 0.99
    try:
        vals = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(vals) == 1:
        return vals[0] >= 0.99
    if len(vals) == 3:
        return all(v >= 0.99 for v in vals)
    if len(vals) == 4:  # CMYK
        return all(v <= 0.01 for v in vals)
    return False


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict[str, Any]:
    return {
        "object_type": "rect_edge",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }


def rules(page: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(vertical, horizontal) rule edges of a page."""
    v: list[dict[str, Any]] = []
    h: list[dict[str, Any]] = []
    for ln in page.lines:
        if _is_white(ln.get("stroking_color")):
            continue
        x0, x1, top, bottom = ln["x0"], ln["x1"], ln["top"], ln["bottom"]
        if abs(x1 - x0) < 1.0 and bottom - top >= MIN_EDGE:
            x = (x0 + x1) / 2
            v.append(_edge(x, top, x, bottom, "v"))
        elif abs(bottom - top) < 1.0 and x1 - x0 >= MIN_EDGE:
            y = (top + bottom) / 2
            h.append(_edge(x0, y, x1, y, "h"))
    thin_curves = [c for c in page.curves if min(c["x1"] - c["x0"], c["bottom"] - c["top"]) <= RULE_MAX]
    for r in [*page.rects, *thin_curves]:  # a rule may be drawn as a filled 4-point path
        x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
        w, ht = x1 - x0, bottom - top
        filled_rule = r.get("fill") and not _is_white(r.get("non_stroking_color"))
        stroked = r.get("stroke") and not _is_white(r.get("stroking_color"))
        if w <= RULE_MAX and ht >= MIN_EDGE and (filled_rule or stroked):
            x = (x0 + x1) / 2
            v.append(_edge(x, top, x, bottom, "v"))
        elif ht <= RULE_MAX and w >= MIN_EDGE and (filled_rule or stroked):
            y = (top + bottom) / 2
            h.append(_edge(x0, y, x1, y, "h"))
        elif stroked and w > RULE_MAX and ht > RULE_MAX:
            v.append(_edge(x0, top, x0, bottom, "v"))
            v.append(_edge(x1, top, x1, bottom, "v"))
            h.append(_edge(x0, top, x1, top, "h"))
            h.append(_edge(x0, bottom, x1, bottom, "h"))
    return v, h


@dataclass
class Grid:
    """One printed grid on a page."""

    bbox: tuple[float, float, float, float]
    xs: list[float]  # column boundaries, left to right (len = columns + 1)
    ys: list[float]  # row boundaries, top to bottom (len = rows + 1)
    #: cell bboxes
    cells: list[tuple[float, float, float, float]]
    rows: list[list[str]] = field(default_factory=list)
    #: (top, bottom) of each row
    row_bands: list[tuple[float, float]] = field(default_factory=list)
    #: per row, the indices of cells carried down from a merged cell above
    carried: list[tuple[int, ...]] = field(default_factory=list)
    #: per row and cell, how far the cell's text starts right of the cell's left rule (pt), or None
    indents: list[tuple[float | None, ...]] = field(default_factory=list)

    def contains(self, c: Char, pad: float = 0.5) -> bool:
        """The char lies in the grid (or overflows its left or right side by a glyph)."""
        x0, top, x1, bottom = self.bbox
        my = (c["top"] + c["bottom"]) / 2
        if not top - pad <= my <= bottom + pad:
            return False
        cx0, cx1 = c["x0"], c["x1"]
        mx = (cx0 + cx1) / 2
        hpad = cx1 - cx0 + 1.0
        if hpad < pad:
            hpad = pad
        return x0 - hpad <= mx <= x1 + hpad

    def column_of(self, x: float) -> int | None:
        if x < self.xs[0] - 2 or x > self.xs[-1] + 2:
            return None
        j = bisect.bisect_right(self.xs, x) - 1
        return min(max(j, 0), len(self.xs) - 2)


def find_grids(page: Any) -> list[Grid]:
    """The ruled grids of a page (none when the page has too few rules)."""
    v, h = rules(page)
    if len(v) < 2 or len(h) < 2:
        return []
    grids = []
    for t in find_tables(v, h, **FINDER):
        cells = [tuple(c) for c in t.cells]
        if len(cells) < 2:
            continue
        # rounded once a distinct value: a grid's cells share a few dozen
        xs = sorted({round(x, 2) for x in {c[0] for c in cells} | {c[2] for c in cells}})
        ys = sorted({round(y, 2) for y in {c[1] for c in cells} | {c[3] for c in cells}})
        grids.append(Grid(bbox=tuple(t.bbox), xs=xs, ys=ys, cells=cells))  # type: ignore[arg-type]
    grids.sort(key=lambda g: g.bbox[1])
    return grids


def fill(grid: Grid, chars: Sequence[Char]) -> None:
    """Put each char into its cell, then build the grid's rows of cell texts.

    A merged cell's text goes to its top-left position; the other positions it
    covers stay "" (what header flattening expects), except that a text cell
    merged down over several rows (a row header such as Jiangsu's
    一般公共预算资金 › 小计 / 公共财政拨款) is carried down to each row it spans.
    """
    grid.xs = _drop_stray_bounds(grid)
    xs, ys = grid.xs, grid.ys
    ncol, nrow = len(xs) - 1, len(ys) - 1
    if ncol < 1 or nrow < 1:
        return
    # position → cell index
    owner: list[list[int]] = [[-1] * ncol for _ in range(nrow)]
    starts: dict[int, tuple[int, int]] = {}
    # the cells share a few dozen distinct edges: each is placed once
    column_at = {x: _index(xs, x) for x in {c[0] for c in grid.cells} | {c[2] for c in grid.cells}}
    row_at = {y: _index(ys, y) for y in {c[1] for c in grid.cells} | {c[3] for c in grid.cells}}
    for k, (x0, top, x1, bottom) in enumerate(grid.cells):
        j0 = column_at[x0]
        j1 = column_at[x1]
        i0 = row_at[top]
        i1 = row_at[bottom]
        if j1 <= j0 or i1 <= i0:
            continue  # a sliver left by a stray rule: its neighbours own its area
        starts[k] = (i0, j0)
        for i in range(i0, i1):
            for j in range(j0, j1):
                if i < nrow and j < ncol:
                    owner[i][j] = k
    cell_chars: dict[int, list[Char]] = {}
    cells = grid.cells
    for c in chars:
        mx = (c["x0"] + c["x1"]) / 2
        i = bisect.bisect_right(ys, (c["top"] + c["bottom"]) / 2) - 1
        if not 0 <= i < nrow:
            continue
        j = bisect.bisect_right(xs, mx) - 1
        j = 0 if j < 0 else ncol - 1 if j >= ncol else j  # overflow → edge column
        k = owner[i][j]
        if k < 0:
            continue
        if not cells[k][0] - 0.5 <= mx <= cells[k][2] + 0.5:  # not _inside(cells[k], mx)
            # a cell snapped off a stray rule: the char belongs to the neighbour that prints it
            k = next(
                (
                    owner[i][m]
                    for m in (j - 1, j + 1)
                    if 0 <= m < ncol and owner[i][m] >= 0 and _inside(cells[owner[i][m]], mx)
                ),
                k,
            )
        bucket = cell_chars.get(k)
        if bucket is None:
            cell_chars[k] = [c]
        else:
            bucket.append(c)
    texts = {k: cell_text(cs) for k, cs in cell_chars.items()}
    # how far each cell's text starts right of its left rule; leading spaces are the indentation, not text
    lefts = {
        k: min(map(_X0, ink)) - grid.cells[k][0]
        for k, cs in cell_chars.items()
        if (ink := [c for c in cs if c["text"].strip()])
    }
    rows: list[list[str]] = []
    bands: list[tuple[float, float]] = []
    carried: list[tuple[int, ...]] = []
    indents: list[tuple[float | None, ...]] = []
    for i in range(nrow):
        row = []
        copies: list[int] = []
        indent: list[float | None] = []
        for j in range(ncol):
            k = owner[i][j]
            indent.append(lefts.get(k) if k >= 0 and starts[k] == (i, j) else None)
            if k < 0:
                row.append("")
                continue
            si, sj = starts[k]
            text = texts.get(k, "")
            if si == i and sj == j:
                row.append(text)
            elif si < i and sj == j and text and not is_amount(text):
                row.append(text)  # a row header merged down: carried
                copies.append(j)
            else:
                row.append("")
        if any(row[j] for j in range(ncol) if j not in copies):
            rows.append(row)
            bands.append((ys[i], ys[i + 1]))
            carried.append(tuple(copies))
            indents.append(tuple(indent))
    grid.rows = rows
    grid.row_bands = bands
    grid.carried = carried
    grid.indents = indents


def _inside(cell: tuple[float, float, float, float], x: float) -> bool:
    return cell[0] - 0.5 <= x <= cell[2] + 0.5


def _index(bounds: list[float], v: float) -> int:
    """The index of the bound nearest to ``v``."""
    i = bisect.bisect_left(bounds, v)
    if i <= 0:
        return 0
    if i >= len(bounds):
        return len(bounds) - 1
    return i if bounds[i] - v < v - bounds[i - 1] else i - 1


def _drop_stray_bounds(grid: Grid) -> list[float]:
    """Column bounds without the rules of a few misaligned rows.

    Some exports draw the header's column rule a little off the body's (the
    2019 检察院 公开05表: "功能科目代码" wider than the code column), which would
    give the grid a sliver column.  An interior bound that at most two rows use,
    near a bound that most rows use but not those rows, is dropped; those rows'
    cells snap to the body's bounds.  A row that uses both bounds prints two
    columns there (长春 预算表7: two narrow columns under a header printed one
    character a line), so neither is stray.
    """
    xs = grid.xs
    nrow = len(grid.ys) - 1
    if nrow < 5 or len(xs) < 4:
        return xs
    users: dict[int, set[float]] = {k: set() for k in range(len(xs))}
    # the cells share a few dozen distinct edges: each is placed (and each top rounded) once
    bound_at: dict[float, int | None] = {}
    for x in {c[0] for c in grid.cells} | {c[2] for c in grid.cells}:
        k = _index(xs, x)
        bound_at[x] = k if abs(xs[k] - x) < 0.5 else None
    tops = {top: round(top, 1) for top in {c[1] for c in grid.cells}}
    for x0, top, x1, _ in grid.cells:
        for x in (x0, x1):
            at = bound_at[x]
            if at is not None:
                users[at].add(tops[top])
    keep = []
    for k, x in enumerate(xs):
        few = 0 < k < len(xs) - 1 and len(users[k]) <= 2
        near = few and any(
            abs(xs[m] - x) <= 30 and len(users[m]) >= nrow // 2 and not users[m] & users[k] for m in (k - 1, k + 1)
        )
        if not near:
            keep.append(x)
    return keep


def cell_text(cs: Sequence[Char]) -> str:
    """A cell's chars → its text, wrapped lines joined."""
    lines = group_lines(cs)
    return join_wrapped([line_text(ln, keep_edges=True) for ln in lines])
