"""The header of a table printed without rules: its words → header cells → header rows.

Header text is centred in its cell.  A word of a header line is a cell over the columns it is
centred on: its own column, or a run of columns (a group header, 收入 over 项目 | 决算数) when it is
centred over the run and every column of the run names itself below it.  The lines of a cell
wrapped in a narrow column ("一般公共预算财" over "政拨款") have the same columns: they are one cell.
Lines wrapped one glyph a line ("小" over "计") are one word before any column is known
(:func:`_stacks`), and a two-glyph group header spread across its cell ("收          入") is one word
however wide (:func:`_spread_pairs`).
A cell's level is the number of group headers above it; the header rows are the levels, each cell
in the first column it spans, the way a ruled grid prints its merged cells.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from budgetx.readers.pdf.aligned_columns import FIGURE_CHARS, LETTER_SPACING, cell_bounds, header_words, median_size
from budgetx.readers.pdf.chars import Char, size_of


@dataclass
class _Word:
    chars: list[Char]
    x0: float
    x1: float
    top: float
    bottom: float
    base: tuple[int, int] = (0, 0)
    span: tuple[int, int] = (0, 0)


@dataclass
class _Cell:
    span: tuple[int, int]
    top: float
    bottom: float
    chars: list[Char] = field(default_factory=list)
    level: int = 0
    last_top: float = 0.0

    @property
    def width(self) -> float:
        return max(c["x1"] for c in self.chars) - min(c["x0"] for c in self.chars)

    @property
    def mid(self) -> float:
        return (min(c["x0"] for c in self.chars) + max(c["x1"] for c in self.chars)) / 2


def header_rows(
    lines: list[list[Char]], columns: list[list[float]], cuts: list[float], gap: float
) -> list[list[list[Char]]]:
    """The header rows: per row, per column, the chars of the cell printed there (empty: none).
    ``cuts`` are where each column's cell ends and the next begins
    (:func:`budgetx.readers.pdf.aligned_columns.column_cuts`)."""
    words = [_word(seg) for k, ln in enumerate(lines) for seg in header_words(ln, gap, columns, lines[:k]) if seg]
    if not words or not columns:
        return []
    size = sorted(size_of(c) for w in words for c in w.chars)[len([c for w in words for c in w.chars]) // 2]
    words = _spread_pairs(_letter_spaced_groups(_stacks(words, size), size), size)
    bounds = cell_bounds(columns, cuts, size)
    for w in words:
        w.base = _base(w, columns, bounds, size)
    bounds = _last_cell(words, bounds)
    for w in words:
        w.span = _span(w, words, bounds, size)
    _over_unnamed(words, bounds, size)
    _tile(words, len(columns), size)
    _centred_split(words, bounds, size)
    cells = _cells(words, bounds, size)
    _levels(cells)
    depth = max(c.level for c in cells) + 1
    rows: list[list[list[Char]]] = [[[] for _ in columns] for _ in range(depth)]
    for c in cells:
        rows[c.level][c.span[0]].extend(c.chars)
    return rows


def _letter_spaced_groups(words: list[_Word], size: float) -> list[_Word]:
    """Single glyphs side by side on one line, at most :data:`LETTER_SPACING` glyphs apart, each with
    headers printed under it, are one word: a group header letter-spaced (``支  出`` over 项目 |
    预算数), though its glyphs print over different columns (the headers of narrow code columns,
    类 | 款, have nothing under them)."""
    out: list[_Word] = []
    for w in sorted(words, key=lambda w: (round(w.top / (0.5 * size)), w.x0)):
        prev = out[-1] if out else None
        if (
            prev is not None
            and _glyph(w)
            and all(_glyph_word(c) for c in prev.chars)
            and abs(w.top - prev.top) < 0.3 * size
            and 0 < w.x0 - prev.x1 <= LETTER_SPACING * size
            and _has_below(w, words, size)
            and _has_below(prev, words, size)
        ):
            prev.chars.extend(w.chars)
            prev.x1, prev.bottom = w.x1, max(prev.bottom, w.bottom)
            continue
        out.append(w)
    kept = {id(w) for w in out}
    return [w for w in words if id(w) in kept]


def _glyph(w: _Word) -> bool:
    return len(w.chars) == 1 and _glyph_word(w.chars[0])


def _glyph_word(c: Char) -> bool:
    return "\u4e00" <= c["text"] <= "\u9fff"


def _has_below(w: _Word, words: list[_Word], size: float) -> bool:
    return any(v.top > w.bottom - 0.2 * size and min(v.x1, w.x1 + size) - max(v.x0, w.x0 - size) > 0 for v in words)


def _word(chars: list[Char]) -> _Word:
    return _Word(
        chars,
        chars[0]["x0"],
        max(c["x1"] for c in chars),
        min(c["top"] for c in chars),
        max(c["bottom"] for c in chars),
    )


def _base(w: _Word, columns: list[list[float]], bounds: list[tuple[float, float]], size: float) -> tuple[int, int]:
    """The columns the word prints over: over their text, else more than a third of a glyph into
    their cells."""
    over = [j for j, (lo, hi) in enumerate(columns) if min(w.x1, hi) - max(w.x0, lo) > 0.3 * size]
    if not over:
        over = [j for j, (lo, hi) in enumerate(bounds) if min(w.x1, hi) - max(w.x0, lo) > 0.3 * size]
    if not over:
        mid = (w.x0 + w.x1) / 2
        j = min(range(len(bounds)), key=lambda j: abs((bounds[j][0] + bounds[j][1]) / 2 - mid))
        return (j, j)
    return (over[0], over[-1])


def _span(w: _Word, words: list[_Word], bounds: list[tuple[float, float]], size: float) -> tuple[int, int]:
    """The run of columns the word heads: the narrowest run around the columns it prints over that
    is centred on it, whose every column is named below it and prints nothing beside it, that cuts
    no word below in two, and no wider than the word's own width allows when the word wraps onto
    the next line (a header wrapped after three glyphs heads a narrow column); centred on it more
    closely than on its own columns by a glyph, or four times as closely when not within a glyph
    on its own."""
    below = [v for v in words if v.top > w.bottom - 0.2 * size]
    named: set[int] = set()
    for v in below:
        named.update(range(v.base[0], v.base[1] + 1))
    beside: set[int] = set()
    for v in words:
        if v is not w and v.top < w.bottom - 0.2 * size and v.bottom > w.top + 0.2 * size:
            beside.update(range(v.base[0], v.base[1] + 1))
    mid = (w.x0 + w.x1) / 2
    wraps = any(
        -0.3 * size <= v.top - w.bottom < 0.45 * size and abs((v.x0 + v.x1) / 2 - mid) < 0.6 * size for v in below
    )
    a0, b0 = w.base
    base_score = abs(mid - (bounds[a0][0] + bounds[b0][1]) / 2)
    if w.x1 - w.x0 > _width(w.base, bounds):
        base_score = float("inf")  # wider than the cells it prints over: it spans more
    if any(v.base[0] < a0 <= v.base[1] or v.base[0] <= b0 < v.base[1] for v in below):
        base_score = float("inf")  # a group below it prints over more than its columns: it spans more
    candidates: list[tuple[float, float, tuple[int, int]]] = []
    for a in range(a0, -1, -1):
        if a < a0 and (a not in named or a in beside):
            break
        for b in range(b0, len(bounds)):
            if b > b0 and (b not in named or b in beside):
                break
            if (a, b) == (a0, b0) or not all(j in named for j in range(a, b + 1)):
                continue
            width = _width((a, b), bounds)
            if wraps and width > w.x1 - w.x0 + 5 * size:
                continue
            if any(v.base[0] < a <= v.base[1] or v.base[0] <= b < v.base[1] for v in below):
                continue  # a word below straddles the run's edge
            s = abs(mid - (bounds[a][0] + bounds[b][1]) / 2)
            closer = s < base_score - size or size < base_score > 4 * s
            if closer and s < max(1.5 * size, 0.1 * width):
                candidates.append((width, s, (a, b)))
    if not candidates and a0 == b0 and not wraps and any(v.base == (a0, a0) for v in below):
        # centred over its own column and with a header under it there: a group over columns on
        # both sides of it as well, the run it is best centred on among the columns named below (as
        # closely as a run is centred above, the cells' edges being only as sure as the text shows),
        # in the rows under it (not centred in the whole header's height), printing nothing beside
        # it, with no word below straddling the run's edges
        band = (w.bottom + max(v.bottom for v in words)) / 2
        whole = (min(v.top for v in words) + max(v.bottom for v in words)) / 2

        def joins(j: int) -> bool:
            return j in named and j not in beside and _under(words, w, j, band, whole, size)

        lo, hi = a0, b0
        while lo > 0 and joins(lo - 1):
            lo -= 1
        while hi + 1 < len(bounds) and joins(hi + 1):
            hi += 1
        runs = [
            (abs(mid - (bounds[a][0] + bounds[b][1]) / 2), (a, b))
            for a in range(lo, a0 + 1)
            for b in range(b0, hi + 1)
            if (a, b) != (a0, b0) and not any(v.base[0] < a <= v.base[1] or v.base[0] <= b < v.base[1] for v in below)
        ]
        runs = [(s, run) for s, run in runs if s < max(1.5 * size, 0.1 * _width(run, bounds))]
        if runs:
            return min(runs)[1]
    if not candidates:
        return (a0, b0)
    best = min(s for _, s, _ in candidates)
    return min(c for c in candidates if c[1] <= best + 0.5 * size)[2]


def _tile(words: list[_Word], n: int, size: float) -> None:
    """Group headers side by side on one line (收入 | 支出) head adjoining runs of columns: a column
    left between two of them belongs to the right one (its centre is the less sure, the table's
    right edge being unknown); the outer ones reach on over the columns beyond them whose header
    is centred in the rows under the group, not in the whole header's height."""
    top = min(w.top for w in words)
    bottom = max(w.bottom for w in words)
    groups = sorted((w for w in words if w.span[1] > w.span[0]), key=lambda w: w.x0)
    whole = (top + bottom) / 2
    for left, right in _side_by_side(groups, size):
        if abs(left.top - right.top) > 0.5 * size or left.span[1] + 1 >= right.span[0]:
            continue
        band = (right.bottom + bottom) / 2
        a = right.span[0]
        while (
            a - 1 > left.span[1] and _under(words, right, a - 1, band, whole, size) and not _straddled(words, right, a)
        ):
            a -= 1
        right.span = (a, right.span[1])
    for g in groups:
        line = [v for v in groups if abs(v.top - g.top) <= 0.5 * size]
        band = (g.bottom + bottom) / 2
        a, b = g.span
        others = {
            j
            for v in groups
            if v is not g and v.top < g.bottom - 0.2 * size and not _contains(v.span, g.span)
            for j in range(v.span[0], v.span[1] + 1)
        }
        if g is max(line, key=lambda v: v.x0):
            while (
                b + 1 < n
                and b + 1 not in others
                and _under(words, g, b + 1, band, whole, size)
                and not _straddled(words, g, b + 1, True)
            ):
                b += 1
        if g is min(line, key=lambda v: v.x0):
            while (
                a > 0
                and a - 1 not in others
                and _under(words, g, a - 1, band, whole, size)
                and not _straddled(words, g, a)
            ):
                a -= 1
        g.span = (a, b)


