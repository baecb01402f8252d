"""budgetx: every table of a Chinese public budget document, as clean, validated data."""

from __future__ import annotations

from budgetx.errors import BudgetxError
from budgetx.extract import extract, read_narrative
from budgetx.frames import read_dataset  # also gives Table and Document their to_pandas
from budgetx.model import Column, Document, Finding, Row, Table

__version__ = "0.1.0"

__all__ = [
    "BudgetxError",
    "Column",
    "Document",
    "Finding",
    "Row",
    "Table",
    "__version__",
    "extract",
    "read_dataset",
    "read_narrative",
]
