"""A PDF's pages as images, rendered by pdfium.

The boxes budgetx keeps are in PDF points from the top-left corner of the page
(pdfplumber's geometry); an image rendered at ``dpi`` has ``dpi / 72`` pixels
a point, so a box is drawn at its coordinates times :attr:`PageImages.scale`.
"""

from __future__ import annotations

import os
from types import TracebackType
from typing import TYPE_CHECKING

from budgetx.errors import NoPageImage
from budgetx.model import Document

if TYPE_CHECKING:
    from PIL.Image import Image

#: the resolution of a drawn page: a page of A4 is 827 × 1169 pixels
DEFAULT_DPI = 100


def check_drawable(doc: Document) -> None:
    """Raise :class:`~budgetx.errors.NoPageImage` for a document that has no pages to draw on (text)."""
    if doc.source.format not in ("pdf", "image"):
        raise NoPageImage(
            doc.source.path,
            "a text document has no page image to draw on; give the PDF it was published as",
        )


class PageImages:
    """The pages of one PDF, rendered on demand; close it (or use it in a ``with``) when done."""

    def __init__(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        password: str | None = None,
        dpi: float = DEFAULT_DPI,
        turned: dict[int, int] | None = None,
    ) -> None:
        import pypdfium2

        from budgetx.readers.pdf.pdfium import _LOCK

        self._lock = _LOCK
        self.dpi = dpi
        #: pixels a PDF point
        self.scale = dpi / 72
        #: pages read turned upright (page → quarter turns counter-clockwise): drawn turned alike
        self.turned = dict(turned or {})
        with self._lock:
            self._pdf = pypdfium2.PdfDocument(source, password=password)

    def __len__(self) -> int:
        with self._lock:
            return len(self._pdf)

    def image(self, number: int) -> Image:
        """Page ``number`` (1-based) as an RGB image."""
        with self._lock:
            page = self._pdf[number - 1]
            try:
                bitmap = page.render(scale=self.scale)
                image = bitmap.to_pil().convert("RGB")
            finally:
                page.close()
        return _turned(image, self.turned.get(number, 0))

    def close(self) -> None:
        with self._lock:
            self._pdf.close()

    def __enter__(self) -> PageImages:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class ScanImages(PageImages):
    """The pages of an image file read by OCR (a multi-page TIFF's pages), as OCR decoded them: a page
    is given the size in points :func:`budgetx.readers.ocr.page.read` gave it (A4 on its long side)."""

    def __init__(
        self, source: str | os.PathLike[str] | bytes, *, dpi: float = DEFAULT_DPI, turned: dict[int, int] | None = None
    ) -> None:
        from budgetx.readers.ocr.image import decode

        data = source if isinstance(source, bytes) else open(source, "rb").read()  # noqa: SIM115
        self._pages = decode(data)
        self.dpi = dpi
        self.scale = dpi / 72
        self.turned = dict(turned or {})

    def __len__(self) -> int:
        return len(self._pages)

    def image(self, number: int) -> Image:
        """Page ``number`` (1-based) as an RGB image, at :attr:`scale` pixels a point."""
        from PIL import Image as PILImage

        from budgetx.readers.ocr.orientation import turn
        from budgetx.readers.ocr.page import image_scale

        page = turn(self._pages[number - 1], self.turned.get(number, 0))
        h, w = page.shape[:2]
        factor = image_scale(page) * self.scale
        picture = PILImage.fromarray(page).convert("RGB")
        return picture.resize((max(1, round(w * factor)), max(1, round(h * factor))), PILImage.Resampling.LANCZOS)

    def close(self) -> None:
        self._pages = []


def page_images(
    doc: Document, source: str | os.PathLike[str] | bytes, *, password: str | None = None, dpi: float = DEFAULT_DPI
) -> PageImages:
    """The page images of ``doc``, read from ``source`` (its path or bytes): a PDF's pages, or an image file's."""
    if doc.source.format == "image":
        return ScanImages(source, dpi=dpi, turned=doc.source.turned)
    return PageImages(source, password=password, dpi=dpi, turned=doc.source.turned)


def _turned(image: Image, quarters: int) -> Image:
    """A page image turned as the page was to be read (quarter turns counter-clockwise)."""
    if not quarters % 4:
        return image
    from PIL import Image as PILImage

    return image.transpose(
        {1: PILImage.Transpose.ROTATE_90, 2: PILImage.Transpose.ROTATE_180, 3: PILImage.Transpose.ROTATE_270}[
            quarters % 4
        ]
    )
