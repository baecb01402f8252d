"""The PDF reader (pdfplumber): pages → text lines and grid rows, in reading order.

Per page, top to bottom: free text lines outside the grids (titles, 表N labels,
unit lines, notes, narrative) and the rows of each printed grid (cells as
strings, merged cells as ""), see :mod:`budgetx.readers.pdf.grids`.  Tables
without rules are read from the alignment of their text
(:mod:`budgetx.readers.pdf.align`).

Each page's objects are read once and the page is freed before the next one:
:mod:`budgetx.readers.pdf.objects` renders the page with budgetx's own pdfminer
device (the same chars, lines, rects and curves as pdfplumber's, as light
dicts) and :mod:`budgetx.readers.pdf.content` reads its content streams;
pdfplumber opens the file; the grids' cells are found by
:mod:`budgetx.readers.pdf.tablefinder` (pdfplumber's table finder, ported).  With a
pdfminer release that fast path was not checked against, the reader takes
pdfplumber's own page objects instead
(:func:`budgetx.readers.pdf.objects.fast_path_checked`).

With the pdfium backend (``BUDGETX_PDF_BACKEND=pdfium``) pdfium opens the file
and reads the pages it can give exactly (:mod:`budgetx.readers.pdf.pdfium`);
pdfplumber and pdfminer are imported only for a page pdfium leaves, or when
pdfium refuses the file or had to rebuild its cross-reference table (then
pdfminer reads it all and reports the damage and errors as it does by default).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from typing import Any, Protocol

from budgetx import budget, patterns
from budgetx.errors import CorruptDocument, EncryptedDocument, NoTextLayer, OverBudget, UnsupportedFormat
from budgetx.model import Line
from budgetx.normalize import captions
from budgetx.normalize.rows import is_data_row
from budgetx.pages import PageSelection
from budgetx.readers import ReadResult
from budgetx.readers.pdf import align, pdfium, survey
from budgetx.readers.pdf.chars import Char, bbox_of, group_lines, line_text, prepare
from budgetx.readers.pdf.grids import Grid, cell_text, fill, find_grids
from budgetx.readers.pdf.losses import StreamTooLarge, TooManyTokens, damage
from budgetx.readers.pdf.pageobjects import GlyphCache, PageObjects
from budgetx.stages import stage

_PROSE = patterns.compile(r"[，。；]")
#: pages pdfium leaves to pdfminer, none read, after which pdfminer reads the rest of the document
#: without pdfium trying first (a generator whose pages pdfium cannot give exactly: no work twice)
_TRIES = 3
#: a page with fewer rule objects than this has no ruled table
_MIN_RULES = 4


class OtherReading(Protocol):
    """Reads a page another way when its text layer gives nothing (OCR: :mod:`budgetx.readers.ocr.scan`)."""

    #: pages read so far
    done: int
    #: pages turned upright before they were read: page → quarter turns counter-clockwise
    turned: dict[int, int]

    def wants(self, number: int, lines: list[Line]) -> bool:
        """Page ``number`` (1-based), whose text layer gave ``lines``, is to be read this way."""
        ...

    def read(self, number: int, state: Any) -> list[Line]:
        """Page ``number``'s lines; ``state`` is this reader's (:class:`_State`)."""
        ...

    def close(self) -> None: ...


def read(
    data: bytes,
    path: str,
    *,
    password: str | None = None,
    pages: PageSelection | None = None,
    other: Callable[[int], OtherReading] | None = None,
) -> ReadResult:
    """The lines of every page, or of ``pages`` only (the others are never parsed); ``other``, given the
    number of pages, makes what reads the pages without text."""
    with contextlib.ExitStack() as stack:
        with stage("reading: opening"):
            source = _source(data, path, password, stack)
        return _read(source, path, pages, other)


def _source(data: bytes, path: str, password: str | None, stack: contextlib.ExitStack) -> _Source:
    """The document opened by pdfium when it is the backend chosen, opens the file with a sound
    cross-reference table and the file's survey finds it whole and within the budget
    (:mod:`budgetx.readers.pdf.survey`); else by pdfplumber (pdfminer), which reports damage as it reads."""
    if not data[:1024].lstrip()[:5] == b"%PDF-" and b"%PDF-" not in data[:1024]:
        raise UnsupportedFormat(path, "this file is not a PDF (it does not start with %PDF-); check the download")
    if pdfium.chosen() == "pdfium":
        try:
            reader = pdfium.Reader(data, password)
        except pdfium.OpenError:
            pass  # encrypted, damaged or no PDF to pdfium: pdfminer opens it and says why
        else:
            stack.callback(reader.close)
            if reader.sound:
                limits = budget.current()
                found = survey.survey(data, limits.stream_bytes, limits.page_tokens, reader.pages)
                if found.whole:
                    reader.objects = found.objects
                    return _Pdfium(reader, data, path, password, stack)
            # a rebuilt cross-reference table, a damaged stream, a page tree pdfium may miscount,
            # more than the budget: pdfminer reads it and reports the damage or refuses it
            reader.close()
    return _Plumber(data, path, password, stack)


def _read(
    source: _Source,
    path: str,
    pages: PageSelection | None = None,
    other: Callable[[int], OtherReading] | None = None,
) -> ReadResult:
    lines: list[Line] = []
    empty: list[int] = []
    unreadable: list[tuple[int | None, str]] = []
    state = _State()
    scanner = None
    try:
        n = source.count
        scanner = other(n) if other is not None else None
        lost = damage()
        missing = source.missing_pages()
        if lost or missing:
            unreadable.append((None, "; ".join([*lost, *missing])))
        if pages is not None:
            pages.check(n, path)
        wanted = range(1, n + 1) if pages is None else list(pages.within(n))
        for number in wanted:
            page = source.page(number)
            try:
                page_lines = read_page(source.objects(page, state), number, state)
            except _Damaged as exc:
                page_lines = []
                damage()
                unreadable.append((number, f"its content cannot be parsed ({exc.reason})"))
            except (StreamTooLarge, TooManyTokens) as exc:
                raise OverBudget(path, f"page {number}: {exc}; the PDF is damaged or hostile") from None
            finally:
                source.free(page)
            lost = damage() + source.missing_content(page)
            if lost:
                unreadable.append((number, "; ".join(lost)))
            elif scanner is not None and scanner.wants(number, page_lines):
                page_lines = scanner.read(number, state)
            if not page_lines:
                empty.append(number)
            lines.extend(page_lines)
    finally:
        if scanner is not None:
            scanner.close()
    if wanted and len(empty) == len(wanted):
        if unreadable:
            raise CorruptDocument(
                path, f"no page can be read ({_damage(unreadable)}); the PDF is damaged — download it again"
            )
        if scanner is not None and scanner.done:
            raise NoTextLayer(path, f"no page has a text layer and OCR found no text on the scan ({_pages(empty)})")
        raise NoTextLayer(
            path,
            f"no page has a text layer ({_pages(empty)}): it is a scan; read it with --ocr auto "
            "(the default), or run OCR on it (e.g. ocrmypdf) and try again",
        )
    turned = dict(scanner.turned) if scanner is not None else {}
    return ReadResult(format="pdf", lines=lines, pages=n, empty_pages=empty, unreadable=unreadable, turned=turned)


class _Source(Protocol):
    """An open document: its pages one at a time, and what it reports lost."""

    #: the number of pages
    count: int

    def missing_pages(self) -> list[str]: ...

    def page(self, number: int) -> Any:
        """Page ``number`` (1-based), loaded."""
        ...

    def objects(self, page: Any, state: _State) -> Any:
        """The page's objects (chars, lines, rects, curves)."""
        ...

    def missing_content(self, page: Any) -> list[str]: ...

    def free(self, page: Any) -> None: ...


