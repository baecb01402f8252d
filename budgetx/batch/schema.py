"""The combined dataset's tables, declared once.

The SQLite tables, the CSV/Parquet files and the ``datapackage.json`` schemas
are all generated from :data:`TABLES`, so that the three forms cannot drift.
A row travels from a worker to the writer as a tuple in the order of its
table's fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    name: str
    #: the SQLite column type: TEXT, INTEGER or REAL
    sql: str
    #: the Table Schema type of the CSV/Parquet column
    type: str
    description: str
    #: Table Schema constraints (``required``, ``enum`` …)
    constraints: dict[str, object] = field(default_factory=dict)
    #: extra properties for the field's descriptor (e.g. Fiscal Data Package ``columnType``)
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class TableDef:
    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    #: (field, referenced table, referenced fields) for each foreign key
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    #: indexes beyond the primary key, each a tuple of field names
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


def _f(name: str, sql: str, description: str, **kw: object) -> Field:
    typ = {"TEXT": "string", "INTEGER": "integer", "REAL": "number"}[sql]
    return Field(name, sql, str(kw.pop("type", typ)), description, **kw)  # type: ignore[arg-type]


REQUIRED = {"required": True}

DOCUMENTS = TableDef(
    name="documents",
    description="One row per document: where it came from, what it is, and how its extraction went.",
    primary_key=("sha256",),
    indexes=(("year",), ("department",), ("status",)),
    fields=(
        _f("sha256", "TEXT", "SHA-256 of the file's bytes: the document's identity", constraints=REQUIRED),
        _f(
            "file",
            "TEXT",
            "the path the document was read from, as given (undecodable bytes of a name written \\xNN)",
            constraints=REQUIRED,
        ),
        _f("format", "TEXT", "pdf or text"),
        _f("department", "TEXT", "the publishing department (部门/单位)"),
        _f(
            "year",
            "INTEGER",
            "the fiscal year the document covers",
            extra={"columnType": "date:fiscal-year"},
        ),
        _f("stage", "TEXT", "预算 (budget) or 决算 (final accounts)", constraints={"enum": ["预算", "决算"]}),
        _f(
            "phase",
            "TEXT",
            "Fiscal Data Package phase: approved (预算) or executed (决算)",
            constraints={"enum": ["approved", "executed"]},
        ),
        _f("region", "TEXT", "the region, from the department or the file name (上海市普陀区, 江苏省 …)"),
        _f("pages", "INTEGER", "pages of a PDF; empty for text"),
        _f("status", "TEXT", "ok or failed", constraints={**REQUIRED, "enum": ["ok", "failed"]}),
        _f("reason", "TEXT", "why the document failed (an error, its time or memory budget, a crash)"),
        _f(
            "exit_code",
            "INTEGER",
            "the exit code 'budgetx extract' gives this document (14: over its time or memory budget; "
            "10: other, e.g. the worker crashed)",
        ),
        _f("tables", "INTEGER", "tables found"),
        _f("amounts", "INTEGER", "amounts (rows of the amounts table) found"),
        _f("findings_error", "INTEGER", "validation findings of severity error"),
        _f("findings_warning", "INTEGER", "validation findings of severity warning"),
        _f("findings_info", "INTEGER", "validation findings of severity info"),
        _f("json", "TEXT", "the document's JSON, relative to the batch folder"),
        _f("seconds", "REAL", "seconds the extraction took"),
        _f("processed_at", "TEXT", "when the document was processed (UTC, ISO 8601)", type="datetime"),
        _f(
            "path",
            "TEXT",
            "the file's absolute path (undecodable bytes written \\xNN): the document is the content "
            "found there, replaced when that content changes",
        ),
        _f(
            "publication",
            "TEXT",
            "部门 (a department's publication, consolidating its units) or 单位 (one unit's own): take one "
            "per department and year",
            constraints={"enum": ["部门", "单位"]},
        ),
    ),
)

TABLES_ = TableDef(
    name="tables",
    description="One row per table of each document.",
    primary_key=("document", "table_index"),
    foreign_keys=((("document",), "documents", ("sha256",)),),
    indexes=(("kind",),),
    fields=(
        _f("document", "TEXT", "the document's sha256", constraints=REQUIRED),
        _f("table_index", "INTEGER", "the table's position in the document, from 1", constraints=REQUIRED),
        _f("number", "TEXT", "the printed label (表2, 公开05表), if any"),
        _f("title", "TEXT", "the printed title"),
        _f("kind", "TEXT", "the table's family, stable across regions (general_function, three_public …)"),
        _f("unit", "TEXT", "the printed unit (万元, 元)"),
        _f("pages", "TEXT", "the pages the table spans, as a JSON list"),
        _f("rows", "INTEGER", "data rows"),
        _f("note", "TEXT", "the table's note (注：…), e.g. why it is empty"),
    ),
)

AMOUNTS = TableDef(
    name="amounts",
    description="One row per printed amount (the long/tidy view), tied to its own item on its own side.",
    primary_key=("document", "seq"),
    foreign_keys=((("document", "table_index"), "tables", ("document", "table_index")),),
    indexes=(("document", "table_index"), ("code",), ("kind",), ("measure",)),
    fields=(
        _f("document", "TEXT", "the document's sha256", constraints=REQUIRED),
        _f("seq", "INTEGER", "the amount's position in the document, in print order, from 1", constraints=REQUIRED),
        _f("table_index", "INTEGER", "the table's position in the document", constraints=REQUIRED),
        _f("kind", "TEXT", "the table's family (as in tables.kind)"),
        _f("row", "INTEGER", "the row within the table, from 1", constraints=REQUIRED),
        _f("block", "INTEGER", "0, or 1, 2 … for the right-hand blocks of a 收入 | 支出 table"),
        _f("code", "TEXT", "the subject code of the amount's item (2080505)"),
        _f("name", "TEXT", "the item's name"),
        _f("level", "INTEGER", "the code's level: 类 1, 款 2, 项 3"),
        _f("column_name", "TEXT", "the column's flattened header (2021年预算数 / 基本支出)"),
        _f("value", "TEXT", "the amount as printed, in unit", type="number"),
        _f("unit", "TEXT", "the table's unit"),
        _f(
            "value_yuan",
            "TEXT",
            "the amount in 元, exact (empty when the unit is unknown)",
            type="number",
            extra={"columnType": "value"},
        ),
        _f("value_fen", "INTEGER", "the amount in 分 (1/100 元), for exact sums"),
        _f(
            "direction",
            "TEXT",
            "Fiscal Data Package direction: expenditure or revenue (empty for forms)",
            constraints={"enum": ["expenditure", "revenue"]},
        ),
        _f("page", "INTEGER", "the page it was printed on"),
        _f("line", "INTEGER", "the line of a text document"),
        _f(
            "measure",
            "TEXT",
            "what the amount is, the same name across regions and templates (three_public.total, "
            "expenditure.basic …; README's list); empty when budgetx cannot name it",
        ),
    ),
)

FINDINGS = TableDef(
    name="findings",
    description="One row per validation finding.",
    primary_key=("document", "seq"),
    foreign_keys=((("document",), "documents", ("sha256",)),),
    indexes=(("rule",),),
    fields=(
        _f("document", "TEXT", "the document's sha256", constraints=REQUIRED),
        _f("seq", "INTEGER", "the finding's position in the document's findings, from 1", constraints=REQUIRED),
        _f("rule", "TEXT", "the rule that found it"),
        _f("severity", "TEXT", "error, warning or info", constraints={"enum": ["error", "warning", "info"]}),
        _f("message", "TEXT", "what is wrong (Chinese)"),
        _f("message_en", "TEXT", "what is wrong (English)"),
        _f("table_index", "INTEGER", "the table it concerns"),
        _f("table_title", "TEXT", "that table's title"),
        _f("code", "TEXT", "the subject code it concerns"),
        _f("row_name", "TEXT", "the row it concerns"),
        _f("column_name", "TEXT", "the column it concerns"),
        _f("page", "INTEGER", "the page"),
        _f("line", "INTEGER", "the line of a text document"),
        _f("expected", "TEXT", "the value the identity expects", type="number"),
        _f("actual", "TEXT", "the value printed", type="number"),
        _f("difference", "TEXT", "actual - expected", type="number"),
    ),
)

#: every table of the dataset, in the order they are written
TABLES: tuple[TableDef, ...] = (DOCUMENTS, TABLES_, AMOUNTS, FINDINGS)
