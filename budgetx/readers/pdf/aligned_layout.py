"""The columns of a table printed without rules, remembered for the page that continues it.

A table continued on the next page without its header prints only the columns it has figures
for there: read on their own, that page's lines make fewer columns and their cells shift left.
:class:`Layout` keeps the last table's columns (their printed extents, where one cell ends and the
next begins, the right edge of right-aligned figures) and its header's text; the first block of
the next page, under no caption, takes those columns when its lines fit them (:func:`fits`):
every figure ends at a remembered figure column's right edge or inside a column printed empty
before, every word of text starts in a column of text and prints over no column of figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from budgetx.normalize.amounts import is_amount
from budgetx.readers.pdf.aligned_columns import FIGURE_CHARS, cell_bounds, median_size, recentre, split_words
from budgetx.readers.pdf.aligned_forms import Columns
from budgetx.readers.pdf.chars import Char, line_text

#: a remembered column's kind: mostly figures, mostly text, or printed empty
FIGURES, TEXT, EMPTY = "figures", "text", "empty"


@dataclass
class Layout:
    """The columns of the last table read from aligned text: on which page, where each column prints
    and what, and the header's words (without whitespace)."""

    page: int = 0
    columns: list[list[float]] = field(default_factory=list)
    #: each column's cell: from the cut before it to the cut after it
    bounds: list[tuple[float, float]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    #: the right edge of a column of right-aligned figures (``None``: not right-aligned)
    edges: list[float | None] = field(default_factory=list)
    #: the middle of a column of centred figures (``None``: not centred)
    middles: list[float | None] = field(default_factory=list)
    header: str = ""
    size: float = 10.0
    #: the header rows read over the table, each column's cell text (for a page that prints them again)
    header_rows: list[list[str]] = field(default_factory=list)
    #: the header's words and where they print: (text, x0, x1, top) by line, the top from the first line's
    header_marks: list[tuple[str, float, float, float]] = field(default_factory=list)
    #: the columns of the form read last, when its page read one (:mod:`budgetx.readers.pdf.aligned_forms`)
    form: Columns | None = None

    def remember(
        self,
        page: int,
        body: list[list[Char]],
        header: list[list[Char]],
        columns: list[list[float]],
        cuts: list[float],
    ) -> None:
        """Keep the columns of a table read on ``page``."""
        size = median_size(body + header)
        bounds = cell_bounds(columns, cuts, size)
        figures: list[list[float]] = [[] for _ in columns]
        mids: list[list[float]] = [[] for _ in columns]
        texts = [0] * len(columns)
        for ln in body:
            for w in split_words(ln):
                j = _region(bounds, (w[0]["x0"] + w[-1]["x1"]) / 2)
                text = "".join(c["text"] for c in w)
                if is_amount(text) and ("." in text or "," in text):
                    figures[j].append(w[-1]["x1"])
                    mids[j].append((w[0]["x0"] + w[-1]["x1"]) / 2)
                else:
                    texts[j] += 1
        self.page = page
        self.columns = [list(c) for c in columns]
        self.bounds = bounds
        self.kinds = [
            EMPTY if not f and not t else FIGURES if len(f) > t else TEXT for f, t in zip(figures, texts, strict=True)
        ]
        self.edges = [_edge(f, size) for f in figures]
        self.middles = [_edge(m, size) if e is None else None for m, e in zip(mids, self.edges, strict=True)]
        self.header = "".join(line_text(ln).replace(" ", "") for ln in header)
        self.size = size

    def mark_header(self, header: list[list[Char]]) -> None:
        """Keep where the header's words print, to know the header printed again (:meth:`same_header`)."""
        self.header_marks = _marks(header)

    def same_header(self, header: list[list[Char]]) -> bool:
        """The lines print the remembered header again: the same words at the same places (the
        same distance apart vertically)."""
        marks = _marks(header)
        return (
            bool(marks)
            and len(marks) == len(self.header_marks)
            and all(
                a[0] == b[0] and all(abs(x - y) <= 0.5 * self.size for x, y in zip(a[1:], b[1:], strict=True))
                for a, b in zip(marks, self.header_marks, strict=True)
            )
        )

    def take(self, other: Layout) -> None:
        """Remember ``other``'s table instead."""
        self.__dict__.update(other.__dict__)

    def forget(self) -> None:
        self.page = 0
        self.columns = []

    def continues(self, page: int) -> bool:
        """A table read on the page before ``page``."""
        return bool(self.columns) and self.page == page - 1

    def repeats_header(self, line: list[Char]) -> bool:
        """Every word of the line is a part of the remembered header (a header printed again); a
        line of one glyph is too little to tell (the last glyph of a name wrapped from the page
        before, ``出`` of 支出)."""
        words = [line_text(w).replace(" ", "") for w in split_words(line)]
        words = [w for w in words if w]
        return len("".join(words)) > 1 and bool(self.header) and all(w in self.header for w in words)

    def fits(self, lines: list[list[Char]], need: int = 2, *, inside: bool = False, labels: bool = False) -> bool:
        """The lines print in the remembered columns: each figure ends at the right edge of a column
        of figures (or is centred on its middle, figures centred in their cells) (or prints inside a column that was empty), each word of text starts inside a
        column of text and prints over no column of figures (with ``labels``, unless centred over the
        cells from its column on, a label over merged cells); ``need`` amounts at least at known edges.
        With ``inside`` (lines of the same page), a figure printed within the cell of a column of
        figures is at a known edge too (figures not right-aligned)."""
        size = self.size
        left, right = self.bounds[0][0] - size, self.bounds[-1][1] + size
        aligned = 0
        for ln in lines:
            for w in split_words([c for c in ln if c["text"].strip()]):
                x0, x1 = w[0]["x0"], max(c["x1"] for c in w)
                if x0 < left or x1 > right:
                    return False
                text = "".join(c["text"] for c in w)
                starts = self.kinds[_region(self.bounds, x0 + 0.1 * size)]
                if all(FIGURE_CHARS.fullmatch(c["text"]) for c in w) and starts != TEXT:
                    j = _region(self.bounds, x1 - 0.1 * size)
                    edge, middle = self.edges[j], self.middles[j]
                    within = inside and self.kinds[j] == FIGURES and self.bounds[j][0] <= x0 and x1 <= self.bounds[j][1]
                    centred = middle is not None and abs((x0 + x1) / 2 - middle) <= 0.6 * size
                    if within or centred or (edge is not None and abs(x1 - edge) <= 0.6 * size):
                        aligned += is_amount(text)
                    elif self.kinds[j] != EMPTY or x0 < self.bounds[j][0] - 0.2 * size:
                        return False
                    continue
                j = _region(self.bounds, x0 + 0.1 * size)
                if self.kinds[j] == FIGURES:
                    return False
                if labels and self._centred_from(j, x0, x1):
                    continue  # a label centred over merged cells from its column on
                for k, (c0, c1) in enumerate(self.columns):
                    if k != j and self.kinds[k] != TEXT and min(x1, c1) - max(x0, c0) > 0.3 * size:
                        return False
        return aligned >= need

    def _centred_from(self, j: int, x0: float, x1: float) -> bool:
        """A word from ``x0`` to ``x1`` starting in column ``j`` is centred (within a glyph) over
        the cells of ``j`` and of columns after it, over more than its own."""
        mid = (x0 + x1) / 2
        return any(
            abs(mid - (self.bounds[j][0] + self.bounds[b][1]) / 2) < self.size and x1 > self.bounds[j][1]
            for b in range(j + 1, len(self.bounds))
        )

    def place(self, lines: list[list[Char]]) -> list[list[Char]]:
        """A row's glyphs by remembered column: a figure's glyphs each to the cell it prints in, a
        word of text to the cell it starts in (a label centred over several cells to the first)."""
        buckets: list[list[Char]] = [[] for _ in self.columns]
        for line in lines:
            for word in split_words(line):
                if all(FIGURE_CHARS.fullmatch(c["text"]) for c in word):
                    for c in word:
                        buckets[_region(self.bounds, (c["x0"] + c["x1"]) / 2)].append(c)
                    continue
                buckets[_region(self.bounds, word[0]["x0"] + 0.1 * self.size)].extend(word)
        recentre(buckets, self.columns, self.bounds, {j for j, k in enumerate(self.kinds) if k == FIGURES})
        return buckets


def _marks(lines: list[list[Char]]) -> list[tuple[str, float, float, float]]:
    """The lines' words: (text, x0, x1, top below the first line's top)."""
    lines = [ln for ln in lines if ln]
    if not lines:
        return []
    top = min(c["top"] for c in lines[0])
    return [
        (line_text(w).replace(" ", ""), w[0]["x0"], max(c["x1"] for c in w), min(c["top"] for c in w) - top)
        for ln in lines
        for w in split_words(ln)
    ]


def _region(bounds: list[tuple[float, float]], x: float) -> int:
    """The cell ``x`` is in (the first or last beyond the outer edges)."""
    for j, (_, hi) in enumerate(bounds):
        if x < hi:
            return j
    return len(bounds) - 1


def _edge(ends: list[float], size: float) -> float | None:
    """The right edge of a column whose figures end together (nine in ten at least)."""
    if not ends:
        return None
    ends = sorted(ends)
    mid = ends[len(ends) // 2]
    return mid if 10 * sum(abs(e - mid) <= 0.3 * size for e in ends) >= 9 * len(ends) else None
