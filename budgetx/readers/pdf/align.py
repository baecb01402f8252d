"""Tables without rules, read from the alignment of their text.

A page without ruled grids may still print a table: its rows are printed lines
cut into segments by wide gaps, at least one segment a figure or a subject
code.  Consecutive such lines, the lines wrapped between them and the header
lines just above them form a block (:func:`tables`), read in three steps:

1. columns (:mod:`budgetx.readers.pdf.aligned_columns`): the x-ranges where the
   block's body prints, split where no line prints; a header word over a range
   where nothing of the body prints is a column of its own (a column printed
   empty);
2. rows: each line with a figure is a row; a line without one printed close to
   a row (less than a wrapped line's pitch from it, above or below: a name
   wrapped over two lines, vertically centred or not) is part of that row, unless it starts the
   next numbered item (二、 under 一、); in tall rows a name wrapped over three or more lines
   around its figures is the row's (:func:`_wrapped_down`), as are the lines of a name wrapped in a
   narrow cell at a row's pitch, centred on its figures (:mod:`budgetx.readers.pdf.aligned_rows`),
   and an amount wrapped in a narrow cell (``1682.7`` over ``6``) is joined (:func:`_unwrap_figures`);
   a label printed once for the rows it groups (a cell merged down) is each of those rows';
3. the header (:mod:`budgetx.readers.pdf.aligned_header`): each word of the
   header lines is a cell over the columns it is centred on, the lines of a
   cell wrapped in a narrow column are one cell, and the cells are laid out in
   header rows the way a ruled grid prints them (a group header in the first
   column it spans, the columns under it in the rows below).

Besides: a column of prose beside the figures is read apart and put back in its rows
(:func:`_with_prose_column`); tables without figures are read when printed empty under a unit
line or with numbered rows, and forms of text under a header of labels
(:mod:`budgetx.readers.pdf.aligned_forms`), (:func:`_figureless`); a header is looked for further
up where the rows are set far apart or one row prints under a caption (:func:`_header_start`), and on a page that
continues a table, printed again however far above its figures (:func:`_printed_again`).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field

from budgetx import patterns
from budgetx.model import Line
from budgetx.normalize import captions
from budgetx.normalize.amounts import is_amount, is_nothing
from budgetx.normalize.codes import is_code
from budgetx.normalize.rows import is_counter_row
from budgetx.readers.pdf import aligned_forms
from budgetx.readers.pdf.aligned_columns import (
    FIGURE_CHARS,
    assign,
    body_columns,
    cell_bounds,
    centre_labels,
    column_cuts,
    figure_columns,
    join_spaced_glyphs,
    median_size,
    recentre,
    split_words,
    text_lefts,
)
from budgetx.readers.pdf.aligned_header import header_rows
from budgetx.readers.pdf.aligned_layout import Layout
from budgetx.readers.pdf.aligned_rows import join_filled_cells, join_wrapped_names, merged_labels
from budgetx.readers.pdf.chars import Char, bbox_of, line_text, segments, size_of
from budgetx.readers.pdf.grids import cell_text

#: a gap wider than this many glyphs separates two cells of a line
GAP = 0.8
_PROSE = patterns.compile(r"[，。；！？]|^\s*(万\s*元|元|%|％)|[%％]\s*$")
_SENTENCE = patterns.compile(r"[，。；！？]")
_UNIT_FIRST = patterns.compile(r"^\s*(万\s*元|元|%|％)")
_TOTALS = ("合计", "总计", "本年合计")
#: fewest data lines that make a table
MIN_ROWS = 2
#: most header lines above a block
MAX_HEADER_LINES = 12
#: header lines between a caption and a row of figures set far under them are at most this many line heights apart
WIDE_HEADER = 5.0
#: a line printed less than this many glyphs below (or above) a row's line is part of the row
WRAP_PITCH = 1.35
#: an item's number (一、, （二）): a name that starts with one starts a row
_ITEM = patterns.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


def _cells(line: list[Char]) -> list[list[Char]]:
    """A line's cells: split at wide gaps, and where a figure ends and text begins after any gap (an
    amount right-aligned against the next cell's name)."""
    out: list[list[Char]] = []
    for seg in segments([c for c in line if c["text"].strip()], GAP):
        for c in seg:
            if c is not seg[0]:
                prev = out[-1][-1]
                turn = FIGURE_CHARS.fullmatch(prev["text"]) and not FIGURE_CHARS.fullmatch(c["text"])
                if not (turn and c["x0"] - prev["x1"] > 0.05 * min(size_of(c), size_of(prev))):
                    out[-1].append(c)
                    continue
            out.append([c])
    return out


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


def tables(
    text_lines: list[list[Char]], page: int, layout: Layout | None = None, prose_column: bool = True
) -> tuple[list[list[Line]], set[int]]:
    """The blocks of grid rows read from aligned text, and the indices of the text lines they use.

    A block under another one of the page that prints in its columns (:func:`_below`) is more of
    its rows. With ``layout`` (the columns of the table read last, kept from page to page): the first block
    of the page, under no caption and without a header, continues that table when its lines fit
    its columns (:mod:`budgetx.readers.pdf.aligned_layout`); the page's last block is remembered.
    A unit wrapped in a narrow cell is joined into its first line (:func:`_join_wrapped_units`).
    """
    hidden = _join_wrapped_units(text_lines)
    segs = [_cells(ln) for ln in text_lines]
    prose = _prose_column(text_lines, segs) if prose_column else None
    if prose is not None:
        return _with_prose_column(text_lines, page, layout, prose)
    data = [_is_data(s) for s in segs]
    read: list[tuple[list[Line], Layout | None]] = []
    used: set[int] = set(hidden)
    k = last_end = 0
    n = len(text_lines)
    while k < n:
        if not data[k]:
            k += 1
            continue
        end = k
        while end + 1 < n and (
            data[end + 1]
            or _continues(segs, text_lines, end + 1)
            or _row_ahead(segs, text_lines, data, k, end)
            or _name_above(segs, text_lines, data, end + 1)
        ):
            end += 1
        start = _header_start(text_lines, data, k, end, used)
        if not read and layout is not None and layout.continues(page):
            first = _continued(text_lines, start, k, end, layout, need=min(2, sum(data[k : end + 1])))
            if first is not None:
                read.append((_placed(text_lines[first : end + 1], layout, page), layout))
                used.update(range(first, end + 1))
                last_end = k = end + 1
                continue
            again = _printed_again(text_lines, segs, start, k, layout)
            if again is not None:
                head, first = again
                read.append((_reheaded(text_lines[head:first], text_lines[first : end + 1], layout, page), layout))
                used.update(range(head, end + 1))
                last_end = k = end + 1
                continue
        below = _below(text_lines, read, last_end, k, end)
        if below is not None:
            rows_above, kept = read[-1]
            assert kept is not None
            rows_above.extend(_placed(text_lines[below : end + 1], kept, page))
            used.update(range(below, end + 1))
            last_end = k = end + 1
            continue
        rows = sum(data[k : end + 1])
        if rows < MIN_ROWS and not (start < k and sum(_is_figure(line_text(s)) for s in segs[k]) >= 2):
            k = end + 1
            continue
        k = _glyph_column(text_lines, start, k, end)
        read.append(_block(text_lines[start:k], text_lines[k : end + 1], page))
        used.update(range(start, end + 1))
        last_end = k = end + 1
    read.extend((block, None) for block in _figureless(text_lines, segs, used, page, layout))
    read = [(rows, kept) for rows, kept in read if rows]
    read.sort(key=lambda r: r[0][0].bbox[1] if r[0][0].bbox else 0.0)
    if layout is not None and read:
        last = read[-1][1]
        if last is None:
            layout.forget()
        elif last is layout:
            layout.page = page
        else:
            layout.take(last)
    return [rows for rows, _ in read], used


