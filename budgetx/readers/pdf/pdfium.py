"""A page's objects read by pdfium: the same chars and rules as pdfminer's, faster.

pdfminer spends most of a page's time turning content streams into glyphs in
Python; pdfium does it in C.  This module builds a
:class:`~budgetx.readers.pdf.objects.PageObjects` from pdfium's text page and
page objects with the geometry pdfplumber gives (top-left origin ``top`` /
``bottom``, pdfminer's glyph boxes), for the keys the reader reads:

- a char's box is pdfminer's (``LTChar``): from the glyph's origin, across its
  advance width (from the font's widths, with the horizontal scaling), from the
  font's descent to the descent plus the font size, through the text matrix —
  not pdfium's tight glyph box.  pdfium's loose box gives the origin and the
  advance; the descent is the font descriptor's, as pdfminer reads it;
- a path is cut into subpaths and classified as pdfminer does
  (``PDFLayoutAnalyzer.paint_path``): a line (``ml``/``mlh``), a rect (an
  axis-aligned closed 4-point loop) or a curve, with its fill and stroke and
  whether its colours are white; paths inside Form XObjects are included.

pdfium is called through :mod:`budgetx.readers.pdf.libpdfium` (the library
pypdfium2 ships, bound with ctypes; pypdfium2's Python bindings are not
imported); what it is asked of every char, text object, page object and path
is asked in one call each (:mod:`budgetx.readers.pdf.loops`: in C where the
optional extension is built, else through ctypes, the same answers).  :class:`Reader` opens the document itself and gives each page's
number, rotation and boxes as pdfplumber computes them (:meth:`Reader.page`,
the MediaBox's numbers as the file writes them, :func:`written_boxes`), so a
document pdfium reads throughout needs neither pdfplumber nor pdfminer.

A page turned by ``/Rotate`` is turned as pdfminer's interpreter turns it
(:class:`_Frame`).  A page pdfium cannot give exactly that way is left to
pdfminer (:meth:`Reader.read_page` returns False): text not set straight on
the page as shown (rotated, skewed or mirrored glyphs, vertical writing), a
glyph without a unicode (pdfminer gives ``(cid:N)`` or decodes it with its own
CID maps), a font without usable metrics or one pdfminer has metrics of its
own for (:data:`AFM_FONTS`).  ``benchmarks/backends.py`` and
``tests/test_pdf_pdfium.py`` compare the two backends on the corpus.

The backend is chosen with the environment variable ``BUDGETX_PDF_BACKEND``
(``pdfium``, the default, or ``pdfminer``, see :func:`chosen`).  pdfium reads
a document only when the file is whole and within the budget
(:mod:`budgetx.readers.pdf.survey`): the checks that make damage visible and
enforce the budget's caps (:mod:`budgetx.readers.pdf.guards`: a stream that
does not inflate, a cycle of references, the cap on what a stream inflates
to, the tokens of a page) watch pdfminer reading, so a damaged or hostile
file is left to pdfminer whole.  Blanks pdfium's text page leaves out (an
object of blanks only, the blanks after the first of a run) are read from
the page's content and fonts as pdfminer decodes and places them
(:mod:`budgetx.readers.pdf.shown`, over the file's objects the survey indexed,
:mod:`budgetx.readers.pdf.cos`), checked against what pdfium kept
(:meth:`Reader._laid`); where the content cannot be read, from pdfium's
bounds and the glyph after them, a whole number of advances further; else the
page goes to pdfminer.  pdfium is not thread-safe: all calls
into it hold one lock (:data:`budgetx.readers.pdf.libpdfium.LOCK`).
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import operator
import os
import struct
import weakref
from collections.abc import Collection
from typing import Any, Protocol

from budgetx import patterns
from budgetx.readers.pdf import cos, libpdfium, loops, shown
from budgetx.readers.pdf.libpdfium import LOCK as _LOCK


class PageObjects(Protocol):
    """Where a page's objects go (:class:`budgetx.readers.pdf.objects.PageObjects`)."""

    height: float
    chars: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    rects: list[dict[str, Any]]
    curves: list[dict[str, Any]]


#: the environment variable that chooses the PDF backend
ENV = "BUDGETX_PDF_BACKEND"
#: the backend used when the variable is not set
DEFAULT = "pdfium"
BACKENDS = ("pdfium", "pdfminer")

