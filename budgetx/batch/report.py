"""``report.html`` beside a batch's dataset: every document's counts, and its findings of warning or worse.

Built from the dataset (``budget.sqlite``), so it covers every document the
folder holds, this run's and earlier runs'; written atomically.  It has no
crops of the pages (``budgetx validate --report`` draws them): the dataset
keeps no page images, and a batch stays as cheap as its extraction.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budgetx.batch.dataset import Dataset
from budgetx.export.atomic import write_atomic
from budgetx.model import Finding
from budgetx.render.report import Checked, report_page

REPORT = "report.html"


def _number(text: object) -> Decimal | None:
    return None if text is None else Decimal(str(text))


def checked(dataset: Dataset) -> list[Checked]:
    """The documents of ``dataset`` with their findings of warning or worse, in file order."""
    out: dict[str, Checked] = {}
    for sha, file, status, reason, department, year, stage in dataset.conn.execute(
        "SELECT sha256, file, status, reason, department, year, stage FROM documents ORDER BY file"
    ):
        title = " · ".join(str(x) for x in (department, year, stage) if x)
        out[sha] = Checked(file, title=title, error=reason if status != "ok" else None)
    for row in dataset.conn.execute(
        "SELECT document, rule, severity, message, message_en, table_index, table_title, code, row_name,"
        " column_name, page, line, expected, actual, difference FROM findings ORDER BY document, seq"
    ):
        c = out.get(row[0])
        if c is None:
            continue
        c.findings.append(
            Finding(
                rule=row[1],
                severity=row[2],
                message=row[3],
                message_en=row[4],
                table=row[5],
                table_title=row[6],
                code=row[7],
                row_name=row[8],
                column=row[9],
                page=row[10],
                line=row[11],
                expected=_number(row[12]),
                actual=_number(row[13]),
                difference=_number(row[14]),
            )
        )
    return list(out.values())


def write_report(dataset: Dataset, outdir: Path) -> Path:
    """Write ``outdir/report.html`` from ``dataset``; the path written."""
    docs = checked(dataset)
    path = outdir / REPORT
    html = report_page(docs, title="budgetx batch report", least="warning")
    write_atomic(path, html.encode("utf-8"))
    return path
