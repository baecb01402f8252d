"""The combined dataset's tables, declared once.

The SQLite tables, the CSV/Parquet files, the ``datapackage.json`` schemas and
the datasette ``metadata.json`` are all generated from :data:`TABLES`, so that
the forms cannot drift.  A row travels from a worker to the writer as a tuple
in the order of its table's fields.

Beside the tables, the SQLite dataset has views (:data:`VIEWS`: the 三公经费 of
each department and year, the findings with their document) and full-text
indexes on the names (:data:`SEARCH`), which triggers keep in step with the
rows as documents are added, replaced or pruned.
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
    #: the unit of a quantity (元, 分, s); "printed" for an amount in its table's printed unit
    unit: str | None = None


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
    #: a title for datasette, and the column that names a row where another table refers to it
    title: str = ""
    label_column: str | None = None

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


def _f(name: str, sql: str, description: str, **kw: object) -> Field:
    typ = {"TEXT": "string", "INTEGER": "integer", "REAL": "number"}[sql]
    return Field(name, sql, str(kw.pop("type", typ)), description, **kw)  # type: ignore[arg-type]


REQUIRED = {"required": True}

DOCUMENTS = TableDef(
    name="documents",
    title="Documents",
    description="One row per document: where it came from, what it is, and how its extraction went.",
    primary_key=("sha256",),
    indexes=(("year",), ("department",), ("status",), ("department_key", "year")),
    label_column="label",
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
        _f("pages", "INTEGER", "pages of a PDF; empty for text", unit="pages"),
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
        _f("seconds", "REAL", "how long the extraction took", unit="s"),
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
            "the publication's scope: 部门 (a department's publication, consolidating its units) or 单位 "
            "(one unit's own); take one per department_key and year, the 部门 one where both are printed",
            constraints={"enum": ["部门", "单位"]},
        ),
        _f(
            "department_key",
            "TEXT",
            "one name per department whatever a year's title calls it (中共江苏省委办公厅 and 江苏省委办公厅: "
            "中国共产党江苏省委员会办公厅), the same for its 部门 and 单位 publications: group by it to compare "
            "documents across years",
        ),
        _f("label", "TEXT", "what names the document: its department, year, stage and scope, and its file's name"),
    ),
)

TABLES_ = TableDef(
    name="tables",
    title="Tables",
    label_column="title",
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
        _f("unit", "TEXT", "the printed unit of its amounts (万元, 元)"),
        _f("pages", "TEXT", "the pages the table spans, as a JSON list"),
        _f("rows", "INTEGER", "data rows"),
        _f("note", "TEXT", "the table's note (注：…), e.g. why it is empty"),
    ),
)

COLUMNS = TableDef(
    name="columns",
    title="Columns",
    label_column="name",
    description="One row per column of each table: its flattened header, its type and its role in the table's sums.",
    primary_key=("document", "table_index", "column_index"),
    foreign_keys=(
        (("document", "table_index"), "tables", ("document", "table_index")),
        (("document",), "documents", ("sha256",)),
    ),
    fields=(
        _f("document", "TEXT", "the document's sha256", constraints=REQUIRED),
        _f("table_index", "INTEGER", "the table's position in the document", constraints=REQUIRED),
        _f("column_index", "INTEGER", "the column's position in the table, from 0", constraints=REQUIRED),
        _f("name", "TEXT", "the column's flattened header (2021年预算数 / 基本支出)"),
        _f("type", "TEXT", "code, name, amount or text", constraints={"enum": ["code", "name", "amount", "text"]}),
        _f("block", "INTEGER", "0, or 1, 2 … for the right-hand blocks of a 收入 | 支出 table"),
        _f(
            "role",
            "TEXT",
            "an amount column's role in the table's sums: total, component (adds up into column 'of'), "
            "of_which (其中: a part of column 'of'), other (in no sum); empty when the header does not say",
            constraints={"enum": ["total", "component", "of_which", "other"]},
        ),
        _f("of", "INTEGER", "the column_index of the column this one adds up into or is part of"),
    ),
)

AMOUNTS = TableDef(
    name="amounts",
    title="Amounts",
    description="One row per printed amount (the long/tidy view), tied to its own item on its own side.",
    primary_key=("document", "seq"),
    foreign_keys=(
        (("document", "table_index"), "tables", ("document", "table_index")),
        (("document",), "documents", ("sha256",)),
    ),
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
        _f("value", "TEXT", "the amount as printed, in unit", type="number", unit="printed"),
        _f("unit", "TEXT", "the table's unit"),
        _f(
            "value_yuan",
            "TEXT",
            "the amount in 元, exact (empty when the unit is unknown)",
            type="number",
            extra={"columnType": "value"},
            unit="元",
        ),
        _f("value_fen", "INTEGER", "the amount in 分 (1/100 元), for exact sums", unit="分"),
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
        _f(
            "entity",
            "TEXT",
            "the unit (单位) the row belongs to, by its printed code (123001), where a table lists several "
            "units; for an economic row listed under a function 项, that 项's code; empty otherwise",
        ),
        _f("parent", "TEXT", "the code's parent: the 类 of a 款, the 款 of a 项"),
        _f(
            "second_classification",
            "TEXT",
            "where the row prints a second classification beside its code: which (economic_gov for 政府经济分类 "
            "beside 部门经济分类 …)",
        ),
        _f("second_code", "TEXT", "the row's code in that second classification (50101 beside 30101)"),
        _f("column_index", "INTEGER", "the amount's column, from 0 (columns.column_index)"),
        _f(
            "role",
            "TEXT",
            "the column's role in the table's sums: total, component, of_which or other (columns.role)",
            constraints={"enum": ["total", "component", "of_which", "other"]},
        ),
    ),
)

FINDINGS = TableDef(
    name="findings",
    title="Findings",
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
        _f("expected", "TEXT", "the value the identity expects", type="number", unit="printed"),
        _f("actual", "TEXT", "the value printed", type="number", unit="printed"),
        _f("difference", "TEXT", "actual - expected", type="number", unit="printed"),
    ),
)

#: every table of the dataset, in the order they are written
TABLES: tuple[TableDef, ...] = (DOCUMENTS, TABLES_, AMOUNTS, FINDINGS, COLUMNS)

#: the columns each table gained since its first layout, in order: a dataset made before gets them
ADDED_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("path", "publication", "department_key", "label"),
    "amounts": ("measure", "entity", "parent", "second_classification", "second_code", "column_index", "role"),
}


@dataclass(frozen=True)
class Search:
    """A full-text index (SQLite FTS5) on text columns of a table: the writer adds a document's rows in
    one statement as it records them (:meth:`index_sql`; a trigger per row costs five times as much),
    triggers take out the rows deleted (a document replaced or pruned) or changed."""

    table: str
    columns: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.table}_fts"

    def sql(self) -> list[str]:
        """The index (trigram: a query of three or more characters matches inside names, as Chinese
        has no spaces between words) and the triggers that take out a row's entry."""
        cols = ", ".join(self.columns)
        new = ", ".join(f"new.{c}" for c in self.columns)
        old = ", ".join(f"old.{c}" for c in self.columns)
        fts, table = self.name, self.table
        delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
        insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new});"
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}', tokenize='trigram')",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
        ]

    def index_sql(self) -> str:
        """Add the rows of one document (the parameter: its sha256) to the index."""
        cols = ", ".join(self.columns)
        return f"INSERT INTO {self.name}(rowid, {cols}) SELECT rowid, {cols} FROM {self.table} WHERE document = ?"


