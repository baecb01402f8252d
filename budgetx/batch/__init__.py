"""Batch: a whole collection of documents into one dataset.

``run_batch(inputs, BatchOptions(outdir))`` reads every document named by the
inputs in parallel workers (or on a Dask cluster), writes each document's
JSON under ``OUTDIR/documents/`` and commits its tables, amounts and findings
to ``OUTDIR/budget.sqlite``; reruns skip what is done.  See
:mod:`budgetx.batch.runner`.
"""

from __future__ import annotations

from budgetx.batch.dataset import DATABASE, Dataset
from budgetx.batch.files import FORMATS
from budgetx.batch.inputs import Inputs, expand_inputs
from budgetx.batch.runner import (
    BatchInterrupted,
    BatchOptions,
    BatchReport,
    DocSummary,
    Observer,
    run_batch,
    summarise_failures,
)

__all__ = [
    "DATABASE",
    "FORMATS",
    "BatchInterrupted",
    "BatchOptions",
    "BatchReport",
    "Dataset",
    "DocSummary",
    "Inputs",
    "Observer",
    "expand_inputs",
    "run_batch",
    "summarise_failures",
]