_WHITE = (1.0, 1.0, 1.0)
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: the fonts pdfminer gives metrics of its own by their /BaseFont (the names of
#: ``pdfminer.fontmetrics.FONT_METRICS``): their descent and widths are the AFM's, not the file's
AFM_FONTS = frozenset(
    (
        *(
            f"{family}{style}"
            for family in ("Courier", "Helvetica")
            for style in ("", "-Bold", "-BoldOblique", "-Oblique")
        ),
        *(f"Times-{style}" for style in ("Roman", "Bold", "BoldItalic", "Italic")),
        *(
            f"{family}{style}"
            for family in ("Arial", "CourierNew", "TimesNewRoman")
            for style in ("", ",Bold", ",BoldItalic", ",Italic")
        ),
        "Symbol",
        "ZapfDingbats",
    )
)
#: pages read before the document is opened afresh (:meth:`Reader._refresh`)
REOPEN = 16
_SPACES = (" ", "\u3000", "\xa0")


def chosen() -> str:
    """The backend asked for by ``BUDGETX_PDF_BACKEND`` (:data:`DEFAULT` when unset or unknown);
    ``pdfminer`` when pdfium's library is not installed."""
    name = os.environ.get(ENV, "").strip().lower()
    name = name if name in BACKENDS else DEFAULT
    return name if name != "pdfium" or available() else "pdfminer"


def available() -> bool:
    """True when pypdfium2's pdfium library is installed and loads (:func:`budgetx.readers.pdf.libpdfium.api`)."""
    return libpdfium.api() is not None


class Stats:
    """How many pages each backend read (the pdfium ones and those left to pdfminer, with why)."""

    def __init__(self) -> None:
        self.fast = 0
        self.fallback: dict[str, int] = {}

    def fell_back(self, reason: str) -> None:
        self.fallback[reason] = self.fallback.get(reason, 0) + 1


#: a char read from pdfium: (its text object's place in the content, text, x0, x1, y0, y1, origin y)
_Glyph = tuple[int, str, float, float, float, float, float]
#: a text object as its glyphs are read: (its place in the content, y0 and y1 of its glyphs above
#: their origin, the x scale of its text, its font, its font size)
_TextObject = tuple[int, float, float, float, int, float]
#: a subpath: its segments' operators in pdfminer's terms (m, l, c, h) and their end points
_Subpath = tuple[list[str], list[tuple[float, float]]]
_PLACE = operator.itemgetter(0)
#: a glyph pdfium gives no unicode for (pdfminer may decode it otherwise): nothing, a replacement
#: char, a private-use char or half a surrogate pair
#: half a surrogate pair
_SURROGATE = patterns.compile("[\ud800-\udfff]")
_UNMAPPED_TEXT = patterns.compile("[\x00\ufffd-\uffff\ue000-\uf8ff\ud800-\udfff]")


class _Frame:
    """How a page's user space maps to pdfplumber's coordinates, as pdfminer's interpreter and
    pdfplumber's ``process_object`` map it.

    An unrotated page is read in user space (its x as pdfplumber's, its ``top``
    the page height less the y above the MediaBox's bottom).  A page with a
    ``/Rotate`` is turned by pdfminer's matrix for it (``ctm``, from the MediaBox
    as the file writes it) into pdfminer's device space, and pdfplumber shifts
    that by the MediaBox's corner as it turns it (``mb_x0``, ``mb_top``).
    """

    __slots__ = ("ctm", "lift", "mb_top", "mb_x0", "root")

    def __init__(self, ctm: tuple[float, ...] | None, mb_top: float, mb_x0: float) -> None:
        self.ctm = ctm
        #: the matrix of the page's own objects (the identity when the page is not turned)
        self.root = ctm or _IDENTITY
        self.mb_top = mb_top
        #: added to a y before it is taken from the height: pdfminer's y is user y less the box's bottom
        self.lift = 0.0 if ctm else mb_top
        self.mb_x0 = mb_x0 if ctm else 0.0

    @classmethod
    def of(cls, page: Any) -> _Frame | None:
        """The frame of a page (pdfium's :class:`Geometry` or a pdfplumber page); ``None`` for a
        rotation pdfminer does not turn (not a multiple of 90)."""
        rotation = page.rotation
        mb_x0, mb_top = page.mediabox[0], page.mediabox[1]
        if not rotation:
            return cls(None, mb_top, mb_x0)
        written = getattr(page, "written", None)
        if written is None:
            written = page.page_obj.mediabox  # a pdfplumber page: pdfminer's PDFPage
        x0, y0, x1, y1 = written
        ctm = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1), 270: (0, 1, -1, 0, y1, -x0)}.get(rotation)
        return cls(tuple(map(float, ctm)), mb_top, mb_x0) if ctm else None

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A user-space point in pdfminer's device space (``apply_matrix_pt``)."""
        a, b, c, d, e, f = self.root
        return (a * x + c * y + e, b * x + d * y + f)

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """A user-space box in device space, (x0, y0, x1, y1) with x0 <= x1 and y0 <= y1."""
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))


class _Fallback(Exception):
    """This page is left to pdfminer."""


class OpenError(Exception):
    """pdfium cannot open the document (``code``: pdfium's ``FPDF_GetLastError``, -1 without the library)."""

    def __init__(self, code: int) -> None:
        super().__init__(f"pdfium cannot open the document (error {code})")
        self.code = code


class Geometry:
    """A page's number, rotation and boxes as pdfplumber computes them (``pdfplumber.Page``),
    from pdfium's page (:meth:`Reader.page`); ``handle`` is pdfium's page, open until
    :meth:`Reader.close_page`."""

    __slots__ = ("bbox", "handle", "height", "mediabox", "page_number", "rotation", "width", "written")

    def __init__(
        self,
        page_number: int,
        rotation: int,
        box: tuple[float, float, float, float],
        handle: int,
        written: tuple[float, float, float, float],
    ) -> None:
        self.page_number = page_number
        self.rotation = rotation
        #: the MediaBox as the file writes it, as pdfminer reads it (``PDFPage.mediabox``)
        self.written = written
        x0, y0, x1, y1 = box
        mb_height = y1 - y0
        # pdfplumber's _invert_box: the top-left origin
        self.mediabox = self.bbox = (x0, mb_height - y1, x1, mb_height - y0)
        self.width = self.bbox[2] - self.bbox[0]
        self.height = self.bbox[3] - self.bbox[1]
        self.handle = handle


class _Content:
    """What a page's text objects print, read from its content the first time it is asked
    (:meth:`Reader._content`), for the objects pdfium's text page gives inexactly."""

    def __init__(
        self, reader: Reader, index: int, texts: dict[int, tuple[int, tuple[float, ...]]], objs: dict[int, Any]
    ) -> None:
        self._args = (index, texts, objs)
        self._reader = reader
        self._read = False
        self._got: tuple[list[shown.Shown], dict[int, int]] | None = None
        #: the places of the objects laid out from the content: their blanks are all there
        self.laid: set[int] = set()

    def get(self) -> tuple[list[shown.Shown], dict[int, int]] | None:
        if not self._read:
            self._read = True
            self._got = self._reader._content(*self._args)
        return self._got


