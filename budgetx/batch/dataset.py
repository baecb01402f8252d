"""The combined dataset: ``OUTDIR/budget.sqlite``, written by one process only.

Each finished document is committed in one transaction (its old rows, if it
is redone, are replaced in the same transaction), so an interrupted batch
leaves every committed document whole and no document half there.  The
database is also the batch's ledger: a rerun skips the documents whose
sha256 it already holds.

A fault of the database itself (a damaged or truncated file, a full disk, a
read-only folder) is an :class:`~budgetx.errors.OutputError` naming the file
and what to do, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from budgetx.batch.schema import ADDED_COLUMNS, DOCUMENTS, SEARCH, TABLES, VIEWS, TableDef
from budgetx.batch.worker import DocResult, document_label
from budgetx.errors import OutputError
from budgetx.filenames import printable
from budgetx.normalize.departments import department_key

DATABASE = "budget.sqlite"


@dataclass(frozen=True)
class Known:
    """A document the dataset holds: its status, and where its file was."""

    sha256: str
    file: str
    #: the absolute path (printable)
    path: str
    status: str
    reason: str | None
    #: its JSON file, relative to the batch folder (None for a failed document)
    json: str | None = None


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
        with self.faults():
            self.conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            with self.faults():
                self._open()
        except BaseException:
            self.conn.close()
            raise

    def _open(self) -> None:
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        problems = [row[0] for row in self.conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(problems))
        with self._transaction():
            statements = [create_sql(table) for table in TABLES]
            for create_table, *_ in statements:
                self.conn.execute(create_table)
            self._add_columns()  # before the indexes, which may name an added column
            for _, *indexes in statements:
                for statement in indexes:
                    self.conn.execute(statement)
            self._search()
            for view in VIEWS:  # made anew, so that a dataset has this version's views
                self.conn.execute(f"DROP VIEW IF EXISTS {view.name}")
                self.conn.execute(f"CREATE VIEW {view.name} AS {view.sql}")
        self._check_columns()

    def known(self) -> dict[str, Known]:
        """sha256 → every document already recorded."""
        with self.faults():
            return {
                row[0]: Known(*row)
                for row in self.conn.execute("SELECT sha256, file, path, status, reason, json FROM documents")
            }

    def done(self) -> dict[str, tuple[str, str | None]]:
        """sha256 → (status, reason) of every document already recorded."""
        return {sha: (k.status, k.reason) for sha, k in self.known().items()}

    def record(self, result: DocResult, replaces: Iterable[str] = ()) -> None:
        """Commit one document: its row and its tables, amounts and findings, all or nothing.

        ``replaces`` names documents (by sha256) that this one supersedes, an
        older content of its file: they go in the same transaction.
        """
        if result.document is None:
            raise ValueError(f"{result.file}: nothing to record (the file could not be read)")
        sha = result.sha256
        with self.faults(), self._transaction():
            # ON DELETE CASCADE removes the old tables, amounts and findings of a redone document
            self.conn.execute("DELETE FROM documents WHERE sha256 = ?", (sha,))
            for old in replaces:
                self.conn.execute("DELETE FROM documents WHERE sha256 = ?", (old,))
            self._insert(DOCUMENTS, [result.document])
            rows = (result.tables, result.amounts, result.findings, result.columns)
            for table, table_rows in zip(TABLES[1:], rows, strict=True):
                self._insert(table, table_rows)
            for search in SEARCH:
                self.conn.execute(search.index_sql(), (sha,))

    def update(self, moved: Iterable[tuple[str, str, str]] = (), removed: Iterable[str] = ()) -> None:
        """In one transaction: point documents at the file they are now found in
        ((sha256, file, path) each), and remove documents with all their rows."""
        with self.faults(), self._transaction():
            moved = list(moved)
            what = (
                {
                    row[0]: row[1:]
                    for row in self.conn.execute("SELECT sha256, department, year, stage, publication FROM documents")
                }
                if moved
                else {}
            )
            self.conn.executemany(
                "UPDATE documents SET file = ?, path = ?, label = ? WHERE sha256 = ?",
                [(file, path, document_label(file, *what.get(sha, (None,) * 4)), sha) for sha, file, path in moved],
            )
            self.conn.executemany("DELETE FROM documents WHERE sha256 = ?", [(sha,) for sha in removed])

    @contextlib.contextmanager
    def faults(self) -> Iterator[None]:
        """Turn a fault of the database file into an :class:`OutputError` that says what to do."""
        try:
            yield
        except sqlite3.Error as error:
            raise database_error(self.path, error) from None

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
        except sqlite3.Error:  # another reader holds it, or the disk is full: the WAL stays, and is consistent
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

    def _add_columns(self) -> None:
        """A dataset written before a column was added gets it (:data:`~budgetx.batch.schema.ADDED_COLUMNS`):
        documents.path (from the file, made absolute), department_key (from the department) and label
        are filled in; the others stay empty for the documents read before (--force fills them)."""
        added: dict[str, list[str]] = {}
        for table in TABLES:
            have = [row[1] for row in self.conn.execute(f"PRAGMA table_info({table.name})")]
            missing = [name for name in table.names if name not in have]
            if not have or not missing or have + missing != table.names:
                continue  # a new table, a whole one, or one of another layout (_check_columns says so)
            if not set(missing) <= set(ADDED_COLUMNS.get(table.name, ())):
                continue
            types = {f.name: f.sql for f in table.fields}
            for name in missing:
                self.conn.execute(f'ALTER TABLE {table.name} ADD COLUMN "{name}" {types[name]}')
            added[table.name] = missing
        missing = added.get("documents", [])
        rows = (
            self.conn.execute("SELECT sha256, file, department, year, stage, publication FROM documents").fetchall()
            if missing
            else []
        )
        if "path" in missing:
            self.conn.executemany(
                "UPDATE documents SET path = ? WHERE sha256 = ?",
                [(printable(os.path.abspath(r[1])), r[0]) for r in rows],
            )
        if "department_key" in missing:
            self.conn.executemany(
                "UPDATE documents SET department_key = ? WHERE sha256 = ?", [(department_key(r[2]), r[0]) for r in rows]
            )
        if "label" in missing:
            self.conn.executemany(
                "UPDATE documents SET label = ? WHERE sha256 = ?", [(document_label(*r[1:]), r[0]) for r in rows]
            )

    def _search(self) -> None:
        """The full-text indexes and their triggers; an index made now takes in the rows already there."""
        present = {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for search in SEARCH:
            for statement in search.sql():
                self.conn.execute(statement)
            if search.name not in present:
                self.conn.execute(f"INSERT INTO {search.name}({search.name}) VALUES ('rebuild')")

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


def database_error(path: Path, error: sqlite3.Error) -> OutputError:
    """What a fault of the dataset's database means for its user, and what to do."""
    text = str(error) or type(error).__name__
    lowered = text.lower()
    if "full" in lowered:
        why = f"the disk is full ({text}); free some space and rerun: the documents committed so far are kept"
    elif "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered or "permission" in lowered:
        why = f"cannot be written ({text}); check the folder's permissions, or give the batch another -o folder"
    elif "locked" in lowered or "busy" in lowered:
        why = f"another program holds it ({text}); close it and rerun"
    elif isinstance(error, sqlite3.OperationalError) and "disk i/o" not in lowered:
        why = f"cannot be written ({text}); check the disk, or give the batch another -o folder"
    else:
        why = (
            f"the dataset is damaged ({text}); move it away (or delete it) and rerun: the batch rebuilds it "
            "from the documents"
        )
    return OutputError(str(path), why)
