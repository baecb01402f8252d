"""Right-hand block items (``Row.items``): the 支出 side of a 收支总表 nested 类 › 款 › 项 by
indentation only, or by printed codes; their levels in PDF and text input, and the sums checked
over them."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal as D
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

import budgetx
from budgetx.export.json import dumps, row_dict
from budgetx.model import Item, Line, Table
from budgetx.normalize.annotate import annotate
from budgetx.readers.text import parse_lines, split_lines
from budgetx.tables.segment import segment
from budgetx.validate import run
from tests.builders import make_doc

FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: 湖州市财政局 2026 表01 p.17, the 支出 side as printed (indentation in pt from the cell's rule)
HUZHOU_SIDE = [
    ("一般公共服务支出", 1.9, "5356.01"),
    ("财政事务", 11.8, "5356.01"),
    ("行政运行", 21.6, "3685.65"),
    ("信息化建设", 21.6, "113.75"),
    ("事业运行", 21.6, "403.61"),
    ("其他财政事务支出", 21.6, "1153.00"),
    ("住房保障支出", 1.9, "420.07"),
    ("住房改革支出", 11.8, "420.07"),
    ("住房公积金", 21.6, "420.07"),
]


def _summary(side: list[tuple[str, float | None, str]], income: str = "5776.08", total: str = "5776.08") -> list[Line]:
    """A 收支总表 grid: 收入 lines on the left, the indented 支出 side on the right."""
    lines = [Line(page=17, lineno=0, text="表01"), Line(page=17, lineno=0, text="收支预算总表")]
    lines.append(Line(page=17, lineno=0, text="单位：万元"))
    lines.append(Line(page=17, lineno=1, cells=["项目", "预算数", "项目", "预算数"], grid=1))
    left = [("一、财政拨款", income), ("一般公共预算", income)]
    for k, (name, indent, amount) in enumerate(side):
        lname, lamount = left[k] if k < len(left) else ("", "")
        lines.append(
            Line(
                page=17,
                lineno=k + 2,
                cells=[lname, lamount, name, amount],
                grid=1,
                indents=(1.9 if k == 0 else 16.8 if lname else None, 70.0, indent, 60.0),
            )
        )
    n = len(side) + 2
    lines.append(Line(page=17, lineno=n, cells=["本年收入合计", income, "本年支出合计", total], grid=1))
    lines.append(
        Line(page=17, lineno=n + 1, cells=["", "", "年终结转结余", ""], grid=1, indents=(None, None, 1.9, None))
    )
    lines.append(Line(page=17, lineno=n + 2, cells=["收入总计", income, "支出总计", total], grid=1))
    return lines


def _items(lines: list[Line]) -> list[tuple[str | None, int | None, str | None]]:
    tables, _ = segment(lines)
    return _side_of(tables[0])


def _side_of(table: Table) -> list[tuple[str | None, int | None, str | None]]:
    """(name, level, code) of the 支出 side's items (block 1), top to bottom."""
    return [(it.name, it.level, it.code) for r in table.rows if (it := r.items.get(1))]


def _validated(lines: list[Line]) -> tuple[list, Counter[str]]:
    tables, _ = segment(lines)
    doc = annotate(make_doc(*tables))
    checks: Counter[str] = Counter()
    return run(doc, checks=checks), checks


# -- levels from indentation in a right-hand block ---------------------------------------------


def test_the_expenditure_side_indented_without_codes_gets_levels_and_the_catalogues_codes():
    assert _items(_summary(HUZHOU_SIDE)) == [
        ("一般公共服务支出", 1, "201"),
        ("财政事务", 2, "20106"),
        ("行政运行", 3, "2010601"),
        ("信息化建设", 3, "2010607"),
        ("事业运行", 3, "2010650"),
        ("其他财政事务支出", 3, "2010699"),
        ("住房保障支出", 1, "221"),
        ("住房改革支出", 2, "22102"),
        ("住房公积金", 3, "2210201"),
    ]


def test_the_lines_after_the_total_are_no_items_of_the_tree():
    tables, _ = segment(_summary(HUZHOU_SIDE))
    carried = next(r for r in tables[0].rows if r.cells[2] == "年终结转结余")
    assert carried.items == {}


def test_the_income_side_indented_as_a_list_gets_no_levels():
    tables, _ = segment(_summary(HUZHOU_SIDE))
    assert all(r.level is None and r.code is None for r in tables[0].rows)


def test_indentations_that_drift_rather_than_step_give_no_levels():
    drifting = [(name, 2.0 + 1.4 * k, amount) for k, (name, _, amount) in enumerate(HUZHOU_SIDE[:4])]
    assert _items(_summary(drifting)) == []