class _Plumber:
    """A document opened by pdfplumber; pdfminer (guarded, quiet) renders its pages."""

    def __init__(self, data: bytes, path: str, password: str | None, stack: contextlib.ExitStack) -> None:
        from budgetx.readers.pdf import guards
        from budgetx.readers.pdf.objects import quiet_pdfminer

        stack.enter_context(quiet_pdfminer())
        stack.enter_context(guards.guarded(budget.current()))
        self.pdf = _open(data, path, password)
        stack.callback(self.pdf.close)
        self.count = len(self.pdf.pages)

    def missing_pages(self) -> list[str]:
        return _missing_pages(self.pdf, self.count)

    def page(self, number: int) -> Any:
        return self.pdf.pages[number - 1]

    def objects(self, page: Any, state: _State) -> Any:
        return _objects(page, state)

    def missing_content(self, page: Any) -> list[str]:
        return _missing_content(page)

    def free(self, page: Any) -> None:
        _free(page)


class _Pdfium:
    """A document opened by pdfium (:class:`budgetx.readers.pdf.pdfium.Reader`), which reads the pages
    it can give exactly; pdfplumber opens the document for the others, when the first one comes."""

    def __init__(
        self, reader: pdfium.Reader, data: bytes, path: str, password: str | None, stack: contextlib.ExitStack
    ) -> None:
        self.reader = reader
        self.count = reader.pages
        self._args = (data, path, password, stack)
        self._plumber: _Plumber | None = None
        #: the pdfplumber pages of the pages pdfium left, while they are read
        self._left: dict[int, Any] = {}

    def missing_pages(self) -> list[str]:
        return []  # the survey found the page tree's pages pdfium's (budgetx.readers.pdf.survey)

    def page(self, number: int) -> Any:
        """pdfium's page, or its number when pdfium cannot load it or tell its geometry exactly."""
        if self._gave_up():
            return number
        return self.reader.page(number) or number

    def _gave_up(self) -> bool:
        """pdfium left :data:`_TRIES` pages to pdfminer and read none: pdfminer reads the rest alone."""
        stats = self.reader.stats
        return not stats.fast and sum(stats.fallback.values()) >= _TRIES

    def objects(self, page: Any, state: _State) -> Any:
        if isinstance(page, pdfium.Geometry) and not self._gave_up():
            out = PageObjects(page.page_number, page.bbox)
            out.height = page.height
            out.width = page.width
            with stage("reading: page objects"):
                if self.reader.read_page(page, out):
                    return out
        return _objects(self._pdfminer_page(_number(page)), state)

    def missing_content(self, page: Any) -> list[str]:
        left = self._left.pop(_number(page), None)
        return _missing_content(left) if left is not None else []

    def free(self, page: Any) -> None:
        if isinstance(page, pdfium.Geometry):
            self.reader.close_page(page)
        left = self._left.get(_number(page))
        if left is not None:
            _free(left)

    def _pdfminer_page(self, number: int) -> Any:
        """Page ``number`` as pdfplumber opens it, for pdfminer to read."""
        if self._plumber is None:
            self._plumber = _Plumber(*self._args)
        if number > self._plumber.count:  # pdfium found more pages than pdfminer: a damaged page tree
            raise _Damaged(f"pdfminer finds {self._plumber.count} pages")
        page = self._left[number] = self._plumber.page(number)
        return page


