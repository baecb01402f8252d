"""The validation report as one self-contained HTML page (``budgetx validate --report``).

A summary, a line a document with its counts by severity; then every finding
of every document: its message, the printed and the expected figure and their
difference, where it is (table, page, row, column), and, for a PDF, a crop of
the page around it with its cells framed (:func:`crops`).  Crops are made for
findings of a given severity or worse, at most so many a document, each page
rendered once: a report of a whole batch stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from budgetx.model import Box, Document, Finding, Severity
from budgetx.render.html import amount, data_uri, document, finding_line, legend, title_of
from budgetx.render.marks import Mark, around
from budgetx.render.overlay import draw
from budgetx.render.page import PageImages
from budgetx.render.show import png

_RANK = {"error": 0, "warning": 1, "info": 2}
#: how much of the page a crop shows above and below the finding's cells, and beside them, in points
MARGIN_Y = 36.0
MARGIN_X = 24.0
#: the tallest span of cells a crop shows, in points (about 12 rows of a table): a finding whose cells
#: spread further is cropped around its own figure
MAX_HEIGHT = 240.0
#: the most crops a document gets in a report
MAX_CROPS = 60


@dataclass
class Checked:
    """One document's result, as the report shows it."""

    path: str
    doc: Document | None = None
    #: what the document is (department · year · stage); the document's own when not given
    title: str | None = None
    findings: list[Finding] = field(default_factory=list)
    #: why the document could not be checked, when it could not
    error: str | None = None
    #: PNG crops of the page around findings, by the finding's position in ``findings``
    crops: dict[int, bytes] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def crops(
    doc: Document,
    findings: Sequence[Finding],
    pdf: PageImages,
    *,
    least: Severity = "warning",
    limit: int = MAX_CROPS,
) -> dict[int, bytes]:
    """PNG crops around the findings of severity ``least`` or worse that know their cells, at most ``limit``.

    A crop spans the finding's table across the page (or its cells, with a
    margin), from a little above its cells to a little below; it frames the
    cells.  Each page is rendered once.
    """
    wanted = [(k, f) for k, f in enumerate(findings) if f.cells and _RANK[f.severity] <= _RANK[least]][:limit]
    by_page: dict[int, list[tuple[int, Finding]]] = {}
    for k, f in wanted:
        by_page.setdefault(f.cells[0][0], []).append((k, f))
    tables = {t.index: t for t in doc.tables}
    out: dict[int, bytes] = {}
    for page in sorted(by_page):
        if not 1 <= page <= len(pdf):
            continue
        image = pdf.image(page)
        width, height = image.size[0] / pdf.scale, image.size[1] / pdf.scale
        for k, f in by_page[page]:
            boxes = [b for p, b in f.cells if p == page]
            region = around(boxes)
            assert region is not None
            if region[3] - region[1] > MAX_HEIGHT:
                # parts far from the figure (a total over a long table): the window around the figure
                first = boxes[0]
                middle = (first[1] + first[3]) / 2
                window = (middle - MAX_HEIGHT / 2, middle + MAX_HEIGHT / 2)
                boxes = [boxes[0], *(b for b in boxes[1:] if b[1] >= window[0] and b[3] <= window[1])]
                region = around(boxes)
                assert region is not None
            table = tables.get(f.table) if f.table is not None else None
            frame = table.boxes.get(page) if table is not None else None
            x0, x1 = (frame[0], frame[2]) if frame else (region[0], region[2])
            box: Box = (
                max(0.0, min(x0, region[0]) - MARGIN_X),
                max(0.0, region[1] - MARGIN_Y),
                min(width, max(x1, region[2]) + MARGIN_X),
                min(height, region[3] + MARGIN_Y),
            )
            s = pdf.scale
            piece = image.crop((round(box[0] * s), round(box[1] * s), round(box[2] * s), round(box[3] * s)))
            marks = [
                Mark(page, _shift(b, box), "finding" if n == 0 else "part", f.severity) for n, b in enumerate(boxes)
            ]
            out[k] = png(draw(piece, marks, s))
    return out


def _shift(b: Box, origin: Box) -> Box:
    return (b[0] - origin[0], b[1] - origin[1], b[2] - origin[0], b[3] - origin[1])