def test_a_known_subject_indented_at_a_level_it_never_has_gives_no_levels():
    # 住房改革支出 is a 款 (22102) only: printed flush with 住房保障支出, the indentation was lost
    lost = [("住房保障支出", 1.9, "420.07"), ("住房改革支出", 1.9, "420.07"), ("住房公积金", 11.8, "420.07")]
    assert _items(_summary(lost, "420.07", "420.07")) == []


def test_a_name_the_catalogue_cannot_place_keeps_its_level_without_a_code():
    side = [
        ("一般公共服务支出", 1.9, "100.00"),
        ("财政事务", 11.8, "100.00"),
        ("专项业务", 21.6, "60.00"),
        ("行政运行", 21.6, "40.00"),
    ]
    assert _items(_summary(side, "100.00", "100.00")) == [
        ("一般公共服务支出", 1, "201"),
        ("财政事务", 2, "20106"),
        ("专项业务", 3, None),
        ("行政运行", 3, "2010601"),
    ]


# -- the sums over them ---------------------------------------------------------------------


def test_the_expenditure_side_adds_up_by_its_levels():
    findings, checks = _validated(_summary(HUZHOU_SIDE))
    assert [f.message for f in findings if f.rule.startswith(("hierarchy", "block"))] == []
    assert checks["hierarchy.sum"] == 4  # 201, 20106, 221, 22102


def test_a_kuan_that_is_not_the_sum_of_its_xiang_is_an_error():
    side = [(n, x, "5300.00" if n == "财政事务" else a) for n, x, a in HUZHOU_SIDE]
    findings, _ = _validated(_summary(side))
    wrong = [f for f in findings if f.rule == "hierarchy.sum" and f.severity == "error"]
    assert [(f.code, f.row_name, f.actual, f.expected) for f in wrong] == [
        ("201", "一般公共服务支出", D("5356.01"), D("5300.00")),
        ("20106", "财政事务", D("5300.00"), D("5356.01")),
    ]


def test_items_without_codes_add_up_by_their_printed_nesting():
    side = [
        ("一般公共服务支出", 1.9, "100.00"),
        ("财政事务", 11.8, "100.00"),
        ("专项业务", 21.6, "50.00"),
        ("行政运行", 21.6, "40.00"),
    ]
    findings, checks = _validated(_summary(side, "100.00", "100.00"))
    wrong = [(f.rule, f.row_name, f.actual, f.expected) for f in findings if f.rule.startswith("hierarchy")]
    assert wrong == [("hierarchy.sum", "财政事务", D("100.00"), D("90.00"))]
    assert checks["hierarchy.sum"] == 2


def test_the_year_total_is_the_sum_of_the_lei_read_by_level():
    # 公路水路运输 is a 款 (21401) and a 项 (2149801): the catalogue alone cannot tell the 类 lines
    side = [
        ("交通运输支出", 1.9, "300.00"),
        ("公路水路运输", 11.8, "100.00"),
        ("行政运行", 21.6, "100.00"),
        ("超长期特别国债安排的支出", 11.8, "200.00"),
        ("公路水路运输", 21.6, "200.00"),
    ]
    findings, _ = _validated(_summary(side, "300.00", "290.00"))
    lines = [(f.row_name, f.actual, f.expected) for f in findings if f.rule == "block.lines"]
    assert ("本年支出合计", D("290.00"), D("300.00")) in lines


# -- printed codes in a right-hand block --------------------------------------------------------


def test_a_right_hand_block_that_prints_codes_keeps_them_with_their_level_and_parent():
    lines = [Line(page=5, lineno=0, text="基本支出决算表"), Line(page=5, lineno=0, text="单位：万元")]
    lines.append(
        Line(page=5, lineno=1, cells=["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"], grid=1)
    )
    for k, cells in enumerate(
        [
            ["301", "工资福利支出", "10.00", "302", "商品和服务支出", "6.00"],
            ["30101", "基本工资", "10.00", "30201", "办公费", "4.00"],
            ["", "", "", "30299", "其他商品和服务支出", "2.00"],
        ],
        start=2,
    ):
        lines.append(Line(page=5, lineno=k, cells=cells, grid=1))
    tables, _ = segment(lines)
    doc = annotate(make_doc(*tables))
    got = [
        (r.code, it.code, it.level, it.parent, it.standard_name) for r in doc.tables[0].rows if (it := r.items.get(1))
    ]
    assert got == [
        ("301", "302", 1, None, "商品和服务支出"),
        ("30101", "30201", 2, "302", "办公费"),
        (None, "30299", 2, "302", "其他商品和服务支出"),
    ]


# -- the JSON contract -------------------------------------------------------------------------