def _number(page: Any) -> int:
    return page if isinstance(page, int) else page.page_number


def _missing_pages(pdf: Any, n: int) -> list[str]:
    """What the page tree promises and does not give: "the page tree names 12 pages, 11 can be read"."""
    try:
        count = pdf.doc.catalog["Pages"].resolve()["Count"]
    except Exception:  # no /Pages, or not a dictionary: pdfminer found the pages another way
        return []
    if isinstance(count, int) and count > n:
        return [f"the page tree names {count} pages, {n} can be read"]
    return []


def _missing_content(page: Any) -> list[str]:
    """A page whose /Contents names no stream, or whose /Resources is no dictionary (a damaged object):
    its content, or the fonts to read it, are lost."""
    from pdfminer.pdftypes import PDFStream, resolve1

    try:
        contents = page.page_obj.contents
        resources = page.page_obj.resources
    except Exception:  # a page object too damaged to ask: its rendering said so already
        return []
    lost = []
    if any(not isinstance(resolve1(c), PDFStream) for c in contents):
        lost.append("its content stream is missing or damaged")
    if resources is not None and not isinstance(resources, dict):
        lost.append("its resources (fonts) are damaged")
    return lost


def _damage(unreadable: list[tuple[int | None, str]]) -> str:
    return "; ".join(f"page {page}: {why}" if page is not None else why for page, why in unreadable)


