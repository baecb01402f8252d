"""Exporters: one module per output format, all of them listed here.

An exporter turns a :class:`~budgetx.model.Document` (and the tables selected
from it) into bytes for one file or stream; a format that writes one file per
table (CSV) also has ``write_dir``.  Files are written atomically by
:func:`budgetx.export.atomic.write_atomic`.

:data:`EXPORTERS` is the one list of formats: a format's name, its file
extensions and description, and the module that writes it (its ``dumps`` and
``write_dir``).  That module is imported when the format is first written, so
choosing a format by name or by extension loads no exporter, and writing JSON
never loads openpyxl.  Adding a format touches two places: its module, and a
line of :data:`EXPORTERS`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from budgetx.model import Document, Finding, Table


class Dumps(Protocol):
    """A format's ``dumps``: the selected tables as the bytes of one file.

    ``raw``: a CSV format leaves text a spreadsheet would run as a formula as
    it is, without its leading ``'`` (:mod:`budgetx.export.formulas`); JSON
    and Excel hold no formula either way and ignore it.
    """

    def __call__(self, doc: Document, tables: list[Table], *, raw: bool = False) -> bytes: ...


class WriteDir(Protocol):
    """A format's ``write_dir``: one file per table into a directory; the files written."""

    def __call__(self, doc: Document, tables: list[Table], directory: Path, *, raw: bool = False) -> list[Path]: ...


@dataclass(frozen=True)
class Exporter:
    format: str
    extensions: tuple[str, ...]
    description: str
    #: the module with the format's ``dumps`` (and ``write_dir``), imported on first use
    module: str
    #: True when the format also writes one file per table into a directory
    per_table: bool = False
    #: True for formats that cannot go to a terminal or pipe (Excel)
    binary: bool = False

    @property
    def dumps(self) -> Dumps:
        """The document's selected tables as the bytes of one file."""
        dumps: Dumps = importlib.import_module(self.module).dumps
        return dumps

    @property
    def write_dir(self) -> WriteDir | None:
        """Writes one file per table into a directory, when the format does that."""
        if not self.per_table:
            return None
        write_dir: WriteDir = importlib.import_module(self.module).write_dir
        return write_dir


#: every output format, in the order the CLI lists them
_FORMATS = (
    Exporter(
        format="json",
        extensions=(".json",),
        description="the whole document as JSON",
        module="budgetx.export.json",
    ),
    Exporter(
        format="csv",
        extensions=(".csv",),
        description="one CSV per table (-o DIR), or one selected table",
        module="budgetx.export.csv",
        per_table=True,
    ),
    Exporter(
        format="long",
        extensions=(".long.csv",),
        description="one row per amount (long/tidy CSV)",
        module="budgetx.export.long",
    ),
    Exporter("jsonl", (".jsonl",), "JSON Lines: one object per table", "budgetx.export.jsonl"),
    Exporter("jsonl-long", (".long.jsonl",), "JSON Lines: one object per amount", "budgetx.export.jsonl_long"),
    Exporter(
        format="xlsx",
        extensions=(".xlsx",),
        description="Excel: a sheet per table, plus Document and Findings sheets",
        module="budgetx.export.xlsx",
        binary=True,
    ),
)
EXPORTERS: dict[str, Exporter] = {e.format: e for e in _FORMATS}


def findings_for(doc: Document, tables: list[Table]) -> list[Finding]:
    """The findings about ``tables``: those of other tables are left out of a selection
    (``--table``); findings about no single table (the narrative) are kept."""
    chosen = {t.index for t in tables}
    return [f for f in doc.findings if f.table is None or f.table in chosen]


def exporters() -> dict[str, Exporter]:
    return dict(EXPORTERS)


def get(fmt: str) -> Exporter:
    return EXPORTERS[fmt]


def for_extension(path: str) -> Exporter | None:
    """The exporter whose extension ends ``path``, the longest first (``.long.csv`` before ``.csv``)."""
    name = Path(path).name.lower()
    best: tuple[int, Exporter] | None = None
    for e in EXPORTERS.values():
        for ext in e.extensions:
            if name.endswith(ext) and len(name) > len(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), e)
    return best[1] if best else None
