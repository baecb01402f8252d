"""The long (tidy) CSV: one row per amount, checked against the sample's own text.

``tests/golden/sample.long.csv`` was written by the exporter; the tests below
check every one of its values against the printed line it names, without
using budgetx's parser: the value must be the cell at its column's position
on that line, the item it is tied to must be the nearest text cell on its
left (its own block's item), and every amount printed on a table line must
have its golden row.  Regenerate with

    budgetx extract samples/重庆市潼南区大数据应用发展管理局2021年部门预算.txt -f long -o tests/golden/sample.long.csv

and review the diff.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

from budgetx.export.long import FIELDS, dumps

HERE = Path(__file__).resolve().parent
SAMPLE_TXT = HERE.parent / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"
GOLDEN_LONG = HERE / "golden" / "sample.long.csv"
AMOUNT = re.compile(r"^\d[\d,]*\.\d+$")  # every amount of the sample has a decimal point; codes have none


def read_long(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def sample_lines() -> list[list[str]]:
    return [line.split("\t") for line in SAMPLE_TXT.read_text(encoding="utf-8").splitlines()]


def test_exporter_output_equals_the_golden_file(sample_doc):
    assert dumps(sample_doc, sample_doc.tables) == GOLDEN_LONG.read_bytes()


def test_header_and_row_count():
    rows = read_long(GOLDEN_LONG.read_bytes())
    assert list(rows[0]) == FIELDS
    assert FIELDS[:14] == [
        "table", "number", "title", "kind", "row", "block", "code", "name", "level", "column", "value", "unit", "page", "line",
    ]  # fmt: skip
    assert len(rows) == 203
    per_table = {}
    for r in rows:
        per_table[r["number"]] = per_table.get(r["number"], 0) + 1
    assert per_table == {"表1": 21, "表2": 41, "表3": 51, "表4": 2, "表6": 9, "表7": 38, "表8": 41}


def test_every_golden_value_is_printed_on_its_line_in_its_column(sample_doc):
    lines = sample_lines()
    columns = {t.index: [c.name for c in t.columns] for t in sample_doc.tables}
    for r in read_long(GOLDEN_LONG.read_bytes()):
        cells = lines[int(r["line"]) - 1]
        j = columns[int(r["table"])].index(r["column"])
        assert len(cells) == len(columns[int(r["table"])]), r
        assert cells[j].strip() == r["value"], (r, cells)
        # the item: the nearest text cell on the value's left, on the value's own side
        k = j - 1
        while k >= 0 and (not cells[k].strip() or AMOUNT.match(cells[k].strip())):
            k -= 1
        assert k >= 0 or r["name"] == "", r
        if k >= 0:
            printed = cells[k].strip()
            if r["name"]:
                assert printed.rstrip("：:") == r["name"], (r, cells)
            if r["code"]:
                assert cells[k - 1].strip() == r["code"] or printed == r["code"], (r, cells)
        assert r["unit"] == "万元"
        assert Decimal(r["value_yuan"]) == Decimal(r["value"]) * 10000


def test_every_printed_amount_of_a_table_line_has_its_golden_row(sample_doc):
    lines = sample_lines()
    golden = {(int(r["line"]), r["column"]): r["value"] for r in read_long(GOLDEN_LONG.read_bytes())}
    checked = 0
    for t in sample_doc.tables:
        for row in t.rows:
            cells = lines[row.lineno - 1]
            for j, cell in enumerate(cells):
                if AMOUNT.match(cell.strip()):
                    assert golden.get((row.lineno, t.columns[j].name)) == cell.strip(), (t.number, row.lineno, cell)
                    checked += 1
    assert checked == 203


def test_two_block_tables_tie_each_amount_to_its_own_side():
    rows = read_long(GOLDEN_LONG.read_bytes())
    t1 = [r for r in rows if r["number"] == "表1"]
    # line 92: 一般公共预算拨款 | 426.37 | 社会保障和就业支出 | 18.81 | 18.81 | |
    line92 = [(r["block"], r["name"], r["column"], r["value"]) for r in t1 if r["line"] == "92"]
    assert line92 == [
        ("0", "一般公共预算拨款", "收入 / 预算数", "426.37"),
        ("1", "社会保障和就业支出", "支出 / 合计", "18.81"),
        ("1", "社会保障和就业支出", "支出 / 一般公共预算财政拨款", "18.81"),
    ]
    # every 支出 amount carries a 支出 item, never a 收入 one
    income_items = {r["name"] for r in t1 if r["block"] == "0"}
    spending = [r for r in t1 if r["column"].startswith("支出")]
    assert spending and all(r["block"] == "1" and r["name"] not in income_items for r in spending)
    # line 99 prints only the right-hand block: 二、结转下年 with four 0.00
    assert {(r["name"], r["value"]) for r in t1 if r["line"] == "99"} == {("二、结转下年", "0.00")}
    t6 = [r for r in rows if r["number"] == "表6"]
    assert [(r["block"], r["name"], r["value"]) for r in t6 if r["line"] == "203"] == [
        ("0", "一般公共预算拨款收入", "426.37"),
        ("1", "社会保障和就业支出", "18.81"),
    ]
    assert [(r["name"], r["value"]) for r in t6 if r["block"] == "1"] == [
        ("社会保障和就业支出", "18.81"),
        ("卫生健康支出", "11.00"),
        ("资源勘探工业信息等支出", "387.16"),
        ("住房保障支出", "9.40"),
        ("本年支出合计", "426.37"),
        ("支出总计", "426.37"),
    ]


def test_codes_and_levels_of_a_function_table():
    rows = read_long(GOLDEN_LONG.read_bytes())
    r = next(r for r in rows if r["code"] == "2080505" and r["number"] == "表2" and r["column"].endswith("小计"))
    assert (r["name"], r["level"], r["value"], r["line"]) == ("机关事业单位基本养老", "3", "12.54", "113")
    assert {r["level"] for r in rows if r["code"]} <= {"1", "2", "3"}
    assert all(len(r["code"]) in (3, 5, 7) for r in rows if r["code"])


def test_empty_cells_give_no_row_and_zero_does(sample_doc):
    rows = read_long(dumps(sample_doc, [sample_doc.tables[4]]))
    assert rows == []  # 表5: an empty table with its note
    rows = read_long(dumps(sample_doc, [sample_doc.tables[3]]))  # 表4: 3.5 | | | | | 3.5
    assert [(r["column"], r["value"]) for r in rows] == [
        ("2021 年预算数 / 合计", "3.5"),
        ("2021 年预算数 / 公务接待费", "3.5"),
    ]
