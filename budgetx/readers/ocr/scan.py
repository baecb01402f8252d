"""The PDF reader with OCR: scanned pages, or every page with ``--ocr always``, read by OCR.

:func:`read` is the reader of PDFs (:data:`budgetx.readers.READERS`): the PDF
reader (:mod:`budgetx.readers.pdf`) reads each page's text layer and asks
:meth:`Scanner.wants` about each page: with ``auto``
(the default) a page is read by OCR when it has no text and images cover at
least half of it (a scan, not a blank page nor a page of drawings); with
``always`` every page is; with ``never`` none.  The page is rendered by
pdfium at :data:`budgetx.readers.ocr.image.DPI` and read by
:func:`budgetx.readers.ocr.page.read`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from budgetx.model import Line
from budgetx.readers import ReadResult
from budgetx.readers.ocr import settings

if TYPE_CHECKING:
    from budgetx.pages import PageSelection

#: the share of a page images must cover for a page without text to be taken for a scan
_SCANNED_SHARE = 0.5


def read(data: bytes, path: str, *, password: str | None = None, pages: PageSelection | None = None) -> ReadResult:
    """A PDF's lines, of every page or of ``pages`` only, its scanned pages read by OCR (unless ``--ocr never``)."""
    from budgetx.readers import pdf

    if settings.current().mode == "never":
        return pdf.read(data, path, password=password, pages=pages)
    return pdf.read(
        data, path, password=password, pages=pages, other=lambda count: Scanner(data, password, count, pages)
    )


class Scanner:
    """Reads a PDF's pages by OCR, the PDF opened by pdfium when the first page needs it."""

    def __init__(self, data: bytes, password: str | None, pages: int, selection: PageSelection | None = None) -> None:
        self.data = data
        self.password = password
        #: the place (1-based) of each page read among those read, for the progress
        self.places = {
            n: k for k, n in enumerate(range(1, pages + 1) if selection is None else selection.within(pages), 1)
        }
        self.pages = len(self.places)
        self.settings = settings.current()
        self.done = 0
        self.turned: dict[int, int] = {}
        self._pdf: Any = None
        self._refused = False

    @property
    def always(self) -> bool:
        return self.settings.mode == "always"

    def wants(self, number: int, lines: list[Line]) -> bool:
        """Page ``number`` (1-based), read from its text layer as ``lines``, is to be read by OCR."""
        mode = self.settings.mode
        if mode == "never":
            return False
        if mode == "always":
            return self._document() is not None  # else its text layer stands: pdfium cannot render it
        return not lines and self._scanned(number)

    def read(self, number: int, state: Any) -> list[Line]:
        """Page ``number`` read by OCR (:func:`budgetx.readers.ocr.page.read`)."""
        from budgetx.readers.ocr import image, page

        progress = self.settings.progress
        place = self.places.get(number, number)
        if progress is not None:
            progress(self.done, place - 1, self.pages)
        picture = image.render(self._document(), number - 1)
        lines = page.read(picture, number, state, points_per_pixel=72 / image.DPI, turned=self.turned)
        self.done += 1
        if progress is not None:
            progress(self.done, place, self.pages)
        return lines

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def _document(self) -> Any:
        """The PDF opened by pdfium, or ``None`` when pdfium refuses it (a file damaged beyond its
        repair, which the text layer's reader may still read and report)."""
        if self._pdf is None and not self._refused:
            import pypdfium2

            try:
                self._pdf = pypdfium2.PdfDocument(self.data, password=self.password or None)
            except pypdfium2.PdfiumError:
                self._refused = True
        return self._pdf

    def _scanned(self, number: int) -> bool:
        """Page ``number`` has images over at least :data:`_SCANNED_SHARE` of it (False when pdfium
        cannot open the document or the page: nothing for OCR to render)."""
        import pypdfium2
        import pypdfium2.raw as raw

        pdf = self._document()
        if pdf is None:
            return False
        try:
            page = pdf[number - 1]
        except pypdfium2.PdfiumError:
            return False
        try:
            width, height = page.get_size()
            covered = 0.0
            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
                left, bottom, right, top = obj.get_bounds()
                covered = max(
                    covered,
                    max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0)),
                )
            return covered >= _SCANNED_SHARE * width * height
        finally:
            page.close()
