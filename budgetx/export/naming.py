"""Names the exporters give a table: file names, sheet names, header levels."""

from __future__ import annotations

from decimal import Decimal

from budgetx import patterns
from budgetx.model import CellValue, Document, Table
from budgetx.normalize.amounts import format_amount
from budgetx.tables.kinds import is_form

#: characters no file system (or Excel sheet name) accepts, and whitespace
_UNSAFE = patterns.compile(r'[\\/:*?"<>|\[\]\x00-\x1f\s]+')
_YEAR = patterns.compile(r"^\d{4}\s*年(度)?\s*")

#: the separator of a flattened multi-row header ("2021年预算数 / 基本支出")
HEADER_SEPARATOR = " / "


def short_title(doc: Document, table: Table) -> str:
    """The table's title without the department and the year that open it.

    A project performance form adds its project name, so that the six forms
    of a document that share one title can be told apart.
    """
    title = patterns.compile(r"\s+").sub("", table.title)
    dept = patterns.compile(r"\s+").sub("", doc.info.department or "")
    if dept and title.startswith(dept) and len(title) > len(dept):
        title = title[len(dept) :]
    title = _YEAR.sub("", title) or title
    project = table.fields.get("项目名称") if is_form(table.kind) else None
    if project:
        title = title + " " + patterns.compile(r"\s+").sub("", project)
    return title


def label(doc: Document, table: Table) -> str:
    """ "表1 财政拨款收支总表"; the short title alone for a table printed without a label."""
    short = short_title(doc, table)
    return f"{table.number} {short}" if table.number else short


def file_stem(doc: Document, table: Table, max_chars: int = 80) -> str:
    """``01_表1_财政拨款收支总表``: index, label and short title, safe in any file system."""
    parts = [f"{table.index:02d}"]
    if table.number:
        parts.append(_UNSAFE.sub("", table.number))
    parts.append(_UNSAFE.sub("_", short_title(doc, table)).strip("_."))
    return "_".join(p for p in parts if p)[:max_chars]


def sheet_name(doc: Document, table: Table, taken: set[str]) -> str:
    """A unique Excel sheet name (at most 31 characters, none of ``[]:*?/\\``)."""
    base = patterns.compile(r"[\\/:*?\[\]\x00-\x1f]").sub("_", label(doc, table)).strip("'") or f"Table {table.index}"
    return unique_sheet_name(base, taken)


def unique_sheet_name(base: str, taken: set[str]) -> str:
    name = base[:31]
    n = 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def header_levels(names: list[str]) -> list[list[str]]:
    """The flattened column names split back into header rows.

    A column whose name has fewer levels than the deepest repeats its last
    level downwards, as the merged cell printed it.
    """
    split = [n.split(HEADER_SEPARATOR) if n else [""] for n in names]
    depth = max((len(s) for s in split), default=1)
    return [[s[min(level, len(s) - 1)] for s in split] for level in range(depth)]


def cell_text(value: CellValue) -> str:
    """A cell as text: amounts as printed, empty cells empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_amount(value)
    return value
