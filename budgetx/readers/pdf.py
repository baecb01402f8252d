"""The PDF reader (pdfplumber)."""

from __future__ import annotations

from budgetx.readers import Reader, ReadResult, register


def read(data: bytes, path: str, *, password: str | None = None) -> ReadResult:
    raise NotImplementedError


def _sniff(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


register(Reader(format="pdf", extensions=(".pdf",), sniff=_sniff, read=read))