class Reader:
    """One document opened by pdfium; :meth:`read_page` reads its pages one at a time.

    Raises :class:`OpenError` when pdfium cannot open it (not a PDF, damaged
    beyond repair, encrypted without the right password).
    """

    def __init__(self, data: bytes, password: str | None = None) -> None:
        api = libpdfium.api()
        if api is None:
            raise OpenError(-1)
        self._api = api
        #: pdfium's answers about every char, object and segment (in C when built)
        self._loops = loops.Loops(api)
        self._data = data  # pdfium reads the document from these bytes while it is open
        self._password = password.encode("utf-8") if password else None
        with _LOCK:
            doc = self._open()
            #: the number of pages pdfium finds
            self.pages = max(int(api.page_count(doc)), 0)
            #: whether the file's cross-reference table was sound (pdfium did not rebuild it)
            self.sound = bool(api.valid_xref(doc))
        #: pages loaded since the document was opened, and pages open now
        self._loaded = 0
        self._open_pages = 0
        self.stats = Stats()
        #: the MediaBoxes written in the file (:func:`written_boxes`), read when a page's geometry is first asked
        self._boxes: dict[tuple[float, ...], set[tuple[float, ...]]] | None = None
        #: per font: (pdfminer's descent as a fraction of the size, why pdfminer must read it or None)
        self._fonts: dict[int, tuple[float, str | None]] = {}
        #: the file's objects (:mod:`budgetx.readers.pdf.survey`), to read what the text objects pdfium
        #: leaves out of its text page print (:mod:`budgetx.readers.pdf.shown`); ``None``: not read
        self.objects: cos.Objects | None = None
        #: fonts as pdfminer decodes them, by their object numbers (``None``: not decoded here)
        self._decoders: dict[int, shown.Font | None] = {}
        # out-parameters of the calls, allocated once
        self._m = libpdfium.FS_MATRIX()
        self._pm = ctypes.byref(self._m)
        self._bounds = tuple(ctypes.c_float() for _ in range(4))
        self._pbounds = tuple(ctypes.byref(v) for v in self._bounds)

    def _open(self) -> int:
        """Open the document in pdfium (under the lock); closed when the reader goes, whichever
        thread collects it, not at exit (pypdfium2, if loaded, may have released the library)."""
        api = self._api
        doc = api.load_document(self._data, len(self._data), self._password)
        if not doc:
            raise OpenError(int(api.last_error()))
        self._doc: int = doc
        self._closer = weakref.finalize(self, _close, api, doc)
        self._closer.atexit = False
        return int(doc)

    def _refresh(self) -> None:
        """Every :data:`REOPEN` pages, with no page open, the document is closed and opened again
        (under the lock): pdfium keeps each font it loaded while the document is open, and a
        generator that embeds a font subset per page makes that grow by a megabyte a page."""
        if self._loaded >= REOPEN and not self._open_pages:
            self._closer()
            self._fonts.clear()  # keyed by pdfium's font handles, which the new document does not share
            self._open()
            self._loaded = 0

    @classmethod
    def for_page(cls, page: Any) -> Reader | None:
        """A reader of the document of a pdfplumber page, or ``None`` when pdfium cannot open it; the
        file's objects are read (:attr:`objects`) when its survey finds it whole."""
        try:
            pdf = page.pdf
            stream = pdf.stream
            if hasattr(stream, "getvalue"):
                data = stream.getvalue()
            else:
                pos = stream.tell()
                stream.seek(0)
                data = stream.read()
                stream.seek(pos)
            reader = cls(data, getattr(pdf, "password", None))
        except Exception:  # pdfium refuses the file: pdfminer reads it
            return None
        from budgetx import budget
        from budgetx.readers.pdf import survey

        limits = budget.current()
        reader.objects = survey.survey(data, limits.stream_bytes, limits.page_tokens, reader.pages).objects
        return reader

    def close(self) -> None:
        self._closer()

    def page(self, number: int) -> Geometry | None:
        """Page ``number`` (1-based) loaded, with its geometry as pdfplumber gives it; ``None`` when pdfium
        cannot load it or its MediaBox is not known exactly (pdfminer reads it then)."""
        api = self._api
        with _LOCK:
            self._refresh()
            handle = api.load_page(self._doc, number - 1) if 0 < number <= self.pages else None
            if not handle:
                self.stats.fell_back("page not loaded")
                return None
            self._loaded += 1
            corners = [ctypes.c_float() for _ in range(4)]
            found = api.media_box(handle, *corners)
            rotation = int(api.rotation(handle)) * 90
            key = tuple(float(c.value) for c in corners)
            if self._boxes is None:
                self._boxes = written_boxes(self._data)
            written = self._boxes.get(key, set()) if found else set()
            if len(written) != 1:
                # a MediaBox inherited, indirect, compressed or written with more digits than
                # pdfium keeps, two ways: its numbers are not known as pdfminer reads them
                api.close_page(handle)
                self.stats.fell_back("page geometry")
                return None
            self._open_pages += 1
        left, bottom, right, top = box = next(iter(written))
        x0, x1 = sorted((left, right))  # pdfplumber's _normalize_box
        y0, y1 = sorted((bottom, top))
        rect = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
        return Geometry(number, rotation, rect, handle, tuple(map(float, box)))  # type: ignore[arg-type]

    def close_page(self, page: Geometry) -> None:
        if page.handle:
            with _LOCK:
                self._api.close_page(page.handle)
                self._open_pages -= 1
            page.handle = 0

    def read_page(self, page: Any, out: PageObjects) -> bool:
        """Read a pdfplumber page's objects into ``out`` (empty, with the page's height);
        False, with ``out`` left empty, when pdfminer must read the page."""
        with _LOCK:
            try:
                if self._read_page(page, out):
                    self.stats.fast += 1
                    return True
            except _Fallback as exc:
                self.stats.fell_back(str(exc))
            except Exception as exc:  # pdfium refuses the page: pdfminer reads it (and reports damage)
                self.stats.fell_back(f"pdfium: {type(exc).__name__}")
        for objs in (out.chars, out.lines, out.rects, out.curves):
            objs.clear()
        return False

    def _read_page(self, page: Any, out: PageObjects) -> bool:
        index = page.page_number - 1
        if index >= self.pages:
            self.stats.fell_back("page count")
            return False
        frame = _Frame.of(page)
        if frame is None:
            self.stats.fell_back("rotated page")
            return False
        own = getattr(page, "handle", 0)
        handle = own or self._api.load_page(self._doc, index)
        if not handle:
            raise _Fallback("pdfium cannot load the page")
        try:
            texts: dict[int, tuple[int, tuple[float, ...]]] = {}
            root = frame.root
            text_kind = libpdfium.PAGEOBJ_TEXT
            for obj, kind, _ in self._loops.objects(handle):
                if kind == text_kind:  # most of a page's objects: numbered here, not in _object
                    texts[obj] = (len(texts), root)
                else:
                    self._object(obj, kind, root, out, frame, texts)
            self._chars(handle, out, frame, texts, index)
        finally:
            if not own:
                self._api.close_page(handle)
        return True

    # -- chars ----------------------------------------------------------------------

    def _font(self, font: int) -> float:
        """The descent as a fraction of the font size: pdfminer's ``font.get_descent()``.

        A font without usable metrics, or named as one of the fonts pdfminer has
        metrics for (:data:`AFM_FONTS`: pdfminer gives it those whatever the file
        says, its own descent and widths), leaves the page to pdfminer."""
        got = self._fonts.get(font)
        if got is None:
            api = self._api
            if _base_name(api, font) in AFM_FONTS:
                got = self._fonts[font] = (0.0, "standard font")
            else:
                asc, desc = ctypes.c_float(), ctypes.c_float()
                ok = api.ascent(font, 1000.0, ctypes.byref(asc)) and api.descent(font, 1000.0, ctypes.byref(desc))
                d = float(desc.value)
                if d > 0:
                    d = -d  # pdfminer forces a descent below the baseline
                usable = bool(ok) and asc.value != desc.value
                got = self._fonts[font] = (round(d) * 0.001, None if usable else "font without metrics")
        if got[1] is not None:
            raise _Fallback(got[1])
        return got[0]

    def _chars(
        self,
        page: int,
        out: PageObjects,
        frame: _Frame,
        texts: dict[int, tuple[int, tuple[float, ...]]],
        index: int,
    ) -> None:
        """Read the page's chars into ``out``, in the order of their text objects in the content.

        ``texts`` numbers the page's text objects in content order; ``index`` is
        the page's place in the document.  pdfium's text page leaves out
        whitespace that pdfminer keeps: a text object of whitespace only, and
        the whitespace after the first of a run.  Both are put back as the
        page's content shows them (:meth:`_laid`, read once a page, when first
        needed: :class:`_Content`); where the content cannot be read, from
        pdfium's bounds and the glyph after them, a whole number of advances
        further (:meth:`_run_of`, :meth:`_dropped`, :func:`_emit`); anything
        else leaves the page to pdfminer.
        """
        api = self._api
        tp = api.load_text(page)
        if not tp:
            raise _Fallback("no text page")
        try:
            n = api.count_chars(tp)
            text = _text(api, tp, n) if n > 0 else ""
            get_ink = api.char_box
            # per font, size and x scale: how far each glyph prints past its advance (asked once)
            overhangs: dict[tuple[int, float, float], dict[str, float]] = {}
            ink_l, ink_r, ink_b, ink_t = (ctypes.c_double() for _ in range(4))
            pl, pr, pb, pt = (ctypes.byref(v) for v in (ink_l, ink_r, ink_b, ink_t))
            generated, boxed = loops.GENERATED, loops.BOXED
            turned = frame.ctm is not None
            if _UNMAPPED_TEXT.search(text):  # pdfium's own line breaks and spaces are none of these
                raise _Fallback("unmapped glyph")
            objs: dict[int, _TextObject] = {}
            # per char: (its text object's place in the content, text, x0, x1, y0, y1, origin y)
            got: list[_Glyph] = []
            append = got.append
            last_key = last_place = -1
            ordered = True
            place = 0
            lo_y = hi_y = xscale = fs = 0.0
            font = 0
            overhang: dict[str, float] = {}
            records, runs = self._loops.chars(tp, text)
            for i, (t, (key, ox, oy, b_left, b_bottom, b_right, b_top, flags, _)) in enumerate(
                zip(text, records, strict=True)
            ):
                if flags & generated:
                    continue  # pdfium's own line breaks and word spaces
                if key != last_key:  # a glyph of another text object than the one before
                    info = objs.get(key)
                    if info is None:
                        info = objs[key] = self._text_object(tp, i, key, texts, frame, runs.get(i))
                    place, lo_y, hi_y, xscale, font, fs = info
                    overhang = overhangs.setdefault((font, fs, xscale), {})
                    last_key = key
                    if place < last_place:
                        ordered = False
                    last_place = place
                if not flags & boxed:
                    raise _Fallback("no char box")
                if turned:
                    x, y = frame.point(ox, oy)
                    left, _, right, _ = frame.box(b_left, b_bottom, b_right, b_top)
                else:
                    x, y, left, right = ox, oy, b_left, b_right
                width = right - left
                if left - x > 0.01 or x - left > 0.01:
                    # pdfium's box left of the origin (a substituted font): the advance from the widths
                    width = self._advance(font, ord(t), fs) * xscale
                else:
                    # pdfium's box ends at the ink when a glyph prints past its advance: then the
                    # advance from the widths (asked once per glyph, font and size)
                    past = overhang.get(t)
                    if past is None:
                        inked = get_ink(tp, i, pl, pr, pb, pt) and ink_r.value > ink_l.value
                        ink_right = ink_r.value
                        if inked and turned:
                            ink_right = frame.box(ink_l.value, ink_b.value, ink_r.value, ink_t.value)[2]
                        past = overhang[t] = (
                            self._advance(font, ord(t), fs) * xscale if inked and ink_right >= right - 0.001 else -1.0
                        )
                    if past >= 0:
                        width = past
                append((place, t, x, x + width, lo_y + y, hi_y + y, y))
        finally:
            api.close_text(tp)
        if not ordered:
            got.sort(key=_PLACE)  # stable: each object's chars stay in their order
        content = _Content(self, index, texts, objs)
        at = _blanks_at(got)
        blank = _blank_places(got, at)
        blanks = [key for key, info in objs.items() if info[0] in blank]
        if blanks:
            got = self._blank_runs(got, blanks, texts, frame, content)
            at = _blanks_at(got)
        got = self._collapsed_runs(got, texts, frame, content, blank, at)
        if len(objs) < len(texts):
            # text objects without a char in pdfium's text page: whitespace pdfium left out
            seen = {info[0] for info in objs.values()}
            missing = sorted((place, obj, parent) for obj, (place, parent) in texts.items() if place not in seen)
            places = [g[0] for g in got]
            put: list[_Glyph] = []
            for k, (place, obj, parent) in enumerate(missing):
                laid = self._laid(obj, place, parent, [], content, frame)
                if laid:
                    put.extend(laid)
                    continue
                m = _concat(self._matrix(obj), parent)
                # what follows in the content: the next glyph pdfium kept, or the next object it left out
                j = bisect.bisect_right(places, place)
                glyph = got[j] if j < len(got) else None
                later = missing[k + 1] if k + 1 < len(missing) else None
                if later is not None and (glyph is None or later[0] < glyph[0]):
                    after = _concat(self._matrix(later[1]), later[2])
                    nxt: tuple[float, float] | None = (after[4], after[5])
                else:
                    nxt = (glyph[2], glyph[6]) if glyph is not None else None
                put.extend(self._dropped(obj, place, m, nxt, frame))
            got.extend(put)
            got.sort(key=lambda g: g[0])
        _emit(got, out, frame, content.laid)

    def _advance(self, font: int, code: int, fs: float) -> float:
        """The advance of a char in its font at a size (pdfium maps it back to its char code)."""
        w = ctypes.c_float()
        if not self._api.glyph_width(font, code, fs, ctypes.byref(w)) or w.value <= 0:
            raise _Fallback("char without a width")
        return float(w.value)

    def _content(
        self, index: int, texts: dict[int, tuple[int, tuple[float, ...]]], objs: dict[int, _TextObject]
    ) -> tuple[list[shown.Shown], dict[int, int]] | None:
        """What the page's text objects print, read from its content (:func:`shown.page_text`), and
        which font object each pdfium font is; ``None`` when it is not read, or does not match pdfium's
        objects one for one (as many, each font of pdfium one font of the file)."""
        if self.objects is None:
            return None
        try:
            printed = shown.page_text(self.objects, index)
        except cos.Unreadable:
            return None
        if len(printed) != len(texts):
            return None
        fonts: dict[int, int] = {}
        for info in objs.values():
            font = printed[info[0]].state.font
            if fonts.setdefault(info[4], font) != font:
                return None
        if len(set(fonts.values())) != len(fonts):
            return None
        return printed, fonts

    def _decoder(self, number: int) -> shown.Font | None:
        """Font object ``number`` as pdfminer decodes it, or ``None``."""
        if number not in self._decoders:
            try:
                self._decoders[number] = shown.Font(self.objects, number) if self.objects else None
            except cos.Unreadable:
                self._decoders[number] = None
        return self._decoders[number]

    def _laid(
        self,
        obj: int,
        place: int,
        parent: tuple[float, ...],
        kept: list[_Glyph],
        content: _Content,
        frame: _Frame,
    ) -> list[_Glyph]:
        """A text object's chars as its content shows them, where pdfium's text page left blanks out:
        which chars, their advances and places from its codes, font and text state (pdfminer's
        decoding and layout, :meth:`shown.Font.layout`) and its origin.  ``kept``, the glyphs pdfium
        kept of it, must be among them, each at its place; the others must be blanks.  Empty when
        any of that cannot be read exactly: the caller then places blanks from pdfium's bounds."""
        read = content.get()
        if read is None:
            return []
        api = self._api
        printed, fonts = read
        item = printed[place]
        state = item.state
        a, b, c, d, e, f = _concat(self._matrix(obj), parent)
        handle = api.text_font(obj)
        size = ctypes.c_float()
        if b != 0 or c != 0 or a <= 0 or d <= 0 or not handle or state.scale != 100:
            return []
        if not api.text_font_size(obj, ctypes.byref(size)) or abs(size.value - state.size) > 0.001:
            return []
        decoder = self._decoder(state.font)
        if decoder is None or fonts.setdefault(handle, state.font) != state.font:
            return []
        try:
            layout = decoder.layout(item)
        except cos.Unreadable:
            return []
        if not layout:
            return []
        # a blank object's bounds reach from its first origin to its last (one with ink: no span)
        span = self._span(obj, e, f, frame)
        if (span is None and not kept) or (span is not None and abs(layout[-1][1] * a - span) > 0.01):
            return []
        if kept:
            y0, y1, baseline = kept[0][4], kept[0][5], kept[0][6]
        else:
            lo = self._font(handle) * state.size
            y0, y1, baseline = d * lo + f, d * (lo + state.size) + f, f
        out: list[_Glyph] = []
        j = 0
        for t, at, adv in layout:
            x = e + at * a
            if j < len(kept) and kept[j][1] == t and abs(kept[j][2] - x) <= 0.01:
                out.append(kept[j])
                j += 1
            elif t in _SPACES:
                out.append((place, t, x, x + adv * a, y0, y1, baseline))
            else:
                return []
        if j != len(kept):
            return []
        content.laid.add(place)
        return out

    def _collapsed_runs(
        self,
        got: list[_Glyph],
        texts: dict[int, tuple[int, tuple[float, ...]]],
        frame: _Frame,
        content: _Content,
        blank: set[int],
        at: list[int],
    ) -> list[_Glyph]:
        """``got`` with the objects where pdfium collapsed a run of blanks laid out from their content
        (:meth:`_laid`): a gap after a blank wider than half its advance (whether it hides blanks, and
        how many, char and word spacing and kerning decide), or an object of glyphs (not one of
        ``blank``, the objects of blanks only) whose bounds reach past its last blank kept.  Where the
        content cannot be read, a gap is left to :func:`_emit` (blanks one advance apart, if they fit
        it exactly), and an object reaching past its last blank leaves the page to pdfminer.  ``at``:
        where the blanks are in ``got`` (:func:`_blanks_at`)."""
        places: set[int] = set()
        trailing: dict[int, _Glyph] = {}
        last = len(got) - 1
        for k in at:
            g = got[k]
            if k < last and got[k + 1][0] == g[0]:
                if got[k + 1][2] - g[3] > max(0.5 * (g[3] - g[2]), 0.01):
                    places.add(g[0])  # a gap after a blank: a blank hidden in it, or spacing only
            elif g[0] not in blank:
                trailing[g[0]] = g  # an object of glyphs and blanks that ends in a blank
        if not places and not trailing:
            return got
        objects = {
            place: (obj, parent) for obj, (place, parent) in texts.items() if place in places or place in trailing
        }
        past = set()
        for place, g in trailing.items():
            # blanks pdfium left out after the last one it kept: the object's bounds reach past it
            obj, parent = objects[place]
            if self._reaches_past(obj, g, parent, frame):
                past.add(place)
        places |= past
        if not places:
            return got
        by_place: dict[int, list[_Glyph]] = {}
        for g in got:
            if g[0] in places:
                by_place.setdefault(g[0], []).append(g)
        laid: dict[int, list[_Glyph]] = {}
        for place in places:
            obj, parent = objects[place]
            redone = self._laid(obj, place, parent, by_place[place], content, frame)
            if redone:
                laid[place] = redone
            elif place in past:
                raise _Fallback("whitespace run")  # a run at the object's end: no glyph after it to measure
        return _replaced(got, laid)

    def _reaches_past(self, obj: int, g: _Glyph, parent: tuple[float, ...], frame: _Frame) -> bool:
        """Whether text object ``obj``'s bounds reach right of the origin of ``g``, its last glyph (a
        blank, which has no ink): pdfium left blanks out after it.  An object in a form: its bounds are
        not in the page's space, so it may."""
        if parent != frame.root or not self._api.object_bounds(obj, *self._pbounds):
            return True
        left, bottom, right, top = (float(v.value) for v in self._bounds)
        if frame.ctm is not None:
            right = frame.box(left, bottom, right, top)[2]
        return right > g[2] + 0.01

    def _dropped(
        self, obj: int, place: int, matrix: tuple[float, ...], nxt: tuple[float, float] | None, frame: _Frame
    ) -> list[_Glyph]:
        """The whitespace of a text object pdfium left out.

        The object prints whitespace only (pdfium drops nothing else), from its
        origin (``matrix``), one advance apart.  How many: pdfium's bounds of the
        object run from the first glyph's origin to the last one's (a blank glyph
        has no ink), so ``n - 1`` advances wide.  Which whitespace and its advance:
        the one whose run ends exactly where what follows it in the content
        (``nxt``: the x and baseline of the next glyph pdfium kept, or the origin
        of the next object it left out) starts on the same baseline; else, at a
        line's end, any of the font's blanks when they all advance alike (budgetx
        reads a blank only as spacing).  Anything else leaves the page to pdfminer.
        """
        api = self._api
        a, b, c, d, e, f = matrix
        font = api.text_font(obj)
        size = ctypes.c_float()
        if b != 0 or c != 0 or a <= 0 or d <= 0 or not font or not api.text_font_size(obj, ctypes.byref(size)):
            raise _Fallback("whitespace object")
        fs = float(size.value)
        span = self._span(obj, e, f, frame)
        if fs <= 0 or span is None:
            raise _Fallback("whitespace object")
        descent = self._font(font)
        lo = descent * fs
        y0, y1 = d * lo + f, d * (lo + fs) + f
        fits: list[tuple[str, float, int]] = []
        for t in _SPACES:
            w = ctypes.c_float()
            if not api.glyph_width(font, ord(t), fs, ctypes.byref(w)) or w.value <= 0:
                continue
            adv = float(w.value) * a
            n = round(span / adv) + 1
            if abs((n - 1) * adv - span) <= 0.01:
                fits.append((t, adv, n))
        follows = nxt is not None and abs(nxt[1] - f) <= 0.01 and nxt[0] > e
        if follows:
            assert nxt is not None
            ends = [fit for fit in fits if abs(e + fit[2] * fit[1] - nxt[0]) <= 0.01]
            if ends:
                fits = ends[:1]
            elif any(e + fit[2] * fit[1] > nxt[0] + 0.01 for fit in fits):
                raise _Fallback("whitespace object")  # a run past the glyph after it
        if not fits or any(abs(fit[1] - fits[0][1]) > 0.001 or fit[2] != fits[0][2] for fit in fits):
            raise _Fallback("whitespace object")
        t, adv, n = fits[0]
        return [(place, t, e + k * adv, e + (k + 1) * adv, y0, y1, f) for k in range(n)]

    def _blank_runs(
        self,
        got: list[_Glyph],
        blanks: list[int],
        texts: dict[int, tuple[int, tuple[float, ...]]],
        frame: _Frame,
        content: _Content,
    ) -> list[_Glyph]:
        """``got`` with each object that prints blanks only given all its blanks.

        pdfium keeps the first blank of such an object and leaves out the rest
        of the run when nothing of the object follows it.  Unless pdfium kept
        them all, the object is laid out from its content (:meth:`_laid`): its
        codes, spacing and kerning say how many blanks and where.  Where the
        content cannot be read, the object's bounds (:meth:`_span`) tell how
        far the run reaches, ``n - 1`` advances right of the first blank's
        origin, if the blanks are set one advance apart (:meth:`_run_of`);
        anything else leaves the page to pdfminer.
        """
        by_place: dict[int, list[_Glyph]] = {}
        for g in got:
            by_place.setdefault(g[0], []).append(g)
        runs: dict[int, list[_Glyph]] = {}
        for obj in blanks:
            place, parent = texts[obj]
            kept = by_place[place]
            whole = (
                _kept_whole(kept, self._span(obj, kept[0][2], kept[0][6], frame) if parent == frame.root else None)
                or self._laid(obj, place, parent, kept, content, frame)
                or self._run_of(obj, kept, parent, frame)
            )
            if not whole:
                raise _Fallback("whitespace run")
            runs[place] = whole
        return _replaced(got, runs)

    def _run_of(self, obj: int, kept: list[_Glyph], parent: tuple[float, ...], frame: _Frame) -> list[_Glyph] | None:
        """A blank object's blanks from pdfium's bounds of it, one advance apart (:meth:`_blank_runs`)."""
        first = kept[0]
        place = first[0]
        adv = first[3] - first[2]
        span = self._span(obj, first[2], first[6], frame) if parent == frame.root else None
        if span is None or adv <= 0:
            return None
        n = round(span / adv) + 1
        if abs((n - 1) * adv - span) > 0.01 or n < len(kept):
            return None
        if any(abs(g[2] - (first[2] + k * adv)) > 0.01 for k, g in enumerate(kept)):
            return None
        x0 = first[2]
        return [(place, first[1], x0 + k * adv, x0 + (k + 1) * adv, first[4], first[5], first[6]) for k in range(n)]

    def _span(self, obj: int, e: float, f: float, frame: _Frame) -> float | None:
        """How far the blank object's bounds reach right of its origin ``(e, f)``: from the first
        blank's origin to the last one's, a blank having no ink (outlined text widens the box by
        the same margin on every side); ``None`` when the bounds are not that."""
        if not self._api.object_bounds(obj, *self._pbounds):
            return None
        left, bottom, right, top = (float(v.value) for v in self._bounds)
        if frame.ctm is not None:
            left, bottom, right, top = frame.box(left, bottom, right, top)
        margin = e - left
        if not (-0.01 <= margin <= 1.0) or abs(f - bottom - margin) > 0.01 or abs(top - f - margin) > 0.01:
            return None
        span = right - left - 2 * margin
        return span if span >= -0.01 else None

    def _text_object(
        self,
        tp: int,
        i: int,
        key: int,
        texts: dict[int, tuple[int, tuple[float, ...]]],
        frame: _Frame,
        run: loops.RunRecord | None,
    ) -> _TextObject:
        """(the text object's place in the content, y0 and y1 of its glyphs above their origin,
        the x scale of its text, its font, its font size), in device space (its matrix turned
        with the page, :class:`_Frame`); ``run``: pdfium's answers for char ``i`` when they were
        asked with the chars (:meth:`budgetx.readers.pdf.loops.Loops.chars`), else asked here."""
        known = texts.get(key)
        if known is None:
            raise _Fallback("char outside the page's text objects")
        place = known[0]
        if run is None:
            api, m = self._api, self._m
            fs = api.font_size(tp, i)
            matrix = api.char_matrix(tp, i, self._pm)
            a, b, c, d = m.a, m.b, m.c, m.d
            font = api.text_font(key) if matrix else 0
        else:
            _, flags, fs, a, b, c, d, font = run
            matrix = flags & loops.MATRIX
        if not matrix:
            raise _Fallback("no text matrix")
        if frame.ctm is not None:
            m = self._m  # turned, then kept as pdfium's floats
            m.a, m.b, m.c, m.d, _, _ = _concat((a, b, c, d, 0.0, 0.0), frame.ctm)
            a, b, c, d = m.a, m.b, m.c, m.d
        if b != 0 or c != 0 or a <= 0 or d <= 0:
            raise _Fallback("text not upright")
        if not font:
            raise _Fallback("no font")
        descent = self._font(font)
        if fs <= 0:
            raise _Fallback("font without metrics")
        lo = descent * fs
        return (place, float(d) * lo, float(d) * (lo + fs), float(a), font, fs)

    # -- paths ----------------------------------------------------------------------

    def _object(
        self,
        obj: int,
        kind: int,
        parent: tuple[float, ...],
        out: PageObjects,
        frame: _Frame,
        texts: dict[int, tuple[int, tuple[float, ...]]],
    ) -> None:
        """A page object of a kind (pdfium's ``FPDF_PAGEOBJ_*``): its paths into ``out``; a text
        object numbered in ``texts``."""
        if kind == libpdfium.PAGEOBJ_TEXT:
            texts[obj] = (len(texts), parent)
        elif kind == libpdfium.PAGEOBJ_FORM:
            matrix = _concat(self._matrix(obj), parent)
            for inner, inner_kind, _ in self._loops.form_objects(obj):
                self._object(inner, inner_kind, matrix, out, frame, texts)
        elif kind == libpdfium.PAGEOBJ_PATH:
            self._path(obj, parent, out, frame)

    def _matrix(self, obj: int) -> tuple[float, ...]:
        m = self._m
        if not self._api.object_matrix(obj, self._pm):
            return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _path(self, obj: int, parent: tuple[float, ...], out: PageObjects, frame: _Frame) -> None:
        """One path object inside ``parent`` (the page's or a form's matrix) → pdfminer's lines,
        rects and curves (one per subpath)."""
        head, segments = self._loops.path(obj)
        flags = head[0]
        if not flags & loops.PATH_MODE:
            return
        fill = head[1] != libpdfium.FILLMODE_NONE
        stroke = bool(head[2])
        if not fill and not stroke:
            return  # pdfminer paints nothing for a path ended with n
        own = head[11:17] if flags & loops.PATH_MATRIX else _IDENTITY
        a, b, c, d, e, f = _concat(own, parent)
        moveto, bezierto = libpdfium.SEGMENT_MOVETO, libpdfium.SEGMENT_BEZIERTO
        has_point, closes = loops.POINT, loops.CLOSE
        # per subpath, its segments in pdfminer's terms (m, l, c: one per Bézier, h) and their points
        subpaths: list[_Subpath] = []
        ops: list[str] = []
        pts: list[tuple[float, float]] = []
        pending_bezier = 0
        for kind, point, px, py in segments:
            if not point & has_point:
                continue
            pt = (a * px + c * py + e, b * px + d * py + f)
            if kind == moveto:
                ops, pts = ["m"], [pt]
                subpaths.append((ops, pts))
                pending_bezier = 0
                continue
            if not subpaths:
                continue
            closed = point & closes
            if kind == bezierto:
                pending_bezier += 1
                if pending_bezier < 3:
                    continue  # control points: pdfminer keeps a Bézier's end point only
                pending_bezier = 0
                ops.append("c")
                pts.append(pt)
                if closed:
                    ops.append("h")
                    pts.append(pts[0])
            elif closed and pt == pts[0]:
                ops.append("h")  # pdfium closes a subpath with a line back to its start
                pts.append(pt)
            else:
                ops.append("l")
                pts.append(pt)
                if closed:
                    ops.append("h")
                    pts.append(pts[0])
        if subpaths:
            # the fill colour is read only for a filled path (pdfplumber's is then unused)
            ncolour = _rgb(head[7:10]) if fill and flags & loops.PATH_FILL else None
            scolour = _rgb(head[3:6]) if flags & loops.PATH_STROKE else None
            _classify(subpaths, fill, stroke, scolour, ncolour, out, frame)


