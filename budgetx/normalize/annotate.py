"""Annotate coded rows (and right-hand block items) with the catalogue: standard name, level and parent.

Called by :func:`budgetx.extract.extract` once the document's year is known;
the one stage that sets a row's ``level`` and ``parent`` (from its code, by
:mod:`budgetx.normalize.codes`).
A row keeps its printed name in ``name``; ``standard_name`` is the catalogue's
name for the code in the document's year (``None`` when the catalogue does not
know the code for that year).  :func:`name_checks` lists, for validation, every
coded row whose printed name is a shortened form of the standard name or names
another item.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from budgetx.model import Document, Item, Row, Table
from budgetx.normalize import codes
from budgetx.normalize.catalogue import Catalogue, NameMatch, catalogue, classify, compare_name


def annotate(doc: Document, cat: Catalogue | None = None) -> Document:
    """Fill ``level``, ``parent`` and ``standard_name`` of every coded row of ``doc``, and of every
    coded item of a right-hand block (``row.items``), in place."""
    cat = cat or catalogue()
    year = doc.info.year
    for table in doc.tables:
        for row in table.rows:
            annotate_row(row, table.kind, year, cat)
            for found in row.items.values():
                annotate_row(found, table.kind, year, cat)
    return doc


def annotate_row(row: Row | Item, kind: str | None, year: int | None, cat: Catalogue | None = None) -> None:
    code = row.code
    if not code:
        return
    row.level = codes.level(code)
    row.parent = codes.parent(code)
    cls = classify(code, kind)
    if cls is None:
        return
    entry = (cat or catalogue()).lookup(code, year, cls)
    row.standard_name = entry.name if entry else None


@dataclass(frozen=True)
class NameCheck:
    """A coded row whose printed name differs from the catalogue's name."""

    table: Table
    row: Row
    match: NameMatch  # "shortened", "qualified" or "different"


def name_checks(doc: Document) -> Iterator[NameCheck]:
    """Every annotated row whose printed name is not the standard name.

    ``"different"`` (the printed name names another item than its code: a
    warning), ``"shortened"`` (an abbreviation: info) and ``"qualified"`` (the
    whole name with a qualifier added: no finding).  Rows without a
    standard name are not checked.
    """
    for table in doc.tables:
        for row in table.rows:
            if not row.code or not row.standard_name or not row.name:
                continue
            m = compare_name(row.name, row.standard_name)
            if m != "same":
                yield NameCheck(table, row, m)
