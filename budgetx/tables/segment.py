"""Segmentation: the reader's stream of lines → tables.

A table starts at a title (with its label and unit lines around it) followed by
grid rows.  It goes on, across pages, until the next title.  A continuation
page may repeat the title and header (the sample's 表3), only the header, or
neither: repeated header rows are dropped, never kept as data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from budgetx import patterns
from budgetx.model import Box, Line, Table, TableKind
from budgetx.normalize import captions
from budgetx.normalize.names import clean_text, compact
from budgetx.normalize.rows import is_data_row, is_figure
from budgetx.tables.columns import RawRow, build_rows, type_columns
from budgetx.tables.forms import parse_form
from budgetx.tables.headers import flatten, like_header_row, same_header_row, split_header
from budgetx.tables.kinds import NARRATIVE, is_form, kind_of, normalise_title


@dataclass
class _Caption:
    label: str | None = None
    title: str | None = None
    unit: str | None = None
    page: int | None = None
    #: narrative text came after it: a heading, not the caption of what follows
    stale: bool = False
    #: what came last: "label" or "title"
    last: str | None = None
    #: the title's line and where it would stand in the narrative, should no table follow it
    title_line: Line | None = None
    narrative_at: int = 0
    #: a grid printed inside the narrative, without a title of its own (a 单位构成 list, a 绩效 summary)
    in_narrative: bool = False

    def empty(self) -> bool:
        return self.title is None and self.label is None


@dataclass
class _Builder:
    caption: _Caption
    rows: list[RawRow] = field(default_factory=list)
    header: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    #: dropping repeated header rows at the top of a continuation
    skipping_header: bool = False
    last_page: int | None = None
    #: the form this one may continue (the same title on the next page)
    follows: _Builder | None = None
    #: the boxes of the header rows repeated on a continuation page (dropped from ``rows``)
    repeats: list[RawRow] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return kind_of(self.caption.title or "")

    def add(self, line: Line) -> None:
        cells = list(line.cells or [])
        if line.page is not None and line.page != self.last_page:
            if self.last_page is not None:
                self.skipping_header = True
            self.last_page = line.page
            if line.page not in self.pages:
                self.pages.append(line.page)
        row = RawRow(cells, line.page, line.lineno, line.carried, line.indents, line.bbox, line.edges)
        if self.skipping_header:
            if self._repeats_header(cells, bool(line.ocr)):
                self.repeats.append(row)
                return
            if is_data_row(cells) or not self._header_known():
                self.skipping_header = False
        self.rows.append(row)

    def _header_known(self) -> bool:
        return bool(self.header) or bool(self.rows)

    def _repeats_header(self, cells: list[str], by_ocr: bool = False) -> bool:
        """``cells`` repeat a header row; read by OCR, but for a character or two (:func:`like_header_row`)."""
        header = self.header or split_header([r.cells for r in self.rows])[0]
        if any(same_header_row(cells, h) for h in header):
            return True
        return by_ocr and not is_data_row(cells) and any(like_header_row(cells, h) for h in header)


@dataclass
class Segmenter:
    tables: list[Table] = field(default_factory=list)
    narrative: list[Line] = field(default_factory=list)
    pending: _Caption = field(default_factory=_Caption)
    current: _Builder | None = None
    continuing: bool = False
    #: the last numbered heading of the narrative ("二、部门决算单位构成") and its page
    heading: tuple[str, int | None] | None = None
    #: the page of the document's 目录, whose lines may be printed as a grid
    contents_page: int | None = None
    #: the page on which sentences of the narrative followed the open table
    prose_after: int | None = None

    def feed(self, lines: list[Line]) -> None:
        for line in lines:
            if line.is_row:
                captions_in_row = _caption_cells(line)
                if captions_in_row and self._caption_row(captions_in_row, line):
                    continue
                self._row(line)
            else:
                self._text(line)

    def finish(self) -> list[Table]:
        self._release_title()
        self._close()
        return self.tables

    # -- text lines ----------------------------------------------------------
    def _text(self, line: Line) -> None:
        if compact(line.text) in _CONTENTS:
            self.contents_page = line.page  # the document's own table of contents follows
        if not self._caption_text(line.text or "", line):
            self.narrative.append(line)
            text = line.text or ""
            if self.current is not None and line.page is not None and _SENTENCE_END.search(text):
                self.prose_after = line.page
            heading = captions.heading_of(text)
            if heading:
                self.heading = (heading, line.page)
            if (
                (self.pending.title is not None or self.pending.label is not None)
                and _is_prose(text)
                and not captions.department_of_unit_line(text)
            ):
                self.pending.stale = True

    def _caption_text(self, text: str, line: Line) -> bool:
        """Handle a caption-like line; False when it is none."""
        label = captions.label_of(text)
        if label:
            if self.pending.label is not None or (
                self.pending.title is not None and (self.pending.stale or self.pending.page != line.page)
            ):
                self._release_title()
                self.pending = _Caption()  # what was pending had no table under it
            self.pending.label = label
            self.pending.page = line.page
            self.pending.last = "label"
            return True
        if captions.is_unit_line(text):
            if captions.department_of_unit_line(text):
                self.narrative.append(line)  # "编制部门：…" names the document's department
            self._set_unit(captions.unit_of(text))
            return True
        unit = _department_and_bare_unit(text)
        if unit:
            self.narrative.append(line)  # the document's department, its unit alone beside it
            self._set_unit(unit)
            return True
        split = captions.split_title(text)
        if split:
            label, title = split
            current_label = self.current.caption.label if self.current is not None else None
            if (
                self.current is not None
                and label in (None, current_label)
                and self.pending.label in (None, current_label)
                and self._is_repeat(title)
            ):
                self.continuing = True
                self.pending = _Caption()
                return True
            if self.pending.title is not None or self.pending.stale:
                # a title with no table under it (a heading, a contents line): it is narrative,
                # but keep a label printed after it (the label of this title)
                self._release_title()
                fresh = self.pending.label if self.pending.last == "label" and not self.pending.stale else None
                self.pending = _Caption(label=fresh)
            self.pending.title = title
            self.pending.last = "title"
            self.pending.title_line = line
            self.pending.narrative_at = len(self.narrative)
            if label:
                self.pending.label = label
            self.pending.page = line.page
            self.continuing = False
            return True
        if self.current is not None and captions.is_note(text):
            self.current.notes.append(clean_text(text))
            return True
        return False

    def _set_unit(self, unit: str | None) -> None:
        if self.pending.title or self.pending.label:
            self.pending.unit = unit
        elif self.current is not None and self.current.caption.unit is None and not self.current.rows:
            self.current.caption.unit = unit

    def _caption_row(self, texts: list[str], line: Line) -> bool:
        """A grid row that prints the table's caption (title, label, unit, department) in its cells."""
        if len(texts) == 1:
            return self._caption_text(texts[0], line)
        for text in texts:
            if compact(text) in _BARE_UNITS:
                self._set_unit(compact(text))  # "万元" alone at the top right, beside the department
            elif not self._caption_text(text, line):
                # the department the table is printed for ("341-湖州市财政局"): the document's, not a row
                self.narrative.append(Line(page=line.page, lineno=line.lineno, text=text, bbox=line.bbox))
        return True

    def _release_title(self) -> None:
        """Give a pending title that no table followed back to the narrative, in its place."""
        line = self.pending.title_line
        if line is not None:
            self.narrative.insert(self.pending.narrative_at, line)
            self.pending.title_line = None

    def _is_repeat(self, title: str) -> bool:
        assert self.current is not None
        if normalise_title(title) != normalise_title(self.current.caption.title or ""):
            return False
        return not is_form(self.current.kind)

    # -- grid rows -----------------------------------------------------------
    def _row(self, line: Line) -> None:
        if not any(c and c.strip() for c in line.cells or []):
            return
        if self.contents_page is not None and line.page == self.contents_page and _contents_entry(line):
            # a line of the 目录 printed as a grid ("一、收支总表 | 5"): narrative, not a table
            self.narrative.append(Line(page=line.page, lineno=line.lineno, text=line.joined(), bbox=line.bbox))
            return
        if self.pending.stale:
            # the pending title was a heading or a contents line: this grid has no title
            # of its own; the narrative heading just above names it
            self._release_title()
            self._close()
            self.current = _Builder(caption=_Caption(title=self._heading_for(line), page=line.page, in_narrative=True))
            self.pending = _Caption()
            self.continuing = False
        elif (
            self.pending.title is None
            and self.current is not None
            and line.page is not None
            and self.prose_after == line.page
        ):
            # a grid after sentences of the narrative: a small table of its own, never the one before
            self._close()
            self.current = _Builder(caption=_Caption(title=self._heading_for(line), page=line.page, in_narrative=True))
            self.pending = _Caption()
            self.continuing = False
        elif self.pending.title is not None:
            before = self.current
            self._close()
            self.current = _Builder(caption=self.pending)
            if self._may_continue_form(before, line):
                self.current.follows = before
            if self.pending.page is not None:
                self.current.pages.append(self.pending.page)
            self.pending = _Caption()
            self.continuing = False
        elif self.continuing and self.current is not None:
            self.current.skipping_header = True
            self.continuing = False
        elif self.current is None:
            title = self._heading_for(line)
            self.current = _Builder(
                caption=_Caption(label=self.pending.label, title=title, page=line.page, in_narrative=bool(title))
            )
            self.pending = _Caption()
        assert self.current is not None  # every branch above leaves a table open
        self.current.add(line)

    def _may_continue_form(self, before: _Builder | None, line: Line) -> bool:
        """True when the pending title repeats the form ``before`` on the next page: the same
        project's form runs on, unless its rows name a project of their own (decided at close)."""
        if before is None or not is_form(before.kind) or self.pending.label not in (None, before.caption.label):
            return False
        if normalise_title(self.pending.title or "") != normalise_title(before.caption.title or ""):
            return False
        return line.page is not None and before.last_page is not None and line.page == before.last_page + 1

    def _heading_for(self, line: Line) -> str:
        if self.heading is None or line.page is None:
            return ""
        text, page = self.heading
        return text if page is not None and line.page - page in (0, 1) else ""

    def _close(self) -> None:
        b = self.current
        self.current = None
        self.prose_after = None
        if b is None:
            return
        prev = b.follows
        if prev is not None and not any("项目名称" in compact(c) for r in b.rows for c in r.cells):
            # the form of the page before, continued under its title: one table
            prev.rows.extend(b.rows)
            prev.repeats.extend(b.repeats)
            prev.pages.extend(p for p in b.pages if p not in prev.pages)
            prev.last_page = b.last_page
            self.tables[-1] = _build_table(prev, index=self.tables[-1].index)
            return
        self.tables.append(_build_table(b, index=len(self.tables) + 1))


