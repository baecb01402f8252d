"""The columns of a table printed without rules, and which column each glyph of a row is in.

A column is an x-range where the table's body prints: amounts right-aligned, names left-aligned,
each column's text apart from the next by a gap where no line of the body prints.  A column that
the body leaves empty on this page prints only its header: a header word over an x-range where
nothing of the body prints is a column of its own.
"""

from __future__ import annotations

import itertools

from budgetx import patterns
from budgetx.normalize.amounts import is_amount
from budgetx.readers.pdf.chars import Char, segments, size_of

#: the glyphs of a printed figure: each goes to the column under it (two figures one space apart
#: are two cells)
FIGURE_CHARS = patterns.compile(r"[0-9.,\-—–()（）%％]")


def body_columns(body: list[list[Char]], header: list[list[Char]], gap: float) -> list[list[float]]:
    """x-ranges [x0, x1] of the columns, left to right.

    The body's columns are matched in order with the lowest header words (those with no header
    word under them), nearest first (:func:`_match`); a column takes its header word's extent (a
    header centred in a wide cell over a left-aligned code).  A lowest header word matched with no
    column and over none is the header of a column printed empty; the header words of its stack
    widen it.
    """
    size = median_size(body + header)
    columns = _join_labels(body, _spans(body, _bridging(body, size)), size)
    columns = _join_centred_labels(body, columns, size)
    reach = _reach(columns, figure_columns(body, columns), size)
    words = [
        (s[0]["x0"], max(c["x1"] for c in s), min(c["top"] for c in s), max(c["bottom"] for c in s))
        for k, ln in enumerate(header)
        for s in header_words(ln, gap, columns, header[:k])
        if s
    ]
    lowest = sorted(
        w for w in words if not any(v[2] > w[3] - 1.0 and min(v[1], w[1]) - max(v[0], w[0]) > 0 for v in words)
    )
    matched = _match(lowest, columns, 3.0 * size, reach)
    matched = _prefer_own_headers(matched, lowest, words, columns, reach, size)
    for i, j in matched.items():
        columns[j] = [min(columns[j][0], lowest[i][0]), max(columns[j][1], lowest[i][1])]
    extra: list[list[float]] = []
    for i, (x0, x1, _, _) in enumerate(lowest):
        if i in matched or any(min(x1, c1) - max(x0, c0) > -0.5 for c0, c1 in columns):
            continue
        if _heads_group(lowest[i], words, size, columns):
            continue
        if extra and x0 <= extra[-1][1] + 0.5:
            extra[-1][1] = max(extra[-1][1], x1)
        else:
            extra.append([x0, x1])
    for x0, x1, _, _ in words:
        over = [col for col in extra if min(x1, col[1]) - max(x0, col[0]) > 0]
        if len(over) == 1 and not any(min(x1, c1) - max(x0, c0) > 0 for c0, c1 in columns):
            # a word of the column's header (a group header over several such columns widens none)
            over[0][0], over[0][1] = min(over[0][0], x0), max(over[0][1], x1)
    return sorted(columns + extra)


def _join_labels(body: list[list[Char]], columns: list[list[float]], size: float) -> list[list[float]]:
    """The columns without the x-ranges printed by one word of text alone, close right of a column
    of text (a 合计 label centred in the names' cell): that column's, widened."""
    if len(body) < 3:
        return columns
    users: list[list[str]] = [[] for _ in columns]
    for ln in body:
        for w in split_words(ln):
            users[column_of(columns, w[0]["x0"], max(c["x1"] for c in w))].append("".join(c["text"] for c in w))
    out: list[list[float]] = []
    texts: list[bool] = []
    for col, words in zip(columns, users, strict=True):
        text = bool(words) and not any(is_amount(t) or FIGURE_CHARS.fullmatch(t[:1] or " ") for t in words)
        if out and texts[-1] and len(words) == 1 and text and col[0] - out[-1][1] < 2 * size:
            out[-1][1] = max(out[-1][1], col[1])
            continue
        out.append(list(col))
        texts.append(text)
    return out


