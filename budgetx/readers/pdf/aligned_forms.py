"""Forms printed without rules: columns of text under a header of labels, no figures.

A performance-target form (绩效目标表) prints label/value fields under its title (项目名称 |
…, 主管部门 | …, a 年度总体目标 wrapped over lines), then a header of short labels (一级指标 |
二级指标 | 三级指标 | 指标值) over rows of text: an indicator and its value ("≥95%", "1套") on
each row, the level names in merged cells printed once, centred on the rows they span. Without
rules nothing of it is a figure, so :mod:`budgetx.readers.pdf.align` finds no table in it.

What makes it a table is the alignment of its text: the header's last column (the values) prints
on every row, so each line printing there is a row (:func:`find` finds the header and the lines
under it); the other lines are the rows' text wrapped, or merged labels, which
:func:`spread_labels` puts on the rows they are centred on, carried down as a ruled grid's merged
cell is. The field lines between the title and the header are rows of label and value
(:func:`field_rows`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from budgetx import patterns
from budgetx.model import Line
from budgetx.normalize import captions
from budgetx.normalize.amounts import is_amount
from budgetx.readers.pdf.aligned_columns import header_words, median_size
from budgetx.readers.pdf.chars import Char, bbox_of, join_wrapped, line_text, segments, size_of
from budgetx.readers.pdf.grids import cell_text

#: a header label is at most this many characters
_LABEL = 12
#: a line of the form is set at most this many glyphs under the line above it
_REACH = 4.0
#: lines set less than this many glyphs apart are one cell's text wrapped
_WRAPPED = 1.35
_SENTENCE = patterns.compile(r"[，。；！？：:]")
#: fewest rows that make a form
_MIN_ROWS = 2


@dataclass
class Form:
    """Where a form prints among a page's lines (indices): its field lines from ``fields``, its
    header lines from ``header`` to ``body`` (the last of them its labels), its rows to ``end``
    (exclusive); ``value_at``: where its last column begins, a cell centred right of it a row's value."""

    fields: int
    header: int
    body: int
    end: int
    value_at: float


def _label_line(cells: list[str]) -> bool:
    """Three short labels at least, no figure, no sentence, no caption: a header of columns (not a
    line of the narrative justified across the page, cut where its brackets open and close)."""
    return len(cells) >= 3 and all(_balanced(t) for t in cells) and _labels_only(cells)


def _labels_only(cells: list[str]) -> bool:
    """Short texts, no figure, no sentence, no caption: the words of a header."""
    return all(
        len(t) <= _LABEL and not _SENTENCE.search(t) and "、" not in t and not any(ch.isdigit() for ch in t)
        for t in cells
    ) and not _caption(" ".join(cells))


def _balanced(text: str) -> bool:
    return text.count("(") + text.count("（") == text.count(")") + text.count("）")


def _across(seg: list[Char], middles: list[float]) -> bool:
    """The run of glyphs prints over the middles of three header labels, or of two as a sentence: a
    line of the page, not a cell of the form (two cells printed close are one run)."""
    over = sum(1 for x in middles if seg[0]["x0"] <= x <= seg[-1]["x1"])
    text = line_text(seg)
    return over >= 3 or (over >= 2 and bool(_SENTENCE.search(text) or "、" in text))


#: the year alone under a title: "(2026年度)", "2026年"
_YEAR = patterns.compile(r"[（(]?\s*\d{4}\s*年度?\s*[)）]?")


def _caption(text: str) -> bool:
    return bool(
        _YEAR.fullmatch(text.strip())
        or captions.is_unit_line(text)
        or captions.label_of(text)
        or captions.split_title(text)
        or text.lstrip().startswith(("注：", "注:", "说明"))
    )


