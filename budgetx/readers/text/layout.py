"""Space-aligned columns, as ``pdftotext -layout`` prints a table.

pdftotext places every character at a column position estimated from its x
coordinate, one position per character whatever its width, so CJK text and
the spaces around it are only roughly aligned: a column is a cluster of
*chunks* (runs of text separated by two or more spaces), not a fixed range of
positions.  The steps, for one block of consecutive table lines:

1. split each line into chunks (two or more spaces apart; a single space also
   separates an amount from the item that follows it, "426.37 一、本年支出");
2. find the columns: chunks of several lines that overlap horizontally belong
   to one column; a chunk that straddles several columns (a merged group
   header, a long text) takes no part in finding them;
3. make logical rows: pdftotext prints a cell that wraps inside its row as
   lines above and below the row's main line ("机关事业单位基本养老保险" /
   "2080505  12.54  12.54" / "缴费支出"), and puts a blank line between rows
   when the rows are tall.  Lines of one group (no blank line between them)
   that hold a single text chunk are joined to the nearest full line of the
   group; a group without a full line is one row;
4. the header (the lines above the first line with an amount or a subject
   code) is rebuilt as the tab shape prints it: a group header's text at the
   leftmost column it spans, a header cell wrapped over lines joined, a cell
   merged over two header rows in the upper row;
5. every chunk goes to its column, so that empty cells are ``""`` in their
   place.

What pdftotext cannot tell (which columns a centred group header spans
exactly; a form whose rows have different columns) is guessed; the result is
checked against the tab shape of the same tables in the tests.

What is a figure, a subject code or a caption line is told by
:mod:`budgetx.normalize`, as for every reader.
"""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from budgetx import patterns
from budgetx.model import Line
from budgetx.normalize.amounts import is_decimal
from budgetx.normalize.captions import ends_as_title, is_caption_line
from budgetx.normalize.codes import is_code, is_code_part
from budgetx.normalize.names import compact
from budgetx.normalize.rows import is_figure
from budgetx.readers.limits import MAX_CELLS

#: two or more spaces, an ideographic space or a tab: a cell boundary
_GAP = patterns.compile(r" {2,}|[\u3000\t]+")
_CJK = patterns.compile(r"[\u3400-\u9fff\uff00-\uffef]")
#: units and words that follow a figure inside one cell ("426.37 万元", "400 万")
_UNIT_WORD = patterns.compile(
    r"(万元|元|千元|亿元|万|亿|次|个|天|套|人|辆|项|家|户|台|件|篇|期|批|年|月|日|小时|分钟|%|％)"
)
#: a chunk this wide is running text, not a cell of a grid column
_WIDE = 24


#: what one character position of layout text stands for, in points (a line of about 95
#: positions across a 540-pt table): indentation in layout text is counted in positions, and
#: :attr:`budgetx.model.Line.indents` is in points
COLUMN_PT = 6.0


def indent_of(cell: str) -> float | None:
    """How far a cell's text starts right of its edge (pt): its leading spaces, an ideographic
    space counting two; ``None`` for an empty cell."""
    if not cell.strip():
        return None
    lead = cell[: len(cell) - len(cell.lstrip())]
    return (len(lead) + lead.count("\u3000")) * COLUMN_PT


@dataclass(eq=False)
class Chunk:
    start: int
    end: int
    text: str
    #: cut off the chunk before it at a single space ("426.37 一般公共服务支出"): pdftotext set it
    #: right after that text, so where it starts says nothing of its indentation
    pushed: bool = False

    @property
    def center(self) -> float:
        return (self.start + self.end) / 2

    @property
    def width(self) -> int:
        return self.end - self.start

    def overlaps(self, start: float, end: float) -> bool:
        return self.start < end and start < self.end


