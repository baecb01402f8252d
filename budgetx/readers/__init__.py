"""Readers turn a file's bytes into :class:`~budgetx.model.Line` items.

One module per input format, each with a ``read(data, path, *, password=None)``
function.  :data:`READERS` is the one list of them: a format's name, how a file
of it is recognised (the bytes it opens with, else its extension) and the
module that reads it.  The module is imported when a file of its format is
first read, so reading a text file never loads the PDF reader and pdfminer.
Adding a format touches two places: its module, and a line of :data:`READERS`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Protocol

from budgetx.errors import BadPageSelection, UnsupportedFormat
from budgetx.model import Line

if TYPE_CHECKING:
    from budgetx.pages import PageSelection


@dataclass
class ReadResult:
    """What a reader found in a file."""

    format: str
    lines: list[Line]
    pages: int | None = None
    #: pages that carry no text at all (scans), 1-based
    empty_pages: list[int] = field(default_factory=list)
    #: what could not be read: (page, or None for the document's structure; what was lost)
    unreadable: list[tuple[int | None, str]] = field(default_factory=list)
    #: pages read by OCR turned upright first: page → quarter turns counter-clockwise
    turned: dict[int, int] = field(default_factory=dict)


class ReadFunc(Protocol):
    def __call__(self, data: bytes, path: str, *, password: str | None = None) -> ReadResult: ...


class PagedReadFunc(Protocol):
    def __call__(
        self, data: bytes, path: str, *, password: str | None = None, pages: PageSelection | None = None
    ) -> ReadResult: ...


#: how far into a file its format's magic bytes are looked for
_SNIFF_BYTES = 1024


@dataclass(frozen=True)
class Reader:
    format: str
    extensions: tuple[str, ...]
    #: the module whose ``read`` reads the format, imported on first use
    module: str
    #: bytes that, within a file's first KiB, tell beyond doubt that it is of this format
    magic: bytes | None = None
    #: the module's ``read`` takes ``pages=`` (a :class:`~budgetx.pages.PageSelection`) and reads only those
    paged: bool = False

    def sniff(self, data: bytes) -> bool:
        """True when the bytes are, beyond doubt, of this format."""
        return self.magic is not None and self.magic in data[:_SNIFF_BYTES]

    def read(
        self, data: bytes, path: str, *, password: str | None = None, pages: PageSelection | None = None
    ) -> ReadResult:
        """Read ``data``; ``pages``: only those pages (a format without pages refuses a selection)."""
        if pages is not None and not self.paged:
            raise BadPageSelection(path, f"a page selection does not apply to {self.format} input; leave it out")
        module = importlib.import_module(self.module)
        if pages is None:
            read: ReadFunc = module.read
            return read(data, path, password=password)
        paged: PagedReadFunc = module.read
        return paged(data, path, password=password, pages=pages)


#: every input format budgetx reads; text has no magic: it is known by its extension ("" for none)
READERS: tuple[Reader, ...] = (
    # the PDF reader (budgetx.readers.pdf) with OCR of the scanned pages
    Reader("pdf", (".pdf",), "budgetx.readers.ocr.scan", magic=b"%PDF-", paged=True),
    # images are read by OCR; each way an image file opens is a line, the formats' extensions on the first;
    # a multi-page TIFF's pages are its pages
    Reader(
        "image",
        (".png", ".jpg", ".jpeg", ".tif", ".tiff"),
        "budgetx.readers.ocr",
        magic=b"\x89PNG\r\n\x1a\n",
        paged=True,
    ),
    Reader("image", (), "budgetx.readers.ocr", magic=b"\xff\xd8\xff", paged=True),
    Reader("image", (), "budgetx.readers.ocr", magic=b"II*\x00", paged=True),
    Reader("image", (), "budgetx.readers.ocr", magic=b"MM\x00*", paged=True),
    Reader("text", (".txt", ".text", ".tsv", ".md", ".markdown", ""), "budgetx.readers.text", paged=True),
)


def readers() -> list[Reader]:
    return list(READERS)


def reader_for(path: str, data: bytes) -> Reader:
    """The reader for ``data`` (content first, the extension second)."""
    for reader in READERS:
        if reader.sniff(data):
            return reader
    ext = PurePath(path).suffix.lower()
    for reader in READERS:
        if ext in reader.extensions:
            return reader
    known = ", ".join(sorted({e for r in READERS for e in r.extensions if e}))
    raise UnsupportedFormat(
        path, f"budgetx cannot read '{ext or 'this'}' files; give it a PDF, a text file or a scan's image ({known})"
    )