def _prefer_own_headers(
    matched: dict[int, int],
    lowest: list[tuple[float, float, float, float]],
    words: list[tuple[float, float, float, float]],
    columns: list[list[float]],
    reach: list[tuple[float, float]],
    size: float,
) -> dict[int, int]:
    """The matches of header words with columns, a column matched with a group header (支出 printed
    right over the amounts of the first block under it) given instead to a word left unmatched
    that prints within the column's reach and heads no group (金额, centred in that column's cell)."""
    out = dict(matched)
    for i, j in matched.items():
        if not _heads_group(lowest[i], words, size, columns):
            continue
        lo, hi = reach[j]
        other = [
            k
            for k, w in enumerate(lowest)
            if k not in out and lo <= w[0] and w[1] <= hi and not _heads_group(w, words, size, columns)
        ]
        if len(other) == 1:
            del out[i]
            out[other[0]] = j
    return out


def _join_centred_labels(body: list[list[Char]], columns: list[list[float]], size: float) -> list[list[float]]:
    """The columns without the x-range printed only by labels centred over merged cells (当年支出小计,
    支出合计 centred over the names and amounts of the 支出 block): words of text alone in their
    column, two at least and on a quarter of the lines at most (the rows of totals), centred on one
    middle but not aligned left, each on a line that prints nothing in the column of text on its
    left; that column's, widened to their middle."""
    users: list[list[tuple[float, float, int]]] = [[] for _ in columns]
    for k, ln in enumerate(body):
        for w in split_words(ln):
            users[column_of(columns, w[0]["x0"], max(c["x1"] for c in w))].append(
                (w[0]["x0"], max(c["x1"] for c in w), k)
            )
    out: list[list[float]] = []
    texts: list[bool] = []
    for j, col in enumerate(columns):
        words = users[j]
        mids = [(x0 + x1) / 2 for x0, x1, _ in words]
        text = bool(words) and not any(
            FIGURE_CHARS.fullmatch(c["text"]) for k in {k for _, _, k in words} for c in _in(body[k], col)
        )
        centred = (
            2 <= len(words) <= len(body) / 4
            and text
            and max(mids) - min(mids) <= 0.5 * size
            and max(x0 for x0, _, _ in words) - min(x0 for x0, _, _ in words) > 0.5 * size
        )
        if centred and out and texts[-1] and not any(_in(body[k], out[-1]) for _, _, k in words):
            out[-1][1] = max(out[-1][1], sum(mids) / len(mids))  # to the labels' middle: a header over
            continue  # the next column, printed within the labels' extent, stays that column's
        out.append(list(col))
        texts.append(text and not centred)
    return out


def _in(line: list[Char], col: list[float]) -> list[Char]:
    """The line's glyphs printed within the x-range ``col``."""
    return [c for c in line if c["text"].strip() and min(c["x1"], col[1]) - max(c["x0"], col[0]) > 0]


def _reach(columns: list[list[float]], figures: set[int], size: float) -> list[tuple[float, float]]:
    """Where a column's header, centred in its cell, may print: a column of left-aligned text from
    its text's left edge to the next column's text, a column of right-aligned figures from the column
    before's text to its figures' right edge."""
    out = []
    for j, (c0, c1) in enumerate(columns):
        if j in figures:
            out.append((columns[j - 1][1] if j else c0 - 10 * size, c1 + size))
        else:
            out.append((c0 - size, columns[j + 1][0] if j + 1 < len(columns) else c1 + 10 * size))
    return out