def _rgb(rgb: tuple[int, ...]) -> tuple[float, ...]:
    """A colour as RGB fractions (only whether it is white is read)."""
    return (rgb[0] / 255, rgb[1] / 255, rgb[2] / 255)


def _close(api: libpdfium.Api, doc: int) -> None:
    with _LOCK:
        api.close_document(doc)


#: a MediaBox written as an array of four numbers, and a number as pdfminer reads it
_MEDIABOX = patterns.compile(rb"/MediaBox\s*\[\s*([-+.\d]+)\s+([-+.\d]+)\s+([-+.\d]+)\s+([-+.\d]+)\s*\]")
_NUMBER = patterns.compile(rb"[-+]?(?:\d+\.?\d*|\.\d+)")


def _single(value: float) -> float:
    """A number as a 32-bit float (what pdfium keeps of it)."""
    return float(struct.unpack("f", struct.pack("f", value))[0])


def written_boxes(data: bytes) -> dict[tuple[float, ...], set[tuple[float, ...]]]:
    """The MediaBox arrays written in the file, as pdfminer reads their numbers (an int without
    a point, else a float), by the 32-bit floats pdfium keeps of them."""
    out: dict[tuple[float, ...], set[tuple[float, ...]]] = {}
    for m in _MEDIABOX.finditer(data):
        if not all(_NUMBER.fullmatch(t) for t in m.groups()):
            continue
        box = tuple(float(t) if b"." in t else int(t) for t in m.groups())
        out.setdefault(tuple(_single(v) for v in box), set()).add(box)
    return out