#: the full-text indexes: row names and column headers of the amounts, table titles and notes
SEARCH: tuple[Search, ...] = (Search("amounts", ("name", "column_name")), Search("tables", ("title", "note")))


@dataclass(frozen=True)
class ViewDef:
    name: str
    title: str
    description: str
    sql: str
    #: column → description
    columns: dict[str, str]
    #: column → unit, as in :attr:`Field.unit`
    units: dict[str, str] = field(default_factory=dict)


#: a document's preference among those of one department, year and stage: its 部门 publication
#: first, then one that does not say, then a 单位 one; the same order always (by sha256)
_PUBLICATION_ORDER = "CASE d.publication WHEN '部门' THEN 0 WHEN '单位' THEN 2 ELSE 1 END"

THREE_PUBLIC = ViewDef(
    name="three_public",
    title="三公经费 by department and year",
    description=(
        "The 三公经费 of each department, year and stage: the printed “三公”经费 total (amounts.measure = "
        "'three_public.total', never a 合计 that adds 会议费 and 培训费), from the department's 部门 publication "
        "where the dataset holds it, else its 单位 one; the document's own total, not a unit's row. Its parts "
        "(因公出国（境）费, 公务接待费, 公务用车购置及运行费) from the same table, where printed."
    ),
    sql=f"""
WITH totals AS (
    SELECT d.department_key, d.year, d.stage, d.publication, d.department, d.label, d.sha256 AS document,
           a.table_index, a.page, a.value, a.unit, a.value_yuan, a.value_fen,
           row_number() OVER (
               PARTITION BY d.department_key, d.year, d.stage
               ORDER BY {_PUBLICATION_ORDER}, a.entity IS NOT NULL, a.code IS NOT NULL,
                        a.name IS NOT NULL AND a.name NOT LIKE '%合计%' AND a.name NOT LIKE '%总计%'
                            AND a.name NOT LIKE '%三公%',
                        d.sha256, a.seq
           ) AS pick
    FROM amounts a JOIN documents d ON d.sha256 = a.document
    WHERE a.measure = 'three_public.total' AND d.status = 'ok' AND d.department_key IS NOT NULL
)
SELECT t.department_key, t.year, t.stage, t.publication, t.department,
       t.value_yuan, t.value_fen, t.value, t.unit,
       {
        ", ".join(
            f'''(SELECT p.value_yuan FROM amounts p
         WHERE p.document = t.document AND p.table_index = t.table_index AND p.measure = 'three_public.{part}'
         ORDER BY p.entity IS NOT NULL, p.code IS NOT NULL, p.seq LIMIT 1) AS {part}_yuan'''
            for part in ("outbound", "reception", "vehicle")
        )
    },
       t.document, t.label, t.table_index, t.page
FROM totals t WHERE t.pick = 1
ORDER BY t.department_key, t.year, t.stage""",
    columns={
        "department_key": "the department (documents.department_key)",
        "year": "the fiscal year",
        "stage": "预算 or 决算",
        "publication": "the scope of the document the figure is from: 部门 or 单位",
        "department": "the department as that document prints it",
        "value_yuan": "the “三公”经费 total, in 元",
        "value_fen": "the same in 分, for exact sums",
        "value": "the total as printed, in unit",
        "unit": "the table's unit",
        "outbound_yuan": "因公出国（境）费, in 元",
        "reception_yuan": "公务接待费, in 元",
        "vehicle_yuan": "公务用车购置及运行（维护）费, in 元",
        "document": "the document's sha256",
        "label": "the document",
        "table_index": "its 三公 table",
        "page": "the page the total is printed on",
    },
    units={
        "value_yuan": "元",
        "value_fen": "分",
        "value": "printed",
        "outbound_yuan": "元",
        "reception_yuan": "元",
        "vehicle_yuan": "元",
    },
)

