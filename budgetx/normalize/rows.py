"""Rows: telling a row of figures from a header row, whatever reader printed it.

A printed table's header rows name its columns; its data rows carry figures.
A row is a data row when one of its cells prints a figure (an amount that is
not a year: "2021" heads a column, it is no figure) or, in its first four
cells, a subject code (alone, "2080505", or leading its name, "2080505 机关事业
单位基本养老").  The 合计 row of an empty table, alone with blank amounts, is a
data row too.  A counter row numbers the columns ("栏次 | 1 | 2 | 3", or just
"1 | 2 | 3") or the rows ("行次"): it is neither header nor data.
"""

from __future__ import annotations

from budgetx import patterns
from budgetx.normalize.amounts import is_amount
from budgetx.normalize.codes import is_code, split_leading
from budgetx.normalize.names import compact

#: header cells that number the columns ("栏次 1 2 3") or rows ("行次")
_COUNTER_LABELS = ("栏次", "行次")
_TOTALS = ("合计", "总计", "合计：", "总计：")
_YEAR = patterns.compile(r"(19|20)\d\d")


def is_year(text: str) -> bool:
    """True for a year alone ("2021", "20 21"): a header, not a figure."""
    return bool(_YEAR.fullmatch(compact(text)))


def is_figure(text: str) -> bool:
    """True for a printed amount that is not a year ("426.37", "12", "(3.00)"; not "2021")."""
    return is_amount(text) and not is_year(text)


def is_data_row(cells: list[str]) -> bool:
    """True when a row carries figures or a subject code, i.e. is not a header."""
    texts = [c.strip() for c in cells if c and c.strip()]
    if not texts or is_counter_row(cells):
        return False
    if len(texts) == 1 and compact(texts[0]) in _TOTALS:
        return True  # a 合计 row of an empty table: its amounts are blank
    for i, c in enumerate(cells):
        c = (c or "").strip()
        if not c:
            continue
        if is_figure(c):
            return True
        if i < 4 and (is_code(c) or split_leading(c)):
            return True
    return False


def is_counter_row(cells: list[str]) -> bool:
    """A row that numbers the columns: "栏次 | 1 | 2 | 3", or just "1 | 2 | 3"."""
    texts = [compact(c) for c in cells if c and c.strip()]
    if not texts:
        return False
    if texts[0] in _COUNTER_LABELS:
        return True
    numbers = [t for t in texts if t.isdigit()]
    if len(texts) >= 2 and all(t.strip("*") == "" for t in texts):
        return True  # "** | ** | ** | **": a column-index row of label columns only
    if texts[0].strip("*") == "" and numbers and len(numbers) + sum(t.strip("*") == "" for t in texts) == len(texts):
        # "** | ** | 1 | 2 | 3": the label columns starred, the amount columns numbered from 1
        return numbers == [str(k) for k in range(1, len(numbers) + 1)]
    return len(numbers) >= 3 and numbers == [str(k) for k in range(int(numbers[0]), int(numbers[0]) + len(numbers))]