def _heads_group(
    w: tuple[float, float, float, float],
    words: list[tuple[float, float, float, float]],
    size: float,
    columns: list[list[float]] | None = None,
) -> bool:
    """A header word centred over words printed under it, left and right of it (or over the body's
    columns under them), whose columns print nothing above it: a group header (收入 over 项目 |
    金额), not a column of its own."""
    mid = (w[0] + w[1]) / 2

    def extent(x0: float, x1: float) -> tuple[float, float]:
        over = [c for c in columns or [] if min(x1, c[1]) - max(x0, c[0]) > 0]
        return min([x0, *(c[0] for c in over)]), max([x1, *(c[1] for c in over)])

    below = [v for v in words if v[2] > w[3] - 1.0]
    for v in below:
        if v[1] > w[0] + 0.5 * size:
            continue
        for u in below:
            if u[0] < w[1] - 0.5 * size:
                continue
            if abs((v[0] + u[1]) / 2 - mid) > 2 * size and (
                abs((extent(*v[:2])[0] + extent(*u[:2])[1]) / 2 - mid) > 2 * size
            ):
                continue
            if not any(
                t[3] < w[2] + 0.5 * size
                and t[2] < w[2] - 0.5 * size
                and min(t[1], u[1]) - max(t[0], v[0]) > 0
                and min(t[1], w[1]) - max(t[0], w[0]) <= 0
                for t in words
            ):
                return True
    return False


def header_words(
    line: list[Char], gap: float, columns: list[list[float]] | None = None, above: list[list[Char]] | None = None
) -> list[list[Char]]:
    """A header line's words: split where the gap is wider than ``gap`` glyphs, and inside a
    segment of glyphs set close together where one gap is a quarter glyph or wider (two headers
    of narrow columns printed almost touching); evenly letter-spaced words stay whole, those spaced
    a glyph apart too, unless they print over different ``columns`` or under different words of
    the lines ``above`` (:func:`letter_spaced`)."""
    out: list[list[Char]] = []
    under = [seg for ln in above or [] for seg in segments([c for c in ln if c["text"].strip()], gap) if seg]
    for seg in letter_spaced(segments(line, gap), columns or [], under):
        gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(seg)]
        size = max(size_of(c) for c in seg)
        if not gaps or max(gaps) <= 0.25 * size or min(gaps) >= 0.1 * size:
            out.append(seg)
            continue
        word = [seg[0]]
        for g, c in zip(gaps, seg[1:], strict=True):
            if g > 0.25 * size:
                out.append(word)
                word = []
            word.append(c)
        out.append(word)
    return out


#: most space between the glyphs of a letter-spaced header word ("合  计"), in glyphs
LETTER_SPACING = 1.5
#: most space between the glyphs of a header word spread across its cell ("收          入")
SPREAD = 12.0


def letter_spaced(
    segs: list[list[Char]], columns: list[list[float]], above: list[list[Char]] | None = None
) -> list[list[Char]]:
    """Segments of one Chinese glyph each, set evenly apart, joined: a header word letter-spaced
    ("合  计", "项  目") or spread across its cell ("收          入"). Glyphs at most
    :data:`LETTER_SPACING` glyphs apart are joined unless they print over different body
    ``columns`` (the headers of narrow columns, 类 | 款); glyphs further apart (up to
    :data:`SPREAD`) when the next prints over no column, or over a column of the first, and the two
    print under no two different words ``above`` (the last glyphs of two headers wrapped in their
    cells, ``单位预留机动经`` / ``费`` beside ``结转下年资`` / ``金``)."""
    out: list[list[Char]] = []
    spacing: float | None = None
    run = False  # the last segment out is one glyph, or glyphs joined here
    for seg in segs:
        if run and _single_glyph(seg):
            prev = out[-1][-1]
            size = min(size_of(prev), size_of(seg[0]))
            g = seg[0]["x0"] - prev["x1"]
            if (
                (spacing is None or abs(g - spacing) <= 0.3 * size)
                and _spaced(prev, seg[0], g / size, columns)
                and (g <= LETTER_SPACING * size or not _under_two(prev, seg[0], above or []))
            ):
                out[-1] = [*out[-1], seg[0]]
                spacing = g
                continue
        out.append(seg)
        spacing = None
        run = _single_glyph(seg)
    return out


def _spaced(a: Char, b: Char, gap: float, columns: list[list[float]]) -> bool:
    """Glyphs ``gap`` glyphs apart are letters of one word (:func:`letter_spaced`)."""
    over_a = {j for j, (c0, c1) in enumerate(columns) if min(a["x1"], c1) - max(a["x0"], c0) > 0}
    over_b = {j for j, (c0, c1) in enumerate(columns) if min(b["x1"], c1) - max(b["x0"], c0) > 0}
    if over_a and over_b and not over_a & over_b:
        return False
    if gap <= LETTER_SPACING:
        return True
    return bool(columns) and gap <= SPREAD and (not over_b or bool(over_a & over_b))