def test_items_are_written_by_block_and_follow_the_schema():
    tables, _ = segment(_summary(HUZHOU_SIDE))
    doc = annotate(make_doc(*tables))
    row = next(r for r in doc.tables[0].rows if r.cells[2] == "财政事务")
    assert row_dict(row)["items"] == [
        {"block": 1, "code": "20106", "name": "财政事务", "level": 2, "parent": "201", "standard_name": "财政事务"}
    ]
    schema = json.loads(files("budgetx").joinpath("data/document.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(dumps(doc, doc.tables)), schema)


def test_a_row_without_right_hand_items_writes_none():
    assert "items" not in row_dict(segment(_summary(HUZHOU_SIDE))[0][0].rows[-1])
    assert Item().level is None


# -- the page as printed: PDF and its layout text ----------------------------------------------


HUZHOU_TREE = [
    ("一般公共服务支出", 1, "201"),
    ("财政事务", 2, "20106"),
    ("行政运行", 3, "2010601"),
    ("信息化建设", 3, "2010607"),
    ("事业运行", 3, "2010650"),
    ("其他财政事务支出", 3, "2010699"),
    ("社会保障和就业支出", 1, "208"),
    ("行政事业单位养老支出", 2, "20805"),
    ("行政单位离退休", 3, "2080501"),
    ("机关事业单位基本养老保险缴费支出", 3, "2080505"),
    ("机关事业单位职业年金缴费支出", 3, "2080506"),
    ("卫生健康支出", 1, "210"),
    ("行政事业单位医疗", 2, "21011"),
    ("行政单位医疗", 3, "2101101"),
    ("事业单位医疗", 3, "2101102"),
    ("公务员医疗补助", 3, "2101103"),
    ("住房保障支出", 1, "221"),
    ("住房改革支出", 2, "22102"),
    ("住房公积金", 3, "2210201"),
]


def test_the_huzhou_page_read_from_the_pdf():
    """湖州市财政局 2026 表01 (p.17 of the corpus document, cut out): the 支出 side as the page shows it."""
    doc = budgetx.extract(FIXTURES / "pdf" / "indented_expenditure_side.pdf")
    assert _side_of(doc.tables[0]) == HUZHOU_TREE
    assert [f for f in doc.findings if f.rule.startswith(("hierarchy", "block"))] == []


def test_the_huzhou_page_read_from_its_layout_text():
    """The same page as ``pdftotext -layout`` prints it: one position per level.  The first 类 is set
    right after the figure before it ("6838.41 一般公共服务支出"), so its indentation is unknown: it
    gets no level, and 财政事务 under it no code (its parent is not read)."""
    doc = budgetx.extract(FIXTURES / "text" / "indented_expenditure_side.layout.txt")
    assert _side_of(doc.tables[0]) == [
        ("财政事务", 2, None),
        *[(n, lv, None) for n, lv, _ in HUZHOU_TREE[2:6]],
        *HUZHOU_TREE[6:],
    ]
    assert [f for f in doc.findings if f.severity == "error"] == []


def test_leading_spaces_of_tab_separated_text_are_indentation():
    text = "\n".join(
        [
            "表01 收支总表",
            "单位：万元",
            "项目\t预算数\t项目\t预算数",
            "一、财政拨款\t420.07\t住房保障支出\t420.07",
            "\t\t  住房改革支出\t420.07",
            "\t\t    住房公积金\t420.07",
            "收入总计\t420.07\t支出总计\t420.07",
        ]
    )
    tables, _ = segment(parse_lines(split_lines(text)))
    assert [(it.name, it.level, it.code) for r in tables[0].rows if (it := r.items.get(1))] == [
        ("住房保障支出", 1, "221"),
        ("住房改革支出", 2, "22102"),
        ("住房公积金", 3, "2210201"),
    ]


@pytest.mark.parametrize("sample", sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt")))
def test_the_sample_text_prints_codes_and_gets_no_levels_from_indentation(sample):
    doc = budgetx.extract(sample)
    assert all(r.code for t in doc.tables for r in t.rows if r.level)
    assert not any(r.items for t in doc.tables for r in t.rows)


def test_a_sentence_opening_with_digits_in_a_right_hand_block_is_no_coded_item():
    """湖州市卫生健康委员会 2026 表11 p.48: a 绩效目标 beside the project starts "202·年打造…" (2026
    garbled): no code 202 外交支出."""
    lines = [Line(page=48, lineno=0, text="项目支出绩效表"), Line(page=48, lineno=0, text="单位：万元")]
    lines.append(Line(page=48, lineno=1, cells=["项目名称", "金额", "项目总体绩效目标"], grid=1))
    lines.append(
        Line(page=48, lineno=2, cells=["示范项目", "12.00", "202·年打造长三角市域医学高地，共建重点学科。"], grid=1)
    )
    lines.append(Line(page=48, lineno=3, cells=["30201 办公费", "2.00", "30201 办公费"], grid=1))
    tables, _ = segment(lines)
    assert [r.items for r in tables[0].rows] == [{}, {1: Item(code="30201", name="办公费")}]