def find(lines: list[list[Char]], segs: list[list[list[Char]]], used: set[int]) -> list[Form]:
    """The forms among the page's lines that no table took (``used``): a header line of labels
    (:func:`_label_line`); the lines under it, each set less than a few glyphs under the one above
    and none a caption, two of them at least printing in the header's last column; the header's
    wrapped words close above it; and above them, up to a caption or a line of a table, the
    form's fields."""
    out: list[Form] = []
    k = 0
    while k < len(lines):
        texts = [line_text(s) for s in segs[k]]
        if k in used or not _label_line(texts):
            k += 1
            continue
        size = median_size([lines[k]])
        value_at = (max(c["x1"] for c in segs[k][-2]) + segs[k][-1][0]["x0"]) / 2
        middles = [(s[0]["x0"] + s[-1]["x1"]) / 2 for s in segs[k]]
        right = segs[k][-1][-1]["x1"] + size
        end, rows = _rows_under(lines, segs, used, k + 1, value_at, right, middles, size)
        labels = {t.replace(" ", "") for t in texts}
        if rows < _MIN_ROWS or any(line_text(s).replace(" ", "") in labels for j in range(k + 1, end) for s in segs[j]):
            k += 1  # too few rows, or a line of level names that its rows print again: no header
            continue
        body = k
        while (
            body + 1 < end
            and bbox_of(lines[body + 1])[1] - bbox_of(lines[body])[3] < 0.5 * size
            and not any(_mid(s) >= value_at for s in segs[body + 1])
            and _labels_only([line_text(s) for s in segs[body + 1]])
        ):
            body += 1  # a header word wrapped over lines under the header's line
        header = k
        while (
            header > 0
            and header - 1 not in used
            and not _caption(line_text(lines[header - 1]))
            and _labels_only([line_text(s) for s in segs[header - 1]])
            and bbox_of(lines[header])[1] - bbox_of(lines[header - 1])[3] < 0.8 * size
        ):
            header -= 1  # a header word wrapped over lines in its narrow column
        fields = header
        while fields > 0 and fields - 1 not in used and not _caption(line_text(lines[fields - 1])):
            fields -= 1
        if fields == 0 or not (fields - 1 in used or captions.split_title(line_text(lines[fields - 1]))):
            fields = header  # fields only under the form's title or its rows read above: else narrative
        out.append(Form(fields, header, body, end, value_at))
        k = end
    return out


def _rows_under(
    lines: list[list[Char]],
    segs: list[list[list[Char]]],
    used: set[int],
    first: int,
    value_at: float,
    right: float,
    middles: list[float],
    size: float,
    cells: int = 2,
) -> tuple[int, int]:
    """(the line after the form's last, the number of its rows) for a form whose rows start at line
    ``first``: each line set less than a few glyphs under the one above, no caption, none printed
    over two of the header's ``middles``; a line of two cells or more, one of them starting between
    ``value_at`` and ``right``, is a row (its value under the header's last label, not right of the
    whole header); with ``cells`` 1, a value printed alone on its line (a name wrapped around it) is
    a row too. A line under the last row that prints no value (the page's foot) is none of it."""
    end, rows = first, 0
    while end < len(lines) and end not in used:
        text = line_text(lines[end])
        if end > 0 and bbox_of(lines[end])[1] - bbox_of(lines[end - 1])[3] > _REACH * size:
            break
        if _caption(text) or any(_across(s, middles) for s in segs[end]):
            break
        if len(segs[end]) >= cells and any(value_at <= _mid(s) <= right for s in segs[end]):
            rows += 1
        end += 1
    while end > max(first, 1) and not any(_mid(s) >= value_at for s in segs[end - 1]):
        if bbox_of(lines[end - 1])[1] - bbox_of(lines[end - 2])[3] <= _WRAPPED * size:
            break
        end -= 1
    return end, rows


@dataclass
class Columns:
    """A form's columns, kept for the page that continues it: the page read, each column's
    x-range, the cuts between them, where its values start."""

    page: int
    columns: list[list[float]]
    cuts: list[float]
    value_at: float


