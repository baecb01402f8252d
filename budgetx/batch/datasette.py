"""``metadata.json`` beside ``budget.sqlite``: the dataset described for `datasette <https://datasette.io>`_.

``datasette budget.sqlite --metadata metadata.json`` then shows each table and
view with its title and description, every column described with its unit,
a document's label (its department, year, stage and file) where another table
names it by its sha256, full-text search on the row names and table titles,
and facets on what a reader filters by.  Everything comes from
:mod:`budgetx.batch.schema`, where the tables and views are declared.

datasette reads the ``units`` of a column with Pint, which knows no currency:
a column in 元 or 分 says so in its description, and only units Pint reads
(seconds) go into ``units``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from budgetx import __version__
from budgetx.batch.schema import SEARCH, TABLES, VIEWS, Field
from budgetx.export.atomic import write_atomic

METADATA = "metadata.json"
#: the units datasette (Pint) reads, by the schema's name for them
_PINT = {"s": "s"}
#: what the schema's unit names mean, said in a column's description
_UNIT_TEXT = {"printed": "in the table's printed unit (see unit)", "元": "in 元", "分": "in 分 (1/100 元)"}
#: the columns a reader filters each table by
FACETS = {
    "documents": ["year", "stage", "publication", "status"],
    "tables": ["kind"],
    "amounts": ["kind", "measure"],
    "findings": ["severity", "rule"],
    "three_public": ["year", "stage", "publication"],
    "findings_by_document": ["severity", "year"],
}


def _described(description: str, unit: str | None) -> str:
    if unit is None or unit in _PINT:
        return description
    return f"{description} [{_UNIT_TEXT.get(unit, unit)}]"


def _columns(fields: dict[str, tuple[str, str | None]]) -> dict[str, Any]:
    return {name: _described(text, unit) for name, (text, unit) in fields.items()}


def _units(fields: dict[str, tuple[str, str | None]]) -> dict[str, str]:
    return {name: _PINT[unit] for name, (_, unit) in fields.items() if unit in _PINT}


def _fields(fields: tuple[Field, ...]) -> dict[str, tuple[str, str | None]]:
    return {f.name: (f.description, f.unit) for f in fields}


def metadata(database: str = "budget") -> dict[str, Any]:
    """datasette's metadata for the dataset, its database named ``database`` (the file's stem)."""
    searchable = {s.table: s for s in SEARCH}
    tables: dict[str, Any] = {}
    for table in TABLES:
        fields = _fields(table.fields)
        entry: dict[str, Any] = {
            "title": table.title or table.name,
            "description": table.description,
            "columns": _columns(fields),
        }
        if units := _units(fields):
            entry["units"] = units
        if table.label_column:
            entry["label_column"] = table.label_column
        if table.name in searchable:
            entry["fts_table"] = searchable[table.name].name
        if table.name in FACETS:
            entry["facets"] = FACETS[table.name]
        tables[table.name] = entry
    for view in VIEWS:
        fields = {name: (text, view.units.get(name)) for name, text in view.columns.items()}
        tables[view.name] = {"title": view.title, "description": view.description, "columns": _columns(fields)}
        if view.name in FACETS:
            tables[view.name]["facets"] = FACETS[view.name]
    for search in SEARCH:
        tables[search.name] = {"hidden": True}
    return {
        "title": "Chinese government budget documents (部门预算/决算)",
        "description": (
            "Every table of each document, extracted by budgetx: one row per document, table, column, printed "
            "amount and validation finding. Amounts are exact: value as printed in the table's unit, value_yuan "
            "in 元, value_fen in 分. Search finds row names and table titles (three characters or more)."
        ),
        "source": f"budgetx {__version__}",
        "databases": {database: {"tables": tables}},
    }


def write_metadata(sqlite_path: Path) -> Path:
    """Write ``metadata.json`` beside the dataset's ``sqlite_path``; return its path."""
    path = sqlite_path.with_name(METADATA)
    text = json.dumps(metadata(sqlite_path.stem), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return path
