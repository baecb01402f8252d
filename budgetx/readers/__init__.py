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
from typing import Protocol

from budgetx.errors import UnsupportedFormat
from budgetx.model import Line


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


class ReadFunc(Protocol):
    def __call__(self, data: bytes, path: str, *, password: str | None = None) -> ReadResult: ...


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

    def sniff(self, data: bytes) -> bool:
        """True when the bytes are, beyond doubt, of this format."""
        return self.magic is not None and self.magic in data[:_SNIFF_BYTES]

    def read(self, data: bytes, path: str, *, password: str | None = None) -> ReadResult:
        read: ReadFunc = importlib.import_module(self.module).read
        return read(data, path, password=password)


#: every input format budgetx reads; text has no magic: it is known by its extension ("" for none)
READERS: tuple[Reader, ...] = (
    # the PDF reader (budgetx.readers.pdf) with OCR of the scanned pages
    Reader("pdf", (".pdf",), "budgetx.readers.ocr.scan", magic=b"%PDF-"),
    # images are read by OCR; each way an image file opens is a line, the formats' extensions on the first
    Reader("image", (".png", ".jpg", ".jpeg", ".tif", ".tiff"), "budgetx.readers.ocr", magic=b"\x89PNG\r\n\x1a\n"),
    Reader("image", (), "budgetx.readers.ocr", magic=b"\xff\xd8\xff"),
    Reader("image", (), "budgetx.readers.ocr", magic=b"II*\x00"),
    Reader("image", (), "budgetx.readers.ocr", magic=b"MM\x00*"),
    Reader("text", (".txt", ".text", ".tsv", ".md", ".markdown", ""), "budgetx.readers.text"),
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
        path, f"budgetx cannot read '{ext or 'this'}' files; give it a PDF or a text file ({known})"
    )