def _figureless(
    lines: list[list[Char]], segs: list[list[list[Char]]], used: set[int], page: int, layout: Layout | None = None
) -> list[list[Line]]:
    """The tables without figures (:func:`_empty_tables`, :func:`_numbered_tables`, :func:`_forms`);
    their lines added to ``used``."""
    out = []
    for start, end in _empty_tables(lines, segs, used):
        split = end
        while split > start + 1 and line_text(lines[split - 1]).replace(" ", "") in _TOTALS:
            split -= 1  # a 合计 row without figures
        block, _ = _block(lines[start:split], lines[split:end], page)
        if block:
            out.append(block)
            used.update(range(start, end))
    for start, end in _numbered_tables(lines, segs, used):
        block, _ = _block(lines[start : start + 1], lines[start + 1 : end], page, numbered=True)
        if block:
            out.append(block)
            used.update(range(start, end))
    out.extend(_forms(lines, segs, used, page, layout))
    return out


def _forms(
    lines: list[list[Char]], segs: list[list[list[Char]]], used: set[int], page: int, layout: Layout | None
) -> list[list[Line]]:
    """The forms of the page (:mod:`budgetx.readers.pdf.aligned_forms`): under a header of labels, or
    going on from the page before in its columns (kept in ``layout``); their lines added to ``used``."""
    out = []
    kept = layout.form if layout is not None else None
    forms = aligned_forms.find(lines, segs, used)
    more = aligned_forms.continued(lines, segs, used, kept, page) if kept is not None and not forms else None
    last = None
    for form in [more] if more is not None else forms:
        fields = aligned_forms.field_rows(lines[form.fields : form.header], segs[form.fields : form.header], page)
        columns = (kept.columns, kept.cuts) if form is more and kept is not None else None
        head, body = lines[form.header : form.body + 1], lines[form.body + 1 : form.end]
        block, read = _block(head, body, page, value_at=form.value_at, form_columns=columns)
        if block:
            out.append(fields + block)
            used.update(range(form.fields, form.end))
            cuts = [left for left, _ in read.bounds[1:]]
            last = aligned_forms.Columns(page, read.columns, cuts, form.value_at)
    if layout is not None:
        layout.form = last
    return out


def _header_start(lines: list[list[Char]], data: list[bool], k: int, end: int, used: set[int]) -> int:
    """The first header line of the block of lines ``k`` to ``end`` (``k`` when it has none): the
    lines close above it (:func:`_is_header`), a header set a row's pitch above rows set far apart
    (:func:`_header_a_row_above`), or the lines between a caption and figures set far under them
    (:func:`_header_under_caption`)."""
    start = k
    while (
        start > 0
        and _print_rows(lines[start - 1 : k]) <= MAX_HEADER_LINES
        and _is_header(lines, start - 1, start, used)
    ):
        start -= 1
    if start == k and k > 0 and _header_a_row_above(lines, data, k, end, used):
        start -= 1
        while (
            start > 0
            and _print_rows(lines[start - 1 : k]) <= MAX_HEADER_LINES
            and _is_header(lines, start - 1, start, used)
        ):
            start -= 1
    return _header_under_caption(lines, k, used) if start == k else start


def _printed_again(
    lines: list[list[Char]], segs: list[list[list[Char]]], start: int, k: int, layout: Layout
) -> tuple[int, int] | None:
    """(the first header line, the first body line) of a block that prints the remembered table's
    header again (:func:`_header_again`, :func:`_header_far_above`), or ``None``."""
    first = _header_again(lines, start, k, layout)
    if first is not None:
        return start, first
    return _header_far_above(lines, segs, k, layout)


def _prose_column(lines: list[list[Char]], segs: list[list[list[Char]]]) -> float | None:
    """Where a column of sentences prints beside a table's figures (a project's 绩效目标 wrapped over
    several lines in its cell), or ``None``: the left edge at which three cells of prose start
    (within half a glyph) on the lines of a page, two of them on a line whose cells to their left
    have a figure; a sentence that starts with a unit ("万元。主要包括") goes on after its amount in
    the narrative, no cell."""
    starts: list[tuple[float, bool, float]] = []
    for line_segs in segs:
        for j, seg in enumerate(line_segs):
            text = line_text(seg)
            if _UNIT_FIRST.match(text):
                continue  # "万元。主要包括：…": a sentence of the narrative going on after its amount
            if j and (len(text) > 40 or _SENTENCE.search(text)):
                left = line_segs[:j]
                beside = len(left) >= 2 and any(_is_figure(line_text(x)) for x in left)
                starts.append((seg[0]["x0"], beside, size_of(seg[0])))
            elif not j and len(line_segs) == 1 and (len(text) > 40 or _SENTENCE.search(text)):
                starts.append((seg[0]["x0"], False, size_of(seg[0])))
    for x, _, size in starts:
        near = [b for x1, b, _ in starts if abs(x1 - x) <= 0.5 * size]
        if len(near) >= 3 and sum(near) >= 2:
            return x
    return None


