"""Documents built by hand for the tests: a table from its columns and rows, a document from its tables or text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from budgetx.model import Column, Document, Line, Row, Source, Table

#: (name, type) or (name, type, block), as :class:`~budgetx.model.Column` takes them
ColumnSpec = tuple[Any, ...]


def make_table(
    title: str,
    kind: str,
    columns: Iterable[ColumnSpec] = (),
    rows: Iterable[Row] = (),
    *,
    unit: str | None = None,
    index: int = 1,
    **more: Any,
) -> Table:
    """A table; ``more`` sets the other fields (``pages``, ``note``, ``number`` …)."""
    return Table(
        index=index,
        title=title,
        kind=kind,
        unit=unit,
        columns=[Column(*c) for c in columns],
        rows=list(rows),
        **more,
    )


def make_doc(*tables: Table, narrative: Iterable[Line] = (), path: str = "x", format: str = "text") -> Document:
    """A document of these tables and narrative lines, read from no real file."""
    return Document(
        source=Source(path=path, sha256="0" * 64, format=format), tables=list(tables), narrative=list(narrative)
    )


def text_doc(*texts: str, page: int) -> Document:
    """A document of narrative text only: one line per text, numbered from 1, all on ``page``."""
    return make_doc(narrative=[Line(page=page, lineno=i + 1, text=t) for i, t in enumerate(texts)])