def chunks(line: str) -> list[Chunk]:
    """The cells of one printed line, with their character positions."""
    line = line.replace("\t", "  ").replace("\u3000", "  ").rstrip()
    out: list[Chunk] = []
    pos = 0
    for m in _GAP.finditer(line + "  "):
        if m.start() > pos:
            text = line[pos : m.start()]
            lead = len(text) - len(text.lstrip())
            if text.strip():
                out.extend(_split_chunk(Chunk(pos + lead, m.start(), text.strip()), first=not out))
        pos = m.end()
    return out


def _split_chunk(c: Chunk, *, first: bool) -> list[Chunk]:
    """Split a chunk where pdftotext left a single space between two cells.

    Each cut takes the word before the space off the chunk's start when the
    word is an amount ("426.37 一、本年支出") or, at the line's start, a subject
    code ("2150503 机关服务") and Chinese words follow; then the rest is cut the
    same way, as long as the cuts go on.
    """
    text = c.text
    out: list[Chunk] = []
    pos = 0  # where the part still to cut starts
    while True:
        space = text.find(" ", pos)
        if space < 0:
            break
        head, rest, rest_len = text[pos:space], space + 1, len(text) - space - 1
        words_follow = bool(_CJK.match(text, rest)) and not _UNIT_WORD.match(text, rest)
        if words_follow and is_decimal(head) and rest_len >= 3:
            pass  # "426.37 一、本年支出"
        elif words_follow and first and pos == 0 and is_code(head) and rest_len >= 2:
            pass  # "2150503 机关服务" printed too close
        else:
            break
        out.append(Chunk(c.start + pos, c.start + space, head))
        pos = rest
    if not out:
        return [c]
    out.append(Chunk(c.start + pos, c.end, text[pos:]))
    for part in out[1:]:
        part.pushed = True
    return out


_HEADER_WORD = patterns.compile(r"^[\u4e00-\u9fff（）()“”]{2,8}$")


def _split_header_chunk(c: Chunk) -> list[Chunk]:
    """Split two column heads printed one space apart ("基本支出 项目支出")."""
    words = c.text.split(" ")
    if len(words) < 2 or not all(_HEADER_WORD.match(w) for w in words):
        return [c]
    out, pos = [], c.start
    for w in words:
        out.append(Chunk(pos, pos + len(w), w))
        pos += len(w) + 1
    return out


def is_layout_row(line: str) -> bool:
    """A line of two or more cells (and no more than a table row holds,
    :data:`~budgetx.readers.limits.MAX_CELLS`)."""
    return 2 <= _cell_count(line) <= MAX_CELLS


def _too_wide(line: str) -> bool:
    """A line of more cells than a table row holds: text, and no part of a table block."""
    return _cell_count(line) > MAX_CELLS


@functools.lru_cache(maxsize=8)
def _cell_count(line: str) -> int:
    """How many cells a line holds (asked of each line several times while a block is cut out)."""
    return len(chunks(line))


def is_caption(line: str) -> bool:
    """A caption line (a label, unit, note or page number) or a title alone on its
    line: it ends a block of table lines."""
    if not line.strip():
        return False
    if is_caption_line(line):
        return True
    return _cell_count(line) == 1 and ends_as_title(line) and len(compact(line)) >= 6


def _is_data_line(cs: list[Chunk]) -> bool:
    """A line that carries figures or a subject code: not a header line."""
    if any(is_figure(c.text) for c in cs):
        return True
    return bool(cs) and is_code(cs[0].text)


# -- block extent ------------------------------------------------------------