def _with_prose_column(
    lines: list[list[Char]], page: int, layout: Layout | None, x: float
) -> tuple[list[list[Line]], set[int]]:
    """The tables of a page with a column of prose at ``x`` (:func:`_prose_column`): read without the
    prose (from its first line down, every cell starting at ``x`` or right of it), each line of prose
    then put, a paragraph at a time, in the cell at ``x`` of the row with figures nearest to it."""
    size = median_size(lines)
    first = next((k for k, ln in enumerate(lines) if _prose_at(ln, x, size)), None)
    if first is None:
        return tables(lines, page, layout, prose_column=False)
    kept: list[int] = []
    stripped: list[list[Char]] = []
    prose: dict[int, list[Char]] = {}
    for k, ln in enumerate(lines):
        rest = ln if k < first else [c for c in ln if c["x0"] < x - 0.5 * size]
        if k >= first and len(rest) < len(ln):
            prose[k] = [c for c in ln if c["x0"] >= x - 0.5 * size]
        if rest:
            kept.append(k)
            stripped.append(rest)
    blocks, taken = tables(stripped, page, layout, prose_column=False)
    used = {kept[j] for j in taken}
    rows = [r for block in blocks for r in block if r.bbox is not None and r.cells and _has_amount(r.cells)]
    for paragraph in _paragraphs(sorted(prose.items()), size):
        top, bottom = bbox_of(paragraph[0][1])[1], bbox_of(paragraph[-1][1])[3]
        middle = (top + bottom) / 2
        near = [r for r in rows if r.bbox[1] - 2 * size <= bottom and top <= r.bbox[3] + 2 * size]  # type: ignore[index]
        if not near:
            continue
        row = min(near, key=lambda r: abs((r.bbox[1] + r.bbox[3]) / 2 - middle))  # type: ignore[index]
        assert row.cells is not None
        j = max((i for i, e in enumerate(row.edges[:-1]) if e <= x + 0.5 * size), default=len(row.cells) - 1)
        j = min(j, len(row.cells) - 1)
        row.cells[j] = (row.cells[j] or "") + "".join(line_text(chars).replace(" ", "") for _, chars in paragraph)
        used.update(k for k, _ in paragraph)
    return blocks, used


def _paragraphs(lines: list[tuple[int, list[Char]]], size: float) -> list[list[tuple[int, list[Char]]]]:
    """Lines of prose (index, glyphs) in paragraphs: each line set less than 1.6 glyphs under the one before."""
    out: list[list[tuple[int, list[Char]]]] = []
    for k, chars in lines:
        if out and bbox_of(chars)[1] - bbox_of(out[-1][-1][1])[1] < 1.6 * size:
            out[-1].append((k, chars))
        else:
            out.append([(k, chars)])
    return out


def _has_amount(cells: list[str]) -> bool:
    return any(c and is_amount(c.replace(" ", "")) and "." in c for c in cells)


def _prose_at(line: list[Char], x: float, size: float) -> bool:
    """The line prints a cell of prose starting at ``x``."""
    return any(
        abs(seg[0]["x0"] - x) <= 0.5 * size and (len(line_text(seg)) > 40 or _SENTENCE.search(line_text(seg)))
        for seg in _cells(line)
    )


def _below(
    lines: list[list[Char]], read: list[tuple[list[Line], Layout | None]], after: int, k: int, end: int
) -> int | None:
    """The first line of a block that continues the block read just above it on the page (the lower
    part of a table printed apart, under its 本年合计 row), or ``None``: every line between the two
    blocks and of this block fits the columns above (no caption, no header printed again), and its
    figures end at the right edges of the figures above."""
    if not read or read[-1][1] is None:
        return None
    layout = read[-1][1]
    for j in range(after, k):
        text = line_text(lines[j])
        if captions.is_unit_line(text) or captions.label_of(text) or captions.split_title(text):
            return None
        if layout.repeats_header(lines[j]):
            return None
    if not all(layout.fits([lines[j]], need=0, inside=True, labels=True) for j in range(after, k)):
        return None
    return after if layout.fits(lines[after : end + 1], inside=True, labels=True) else None


def _continued(lines: list[list[Char]], start: int, k: int, end: int, layout: Layout, need: int = 2) -> int | None:
    """The first line of a block that continues the remembered table, or ``None``: the block is the
    page's first, no caption above it, no header printed again over it, and its lines (the lines
    above its first figures that fit the columns, a name wrapped over two lines) fit the columns,
    ``need`` amounts at least at the columns' edges (one for a block of one row: the last row of a
    table of tall rows, alone on the page before the next part of the table)."""
    for j in range(k):
        text = line_text(lines[j])
        if captions.is_unit_line(text) or captions.label_of(text) or captions.split_title(text):
            return None
    if any(layout.repeats_header(lines[j]) for j in range(start, k)):
        return None
    first = k
    while first > start and layout.fits([lines[first - 1]], need=0):
        first -= 1
    return first if layout.fits(lines[first : end + 1], need, labels=True) else None


def _placed(lines: list[list[Char]], layout: Layout, page: int) -> list[Line]:
    """A block's rows in the remembered columns: one row per line with figures, wrapped lines joined."""
    visible = [v for v in ([c for c in ln if c["text"].strip()] for ln in lines) if v]
    return _body_rows([(row, layout.place(row.lines)) for row in _rows(visible)], visible, page, layout.bounds)


def _visible_header(lines: list[list[Char]]) -> tuple[list[list[Char]], list[list[Char]]]:
    """A block's header lines without blanks: (the header's lines, the lines among them that are
    rows: its counter rows ``** 1 2 3``, and lines of amounts only, a total printed alone above its
    table's first rows)."""
    head = [[c for c in ln if c["text"].strip()] for ln in lines]
    counters = [ln for ln in head if ln and (is_counter_row([line_text(s) for s in _cells(ln)]) or _amounts_only(ln))]
    return [ln for ln in head if ln and ln not in counters], counters


def _amounts_only(line: list[Char]) -> bool:
    """Every cell of the line an amount with decimals or thousands ("1,266.75")."""
    texts = [line_text(s).replace(" ", "") for s in _cells(line)]
    return all(is_amount(t) and ("." in t or "," in t) for t in texts)


def _header_again(lines: list[list[Char]], start: int, k: int, layout: Layout) -> int | None:
    """The first body line of a block that prints the remembered table's header again, word for
    word at the same places (a continuation page that repeats the header, or a table of the same
    grid), or ``None``. Lines under the repeated header and above the first figures (a name
    wrapped above its row) are body lines."""
    head = [[c for c in ln if c["text"].strip()] for ln in lines[start:k]]
    for n in range(1, len(head) + 1):
        if layout.same_header([ln for ln in head[:n] if ln]):
            return start + n
    return None


def _header_far_above(
    lines: list[list[Char]], segs: list[list[list[Char]]], k: int, layout: Layout
) -> tuple[int, int] | None:
    """(the first header line, the first body line) of a continuation page that prints the remembered
    table's header again further above its first figures than a header line is set, the lines between
    rows without figures (a page whose only figures are its last row's), or ``None``: the header word
    for word at the same places (:meth:`Layout.same_header`), every line under it a line of short text
    that prints in the remembered columns."""
    body = k
    while body > 0 and _continues(segs, lines, body - 1, near=False) and layout.fits([lines[body - 1]], need=0):
        body -= 1
    for first in range(body, min(k, body + MAX_HEADER_LINES) + 1):
        for head in range(max(0, first - MAX_HEADER_LINES), first):
            if layout.same_header([v for v in ([c for c in ln if c["text"].strip()] for ln in lines[head:first]) if v]):
                return head, first
    return None


