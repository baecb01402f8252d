"""A page's objects read straight from pdfminer, once, as light dicts.

pdfplumber's ``page.chars`` / ``page.rects`` / ``page.lines`` / ``page.curves``
build a pdfminer layout object for every glyph (``LTChar``: four matrix
products, a font lookup per attribute) and then convert each one to a dict of
some 25 keys (``Page.process_object``: a regex on the class name and
``resolve_all`` on every attribute).  The reader uses six keys of a char and a
handful of a rule, so this module renders the page with its own pdfminer
device instead:

- glyphs are computed inline in ``render_string_horizontal`` with exactly the
  arithmetic of ``LTChar`` and ``pdfplumber.Page.process_object`` (the same
  floats, in the same order), and each font's ``(text, width)`` per glyph id is
  cached for the whole document;
- paths go through pdfminer's own ``paint_path`` (lines, rects and curves
  classified as pdfplumber sees them) and are converted after the page;
- images are not rendered (the reader has no use for them);
- no layout analysis (``laparams`` is ``None``, as in pdfplumber);
- content streams are read by :class:`~budgetx.readers.pdf.content.FastInterpreter`
  (the same objects as pdfminer's parser, much faster).

:func:`page_objects` returns a :class:`PageObjects` whose ``chars``, ``lines``,
``rects`` and ``curves`` hold the same values, in the same order, as
pdfplumber's for the keys listed in :data:`CHAR_KEYS` and :data:`PATH_KEYS`
(``tests/test_pdf_objects.py`` checks it on corpus pages), and whose
``find_tables`` runs pdfplumber's own table finder on them.

:func:`quiet_pdfminer` removes the cost of pdfminer's per-token
``log.debug`` calls while a document is read, without configuring logging.

The device and the interpreter override pdfminer internals, so they are only
used with the pdfminer releases they were checked against
(:data:`CHECKED_PDFMINER`, :func:`fast_path_checked`); with any other release
the reader falls back to pdfplumber's own ``page.chars`` / ``page.objects``,
the reference these objects are checked against, slower but exact.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from typing import Any

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect
from pdfminer.pdffont import PDFUnicodeNotDefined

from budgetx.readers.pdf.content import FastInterpreter
from budgetx.readers.pdf.pageobjects import GlyphCache, Obj, PageObjects
from budgetx.readers.pdf.patches import Patch, Patches

# nothing prints in the library: pdfminer's warnings about odd PDFs reach the
# application's logging if it has any, never Python's last-resort stderr handler
# (this module is imported before pdfminer reads a document: budgetx.readers.pdf._Plumber)
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

__all__ = ["CHAR_KEYS", "PATH_KEYS", "GlyphCache", "PageObjects", "fast_path_checked", "page_objects", "quiet_pdfminer"]

#: the keys of a char dict, as pdfplumber computes them
CHAR_KEYS = ("text", "x0", "x1", "top", "bottom", "size", "fontname", "upright")
#: the keys of a line, rect or curve dict, as pdfplumber computes them
PATH_KEYS = (
    "x0",
    "x1",
    "top",
    "bottom",
    "width",
    "height",
    "linewidth",
    "fill",
    "stroke",
    "stroking_color",
    "non_stroking_color",
)

#: the pdfminer.six releases the fast path (this module and
#: :mod:`budgetx.readers.pdf.content`) was checked against: tests/test_pdf_objects.py
#: and tests/test_pdf_content.py pass with them.  Add a release here once they
#: pass with it (and widen the bound in pyproject.toml).
CHECKED_PDFMINER = frozenset({"20260107"})


def fast_path_checked() -> bool:
    """True when the installed pdfminer is a release the fast path was checked against."""
    import pdfminer

    return getattr(pdfminer, "__version__", None) in CHECKED_PDFMINER


class _Device(PDFLayoutAnalyzer):
    """A pdfminer device that collects a page's chars as dicts and keeps its paths."""

    def __init__(self, rsrcmgr: Any, out: PageObjects, mb_x0: float, mb_top: float, glyphs: GlyphCache) -> None:
        PDFLayoutAnalyzer.__init__(self, rsrcmgr, pageno=out.page_number, laparams=None)
        self.out = out
        self.mb_x0 = mb_x0
        self.mb_top = mb_top
        self.glyphs = glyphs.fonts

    # -- glyphs ---------------------------------------------------------------------

    def _glyph(self, font: Any, cid: int) -> tuple[str, float]:
        try:
            text = font.to_unichr(cid)
            assert isinstance(text, str), str(type(text))
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        return text, font.char_width(cid)

    def render_string_horizontal(  # type: ignore[override]
        self,
        seq: Any,
        matrix: Any,
        pos: Any,
        font: Any,
        fontsize: float,
        scaling: float,
        charspace: float,
        wordspace: float,
        rise: float,
        dxscale: float,
        ncs: Any,
        graphicstate: Any,
    ) -> Any:
        """``PDFTextDevice.render_string_horizontal`` with ``LTChar`` and pdfplumber's dict inlined."""
        (x, y) = pos
        needcharspace = False
        cache = self.glyphs.get(font)
        if cache is None:
            cache = self.glyphs[font] = {}
        (a, b, c, d, e, f) = matrix
        descent = font.get_descent() * fontsize
        lo = descent + rise
        hi = descent + rise + fontsize
        upright = a * d * scaling > 0 and b * c <= 0
        fontname = font.fontname
        if isinstance(fontname, bytes):  # pragma: no cover - rare byte-encoded names
            from pdfplumber.page import fix_fontname_bytes

            fontname = fix_fontname_bytes(fontname)
        height = self.out.height
        mb_top = self.mb_top
        mb_x0 = self.mb_x0
        append = self.out.chars.append
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    g = cache.get(cid)
                    if g is None:
                        g = cache[cid] = self._glyph(font, cid)
                    adv = g[1] * fontsize * scaling
                    # utils.translate_matrix(matrix, (x, y))
                    te = x * a + y * c + e
                    tf = x * b + y * d + f
                    # utils.apply_matrix_rect(m, (0, lo, adv, hi))
                    left1, bottom1 = a * 0 + c * lo + te, b * 0 + d * lo + tf
                    right1, bottom2 = a * adv + c * lo + te, b * adv + d * lo + tf
                    right2, top1 = a * adv + c * hi + te, b * adv + d * hi + tf
                    left2, top2 = a * 0 + c * hi + te, b * 0 + d * hi + tf
                    x0 = min(left1, left2, right1, right2)
                    y0 = min(bottom1, bottom2, top1, top2)
                    x1 = max(left1, left2, right1, right2)
                    y1 = max(bottom1, bottom2, top1, top2)
                    if mb_x0 != 0:
                        x0 = x0 + mb_x0
                        x1 = x1 + mb_x0
                    append(
                        {
                            "text": g[0],
                            "x0": x0,
                            "x1": x1,
                            "top": (height - y1) + mb_top,
                            "bottom": (height - y0) + mb_top,
                            "size": y1 - y0,
                            "fontname": fontname,
                            "upright": upright,
                        }
                    )
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
        return (x, y)

    def render_char(  # type: ignore[override]
        self,
        matrix: Any,
        font: Any,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: Any,
        graphicstate: Any,
    ) -> float:
        """Vertical fonts (rare): pdfminer's own ``LTChar``, converted."""
        text, width = self._glyph(font, cid)
        item = LTChar(matrix, font, fontsize, scaling, rise, text, width, font.char_disp(cid), ncs, graphicstate)
        self.out.chars.append(self._char(item))
        return item.adv

    def _char(self, item: LTChar) -> Obj:
        x0, x1 = item.x0, item.x1
        if self.mb_x0 != 0:
            x0, x1 = x0 + self.mb_x0, x1 + self.mb_x0
        fontname = item.fontname
        if isinstance(fontname, bytes):  # pragma: no cover
            from pdfplumber.page import fix_fontname_bytes

            fontname = fix_fontname_bytes(fontname)
        return {
            "text": item.get_text(),
            "x0": x0,
            "x1": x1,
            "top": (self.out.height - item.y1) + self.mb_top,
            "bottom": (self.out.height - item.y0) + self.mb_top,
            "size": item.size,
            "fontname": fontname,
            "upright": item.upright,
        }

    # -- images and paths --------------------------------------------------------------

    def render_image(self, name: str, stream: Any) -> None:
        pass  # the reader has no use for images

    def receive_layout(self, ltpage: Any) -> None:
        from pdfplumber.utils import resolve_all

        out = self.out
        for item in _walk(ltpage):
            kind = type(item)
            if kind is LTLine:
                bucket = out.lines
            elif kind is LTRect:
                bucket = out.rects
            elif kind is LTCurve:
                bucket = out.curves
            else:
                continue
            x0, x1 = item.x0, item.x1
            if self.mb_x0 != 0:
                x0, x1 = x0 + self.mb_x0, x1 + self.mb_x0
            bucket.append(
                {
                    "x0": x0,
                    "x1": x1,
                    "top": (out.height - item.y1) + self.mb_top,
                    "bottom": (out.height - item.y0) + self.mb_top,
                    "width": item.width,
                    "height": item.height,
                    "linewidth": item.linewidth,
                    "fill": item.fill,
                    "stroke": item.stroke,
                    "stroking_color": resolve_all(item.stroking_color),
                    "non_stroking_color": resolve_all(item.non_stroking_color),
                }
            )