def block_end(raw: list[str], i: int) -> int:
    """The end (exclusive) of the block of table lines starting at ``raw[i]``.

    The block goes on over blank lines and single-cell lines (a row with one
    filled cell, a wrapped cell's continuation) as long as more table lines
    follow; it stops at a caption line, a page break, or a long gap.
    """
    n = len(raw)
    last = i  # the last line that belongs for sure
    j = i + 1
    blanks = 0
    while j < n:
        line = raw[j]
        if "\f" in line or is_caption(line) or _too_wide(line):
            break
        if not line.strip():
            blanks += 1
            if blanks > 2:
                break
            j += 1
            continue
        if is_layout_row(line):
            last = j
        elif blanks == 0 and j == last + 1 and _is_continuation(raw[last], line):
            last = j  # a wrapped cell's last line right under its row
        elif _is_lone_cell(line, raw[last]):
            last = j  # a row with one short cell ("合计" of an empty table)
        blanks = 0
        j += 1
    return last + 1


def block_start(raw: list[str], i: int, floor: int = 0) -> int:
    """Where the block whose first aligned line is ``raw[i]`` starts: single
    indented cells right above it (a group header over the columns, the upper
    line of a wrapped cell) belong to it."""
    start = i
    j = i - 1
    blanks = 0
    while j >= floor and i - j <= 6:
        line = raw[j]
        if not line.strip():
            blanks += 1
            if blanks > 1:
                break
            j -= 1
            continue
        cs = chunks(line)
        if len(cs) != 1 or is_caption(line) or cs[0].start < 4 or cs[0].width > 30:
            break
        start = j
        blanks = 0
        j -= 1
    return start


def _is_lone_cell(line: str, above: str) -> bool:
    """A short cell on a line of its own, under a column of the line above."""
    cs = chunks(line)
    if len(cs) != 1 or len(cs[0].text) > 12 or cs[0].start < 4:
        return False
    return any(c.overlaps(cs[0].start, cs[0].end) for c in chunks(above))


def _is_continuation(above: str, line: str) -> bool:
    cs = chunks(line)
    if len(cs) != 1 or is_figure(cs[0].text):
        return False
    # indented under a cell of the line above, not flush with the text margin
    return any(c.start <= cs[0].start < c.end + 2 for c in chunks(above)[1:]) or cs[0].start > 4


# -- columns -----------------------------------------------------------------


@dataclass
class _Col:
    start: float
    end: float
    members: list[Chunk] = field(default_factory=list)

    @property
    def center(self) -> float:
        return (self.start + self.end) / 2


def _columns(header: list[list[Chunk]], data: list[list[Chunk]]) -> list[_Col]:
    """Clusters of horizontally overlapping chunks, left to right.

    A header cell is centred over its column while the figures are aligned
    right and the names left, so a cluster of header chunks alone joins the
    nearest cluster of data chunks alone next to it.
    """
    lines = header + data
    in_header = {id(c) for cs in header for c in cs}
    edges = [_Edges(cs) for cs in lines]
    pool: list[Chunk] = []
    for n, cs in enumerate(lines):
        near = edges[max(0, n - 8) : n] + edges[n + 1 : n + 9]
        pool.extend(c for c in cs if c.width <= _WIDE and not _straddles(c, near))
    pool.sort(key=lambda c: (c.start, c.end))
    cols: list[_Col] = []
    for c in pool:
        if cols and c.start < cols[-1].end:
            col = cols[-1]
            col.end = max(col.end, c.end)
            col.members.append(c)
        else:
            cols.append(_Col(c.start, c.end, [c]))

    def kind(col: _Col) -> str:
        h = sum(1 for m in col.members if id(m) in in_header)
        return "H" if h == len(col.members) else "D" if h == 0 else "M"

    k = 0
    while k < len(cols):
        if kind(cols[k]) != "H":
            k += 1
            continue
        options = []
        for other in (k - 1, k + 1):
            if not 0 <= other < len(cols):
                continue
            gap = cols[k].start - cols[other].end if other < k else cols[other].start - cols[k].end
            # a header centred over figures aligned right sits a few places off
            # them; next to a column that has its header already it must touch it
            if (kind(cols[other]) == "D" and gap <= 6) or (kind(cols[other]) == "M" and gap <= 1):
                options.append((gap, other))
        if not options:
            k += 1
            continue
        _, other = min(options)
        a, b = sorted((k, other))
        merged = _Col(
            min(cols[a].start, cols[b].start), max(cols[a].end, cols[b].end), cols[a].members + cols[b].members
        )
        cols[a : b + 1] = [merged]
        k = a + 1
    # a label centred across the label columns of one row ("合计" under 类 | 款 |
    # 科目名称) is no column of its own: it goes to the column nearest to it
    if len(data) >= 3:
        figures = [
            k
            for k, col in enumerate(cols)
            if any(is_figure(m.text) for m in col.members) and not all(is_code_part(m.text) for m in col.members)
        ]
        first_figure = figures[0] if figures else len(cols)
        cols = [
            col
            for k, col in enumerate(cols)
            if not (0 < k < first_figure and kind(col) == "D" and len(col.members) == 1)
        ]
    return cols


