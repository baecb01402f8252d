"""JSON: the document as described by ``budgetx/data/document.schema.json``.

Amounts are JSON numbers written exactly as printed (``426.37``, ``0.00``),
never through a float; text and codes are strings; empty cells are ``null``.
"""

from __future__ import annotations

import json as _json
from decimal import Decimal
from typing import Any

from budgetx import patterns
from budgetx.export import findings_for
from budgetx.model import Document, Finding, OcrReading, Row, Table

SCHEMA_VERSION = "1"


def table_dict(t: Table) -> dict[str, Any]:
    d: dict[str, Any] = {
        "index": t.index,
        "number": t.number,
        "title": t.title,
        "kind": t.kind,
        "unit": t.unit,
        "pages": t.pages,
        "columns": [{"name": c.name, "type": c.type, "block": c.block, "role": c.role, "of": c.of} for c in t.columns],
        "note": t.note,
        "rows": [row_dict(r) for r in t.rows],
    }
    if t.fields:
        d["fields"] = t.fields
    return d


def row_dict(r: Row) -> dict[str, Any]:
    d: dict[str, Any] = {
        "cells": r.cells,
        "code": r.code,
        "name": r.name,
        "level": r.level,
        "parent": r.parent,
        "standard_name": r.standard_name,
        "page": r.page,
        "line": r.lineno,
    }
    if r.codes:
        d["codes"] = r.codes
    if r.entity is not None:
        d["entity"] = r.entity
    if r.items:
        d["items"] = [
            {
                "block": block,
                "code": it.code,
                "name": it.name,
                "level": it.level,
                "parent": it.parent,
                "standard_name": it.standard_name,
            }
            for block, it in sorted(r.items.items())
        ]
    if r.ocr:
        d["ocr"] = [reading_dict(r.ocr.get(j)) for j in range(len(r.cells))]
    return d


def reading_dict(reading: OcrReading | None) -> dict[str, Any] | None:
    """How OCR read a value: ``{"confidence": 0.9731, "alternative": "1,286.5"}`` (no alternative: null)."""
    if reading is None:
        return None
    return {"confidence": reading.confidence, "alternative": reading.alternative}


def finding_dict(f: Finding) -> dict[str, Any]:
    d: dict[str, Any] = {
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "message_en": f.message_en,
        "table": f.table,
        "table_title": f.table_title,
        "code": f.code,
        "row": f.row_name,
        "column": f.column,
        "page": f.page,
        "line": f.line,
        "expected": f.expected,
        "actual": f.actual,
        "difference": f.difference,
    }
    if f.ocr is not None:
        d["ocr"] = reading_dict(f.ocr)
    return d


def document_dict(doc: Document, tables: list[Table] | None = None) -> dict[str, Any]:
    tables = doc.tables if tables is None else tables
    source: dict[str, Any] = {
        "path": doc.source.path,
        "sha256": doc.source.sha256,
        "format": doc.source.format,
        "pages": doc.source.pages,
    }
    if doc.source.unreadable:
        source["unreadable"] = [{"page": page, "reason": why} for page, why in doc.source.unreadable]
    if doc.source.turned:
        source["turned"] = [{"page": page, "quarters": q} for page, q in sorted(doc.source.turned.items())]
    return {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "document": {
            "title": doc.info.title,
            "department": doc.info.department,
            "department_key": doc.info.department_key,
            "year": doc.info.year,
            "stage": doc.info.stage,
            "publication": doc.info.publication,
        },
        "tables": [table_dict(t) for t in tables],
        "findings": [finding_dict(f) for f in findings_for(doc, tables)],
    }


#: an object of scalars (and flat arrays) whose one-line form, indented, fits
#: in this many characters is printed on one line: a column, a grid row, the
#: source.  Whitespace is not part of the JSON contract.
INLINE_WIDTH = 200


def dumps_obj(obj: Any, indent: int | None = 2) -> str:
    """JSON text for ``obj`` with every ``Decimal`` written exactly as printed.

    With ``indent``, containers are spread over lines, except arrays of scalars
    and small objects of scalars, which stay on one line.

    Scalars go through the standard library's C encoder: each ``Decimal`` is
    first swapped for a marked string, and one pass over the finished text turns
    the marked strings back into the printed numbers.
    """
    out: list[str] = []
    _encode(_mark_decimals(obj), out, indent, 0)
    return _unmark("".join(out))


#: a Decimal travels through the encoder as this prefix + its printed digits
_MARK = "\x00\x01budgetx-decimal\x01"
_MARKED = patterns.compile(r'"\\u0000\\u0001budgetx-decimal\\u0001(-?[0-9]+(?:\.[0-9]+)?)"')


def _mark_decimals(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        if not obj.is_finite():
            raise ValueError(f"not a JSON number: {obj}")
        return _MARK + format(obj, "f")
    if isinstance(obj, dict):
        return {k: _mark_decimals(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_mark_decimals(v) for v in obj]
    return obj


def _unmark(text: str) -> str:
    return _MARKED.sub(r"\1", text)


def _scalar(v: Any) -> bool:
    return not isinstance(v, (dict, list))


_INLINE = _json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
#: how a marked Decimal looks once encoded, without its digits
_MARK_ENCODED = _INLINE.encode(_MARK)[:-1]


def _inline(obj: Any) -> str:
    return _INLINE.encode(obj)


def _printed_width(line: str) -> int:
    """The width ``line`` will have once its marked Decimals are unmarked."""
    return len(line) - line.count(_MARK_ENCODED) * (len(_MARK_ENCODED) + 1)


def _encode(obj: Any, out: list[str], indent: int | None, depth: int) -> None:
    if indent is None or (not isinstance(obj, (dict, list))):
        out.append(_inline(obj))
    elif isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return
        if all(_scalar(v) or (isinstance(v, list) and all(map(_scalar, v))) for v in obj.values()):
            line = _inline(obj)
            if indent * depth + _printed_width(line) <= INLINE_WIDTH:
                out.append(line)
                return
        out.append("{")
        for k, (key, value) in enumerate(obj.items()):
            out.append("," if k else "")
            _newline(out, indent, depth + 1)
            out.append(_INLINE.encode(str(key)))
            out.append(": ")
            _encode(value, out, indent, depth + 1)
        _newline(out, indent, depth)
        out.append("}")
    else:
        if not obj:
            out.append("[]")
            return
        if all(map(_scalar, obj)):
            out.append(_inline(obj))
            return
        out.append("[")
        for k, value in enumerate(obj):
            out.append("," if k else "")
            _newline(out, indent, depth + 1)
            _encode(value, out, indent, depth + 1)
        _newline(out, indent, depth)
        out.append("]")


def _newline(out: list[str], indent: int | None, depth: int) -> None:
    if indent is not None:
        out.append("\n" + " " * (indent * depth))


def dumps(doc: Document, tables: list[Table], *, raw: bool = False) -> bytes:
    """The document's ``tables`` as JSON; ``raw`` changes nothing (JSON holds no formula)."""
    return (dumps_obj(document_dict(doc, tables)) + "\n").encode("utf-8")
