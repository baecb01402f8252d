"""Rows of a table printed without rules: a cell's text wrapped over several lines around its figures.

A narrow name column wraps a long name over as many lines as it takes, each line filled to the
cell's width (Chinese text breaks between any two glyphs), the last one shorter, all set at the
same left edge; the row's figures print on the line at the middle of the cell's height. Set at
double line spacing, the wrapped lines are as far apart as the rows are, so their pitch does not
tell them from rows of their own: their width and their centring do (:func:`join_filled_cells`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Protocol

from budgetx import patterns
from budgetx.readers.pdf.chars import Char, bbox_of, line_text

_CJK = patterns.compile(r"[\u4e00-\u9fff]")


class Row(Protocol):
    lines: list[list[Char]]
    data: bool


#: a line ends this many glyphs at most short of its column's widest line: it fills its cell
FILLED = 1.5
#: a wrapped cell is centred on its row's figures within this many glyphs
CENTRED = 0.6
#: the lines of a cell are set evenly: one under the other at the same pitch within this many glyphs
EVEN = 0.2


def join_filled_cells(
    rows: Sequence[Row],
    lines: list[list[Char]],
    cells: list[list[list[Char]]],
    owner: list[int | None],
    is_data: list[bool],
    size: float,
    new_item: Callable[[list[Char], list[Char]], bool] = lambda line, above: False,
) -> None:
    """Rows take the lines of a cell wrapped over several lines around their figures: in a column of
    text (cells starting at one left edge), a run of cells each filling the column's width but the
    last, each the next one of the column under the one before (nearer than the rows with figures are
    apart, a tenth more at most, and at the same pitch), whose height is centred on the line of the
    one row with figures printed within it; a cell that starts the next numbered item (``new_item``)
    starts no line of the run. The run's lines that are rows without figures become
    that row's (in place), when each of their cells is of such a run centred on that row."""
    tops = [bbox_of(ln)[1] if ln else 0.0 for ln in lines]
    data_tops = sorted(t for t, d in zip(tops, is_data, strict=True) if d)
    pitches = [b - a for a, b in itertools.pairwise(data_tops) if b - a >= size]
    if not pitches:
        return
    reach = 1.1 * min(pitches)
    found = [(k, seg) for k, line_cells in enumerate(cells) for seg in line_cells]
    taken: dict[int, int] = {}  # a cell of a run (its first glyph's id) → the row it is centred on
    runs: list[tuple[int, list[int]]] = []
    for n, (k, seg) in enumerate(found):
        if id(seg[0]) in taken:
            continue
        run = [(k, seg)]
        while _fills(run[-1][1], found, size):
            nxt = _next_in_cell(run[-1], found[n + 1 :], size)
            if nxt is None or tops[nxt[0]] - tops[run[-1][0]] > reach or new_item(lines[nxt[0]], lines[run[-1][0]]):
                break
            run.append(nxt)
        for end in range(len(run), 1, -1):
            target = _centred_on(run[:end], rows, lines, tops, owner, is_data, size)
            if target is not None:
                taken.update((id(s[0]), target) for _, s in run[:end])
                runs.append((target, [j for j, _ in run[:end]]))
                break
    for target, ks in runs:
        # a line with cells of other rows (cells of two columns wrapped at half a line's pitch) stays
        if all(all(taken.get(id(s[0])) == target for s in cells[k]) for k in ks if owner[k] != target):
            for k in ks:
                own = owner[k]
                if own is not None and own != target:
                    rows[own].lines.remove(lines[k])
                    rows[target].lines.append(lines[k])
                    owner[k] = target