class _Edges:
    """Where the chunks of one line start and end, left to right (they never overlap)."""

    __slots__ = ("ends", "starts")

    def __init__(self, cs: list[Chunk]) -> None:
        self.starts = [c.start for c in cs]
        self.ends = [c.end for c in cs]

    def overlapping(self, c: Chunk) -> int:
        """How many of the line's chunks overlap ``c``: those that start before its end, less
        those that end before its start."""
        return bisect_left(self.starts, c.end) - bisect_right(self.ends, c.start)


def _straddles(c: Chunk, others: list[_Edges]) -> bool:
    """True for a chunk that covers two chunks of one of the other lines (a group header)."""
    return any(o.overlapping(c) >= 2 for o in others)


def _column_of(c: Chunk, cols: list[_Col]) -> int:
    if c.width > _WIDE:
        # running text: its column is where it starts
        inside = [k for k, col in enumerate(cols) if col.start <= c.start < col.end]
        if inside:
            return inside[0]
        right = [k for k, col in enumerate(cols) if col.start > c.start]
        return right[0] if right else len(cols) - 1
    best, best_overlap = -1, 0.0
    for k, col in enumerate(cols):
        ov = min(c.end, col.end) - max(c.start, col.start)
        if ov > best_overlap:
            best, best_overlap = k, ov
    if best >= 0:
        return best
    # in a gap: the nearest column, by the anchor a cell is aligned on
    anchor = c.end if is_figure(c.text) else c.start
    return min(range(len(cols)), key=lambda k: min(abs(anchor - cols[k].start), abs(anchor - cols[k].end)))


# -- rows --------------------------------------------------------------------


@dataclass
class _PLine:
    lineno: int
    page: int | None
    chunks: list[Chunk]
    group: int

    @property
    def full(self) -> bool:
        return len(self.chunks) >= 2 or _is_data_line(self.chunks)


def _join(parts: list[str]) -> str:
    """A wrapped cell's lines joined: the space pdftotext dropped at the line
    end is put back next to Latin letters and figures ("维护 and 安全管理",
    "现场 360°"), never between Chinese characters."""
    out = ""
    for p in parts:
        if out and p and _space_between(out[-1], p[0]):
            out += " "
        out += p
    return out


def _space_between(a: str, b: str) -> bool:
    if a.isascii() and a.isalnum():
        return (b.isascii() and b.isalnum()) or (bool(_CJK.match(b)) and not _is_cjk_punct(b))
    if b.isascii() and b.isalnum():
        return a in ",;:" or (bool(_CJK.match(a)) and not _is_cjk_punct(a))
    return False


def _is_cjk_punct(ch: str) -> bool:
    return "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uff20" or ch in "“”‘’（）《》〔〕【】、，。；：？！"


def _cells(plines: list[_PLine], cols: list[_Col]) -> list[str]:
    """One row's cells from its lines, top to bottom."""
    return _placed_cells([(_column_of(c, cols), c) for pl in plines for c in pl.chunks], len(cols))


