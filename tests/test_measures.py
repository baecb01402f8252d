"""Measures: what each amount is, the same across regions and templates (``budgetx.tables.measures``).

The corpus test checks ``three_public.total`` against the 三公 totals printed in
14 documents, read by hand from ``pdftotext -layout`` of their pages
(``tests/fixtures/three_public_totals.json``): in Jiangsu's tables the 合计 beside
it also holds 会议费 and 培训费 and must never be taken for it.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import budgetx
from budgetx.model import Row
from budgetx.tables.measures import MEASURES, table_measures
from budgetx.tables.roles import assign_roles
from budgetx.tidy import amounts
from tests.builders import make_doc, make_table
from tests.conftest import FIXTURES

D = Decimal
JIANGSU_HEADER = [
    "合计",
    "“三公”经费 / 小计",
    "“三公”经费 / 因公出国（境）费",
    "“三公”经费 / 公务用车购置及运行维护费 / 小计",
    "“三公”经费 / 公务用车购置及运行维护费 / 公务用车购置费",
    "“三公”经费 / 公务用车购置及运行维护费 / 公务用车运行维护费",
    "“三公”经费 / 公务接待费",
    "会议费",
    "培训费",
]


def _measures(title, kind, names, cells, *, stage="预算", year=2026, row_names=None):
    table = make_table(title, kind, [(n, "amount") for n in names])
    assign_roles(table.columns)
    for i, row in enumerate(cells):
        table.rows.append(Row(cells=list(row), name=(row_names or [None] * len(cells))[i]))
    doc = make_doc(table)
    doc.info.stage, doc.info.year = stage, year
    return [(a.name, a.column, a.measure) for a in amounts(doc)]


def test_jiangsu_total_of_three_public_meetings_and_training_is_no_three_public_total():
    got = _measures(
        "“三公”经费、会议费、培训费支出预算表",
        "three_public",
        JIANGSU_HEADER,
        [[D("1276.7"), D("418.26"), D("80"), D("237"), None, D("237"), D("101.26"), D("158.44"), D("700")]],
    )
    assert [m for _, _, m in got] == [
        None,  # 合计 = 三公 + 会议费 + 培训费
        "three_public.total",
        "three_public.outbound",
        "three_public.vehicle",
        "three_public.vehicle_operation",
        "three_public.reception",
        "meetings",
        "training",
    ]


def test_three_public_total_beside_meetings_and_training():
    names = ["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行维护费 / 小计", "公务接待费", "会议费", "培训费"]
    got = _measures("一般公共预算“三公”经费、会议费、培训费支出表", "three_public", names, [[D(1)] * 6])
    assert [m for _, _, m in got] == [
        "three_public.total",
        "three_public.outbound",
        "three_public.vehicle",
        "three_public.reception",
        "meetings",
        "training",
    ]


def test_three_public_printed_as_rows():
    rows = [[D("10")], [D("4")], [D("6")], [D("2")], [D("12")]]
    got = _measures(
        "“三公”经费支出表",
        "three_public",
        ["预算数"],
        rows,
        row_names=["合计", "因公出国（境）费", "公务接待费", "会议费", "培训费"],
    )
    # 合计 with 会议费 and 培训费 among the rows is no 三公 total
    assert [m for _, _, m in got] == [None, "three_public.outbound", "three_public.reception", "meetings", "training"]
    got = _measures(
        "“三公”经费支出表", "three_public", ["预算数"], rows[:3], row_names=["合计", "因公出国（境）费", "公务接待费"]
    )
    assert [m for _, _, m in got] == ["three_public.total", "three_public.outbound", "three_public.reception"]


def test_figures_other_than_the_documents_own_get_no_measure():
    names = ["2025年预算数 / 合计", "2025年预算数 / 公务接待费", "2026年预算数 / 合计", "2026年预算数 / 公务接待费"]
    got = _measures("一般公共预算“三公”经费支出情况表", "three_public", names, [[D(1)] * 4], year=2026)
    assert [m for _, _, m in got] == [None, None, "three_public.total", "three_public.reception"]
    names = ["财政拨款“三公”经费 / 合计 / 预算数", "财政拨款“三公”经费 / 合计 / 决算数"]
    got = _measures("财政拨款“三公”经费支出决算表", "three_public", names, [[D(1), D(2)]], stage="决算", year=2024)
    assert [m for _, _, m in got] == [None, "three_public.total"]


def test_unknown_header_is_never_guessed():
    names = ["合计", "基本支出", "项目支出", "单位预留机动经费"]
    got = _measures("部门支出总表", "expenditure", names, [[D(4), D(1), D(2), D(1)]])
    assert [m for _, _, m in got] == ["expenditure.total", "expenditure.basic", "expenditure.project", None]


def test_function_table_measures_and_parts():
    names = ["合计", "基本支出 / 小计", "基本支出 / 人员经费", "基本支出 / 公用经费", "项目支出"]
    got = _measures("一般公共预算支出表", "general_function", names, [[D(5), D(3), D(2), D(1), D(2)]])
    assert [m for _, _, m in got] == [
        "expenditure.total",
        "expenditure.basic",
        "expenditure.personnel",
        "expenditure.public",
        "expenditure.project",
    ]


def test_summary_rows_name_their_measure():
    table = make_table(
        "财政拨款收支总表",
        "fiscal_summary",
        [("项目", "name", 0), ("预算数", "amount", 0), ("项目", "name", 1), ("预算数", "amount", 1)],
    )
    assign_roles(table.columns)
    for left, right in [
        ("一、一般公共预算拨款", "一般公共服务支出"),
        ("二、政府性基金预算拨款", "本年支出合计"),
        ("本年收入合计", "结转下年"),
        ("上年结转", "支出总计"),
        ("收入总计", None),
        ("用事业基金弥补收支差额", None),
    ]:
        table.rows.append(Row(cells=[left, D(1), right, D(1) if right else None], name=left))
    doc = make_doc(table)
    got = [(a.name, a.measure) for a in amounts(doc)]
    assert got == [
        ("一、一般公共预算拨款", "revenue.general_budget"),
        ("一般公共服务支出", "expenditure.total"),
        ("二、政府性基金预算拨款", "revenue.government_fund"),
        ("本年支出合计", "expenditure.total"),
        ("本年收入合计", "revenue.total"),
        ("结转下年", "expenditure.carryforward"),
        ("上年结转", "revenue.carryover"),
        ("支出总计", "expenditure.grand_total"),
        ("收入总计", "revenue.grand_total"),
        ("用事业基金弥补收支差额", None),  # a revenue line budgetx does not know: no guess
    ]


def test_sample_measures(sample_doc):
    by_table = {}
    for a in amounts(sample_doc):
        by_table.setdefault(a.number, []).append(a)
    three = {a.measure: a.value for a in by_table["表4"]}
    assert three == {"three_public.total": D("3.5"), "three_public.reception": D("3.5")}
    assert {a.measure for a in by_table["表2"]} == {"expenditure.total", "expenditure.basic", "expenditure.project"}
    total = [a for a in by_table["表2"] if a.measure == "expenditure.total" and a.code is None]
    assert [a.value for a in total] == [D("426.37")]


def test_every_measure_given_is_listed():
    listed = {m.name for m in MEASURES}
    assert len(listed) == len(MEASURES)
    table = make_table("x", "three_public", [(n, "amount") for n in JIANGSU_HEADER])
    assign_roles(table.columns)
    assert {m for m in table_measures(table).columns if m} <= listed


def _fixture():
    return json.loads((FIXTURES / "three_public_totals.json").read_text(encoding="utf-8"))["documents"]


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("case", _fixture(), ids=lambda c: c["file"].rsplit("/", 1)[-1])
def test_three_public_total_is_the_printed_figure(corpus, case):
    doc = budgetx.extract(corpus / case["file"])
    found = [
        a for a in amounts(doc) if a.measure == "three_public.total" and a.code is None and a.name in (None, "合计")
    ]
    assert [(a.value, a.page, a.unit) for a in found] == [
        (Decimal(case["three_public_total"]), case["page"], case["unit"])
    ]
    if "not" in case:
        wrong = Decimal(case["not"].replace(",", ""))
        assert all(a.value != wrong for a in amounts(doc) if a.measure == "three_public.total")


def test_readme_lists_every_measure():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Measures") :]
    for m in MEASURES:
        assert f"| `{m.name}` |" in section, m.name
