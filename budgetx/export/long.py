"""The long (tidy) CSV: one row per printed amount, for pipelines.

Built from :func:`budgetx.tidy.amounts`: each amount carries the item of its
own block, so in a two-block table (收入 | 支出) a 支出 amount is tied to the
支出 item printed beside it, not to the 收入 item at the row's start.

Columns, in this order (stable; new columns are only ever added at the end):

``table``       the table's index in the document (1-based)
``number``      its printed label ("表2"), empty when it has none
``title``       its printed title
``kind``        its kind (see README, "JSON contract")
``row``         the data row within the table (1-based)
``block``       0, or 1, 2 … for the right-hand blocks of a two-block table
``code``        the subject code of the amount's item ("2080505"), or empty
``name``        the item's name
``level``       the code's level: 1 类, 2 款, 3 项; empty without a code
``column``      the amount's flattened column name
``value``       the amount exactly as printed ("426.37", "0.00", "3.5")
``unit``        the table's unit (万元, 元)
``page``        the page the row was printed on (empty for text input)
``line``        the line of the text file the row was read from
``value_yuan``  the amount in 元, exact ("4263700.00"); empty when the unit is unknown
``measure``     what the amount is, the same across regions and templates ("expenditure.basic",
                "three_public.total"; :mod:`budgetx.tables.measures`); empty when budgetx cannot name it
``entity``      the unit (单位) the row belongs to, by its printed code ("123001"), where a table lists
                several units; for an economic row listed under a function 项, that 项's code; else empty
``ocr_confidence``  for an amount read by OCR from a page image, the model's confidence in it
                ("0.9987", 0–1); empty for an amount read from a text layer or a text file

Empty cells are not amounts and get no row; "0.00" does.  Same encoding as
the CSV exporter: UTF-8 with a byte-order mark, ``\\n`` line ends; and, as
there, a text a spreadsheet would run as a formula gets a leading ``'``
unless ``raw`` (:mod:`budgetx.export.formulas`), an amount never.
"""

from __future__ import annotations

from decimal import Decimal

from budgetx.export.csv import csv_bytes
from budgetx.export.formulas import safe_text
from budgetx.model import Document, Table
from budgetx.normalize.amounts import format_amount
from budgetx.tidy import FIELDS as TIDY_FIELDS
from budgetx.tidy import LONG_FIELDS as FIELDS
from budgetx.tidy import Amount, amounts


def record(a: Amount, *, raw: bool = False) -> list[str]:
    """One amount as the long CSV's text cells (``raw``: formula-like text left as it is)."""
    out: list[str] = []
    for name in TIDY_FIELDS:
        v = getattr(a, name)
        if v is None:
            out.append("")
        elif isinstance(v, Decimal):
            out.append(format_amount(v))
        elif isinstance(v, str):
            out.append(safe_text(v, raw=raw))
        else:
            out.append(str(v))
    yuan = a.value_yuan
    out.append("" if yuan is None else format_amount(yuan))
    out.append(a.measure or "")
    out.append(a.entity or "")
    out.append("" if a.ocr_confidence is None else f"{a.ocr_confidence:.4f}")
    return out


def dumps(doc: Document, tables: list[Table], *, raw: bool = False) -> bytes:
    return csv_bytes([FIELDS, *(record(a, raw=raw) for a in amounts(doc, tables))])