def _reheaded(header: list[list[Char]], body: list[list[Char]], layout: Layout, page: int) -> list[Line]:
    """A block under a header printed again: the remembered header rows (the same cells as the page
    before, so the repeat is known as one), then the rows in the remembered columns."""
    head, counters = _visible_header(header)
    x0, top, x1, bottom = bbox_of([c for ln in head for c in ln])
    out = [
        Line(
            page=page,
            lineno=None,
            cells=list(cells),
            bbox=(x0, top + 0.001 * j, x1, bottom),
            edges=_edges(layout.bounds, len(cells)),
        )
        for j, cells in enumerate(layout.header_rows)
    ]
    visible = [v for v in ([c for c in ln if c["text"].strip()] for ln in body) if v]
    rows = [(row, layout.place(row.lines)) for row in _rows(counters + visible)]
    return out + _body_rows(rows, visible, page, layout.bounds)


def _empty_tables(lines: list[list[Char]], segs: list[list[list[Char]]], used: set[int]) -> list[tuple[int, int]]:
    """Tables printed empty (header only, perhaps a 合计 row without figures): the lines right under a
    unit line, close to each other, short cells and no sentence, one of them with several cells,
    up to a note, a caption, prose or a wide gap."""
    out = []
    for k, ln in enumerate(lines):
        if k in used or not captions.is_unit_line(line_text(ln)):
            continue
        end = k + 1
        while (
            end < len(lines)
            and end not in used
            and end - k <= MAX_HEADER_LINES
            and (end == k + 1 or _close(lines, end - 1, end, 2.5))
            and _continues(segs, lines, end, near=False)
        ):
            end += 1
        if end - k >= 2 and any(len(segs[j]) >= 2 for j in range(k + 1, end)):
            out.append((k + 1, end))
    return out


def _serial(segs: list[list[Char]]) -> int | None:
    """The number a line of cells starts with ("3" apart from the next cell), when it has more cells."""
    if len(segs) < 2:
        return None
    text = line_text(segs[0]).strip()
    return int(text) if text.isdigit() and len(text) <= 3 else None


def _numbered_tables(lines: list[list[Char]], segs: list[list[list[Char]]], used: set[int]) -> list[tuple[int, int]]:
    """Tables without figures whose rows are numbered (序号 | 单位名称 | 备注, rows 1, 2, 3 …): a line of
    short cells, several of them, then two lines at least close under each other, each starting
    with the next number (from 1) apart from its other cells. (first line, the line after the last)."""
    out = []
    k = 0
    while k + 2 < len(lines):
        end = k + 1
        while (
            end < len(lines)
            and end not in used
            and _serial(segs[end]) == end - k
            and _close(lines, end - 1, end, 2.5)
            and all(len(line_text(s)) <= 40 for s in segs[end])
        ):
            end += 1
        if (
            end - k >= 3
            and k not in used
            and len(segs[k]) >= 2
            and all(len(line_text(s)) <= 40 for s in segs[k])
            and _continues(segs, lines, k, near=False)
        ):
            out.append((k, end))
            k = end
        else:
            k += 1
    return out


def _is_header(lines: list[list[Char]], a: int, b: int, used: set[int], reach: float = 3.0) -> bool:
    """Line ``a`` is a header line of the block whose first line is ``b``: close above it (less than
    ``reach`` line heights), no caption."""
    if a in used:
        return False
    text = line_text(lines[a])
    if _SENTENCE.search(text) or len(text) > 120:
        return False
    if captions.is_unit_line(text) or captions.label_of(text) or captions.split_title(text) or _bare_unit(lines[a]):
        return False
    if _wrapped_department(lines, a):
        return False
    ba, bb = bbox_of(lines[a]), bbox_of(lines[b])
    size = max(ba[3] - ba[1], 1.0)
    return bb[1] - ba[3] < reach * size


def _wrapped_department(lines: list[list[Char]], a: int) -> bool:
    """Line ``a`` is the rest of a department's name wrapped from the caption's department line
    (``部门名称：江苏省人大`` / ``常委会办公厅``): one cell at that line's left edge, less than two
    line heights under it (a unit line between them or not)."""
    if a == 0 or len(_cells(lines[a])) != 1:
        return False
    x0, top, _, _ = bbox_of(lines[a])
    for j in range(a - 1, max(a - 3, -1), -1):
        jx0, jtop, _, jbottom = bbox_of(lines[j])
        if top - jtop > 2 * (jbottom - jtop):
            return False
        if captions.department_of_unit_line(line_text(lines[j])) and abs(jx0 - x0) <= 0.5 * (jbottom - jtop):
            return True
    return False


def _header_a_row_above(lines: list[list[Char]], data: list[bool], k: int, end: int, used: set[int]) -> bool:
    """The line above the block's first line ``k`` is its header though set further above it than a
    header line is (:func:`_is_header`): the block's rows are set further apart than that, and the
    gap between the header and the first row is no wider than the second row is set under the first."""
    if k + 1 > end or not data[k + 1] or not _is_header(lines, k - 1, k, used, reach=float("inf")):
        return False
    pitch = bbox_of(lines[k + 1])[1] - bbox_of(lines[k])[1]
    return bbox_of(lines[k])[1] - bbox_of(lines[k - 1])[3] <= pitch


def _header_under_caption(lines: list[list[Char]], k: int, used: set[int]) -> int:
    """The first header line of a block whose first line ``k`` is set further under its header than
    a header line is (a header of tall cells over one row of figures), else ``k``: the lines between
    the table's caption (its title or unit line, right above them) and its figures, set less than
    :data:`WIDE_HEADER` line heights apart (a group header over tall cells), no caption or sentence among them, and the gap under them no wider than they are tall."""
    start = k
    while (
        start > 0
        and k - start < MAX_HEADER_LINES
        and _is_header(lines, start - 1, start, used, WIDE_HEADER if start < k else float("inf"))
    ):
        start -= 1
    if start == k or start == 0:
        return k
    above = line_text(lines[start - 1])
    if not (captions.is_unit_line(above) or captions.label_of(above) or captions.split_title(above)):
        return k
    top, bottom, first = bbox_of(lines[start])[1], bbox_of(lines[k - 1])[3], bbox_of(lines[k])[1]
    return start if first - bottom <= bottom - top else k


#: a unit printed alone at the right of a table's caption line, without "单位："
_BARE_UNITS = ("万元", "元", "千元", "亿元")


