"""The text reader: a budget document as text, in one of three shapes.

* tab-separated rows (one table row a line, merged header cells left empty);
* space-aligned columns as ``pdftotext -layout`` prints them;
* Markdown pipe tables.

The encoding (UTF-8, UTF-8 with BOM, GB18030/GBK) is detected.  A line longer
than :data:`~budgetx.readers.limits.MAX_LINE` characters is passed over (an
item with ``unread`` set stands for it, after the others), and a line of more
than :data:`~budgetx.readers.limits.MAX_CELLS` cells is text, not a table row:
what no document prints costs no more than reading it once.
"""

from __future__ import annotations

from budgetx.errors import BadPageSelection
from budgetx.model import Line
from budgetx.normalize import captions
from budgetx.normalize.rows import is_figure
from budgetx.pages import PageSelection
from budgetx.readers import ReadResult
from budgetx.readers.limits import MAX_CELLS, MAX_LINE
from budgetx.readers.text import layout, markdown
from budgetx.readers.text.decode import binary_error, decode, looks_binary


def read(data: bytes, path: str, *, password: str | None = None, pages: PageSelection | None = None) -> ReadResult:
    """The text's items; ``pages``: only the pages its form feeds delimit (a text without one is page 1)."""
    if looks_binary(data):
        raise binary_error(path)
    text = decode(data, path)
    count = _page_count(text)
    if pages is not None:
        if count is None and pages.last > 1:
            raise BadPageSelection(
                path, f"pages {pages} asked for, but the text has no form feed (page break): it is one page"
            )
        pages.check(count or 1, path)
        text = keep_pages(text, pages)
    raw = split_lines(text)
    return ReadResult(format="text", lines=parse_lines(raw), pages=count)


def keep_pages(text: str, pages: PageSelection) -> str:
    """``text`` with the pages outside ``pages`` emptied, their line breaks and form feeds kept.

    The lines of the pages kept keep their numbers and pages, as when the whole text is read.
    """
    parts = text.split("\f")
    return "\f".join(
        part if number in pages else "\n" * (part.count("\n") + part.count("\r") - part.count("\r\n"))
        for number, part in enumerate(parts, start=1)
    )


def split_lines(text: str) -> list[str]:
    """The text's lines as an editor numbers them (``\n``, ``\r\n`` or ``\r``);
    a form feed (a page break, as pdftotext writes it) stays in its line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _page_count(text: str) -> int | None:
    if "\f" not in text:
        return None
    return text.rstrip("\f\n\r ").count("\f") + 1


def parse_lines(raw: list[str]) -> list[Line]:
    """Turn the text's lines into text items and grid rows.

    A line with a tab is a row of the tab shape; lines that start and end with
    a pipe are a Markdown table; a block of lines whose cells are two or more
    spaces apart is a ``pdftotext -layout`` table; anything else is text.
    Form feeds count pages (then each item carries its page).  A line longer
    than :data:`MAX_LINE` is read as a blank line, and an item with ``unread``
    set, after all the others, stands for it.
    """
    paged = any("\f" in line for line in raw)
    page: int | None = 1 if paged else None
    pages: list[int | None] = []
    lines: list[str] = []
    unread: list[Line] = []
    for line in raw:
        if "\f" in line:
            if page is not None:
                page += line.count("\f")
            line = line.replace("\f", "")
        if len(line) > MAX_LINE:
            unread.append(Line(page=page, lineno=len(lines) + 1, text="", unread=len(line)))
            line = ""
        pages.append(page)
        lines.append(line)
    out: list[Line] = []
    i = 0
    n = len(lines)
    floor = 0  # lines before this index belong to an earlier table
    while i < n:
        line = lines[i]
        if "\t" in line and line.count("\t") < MAX_CELLS:
            raw_cells = line.split("\t")
            indents = tuple(layout.indent_of(c) for c in raw_cells)
            out.append(Line(page=pages[i], lineno=i + 1, cells=[c.strip() for c in raw_cells], indents=indents))
            i += 1
            floor = i
        elif markdown.is_pipe_row(line):
            j = i
            while j < n and markdown.is_pipe_row(lines[j]) and pages[j] == pages[i]:
                j += 1
            out.extend(markdown.parse_block(lines[i:j], first_lineno=i + 1, page=pages[i]))
            i = floor = j
        elif layout.is_layout_row(line) and not layout.is_caption(line):
            page_start = i
            while page_start > floor and pages[page_start - 1] == pages[i]:
                page_start -= 1
            start = layout.block_start(lines, i, page_start)
            if start < i:
                # the single cells above belong to the table: take them back from the text
                while out and out[-1].text is not None and (out[-1].lineno or 0) > start:
                    out.pop()
                i = start
            j = i + 1
            while j < n and pages[j] == pages[i]:
                j += 1
            end = i + layout.block_end(lines[i:j], 0)
            block = layout.parse_block(lines[i:end], first_lineno=i + 1, page=pages[i])
            after_caption = bool(out) and out[-1].text is not None and layout.is_caption(out[-1].text)
            if _is_table(block) or (block and after_caption):
                out.extend(block)
            else:
                out.extend(
                    Line(page=pages[k], lineno=k + 1, text=lines[k].strip()) for k in range(i, end) if lines[k].strip()
                )
            i = floor = end
        else:
            if line.strip():
                out.append(Line(page=pages[i], lineno=i + 1, text=line.strip()))
            i += 1
    return captions.join_wrapped_titles(out, _next_line) + unread


def _next_line(upper: Line, lower: Line) -> bool:
    """True when ``lower`` is the line right after ``upper``, on the same page."""
    return upper.lineno is not None and lower.lineno == upper.lineno + 1 and lower.page == upper.page


def _is_table(block: list[Line]) -> bool:
    """A block of aligned lines is a table unless it is one line without figures
    (narrative that happens to hold a double space)."""
    rows = [b for b in block if b.cells]
    if len(rows) >= 2:
        return True
    return any(is_figure(c) for r in rows for c in r.cells or [])
