"""Rows of a table printed without rules: a cell's text wrapped over several lines around its figures.

A narrow name column wraps a long name over as many lines as it takes, each line filled to the
cell's width (Chinese text breaks between any two glyphs), the last one shorter, all set at the
same left edge; the row's figures print on the line at the middle of the cell's height. Set at
double line spacing, the wrapped lines are as far apart as the rows are, so their pitch does not
tell them from rows of their own: their width and their centring do (:func:`join_filled_cells`).
"""

from __future__ import annotations

from typing import Protocol

from budgetx.readers.pdf.chars import Char, bbox_of


class Row(Protocol):
    lines: list[list[Char]]
    data: bool


#: a line ends this many glyphs at most short of its column's widest line: it fills its cell
FILLED = 1.5
#: a wrapped cell is centred on its row's figures within this many glyphs
CENTRED = 0.6


def join_filled_cells(
    rows: list[Row],
    lines: list[list[Char]],
    cells: list[list[list[Char]]],
    owner: list[int | None],
    is_data: list[bool],
    size: float,
) -> None:
    """Rows take the lines of a cell wrapped over several lines around their figures: in a column of
    text (cells starting at one left edge), a run of cells each filling the column's width but the
    last, each the next one of the column under the one before (nearer than the rows with figures are
    apart, a tenth more at most), whose height is centred on the line of the one row with figures
    printed within it. The run's lines that are rows without figures become that row's (in place)."""
    tops = [bbox_of(ln)[1] if ln else 0.0 for ln in lines]
    data_tops = sorted(t for t, d in zip(tops, is_data, strict=True) if d)
    pitches = [b - a for a, b in zip(data_tops, data_tops[1:], strict=False) if b - a >= size]
    if not pitches:
        return
    reach = 1.1 * min(pitches)
    columns = _columns(cells, size)
    for starts in columns:
        widest = max(seg[-1]["x1"] for _, seg in starts)
        run: list[tuple[int, list[Char]]] = []
        for k, seg in [*starts, (-1, [])]:
            if run and seg and tops[k] - tops[run[-1][0]] <= reach and _fills(run[-1][1], widest, size):
                run.append((k, seg))
                continue
            if len(run) >= 2:
                _join_run([j for j, _ in run], rows, lines, tops, owner, is_data, size)
            run = [(k, seg)] if seg else []


def _columns(cells: list[list[list[Char]]], size: float) -> list[list[tuple[int, list[Char]]]]:
    """The cells of text by left edge (within a third of a glyph), each column top to bottom:
    (line index, cell)."""
    out: list[list[tuple[int, list[Char]]]] = []
    edges: list[float] = []
    for k, line_cells in enumerate(cells):
        for seg in line_cells:
            x0 = seg[0]["x0"]
            j = next((j for j, e in enumerate(edges) if abs(e - x0) <= 0.3 * size), None)
            if j is None:
                edges.append(x0)
                out.append([(k, seg)])
            else:
                out[j].append((k, seg))
    return [col for col in out if len(col) >= 2]


def _fills(seg: list[Char], widest: float, size: float) -> bool:
    return seg[-1]["x1"] >= widest - FILLED * size and len(seg) >= 2


def _join_run(
    run: list[int],
    rows: list[Row],
    lines: list[list[Char]],
    tops: list[float],
    owner: list[int | None],
    is_data: list[bool],
    size: float,
) -> None:
    first, last = run[0], run[-1]
    top, bottom = tops[first], bbox_of(lines[last])[3]
    inside = [k for k in range(len(lines)) if is_data[k] and top - 0.2 * size <= tops[k] <= tops[last] + 0.2 * size]
    targets = {owner[k] for k in inside}
    if len(targets) != 1:
        return
    target = targets.pop()
    if target is None:
        return
    figures = rows[target].lines[0]
    _, ftop, _, fbottom = bbox_of(figures)
    if abs((top + bottom) / 2 - (ftop + fbottom) / 2) > CENTRED * size:
        return
    for k in run:
        own = owner[k]
        if own is None or own == target:
            continue
        if rows[own].data:
            return  # a line of another row with figures: no cell of this row alone
    for k in run:
        own = owner[k]
        if own is None or own == target:
            continue
        rows[own].lines.remove(lines[k])
        rows[target].lines.append(lines[k])
        owner[k] = target