def _placed_cells(chunks_at: list[tuple[int, Chunk]], width: int) -> list[str]:
    """One row's cells from its chunks, each in its column, top to bottom."""
    parts: list[list[str]] = [[] for _ in range(width)]
    for k, c in chunks_at:
        parts[k].append(c.text)
    return [_join(p) for p in parts]


def _logical_rows(plines: list[_PLine], cols: list[_Col]) -> list[list[_PLine]]:
    """Group the printed lines into rows (see the module's docstring, step 3)."""
    rows: list[list[_PLine]] = []
    k = 0
    while k < len(plines):
        g = plines[k].group
        group = []
        while k < len(plines) and plines[k].group == g:
            group.append(plines[k])
            k += 1
        fulls = [i for i, pl in enumerate(group) if pl.full]
        if not fulls:
            rows.extend(_anchored_rows(group, cols))
            continue
        if len(group) >= 6 and sum(1 for pl in group if _is_data_line(pl.chunks)) >= 3:
            rows.extend(_tight_rows(group, cols))
            continue
        # full lines whose cells fill different columns are one row when the
        # group also holds wrapped lines (a form prints a label centred on the
        # rows it spans, on a line of its own next to the row's lines)
        units: list[list[int]] = []
        used: list[set[int]] = []
        for i in fulls:
            mine = {_column_of(c, cols) for c in group[i].chunks}
            if units and len(fulls) < len(group) and not (mine & used[-1]):
                units[-1].append(i)
                used[-1] |= mine
            else:
                units.append([i])
                used.append(mine)
        owner: dict[int, list[_PLine]] = {n: [] for n in range(len(units))}
        member = {i: n for n, unit in enumerate(units) for i in unit}
        for i, pl in enumerate(group):
            if i in member:
                continue
            before = [n for n, unit in enumerate(units) if unit[-1] < i]
            after = [n for n, unit in enumerate(units) if unit[0] > i]
            inside = [n for n, unit in enumerate(units) if unit[0] < i < unit[-1]]
            if inside:
                target = inside[0]
            elif not before:
                target = after[0]
            elif not after:
                target = before[-1]
            else:
                # between two rows: the upper half wraps the row above
                prev, nxt = before[-1], after[0]
                dp, dn = i - units[prev][-1], units[nxt][0] - i
                target = prev if dp <= dn else nxt
            owner[target].append(pl)
        for n, unit in enumerate(units):
            rows.append(sorted([*(group[i] for i in unit), *owner[n]], key=lambda p: p.lineno))
    return rows


def _anchored_rows(group: list[_PLine], cols: list[_Col]) -> list[list[_PLine]]:
    """Lines of one cell each, no blank line between them: one row, unless the
    last column holds several cells apart (a form's 指标值 of two indicators
    whose texts wrap round them): then each of those starts a row with the
    lines nearest to it, and a label alone in its column (a level centred on
    the rows it spans) goes with the first row."""
    if len(group) < 4:
        return [group]
    col = [_column_of(pl.chunks[0], cols) for pl in group]
    last = max(col)
    anchors = [i for i, k in enumerate(col) if k == last]
    if len(anchors) < 2 or any(b - a < 2 for a, b in itertools.pairwise(anchors)):
        return [group]
    owner: dict[int, int] = {}
    for i, k in enumerate(col):
        if k == last:
            owner[i] = i
        elif col.count(k) == 1:
            owner[i] = anchors[0]
        else:
            owner[i] = min(anchors, key=lambda a: (abs(a - i), a))
    rows: dict[int, list[_PLine]] = {}
    for i, pl in enumerate(group):
        rows.setdefault(owner[i], []).append(pl)
    return [rows[a] for a in anchors]


