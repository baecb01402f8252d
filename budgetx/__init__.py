"""budgetx: every table of a Chinese public budget document, as clean, validated data.

``import budgetx`` is cheap: the stages that read a document (readers, the
table segmenter, the catalogue, validation) are imported when the first
document is read, and the model's classes when they are first named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from budgetx.errors import BudgetxError
from budgetx.extract import extract, read_narrative

if TYPE_CHECKING:
    from budgetx.frames import read_dataset
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

#: the model's classes, imported from :mod:`budgetx.model` when first named
_MODEL = frozenset({"Column", "Document", "Finding", "Row", "Table"})


def __getattr__(name: str) -> Any:
    if name in _MODEL:
        from budgetx import model

        return getattr(model, name)
    if name == "read_dataset":
        from budgetx.frames import read_dataset

        return read_dataset
    raise AttributeError(f"module 'budgetx' has no attribute {name!r}")