def continued(
    lines: list[list[Char]], segs: list[list[list[Char]]], used: set[int], kept: Columns, page: int
) -> Form | None:
    """The rows of the form read on the page before, continued at the top of ``page`` without its
    header (under its title printed again, perhaps): from the line after the page's last caption
    above the first row, the lines in the form's columns (:func:`_rows_under`), or ``None``."""
    if kept.page != page - 1 or not kept.columns:
        return None
    size = median_size(lines)
    right = kept.columns[-1][1] + size
    start = 0
    for j, ln in enumerate(lines):
        if j in used:
            return None
        if _caption(line_text(ln)):
            start = j + 1
        elif any(kept.value_at <= _mid(s) <= right for s in segs[j]):
            break
    else:
        return None
    middles = [(c0 + c1) / 2 for c0, c1 in kept.columns]
    end, rows = _rows_under(lines, segs, used, start, kept.value_at, right, middles, size, cells=1)
    left = kept.columns[0][0] - size
    inside = all(left <= s[0]["x0"] <= right for j in range(start, end) for s in segs[j])
    if rows < _MIN_ROWS or not inside:
        return None
    return Form(start, start, start - 1, end, kept.value_at)


def field_rows(lines: list[list[Char]], segs: list[list[list[Char]]], page: int) -> list[Line]:
    """The rows of a form's field lines: the lines set less than a wrapped line's pitch apart are one
    row (a value wrapped over lines, its label beside them); a row of one line keeps its cells as
    printed; a row of several lines is its label (the text of its leftmost column, when short) and its
    value (the rest, in reading order)."""
    kept = [(ln, s) for ln, s in zip(lines, segs, strict=True) if s]
    if not kept:
        return []
    size = median_size([ln for ln, _ in kept])
    groups: list[list[tuple[list[Char], list[list[Char]]]]] = []
    for ln, s in kept:
        if groups and bbox_of(ln)[1] - bbox_of(groups[-1][-1][0])[1] < _WRAPPED * size:
            groups[-1].append((ln, s))
        else:
            groups.append([(ln, s)])
    out: list[Line] = []
    for group in groups:
        cells = [s for _, s in group]
        if len(group) == 1:
            texts = [cell_text(seg) for seg in cells[0]]
        else:
            left = min(seg[0]["x0"] for line_cells in cells for seg in line_cells)
            label = [seg for line_cells in cells for seg in line_cells if seg[0]["x0"] - left < 0.5 * size]
            rest = [seg for line_cells in cells for seg in line_cells if seg[0]["x0"] - left >= 0.5 * size]
            label_text = join_wrapped([line_text(seg) for seg in label])
            if rest and len(label_text) <= _LABEL and not _SENTENCE.search(label_text):
                texts = [label_text, join_wrapped([line_text(seg) for seg in rest])]
            else:
                texts = [join_wrapped([line_text(seg) for line_cells in cells for seg in line_cells])]
        chars = [c for ln, _ in group for c in ln if c["text"].strip()]
        out.append(Line(page=page, lineno=None, cells=texts, bbox=bbox_of(chars)))
    return out


def spread_labels(rows: list[tuple[list[list[Char]], bool]]) -> tuple[list[list[list[Char]]], list[tuple[int, ...]]]:
    """A form's rows (each its glyphs by column, and whether it prints a value) with the merged labels
    put where a ruled grid has them: each column that some row printing a value leaves empty, or that a
    line printing no value prints in, holds labels merged down over rows. Its labels (a label's lines
    within a wrapped line's pitch joined; glyphs one a line, the whole column) tile the rows in order,
    each over the run of rows whose middle is nearest its own (:func:`_tile`); a label goes to the
    first row of its run, and is carried down to the others (but an amount). A line printing no value
    that keeps text of its own once the labels are placed is a row of its own; the others are dropped.
    Returns the rows' cells by column, top to bottom, and per row the columns carried down."""
    valued = [buckets for buckets, value in rows if value]
    if len(valued) < _MIN_ROWS or not all(buckets[-1] for buckets in valued):
        return [buckets for buckets, _ in rows], [() for _ in rows]
    width = len(valued[0])
    out = [[list(b) for b in buckets] for buckets in valued]
    carried: list[set[int]] = [set() for _ in valued]
    spare = [[list(b) for b in buckets] for buckets, value in rows if not value]
    placed: dict[int, list[list[Char]]] = {}
    for j in range(width - 1):
        pieces = [b[j] for b in valued if b[j]] + [b[j] for b in spare if b[j]]
        labels = _labels(pieces)
        if not any(b[j] for b in spare) and all(b[j] and len(_labels([b[j]])) == 1 for b in valued):
            continue  # a column of the rows' own text, a cell a row, each where its row is
        if labels and len(labels) <= len(valued):
            placed[j] = labels
    # a row's own text (where its cells print, the labels merged over several rows aside) is as high
    # as the row's cell
    merged = {j for j, labels in placed.items() if len(labels) < len(valued)}
    extents = [bbox_of([c for j, b in enumerate(buckets) if j not in merged for c in b]) for buckets in valued]
    for j, labels in placed.items():
        runs = _tile([_middle(label) for label in labels], [(e[1], e[3]) for e in extents])
        for row in out:
            row[j] = []
        for b in spare:
            b[j] = []
        for label, (first, last) in zip(labels, runs, strict=True):
            out[first][j] = label
            if is_amount(cell_text(label)):
                continue  # an amount is printed once, as a ruled grid reads it
            for r in range(first + 1, last + 1):
                out[r][j] = list(label)
                carried[r].add(j)
    rest = [b for b in spare if any(b)]
    if not rest:
        return out, [tuple(sorted(c)) for c in carried]
    ordered = sorted(
        [(row, tuple(sorted(c))) for row, c in zip(out, carried, strict=True)] + [(b, ()) for b in rest],
        key=lambda rc: min(c["top"] for j, b in enumerate(rc[0]) if j not in rc[1] for c in b),
    )
    return [row for row, _ in ordered], [c for _, c in ordered]