def _walk(container: Any) -> Iterator[Any]:
    for obj in container:
        if isinstance(obj, LTContainer):
            yield from _walk(obj)
        else:
            yield obj


def page_objects(page: Any, glyphs: GlyphCache | None = None) -> PageObjects:
    """The objects of a pdfplumber ``Page`` (its ``pdf``, ``page_obj`` and geometry), rendered once.

    ``glyphs`` carries the fonts' glyphs from page to page of one document.
    """
    out = PageObjects(page.page_number, tuple(page.bbox))  # type: ignore[arg-type]
    out.height = page.height
    out.width = page.width
    mb_x0, mb_top = page.mediabox[:2]
    device = _Device(page.pdf.rsrcmgr, out, mb_x0, mb_top, glyphs or GlyphCache())
    interpreter = FastInterpreter(page.pdf.rsrcmgr, device)
    interpreter.process_page(page.page_obj)
    return out


# -- pdfminer's debug logging --------------------------------------------------------


class _Quiet:
    """A stand-in for a pdfminer module's logger whose ``debug`` does nothing."""

    __slots__ = ("_log",)

    def __init__(self, log: logging.Logger) -> None:
        self._log = log

    def debug(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._log, name)


def _quiet_loggers() -> list[Patch]:
    """Each loaded pdfminer module's logger whose DEBUG level is off, to be replaced by a :class:`_Quiet`."""
    out: list[Patch] = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("pdfminer.") or module is None:
            continue
        for attr in ("log", "logger"):
            log = getattr(module, attr, None)
            if isinstance(log, logging.Logger) and not log.isEnabledFor(logging.DEBUG):
                out.append((module, attr, _Quiet(log)))
    return out


_QUIET = Patches(_quiet_loggers)


@contextlib.contextmanager
def quiet_pdfminer() -> Iterator[None]:
    """pdfminer's ``log.debug`` calls (several per token of a content stream) made free, for a while.

    pdfminer logs every token it parses at DEBUG level; even with DEBUG off each
    call costs two Python calls.  While this context is active, the module-level
    loggers of the loaded pdfminer modules whose DEBUG level is off are replaced by
    a stand-in whose ``debug`` does nothing (warnings and errors still go to the
    real logger); they are put back on exit.  Logging configuration is never
    touched, and a logger with DEBUG on keeps logging.
    """
    with _QUIET.active():
        yield
