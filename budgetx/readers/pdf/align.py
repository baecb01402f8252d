"""Tables without rules, read from the alignment of their text.

A page without ruled grids may still print a table: its rows are printed lines
cut into segments by wide gaps, at least one segment a figure or a subject
code.  Consecutive such lines (with the header lines just above them) form a
block; the block's columns are the x-ranges where its segments overlap, and
each segment goes to the column it overlaps most.  A line of one short
segment inside a block is a wrapped name, joined to the row above.
"""

from __future__ import annotations

import itertools
import re

from budgetx.model import Line
from budgetx.normalize.amounts import is_amount, is_nothing
from budgetx.normalize.codes import is_code
from budgetx.readers.pdf.chars import Char, bbox_of, join_wrapped, line_text, segments, size_of

#: a gap wider than this many glyphs separates two cells of a line
GAP = 0.8
_PROSE = re.compile(r"[，。；！？]|^\s*(万\s*元|元|%|％)|[%％]\s*$")
#: fewest data lines that make a table
MIN_ROWS = 2


def _cells(line: list[Char]) -> list[list[Char]]:
    return [s for s in segments([c for c in line if c["text"].strip()], GAP) if s]


def _is_figure(text: str) -> bool:
    """An amount with decimals or thousands ("426.37", "1,200"), a subject code, or a dash."""
    t = text.replace(" ", "")
    return (is_amount(t) and ("." in t or "," in t)) or is_nothing(t) or is_code(t)


def _is_data(segs: list[list[Char]]) -> bool:
    if len(segs) < 2:
        return False
    texts = [line_text(s) for s in segs]
    if any(len(t) > 40 or _PROSE.search(t) for t in texts):
        return False  # prose with gaps (underlined blanks, justified text)
    return any(_is_figure(t) for t in texts)


def tables(text_lines: list[list[Char]], page: int) -> tuple[list[list[Line]], set[int]]:
    """The blocks of grid rows read from aligned text, and the indices of the text lines they use."""
    segs = [_cells(ln) for ln in text_lines]
    data = [_is_data(s) for s in segs]
    out: list[list[Line]] = []
    used: set[int] = set()
    k = 0
    n = len(text_lines)
    while k < n:
        if not data[k]:
            k += 1
            continue
        end = k
        while end + 1 < n and (data[end + 1] or _continues(segs, text_lines, end + 1)):
            end += 1
        while end > k and not data[end]:
            end -= 1
        if sum(data[k : end + 1]) < MIN_ROWS:
            k = end + 1
            continue
        start = k
        # header lines just above: several segments, no figures, close to the block
        while start > 0 and len(segs[start - 1]) >= 2 and not data[start - 1] and _close(text_lines, start - 1, start):
            start -= 1
        out.append(_block(text_lines[start : end + 1], segs[start : end + 1], page))
        used.update(range(start, end + 1))
        k = end + 1
    return out, used


def _close(lines: list[list[Char]], a: int, b: int) -> bool:
    ba, bb = bbox_of(lines[a]), bbox_of(lines[b])
    return bb[1] - ba[3] < 1.5 * (ba[3] - ba[1])


def _continues(segs: list[list[list[Char]]], lines: list[list[Char]], k: int) -> bool:
    """A wrapped name inside a block: one short segment, close to the line above, followed by data."""
    return (
        len(segs[k]) == 1
        and len(line_text(segs[k][0])) <= 20
        and _close(lines, k - 1, k)
        and k + 1 < len(lines)
        and _close(lines, k, k + 1)
    )


def _block(lines: list[list[Char]], segs: list[list[list[Char]]], page: int) -> list[Line]:
    """The block's rows: columns where no data line prints, wrapped lines joined to their row."""
    data_chars = [c for ln, row in zip(lines, segs, strict=True) if _is_data(row) for c in ln if c["text"].strip()]
    columns = _columns(data_chars)
    tops = [bbox_of(ln)[1] for ln in lines]
    pitches = sorted(b - a for a, b in itertools.pairwise(tops))
    pitch = pitches[len(pitches) // 2] if pitches else 0.0
    rows: list[Line] = []
    parts: list[list[list[str]]] = []
    prev_top = None
    for ln, top in zip(lines, tops, strict=True):
        by_col: dict[int, list[Char]] = {}
        visible = [c for c in ln if c["text"].strip()]
        if any(_is_figure(line_text(sg)) for sg in segments(visible, GAP)):
            units = [[c] for c in visible]  # a data line: each glyph to its column
        else:
            units = segments(visible, 0.3)  # a header line: each word to the column under its middle
        for u in units:
            mid = (u[0]["x0"] + u[-1]["x1"]) / 2
            by_col.setdefault(_column(columns, mid, mid), []).extend(u)
        texts = [line_text(by_col[j]) if j in by_col else "" for j in range(len(columns))]
        wrapped = (
            rows
            and prev_top is not None
            and top - prev_top < 0.75 * pitch
            and not any(_is_figure(t) for t in texts if t)
        )
        prev_top = top
        if wrapped:
            for j, t in enumerate(texts):
                if t:
                    parts[-1][j].append(t)
            box = rows[-1].bbox
            assert box is not None
            lb = bbox_of(ln)
            rows[-1].bbox = (min(box[0], lb[0]), box[1], max(box[2], lb[2]), lb[3])
            continue
        parts.append([[t] if t else [] for t in texts])
        rows.append(Line(page=page, lineno=None, cells=texts, bbox=bbox_of(ln)))
    for row, cell_parts in zip(rows, parts, strict=True):
        row.cells = [join_wrapped(p) for p in cell_parts]
    return rows


def _columns(chars: list[Char]) -> list[list[float]]:
    """x-ranges printed by the data lines, split where no line prints for more than half a glyph."""
    spans = sorted((c["x0"], c["x1"], size_of(c)) for c in chars)
    columns: list[list[float]] = []
    for x0, x1, size in spans:
        if columns and x0 <= columns[-1][1] + 0.6 * size:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return columns


def _column(columns: list[list[float]], x0: float, x1: float) -> int:
    """The column a glyph overlaps most (or is nearest to)."""
    best, overlap = 0, -1e9
    for j, (c0, c1) in enumerate(columns):
        o = min(x1, c1) - max(x0, c0)  # negative: the distance to the column
        if o > overlap:
            best, overlap = j, o
    return best