def _contains(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _under(words: list[_Word], g: _Word, j: int, band: float, whole: float, size: float) -> bool:
    """Column ``j``'s header is printed under the group ``g``: centred no higher than the headers
    printed under it over its own columns, and in the rows under it, not in the whole header's height."""
    stack = [v for v in words if v.base[0] <= j <= v.base[1] and v is not g and not _above_over(v, g, size)]
    if not stack or any(v.top < g.bottom - 0.2 * size for v in stack):
        return False
    middle = (min(v.top for v in stack) + max(v.bottom for v in stack)) / 2
    below = [v for v in words if v.top > g.bottom - 0.2 * size]
    middles = [_middle([v for v in below if v.base[0] <= k <= v.base[1]]) for k in range(g.base[0], g.base[1] + 1)]
    own = [m for m in middles if m is not None]
    if own and middle < min(own) - 0.5 * size:
        return False  # centred higher than the headers under the group: a cell of the whole header's height
    return abs(middle - band) < abs(middle - whole)


def _middle(stack: list[_Word]) -> float | None:
    return (min(v.top for v in stack) + max(v.bottom for v in stack)) / 2 if stack else None


def _straddled(words: list[_Word], g: _Word, edge: int, right: bool = False) -> bool:
    """A word under ``g`` prints over both sides of the edge before column ``edge`` (after it, ``right``)."""
    if right:
        return any(v.top > g.bottom - 0.2 * size_of(v.chars[0]) and v.base[0] <= edge - 1 < v.base[1] for v in words)
    return any(v.top > g.bottom - 0.2 * size_of(v.chars[0]) and v.base[0] < edge <= v.base[1] for v in words)


def _cells(words: list[_Word], bounds: list[tuple[float, float]], size: float) -> list[_Cell]:
    """Words are one cell when they have the same columns and are printed on one line (letter-spaced
    words) or one right under the other (a header wrapped in its cell); a word printed right under a
    cell that fills its columns' width, centred under it and alone under it on its line, is the next
    line of that cell (a group header wrapped over narrow columns)."""
    cells: list[_Cell] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        mid = (w.x0 + w.x1) / 2
        for c in cells:
            if (
                c.span != w.span
                and c.span[0] <= w.base[0]
                and w.base[1] <= c.span[1]
                and 0 <= w.top - c.bottom < 0.45 * size
                and abs(mid - c.mid) < 0.6 * size
                and c.width >= _width(c.span, bounds) - 5 * size
                and not any(
                    v is not w and abs(v.top - w.top) < 0.5 * size and c.span[0] <= v.base[0] <= c.span[1]
                    for v in words
                )
            ):
                w.span = c.span
                break
        for c in cells:
            if c.span != w.span:
                continue
            same_line = abs(w.top - c.last_top) < 0.5 * size
            wrapped = -0.5 * size < w.top - c.bottom < 0.7 * size and c.width >= _width(c.span, bounds) - 5 * size
            if same_line or wrapped:
                c.chars.extend(w.chars)
                c.bottom = max(c.bottom, w.bottom)
                c.last_top = w.top
                break
        else:
            cells.append(_Cell(w.span, w.top, w.bottom, list(w.chars), last_top=w.top))
    return cells


def _width(span: tuple[int, int], bounds: list[tuple[float, float]]) -> float:
    return bounds[span[1]][1] - bounds[span[0]][0]


def _levels(cells: list[_Cell]) -> None:
    """A cell's level: one more than the group header above it that spans its columns (and more, or
    the same columns printed wholly above it)."""
    for c in sorted(cells, key=lambda c: c.top):
        parents = [
            d.level
            for d in cells
            if d is not c
            and d.top < c.top
            and d.span[0] <= c.span[0]
            and c.span[1] <= d.span[1]
            and (d.span != c.span or d.bottom <= c.top)
        ]
        c.level = max(parents) + 1 if parents else 0


#: most space between two lines of a header wrapped in its cell, in glyphs
STACK_GAP = 0.8


def _stacks(words: list[_Word], size: float) -> list[_Word]:
    """Words printed one under the other, each less than :data:`STACK_GAP` glyphs under the one above
    and centred under it (or starting at its left edge), alone on its line under it and a glyph
    either side, not the middle one of the headers under a group header (:func:`_over_siblings`): one word, a header wrapped line by line in a narrow cell (``部门`` / ``（单`` /
    ``位）代`` / ``码``, ``小`` / ``计``), a cell of its own before its columns are known. A figure
    (an amount printed under its header) is no line of a header."""
    out: list[_Word] = []
    last: dict[int, _Word] = {}  # id of a stack → its lowest line
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        mid = (w.x0 + w.x1) / 2
        hit = None
        for s in out:
            p = last[id(s)]
            if (
                -0.2 * size <= w.top - p.bottom < STACK_GAP * size
                and not _figure(w)
                and not _figure(p)
                and not _over_siblings(p, w, words, size)
                and (abs(mid - (p.x0 + p.x1) / 2) <= 0.5 * size or abs(w.x0 - p.x0) <= 0.3 * size)
                and not any(
                    v is not w
                    and v is not p
                    and abs(v.top - w.top) < 0.5 * size
                    and min(v.x1, p.x1 + size) - max(v.x0, p.x0 - size) > 0
                    for v in words
                )
            ):
                hit = s
                break
        if hit is None:
            stack = _Word(list(w.chars), w.x0, w.x1, w.top, w.bottom)
            out.append(stack)
            last[id(stack)] = w
            continue
        hit.chars.extend(w.chars)
        hit.x0, hit.x1, hit.bottom = min(hit.x0, w.x0), max(hit.x1, w.x1), max(hit.bottom, w.bottom)
        last[id(hit)] = w
    return out


def _centred_split(words: list[_Word], bounds: list[tuple[float, float]], size: float) -> None:
    """Two headers side by side on one line with headers printed under them, one a group header,
    heading adjoining runs of columns: the runs taken where each is centred over the headers
    printed under it (``编制预算`` over ten narrow columns, centred over two of them as well, beside
    ``上年结转``; ``当年预算`` over its middle column beside ``上年结转结余``; ``本年财政拨款`` beside
    ``财政拨款结转``, each over three columns, the second printed over its middle one), when that is
    closer by more than a glyph and three times closer than as tiled (or, the runs tiled
    overlapping, within three quarters of a glyph together): the edge between them moved, the left
    one's outer edge moved in, the right one's moved in or out over columns named under it and not
    beside it, no word under them straddling an edge."""
    n = len(bounds)
    heads = sorted(
        (w for w in words if w.span[1] > w.span[0] or any(v.top > w.bottom - 0.2 * size for v in _under_own(w, words))),
        key=lambda w: w.x0,
    )

    def off(g: _Word, a: int, b: int) -> float:
        under = [v for v in words if v.top > g.bottom - 0.2 * size and a <= v.base[0] and v.base[1] <= b]
        lo, hi = (min(v.x0 for v in under), max(v.x1 for v in under)) if under else (bounds[a][0], bounds[b][1])
        return abs((g.x0 + g.x1) / 2 - (lo + hi) / 2)

    def centred(g: _Word, a: int, b: int) -> bool:
        return off(g, a, b) <= max(1.5 * size, 0.1 * _width((a, b), bounds))

    for left, right in _side_by_side(heads, size):
        overlap = left.span[1] >= right.span[0]
        if (left.span[1] + 1 != right.span[0] and not overlap) or (
            left.span[0] == left.span[1] and right.span[0] == right.span[1]
        ):
            continue
        named = {j for v in words if v.top > right.bottom - 0.2 * size for j in range(v.base[0], v.base[1] + 1)}
        beside = {
            j
            for v in words
            if v is not right and v.top < right.bottom - 0.2 * size and v.bottom > right.top + 0.2 * size
            for j in range(v.base[0], v.base[1] + 1)
        }
        hi = right.span[1]
        while hi + 1 < n and hi + 1 in named and hi + 1 not in beside:
            hi += 1
        now = off(left, *left.span) + off(right, *right.span)
        best, choice = now, (left.span, right.span)
        for a in range(left.span[0], left.base[0] + 1):
            if a > left.span[0] and _straddled(words, left, a):
                continue
            for m in range(max(a, left.base[1]), right.base[0]):
                if _straddled(words, left, m + 1) or not centred(left, a, m):
                    continue
                for b in range(max(m + 1, right.base[1]), hi + 1):
                    if b > right.span[1] and _straddled(words, right, b, True):
                        continue
                    if centred(right, m + 1, b) and off(left, a, m) + off(right, m + 1, b) < best:
                        best, choice = off(left, a, m) + off(right, m + 1, b), ((a, m), (m + 1, b))
        closer = best < now - size and 3 * best < now
        if closer or (overlap and best <= 0.75 * size and choice != (left.span, right.span)):
            left.span, right.span = choice


def _under_own(w: _Word, words: list[_Word]) -> list[_Word]:
    """The words printed over ``w``'s own columns, ``w`` aside."""
    return [v for v in words if v is not w and v.base[0] <= w.base[1] and w.base[0] <= v.base[1]]


def _above_over(v: _Word, g: _Word, size: float) -> bool:
    """``v`` prints wholly above ``g`` and over all of ``g``'s columns: a group header over it (whose
    columns are no hint of where ``g``'s run ends)."""
    return v.bottom < g.top + 0.2 * size and v.base[0] <= g.base[0] and g.base[1] <= v.base[1]


def _side_by_side(groups: list[_Word], size: float) -> list[tuple[_Word, _Word]]:
    """Pairs of group headers next to each other on one line, left to right (a group of a lower
    line printed between them in x makes them no less neighbours)."""
    out = []
    for k, left in enumerate(groups):
        right = next((g for g in groups[k + 1 :] if abs(g.top - left.top) <= 0.5 * size), None)
        if right is not None:
            out.append((left, right))
    return out


def _figure(w: _Word) -> bool:
    return all(FIGURE_CHARS.fullmatch(c["text"]) for c in w.chars)


def _spread_pairs(words: list[_Word], size: float) -> list[_Word]:
    """A line of single glyphs only, each with headers printed under it, set in pairs (each pair's
    glyphs nearer each other than either is to the next glyph on the line, more than
    :data:`LETTER_SPACING` glyphs apart): each pair one word, a two-glyph group header spread
    across its cell (``收          入`` | ``支          出``), however wide."""
    out = list(words)
    lines: dict[int, list[_Word]] = {}
    for w in words:
        lines.setdefault(round(w.top / (0.5 * size)), []).append(w)
    for line in lines.values():
        line.sort(key=lambda w: w.x0)
        if len(line) < 2 or not all(_glyph(w) and _has_below(w, words, size) for w in line):
            continue
        if any(abs(v.top - line[0].top) < 0.3 * size and all(v is not u for u in line) for v in words):
            continue  # more on the line than single glyphs
        gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(line)]
        k = 0
        while k < len(gaps):
            before = gaps[k - 1] if k else float("inf")
            after = gaps[k + 1] if k + 1 < len(gaps) else float("inf")
            if LETTER_SPACING * size < gaps[k] < min(before, after):
                a, b = line[k], line[k + 1]
                out.remove(b)
                a.chars = a.chars + b.chars
                a.x1, a.bottom = b.x1, max(a.bottom, b.bottom)
                k += 2
                continue
            k += 1
    return out