def _base_name(api: libpdfium.Api, font: int) -> str:
    """The font's /BaseFont as the file writes it (``""`` when pdfium has none)."""
    size = int(api.font_name(font, None, 0))
    if size <= 1:
        return ""
    buf = ctypes.create_string_buffer(size)
    api.font_name(font, buf, size)
    return buf.value.decode("utf-8", "replace")


def _text(api: libpdfium.Api, tp: int, n: int) -> str:
    """The page's chars' unicode values, one per char index: pdfium's UTF-16 text of the page, or, when
    it holds a surrogate (a char past U+FFFF takes two units), each char's value asked on its own."""
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = api.get_text(tp, 0, n, buf)
    text = buf.raw[: 2 * max(got - 1, 0)].decode("utf-16-le", "surrogatepass")
    if len(text) == n and not _SURROGATE.search(text):
        return text
    return "".join(chr(api.get_unicode(tp, i)) for i in range(n))


def _replaced(got: list[_Glyph], objects: dict[int, list[_Glyph]]) -> list[_Glyph]:
    """``got`` with the glyphs of each object in ``objects`` (by its place) replaced by the object's
    glyphs there, put where its first glyph was."""
    if not objects:
        return got
    out: list[_Glyph] = []
    done: set[int] = set()
    for g in got:
        whole = objects.get(g[0])
        if whole is None:
            out.append(g)
        elif g[0] not in done:
            out.extend(whole)
            done.add(g[0])
    return out


