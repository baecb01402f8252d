"""Exporters: one module per output format, each registering itself here.

An exporter turns a :class:`~budgetx.model.Document` (and the tables selected
from it) into bytes for one file or stream; a format that writes one file per
table (CSV) also has ``write_dir``.  Files are written atomically by
:func:`budgetx.export.atomic.write_atomic`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from budgetx.model import Document, Table

Dumps = Callable[[Document, list[Table]], bytes]
WriteDir = Callable[[Document, list[Table], Path], list[Path]]


@dataclass(frozen=True)
class Exporter:
    format: str
    extensions: tuple[str, ...]
    description: str
    dumps: Dumps
    #: writes one file per table into a directory, when the format does that
    write_dir: WriteDir | None = None
    #: True for formats that cannot go to a terminal or pipe (Excel)
    binary: bool = False


_REGISTRY: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    _REGISTRY[exporter.format] = exporter
    return exporter


def exporters() -> dict[str, Exporter]:
    _load_builtin()
    return dict(_REGISTRY)


def get(fmt: str) -> Exporter:
    return exporters()[fmt]


def for_extension(path: str) -> Exporter | None:
    ext = Path(path).suffix.lower()
    for e in exporters().values():
        if ext in e.extensions:
            return e
    return None


def _load_builtin() -> None:
    if _REGISTRY:
        return
    from budgetx.export import json  # noqa: F401  (modules register themselves)