def _tight_rows(group: list[_PLine], cols: list[_Col]) -> list[list[_PLine]]:
    """Rows of a table printed without blank lines between them.

    A line with figures or a code is a row; a line without is a row of its own
    (an item without figures) unless it belongs to a wrapped cell: lines right
    above and below a row's line with cells in the same columns (cells
    wrapped round that line), a line next to a row's line whose cells in its
    columns are empty (a name centred on its row), or a line under a cell that
    fills its column's width ("九、医疗卫生与计划生育支" / "出").
    """
    col = [[_column_of(c, cols) for c in pl.chunks] for pl in group]
    widest: dict[int, int] = {}
    for pl, ks in zip(group, col, strict=True):
        for c, k in zip(pl.chunks, ks, strict=True):
            widest[k] = max(widest.get(k, 0), c.width)
    main = [_is_data_line(pl.chunks) for pl in group]
    owner = list(range(len(group)))

    def free(j: int) -> bool:
        return 0 <= j < len(group) and not main[j] and owner[j] == j

    for i in range(len(group)):
        if main[i] and free(i - 1) and free(i + 1) and set(col[i - 1]) == set(col[i + 1]):
            owner[i - 1] = owner[i + 1] = i
    for i in range(len(group)):
        if not main[i]:
            continue
        for j in (i - 1, i + 1):
            if free(j) and not set(col[j]) & set(col[i]):
                owner[j] = i
    for j in range(1, len(group)):
        if not free(j) or len(col[j]) != 1:
            continue
        k = col[j][0]
        above = [c for c, kk in zip(group[j - 1].chunks, col[j - 1], strict=True) if kk == k and not is_figure(c.text)]
        if above and above[-1].width >= widest[k] - 1 and widest[k] >= 4:
            owner[j] = owner[j - 1]
    rows: dict[int, list[_PLine]] = {}
    for i, pl in enumerate(group):
        rows.setdefault(owner[i], []).append(pl)
    return [sorted(r, key=lambda p: p.lineno) for _, r in sorted(rows.items())]


# -- header ------------------------------------------------------------------


def _header_rows(groups: list[list[_PLine]], cols: list[_Col]) -> list[tuple[int, list[str]]]:
    """The header rows (line number, cells), as the tab shape prints them."""
    out: list[tuple[int, list[str]]] = []
    for n, group in enumerate(groups):
        lineno = group[0].lineno
        if len(group) == 1:
            cs = group[0].chunks
            if n < len(groups) - 1 and len(cs) < len(cols):
                out.append((lineno, _group_header(cs, cols, first=not out)))
            else:
                out.append((lineno, _cells(group, cols)))
            continue
        if all(c.text in ("类", "款", "项") for c in group[-1].chunks):
            # the 类 | 款 | 项 heads of split code columns: a header row of their own
            upper = group[:-1]
            rows = _band(upper, cols) if len(upper) > 1 else [_cells(upper, cols)]
            out.extend((lineno, cells) for cells in rows)
            out.append((group[-1].lineno, _cells(group[-1:], cols)))
            continue
        out.extend((lineno, cells) for cells in _band(group, cols))
    return out


def _group_header(cs: list[Chunk], cols: list[_Col], *, first: bool) -> list[str]:
    """A row of group headers, each centred over the columns it spans: put each
    at the leftmost column of its span (the tab shape's merged cell)."""
    width = len(cols)
    cells = [""] * width
    k = len(cs)
    if k > width:
        return _cells([_PLine(0, None, cs, 0)], cols)

    def span_center(a: int, b: int) -> float:
        return (cols[a].start + cols[b].end) / 2

    # dynamic programming: cost[m][left] is the best placement of chunks m..k-1
    # when chunk m heads the columns from ``left`` (it spans up to the next head)
    inf = float("inf")
    cost = [[inf] * width for _ in range(k)]
    step = [[-1] * width for _ in range(k)]
    for left in range(width):
        cost[k - 1][left] = abs(cs[k - 1].center - span_center(left, width - 1))
    for m in range(k - 2, -1, -1):
        for left in range(width):
            for nxt in range(left + 1, width):
                c = abs(cs[m].center - span_center(left, nxt - 1)) + cost[m + 1][nxt]
                if c < cost[m][left]:
                    cost[m][left], step[m][left] = c, nxt
    lefts = [0] if first else list(range(width))
    left = min(lefts, key=lambda a: cost[0][a])
    if cost[0][left] == inf:
        return _cells([_PLine(0, None, cs, 0)], cols)
    for m in range(k):
        cells[left] = cs[m].text
        left = step[m][left]
    return cells


