"""Excel (.xlsx): a sheet per table, plus the document's metadata and findings.

Workbook layout:

* ``Document``: where the document came from (path, sha256, format, pages),
  what it is (title, department, year, stage) and a list of its tables, each
  linked to its sheet.
* One sheet per table, named from its label and short title ("表2 一般公共预算
  财政拨款支出预算表", at most 31 characters, unique): the title on row 1, the
  unit on row 2 ("单位：万元"), a form's header fields (项目名称, 主管部门 …)
  next, then the header rows rebuilt from the flattened column names with
  their merged cells, then the data rows; panes are frozen below the header.
  Amounts are numbers shown with two decimals (``#,##0.00``); the file holds
  the printed decimal exactly (an amount with more than 15 significant
  digits, beyond what Excel keeps, is written as text instead).  Codes and
  text stay text; empty cells stay empty.  A table's note follows its rows.
  A value read by OCR from a page image is filled yellow (orange below 0.9
  confidence); a doubtful one, or one the model also read another way, has a
  comment with its confidence and the other reading.
* ``Findings``: one row per validation finding, headers only when there is none.

The first table's sheet is the one Excel shows on opening.
"""

from __future__ import annotations

import io
import unicodedata
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from budgetx import __version__
from budgetx.export import findings_for
from budgetx.export.naming import header_levels, sheet_name
from budgetx.model import Document, Finding, OcrReading, Table

AMOUNT_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"
#: Excel keeps 15 significant digits of a number
EXCEL_DIGITS = 15

DOCUMENT_SHEET = "Document"
FINDINGS_SHEET = "Findings"
FINDING_FIELDS = [
    "rule",
    "severity",
    "message",
    "message_en",
    "table",
    "table_title",
    "code",
    "row",
    "column",
    "page",
    "line",
    "expected",
    "actual",
    "difference",
]

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
#: a value read by OCR, and one read with less than OCR_DOUBT confidence
_OCR_FILL = PatternFill("solid", fgColor="FFF2CC")
_OCR_DOUBT_FILL = PatternFill("solid", fgColor="F8CBAD")
OCR_DOUBT = 0.9
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

MIN_WIDTH, MAX_WIDTH = 6, 60


