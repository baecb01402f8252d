"""pandas DataFrames of a document's tables, of its amounts (long/tidy), and of a batch dataset.

pandas is imported inside the functions that need it, never when budgetx is
imported.  Codes are always text (``string`` dtype), so that "2080505" and a
code with a leading zero keep their digits; amounts are exact ``Decimal``
objects (``amounts="decimal"``, the default) or ``float64`` (``amounts="float"``,
for arithmetic and plotting; floats lose the exactness of the printed figure).

:class:`~budgetx.model.Table` and :class:`~budgetx.model.Document` reach these
functions through their ``to_pandas`` methods: this module installs itself as
:data:`budgetx.model.frames` when imported (:func:`budgetx.extract` puts there a
stand-in that imports it when a ``to_pandas`` is first called), so that the model
imports no other budgetx module and a document read for its JSON does not import this one.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from budgetx import model
from budgetx.model import Document, Table
from budgetx.tidy import LONG_FIELDS
from budgetx.tidy import amounts as tidy_amounts

if TYPE_CHECKING:
    import pandas as pd

Amounts = Literal["decimal", "float"]

#: what to install when pandas is missing
INSTALL = "pip install 'budgetx[pandas]'"

#: the long frame's columns, in the order of the long CSV
LONG_COLUMNS = LONG_FIELDS
_TEXT = ["number", "title", "kind", "code", "name", "column", "unit", "measure", "entity"]
_INTEGERS = ["table", "row", "block", "level", "page", "line"]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - pandas is installed for the tests
        raise ImportError(f"budgetx's DataFrames need pandas: {INSTALL}") from exc
    return pandas


def _check(amounts: str) -> None:
    if amounts not in ("decimal", "float"):
        raise ValueError(f"amounts must be 'decimal' or 'float', not {amounts!r}")


def _amount_series(pd: Any, values: list[Decimal | None], amounts: Amounts) -> Any:
    if amounts == "float":
        return pd.Series([float(v) if v is not None else float("nan") for v in values], dtype="float64")
    return pd.Series(values, dtype="object")


def unique_names(names: list[str]) -> list[str]:
    """Column names made unique: a repeated name gets " (2)", " (3)" … (a two-block table's 项目 | 项目)."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def table_frame(table: Table, amounts: Amounts = "decimal") -> pd.DataFrame:
    """One table as printed: a column per printed column (its flattened header), a row per data row.

    Code columns are text (``string``), amount columns ``Decimal`` or ``float64``, other columns
    text.  ``frame.attrs`` holds the table's index, number, title, kind, unit and pages.
    """
    _check(amounts)
    pd = _pandas()
    names = unique_names([c.name or f"column {j + 1}" for j, c in enumerate(table.columns)])
    data: dict[str, Any] = {}
    for j, (name, col) in enumerate(zip(names, table.columns, strict=True)):
        cells = [row.cells[j] if j < len(row.cells) else None for row in table.rows]
        if col.type == "amount":
            data[name] = _amount_series(pd, [c if isinstance(c, Decimal) else None for c in cells], amounts)
        else:
            data[name] = pd.Series([None if c is None else str(c) for c in cells], dtype="string")
    frame = pd.DataFrame(data, columns=names)
    frame.attrs.update(
        index=table.index,
        number=table.number,
        title=table.title,
        kind=table.kind,
        unit=table.unit,
        pages=list(table.pages),
    )
    return frame


def long_frame(doc: Document, tables: list[Table] | None = None, amounts: Amounts = "decimal") -> pd.DataFrame:
    """The long/tidy frame: one row per printed amount, the columns of the long CSV (:data:`LONG_COLUMNS`).

    ``measure`` names what each amount is (``budgetx.tables.measures``); ``code`` is text; ``level``,
    ``page`` and ``line`` are nullable integers; ``value`` and ``value_yuan`` ``Decimal`` or float.
    """
    _check(amounts)
    pd = _pandas()
    rows = list(tidy_amounts(doc, tables))
    data: dict[str, Any] = {}
    for name in _TEXT:
        data[name] = pd.Series([getattr(a, name) for a in rows], dtype="string")
    for name in _INTEGERS:
        data[name] = pd.Series([getattr(a, name) for a in rows], dtype="Int64")
    data["value"] = _amount_series(pd, [a.value for a in rows], amounts)
    data["value_yuan"] = _amount_series(pd, [a.value_yuan for a in rows], amounts)
    data["ocr_confidence"] = pd.Series([a.ocr_confidence for a in rows], dtype="Float64")
    frame = pd.DataFrame(data, columns=LONG_COLUMNS)
    frame.attrs.update(
        path=doc.source.path,
        department=doc.info.department,
        year=doc.info.year,
        stage=doc.info.stage,
    )
    return frame


def document_frames(doc: Document, *, long: bool = True, amounts: Amounts = "decimal") -> Any:
    """``long``: the long frame of every amount; else a dict of table index → :func:`table_frame`."""
    if long:
        return long_frame(doc, amounts=amounts)
    return {t.index: table_frame(t, amounts=amounts) for t in doc.tables}


def _dataset_file(path: str | Path) -> Path:
    p = Path(path)
    if p.is_dir():
        p = p / "budget.sqlite"
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no batch dataset here; make one with: budgetx batch INPUT... -o DIR")
    return p


def read_dataset(path: str | Path, amounts: Amounts = "decimal") -> dict[str, pd.DataFrame]:
    """The tables and views of a batch dataset (``budgetx batch … -o DIR``) as DataFrames, by name.

    ``path`` is the batch folder or its ``budget.sqlite``.  Columns are typed by the dataset's
    schema (``budgetx.batch.schema``): text (codes too) as ``string``, integers as nullable
    ``Int64``, the exact amounts (``value``, ``value_yuan``, findings' ``expected`` …) as
    ``Decimal`` or float; a column the schema does not list keeps what SQLite gives.  The views
    come typed alike: ``read_dataset(DIR)["three_public"]`` is the 三公经费 of every department
    and year, one row each.
    """
    from budgetx.batch.schema import TABLES, VIEWS, Field

    _check(amounts)
    pd = _pandas()
    db = _dataset_file(path)
    out: dict[str, Any] = {}
    named = {f.name: f for t in TABLES for f in t.fields}
    text = Field("", "TEXT", "string", "")
    views = [
        (
            v.name,
            [replace(named.get(c, named["value_yuan"] if c.endswith("_yuan") else text), name=c) for c in v.columns],
        )
        for v in VIEWS
    ]
    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as conn:
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        for name, fields in [(t.name, list(t.fields)) for t in TABLES] + views:
            if name not in present:
                continue
            frame = pd.read_sql_query(f'SELECT * FROM "{name}"', conn)
            for f in fields:
                if f.name not in frame.columns:
                    continue
                if f.sql == "TEXT" and f.type == "number":
                    values = [None if v is None or v == "" else Decimal(str(v)) for v in frame[f.name]]
                    frame[f.name] = _amount_series(pd, values, amounts)
                elif f.sql == "INTEGER":
                    frame[f.name] = frame[f.name].astype("Int64")
                elif f.sql == "REAL":
                    frame[f.name] = frame[f.name].astype("float64")
                else:
                    frame[f.name] = frame[f.name].astype("string")
            out[name] = frame
    return out


# the model's to_pandas methods call this module (the model imports no other budgetx module)
model.frames = sys.modules[__name__]
