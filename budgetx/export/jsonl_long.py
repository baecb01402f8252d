"""JSON Lines, one line per printed amount (``-f jsonl-long``, ``.long.jsonl``).

Each line: ``path`` and ``sha256`` of the document, then the long CSV's fields
(:mod:`budgetx.export.long`: ``table`` … ``value_yuan``, ``measure``, ``entity``), numbers as
JSON numbers written exactly as printed (``426.37``), an unknown value ``null``.
See :mod:`budgetx.export.jsonl` for the line per table.
"""

from __future__ import annotations

from typing import Any

from budgetx.export.jsonl import lines
from budgetx.model import Document, Table
from budgetx.tidy import FIELDS as TIDY_FIELDS
from budgetx.tidy import amounts


def amount_lines(doc: Document, tables: list[Table]) -> list[dict[str, Any]]:
    """One object per printed amount: the long CSV's fields, typed."""
    out: list[dict[str, Any]] = []
    for a in amounts(doc, tables):
        obj: dict[str, Any] = {"path": doc.source.path, "sha256": doc.source.sha256}
        obj.update({name: getattr(a, name) for name in TIDY_FIELDS})
        obj["value_yuan"] = a.value_yuan
        obj["measure"] = a.measure
        obj["entity"] = a.entity
        obj["ocr_confidence"] = a.ocr_confidence
        out.append(obj)
    return out


def dumps(doc: Document, tables: list[Table], *, raw: bool = False) -> bytes:
    """One line per amount (``raw`` changes nothing: JSON holds no formula)."""
    return lines(amount_lines(doc, tables))