def value_rows(cells: list[list[list[Char]]], value_at: float, pitch: float) -> list[bool]:
    """Which of a form's lines (each its cells) start a row: those printing a cell centred right of
    ``value_at`` (in the values' column), but a line printing nothing else set less than ``pitch``
    under such a line, the value above wrapped in its cell."""
    out: list[bool] = []
    last: float | None = None
    for line in cells:
        values = [s for s in line if _mid(s) >= value_at]
        top = min(c["top"] for s in line for c in s) if line else 0.0
        wrapped = bool(values) and len(values) == len(line) and last is not None and top - last < pitch
        out.append(bool(values) and not wrapped)
        if values:
            last = top
    return out


def _mid(seg: list[Char]) -> float:
    """The middle of a run of glyphs, across: the column a cell centred in it is in."""
    return (seg[0]["x0"] + seg[-1]["x1"]) / 2


def _middle(chars: list[Char]) -> float:
    _, top, _, bottom = bbox_of(chars)
    return (top + bottom) / 2


def _labels(pieces: list[list[Char]]) -> list[list[Char]]:
    """A column's merged labels, top to bottom: its pieces of text, those set less than a wrapped
    line's pitch under the one above joined (a label wrapped in its cell); a column of single glyphs
    one a line (``年`` / ``度`` / ``绩`` / ``效`` …) is one label. A line wider than the one above
    starts a label: a label wraps its text full lines first."""
    chars = sorted((c for p in pieces for c in p), key=lambda c: (c["top"], c["x0"]))
    if not chars:
        return []
    lines: list[list[Char]] = []
    for c in chars:
        if lines and abs(c["top"] - lines[-1][0]["top"]) < 0.5 * size_of(c):
            lines[-1].append(c)
        else:
            lines.append([c])
    if len(lines) > 1 and all(len(ln) == 1 for ln in lines):
        return [chars]
    labels: list[list[list[Char]]] = [[lines[0]]]
    for ln in lines[1:]:
        above = labels[-1][-1]
        size = size_of(ln[0])
        wider = _width(ln) > _width(above) + 1.5 * size
        if ln[0]["top"] - above[0]["top"] < _WRAPPED * size and not wider:
            labels[-1].append(ln)
        else:
            labels.append([ln])
    return [[c for ln in label for c in ln] for label in labels]


def _width(line: list[Char]) -> float:
    return max(c["x1"] for c in line) - min(c["x0"] for c in line)


