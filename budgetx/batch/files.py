"""The dataset as files: one CSV or Parquet file per table, and ``datapackage.json``.

Written from the SQLite dataset at the end of a batch, each file streamed to
a temporary file and renamed into place, so that a reader never sees half a
file and memory does not grow with the dataset.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from budgetx.batch.dataset import Dataset
from budgetx.batch.schema import TABLES, TableDef
from budgetx.errors import OutputError
from budgetx.export.atomic import default_mode, write_atomic

FORMATS = ("sqlite", "csv", "parquet")
DATAPACKAGE = "datapackage.json"
_BATCH_ROWS = 50_000


def check_format(fmt: str) -> None:
    """Raise :class:`OutputError` for a format that cannot be written here."""
    if fmt not in FORMATS:
        raise OutputError(fmt, f"unknown dataset format; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise OutputError(
                "parquet", "writing Parquet needs pyarrow: pip install 'budgetx[parquet]' (or use --format csv)"
            ) from None


def write_files(dataset: Dataset, outdir: Path, fmt: str) -> list[Path]:
    """Write every table of ``dataset`` as ``fmt`` files, and their ``datapackage.json``."""
    from budgetx.batch.datapackage import descriptor

    written = []
    for table in TABLES:
        path = outdir / f"{table.name}.{fmt}"
        with atomic_path(path) as tmp:
            (_write_csv if fmt == "csv" else _write_parquet)(dataset, table, tmp)
        written.append(path)
    package = descriptor(dataset, outdir, fmt)
    path = outdir / DATAPACKAGE
    write_atomic(path, (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    written.append(path)
    return written


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed to ``path`` when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, default_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _write_csv(dataset: Dataset, table: TableDef, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(table.names)
        for row in dataset.rows(table):
            out.writerow(["" if v is None else v for v in row])
        fh.flush()
        os.fsync(fh.fileno())


def _write_parquet(dataset: Dataset, table: TableDef, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"TEXT": pa.string(), "INTEGER": pa.int64(), "REAL": pa.float64()}
    schema = pa.schema([pa.field(f.name, types[f.sql]) for f in table.fields])
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[tuple[object, ...]] = []
        for row in dataset.rows(table):
            batch.append(row)
            if len(batch) >= _BATCH_ROWS:
                writer.write_table(_arrow_table(batch, schema))
                batch = []
        if batch:
            writer.write_table(_arrow_table(batch, schema))


def _arrow_table(rows: list[tuple[object, ...]], schema: Any) -> Any:
    import pyarrow as pa

    columns: list[Any] = [list(col) for col in zip(*rows, strict=True)] if rows else [[] for _ in schema.names]
    return pa.Table.from_arrays(
        [pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)], schema=schema
    )
