"""Readers turn a file's bytes into :class:`~budgetx.model.Line` items.

One module per input format, each registering itself here.  Adding a format
touches one place: a new module that calls :func:`register`.
"""

from __future__ import annotations

from collections.abc import Callable
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


class ReadFunc(Protocol):
    def __call__(self, data: bytes, path: str, *, password: str | None = None) -> ReadResult: ...


@dataclass(frozen=True)
class Reader:
    format: str
    extensions: tuple[str, ...]
    #: True when the bytes are, beyond doubt, of this format
    sniff: Callable[[bytes], bool]
    read: ReadFunc


_REGISTRY: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    _REGISTRY[reader.format] = reader
    return reader


def readers() -> list[Reader]:
    _load_builtin()
    return list(_REGISTRY.values())


def reader_for(path: str, data: bytes) -> Reader:
    """The reader for ``data`` (content first, the extension second)."""
    _load_builtin()
    for reader in _REGISTRY.values():
        if reader.sniff(data):
            return reader
    ext = PurePath(path).suffix.lower()
    for reader in _REGISTRY.values():
        if ext in reader.extensions:
            return reader
    known = ", ".join(sorted({e for r in _REGISTRY.values() for e in r.extensions if e}))
    raise UnsupportedFormat(
        path, f"budgetx cannot read '{ext or 'this'}' files; give it a PDF or a text file ({known})"
    )


def _load_builtin() -> None:
    # imported every time (a cached import is free): importing one reader module
    # directly must not hide the others
    from budgetx.readers import pdf, text  # noqa: F401  (modules register themselves)
