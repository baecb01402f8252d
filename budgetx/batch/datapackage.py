"""``datapackage.json``: the dataset's files described as a Frictionless Data Package.

A Tabular Data Package (one resource per table, with its Table Schema,
primary and foreign keys) carrying the Fiscal Data Package attributes of the
amounts: the measure ``value_yuan`` in CNY with factor 1 (amounts in 元), its
direction (expenditure/revenue) and phase (预算 = approved, 决算 = executed),
and the fiscal period the documents cover.  ``frictionless validate
datapackage.json`` checks the files against it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from budgetx import __version__
from budgetx.batch.dataset import Dataset
from budgetx.batch.schema import AMOUNTS, DOCUMENTS, TABLES, TableDef
from budgetx.batch.worker import sha256_file

MEDIATYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


def descriptor(dataset: Dataset, outdir: Path, fmt: str) -> dict[str, Any]:
    """The package descriptor for the ``fmt`` files of ``dataset`` under ``outdir``."""
    years = [y for (y,) in dataset.conn.execute("SELECT DISTINCT year FROM documents WHERE year IS NOT NULL")]
    phases = sorted(p for (p,) in dataset.conn.execute("SELECT DISTINCT phase FROM documents WHERE phase IS NOT NULL"))
    directions = sorted(
        d for (d,) in dataset.conn.execute("SELECT DISTINCT direction FROM amounts WHERE direction IS NOT NULL")
    )
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "budgetx-dataset",
        "title": "Tables of Chinese government budget documents (部门预算/决算), extracted by budgetx",
        "description": (
            "One row per document, table, printed amount and validation finding. "
            "Amounts are exact: value as printed in the table's unit, value_yuan in 元, value_fen in 分."
        ),
        "sources": [{"title": f"budgetx {__version__}"}],
        "resources": [_resource(t, outdir, fmt) for t in TABLES],
        "model": _model(phases, directions),
    }
    if years:  # China's fiscal year is the calendar year
        package["fiscalPeriod"] = {"start": f"{min(years)}-01-01", "end": f"{max(years)}-12-31"}
    return package


def _resource(table: TableDef, outdir: Path, fmt: str) -> dict[str, Any]:
    path = outdir / f"{table.name}.{fmt}"
    fields = []
    for f in table.fields:
        field: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
        if f.constraints:
            field["constraints"] = dict(f.constraints)
        field.update(f.extra)
        fields.append(field)
    schema: dict[str, Any] = {
        "fields": fields,
        "primaryKey": list(table.primary_key),
        # frictionless reads Parquet through pandas, which turns a null integer into the float
        # NaN; listing its spellings as missing values keeps nulls null (as tdwg/camtrap-dp does)
        "missingValues": ["", "nan", "NaN"] if fmt == "parquet" else [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(cols), "reference": {"resource": ref, "fields": list(ref_cols)}}
            for cols, ref, ref_cols in table.foreign_keys
        ]
    resource: dict[str, Any] = {
        "name": table.name,
        "path": path.name,
        "profile": "tabular-data-resource",
        "description": table.description,
        "format": fmt,
        "mediatype": MEDIATYPES[fmt],
        "schema": schema,
    }
    if fmt == "csv":
        resource["encoding"] = "utf-8"
    if fmt == "csv" and path.exists():  # frictionless counts bytes and hashes of text files only
        resource["bytes"] = path.stat().st_size
        resource["hash"] = "sha256:" + sha256_file(path)
    return resource


def _model(phases: list[str], directions: list[str]) -> dict[str, Any]:
    measure: dict[str, Any] = {
        "source": "value_yuan",
        "resource": AMOUNTS.name,
        "currency": "CNY",
        "factor": 1,
        "title": "amount in 元",
    }
    # a measure's direction and phase are fixed values: given here when the whole
    # dataset shares one, and in any case per row by the dimensions below
    if len(directions) == 1:
        measure["direction"] = directions[0]
    if len(phases) == 1:
        measure["phase"] = phases[0]
    return {
        "measures": {"value_yuan": measure},
        "dimensions": {
            "document": _dimension("other", DOCUMENTS.name, "sha256", department="department", region="region"),
            "fiscal_year": _dimension("datetime", DOCUMENTS.name, "year"),
            "phase": _dimension("other", DOCUMENTS.name, "phase"),
            "direction": _dimension("other", AMOUNTS.name, "direction"),
            "item": {
                **_dimension("classification", AMOUNTS.name, "code", name="name", level="level"),
                "classificationType": "functional",
                "description": "the subject code (政府收支分类科目) of the amount's item; "
                "codes starting with 2 are functional, 3 and 5 economic, 1 revenue",
            },
        },
    }


def _dimension(kind: str, resource: str, key: str, **labels: str) -> dict[str, Any]:
    attributes = {key: {"source": key, "resource": resource}}
    attributes.update({name: {"source": col, "resource": resource} for name, col in labels.items()})
    return {"dimensionType": kind, "primaryKey": key, "attributes": attributes}
