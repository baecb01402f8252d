"""Text a spreadsheet would run as a formula: CSV marks it with a leading ', Excel writes it as a string cell.

The fixture ``hostile_cells.txt`` is a small budget table whose names start
with ``=``, ``+``, ``@`` and ``-`` (and a negative amount, -12.50, which is a
number and must stay one); its sums disagree, so the Findings sheet names the
hostile rows too.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from budgetx.cli.app import app
from budgetx.export.formulas import MARK, TRIGGERS, is_formula_like, safe_cell, safe_text
from budgetx.export.xlsx import put

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "text" / "hostile_cells.txt"
NAMES = ["+1", '=HYPERLINK("http://x")', "@SUM(A1)", "-cmd"]


def run(*args: str) -> str:
    r = CliRunner().invoke(app, ["extract", str(HOSTILE), "-q", *args])
    assert r.exit_code == 0, r.stderr
    return r.stdout


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def name_cells(rows: list[list[str]], column: str) -> list[str]:
    j = rows[0].index(column)
    return [r[j] for r in rows[1:]]


def test_csv_marks_formula_like_names_but_not_negative_amounts():
    rows = read_csv(run("-f", "csv"))
    assert name_cells(rows, "功能分类科目 / 科目名称")[1:] == [MARK + n for n in NAMES]
    assert "-12.50" in name_cells(rows, "2021年预算数 / 小计"), "an amount is a number, never marked"
    assert not any(c.startswith(TRIGGERS) for r in rows for c in r if c != "-12.50")


def test_a_csv_directory_is_marked_too(tmp_path):
    run("-o", str(tmp_path / "tables"))
    (file,) = (tmp_path / "tables").glob("[0-9]*.csv")  # beside it: its sidecar, tables.csv and its sidecar
    rows = read_csv(file.read_text(encoding="utf-8"))
    assert name_cells(rows, "功能分类科目 / 科目名称")[1:] == [MARK + n for n in NAMES]


def test_long_csv_marks_names_but_not_values():
    rows = read_csv(run("-f", "long"))
    names = set(name_cells(rows, "name"))
    assert {MARK + n for n in NAMES} <= names
    assert "-12.50" in name_cells(rows, "value")
    assert "-125000.00" in name_cells(rows, "value_yuan")


@pytest.mark.parametrize("fmt", ["csv", "long"])
def test_raw_writes_the_text_as_printed(fmt):
    rows = read_csv(run("-f", fmt, "--raw"))
    column = "name" if fmt == "long" else "功能分类科目 / 科目名称"
    assert set(NAMES) <= set(name_cells(rows, column))
    assert not any(c.startswith(MARK) for r in rows for c in r)


@pytest.mark.parametrize("raw", [[], ["--raw"]])
def test_xlsx_has_no_formula_cell_anywhere(tmp_path, raw):
    target = tmp_path / "doc.xlsx"
    run("-o", str(target), *raw)
    wb = load_workbook(target)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert set(NAMES) <= texts, "the text is kept as printed, without a mark"
    findings = wb["Findings"]
    rows = [c.value for c in next(findings.iter_cols(min_col=8, max_col=8))]
    assert rows[0] == "row" and '=HYPERLINK("http://x")' in rows
    amounts = [c.value for c in cells if c.data_type == "n"]
    assert -12.5 in amounts, "a negative amount stays a number"


def test_xlsx_writes_error_words_as_text():
    ws = Workbook().active
    assert put(ws, 1, 1, "#N/A").data_type == "s"
    assert put(ws, 1, 2, "=1+1").data_type == "s"


def test_amounts_are_never_marked():
    assert safe_cell(Decimal("-12.50")) == "-12.50"
    assert safe_cell(None) == ""
    assert safe_cell("-12.50") == "'-12.50", "text is text, even when it looks like a number"


@given(st.text(max_size=30))
def test_marked_text_never_reads_as_a_formula_and_keeps_the_text(text):
    out = safe_text(text)
    assert not is_formula_like(out)
    assert out == text or (is_formula_like(text) and out == MARK + text)
    assert safe_text(text, raw=True) == text