def _over_siblings(p: _Word, w: _Word, words: list[_Word], size: float) -> bool:
    """``p`` is wider than ``w``, reaches to within two glyphs of the nearest words either side of
    ``w`` on its line (or is twice as wide as ``w``) and is centred over the three: a group header
    over them (``科目编码`` over ``类 | 款 | 项``), not a line wrapped above ``w``."""
    if p.x1 - p.x0 <= w.x1 - w.x0 + size:
        return False
    line = [v for v in words if v is not w and abs(v.top - w.top) < 0.5 * size]
    left = max((v for v in line if v.x1 <= w.x0), key=lambda v: v.x1, default=None)
    right = min((v for v in line if v.x0 >= w.x1), key=lambda v: v.x0, default=None)
    if left is None or right is None:
        return False
    wide = p.x1 - p.x0 >= 2 * (w.x1 - w.x0)  # twice as wide: a group header, however far it reaches
    if not wide and (p.x0 - left.x1 > 2 * size or right.x0 - p.x1 > 2 * size):
        return False
    return abs((left.x0 + right.x1) / 2 - (p.x0 + p.x1) / 2) <= size


def _over_unnamed(words: list[_Word], bounds: list[tuple[float, float]], size: float) -> None:
    """A header word over one column, centred not on that column's cell but on the cells of it and
    of columns beside it over which no header word prints (a header cell merged across them, 项目名称
    over a column of labels merged down over several rows and the column of names beside it),
    heads them all: its span widened to them, its text the first column's, as a ruled grid gives a
    merged cell's."""
    named = {j for w in words for j in range(w.base[0], w.base[1] + 1)}
    for w in words:
        if w.span != w.base or w.span[0] != w.span[1]:
            continue
        mid = (w.x0 + w.x1) / 2
        j = w.span[0]
        own = abs(mid - (bounds[j][0] + bounds[j][1]) / 2)
        if own <= size:
            continue
        a = j
        while a > 0 and a - 1 not in named:
            a -= 1
        b = j
        while b + 1 < len(bounds) and b + 1 not in named:
            b += 1
        runs = [(lo, hi) for lo in range(a, j + 1) for hi in range(j, b + 1) if (lo, hi) != (j, j)]
        best = min(runs, key=lambda r: abs(mid - (bounds[r[0]][0] + bounds[r[1]][1]) / 2), default=None)
        if best is not None and abs(mid - (bounds[best[0]][0] + bounds[best[1]][1]) / 2) <= size < own:
            w.span = best


def _last_cell(words: list[_Word], bounds: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The cells with the last one reaching as far right as a header centred in it shows (the text
    shows no more than its figures, right-aligned short of the cell's edge): the lowest header word
    over the last column alone taken as centred in its cell, when that makes the cell wider by three
    glyphs at most (a cell's margin; the cell's left edge, as the text shows it, may be further left
    than the rules put it)."""
    last = len(bounds) - 1
    own = [
        w for w in words if w.base == (last, last) and not any(v.top > w.bottom and v.base[1] == last for v in words)
    ]
    if not own:
        return bounds
    w = max(own, key=lambda v: v.top)
    left, right = bounds[last]
    reach = (w.x0 + w.x1) - left
    size = median_size([w.chars])
    return [*bounds[:last], (left, reach)] if right < reach <= right + 3 * size else bounds
