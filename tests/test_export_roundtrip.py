"""Property tests: every exporter writes any table it may be given, and reads back what it wrote.

Text cells hold anything a PDF may put there (commas, quotes, line breaks,
control characters, any script); amounts are any decimal with up to 15
significant digits.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetx.export import get
from budgetx.export.formulas import safe_cell, safe_text
from budgetx.export.xlsx import excel_text
from budgetx.model import Column, Document, DocumentInfo, Row, Source, Table
from tests.builders import make_doc

TYPES = ["code", "name", "amount", "text"]
text = st.text(max_size=30)
amount = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False
)


@st.composite
def tables(draw, index: int = 1) -> Table:
    columns = draw(
        st.lists(
            st.builds(Column, name=text, type=st.sampled_from(TYPES), block=st.integers(0, 2)), min_size=1, max_size=6
        )
    )
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        cells = [draw(st.none() | (amount if c.type == "amount" else text)) for c in columns]
        rows.append(Row(cells=cells, lineno=draw(st.integers(1, 10_000)), name=draw(st.none() | text)))
    return Table(
        index=index,
        title=draw(st.text(min_size=1, max_size=40)),
        kind="other",
        number=draw(st.none() | st.from_regex(r"表[0-9]{1,2}", fullmatch=True)),
        unit=draw(st.sampled_from([None, "万元", "元"])),
        columns=columns,
        rows=rows,
        note=draw(st.none() | text),
        fields=draw(st.dictionaries(st.text(min_size=1, max_size=8), text, max_size=3)),
    )


@st.composite
def documents(draw) -> Document:
    n = draw(st.integers(1, 4))
    return Document(
        source=Source(path=draw(st.text(min_size=1, max_size=20)), sha256="0" * 64, format="text"),
        info=DocumentInfo(title=draw(st.none() | text), department=draw(st.none() | text), year=2021, stage="预算"),
        tables=[draw(tables(index=i)) for i in range(1, n + 1)],
    )


def nl(s: str) -> str:
    """Line ends as CSV and XML readers give them back: a carriage return is a line feed."""
    return s.replace("\r\n", "\n").replace("\r", "\n")


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents())
def test_json_round_trips_exactly(doc):
    out = json.loads(get("json").dumps(doc, doc.tables), parse_float=Decimal)
    for t, jt in zip(doc.tables, out["tables"], strict=True):
        assert [r["cells"] for r in jt["rows"]] == [r.cells for r in t.rows]
        for r, jr in zip(t.rows, jt["rows"], strict=True):
            assert [str(c) for c in jr["cells"] if isinstance(c, Decimal)] == [
                format(c, "f") for c in r.cells if isinstance(c, Decimal)
            ]


@SETTINGS
@given(tables())
def test_csv_round_trips_every_cell(table):
    doc = make_doc(table)
    data = get("csv").dumps(doc, [table])
    got = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    keys = list(table.fields)
    assert got[0] == [nl(safe_text(k)) for k in keys] + [nl(safe_text(c.name)) for c in table.columns]
    body = [r[len(keys) :] for r in got[1:]]
    expected = [[nl(safe_cell(v)) for v in r.cells] for r in table.rows]
    if keys and not table.rows:
        expected = [[""] * len(table.columns)]
    assert body == expected


@SETTINGS
@given(documents())
def test_long_csv_has_a_row_per_amount(doc):
    data = get("long").dumps(doc, doc.tables)
    got = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    expected = [
        format(v, "f")
        for t in doc.tables
        for r in t.rows
        for c, v in zip(t.columns, r.cells, strict=True)
        if c.type == "amount" and isinstance(v, Decimal)
    ]
    assert [r["value"] for r in got] == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_xlsx_opens_and_holds_every_amount(doc):
    wb = openpyxl.load_workbook(io.BytesIO(get("xlsx").dumps(doc, doc.tables)))
    assert len(wb.sheetnames) == len(doc.tables) + 2
    for t, name in zip(doc.tables, wb.sheetnames[1:-1], strict=True):
        ws = wb[name]
        values = [
            c
            for row in ws.iter_rows(min_row=ws.freeze_panes and int(ws.freeze_panes[1:]), values_only=True)
            for c in row
        ]
        for r in t.rows:
            for v in r.cells:
                if isinstance(v, Decimal):
                    assert any(isinstance(x, (int, float)) and Decimal(str(x)) == v for x in values), v
                elif v:
                    cleaned = excel_text(v)  # a lone carriage return survives in the XML
                    assert not cleaned or cleaned in values or nl(cleaned) in values