def join_wrapped_names(
    rows: Sequence[Row],
    lines: list[list[Char]],
    cells: list[list[list[Char]]],
    owner: list[int | None],
    size: float,
) -> None:
    """A row without figures of one line is the rest of the name above it, wrapped in its cell:
    its cell is the next of its column under a cell filling the column's width, set closer under
    it than the rows are set apart (the most common distance between one line and the next, less
    a sixth of a glyph at least). Its line joins the row of the line above (in place)."""
    tops = [bbox_of(ln)[1] if ln else 0.0 for ln in lines]
    steps = [b - a for a, b in itertools.pairwise(tops) if b - a >= size]
    if not steps:
        return
    pitch = max(steps, key=lambda s: (sum(abs(t - s) <= 0.2 * size for t in steps), s))
    found = [(k, seg) for k, line_cells in enumerate(cells) for seg in line_cells]
    for n, (k, seg) in enumerate(found):
        if not _fills(seg, found, size):
            continue
        nxt = _next_in_cell((k, seg), found[n + 1 :], size)
        if nxt is None:
            continue
        m = nxt[0]
        own, above = owner[m], owner[k]
        if own is None or above is None or own == above or rows[own].data or len(rows[own].lines) != 1:
            continue
        if len(cells[m]) != 1 or not size <= tops[m] - tops[k] < pitch - 0.15 * size:
            continue
        rows[own].lines.remove(lines[m])
        rows[above].lines.append(lines[m])
        owner[m] = above


#: how far the first line of a cell may be indented from the lines wrapped under it, in glyphs
INDENT = 3.0


def _next_in_cell(
    cell: tuple[int, list[Char]], after: list[tuple[int, list[Char]]], size: float
) -> tuple[int, list[Char]] | None:
    """The cell printed next under ``cell`` in its column, on a later line: over it, starting no
    further right than it does, nor further left than a first line's indent."""
    k, seg = cell
    x0, x1 = seg[0]["x0"], seg[-1]["x1"]
    for j, other in after:
        if j <= k:
            continue
        o0, o1 = other[0]["x0"], other[-1]["x1"]
        if min(x1, o1) - max(x0, o0) <= 0:
            continue
        if x0 - INDENT * size <= o0 <= x0 + 0.3 * size:
            return j, other
        return None
    return None


def _fills(seg: list[Char], found: list[tuple[int, list[Char]]], size: float) -> bool:
    """The cell ends less than :data:`FILLED` glyphs short of the widest cell of its column (those
    over it starting within a first line's indent of it)."""
    x0, x1 = seg[0]["x0"], seg[-1]["x1"]
    widest = max(
        (
            o[-1]["x1"]
            for _, o in found
            if abs(o[0]["x0"] - x0) <= INDENT * size and min(x1, o[-1]["x1"]) - max(x0, o[0]["x0"]) > 0
        ),
        default=None,
    )
    # no cell of its column to measure it by (a cell of no width, its last glyph left of its first)
    return widest is not None and len(seg) >= 2 and x1 >= widest - FILLED * size


def _centred_on(
    cells: list[tuple[int, list[Char]]],
    rows: Sequence[Row],
    lines: list[list[Char]],
    tops: list[float],
    owner: list[int | None],
    is_data: list[bool],
    size: float,
) -> int | None:
    """The one row with figures printed within the height of the run of cells and centred in it,
    the run's lines set evenly, no two of its cells printing the same text, and none of its lines
    of another row with figures; else ``None``."""
    run = [k for k, _ in cells]
    first, last = run[0], run[-1]
    steps = [tops[b] - tops[a] for a, b in itertools.pairwise(run)]
    if max(steps) - min(steps) > EVEN * size:
        return None  # lines set unevenly: rows, not the lines of one cell
    texts = [line_text(seg) for _, seg in cells]
    if len(set(texts)) < len(texts):
        return None  # the same text twice: rows named alike, not the parts of one name
    top, bottom = tops[first], bbox_of(lines[last])[3]
    inside = [k for k in range(len(lines)) if is_data[k] and top - 0.2 * size <= tops[k] <= tops[last] + 0.2 * size]
    targets = {owner[k] for k in inside}
    if len(targets) != 1:
        return None
    target = targets.pop()
    if target is None:
        return None
    figures = rows[target].lines[0]
    _, ftop, _, fbottom = bbox_of(figures)
    if abs((top + bottom) / 2 - (ftop + fbottom) / 2) > CENTRED * size:
        return None
    for k in run:
        own = owner[k]
        if own is not None and own != target and rows[own].data:
            return None  # a line of another row with figures: no cell of this row alone
    return target


#: a label merged over several rows is centred on their height within this many glyphs
LABEL_CENTRED = 0.5


