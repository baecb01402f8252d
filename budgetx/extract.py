"""The library's entry point: a file in, a :class:`~budgetx.model.Document` out.

One pipeline: the bytes (the file's, or given), the reader their format
names, the segmenter (tables and the narrative between them), the document's
description (department, year, stage), the catalogue's names, levels and
parents on coded rows, then validation.  :func:`extract` runs it for a
document with tables; :func:`read_narrative` runs the same steps, without the
checks, for a narrative (情况说明) published apart from its tables, which may
hold no table at all.

The stages are imported when the first document is read, so that
``import budgetx`` (and ``budgetx --version``) loads none of them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from budgetx.errors import EmptyInput, InputIsDirectory, InputNotFound, NoTablesFound, NoTextLayer

if TYPE_CHECKING:
    from budgetx.model import Document, Line


def extract(
    path: str | os.PathLike[str],
    *,
    data: bytes | None = None,
    password: str | None = None,
    validate: bool = True,
) -> Document:
    """Read every table of a published budget document.

    ``path`` names the file (and is reported in findings and errors); pass
    ``data`` to read bytes already in memory, e.g. from stdin.
    Raises a :class:`~budgetx.errors.BudgetxError` for input budgetx cannot read.
    """
    doc = _read(os.fspath(path), data, password, need_tables=True)
    if validate:
        from budgetx.validate import run as run_validation

        doc.findings = run_validation(doc)
    return doc


def read_narrative(
    path: str | os.PathLike[str],
    *,
    data: bytes | None = None,
    password: str | None = None,
) -> Document:
    """Read the narrative (情况说明) of a document whose tables are published as another file.

    Jiangsu publishes the text and the tables of one document as two files;
    :func:`budgetx.validate.with_narrative` checks this file's figures against
    the other's tables.  The file is read as :func:`extract` reads it, without
    the checks, and may hold no table nor say 预算/决算 often enough for
    :func:`extract` to take it for a budget document.
    """
    return _read(os.fspath(path), data, password, need_tables=False)


def _read(name: str, data: bytes | None, password: str | None, *, need_tables: bool) -> Document:
    """The document without its findings; ``need_tables``: no table and no budget narrative is an error."""
    from budgetx.model import Document, Source
    from budgetx.normalize.annotate import annotate as annotate_codes
    from budgetx.readers import reader_for
    from budgetx.tables.info import describe
    from budgetx.tables.segment import segment

    if data is None:
        data = _read_bytes(name)
    if not data.strip():
        raise EmptyInput(name, "the file is empty; check that the download or conversion finished")
    reader = reader_for(name, data)
    result = reader.read(data, name, password=password)
    tables, narrative = segment(result.lines)
    if not tables:
        if result.pages and len(result.empty_pages) * 2 > result.pages:
            raise NoTextLayer(
                name,
                f"no table found and pages {', '.join(map(str, result.empty_pages))} have no text layer "
                "(scanned); run OCR on the file (e.g. ocrmypdf) and try again",
            )
        if need_tables and not _is_budget_narrative(narrative):
            raise NoTablesFound(
                name, "no budget table found; budgetx reads published 部门预算/决算 documents with their tables"
            )
        # the narrative part of a document published as two files: it gives what it has
    doc = Document(
        source=Source(path=name, sha256=hashlib.sha256(data).hexdigest(), format=result.format, pages=result.pages),
        tables=tables,
        narrative=narrative,
    )
    doc.info = describe(name, tables, narrative)
    annotate_codes(doc)
    return doc


def _is_budget_narrative(narrative: list[Line]) -> bool:
    """The text of a published budget document's narrative (情况说明) without its tables."""
    hits = sum(1 for ln in narrative if ln.text and ("预算" in ln.text or "决算" in ln.text))
    return hits >= 5


def _read_bytes(name: str) -> bytes:
    p = Path(name)
    if p.is_dir():
        raise InputIsDirectory(name, "this is a directory; give a file, or use 'budgetx batch' for a folder")
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputNotFound(name, "no such file; check the path") from None
    except PermissionError:
        raise InputNotFound(name, "the file cannot be read (permission denied)") from None
