"""CSV: one file per table, as printed.

* Encoding: UTF-8 with a byte-order mark, so that Excel (which otherwise
  assumes the local ANSI code page) opens the Chinese text correctly; pandas,
  DuckDB, R and LibreOffice skip the mark (with Python's ``csv`` module, open
  the file with ``encoding="utf-8-sig"``).  Lines end with ``\\n``; a cell that
  holds a comma, a quote or a line break is quoted (a carriage return in a
  cell is written as a line feed).
* Header: one line of flattened column names ("2021年预算数 / 基本支出").
  A performance form puts its header fields (项目名称, 主管部门 …) first, as
  columns repeated on every indicator row.
* Cells: amounts exactly as printed ("426.37", "0.00", "3.5"), text as is,
  empty cells empty.  A text cell a spreadsheet would run as a formula
  (starting ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a
  leading ``'`` unless ``raw`` (:mod:`budgetx.export.formulas`); amounts never do.
* Beside each file of a directory, ``NAME.csv-metadata.json`` (CSV on the
  Web, :mod:`budgetx.export.csvw`): the table's title, unit, pages and each
  column's datatype; and ``tables.csv``, a line a table.  One table written to
  a file gets its sidecar when asked (:func:`sidecar`).
"""

from __future__ import annotations

import csv as _csv
import io
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from budgetx.errors import OutputError, output_error
from budgetx.export import csvw
from budgetx.export.atomic import default_mode, part_dir, write_atomic
from budgetx.export.formulas import safe_cell, safe_text
from budgetx.export.naming import file_stem
from budgetx.model import Document, Table

ENCODING = "utf-8-sig"


def table_rows(table: Table, *, raw: bool = False) -> list[list[str]]:
    """The table as lines of text cells, the header line first (``raw``: formula-like text left as it is)."""
    keys = [safe_text(k, raw=raw) for k in table.fields]
    values = [safe_text(v, raw=raw) for v in table.fields.values()]
    lines = [keys + [safe_text(c.name, raw=raw) for c in table.columns]]
    for row in table.rows:
        lines.append(values + [safe_cell(v, raw=raw) for v in row.cells])
    if keys and not table.rows:
        lines.append(values + [""] * len(table.columns))
    return lines


def csv_bytes(rows: Iterable[list[str]]) -> bytes:
    """CSV text in budgetx's dialect: UTF-8 with a BOM, ``\\n`` line ends.

    A carriage return inside a cell becomes a line feed: the ``csv`` module
    quotes a cell holding the line terminator, and a bare ``\\r`` would
    otherwise split a row for most readers.
    """
    buf = io.StringIO()
    writer = _csv.writer(buf, lineterminator="\n")
    for row in rows:
        writer.writerow([c.replace("\r\n", "\n").replace("\r", "\n") if "\r" in c else c for c in row])
    return buf.getvalue().encode(ENCODING)


def table_bytes(table: Table, *, raw: bool = False) -> bytes:
    return csv_bytes(table_rows(table, raw=raw))


def dumps(doc: Document, tables: list[Table], *, raw: bool = False) -> bytes:
    """One table as CSV; more than one cannot share a file (use :func:`write_dir`)."""
    if len(tables) != 1:
        raise OutputError(
            doc.source.path,
            f"{len(tables)} tables cannot share one CSV; give -o DIR (a file a table), "
            "pick one with --table, or use --format long",
        )
    return table_bytes(tables[0], raw=raw)


def file_name(doc: Document, table: Table) -> str:
    """``01_表1_财政拨款收支总表.csv``."""
    return file_stem(doc, table) + ".csv"


def sidecar(doc: Document, tables: list[Table], path: Path, *, raw: bool = False) -> tuple[Path, bytes]:
    """The CSVW sidecar of the one table of ``tables`` written to ``path``: its path and bytes."""
    table = tables[0]
    meta = csvw.table_metadata(doc, table, path.name, table_rows(table, raw=raw)[0])
    return path.with_name(csvw.sidecar_name(path.name)), csvw.metadata_bytes(meta)


def dir_files(doc: Document, tables: list[Table], *, raw: bool = False) -> list[tuple[str, bytes]]:
    """The files of a directory: a CSV a table, each followed by its sidecar, then the index and its sidecar."""
    files: list[tuple[str, bytes]] = []
    for table in tables:
        name, rows = file_name(doc, table), table_rows(table, raw=raw)
        files.append((name, csv_bytes(rows)))
        meta = csvw.table_metadata(doc, table, name, rows[0])
        files.append((csvw.sidecar_name(name), csvw.metadata_bytes(meta)))
    names = [file_name(doc, t) for t in tables]
    files.append((csvw.INDEX, csv_bytes(csvw.index_rows(doc, tables, names, raw=raw))))
    files.append((csvw.sidecar_name(csvw.INDEX), csvw.metadata_bytes(csvw.index_metadata(doc))))
    return files


def write_dir(doc: Document, tables: list[Table], directory: Path, *, raw: bool = False) -> list[Path]:
    """Write one CSV a table into ``directory``, each with its CSVW sidecar, and the index
    ``tables.csv`` (:func:`dir_files`); return the files written.

    A new directory is filled under a temporary name and renamed into place,
    so it appears whole or not at all; in an existing directory each file is
    replaced atomically.
    """
    if os.path.lexists(directory) and not os.path.isdir(directory):
        raise OutputError(str(directory), "exists and is not a directory; give a folder for one CSV a table")
    files = dir_files(doc, tables, raw=raw)
    try:
        if os.path.isdir(directory):
            for name, data in files:
                write_atomic(directory / name, data)
            return [directory / name for name, _ in files]
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = part_dir(directory)
        try:
            os.chmod(tmp, default_mode(directory=True))
            for name, data in files:
                (tmp / name).write_bytes(data)
            os.replace(tmp, directory)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    except OSError as exc:
        raise output_error(str(directory), exc) from None
    return [directory / name for name, _ in files]
