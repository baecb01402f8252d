"""The combined dataset: ``OUTDIR/budget.sqlite``, written by one process only.

Each finished document is committed in one transaction (its old rows, if it
is redone, are replaced in the same transaction), so an interrupted batch
leaves every committed document whole and no document half there.  The
database is also the batch's ledger: a rerun skips the documents whose
sha256 it already holds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from budgetx.batch.schema import DOCUMENTS, TABLES, TableDef
from budgetx.batch.worker import DocResult
from budgetx.errors import OutputError

DATABASE = "budget.sqlite"


def create_sql(table: TableDef) -> list[str]:
    """``CREATE TABLE`` and ``CREATE INDEX`` statements for ``table``."""
    cols = [f'    "{f.name}" {f.sql}{" NOT NULL" if f.constraints.get("required") else ""}' for f in table.fields]
    cols.append(f"    PRIMARY KEY ({', '.join(table.primary_key)})")
    for fields, ref, ref_fields in table.foreign_keys:
        cols.append(
            f"    FOREIGN KEY ({', '.join(fields)}) REFERENCES {ref} ({', '.join(ref_fields)}) ON DELETE CASCADE"
        )
    statements = [f"CREATE TABLE IF NOT EXISTS {table.name} (\n" + ",\n".join(cols) + "\n)"]
    for index in table.indexes:
        name = f"{table.name}_{'_'.join(index)}"
        statements.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table.name} ({', '.join(index)})")
    return statements


class Dataset:
    """The SQLite dataset of a batch folder."""

    def __init__(self, outdir: Path) -> None:
        self.path = Path(outdir) / DATABASE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        with self._transaction():
            for table in TABLES:
                for statement in create_sql(table):
                    self.conn.execute(statement)
        self._check_columns()

    def done(self) -> dict[str, tuple[str, str | None]]:
        """sha256 → (status, reason) of every document already recorded."""
        return {
            sha: (status, reason)
            for sha, status, reason in self.conn.execute("SELECT sha256, status, reason FROM documents")
        }

    def record(self, result: DocResult) -> None:
        """Commit one document: its row and its tables, amounts and findings, all or nothing."""
        if result.document is None:
            raise ValueError(f"{result.file}: nothing to record (the file could not be read)")
        sha = result.sha256
        with self._transaction():
            # ON DELETE CASCADE removes the old tables, amounts and findings of a redone document
            self.conn.execute("DELETE FROM documents WHERE sha256 = ?", (sha,))
            self._insert(DOCUMENTS, [result.document])
            for table, rows in zip(TABLES[1:], (result.tables, result.amounts, result.findings), strict=True):
                self._insert(table, rows)

    def rows(self, table: TableDef, order: bool = True) -> Iterator[tuple[object, ...]]:
        """Every row of ``table``, in primary-key order."""
        cols = ", ".join(f'"{n}"' for n in table.names)
        sql = f"SELECT {cols} FROM {table.name}" + (f" ORDER BY {', '.join(table.primary_key)}" if order else "")
        yield from self.conn.execute(sql)

    def close(self) -> None:
        """Fold the write-ahead log back into the one database file, and close it."""
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError:  # another reader holds it: the WAL stays, and is still consistent
            pass
        self.conn.close()

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _insert(self, table: TableDef, rows: list[tuple[object, ...]]) -> None:
        if rows:
            cols = ", ".join(f'"{n}"' for n in table.names)
            marks = ", ".join("?" * len(table.fields))
            self.conn.executemany(f"INSERT INTO {table.name} ({cols}) VALUES ({marks})", rows)

    def _check_columns(self) -> None:
        for table in TABLES:
            have = [row[1] for row in self.conn.execute(f"PRAGMA table_info({table.name})")]
            if have != table.names:
                self.conn.close()
                raise OutputError(
                    str(self.path),
                    f"its table {table.name} has other columns than this budgetx writes "
                    "(an older version made it); give the batch a new output folder",
                )

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