def _tile(middles: list[float], rows: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """Runs of rows (first, last), one per label in order, covering every row (each its top and
    bottom): the tiling whose runs' middles (from the first row's top to the last row's bottom) are
    nearest the labels' (least squares), a merged cell's text being centred on its rows."""
    m, n = len(middles), len(rows)
    inf = float("inf")
    # best[i][r]: the least cost of the first i labels over the first r rows
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for i in range(1, m + 1):
        for r in range(i, n - (m - i) + 1):
            for s in range(i - 1, r):
                if best[i - 1][s] == inf:
                    continue
                middle = (rows[s][0] + rows[r - 1][1]) / 2
                cost = best[i - 1][s] + (middles[i - 1] - middle) ** 2
                if cost < best[i][r]:
                    best[i][r], back[i][r] = cost, s
    runs: list[tuple[int, int]] = []
    r = n
    for i in range(m, 0, -1):
        s = back[i][r]
        runs.append((s, r - 1))
        r = s
    return runs[::-1]


def columns(head: list[list[Char]], body: list[list[Char]], gap: float) -> tuple[list[list[float]], list[float]]:
    """A form's columns (x-ranges) and the cuts between them: its header words' extents, the words of
    a header wrapped in its narrow column one column, and left of them a column of the body's text
    printed under no header word (the merged label of all the rows, ``年`` / ``度`` / ``绩`` …);
    the cuts where the body prints nothing between two columns (:func:`_cut`). A form's text is
    centred in its cells, wider or narrower than the header over it, so its cells reach to the
    cuts, not the header's extent."""
    ranges = sorted([w[0]["x0"], w[-1]["x1"]] for ln in head for w in header_words(ln, gap) if w)
    cols: list[list[float]] = []
    for x0, x1 in ranges:
        if cols and x0 < cols[-1][1]:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    if not cols:
        return [], []
    left: list[float] = []
    for ln in body:
        for seg in segments([c for c in ln if c["text"].strip()], gap):
            x0, x1 = seg[0]["x0"], seg[-1]["x1"]
            if x1 < cols[0][0]:
                left = [min(left[0], x0), max(left[1], x1)] if left else [x0, x1]
    if left:
        cols.insert(0, left)
    runs = [(seg[0]["x0"], seg[-1]["x1"]) for ln in body for seg in segments([c for c in ln if c["text"].strip()], gap)]
    cuts = [_cut(a, b, runs) for a, b in itertools.pairwise(cols)]
    return cols, cuts


def _cut(a: list[float], b: list[float], runs: list[tuple[float, float]]) -> float:
    """Where the cell of column ``a`` ends and that of ``b`` begins: in the middle of the widest gap
    between their middles where no run of the body's glyphs prints (a column's text wraps left of its
    header, centred over it), else midway between the two headers."""
    lo, hi = (a[0] + a[1]) / 2, (b[0] + b[1]) / 2
    covered = sorted((max(x0, lo), min(x1, hi)) for x0, x1 in runs if x1 > lo and x0 < hi)
    best, width, at = (a[1] + b[0]) / 2, 0.0, lo
    for x0, x1 in [*covered, (hi, hi)]:
        if x0 - at > width:
            best, width = (at + x0) / 2, x0 - at
        at = max(at, x1)
    return best


def assign(lines: list[list[Char]], cuts: list[float], gap: float) -> list[list[Char]]:
    """A row's glyphs by column: each run of glyphs set close together (:func:`_split_at_cuts`) goes to
    the column its middle is in (between the cuts)."""
    buckets: list[list[Char]] = [[] for _ in range(len(cuts) + 1)]
    for ln in lines:
        for run in segments([c for c in ln if c["text"].strip()], gap):
            for seg in _split_at_cuts(run, cuts):
                middle = (seg[0]["x0"] + seg[-1]["x1"]) / 2
                buckets[sum(1 for x in cuts if x < middle)].extend(seg)
    return buckets


def _split_at_cuts(run: list[Char], cuts: list[float]) -> list[list[Char]]:
    """A run of glyphs cut where a space between two of them is near a cut between columns: two cells
    printed closer than a column's gap (a long name beside the level name in the cell left of it)."""
    out = [[run[0]]]
    for a, b in itertools.pairwise(run):
        size = min(size_of(a), size_of(b))
        if b["x0"] - a["x1"] > 0.25 * size and any(a["x1"] - size <= x <= b["x0"] + size for x in cuts):
            out.append([b])
        else:
            out[-1].append(b)
    return out