def _under_two(a: Char, b: Char, above: list[list[Char]]) -> bool:
    """``a`` and ``b`` print under two different words of ``above``."""
    wa = [k for k, w in enumerate(above) if min(a["x1"], w[-1]["x1"]) - max(a["x0"], w[0]["x0"]) > 0]
    wb = [k for k, w in enumerate(above) if min(b["x1"], w[-1]["x1"]) - max(b["x0"], w[0]["x0"]) > 0]
    return bool(wa) and bool(wb) and not set(wa) & set(wb)


def _single_glyph(seg: list[Char]) -> bool:
    return len(seg) == 1 and "\u4e00" <= seg[0]["text"] <= "\u9fff"


def split_words(line: list[Char]) -> list[list[Char]]:
    """A printed line's words: split where the gap is wider than a third of a glyph, and where a
    figure ends and text begins after any gap (an amount right-aligned against the next cell)."""
    out: list[list[Char]] = []
    for c in line:
        if out:
            prev = out[-1][-1]
            gap = c["x0"] - prev["x1"]
            size = min(size_of(c), size_of(prev))
            turn = bool(FIGURE_CHARS.fullmatch(prev["text"])) and not FIGURE_CHARS.fullmatch(c["text"])
            if gap <= 0.3 * size and not (turn and gap > 0.05 * size):
                out[-1].append(c)
                continue
        out.append([c])
    return out