def _is_prose(text: str) -> bool:
    """A line of narrative: more than a page number ("15", "- 3 -") or a wrapped name ("常委会办公厅")."""
    return len(patterns.compile(r"[\d\s\-—–第页共/]").sub("", text)) >= 8


_CONTENTS = ("目录", "报表目录", "目次", "表格目录")
#: a sentence of the narrative, not a running header or a page number
_SENTENCE_END = patterns.compile(r"[。；;！？]")
_PAGE_NUMBER = patterns.compile(r"^\d{1,3}$")


def _contents_entry(line: Line) -> bool:
    """A grid row of a table of contents: titles or headings, and at most a page number as a figure."""
    texts = [compact(c) for c in line.cells or [] if c and c.strip()]
    figures = [t for t in texts if is_figure(t)]
    return bool(texts) and len(figures) <= 1 and all(_PAGE_NUMBER.match(t) for t in figures)


#: a department printed with its code over a table ("341-湖州市财政局", "105001 长春市信访局")
_CODED_DEPARTMENT = patterns.compile(r"^\d{3,6}\s*[-－—]?\s*[\u4e00-\u9fff（）()]{4,}$")


#: a unit printed alone, without "单位：", at the top right of a table over its department
_BARE_UNITS = ("万元", "元", "千元", "亿元")