def _pages(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    runs: list[str] = []
    start = prev = numbers[0]
    for k in [*numbers[1:], None]:  # type: ignore[list-item]
        if k is not None and k == prev + 1:
            prev = k
            continue
        runs.append(f"{start}" if start == prev else f"{start}-{prev}")
        if k is not None:
            start = prev = k
    return "pages " + ", ".join(runs)


def _free(page: Any) -> None:
    with contextlib.suppress(Exception):  # freeing is best effort
        page.close()


def _open(data: bytes, path: str, password: str | None) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    from budgetx.readers.pdf import guards

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
        _ = pdf.pages  # parses the page tree: damage shows here
        return pdf
    except guards.StreamTooLarge as exc:
        raise OverBudget(path, f"{exc}; the PDF is damaged or hostile") from None
    except MemoryError:
        raise
    except PDFPasswordIncorrect:
        if password:
            raise EncryptedDocument(
                path, "the password given with --password is wrong for this encrypted PDF"
            ) from None
        raise EncryptedDocument(path, "the PDF is encrypted; open it with --password PASSWORD") from None
    except Exception as exc:
        inner = getattr(exc, "args", [None])[0] if exc.args else None
        if isinstance(inner, PDFPasswordIncorrect) or "PDFPasswordIncorrect" in repr(exc):
            if password:
                raise EncryptedDocument(
                    path, "the password given with --password is wrong for this encrypted PDF"
                ) from None
            raise EncryptedDocument(path, "the PDF is encrypted; open it with --password PASSWORD") from None
        why = "; ".join(guards.damage()) or type(exc).__name__
        raise CorruptDocument(
            path, f"the PDF is damaged or truncated ({why}); download it again or repair it"
        ) from None


class _Damaged(Exception):
    """A page whose content pdfminer cannot parse."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _State:
    """What reading a page needs from the pages before it."""

    def __init__(self) -> None:
        self.grid_id = 0
        #: the last grid of the previous page with a grid: (page, column bounds, bbox)
        self.last: tuple[int, list[float], tuple[float, float, float, float]] | None = None
        #: each font's glyphs, read once for the whole document
        self.glyphs = GlyphCache()
        #: pages rendered by budgetx's own device (else pdfplumber's page objects, the reference);
        #: asked when pdfminer first renders a page
        self.fast: bool | None = None
        #: the columns of the last table read from aligned text, for a page that continues it
        self.aligned = align.Layout()

    def next_id(self) -> int:
        self.grid_id += 1
        return self.grid_id


#: what stops reading the document, not only the page
_FATAL = (StreamTooLarge, TooManyTokens, MemoryError)


def _objects(page: Any, state: _State) -> Any:
    """The page's chars, rules and rects, rendered once (:mod:`budgetx.readers.pdf.objects`);
    pdfplumber's page itself when the installed pdfminer is not one that rendering was checked against."""
    from budgetx.readers.pdf.objects import fast_path_checked, page_objects

    if state.fast is None:
        state.fast = fast_path_checked()
    if not state.fast:
        return page  # its content is parsed when read_page reads its chars: damage shows there
    try:
        with stage("reading: page objects"):
            return page_objects(page, state.glyphs)  # the page's content is parsed here: damage shows here
    except _FATAL:
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged content
        raise _Damaged(type(exc).__name__) from exc


#: what a page's items are sorted by: (top, 0 for a text line or 1 for a grid row, the line)
_Item = tuple[float, int, Line]


def read_page(page: Any, number: int, state: _State) -> list[Line]:
    """One page → its lines, top to bottom.

    1. the page's chars, prepared (:func:`_page_chars`);
    2. the ruled grids, filled with the chars inside them; the other chars are
       free text (:func:`_ruled_grids`);
    3. the free chars in text lines; the first grid of a page that continues the
       table of the page before takes its columns (:func:`_align_continuation`),
       and data rows printed against a grid without a rule join it
       (:func:`_adopt_orphans`);
    4. a page without grids: tables read from the alignment of its text lines
       (:func:`_aligned_items`);
    5. the text lines and grid rows sorted top to bottom, a title wrapped over two
       lines joined, and the lines numbered.
    """
    chars = _page_chars(page)
    if not chars:
        return []
    grids, free = _ruled_grids(page, chars)
    text_lines = group_lines(free)
    if grids and state.last is not None:
        _align_continuation(grids[0], text_lines, state.last, number)
    items: list[_Item] = []
    used: set[int] = set()
    for g in grids:
        _adopt_orphans(g, text_lines, used)
    if not grids:
        items, used = _aligned_items(text_lines, number, state, getattr(page, "bbox", None))
    items.extend(_text_items(text_lines, used, number))
    items.extend(_grid_items(grids, number, state))
    if grids:
        state.last = (number, grids[-1].xs, grids[-1].bbox)
    items.sort(key=lambda it: (it[0], it[1]))
    out = captions.join_wrapped_titles([item for _, _, item in items], _next_line)
    for k, item in enumerate(out, start=1):
        item.lineno = k
    return out


def _page_chars(page: Any) -> list[Char]:
    """The page's chars, prepared (:func:`budgetx.readers.pdf.chars.prepare`)."""
    try:
        raw = page.chars  # the page's content is parsed here: damage shows here
    except _FATAL:
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged content
        raise _Damaged(type(exc).__name__) from exc
    return prepare(raw)


def _ruled_grids(page: Any, chars: list[Char]) -> tuple[list[Grid], list[Char]]:
    """(the page's ruled tables, filled with their cells' texts; the chars outside them)."""
    grids: list[Grid] = []
    if len(page.rects) + len(page.lines) + len(page.curves) >= _MIN_RULES:
        with stage("reading: ruled grids"):
            grids = find_grids(page)
    if not grids:
        return [], chars
    free: list[Char] = []
    inside: list[list[Char]] = [[] for _ in grids]
    for c in chars:
        for g, bucket in zip(grids, inside, strict=False):
            if g.contains(c):
                bucket.append(c)
                break
        else:
            free.append(c)
    for g, bucket in zip(grids, inside, strict=False):
        fill(g, bucket)
    tables = [g for g in grids if g.rows and _is_table(g)]
    if len(tables) < len(grids):
        # grids that are only frames: give their chars back as text
        free = [c for c in chars if not any(g.contains(c) for g in tables)]
    return tables, free


def _aligned_items(
    text_lines: list[list[Char]],
    number: int,
    state: _State,
    box: tuple[float, float, float, float] | None = None,
) -> tuple[list[_Item], set[int]]:
    """The rows of the tables printed without rules (:mod:`budgetx.readers.pdf.align`),
    and the indices of the text lines they use. Only the lines printed on the page (inside ``box``,
    the page's box) are read: a sheet drawn larger than the page, clipped to it, leaves lines under
    the page's bottom edge that nobody sees (they stay text, as beside a ruled grid)."""
    items: list[_Item] = []
    shown = [k for k, ln in enumerate(text_lines) if box is None or _on_page(ln, box)]
    lines = [text_lines[k] for k in shown]
    blocks, taken = align.tables(lines, number, state.aligned)
    for j, k in enumerate(shown):  # a line the reader rewrote (a unit wrapped in its cell, joined) as it read it
        text_lines[k] = lines[j]
    used = {shown[k] for k in taken}
    for block in blocks:
        grid_id = state.next_id()
        for row in block:
            row.grid = grid_id
            assert row.bbox is not None
            items.append((row.bbox[1], 1, row))
    return items, used


def _on_page(line: list[Char], box: tuple[float, float, float, float]) -> bool:
    """The line prints inside the page's box (its middle within the box's top and bottom)."""
    _, top, _, bottom = bbox_of(line)
    return box[1] <= (top + bottom) / 2 <= box[3]


def _text_items(text_lines: list[list[Char]], used: set[int], number: int) -> list[_Item]:
    """The text lines no table took."""
    items: list[_Item] = []
    for k, ln in enumerate(text_lines):
        text = line_text(ln)
        if k in used or not text:
            continue
        items.append((bbox_of(ln)[1], 0, Line(page=number, lineno=None, text=text, bbox=bbox_of(ln))))
    return items


def _grid_items(grids: list[Grid], number: int, state: _State) -> list[_Item]:
    """The rows of the ruled tables, each grid numbered."""
    items: list[_Item] = []
    for g in grids:
        grid_id = state.next_id()
        x0, _, x1, _ = g.bbox
        for cells, (top, bottom), copies, indents in zip(g.rows, g.row_bands, g.carried, g.indents, strict=True):
            grid_row = Line(
                page=number,
                lineno=None,
                cells=cells,
                grid=grid_id,
                bbox=(x0, top, x1, bottom),
                edges=tuple(g.xs) if len(g.xs) == len(cells) + 1 else (),
                carried=copies,
                indents=indents,
            )
            items.append((top, 1, grid_row))
    return items


def _next_line(upper: Line, lower: Line) -> bool:
    """True when ``lower`` is printed right under ``upper``: less than a line's height below it."""
    if upper.bbox is None or lower.bbox is None:
        return False
    return lower.bbox[1] - upper.bbox[3] < (upper.bbox[3] - upper.bbox[1])


def _align_continuation(
    g: Grid,
    text_lines: list[list[Char]],
    last: tuple[int, list[float], tuple[float, float, float, float]],
    number: int,
) -> None:
    """Give a continuation page's grid the columns of the table it continues.

    A continuation page may draw fewer column rules (a 合计 row alone on the
    last page, its label cell spanning the code and name columns): when the
    first grid of a page has the same width as the previous page's last grid,
    no caption above it, and column rules that are a subset of that grid's,
    its cells are put back in the columns of the table.
    """
    page, xs, bbox = last
    if page != number - 1 or len(g.xs) >= len(xs):
        return
    if abs(g.bbox[0] - bbox[0]) > 3 or abs(g.bbox[2] - bbox[2]) > 3:
        return
    index = []
    for x in g.xs:
        near = [k for k, px in enumerate(xs) if abs(px - x) <= 3]
        if not near:
            return
        index.append(near[0])
    top = g.bbox[1]
    for ln in text_lines:
        if bbox_of(ln)[3] <= top + 1:
            text = line_text(ln)
            if captions.split_title(text) or captions.label_of(text) or captions.is_unit_line(text):
                return  # a new table starts here
    width = len(xs) - 1
    rows = []
    for row in g.rows:
        new = [""] * width
        for j, text in enumerate(row):
            new[index[j]] = text
        rows.append(new)
    g.rows = rows
    g.carried = [tuple(index[j] for j in c) for c in g.carried]
    g.indents = [_spread(ind, index, width) for ind in g.indents]
    g.xs = list(xs)


def _spread(indents: tuple[float | None, ...], index: list[int], width: int) -> tuple[float | None, ...]:
    """A row's indents laid out on the wider columns its cells moved to."""
    out: list[float | None] = [None] * width
    for j, value in enumerate(indents):
        out[index[j]] = value
    return tuple(out)


def _is_table(g: Grid) -> bool:
    """A grid of at least two rows or two columns with text, not a frame around a paragraph
    nor the underlines of narrative text."""
    if len(g.xs) <= 2 and len(g.rows) <= 1:
        return False
    texts = [c for row in g.rows for c in row if c]
    prose = [t for t in texts if _PROSE.search(t)]
    return len(prose) * 2 < len(texts)


def _adopt_orphans(g: Grid, text_lines: list[list[Char]], used: set[int]) -> None:
    """Take into the grid the data rows printed just above or below it without a rule.

    A ruled-table finder drops a row whose top rule is missing (the first row
    of a continuation page, typically) or whose bottom rule is missing: its
    text is left outside the grid.  Such a line sits against the grid, spans
    its columns and carries figures or a code.
    """
    x0, top, x1, bottom = g.bbox
    order = sorted(range(len(text_lines)), key=lambda k: bbox_of(text_lines[k])[1])
    above = [k for k in order if bbox_of(text_lines[k])[3] <= top + 1][::-1]
    below = [k for k in order if bbox_of(text_lines[k])[1] >= bottom - 1]
    for candidates, upward in ((above, True), (below, False)):
        edge = top if upward else bottom
        height = _row_height(g)
        for k in candidates:
            ln = text_lines[k]
            bx0, btop, bx1, bbottom = bbox_of(ln)
            gap = (edge - bbottom) if upward else (btop - edge)
            if gap > max(height, 6.0) or bx0 < x0 - 2 or bx1 > x1 + 2:
                break
            cells = _split(g, ln)
            if cells is None or not is_data_row(cells):
                break
            used.add(k)
            band = (btop - 2, bbottom + 2)
            if upward:
                g.rows.insert(0, cells)
                g.row_bands.insert(0, band)
                g.carried.insert(0, ())
                g.indents.insert(0, ())
                edge = btop
            else:
                g.rows.append(cells)
                g.row_bands.append(band)
                g.carried.append(())
                g.indents.append(())
                edge = bbottom


def _row_height(g: Grid) -> float:
    hs = sorted(b - t for t, b in g.row_bands)
    return hs[len(hs) // 2] if hs else 20.0


def _split(g: Grid, ln: list[Char]) -> list[str] | None:
    """The line cut at the grid's column rules; ``None`` when a glyph straddles a rule."""
    buckets: dict[int, list[Char]] = {}
    for c in ln:
        if not c["text"].strip():
            continue
        j = g.column_of((c["x0"] + c["x1"]) / 2)
        if j is None:
            return None
        if c["x0"] < g.xs[j] - 1.0 or c["x1"] > g.xs[j + 1] + 1.0:
            return None
        buckets.setdefault(j, []).append(c)
    if len(buckets) < 2:
        return None
    return [cell_text(buckets[j]) if j in buckets else "" for j in range(len(g.xs) - 1)]