def _bare_unit(line: list[Char]) -> bool:
    """The line is a table's caption line that ends with its unit alone ("341-湖州市财政局   万元")."""
    cells = _cells(line)
    return 2 <= len(cells) <= 3 and line_text(cells[-1]).replace(" ", "") in _BARE_UNITS


def _close(lines: list[list[Char]], a: int, b: int, ratio: float = 1.5) -> bool:
    ba, bb = bbox_of(lines[a]), bbox_of(lines[b])
    return bb[1] - ba[3] < ratio * (ba[3] - ba[1])


def _continues(segs: list[list[list[Char]]], lines: list[list[Char]], k: int, near: bool = True) -> bool:
    """A line of the block without figures (a wrapped name, a row left empty): close under the line
    above, short cells, no sentence, no caption or note."""
    text = line_text(lines[k])
    return (
        all(len(line_text(s)) <= 40 for s in segs[k])
        and not _SENTENCE.search(text)
        and not text.lstrip().startswith(("注", "说明", "备注"))
        and not (captions.is_unit_line(text) or captions.label_of(text) or captions.split_title(text))
        and (not near or _close(lines, k - 1, k))
    )


def _row_ahead(segs: list[list[list[Char]]], lines: list[list[Char]], data: list[bool], k: int, end: int) -> bool:
    """The line under the block's last line ``end`` is the first line of its next row, a name wrapped
    around the row's figures printed close under it: a line of short text, no further under the
    block's last line than the block's rows with figures are apart (``k`` the first); or a row
    without figures midway between two rows with figures, no further from them than the block's
    rows with figures are set apart at least (rows set evenly, a row's pitch larger than a wrapped
    line's)."""
    nxt = end + 1
    if nxt + 1 >= len(lines) or not data[nxt + 1]:
        return _evenly_next(segs, lines, k, end)
    tops = [bbox_of(lines[j])[1] for j in range(k, end + 1) if data[j]]
    if len(tops) < 2:
        return False
    pitch = max(b - a for a, b in itertools.pairwise(tops))
    least = min(b - a for a, b in itertools.pairwise(tops))
    step, after = bbox_of(lines[nxt])[1] - bbox_of(lines[end])[1], bbox_of(lines[nxt + 1])[1] - bbox_of(lines[nxt])[1]
    size = median_size(lines[k : end + 1])
    evenly = abs(step - after) <= 0.15 * size and step <= least + 0.15 * size
    return (
        _continues(segs, lines, nxt, near=False) and (evenly or (_close(lines, nxt, nxt + 1) and step <= 1.1 * pitch))
    ) or _evenly_next(segs, lines, k, end)