def _band(group: list[_PLine], cols: list[_Col]) -> list[list[str]]:
    """Header lines with no blank line between them: one header row whose cells
    wrap over the lines, or two rows (cells centred on the middle line span
    both; the others belong to the upper or the lower row)."""
    k = len(group)
    middle = (k - 1) / 2
    where: dict[int, list[tuple[int, Chunk]]] = {}
    for i, pl in enumerate(group):
        for c in pl.chunks:
            where.setdefault(_column_of(c, cols), []).append((i, c))

    def is_centred(items: list[tuple[int, Chunk]]) -> bool:
        rows = [i for i, _ in items]
        if any(i == middle for i in rows):
            return True
        above, below = [i for i in rows if i < middle], [i for i in rows if i > middle]
        if not above or not below:
            return False
        # above and below the middle: one cell wrapped round the middle line,
        # unless other columns show two header rows (a group header over a
        # column head); a lone character below is a wrapped cell's last line
        below_text = "".join(c.text for i, c in items if i > middle)
        return len(below_text) <= 1 or not one_sided

    if all(len({i for i, _ in items}) == 1 for items in where.values()) and len(where) > len(group[0].chunks):
        # every column printed on one line only: one header row whose cells are
        # centred at different heights ("功能分类科目编码" over 类 | 款 | 项 beside
        # "功能分类科目名称", "合计" …)
        return [_cells(group, cols)]
    one_sided = any(all(i < middle for i, _ in items) or all(i > middle for i, _ in items) for items in where.values())
    centred = {j for j, items in where.items() if is_centred(items)}
    if len(centred) == len(where):
        return [_cells(group, cols)]
    upper = [""] * len(cols)
    lower = [""] * len(cols)
    for j in centred:
        upper[j] = _join([c.text for _, c in sorted(where[j], key=lambda t: t[0])])
    others = sorted(j for j in where if j not in centred)
    tops = [c for j in others for i, c in where[j] if i < middle]
    for j in others:
        parts = [c.text for i, c in sorted(where[j], key=lambda t: t[0]) if i >= middle]
        lower[j] = _join(parts)
    if tops and others:
        # the upper cells head the run of columns below them
        run = [cols[j] for j in range(others[0], others[-1] + 1)]
        heads = _group_header(sorted(tops, key=lambda c: c.start), run, first=True)
        for off, text in enumerate(heads):
            if text:
                upper[others[0] + off] = text
    return [upper, lower]


# -- the block ---------------------------------------------------------------


def parse_block(lines: list[str], first_lineno: int, page: int | None = None) -> list[Line]:
    """The grid rows of one block of table lines (blank lines included), by the
    steps of the module's docstring: the lines' chunks (step 1), the header
    lines apart from the body (:func:`_header_and_body`), the columns (step 2,
    :func:`_block_columns`), the header rows (step 4, :func:`_header_rows`),
    the body's logical rows (step 3, :func:`_logical_rows`) with every chunk in
    its column (step 5, :func:`_cells`)."""
    plines = _printed_lines(lines, first_lineno, page)
    if not plines:
        return []
    head, body = _header_and_body(plines)
    cols = _block_columns(plines, head, body)
    if not cols:
        return []
    out: list[Line] = []
    for lineno, cells in _header_rows(_groups(head), cols):
        if any(cells):
            out.append(Line(page=page, lineno=lineno, cells=cells))
    rows = _logical_rows(body, cols)
    placed = [[(_column_of(c, cols), c) for pl in row for c in pl.chunks] for row in rows]
    lefts = _lefts(placed, len(cols))
    for row, chunks_at in zip(rows, placed, strict=True):
        main = next((pl for pl in row if pl.full), row[0])
        indents = _indents(chunks_at, lefts)
        out.append(Line(page=page, lineno=main.lineno, cells=_placed_cells(chunks_at, len(cols)), indents=indents))
    return out