def report_page(
    checked: Sequence[Checked], title: str = "budgetx validation report", *, least: Severity = "info"
) -> str:
    """The report of ``checked`` documents as one HTML page; the findings listed are those of
    severity ``least`` or worse (the summary counts them all)."""
    body = [f"<h1>{escape(title)}</h1>", _summary(checked)]
    if any(c.crops for c in checked):
        body.append(legend(tables=False))
    for n, c in enumerate(checked, 1):
        body.append(f'<section id="d{n}"><h2>{escape(c.path)}</h2>')
        if c.error is not None:
            body.append(f'<p class="failed">not checked: {escape(c.error)}</p></section>')
            continue
        if _title(c):
            body.append(f'<p class="meta">{escape(_title(c))}</p>')
        if not c.findings:
            body.append('<p class="ok">no findings</p>')
        listed = [(k, f) for k, f in enumerate(c.findings) if _RANK[f.severity] <= _RANK[least]]
        for k, f in listed:
            body.append(_finding(c, k, f))
        if len(listed) < len(c.findings):
            left = len(c.findings) - len(listed)
            body.append(
                f'<p class="meta">{left} finding{"" if left == 1 else "s"} less severe than {least} not listed</p>'
            )
        body.append("</section>")
    return document(title, body)


def _summary(checked: Sequence[Checked]) -> str:
    rows = []
    for n, c in enumerate(checked, 1):
        if c.error is not None:
            verdict, counts = '<span class="failed">not read</span>', ["", "", ""]
        else:
            errors = c.count("error")
            verdict = '<span class="failed">FAILED</span>' if errors else '<span class="ok">OK</span>'
            counts = [str(errors), str(c.count("warning")), str(c.count("info"))]
        name = _title(c)
        cells = "".join(f'<td class="num">{x}</td>' for x in counts)
        rows.append(
            f'<tr><td><a href="#d{n}">{escape(c.path)}</a></td><td>{escape(name)}</td>{cells}<td>{verdict}</td></tr>'
        )
    total = [sum(c.count(s) for c in checked if c.error is None) for s in ("error", "warning", "info")]
    foot = "".join(f'<td class="num">{x}</td>' for x in total)
    return (
        '<table class="grid"><thead><tr><th>file</th><th>document</th><th class="num">errors</th>'
        '<th class="num">warnings</th><th class="num">info</th><th></th></tr></thead><tbody>'
        + "".join(rows)
        + f"</tbody><tfoot><tr><th>{len(checked)} document{'' if len(checked) == 1 else 's'}</th><th></th>{foot}"
        "<th></th></tr></tfoot></table>"
    )


def _title(c: Checked) -> str:
    if c.title is not None:
        return c.title
    return title_of(c.doc) if c.doc is not None else ""


def _finding(c: Checked, k: int, f: Finding) -> str:
    where = []
    if f.table is not None:
        where.append(escape(_table_label(c.doc, f)))
    if f.page is not None:
        where.append(f"p.{f.page}")
    elif f.line is not None:
        where.append(f"line {f.line}")
    row = " ".join(x for x in (f.code, f.row_name) if x)
    if row:
        where.append(escape(row))
    if f.column:
        where.append(f"[{escape(f.column)}]")
    parts = [f'<div class="finding {f.severity}">', finding_line(f)]
    if where:
        parts.append(f'<div class="meta">{" · ".join(where)}</div>')
    if f.actual is not None or f.expected is not None:
        parts.append(
            '<table class="figures"><tr>'
            f'<td>printed <b class="v">{amount(f.actual)}</b></td>'
            f'<td>expected <b class="v">{amount(f.expected)}</b></td>'
            f'<td>difference <b class="v">{amount(f.difference)}</b></td></tr></table>'
        )
    crop = c.crops.get(k)
    if crop is not None:
        parts.append(f'<div class="crop"><img alt="page {f.cells[0][0]}" src="{data_uri(crop)}"></div>')
    parts.append("</div>")
    return "".join(parts)


def _table_label(doc: Document | None, f: Finding) -> str:
    if doc is not None:
        for t in doc.tables:
            if t.index == f.table:
                return " ".join(x for x in (t.number, t.title) if x) or f"#{t.index}"
    return f.table_title or f"#{f.table}"