def _evenly_next(segs: list[list[list[Char]]], lines: list[list[Char]], k: int, end: int) -> bool:
    """The line under the block's last line ``end`` is a row without figures of a block whose lines
    are set evenly a row apart: a line of short text as far under the last line as the block's
    lines are apart (within a sixth of a glyph), four lines of the block at least (``k`` the first)."""
    nxt = end + 1
    if nxt >= len(lines) or end - k < 3:
        return False
    tops = [bbox_of(lines[j])[1] for j in range(k, nxt + 1)]
    steps = sorted(b - a for a, b in itertools.pairwise(tops[:-1]))
    size = median_size(lines[k : end + 1])
    return (
        steps[-1] - steps[0] <= 0.15 * size
        and abs(tops[-1] - tops[-2] - steps[len(steps) // 2]) <= 0.15 * size
        and _continues(segs, lines, nxt, near=False)
    )


@dataclass
class _Row:
    lines: list[list[Char]] = field(default_factory=list)
    anchor: float = 0.0
    data: bool = False


def _block(
    header: list[list[Char]],
    body: list[list[Char]],
    page: int,
    numbered: bool = False,
    value_at: float | None = None,
    form_columns: tuple[list[list[float]], list[float]] | None = None,
) -> tuple[list[Line], Layout]:
    """The block's rows: its header rows, then one row per line with figures (wrapped lines joined;
    with ``numbered``, per line that starts with its row's number; with ``value_at``, per line that
    prints a form's value, its merged labels spread over their rows, in ``form_columns`` (columns,
    cuts) when given); and its columns, for a page that continues it."""
    visible = join_spaced_glyphs(
        _unwrap_figures([v for v in ([c for c in ln if c["text"].strip()] for ln in body) if v])
    )
    head, counters = _visible_header(header)
    if value_at is not None:
        columns, cuts = form_columns or aligned_forms.columns(head, visible, GAP)
    else:
        columns = body_columns(visible, head, GAP)
        cuts = column_cuts(visible, columns)
    rows = _rows(counters + visible, numbered, value_at)
    out: list[Line] = []
    top = min((bbox_of(ln)[1] for ln in head + visible if ln), default=0.0)
    bounds = cell_bounds(columns, cuts, median_size(visible)) if columns else []
    for k, cells in enumerate(header_rows(head, columns, cuts, GAP)):
        chars = [c for cell in cells for c in cell]
        if not chars:
            continue
        x0, _, x1, bottom = bbox_of(chars)
        texts = [cell_text(cell) if cell else "" for cell in cells]
        out.append(
            Line(
                page=page,
                lineno=None,
                cells=texts,
                bbox=(x0, top + 0.001 * k, x1, bottom),
                edges=_edges(bounds, len(texts)),
            )
        )
    layout = Layout()
    if visible and columns:
        layout.remember(page, visible, head, columns, cuts)
        layout.header_rows = [list(ln.cells or []) for ln in out]
        layout.mark_header(head)
    if value_at is not None:
        form = [(row, aligned_forms.assign(row.lines, cuts, GAP)) for row in rows]
        out.extend(_form_rows(form, page, bounds))
        return out, layout
    figures = figure_columns(visible, columns)
    printing = figure_columns(visible, columns, least=2)
    lefts = text_lefts(visible, columns) if columns else []
    placed = []
    for row in rows:
        buckets = assign(row.lines, columns)
        recentre(buckets, columns, bounds, figures, lefts)
        centre_labels(buckets, bounds, printing)
        placed.append((row, buckets))
    out.extend(_body_rows(placed, visible, page, bounds))
    return out, layout


def _form_rows(placed: list[tuple[_Row, list[list[Char]]]], page: int, bounds: list[tuple[float, float]]) -> list[Line]:
    """A form's rows, its merged labels on the rows they span (:func:`aligned_forms.spread_labels`)."""
    rows, carried = aligned_forms.spread_labels([(buckets, row.data) for row, buckets in placed])
    out = []
    for buckets, copies in zip(rows, carried, strict=True):
        chars = [c for j, b in enumerate(buckets) if j not in copies for c in b]
        if not chars:
            continue
        texts = [cell_text(b) if b else "" for b in buckets]
        out.append(
            Line(
                page=page,
                lineno=None,
                cells=texts,
                bbox=bbox_of(chars),
                edges=_edges(bounds, len(texts)),
                carried=copies,
            )
        )
    return out


def _edges(bounds: list[tuple[float, float]], width: int) -> tuple[float, ...]:
    """The cells' edges (see :attr:`Line.edges`) of a row of ``width`` cells laid out in ``bounds``."""
    if not bounds or len(bounds) != width:
        return ()
    return (*(left for left, _ in bounds), bounds[-1][1])


def _body_rows(
    rows: list[tuple[_Row, list[list[Char]]]],
    visible: list[list[Char]],
    page: int,
    bounds: list[tuple[float, float]],
) -> list[Line]:
    """One line per row, its glyphs by column (cells within ``bounds``); the figures of a row printed
    on two baselines joined."""
    out: list[Line] = []
    merged: list[tuple[_Row, list[list[Char]]]] = []
    size = median_size(visible)
    for row, buckets in rows:
        if merged and row.data and merged[-1][0].data and row.anchor - merged[-1][0].anchor < size:
            before = merged[-1][1]
            if not any(a and b for a, b in zip(before, buckets, strict=True)):
                # figures of one row printed on two baselines (each cell centred on its own)
                for a, b in zip(before, buckets, strict=True):
                    a.extend(b)
                continue
        merged.append((row, buckets))
    labels, alone = merged_labels([buckets for _, buckets in merged], size)
    for i, (_, buckets) in enumerate(merged):
        if i in alone:
            continue
        chars = [c for b in buckets for c in b]
        texts = [cell_text(b) if b else "" for b in buckets]
        carried = []
        for j, label in labels.get(i, {}).items():
            if not texts[j]:
                texts[j] = cell_text(label)
                carried.append(j)
        first = i == 0 or not any(texts[j] == cell_text(lab) for j, lab in labels.get(i - 1, {}).items())
        out.append(
            Line(
                page=page,
                lineno=None,
                cells=texts,
                bbox=bbox_of(chars or [c for lab in labels.get(i, {}).values() for c in lab]),
                edges=_edges(bounds, len(texts)),
                carried=() if first else tuple(sorted(carried)),
            )
        )
    return out


def _rows(lines: list[list[Char]], numbered: bool = False, value_at: float | None = None) -> list[_Row]:
    """Rows of the body: a line with a figure is a row (with ``numbered``, a line that starts with a
    number; with ``value_at``, a line that prints a value, :func:`aligned_forms.value_rows`); a line
    without is joined to the nearest row printed less than a wrapped line's pitch from it, else a
    row of its own."""
    if not lines:
        return []
    size = median_size(lines)
    tops = [bbox_of(ln)[1] for ln in lines]
    is_data = [
        any(_is_figure(line_text(s)) for s in segments(ln, GAP)) or (numbered and _serial(_cells(ln)) is not None)
        for ln in lines
    ]
    if value_at is not None:
        is_data = aligned_forms.value_rows([_cells(ln) for ln in lines], value_at, WRAP_PITCH * size)
    rows: list[_Row] = []
    owner: list[int | None] = [None] * len(lines)
    for k, ln in enumerate(lines):
        if is_data[k]:
            owner[k] = len(rows)
            rows.append(_Row([ln], tops[k], True))
    for k, ln in enumerate(lines):
        if is_data[k]:
            continue
        best, dist = None, WRAP_PITCH * size
        for j in (k - 1, k + 1):
            if (
                0 <= j < len(lines)
                and is_data[j]
                and abs(tops[j] - tops[k]) < dist
                and not _new_item(ln, lines[j], size)
            ):
                best, dist = owner[j], abs(tops[j] - tops[k])
        above = owner[k - 1] if k > 0 else None
        if (
            best is None
            and above is not None
            and tops[k] - tops[k - 1] < WRAP_PITCH * size
            and not _new_item(ln, rows[above].lines[0], size)
            and (tops[k] - tops[k - 1] < 0.8 * size or _under(ln, [c for a in rows[above].lines for c in a]))
        ):
            best = above  # the next line of a name wrapped over three lines, or of a row without figures
        if best is None:
            owner[k] = len(rows)
            rows.append(_Row([ln], tops[k], False))
        else:
            owner[k] = best
            rows[best].lines.append(ln)
    _join_wrapped_bands(lines, tops, is_data, owner, rows, size)
    texts = [[s for s in _cells(ln) if not _is_figure(line_text(s))] for ln in lines]
    join_filled_cells(rows, lines, texts, owner, is_data, size, lambda ln, above: _new_item(ln, above, size))
    join_wrapped_names(rows, lines, texts, owner, size)
    rows = _wrapped_down(rows, lines, owner, tops, size)
    rows.sort(key=lambda r: r.anchor)
    for r in rows:
        r.lines.sort(key=lambda ln: bbox_of(ln)[1])
    return rows


def _under(line: list[Char], above: list[Char]) -> bool:
    """Some glyph of the line prints under a glyph of the row above (a cell's text wrapped onto its
    next line), not beside all of them (a label centred between two rows in another column); lines
    less than a glyph apart (the lines of cells of two columns interleaved) are not asked."""
    return any(min(c["x1"], a["x1"]) - max(c["x0"], a["x0"]) > 0 for c in line for a in above)


def _new_item(line: list[Char], row: list[Char], size: float) -> bool:
    """The line starts a numbered item (一、, （二）) where the row's line starts one too, at the same
    left edge: the next item, not the row's name wrapped."""
    starts = [seg[0]["x0"] for seg in segments(row, GAP) if _ITEM.match(line_text(seg).lstrip())]
    return any(
        _ITEM.match(line_text(seg).lstrip()) and any(abs(seg[0]["x0"] - x) <= size for x in starts)
        for seg in segments(line, GAP)
    )


def _join_wrapped_bands(
    lines: list[list[Char]],
    tops: list[float],
    is_data: list[bool],
    owner: list[int | None],
    rows: list[_Row],
    size: float,
) -> None:
    """Rows take the lines of a name wrapped over three or four lines around its row's figures
    (centred on one of them): the lines set less than a wrapped line's pitch one under the other
    make a band; in a band with one line of figures, a line taken as a row of its own (further than
    a pitch from the figures) is that row's, unless it starts the next numbered item. Where the rows
    with figures are set further apart than two lines, a line less than six tenths of their least
    distance from the next is of the band too (the lines of a cell set half a row apart from the
    figures centred between them); a line as far from the figures as those rows are apart is a row."""
    data_tops = sorted(t for t, d in zip(tops, is_data, strict=True) if d)
    gaps = [b - a for a, b in itertools.pairwise(data_tops) if b - a >= size]
    pitch = max(WRAP_PITCH * size, 0.6 * min(gaps, default=0.0))
    reach = min(gaps, default=float("inf")) - 0.5 * size  # a line a row's pitch away is a row
    k = 0
    while k < len(lines):
        end = k
        while end + 1 < len(lines) and 0 <= tops[end + 1] - tops[end] < pitch:
            end += 1
        band = range(k, end + 1)
        k = end + 1
        targets = {owner[j] for j in band if is_data[j]}
        if len(targets) != 1:
            continue
        target = targets.pop()
        assert target is not None
        for j in band:
            own = owner[j]
            if own is None or own == target or rows[own].data or _new_item(lines[j], rows[target].lines[0], size):
                continue
            if is_counter_row([line_text(s) for s in _cells(lines[j])]):
                continue  # the header's counter row (** ** 1 2) over the first row, no part of its name
            if abs(tops[j] - rows[target].anchor) >= reach:
                continue
            rows[own].lines.remove(lines[j])
            rows[target].lines.append(lines[j])
            owner[j] = target


#: a figure's rest wrapped onto the next line of its cell prints less than this many glyphs below it
_FIGURE_WRAP = 1.6
#: lines as far above and under a row's figures (a name wrapped in two, centred on them) are the
#: row's up to this many glyphs from it
_CENTRED_WRAP = 2.0


def _unwrap_figures(lines: list[list[Char]]) -> list[list[Char]]:
    """The body's lines with the amounts wrapped in narrow cells joined: a figure cut at its cell's
    edge (``1682.7`` over ``6``, ``0.0`` over ``0``) and its rest printed on the cell's next line
    under it (from its left edge, or centred under it), digits only, less than
    :data:`_FIGURE_WRAP` glyphs below it, where the figure has fewer decimals than most amounts of
    the body and the joined one as many. The rest's glyphs move onto the figure's line, right after
    it; lines left empty are dropped."""
    words = [(k, w) for k, ln in enumerate(lines) for w in split_words(ln)]
    places = Counter(d for _, w in words if (d := _decimals(line_text(w))))
    usual = places.most_common(1)[0][0] if places else 0
    if not usual:
        return lines
    out = [list(ln) for ln in lines]
    taken: set[int] = set()
    rests = [(j, v, bbox_of(v), line_text(v)) for j, v in words if line_text(v).isdigit()]
    for k, w in words:
        text = line_text(w)
        if not _decimals(text) or _decimals(text) == usual:
            continue
        size = median_size([w])
        x0, top, x1, _ = bbox_of(w)
        for j, v, (vx0, vtop, vx1, _), rest in rests:
            if (
                j != k
                and id(v[0]) not in taken
                and 0.5 * size < vtop - top < _FIGURE_WRAP * size
                and (abs(vx0 - x0) <= 0.3 * size or abs(vx0 + vx1 - x0 - x1) <= 0.6 * size)
                and _decimals(text + rest) == usual
            ):
                taken.update(id(c) for c in v)
                step = max(w[-1]["x0"] - w[-2]["x1"], 0.0) if len(w) > 1 else 0.0
                shift = x1 + step - vx0
                out[j] = [c for c in out[j] if id(c) not in taken]
                out[k].extend(
                    {**c, "x0": c["x0"] + shift, "x1": c["x1"] + shift, "top": w[-1]["top"], "bottom": w[-1]["bottom"]}
                    for c in v
                )
                out[k].sort(key=lambda c: c["x0"])
                break
    return [ln for ln in out if ln]


def _decimals(text: str) -> int | None:
    """The number of decimals of an amount (``None``: not an amount)."""
    t = text.replace(" ", "")
    if not is_amount(t) or not FIGURE_CHARS.fullmatch(t[:1] or " "):
        return None
    return len(t) - t.rindex(".") - 1 if "." in t else 0


def _print_rows(lines: list[list[Char]]) -> int:
    """How many rows of print the lines make: a line less than a glyph under the one counted last
    is of its row (the lines of cells wrapped one glyph a line, each cell's lines centred in its
    height, interleave at half a line's pitch)."""
    count, last = 0, None
    for ln in lines:
        top = bbox_of(ln)[1]
        if last is None or top - last >= 0.8 * median_size([ln]):
            count, last = count + 1, top
    return count


def _name_above(segs: list[list[list[Char]]], lines: list[list[Char]], data: list[bool], k: int) -> bool:
    """Line ``k`` (no figures, one cell, less than three glyphs under the line above) is the first
    line of a name wrapped above its row's figures in a tall row: the lines from it down to the
    next line with figures are each less than :data:`WRAP_PITCH` glyphs under the one before, and
    it prints over none of that line's figures."""
    if len(segs[k]) != 1 or not _continues(segs, lines, k, near=False) or not _close(lines, k - 1, k, 3.0):
        return False
    size = median_size([lines[k]])
    j = k
    while j + 1 < len(lines) and j - k < 3 and not data[j]:
        if not bbox_of(lines[j + 1])[1] - bbox_of(lines[j])[1] < WRAP_PITCH * size:
            return False
        j += 1
        if not data[j] and (len(segs[j]) != 1 or not _continues(segs, lines, j)):
            return False
    if not data[j]:
        return False
    x0, _, x1, _ = bbox_of(segs[k][0])
    return not any(_is_figure(line_text(s)) and min(x1, s[-1]["x1"]) - max(x0, s[0]["x0"]) > 0 for s in segs[j])


def _wrapped_down(
    rows: list[_Row], lines: list[list[Char]], owner: list[int | None], tops: list[float], size: float
) -> list[_Row]:
    """The rows without figures made of one line printed right above or under a row with figures
    (less than :data:`_FIGURE_WRAP` glyphs from its first or last line, and nearer it than to the
    line on its other side): lines of that row's name, wrapped over three or more lines around its
    figures (``机关`` / ``事业单位基本`` / figures / ``养老保险缴费`` / ``支出``), joined to it two at
    a time (one above, one under; as far as :data:`_CENTRED_WRAP` glyphs when the two are as far from
    it, a name wrapped in two centred on the figures of a tall row), or one (or the lines of a row without figures right above or
    under it) when the row's lines are then the better centred on its figures (not the tail of a
    name wrapped from the page before, nor the next row)."""

    def loose(k: int, row: int, pitch: float, other: int, reach: float = _FIGURE_WRAP) -> bool:
        """Line ``k``, ``pitch`` from the row (less than ``reach`` glyphs), is a row of its own and
        nearer the row than the line on its other side (``other``) is to it."""
        r = owner[k]
        beyond = abs(tops[other] - tops[k]) if 0 <= other < len(lines) else float("inf")
        return (
            r is not None
            and r != row
            and not rows[r].data
            and len(rows[r].lines) == 1
            and pitch < reach * size
            and pitch < 0.75 * beyond
            and not _new_item(lines[k], rows[row].lines[0], size)
        )

    def cluster(k: int, row: int, edge: int, step: int) -> list[int]:
        """The lines of the row without figures that line ``k`` is of, when they are two or more,
        one after the other from ``k`` away from the row's ``edge`` line (lines wrapped in a cell,
        each less than a wrapped line's pitch under the one before: a name wrapped over several
        lines above its figures)."""
        r = owner[k] if 0 <= k < len(lines) else None
        if r is None or r == row or rows[r].data or len(rows[r].lines) < 2:
            return []
        run = [k]
        while 0 <= run[-1] + step < len(lines) and owner[run[-1] + step] == r:
            run.append(run[-1] + step)
        if len(run) != len(rows[r].lines):
            return []
        pitch = abs(tops[k] - tops[edge])
        if pitch >= _FIGURE_WRAP * size or _new_item(lines[min(run)], rows[row].lines[0], size):
            return []
        return run

    def join(k: int, row: int) -> None:
        r = owner[k]
        assert r is not None
        rows[row].lines.append(lines[k])
        rows[r].lines = []
        owner[k] = row

    extent: dict[int, list[int]] = {}  # a row → its first and last line
    for k, o in enumerate(owner):
        if o is not None:
            extent.setdefault(o, [k, k])[1] = k
    for i, row in enumerate(rows):
        if not row.data:
            continue
        first, last = extent[i]
        while True:
            up, down = first - 1, last + 1
            above = up >= 0 and loose(up, i, tops[first] - tops[up], up - 1)
            below = down < len(lines) and loose(down, i, tops[down] - tops[last], down + 1)
            if (above and below) or (
                _evenly_around(tops, up, down, first, last, size)
                and (
                    loose(up, i, tops[first] - tops[up], up - 1, _CENTRED_WRAP)
                    and loose(down, i, tops[down] - tops[last], down + 1, _CENTRED_WRAP)
                )
            ):
                join(up, i)
                join(down, i)
                first, last = up, down
            elif above and _centres_better(lines[up], row):
                join(up, i)
                first = up
            elif below and _centres_better(lines[down], row):
                join(down, i)
                last = down
            elif (run := cluster(up, i, first, -1)) and _centres_better([c for k in run for c in lines[k]], row):
                for k in run:
                    join(k, i)
                first = min(run)
            elif (run := cluster(down, i, last, 1)) and _centres_better([c for k in run for c in lines[k]], row):
                for k in run:
                    join(k, i)
                last = max(run)
            else:
                break
    return [r for r in rows if r.lines]


def _evenly_around(tops: list[float], up: int, down: int, first: int, last: int, size: float) -> bool:
    """Lines ``up`` and ``down`` are as far above line ``first`` and under line ``last`` (within a
    fifth of a glyph)."""
    if up < 0 or down >= len(tops):
        return False
    return abs((tops[first] - tops[up]) - (tops[down] - tops[last])) <= 0.2 * size


def _join_wrapped_units(lines: list[list[Char]]) -> set[int]:
    """A unit wrapped in a narrow cell (``单位：万`` over ``元``): the lower line, printed less than
    :data:`WRAP_PITCH` glyphs under the upper one and under its last cell, which read with it
    makes a unit line (alone, it does not), moves onto the upper line after its last glyph (in
    ``lines``, in place); the indices of the lower lines, left for no one to read."""
    hidden: set[int] = set()
    for a, upper in enumerate(lines):
        cell = segments(upper, GAP)[-1] if upper else []
        if not cell or captions.is_unit_line(line_text(cell)):
            continue
        size = median_size([cell])
        x0, top, x1, _ = bbox_of(cell)
        for b in range(a + 1, min(a + 4, len(lines))):
            lower = lines[b]
            if b in hidden or not lower or not 0.5 * size < bbox_of(lower)[1] - top < WRAP_PITCH * size:
                continue
            lx0, _, lx1, _ = bbox_of(lower)
            if len(segments(lower, GAP)) == 1 and min(x1, lx1) - max(x0, lx0) > 0:
                if captions.is_unit_line(line_text(cell) + line_text(lower)):
                    step = cell[-1]["x1"] + 0.1 * size - lx0
                    moved = [
                        {
                            **c,
                            "x0": c["x0"] + step,
                            "x1": c["x1"] + step,
                            "top": cell[-1]["top"],
                            "bottom": cell[-1]["bottom"],
                        }
                        for c in lower
                    ]
                    lines[a] = [*upper, *moved]
                    hidden.add(b)
                break
    return hidden


def _centres_better(line: list[Char], row: _Row) -> bool:
    """With ``line``, the row's lines are centred closer on its line with figures (its first) than
    without it: the row's cells are vertically centred."""
    figures = row.lines[0]
    middle = (bbox_of(figures)[1] + bbox_of(figures)[3]) / 2
    cell = [c for ln in row.lines for c in ln]

    def off(chars: list[Char]) -> float:
        _, top, _, bottom = bbox_of(chars)
        return abs((top + bottom) / 2 - middle)

    return off(cell + line) < off(cell)


def _glyph_column(lines: list[list[Char]], start: int, k: int, end: int) -> int:
    """The first body line of a block whose first row prints a cell one glyph a line over the row's
    whole height (``部`` / ``门`` / ``特`` / ``定`` / ``目`` … beside the figures): the lines of single
    glyphs right above the first figures, each under the one before at the same left edge, whose
    column goes on through the line of the first figures and the line under it, are the row's,
    not header lines; ``k`` when there are none."""
    if k + 1 > end:
        return k
    first = k
    for j in range(k - 1, start - 1, -1):
        glyphs = [c for c in lines[j] if c["text"].strip()]
        if len(glyphs) != 1 or not "\u4e00" <= glyphs[0]["text"] <= "\u9fff":
            break
        g = glyphs[0]
        size = size_of(g)
        if bbox_of(lines[j + 1])[1] - g["top"] >= WRAP_PITCH * size:
            break
        if not all(_single_glyph_at(lines[m], g["x0"], size) for m in (j + 1, k, k + 1)):
            break
        first = j
    return first


def _single_glyph_at(line: list[Char], x: float, size: float) -> bool:
    """The line prints a cell of one Chinese glyph starting at ``x``."""
    return any(
        len(seg) == 1 and "\u4e00" <= seg[0]["text"] <= "\u9fff" and abs(seg[0]["x0"] - x) <= 0.3 * size
        for seg in segments([c for c in line if c["text"].strip()], GAP)
    )