def _shows_indent(c: Chunk) -> bool:
    """A chunk whose start is its indentation: text (a figure is aligned right) that pdftotext did not
    set right after the text before it."""
    return not c.pushed and not is_figure(c.text)


def _lefts(placed: list[list[tuple[int, Chunk]]], width: int) -> list[int | None]:
    """Where each column's text starts furthest left in the body: the edge its indentation counts from."""
    lefts: list[int | None] = [None] * width
    for chunks_at in placed:
        for k, c in chunks_at:
            left = lefts[k]
            if _shows_indent(c):
                lefts[k] = c.start if left is None else min(c.start, left)
    return lefts


def _indents(chunks_at: list[tuple[int, Chunk]], lefts: list[int | None]) -> tuple[float | None, ...]:
    """How far each cell's first chunk starts right of its column's edge (pt, see :data:`COLUMN_PT`);
    ``None`` for an empty cell, a figure, or a chunk pdftotext pushed against the text before it."""
    out: list[float | None] = [None] * len(lefts)
    seen: set[int] = set()
    for k, c in chunks_at:
        if k in seen:
            continue
        seen.add(k)
        left = lefts[k]
        if left is not None and _shows_indent(c):
            out[k] = (c.start - left) * COLUMN_PT
    return tuple(out)


def _printed_lines(lines: list[str], first_lineno: int, page: int | None) -> list[_PLine]:
    """The block's non-blank lines cut into chunks; a blank line starts a new group."""
    plines: list[_PLine] = []
    group = 0
    for k, line in enumerate(lines):
        if not line.strip():
            group += 1
            continue
        plines.append(_PLine(first_lineno + k, page, chunks(line), group))
    return plines


def _header_and_body(plines: list[_PLine]) -> tuple[list[_PLine], list[_PLine]]:
    """(header lines, body lines): the header is the lines above the first line
    with a figure or a code, less the upper lines of a wrapped first data row."""
    first_data = next((n for n, pl in enumerate(plines) if _is_data_line(pl.chunks)), len(plines))
    head, body = plines[:first_data], plines[first_data:]
    if body and head and head[-1].group == body[0].group:
        # a wrapped first data row: its upper lines are not header
        g = body[0].group
        while head and head[-1].group == g and len(head[-1].chunks) == 1:
            body.insert(0, head.pop())
    for pl in head:
        pl.chunks = [part for c in pl.chunks for part in _split_header_chunk(c)]
    return head, body


def _block_columns(plines: list[_PLine], head: list[_PLine], body: list[_PLine]) -> list[_Col]:
    """The columns: from the data lines and the lowest header group (the group
    headers above it straddle columns and would join them); from all the lines
    when those make none."""
    wide = [pl.group for pl in head if len(pl.chunks) >= 2]
    leaf_group = wide[-1] if wide else (head[-1].group if head else 0)
    leaf = [pl.chunks for pl in head if pl.group >= leaf_group]
    cols = _columns(leaf, [pl.chunks for pl in body if len(pl.chunks) >= 2])
    if not cols:
        cols = _columns([pl.chunks for pl in plines], [])
    return cols


def _groups(plines: list[_PLine]) -> list[list[_PLine]]:
    """Consecutive lines of one group (no blank line between them) together."""
    groups: list[list[_PLine]] = []
    for pl in plines:
        if groups and groups[-1][-1].group == pl.group:
            groups[-1].append(pl)
        else:
            groups.append([pl])
    return groups