def _department_and_bare_unit(text: str) -> str | None:
    """The unit of a caption line printed as text that names a coded department and its unit alone
    ("341-湖州市财政局          万元", a table printed without rules), else ``None``."""
    parts = text.split()
    if len(parts) < 2 or compact(parts[-1]) not in _BARE_UNITS:
        return None
    return compact(parts[-1]) if _CODED_DEPARTMENT.match(compact("".join(parts[:-1]))) else None


def _caption_cells(line: Line) -> list[str]:
    """The cells of a grid row that prints the table's caption inside the grid, else ``[]``.

    One cell that is no data (a title or a unit line); or a few cells, no figure
    among them, one a unit line, the others titles, labels or the department
    ("预算单位：长春市信访局 | 单位：万元", "341-湖州市财政局 | 单位：万元", and "341-湖州市财政局 | 万元"
    where the unit stands alone beside a coded department).
    """
    texts = [c.strip() for c in line.cells or [] if c and c.strip()]
    if len(texts) == 1:
        return texts if not is_data_row(texts) else []
    if not 2 <= len(texts) <= 3:
        return []
    coded = any(_CODED_DEPARTMENT.match(compact(t)) for t in texts)
    if not any(captions.is_unit_line(t) or (coded and compact(t) in _BARE_UNITS) for t in texts):
        return []
    for t in texts:
        if captions.is_unit_line(t) or captions.label_of(t) or captions.split_title(t) or compact(t) in _BARE_UNITS:
            continue
        if captions.department_of_unit_line(t) or _CODED_DEPARTMENT.match(compact(t)):
            continue
        return []
    return texts


