"""Exporters: one module per output format, each registering itself here.

An exporter turns a :class:`~budgetx.model.Document` (and the tables selected
from it) into bytes for one file or stream; a format that writes one file per
table (CSV) also has ``write_dir``.  Files are written atomically by
:func:`budgetx.export.atomic.write_atomic`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from budgetx.model import Document, Finding, Table

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


def findings_for(doc: Document, tables: list[Table]) -> list[Finding]:
    """The findings about ``tables``: those of other tables are left out of a selection
    (``--table``); findings about no single table (the narrative) are kept."""
    chosen = {t.index for t in tables}
    return [f for f in doc.findings if f.table is None or f.table in chosen]


def register(exporter: Exporter) -> Exporter:
    _REGISTRY[exporter.format] = exporter
    return exporter


def exporters() -> dict[str, Exporter]:
    _load_builtin()
    return dict(_REGISTRY)


def get(fmt: str) -> Exporter:
    return exporters()[fmt]


def for_extension(path: str) -> Exporter | None:
    """The exporter whose extension ends ``path``, the longest first (``.long.csv`` before ``.csv``)."""
    name = Path(path).name.lower()
    best: tuple[int, Exporter] | None = None
    for e in exporters().values():
        for ext in e.extensions:
            if name.endswith(ext) and len(name) > len(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), e)
    return best[1] if best else None


_loaded = False


def _load_builtin() -> None:
    # a flag, not "is the registry empty": importing one exporter module
    # directly must not hide the others
    global _loaded
    if _loaded:
        return
    _loaded = True
    from budgetx.export import csv, json, long, xlsx  # noqa: F401  (modules register themselves)
