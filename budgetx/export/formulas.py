"""Text a spreadsheet would run as a formula, and how the CSV exporters defuse it.

Excel, LibreOffice and Google Sheets read a CSV cell that starts with ``=``,
``+``, ``-`` or ``@`` (also a tab or a carriage return, as OWASP's
CSV-injection guidance lists) as a formula: a document's row named
``=HYPERLINK("http://…")`` would become a live link in whoever opens the file.
The CSV exporters write such a *text* cell with a leading ``'``, the usual
neutralisation (``'=HYPERLINK(…)``), unless asked for the raw text
(``--raw``).  The decision is made per cell from the model: an amount is a
``Decimal`` and is written as printed, so ``-12.50`` stays a number.

Excel files need no such mark: :mod:`budgetx.export.xlsx` writes every text
as a string cell, never as a formula.
"""

from __future__ import annotations

from decimal import Decimal

from budgetx.model import CellValue
from budgetx.normalize.amounts import format_amount

#: the first characters that make a spreadsheet read a cell as a formula
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: what the CSV exporters put before such a text
MARK = "'"


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula."""
    return text.startswith(TRIGGERS)


def safe_text(text: str, *, raw: bool = False) -> str:
    """``text`` for a CSV cell: with a leading ``'`` when it reads as a formula (as it is with ``raw``)."""
    if not raw and is_formula_like(text):
        return MARK + text
    return text


def safe_cell(value: CellValue, *, raw: bool = False) -> str:
    """A model cell for a CSV: an amount as printed (never marked), text made safe, empty cells empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_amount(value)
    return safe_text(value, raw=raw)
