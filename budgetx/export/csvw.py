"""CSV on the Web: what a table's CSV file cannot say, in a sidecar beside it.

A CSV file holds a header line and cells; the table's title, its unit (万元
or 元), its pages and which columns are codes are lost.  For each CSV file
the CSV exporter writes into a directory (and for ``extract -o t2.csv
--sidecar``), this module describes it in ``NAME.csv-metadata.json``, the file
name the W3C "CSV on the Web" recommendation (CSVW) looks for beside
``NAME.csv``:

* ``@context`` ``http://www.w3.org/ns/csvw``, ``url`` the CSV's file name,
  ``dc:title`` the table's title as printed, ``dc:source`` the document's path;
* budgetx's own properties, prefixed ``budgetx:``: the table's ``index``,
  ``number`` (表2), ``label``, ``kind``, ``unit``, ``pages`` (a list), ``note``,
  and the document's ``department``, ``department_key``, ``year``, ``stage``, ``publication`` and
  ``sha256`` (a value the document does not give is ``null``).  The prefix is
  not one CSVW knows, so a CSVW processor passes these over;
* ``tableSchema.columns``: one entry per CSV column, in order, with
  ``titles`` the header cell exactly as the CSV's header line has it,
  ``name`` the same percent-encoded (what CSVW derives from a title; a
  repeated header gets ``_2``), ``datatype`` ``string`` for codes, names, text
  and a form's fields, ``decimal`` for amounts, and ``budgetx:type`` (code,
  name, amount, text, field); for an amount, where the header says,
  ``budgetx:role`` (total, component, of_which, other) and ``budgetx:of`` (the
  title of the column it adds into or is part of); in a table of several
  blocks (收入 | 支出), ``budgetx:block``.

Empty cells are CSVW's default ``null`` (empty), and the CSV's dialect is
CSVW's default (comma, double quotes, UTF-8, a header line), so no dialect is
written.  A directory also gets :data:`INDEX`, one line a table (its file,
index, number, title, kind, unit, pages, rows), with its own sidecar.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from budgetx.export.formulas import safe_text
from budgetx.export.naming import label
from budgetx.model import Column, Document, Table

CONTEXT = "http://www.w3.org/ns/csvw"
#: the suffix CSVW looks for beside a CSV file (``t2.csv`` → ``t2.csv-metadata.json``)
SUFFIX = "-metadata.json"
#: the file listing a directory's tables
INDEX = "tables.csv"
INDEX_COLUMNS: tuple[tuple[str, str], ...] = (
    ("file", "string"),
    ("index", "integer"),
    ("number", "string"),
    ("title", "string"),
    ("kind", "string"),
    ("unit", "string"),
    ("pages", "string"),
    ("rows", "integer"),
)


def sidecar_name(csv_name: str) -> str:
    """``02_表2_….csv`` → ``02_表2_….csv-metadata.json``."""
    return csv_name + SUFFIX


def column_name(title: str, taken: set[str]) -> str:
    """A CSVW column name for ``title``: percent-encoded UTF-8 (letters, digits and ``_`` as they are),
    unique in its table (``_2``, ``_3`` … after a repeat); ``_col1`` … for an empty title."""
    encoded = quote(title, safe="").replace("-", "%2D").replace(".", "%2E").replace("~", "%7E")
    base = encoded.lstrip("_") or "col"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def document_properties(doc: Document) -> dict[str, Any]:
    """What a sidecar says about the document a table comes from."""
    return {
        "dc:source": doc.source.path,
        "budgetx:sha256": doc.source.sha256,
        "budgetx:department": doc.info.department,
        "budgetx:department_key": doc.info.department_key,
        "budgetx:year": doc.info.year,
        "budgetx:stage": doc.info.stage,
        "budgetx:publication": doc.info.publication,
    }


def table_metadata(doc: Document, table: Table, url: str, header: list[str]) -> dict[str, Any]:
    """The sidecar of ``table``'s CSV file ``url``, whose header line is ``header`` (as written)."""
    fields = len(header) - len(table.columns)
    taken: set[str] = set()
    columns: list[dict[str, Any]] = []
    for title in header[:fields]:
        columns.append(
            {"titles": title, "name": column_name(title, taken), "datatype": "string", "budgetx:type": "field"}
        )
    several_blocks = len(table.blocks) > 1
    for title, column in zip(header[fields:], table.columns, strict=True):
        entry = {"titles": title, "name": column_name(title, taken), **_column_properties(column)}
        if column.of is not None and 0 <= column.of < len(table.columns):
            entry["budgetx:of"] = header[fields + column.of]
        if several_blocks:
            entry["budgetx:block"] = column.block
        columns.append(entry)
    return {
        "@context": CONTEXT,
        "url": url,
        "dc:title": table.title,
        **document_properties(doc),
        "budgetx:index": table.index,
        "budgetx:number": table.number,
        "budgetx:label": label(doc, table),
        "budgetx:kind": table.kind,
        "budgetx:unit": table.unit,
        "budgetx:pages": list(table.pages),
        "budgetx:note": table.note,
        "tableSchema": {"columns": columns},
    }


def _column_properties(column: Column) -> dict[str, Any]:
    props: dict[str, Any] = {
        "datatype": "decimal" if column.type == "amount" else "string",
        "budgetx:type": column.type,
    }
    if column.role is not None:
        props["budgetx:role"] = column.role
    return props


def pages_text(pages: list[int]) -> str:
    """``3-4`` for a table printed on pages 3 and 4, ``5`` for one page, empty when unknown."""
    if not pages:
        return ""
    return str(pages[0]) if len(pages) == 1 else f"{pages[0]}-{pages[-1]}"


def index_rows(doc: Document, tables: list[Table], names: list[str], *, raw: bool = False) -> list[list[str]]:
    """:data:`INDEX`'s lines, the header first: a line per table and the file it was written to."""
    lines = [[name for name, _ in INDEX_COLUMNS]]
    for table, name in zip(tables, names, strict=True):
        lines.append(
            [
                name,
                str(table.index),
                safe_text(table.number or "", raw=raw),
                safe_text(table.title, raw=raw),
                table.kind,
                table.unit or "",
                pages_text(table.pages),
                str(len(table.rows)),
            ]
        )
    return lines


def index_metadata(doc: Document) -> dict[str, Any]:
    """The sidecar of :data:`INDEX`."""
    return {
        "@context": CONTEXT,
        "url": INDEX,
        "dc:title": doc.info.title,
        **document_properties(doc),
        "tableSchema": {
            "columns": [{"titles": name, "name": name, "datatype": datatype} for name, datatype in INDEX_COLUMNS]
        },
    }


def metadata_bytes(metadata: dict[str, Any]) -> bytes:
    """A sidecar as UTF-8 JSON (no byte-order mark), indented, Chinese text as it is."""
    return (json.dumps(metadata, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