def merged_labels(rows: list[list[list[Char]]], size: float) -> tuple[dict[int, dict[int, list[Char]]], set[int]]:
    """Labels printed once for several rows, as a ruled grid prints a cell merged down over them
    (``一般公共预算资金`` beside ``小计`` / ``公共财政拨款`` / ``专项收入``, vertically centred):
    ``rows`` are the body's rows, each its glyphs by column. A column of text whose cells are empty
    on some rows is tiled, top to bottom, into runs of rows, each with one label in that column (on a
    line of its own between two rows, or on the line of a row named in another column: a row named
    only there is a row of its own) centred on the run's height, the run's rows named in one other
    column; every row of the block in one run
    (but rows above the first label, empty in the column), one run at least of two rows. Returns, per row of a run, the label's glyphs
    by column (each of the run's rows has it; the first as printed, the others carried down, as a
    ruled grid gives a merged cell), and the rows that are a label alone (no row of their own)."""
    labels: dict[int, dict[int, list[Char]]] = {}
    alone: set[int] = set()
    width = max((len(r) for r in rows), default=0)
    for j in range(width):
        tiling = _tile(rows, j, size)
        if tiling is None:
            continue
        for label, members in tiling:
            for m in members:
                labels.setdefault(m, {})[j] = rows[label][j]
            if label not in members:
                alone.add(label)
    return labels, alone


def _tile(rows: list[list[list[Char]]], j: int, size: float) -> list[tuple[int, list[int]]] | None:
    """Runs of rows (the row of the label in column ``j``, the rows it labels) covering every row
    but those above the first label, each label centred on its rows (:func:`merged_labels`), or
    ``None``."""
    n = len(rows)
    if n < 3 or all(r[j] for r in rows) or not any(r[j] for r in rows):
        return None
    if not all(_CJK.search(line_text(r[j])) for r in rows if r[j]):
        return None  # a column of figures, or of codes
    only = [bool(r[j]) and not any(c for i, c in enumerate(r) if i != j) for r in rows]
    named = [any(_CJK.search(line_text(c)) for i, c in enumerate(r) if i != j and c) for r in rows]
    # best[i]: a tiling of rows[:i], or None
    best: list[list[tuple[int, list[int]]] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):  # rows above the first label, none in the column (a total over both): no run's
        if rows[i][j]:
            break
        best[i + 1] = []
    for i in range(n):
        tiled = best[i]
        if tiled is None:
            continue
        for end in range(i + 1, n + 1):
            run = list(range(i, end))
            marked = [k for k in run if rows[k][j]]
            if len(marked) > 1:
                break
            if len(marked) != 1:
                continue
            label = marked[0]
            members = [k for k in run if not only[k]]
            if not members or (members != [label] and not (only[label] or named[label])):
                continue  # a row whose only text is in the column: its own name, no label of others
            if not _centred(rows, label, members, j, size) or not _named_alike(rows, members, j):
                continue
            if best[end] is None:
                best[end] = [*tiled, (label, members)]
    tiling = best[n]
    if tiling is None or not any(len(members) > 1 for _, members in tiling):
        return None
    return tiling


def _named_alike(rows: list[list[list[Char]]], members: list[int], j: int) -> bool:
    """The rows all print text in one column beside ``j`` (the names the label groups)."""
    if len(members) < 2:
        return True
    width = min(len(rows[k]) for k in members)
    return any(i != j and all(rows[k][i] and _CJK.search(line_text(rows[k][i])) for k in members) for i in range(width))


def _centred(rows: list[list[list[Char]]], label: int, members: list[int], j: int, size: float) -> bool:
    """The label's glyphs are centred on the members' height (their glyphs, the label's aside)."""
    if members == [label]:
        return True
    chars = [c for k in members for i, cell in enumerate(rows[k]) if i != j or k != label for c in cell]
    if not chars:
        return False
    _, top, _, bottom = bbox_of(chars)
    _, ltop, _, lbottom = bbox_of(rows[label][j])
    if not top < ltop or not lbottom < bottom:
        return False
    return abs((top + bottom) / 2 - (ltop + lbottom) / 2) <= LABEL_CENTRED * size