def _kept_whole(kept: list[_Glyph], span: float | None) -> list[_Glyph] | None:
    """``kept`` when pdfium kept every blank of a blank object whose bounds reach ``span`` (:func:`_whole_run`)."""
    if span is None or kept[0][3] <= kept[0][2]:
        return None
    return kept if _whole_run(kept, span, kept[0][3] - kept[0][2]) else None


def _whole_run(kept: list[_Glyph], span: float, adv: float) -> bool:
    """pdfium kept every blank of a blank object: the object's bounds end at the last one kept, and
    no two kept are far enough apart for a blank between them (the blanks may be set closer or
    further than their advance, by char spacing or kerning: their places are pdfium's)."""
    if len(kept) < 2 or abs(kept[-1][2] - kept[0][2] - span) > 0.01:
        return False
    return all(0 < b[2] - a[2] < 1.5 * adv for a, b in itertools.pairwise(kept))


def _blanks_at(got: list[_Glyph]) -> list[int]:
    """Where the blanks are in ``got``, in order."""
    return [k for k, g in enumerate(got) if g[1] in _SPACES]


def _blank_places(got: list[_Glyph], at: list[int]) -> set[int]:
    """The places of the text objects whose glyphs pdfium kept are all blanks of one kind
    (``got`` in the order of their places, its blanks ``at`` these indices)."""
    out: set[int] = set()
    last = len(got) - 1
    k = 0
    while k < len(at):
        start = at[k]
        place, kind = got[start][0], got[start][1]
        if start > 0 and got[start - 1][0] == place:
            k += 1
            continue  # a glyph before it in its object: not its first
        # the object's glyphs from its first: blanks of one kind at consecutive indices, to its end
        end = start
        while k + 1 < len(at) and at[k + 1] == end + 1 and got[end + 1][0] == place and got[end + 1][1] == kind:
            k += 1
            end += 1
        if end == last or got[end + 1][0] != place:
            out.add(place)
        k += 1
    return out