def dumps(doc: Document, tables: list[Table], *, raw: bool = False) -> bytes:
    """The document's ``tables`` as an .xlsx workbook; ``raw`` changes nothing (every text is a string cell, never a formula)."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    taken = {DOCUMENT_SHEET, FINDINGS_SHEET}
    doc_ws = wb.create_sheet(DOCUMENT_SHEET)
    names: list[str] = []
    for table in tables:
        name = sheet_name(doc, table, taken)
        write_table(wb.create_sheet(name), table)
        names.append(name)
    write_document(doc_ws, doc, list(zip(tables, names, strict=True)))
    write_findings(wb.create_sheet(FINDINGS_SHEET), findings_for(doc, tables))
    if names:
        wb.active = 1
    wb.properties.creator = f"budgetx {__version__}"
    wb.properties.title = excel_text(doc.info.title or doc.source.path)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_table(ws: Worksheet, table: Table) -> None:
    ncols = max(len(table.columns), 2 if table.fields else 1)
    widths = [0] * ncols
    title = f"{table.number} {table.title}" if table.number else table.title
    put(ws, 1, 1, title).font = _TITLE
    if table.unit:
        put(ws, 2, 1, f"单位：{table.unit}")
    r = 3

    for key, value in table.fields.items():
        put(ws, r, 1, key).font = _BOLD
        put(ws, r, 2, value).alignment = Alignment(vertical="top")
        if ncols > 2:
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=ncols)
        _widen(widths, 0, key)
        r += 1

    first_header = r
    levels = header_levels([c.name for c in table.columns]) if table.columns else []
    for level, names in enumerate(levels):
        for j, name in enumerate(names):
            cell = put(ws, first_header + level, j + 1, name)
            cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _HEADER_FILL, _BORDER, _CENTER
        for j, name in enumerate(names):  # bottom level sets the width; upper levels span columns
            if level == len(levels) - 1:
                _widen(widths, j, name)
    _merge_header(ws, table, first_header)
    r = first_header + len(levels)
    ws.freeze_panes = ws.cell(r, 1)

    for row in table.rows:
        for j, cell_value in enumerate(row.cells):
            cell = ws.cell(r, j + 1)
            _set_value(cell, cell_value, table.columns[j].type if j < len(table.columns) else "text")
            cell.border = _BORDER
            if (reading := row.ocr.get(j)) is not None:
                mark_ocr(cell, reading)
            _widen(widths, j, f"{cell_value:,.2f}" if isinstance(cell_value, Decimal) else cell_value)
        r += 1

    if table.note:
        put(ws, r, 1, table.note)

    for j, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = min(max(w + 2, MIN_WIDTH), MAX_WIDTH)


def _merge_header(ws: Worksheet, table: Table, top: int) -> None:
    """Merge header cells as printed: a parent over its children, a label over the rows below it."""
    split = [c.name.split(" / ") for c in table.columns]
    depth = max((len(s) for s in split), default=0)
    for j, parts in enumerate(split):  # vertical: a column with fewer levels spans the rest
        if len(parts) < depth:
            ws.merge_cells(
                start_row=top + len(parts) - 1, start_column=j + 1, end_row=top + depth - 1, end_column=j + 1
            )
    for level in range(depth - 1):  # horizontal: neighbours under the same parent path
        j = 0
        while j < len(split):
            k = j
            if len(split[j]) > level + 1:
                prefix = split[j][: level + 1]
                while k + 1 < len(split) and len(split[k + 1]) > level + 1 and split[k + 1][: level + 1] == prefix:
                    k += 1
            if k > j:
                ws.merge_cells(start_row=top + level, start_column=j + 1, end_row=top + level, end_column=k + 1)
            j = k + 1


def put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """Set a cell to ``value`` (text cleaned for Excel, always a string cell) and return the cell."""
    cell = ws.cell(row, column)
    if isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value
    return cell


def set_text(cell: Any, text: str) -> None:
    """Make ``cell`` a string cell holding ``text``.

    openpyxl takes a text starting with ``=`` for a formula and ``#N/A`` for an
    error value; a document's text is neither, whatever it starts with.
    """
    cell.value = excel_text(text)
    cell.data_type = "s"


def excel_text(text: str) -> str:
    """``text`` without the control characters an .xlsx file cannot hold (a PDF's stray \\x0c)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def mark_ocr(cell: Any, reading: OcrReading) -> None:
    """Colour a value read by OCR (yellow; orange below :data:`OCR_DOUBT` confidence); a doubtful one,
    or one the model read another way too, gets a comment with its confidence and the other reading."""
    cell.fill = _OCR_FILL if reading.confidence >= OCR_DOUBT else _OCR_DOUBT_FILL
    if reading.confidence < OCR_DOUBT or reading.alternative:
        text = f"OCR 置信度 confidence {reading.confidence:.2f}"
        if reading.alternative:
            text += f"\n另一读法 other reading: {reading.alternative}"
        cell.comment = Comment(text, "budgetx")


def _set_value(cell: Any, value: object, column_type: str) -> None:
    if isinstance(value, Decimal):
        if len(value.as_tuple().digits) > EXCEL_DIGITS:
            set_text(cell, format(value, "f"))
            cell.alignment = Alignment(horizontal="right")
        else:
            cell.value = value
            cell.number_format = AMOUNT_FORMAT
    elif value is not None:
        if isinstance(value, str):
            set_text(cell, value)
        else:
            cell.value = value
        if column_type == "code":
            cell.number_format = TEXT_FORMAT


def write_document(ws: Worksheet, doc: Document, sheets: list[tuple[Table, str]]) -> None:
    rows: list[tuple[str, Any]] = [
        ("path", doc.source.path),
        ("sha256", doc.source.sha256),
        ("format", doc.source.format),
        ("pages", doc.source.pages),
        ("title", doc.info.title),
        ("department", doc.info.department),
        ("department_key", doc.info.department_key),
        ("year", doc.info.year),
        ("stage", doc.info.stage),
        ("publication", doc.info.publication),
        ("tables", len(sheets)),
        ("findings", len(findings_for(doc, [t for t, _ in sheets]))),
        ("budgetx", __version__),
    ]
    for i, (key, value) in enumerate(rows, start=1):
        put(ws, i, 1, key).font = _BOLD
        put(ws, i, 2, value)
    r = len(rows) + 2
    heads = ["sheet", "index", "number", "title", "kind", "unit", "pages", "rows"]
    for j, h in enumerate(heads, start=1):
        c = put(ws, r, j, h)
        c.font, c.fill, c.border = _BOLD, _HEADER_FILL, _BORDER
    for table, name in sheets:
        r += 1
        pages = (
            f"{table.pages[0]}-{table.pages[-1]}"
            if len(table.pages) > 1
            else (str(table.pages[0]) if table.pages else None)
        )
        values = [name, table.index, table.number, table.title, table.kind, table.unit, pages, len(table.rows)]
        for j, v in enumerate(values, start=1):
            put(ws, r, j, v).border = _BORDER
        link = ws.cell(r, 1)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A1")
        link.font = Font(color="0563C1", underline="single")
    # long values (the path, the sha256) overflow into the empty cells on their right
    for letter, width in zip("ABCDEFGH", (34, 10, 8, 56, 22, 8, 8, 8), strict=True):
        ws.column_dimensions[letter].width = width


def write_findings(ws: Worksheet, findings: list[Finding]) -> None:
    for j, h in enumerate(FINDING_FIELDS, start=1):
        c = put(ws, 1, j, h)
        c.font, c.fill, c.border = _BOLD, _HEADER_FILL, _BORDER
    ws.freeze_panes = "A2"
    for i, f in enumerate(findings, start=2):
        values: list[Any] = [
            f.rule,
            f.severity,
            f.message,
            f.message_en,
            f.table,
            f.table_title,
            f.code,
            f.row_name,
            f.column,
            f.page,
            f.line,
            f.expected,
            f.actual,
            f.difference,
        ]
        for j, v in enumerate(values, start=1):
            _set_value(ws.cell(i, j), v, "code" if FINDING_FIELDS[j - 1] == "code" else "text")
    if findings:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_FIELDS))}{len(findings) + 1}"
    for j, width in enumerate((22, 9, 50, 50, 7, 30, 10, 24, 24, 6, 6, 12, 12, 12), start=1):
        ws.column_dimensions[get_column_letter(j)].width = width


def display_width(text: str) -> int:
    """Columns ``text`` takes on screen: two for a CJK character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _widen(widths: list[int], j: int, value: object) -> None:
    if value is None or j >= len(widths):
        return
    widths[j] = max(widths[j], display_width(str(value)))