def median_size(lines: list[list[Char]]) -> float:
    """The median glyph size of the lines."""
    sizes = sorted(size_of(c) for ln in lines for c in ln)
    return sizes[len(sizes) // 2] if sizes else 10.0


def _match(
    words: list[tuple[float, float, float, float]],
    columns: list[list[float]],
    skip: float,
    reach: list[tuple[float, float]] | None = None,
) -> dict[int, int]:
    """Header words matched in order with body columns (each at most once), at least total distance
    (none for a word inside the column's ``reach``, :func:`_reach`); leaving a word or a column
    unmatched costs ``skip``."""
    n, m = len(words), len(columns)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    move: list[list[int]] = [[0] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            options = []
            if i and j:
                w, c = words[i - 1], columns[j - 1]
                d = max(0.0, c[0] - w[1], w[0] - c[1])
                if reach is not None:
                    lo, hi = reach[j - 1]
                    d = min(d, max(0.0, lo - w[0]) + max(0.0, w[1] - hi)) + 0.01 * d  # the nearer word first
                options.append((cost[i - 1][j - 1] + d, 0))
            if i:
                options.append((cost[i - 1][j] + skip, 1))
            if j:
                options.append((cost[i][j - 1] + skip, 2))
            cost[i][j], move[i][j] = min(options)
    out: dict[int, int] = {}
    i, j = n, m
    while i or j:
        k = move[i][j]
        if k == 0:
            out[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif k == 1:
            i -= 1
        else:
            j -= 1
    return out


def _bridging(lines: list[list[Char]], size: float) -> set[int]:
    """The words of text that alone join the x-ranges of two columns (``当年支出小计`` centred over
    the merged cells of 功能科目名称 | 金额 | 项目名称, across the gap between the names and their
    amounts): a gap wider than half a glyph where no word starts or ends, printed over only by
    words of text reaching across it, on a quarter of the lines at most, with words of two lines
    at least wholly left of it and two wholly right of it (words reaching across no such gap
    themselves). The ids of their first glyphs."""
    words = [(k, w, w[0]["x0"], max(c["x1"] for c in w)) for k, ln in enumerate(lines) for w in split_words(ln)]
    edges = sorted({x for _, _, x0, x1 in words for x in (x0, x1)})
    gaps = []
    for a, b in itertools.pairwise(edges):
        if b - a <= 0.6 * size:
            continue
        across = [(k, w) for k, w, x0, x1 in words if x0 <= a and b <= x1]
        if across and len({k for k, _ in across}) <= len(lines) / 4 and not any(_figure(w) for _, w in across):
            gaps.append((a, b, across))
    crossing = {id(w[0]) for _, _, across in gaps for _, w in across}
    found: set[int] = set()
    for a, b, across in gaps:
        lo = min(w[0]["x0"] for _, w in across)
        hi = max(max(c["x1"] for c in w) for _, w in across)
        left = {k for k, w, _, x1 in words if lo < x1 <= a and id(w[0]) not in crossing}
        right = {k for k, w, x0, _ in words if b <= x0 < hi and id(w[0]) not in crossing}
        if len(left) >= 2 and len(right) >= 2:
            found.update(id(w[0]) for _, w in across)
    return found


def _figure(word: list[Char]) -> bool:
    return all(FIGURE_CHARS.fullmatch(c["text"]) for c in word)


def _spans(lines: list[list[Char]], skip: set[int] | frozenset[int] = frozenset()) -> list[list[float]]:
    """x-ranges printed by the lines' words, split where nothing prints for more than half a glyph,
    between a figure's end and a word of text (amounts right-aligned against the next column's
    names), and between two amounts printed next to each other on one line (wide amounts in narrow
    cells, a space apart)."""
    words = []
    cuts = []  # between two amounts of one line: two cells, however close
    for ln in lines:
        before = None
        for w in split_words(ln):
            if id(w[0]) in skip:
                continue
            figure = all(FIGURE_CHARS.fullmatch(c["text"]) for c in w)
            words.append((w[0]["x0"], max(c["x1"] for c in w), max(size_of(c) for c in w), figure))
            text = "".join(c["text"] for c in w)
            amount = is_amount(text) and ("." in text or "," in text)
            if amount and before is not None:
                cuts.append((before + w[0]["x0"]) / 2)
            before = max(c["x1"] for c in w) if amount else None
    words.sort()
    columns: list[list[float]] = []
    ends_figure = False
    for x0, x1, size, figure in words:
        if (
            columns
            and (x0 <= columns[-1][1] or (x0 <= columns[-1][1] + 0.6 * size and not (ends_figure and not figure)))
            and not any(columns[-1][1] <= c <= x0 for c in cuts)
        ):
            if x1 > columns[-1][1]:
                columns[-1][1] = x1
                ends_figure = figure
        else:
            columns.append([x0, x1])
            ends_figure = figure
    return columns


def column_cuts(body: list[list[Char]], columns: list[list[float]]) -> list[float]:
    """Where each column's cell ends and the next one's begins, as the text's alignment shows it:
    just right of a column of right-aligned figures, just left of a column of left-aligned text,
    else midway; never inside a column's printed text (its header included)."""
    size = median_size(body)
    figures = [0] * len(columns)
    texts = [0] * len(columns)
    left = [float("inf")] * len(columns)
    right = [float("-inf")] * len(columns)
    for ln in body:
        for w in split_words(ln):
            j = column_of(columns, w[0]["x0"], w[-1]["x1"])
            text = "".join(c["text"] for c in w)
            if is_amount(text) and ("." in text or "," in text):  # right-aligned (a code is left-aligned)
                figures[j] += 1
            else:
                texts[j] += 1
            left[j] = min(left[j], w[0]["x0"])
            right[j] = max(right[j], w[-1]["x1"])
    cuts = []
    for j, (a, b) in enumerate(itertools.pairwise(columns)):
        cut = (a[1] + b[0]) / 2
        if figures[j] > texts[j]:
            cut = max(right[j] + 0.4 * size, a[1] + 0.2 * size)
        elif texts[j + 1] > figures[j + 1]:
            cut = min(left[j + 1] - 0.4 * size, b[0] - 0.2 * size)
        cuts.append(min(max(cut, a[1]), b[0]))
    return cuts


def cell_bounds(columns: list[list[float]], cuts: list[float], size: float) -> list[tuple[float, float]]:
    """Each column's cell as far as the text shows it: between the cuts around it (half a glyph
    beyond the outer columns' text)."""
    lefts = [columns[0][0] - 0.5 * size, *cuts]
    rights = [*cuts, columns[-1][1] + 0.5 * size]
    return list(zip(lefts, rights, strict=True))


def column_of(columns: list[list[float]], x0: float, x1: float) -> int:
    """The column a range overlaps most (or is nearest to)."""
    best, overlap = 0, -1e9
    for j, (c0, c1) in enumerate(columns):
        o = min(x1, c1) - max(x0, c0)  # negative: the distance to the column
        if o > overlap:
            best, overlap = j, o
    return best


def assign(lines: list[list[Char]], columns: list[list[float]]) -> list[list[Char]]:
    """A row's glyphs by column: a figure's glyphs each to the column under it, a word to the first
    column it prints in (a label merged over two columns, 合计 over 科目编码 | 科目名称, is the first's)."""
    buckets: list[list[Char]] = [[] for _ in columns]
    for line in lines:
        for word in split_words(line):
            if all(FIGURE_CHARS.fullmatch(c["text"]) for c in word):
                for c in word:
                    buckets[column_of(columns, c["x0"], c["x1"])].append(c)
                continue
            touched = [j for j, (c0, c1) in enumerate(columns) if min(word[-1]["x1"], c1) - max(word[0]["x0"], c0) > 0]
            j = touched[0] if touched else column_of(columns, word[0]["x0"], word[-1]["x1"])
            buckets[j].extend(word)
    return buckets


def figure_columns(body: list[list[Char]], columns: list[list[float]], least: int | None = None) -> set[int]:
    """The columns that print mostly figures (amounts with decimals or thousands); with ``least``,
    those that print that many figures at least."""
    figures = [0] * len(columns)
    texts = [0] * len(columns)
    for ln in body:
        for w in split_words(ln):
            j = column_of(columns, w[0]["x0"], w[-1]["x1"])
            text = "".join(c["text"] for c in w)
            if is_amount(text) and ("." in text or "," in text):
                figures[j] += 1
            else:
                texts[j] += 1
    if least is not None:
        return {j for j, f in enumerate(figures) if f >= least}
    return {j for j, (f, t) in enumerate(zip(figures, texts, strict=True)) if f > t}


def recentre(
    buckets: list[list[Char]],
    columns: list[list[float]],
    bounds: list[tuple[float, float]],
    figures: set[int] | frozenset[int] = frozenset(),
    lefts: list[float] | None = None,
) -> None:
    """A row's first word of text centred over the cells of several columns, the row's first (a
    合计 label printed over the merged cells of 科目编码 | 科目名称), is the first of these columns',
    as a ruled grid gives a merged cell's text: moved when it is not aligned with its column's left
    edge and is nearer the centre of the run than the centre of its own cell, and no column of the
    run before it prints ``figures`` (a name indented in the second block of 收入 | 支出); or, printed
    left of its column's text (``lefts``: where most of the column's words start), when centred in a cell from an earlier column's left edge
    to the gap after its own column's text (the cell's right edge, which the text does not show)."""
    j = next((k for k, b in enumerate(buckets) if b), 0)
    word = buckets[j]
    if j == 0 or all(FIGURE_CHARS.fullmatch(c["text"]) for c in word):
        return
    size = median_size([word])
    if max(c["top"] for c in word) - min(c["top"] for c in word) > 0.5 * size:
        return  # a name wrapped over lines
    x0, x1 = min(c["x0"] for c in word), max(c["x1"] for c in word)
    mid = (x0 + x1) / 2
    first = max((i + 1 for i in figures if i < j), default=0)
    if lefts is not None and x0 < lefts[j] - 0.3 * size:
        # printed left of its column's text: centred in a cell from an earlier column's left edge
        # to the gap after its own column's text
        for a in range(j - 1, first - 1, -1):
            if columns[j][1] <= 2 * mid - bounds[a][0] <= bounds[j][1] + size:
                buckets[a].extend(word)
                word.clear()
                return
    if x0 - columns[j][0] < 0.5 * size or (lefts is not None and abs(x0 - lefts[j]) < 0.3 * size):
        return  # left-aligned with the column's text
    best = min(range(first, j + 1), key=lambda i: (abs(mid - (bounds[i][0] + bounds[j][1]) / 2), -i))
    if best < j and abs(mid - (bounds[best][0] + bounds[j][1]) / 2) < size:
        buckets[best].extend(word)
        word.clear()


def centre_labels(
    buckets: list[list[Char]],
    bounds: list[tuple[float, float]],
    figures: set[int] | frozenset[int],
) -> None:
    """A word of text in a column of ``figures`` (a label centred over merged cells, ``支出合计`` over
    功能科目名称 | 金额 | 项目名称, printed within the figures' column) is the first column's of the
    run of cells it is centred on (within a glyph), as a ruled grid gives a merged cell's text: a
    run from a column of text, the word's column in it, the run's other cells empty in the row."""
    for j in sorted(figures):
        word = buckets[j] if j < len(buckets) else []
        if not word or any(FIGURE_CHARS.fullmatch(c["text"]) for c in word):
            continue
        size = median_size([word])
        mid = (min(c["x0"] for c in word) + max(c["x1"] for c in word)) / 2
        starts = []
        a = j - 1
        while a >= 0 and not buckets[a]:
            if a not in figures:
                starts.append(a)
            a -= 1
        ends = [j]
        while ends[-1] + 1 < len(buckets) and not buckets[ends[-1] + 1]:
            ends.append(ends[-1] + 1)
        runs = [(a, b) for a in starts for b in ends]
        if not runs:
            continue
        a, b = min(runs, key=lambda r: abs(mid - (bounds[r[0]][0] + bounds[r[1]][1]) / 2))
        if abs(mid - (bounds[a][0] + bounds[b][1]) / 2) < size:
            buckets[a].extend(word)
            word.clear()


def text_lefts(body: list[list[Char]], columns: list[list[float]]) -> list[float]:
    """Each column's left edge as most of its words start there (within a third of a glyph; the
    leftmost of the most common), its extent's left edge when no two words start together."""
    size = median_size(body)
    starts: list[list[float]] = [[] for _ in columns]
    for ln in body:
        for w in split_words(ln):
            starts[column_of(columns, w[0]["x0"], max(c["x1"] for c in w))].append(w[0]["x0"])
    out = []
    for col, xs in zip(columns, starts, strict=True):
        counts = [(sum(abs(y - x) <= 0.3 * size for y in xs), -x) for x in xs]
        best = max(counts, default=(0, 0.0))
        out.append(-best[1] if best[0] >= 2 else col[0])
    return out


#: most space between the two glyphs of a word letter-spaced in a table's body (``合   计``), in glyphs
BODY_SPACING = 2.0


def join_spaced_glyphs(lines: list[list[Char]]) -> list[list[Char]]:
    """The body's lines with two glyphs letter-spaced into one word (``合   计``, a label spread in its
    cell) made one: two Chinese glyphs, each a word alone, at most :data:`BODY_SPACING` glyphs
    apart on one line and nearer each other than to the words beside them, the first widened to
    the second (copies; the lines are new lists)."""
    out = []
    for line in lines:
        words = split_words(line)
        joined: list[Char] = []
        for k, w in enumerate(words):
            nxt = words[k + 1] if k + 1 < len(words) else None
            prev = words[k - 1] if k else None
            gap = nxt[0]["x0"] - w[0]["x1"] if nxt is not None else 0.0
            if (
                nxt is not None
                and _single_glyph(w)
                and _single_glyph(nxt)
                and (prev is None or (not _single_glyph(prev) and w[0]["x0"] - prev[-1]["x1"] > gap))
                and (
                    k + 2 >= len(words)
                    or (not _single_glyph(words[k + 2]) and words[k + 2][0]["x0"] - nxt[0]["x1"] > gap)
                )
                and gap <= BODY_SPACING * min(size_of(w[0]), size_of(nxt[0]))
            ):
                joined.append({**w[0], "x1": nxt[0]["x0"]})
                continue
            joined.extend(w)
        out.append(joined)
    return out