def _emit(got: list[_Glyph], out: PageObjects, frame: _Frame, laid: Collection[int] = ()) -> None:
    """The chars as pdfplumber's dicts, with the rest of each whitespace run pdfium collapsed (but in
    the objects ``laid`` out from their content, whose blanks are all there)."""
    height = out.height
    append = out.chars.append
    last = len(got) - 1
    lift, mb_top, mb_x0 = frame.lift, frame.mb_top, frame.mb_x0
    for k, (place, t, x0, x1, y0, y1, _) in enumerate(got):
        top = (height - (y1 + lift)) + mb_top
        bottom = (height - (y0 + lift)) + mb_top
        # pdfplumber adds the MediaBox's left to pdfminer's x (0 when the page is not turned)
        append({"text": t, "x0": x0 + mb_x0, "x1": x1 + mb_x0, "top": top, "bottom": bottom, "size": y1 - y0})
        if t in _SPACES and k < last and got[k + 1][0] == place and place not in laid:
            runs = _run_after(got, k)
            if runs < 0:
                raise _Fallback("whitespace run")
            adv = x1 - x0
            for j in range(1, runs):  # the rest of the run, one advance apart
                append(
                    {
                        "text": t,
                        "x0": x0 + j * adv + mb_x0,
                        "x1": x0 + (j + 1) * adv + mb_x0,
                        "top": top,
                        "bottom": bottom,
                        "size": y1 - y0,
                    }
                )


