"""JSON Lines: one JSON object per line, for streams and for ``cat``-ing many documents together.

Two formats, as CSV has ``csv`` and ``long``:

``jsonl`` (``.jsonl``, this module)
    one line per table: the table as in the JSON output (``index``, ``number``, ``title``, ``kind``,
    ``unit``, ``pages``, ``columns``, ``note``, ``rows``), with ``source`` (path, sha256) and
    ``document`` (title, department, department_key, year, stage, publication) in front and the table's own
    ``findings`` after, so that each line stands alone.

``jsonl-long`` (``.long.jsonl``, :mod:`budgetx.export.jsonl_long`)
    one line per printed amount: ``path`` and ``sha256`` of the document, then the long CSV's
    fields (:mod:`budgetx.export.long`: table … ``value_yuan``, ``measure``), numbers as JSON
    numbers written exactly as printed (``426.37``), an unknown value ``null``.

Lines end with ``\\n``; the text is UTF-8 without a byte-order mark; no line holds a line break.
"""

from __future__ import annotations

from typing import Any

from budgetx.export import findings_for
from budgetx.export.json import document_dict, dumps_obj, finding_dict, table_dict
from budgetx.model import Document, Table


def lines(objects: list[dict[str, Any]]) -> bytes:
    """Each object on a line of its own, exact decimals, UTF-8."""
    return "".join(dumps_obj(o, indent=None) + "\n" for o in objects).encode("utf-8")


def table_lines(doc: Document, tables: list[Table]) -> list[dict[str, Any]]:
    """One object per table, each with its document's source and metadata and its own findings."""
    head = document_dict(doc, [])
    source = {"path": doc.source.path, "sha256": doc.source.sha256}
    findings = findings_for(doc, tables)
    return [
        {
            "source": source,
            "document": head["document"],
            **table_dict(t),
            "findings": [finding_dict(f) for f in findings if f.table == t.index],
        }
        for t in tables
    ]


def dumps(doc: Document, tables: list[Table], *, raw: bool = False) -> bytes:
    """``jsonl``: one line per table (``raw`` changes nothing: JSON holds no formula)."""
    return lines(table_lines(doc, tables))