_DOCUMENT_COLUMNS = ("department_key", "year", "stage", "publication", "label", "file")
_FINDING_COLUMNS = (
    "severity",
    "rule",
    "message",
    "message_en",
    "table_index",
    "table_title",
    "code",
    "row_name",
    "column_name",
    "page",
    "line",
    "expected",
    "actual",
    "difference",
    "document",
    "seq",
)
_FIELDS = {**{f.name: f for f in FINDINGS.fields}, **{f.name: f for f in DOCUMENTS.fields}}

FINDINGS_BY_DOCUMENT = ViewDef(
    name="findings_by_document",
    title="Findings with their document",
    description="Each validation finding beside the document it is about: department, year, stage, scope, file.",
    sql=f"""
SELECT {", ".join(f"d.{c}" for c in _DOCUMENT_COLUMNS)},
       {", ".join(f"f.{c}" for c in _FINDING_COLUMNS)}
FROM findings f JOIN documents d ON d.sha256 = f.document
ORDER BY d.department_key, d.year, d.stage, d.sha256, f.seq""",
    columns={c: _FIELDS[c].description for c in (*_DOCUMENT_COLUMNS, *_FINDING_COLUMNS)},
    units={c: _FIELDS[c].unit for c in (*_DOCUMENT_COLUMNS, *_FINDING_COLUMNS) if _FIELDS[c].unit},  # type: ignore[misc]
)

#: the dataset's views, (re)made whenever it is opened
VIEWS: tuple[ViewDef, ...] = (THREE_PUBLIC, FINDINGS_BY_DOCUMENT)