def _run_after(got: list[_Glyph], k: int) -> int:
    """How many blanks a blank ``got[k]`` stands for, the next glyph being of the same object: 1 when
    the next one follows closer than a blank further (spacing, kerning: pdfium left out no blank),
    else the whole number of its advances to the next one; -1 when that is no whole number."""
    _, t, x0, x1, *_ = got[k]
    if t not in _SPACES:
        return 1
    nxt = got[k + 1][2]
    adv = x1 - x0
    if nxt - x1 <= 0.01 or nxt - x1 <= adv - 0.01:
        return 1
    runs = round((nxt - x0) / adv) if adv > 0 else 0
    if runs < 2 or abs(x0 + runs * adv - nxt) > 0.01:
        return -1
    return runs


def _concat(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """``m`` then ``n`` (pdfminer's ``mult_matrix(m, n)``)."""
    a1, b1, c1, d1, e1, f1 = m
    a0, b0, c0, d0, e0, f0 = n
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _classify(
    subpaths: list[_Subpath],
    fill: bool,
    stroke: bool,
    scolour: tuple[float, ...] | None,
    ncolour: tuple[float, ...] | None,
    out: PageObjects,
    frame: _Frame,
) -> None:
    """Each subpath as pdfminer's ``paint_path`` sees it: a line, a rect or a curve."""
    height = out.height
    lift, mb_top, mb_x0 = frame.lift, frame.mb_top, frame.mb_x0
    for ops, pts in subpaths:
        if len(ops) < 2 and len(subpaths) > 1:
            continue  # pdfminer drops a lone m among several subpaths
        shape = "".join(ops)
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts = pts[:-1]
        bucket = out.curves
        if shape in ("mlh", "ml"):
            bucket = out.lines
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            if pts[0] == pts[4] and (
                (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
            ):
                bucket = out.rects
                pts = [pts[0], pts[2]]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        bx0, bx1, by0, by1 = min(xs), max(xs), min(ys), max(ys)
        bucket.append(
            {
                "x0": bx0 + mb_x0,
                "x1": bx1 + mb_x0,
                "top": (height - (by1 + lift)) + mb_top,
                "bottom": (height - (by0 + lift)) + mb_top,
                "width": bx1 - bx0,
                "height": by1 - by0,
                "fill": fill,
                "stroke": stroke,
                "stroking_color": scolour,
                "non_stroking_color": ncolour,
            }
        )