def _build_table(b: _Builder, index: int) -> Table:
    title = clean_text(b.caption.title or "")
    kind: TableKind = NARRATIVE if b.caption.in_narrative else kind_of(title)
    table = Table(
        index=index,
        title=title,
        kind=kind,
        number=b.caption.label,
        unit=b.caption.unit,
        pages=b.pages or ([b.caption.page] if b.caption.page else []),
        note="\n".join(b.notes) or None,
    )
    if is_form(kind):
        # a form's merged labels are read once, where printed
        table.fields, table.columns, table.rows = parse_form(
            [RawRow(r.uncarried(), r.page, r.lineno, bbox=r.bbox, edges=r.edges) for r in b.rows]
        )
        table.boxes = _boxes(b.rows + b.repeats)
        return table
    header, data = split_header([r.cells for r in b.rows])
    # a header cell merged down over header rows stays in each (a vertical span, which
    # flattening must not take for a horizontal one)
    raw_data = b.rows[len(header) :]
    head_rows = b.rows[: len(header)]
    if raw_data:
        # "类 | 款 | 项" printed in the first data row's band (the 决算 template)
        first = raw_data[0].cells
        marks = [j for j, c in enumerate(first[:4]) if compact(c) in ("类", "款", "项")]
        if len(marks) >= 2:
            header = [*header, ["" if j not in marks else first[j] for j in range(len(first))]]
            raw_data = [
                RawRow(
                    ["" if j in marks else c for j, c in enumerate(first)],
                    raw_data[0].page,
                    raw_data[0].lineno,
                    bbox=raw_data[0].bbox,
                    edges=raw_data[0].edges,
                ),
                *raw_data[1:],
            ]
    data = [r.cells for r in raw_data]
    width = max((len(r) for r in header + data), default=0)
    width = _trim_width(header + data, width)
    names = flatten(header, width, [r.carried for r in b.rows[: len(header)]])
    table.header_rows = header
    table.boxes = _boxes(b.rows + b.repeats)
    table.header_boxes = _boxes(head_rows + b.repeats)
    table.columns = type_columns(names, raw_data)
    table.rows = build_rows(table.columns, raw_data, table.kind)
    if table.rows and all(_blank_total(r.cells) for r in table.rows):
        table.rows = []  # an empty table prints its 合计 row with nothing in it
    return table


def _boxes(rows: list[RawRow]) -> dict[int, Box]:
    """Page → the box around the ``rows`` printed on it (rows without a box left out)."""
    out: dict[int, Box] = {}
    for r in rows:
        if r.page is None or r.bbox is None:
            continue
        x0, top, x1, bottom = r.bbox
        if r.page in out:
            a0, atop, a1, abottom = out[r.page]
            out[r.page] = (min(a0, x0), min(atop, top), max(a1, x1), max(abottom, bottom))
        else:
            out[r.page] = r.bbox
    return dict(sorted(out.items()))


def _blank_total(cells: list) -> bool:
    texts = [c for c in cells if c is not None]
    return len(texts) <= 1 and all(isinstance(c, str) and compact(c) in ("合计", "总计") for c in texts)


def _trim_width(rows: list[list[str]], width: int) -> int:
    """Drop trailing columns that are empty in every row."""
    while width > 0 and not any(len(r) >= width and compact(r[width - 1]) for r in rows):
        width -= 1
    return width


def segment(lines: list[Line]) -> tuple[list[Table], list[Line]]:
    """Tables and the narrative lines outside them."""
    s = Segmenter()
    s.feed(lines)
    return s.finish(), s.narrative
