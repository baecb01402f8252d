"""Validation rules: the sample is clean, and altering one printed figure makes the right rule fire.

Each test writes an altered copy of the sample text (one figure changed on one
line) and asserts the exact finding: rule, severity, table, row, column, line,
expected, actual and difference.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import budgetx
from budgetx.model import Document, Finding, Row
from budgetx.validate import run
from budgetx.validate.base import Context, Figure, Place
from tests.builders import make_doc, make_table

SAMPLE_TXT = Path(__file__).resolve().parent.parent / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"

D = Decimal


def altered(tmp_path: Path, *changes: tuple[int, str, str]) -> Document:
    """The sample with ``old`` replaced by ``new`` on each given (1-based) line, extracted."""
    lines = SAMPLE_TXT.read_text(encoding="utf-8").split("\n")
    for lineno, old, new in changes:
        assert old in lines[lineno - 1], f"line {lineno} does not hold {old!r}: {lines[lineno - 1]!r}"
        lines[lineno - 1] = lines[lineno - 1].replace(old, new, 1)
    path = tmp_path / "altered.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return budgetx.extract(path)


def problems(doc: Document) -> list[Finding]:
    return [f for f in doc.findings if f.severity != "info"]


def one(findings: list[Finding], rule: str, **where: object) -> Finding:
    """The single finding of ``rule`` matching ``where``."""
    hits = [f for f in findings if f.rule == rule and all(getattr(f, k) == v for k, v in where.items())]
    assert len(hits) == 1, f"{rule} {where}: {[(f.rule, f.table, f.code, f.row_name, f.column) for f in findings]}"
    return hits[0]


def test_sample_has_no_errors_or_warnings(sample_doc):
    assert problems(sample_doc) == []


def test_sample_infos_are_only_shortened_names(sample_doc):
    assert all(f.rule == "name.shortened" for f in sample_doc.findings)


# -- hierarchy ---------------------------------------------------------------


def test_a_cent_off_in_a_xiang_is_a_warning(tmp_path):
    # 表2 2080505 机关事业单位基本养老: 小计 12.54 → 12.55 (基本支出 left at 12.54)
    doc = altered(tmp_path, (113, "12.54\t12.54", "12.55\t12.54"))
    found = problems(doc)
    f = one(found, "hierarchy.sum", table=2, code="20805", column="2021年预算数 / 小计")
    assert (f.severity, f.line, f.page) == ("warning", 112, None)
    assert (f.expected, f.actual, f.difference) == (D("18.82"), D("18.81"), D("-0.01"))
    assert f.table_title == "重庆市潼南区大数据应用发展管理局一般公共预算财政拨款支出预算表"
    g = one(found, "row.subtotal", table=2, code="2080505")
    assert (g.severity, g.line, g.column) == ("warning", 113, "2021年预算数 / 小计")
    assert (g.expected, g.actual, g.difference) == (D("12.54"), D("12.55"), D("0.01"))
    assert g.row_name == "机关事业单位基本养老"
    assert len(found) == 2


def test_a_wrong_xiang_is_an_error_in_every_column(tmp_path):
    doc = altered(tmp_path, (113, "12.54\t12.54", "12.64\t12.64"))
    found = problems(doc)
    for column in ("2021年预算数 / 小计", "2021年预算数 / 基本支出"):
        f = one(found, "hierarchy.sum", table=2, code="20805", column=column)
        assert (f.severity, f.expected, f.actual, f.difference) == ("error", D("18.91"), D("18.81"), D("-0.10"))
    assert {f.rule for f in found} == {"hierarchy.sum"}


def test_a_wrong_grand_total(tmp_path):
    # 表3 合计 223.37 → 223.47: the 类 rows, 人员+公用 and 表2's 基本支出 all disagree
    doc = altered(tmp_path, (138, "223.37", "223.47"))
    found = problems(doc)
    f = one(found, "hierarchy.total", table=3, row_name="合计")
    assert (f.severity, f.column, f.line) == ("error", "2021 年基本支出 / 合计", 138)
    assert (f.expected, f.actual, f.difference) == (D("223.37"), D("223.47"), D("0.10"))
    g = one(found, "row.personnel", table=3, row_name="合计")
    assert (g.expected, g.actual, g.column) == (D("223.37"), D("223.47"), "2021 年基本支出 / 合计")
    h = one(found, "cross.basic_vs_economic", table=2)
    assert (h.row_name, h.column, h.line) == ("总计", "2021年预算数 / 基本支出", 110)
    assert (h.expected, h.actual, h.difference) == (D("223.47"), D("223.37"), D("-0.10"))
    assert len(found) == 3


# -- row sums ----------------------------------------------------------------


def test_three_public_total_against_its_parts(tmp_path):
    # 表4: 公务接待费 3.5 → 3.6 with the 合计 left at 3.5
    doc = altered(tmp_path, (182, "\t\t3.5", "\t\t3.6"))
    found = problems(doc)
    f = one(found, "row.three_public", table=4)
    assert (f.severity, f.column, f.line) == ("error", "2021 年预算数 / 合计", 182)
    assert (f.expected, f.actual, f.difference) == (D("3.6"), D("3.5"), D("-0.1"))
    assert "公务用车购置及运行费" in f.message
    # the narrative's 公务接待费3.5万元 now disagrees with the table
    g = one(found, "narrative.figure", column="2021 年预算数 / 公务接待费")
    assert (g.table, g.line, g.expected, g.actual) == (4, 49, D("3.6"), D("3.5"))
    # 30217 (基本支出 only) below the 三公 figure: the rest may be project money, an info
    info = [x for x in doc.findings if x.rule == "cross.three_public_vs_economic"]
    assert [x.severity for x in info] == ["info"]


def test_subtotal_is_basic_plus_project(tmp_path):
    # 表8 215 资源勘探工业信息等支出: 项目支出 203.00 → 204.00 breaks 小计 = 基本 + 项目 in that row
    doc = altered(tmp_path, (260, "184.16\t203.00", "184.16\t204.00"))
    found = problems(doc)
    f = one(found, "row.subtotal", table=8, code="215")
    assert (f.column, f.line, f.expected, f.actual) == ("合计", 260, D("388.16"), D("387.16"))
    one(found, "hierarchy.sum", table=8, code="215", column="项目支出")


# -- two-block tables ----------------------------------------------------------


def test_income_total_differs_from_expenditure_total(tmp_path):
    # 表6 收入总计 426.37 → 426.47
    doc = altered(tmp_path, (212, "收入总计\t426.37", "收入总计\t426.47"))
    found = problems(doc)
    f = one(found, "block.totals", table=6)
    assert (f.severity, f.row_name, f.column, f.line) == ("error", "支出总计", "支出 / 预算数", 212)
    assert (f.expected, f.actual, f.difference) == (D("426.47"), D("426.37"), D("-0.10"))
    g = one(found, "block.lines", table=6, row_name="收入总计")
    assert (g.expected, g.actual) == (D("426.37"), D("426.47"))
    one(found, "cross.summary_vs_income", table=7)


def test_current_year_income_is_the_sum_of_its_lines(tmp_path):
    # 表6 一般公共预算拨款收入 426.37 → 426.30
    doc = altered(tmp_path, (203, "426.37", "426.30"))
    f = one(problems(doc), "block.lines", table=6, row_name="本年收入合计")
    assert (f.line, f.column, f.expected, f.actual, f.difference) == (
        209,
        "收入 / 预算数",
        D("426.30"),
        D("426.37"),
        D("0.07"),
    )


def test_a_numbered_section_is_the_sum_of_its_lines(tmp_path):
    # 表1 一、本年收入 426.37 → 426.47: the section and the 收入总数 disagree
    doc = altered(tmp_path, (91, "一、本年收入\t426.37", "一、本年收入\t426.47"))
    found = problems(doc)
    f = one(found, "block.lines", table=1, row_name="一、本年收入")
    assert (f.line, f.expected, f.actual) == (91, D("426.37"), D("426.47"))
    g = one(found, "block.lines", table=1, row_name="收入总数")
    assert (g.line, g.expected, g.actual) == (100, D("426.47"), D("426.37"))


# -- across tables -------------------------------------------------------------


def test_project_forms_against_project_expenditure(tmp_path):
    # 竞进拉练 资金总额（万元） 18 → 19
    doc = altered(tmp_path, (291, "\t18\t", "\t19\t"))
    found = problems(doc)
    f = one(found, "cross.projects_vs_project_expenditure")
    # the document does not say that a form's 资金总额 is this year's money only: a warning
    assert (f.severity, f.table, f.row_name, f.column, f.line) == ("warning", 8, "总计", "项目支出", 249)
    assert (f.expected, f.actual, f.difference) == (D("204"), D("203.00"), D("-1.00"))
    assert len(found) == 1


def test_three_public_in_the_economic_table(tmp_path):
    # 表3 30217 公务接待费 3.50 → 3.60 (合计 and 公用经费): more than the 三公 table's 3.5
    doc = altered(tmp_path, (165, "3.50\t\t3.50", "3.60\t\t3.60"))
    found = problems(doc)
    f = one(found, "cross.three_public_vs_economic", table=3, code="30217")
    assert (f.severity, f.column, f.line) == ("error", "2021 年基本支出 / 合计", 165)
    assert (f.expected, f.actual, f.difference) == (D("3.5"), D("3.60"), D("0.10"))
    one(found, "hierarchy.sum", table=3, code="302", column="2021 年基本支出 / 合计")


def test_function_table_against_the_fiscal_summary(tmp_path):
    # 表1 一、本年支出 (一般公共预算 column) 426.37 → 426.40
    doc = altered(tmp_path, (91, "426.37\t426.37\t\t", "426.37\t426.40\t\t"))
    f = one(problems(doc), "cross.function_vs_fiscal")
    assert (f.table, f.row_name, f.column, f.line) == (2, "总计", "2021年预算数 / 小计", 110)
    assert (f.expected, f.actual, f.severity) == (D("426.40"), D("426.37"), "error")


def test_summary_against_the_expenditure_table(tmp_path):
    doc = altered(tmp_path, (209, "本年支出合计\t426.37", "本年支出合计\t426.57"))
    f = one(problems(doc), "cross.summary_vs_expenditure")
    assert (f.table, f.row_name, f.column, f.line) == (8, "总计", "合计", 249)
    assert (f.expected, f.actual) == (D("426.57"), D("426.37"))


def test_summary_lines_against_the_function_table(tmp_path):
    # 表1 卫生健康支出 (一般公共预算 column) 11.00 → 11.10: 表2 210 prints 11.00
    doc = altered(tmp_path, (93, "11.00\t11.00", "11.00\t11.10"))
    f = one(problems(doc), "cross.summary_lines", table=1)
    assert (f.row_name, f.column, f.line) == ("卫生健康支出", "支出 / 一般公共预算财政拨款", 93)
    assert (f.expected, f.actual, f.severity) == (D("11.00"), D("11.10"), "error")


# -- the narrative ----------------------------------------------------------------


def test_narrative_three_public_figure(tmp_path):
    doc = altered(tmp_path, (49, "“三公”经费预算3.5万元", "“三公”经费预算3.6万元"))
    found = problems(doc)
    f = one(found, "narrative.figure")
    assert (f.severity, f.table, f.column, f.line, f.page) == ("error", 4, "2021 年预算数 / 合计", 49, None)
    assert (f.expected, f.actual, f.difference) == (D("3.5"), D("3.6"), D("0.1"))
    assert "三公经费预算3.6万元" in f.message
    assert len(found) == 1


def test_operating_costs_against_the_public_funds_are_not_judged(tmp_path):
    # no table prints 机关运行经费: the 公用经费 stands in for it, which is no identity (事业单位), so an info
    doc = altered(tmp_path, (53, "运行经费54.27万元", "运行经费54.28万元"))
    assert [f for f in problems(doc) if f.rule == "narrative.figure"] == []
    f = one(doc.findings, "narrative.figure")
    assert (f.severity, f.table, f.column, f.line) == ("info", 3, "2021 年基本支出 / 公用经费", 53)
    assert "未作判断" in f.message
    assert (f.expected, f.actual, f.difference) == (D("54.27"), D("54.28"), D("0.01"))


def test_narrative_income_and_basic_expenditure(tmp_path):
    doc = altered(
        tmp_path, (37, "年初预算数426.37万元", "年初预算数436.37万元"), (43, "基本支出223.37万元", "基本支出233.37万元")
    )
    found = problems(doc)
    f = one(found, "narrative.figure", line=37)
    assert (f.table, f.expected, f.actual) == (6, D("426.37"), D("436.37"))
    g = one(found, "narrative.figure", line=43)
    assert (g.table, g.column, g.expected, g.actual) == (2, "2021年预算数 / 基本支出", D("223.37"), D("233.37"))
    # "基本支出增加12.61万元" is a change, not the 基本支出: not read as a figure
    assert len(found) == 2


def test_narrative_class_figures(tmp_path):
    # 支出预算 … 社会保障和就业18.81万元 → 18.91; "卫生健康支出11万元" stays (the text rounds 11.00)
    doc = altered(tmp_path, (39, "社会保障和就业18.81万元", "社会保障和就业18.91万元"))
    f = one(problems(doc), "narrative.figure", line=39)
    assert (f.table, f.code, f.column, f.expected, f.actual) == (
        2,
        "208",
        "2021年预算数 / 小计",
        D("18.81"),
        D("18.91"),
    )
    assert len(problems(doc)) == 1


def test_narrative_comparison_claims(tmp_path):
    doc = altered(
        tmp_path,
        (
            61,
            "截止 2020 年 12 月，我单位共有车辆 0 辆。",
            "年初预算为10.00万元，支出决算为9.50万元。决算数大于预算数。",
        ),
    )
    f = one(problems(doc), "narrative.comparison")
    assert (f.severity, f.line, f.expected, f.actual, f.difference) == ("error", 61, D("10.00"), D("9.50"), D("-0.50"))


def test_document_year_and_placeholder(tmp_path):
    doc = altered(
        tmp_path,
        (65, "以下为常见专业名词解释", "以下为2020年部门预算常见专业名词解释"),
        (31, "重庆市潼南区大数据应用发展管理局设下列内设机构", "重庆市潼南区XX局设下列内设机构"),
    )
    assert doc.info.year == 2021
    f = one(problems(doc), "document.year")
    assert (f.severity, f.line) == ("warning", 65)
    g = one(problems(doc), "document.placeholder")
    assert (g.severity, g.line) == ("warning", 31)
    assert "XX" in g.message


def test_checks_are_counted(sample_doc):
    from collections import Counter

    checks: Counter[str] = Counter()
    assert [f for f in run(sample_doc, checks=checks) if f.severity != "info"] == []
    # every family of rules compared figures on the sample
    for rule in (
        "hierarchy.sum",
        "hierarchy.total",
        "row.subtotal",
        "row.personnel",
        "row.three_public",
        "block.totals",
        "block.lines",
        "cross.function_vs_fiscal",
        "cross.basic_vs_economic",
        "cross.summary_vs_income",
        "cross.summary_vs_expenditure",
        "cross.three_public_vs_economic",
        "cross.projects_vs_project_expenditure",
        "cross.summary_lines",
        "narrative.figure",
        "narrative.procurement",
    ):
        assert checks[rule] > 0, rule


def test_narrative_may_round_and_use_another_unit(tmp_path):
    doc = altered(
        tmp_path,
        (37, "年初预算数426.37万元", "年初预算数426万元"),  # rounded in the text: fine
        (49, "“三公”经费预算3.5万元", "“三公”经费预算35000元"),  # in 元: fine
    )
    assert problems(doc) == []
    # 100 元 off a 万元 table figure: 0.01 万元, what rounding explains
    doc = altered(tmp_path, (49, "“三公”经费预算3.5万元", "“三公”经费预算35100元"))
    f = one(problems(doc), "narrative.figure")
    assert (f.severity, f.expected, f.actual, f.difference) == ("warning", D("35000"), D("35100"), D("100"))
    doc = altered(tmp_path, (49, "“三公”经费预算3.5万元", "“三公”经费预算35200元"))
    f = one(problems(doc), "narrative.figure")
    assert (f.severity, f.table, f.expected, f.actual, f.difference) == ("error", 4, D("35000"), D("35200"), D("200"))


def test_narrative_procurement_parts(tmp_path):
    doc = altered(tmp_path, (55, "政府采购货物预算28万元", "政府采购货物预算29万元"))
    f = one(problems(doc), "narrative.procurement")
    assert (f.line, f.expected, f.actual, f.difference) == (55, D("204"), D("203"), D("-1"))


# -- tolerance, units, names ----------------------------------------------------------


def test_tolerance_widens_rounding(tmp_path):
    doc = altered(tmp_path, (113, "12.54\t12.54", "12.64\t12.64"))
    assert {f.severity for f in problems(doc)} == {"error"}
    assert {f.severity for f in run(doc, tolerance="0.1") if f.severity != "info"} == {"warning"}


def test_units_are_reconciled_before_comparing():
    t_yuan = make_table("t", "other", unit="元")
    ctx = Context(make_doc())
    # 35,000 元 printed against 3.5 万元 expected: equal
    assert (
        ctx.compare("r", Figure(D("35000.00"), "元", Place(t_yuan)), D("3.5"), expected_unit="万元", what=("", ""))
        is None
    )
    # 100 元 off against a 万元 figure: within 0.01 万元, a warning
    f = ctx.compare("r", Figure(D("35100.00"), "元", Place(t_yuan)), D("3.5"), expected_unit="万元", what=("", ""))
    assert f is not None and f.severity == "warning" and f.difference == D("100")
    f = ctx.compare("r", Figure(D("35101.00"), "元", Place(t_yuan)), D("3.5"), expected_unit="万元", what=("", ""))
    assert f is not None and f.severity == "error"
    # a unit that is unknown: nothing to compare
    assert ctx.compare("r", Figure(D("1"), None, Place(t_yuan)), D("2"), expected_unit="万元", what=("", "")) is None


def test_three_public_printed_as_rows():
    cols = [("项目", "name"), ("预算数", "amount"), ("决算数", "amount")]
    rows = [
        Row(["合计", D("10.00"), D("9.00")], lineno=1, name="合计"),
        Row(["因公出国（境）费", D("2.00"), D("2.00")], lineno=2, name="因公出国（境）费"),
        Row(["公务用车购置及运行费", D("5.00"), D("4.00")], lineno=3, name="公务用车购置及运行费"),
        Row(["其中：公务用车购置费", D("1.00"), D("1.00")], lineno=4, name="其中：公务用车购置费"),
        Row(["公务用车运行费", D("4.00"), D("3.50")], lineno=5, name="公务用车运行费"),
        Row(["公务接待费", D("3.00"), D("3.00")], lineno=6, name="公务接待费"),
    ]
    doc = make_doc(make_table("“三公”经费支出决算表", "three_public", cols, rows, unit="万元"))
    found = run(doc)
    car = one(found, "row.three_public", row_name="公务用车购置及运行费")
    assert (car.column, car.expected, car.actual) == ("决算数", D("4.50"), D("4.00"))
    # 合计 = 因公出国 + 公务用车购置及运行 (as printed) + 公务接待 holds in both columns
    assert len(found) == 1


def test_two_block_economic_table_has_a_total_per_block():
    cols = [
        ("科目编码", "code", 0),
        ("科目名称", "name", 0),
        ("决算数", "amount", 0),
        ("科目编码", "code", 1),
        ("科目名称", "name", 1),
        ("决算数", "amount", 1),
    ]
    rows = [
        Row(
            ["301", "工资福利支出", D("10.00"), "302", "商品和服务支出", D("5.00")],
            lineno=1,
            code="301",
            name="工资福利支出",
        ),
        Row(["30101", "基本工资", D("10.00"), "30201", "办公费", D("4.00")], lineno=2, code="30101", name="基本工资"),
        Row([None, "人员经费合计", D("10.00"), None, "公用经费合计", D("5.00")], lineno=3, name="人员经费合计"),
    ]
    doc = make_doc(make_table("一般公共预算财政拨款基本支出决算表", "general_basic_economic", cols, rows, unit="万元"))
    found = run(doc)
    f = one(found, "hierarchy.sum", code="302")
    assert (f.expected, f.actual, f.line, f.column) == (D("4.00"), D("5.00"), 1, "决算数")
    assert [x.rule for x in found] == ["hierarchy.sum"]


def test_three_block_summary_with_a_total_printed_across_the_expenditure_blocks():
    # Jiangsu's 收支预算总表: 收入 | 支出 by function | 支出 by use; 支出合计 is named under the
    # function block and its amount printed under the use block
    cols = [
        ("收入 / 项目名称", "name", 0),
        ("收入 / 金额", "amount", 0),
        ("支出 / 功能分类 / 功能科目名称", "name", 1),
        ("支出 / 功能分类 / 金额", "amount", 1),
        ("支出 / 支出用途 / 项目名称", "name", 2),
        ("支出 / 支出用途 / 金额", "amount", 2),
    ]
    rows = [
        Row(
            ["一、一般公共预算", D("100.00"), "一、一般公共服务支出", D("60.00"), "一、基本支出", D("70.00")],
            lineno=1,
            name="一、一般公共预算",
        ),
        Row(
            ["二、其他资金", D("20.00"), "二、公共安全支出", D("60.00"), "二、项目支出", D("50.00")],
            lineno=2,
            name="二、其他资金",
        ),
        Row(["收入合计", D("120.00"), "支出合计", None, None, D("120.00")], lineno=3, name="收入合计"),
    ]
    doc = make_doc(make_table("收支预算总表", "summary", cols, rows, unit="万元"))
    assert run(doc) == []
    rows[2].cells[5] = D("121.00")
    found = run(doc)
    f = one(found, "block.totals", row_name="支出合计")
    assert (f.expected, f.actual, f.line) == (D("120.00"), D("121.00"), 3)
    g = one(found, "block.lines", row_name="支出合计")
    assert (g.expected, g.actual) == (D("120.00"), D("121.00"))


def test_name_rule_skips_without_a_catalogue(monkeypatch, sample_doc):
    from budgetx.validate import names

    monkeypatch.setitem(sys.modules, "budgetx.normalize.catalogue", None)
    assert list(names.check(Context(sample_doc))) == []


def test_name_rule_reports_another_item(tmp_path):
    pytest.importorskip("budgetx.normalize.catalogue")
    # 表2 2101101 printed as 住房公积金: a name that belongs to another code
    doc = altered(tmp_path, (117, "行政单位医疗", "住房公积金"))
    f = one(doc.findings, "name.mismatch", table=2, code="2101101")
    assert (f.severity, f.line, f.row_name) == ("warning", 117, "住房公积金")
    assert f.expected is None and f.actual is None


# -- robustness ------------------------------------------------------------------------

_CELLS = st.one_of(
    st.none(),
    st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_rules_never_crash_on_mangled_tables(sample_doc, data):
    import copy

    doc = copy.deepcopy(sample_doc)
    for _ in range(data.draw(st.integers(1, 12))):
        table = data.draw(st.sampled_from([t for t in doc.tables if t.rows]))
        row = data.draw(st.sampled_from(table.rows))
        j = data.draw(st.integers(0, len(row.cells) - 1))
        row.cells[j] = data.draw(_CELLS)
        if data.draw(st.booleans()):
            row.name = data.draw(st.one_of(st.none(), st.text(max_size=6)))
    if data.draw(st.booleans()):
        doc.tables[0].unit = data.draw(st.sampled_from([None, "元", "万元", "千元", "亿元", "个"]))
    found = run(doc, tolerance=data.draw(st.sampled_from(["0", "0.01", "1"])))
    assert [f.message_en for f in found if f.rule == "validate.crashed"] == []


def test_a_failing_rule_is_reported_not_raised(monkeypatch, sample_doc):
    from budgetx import validate

    def broken(ctx):
        raise ZeroDivisionError("oops")
        yield

    monkeypatch.setattr(validate, "RULES", [*validate.RULES, ("broken", broken)])
    found = validate.run(sample_doc)
    crashed = [f for f in found if f.rule == "validate.crashed"]
    assert [(f.severity, "broken" in f.message_en and "oops" in f.message_en) for f in crashed] == [("warning", True)]


_NARRATIVE = st.text(
    alphabet="0123456789.,，。、：万元收入预算支出基本项目三公经费合计总计年度（类）（款）（项）为决算数大于小于等于XX截至月日车辆部门政府采购总额货物服务运行",
    max_size=80,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_NARRATIVE, max_size=8))
def test_narrative_rules_never_crash_on_any_text(sample_doc, texts):
    import copy

    from budgetx.model import Line

    doc = copy.deepcopy(sample_doc)
    doc.narrative = [Line(page=None, lineno=i + 1, text=t) for i, t in enumerate(texts)]
    found = run(doc)
    assert [f.message_en for f in found if f.rule == "validate.crashed"] == []


# -- project forms when the text says which projects have targets ---------------------------


_INTRO = "重庆市潼南区大数据应用发展管理局是在 2019 年机构改革时新成立的正处级政府工作部门。"


def test_project_forms_against_the_text_that_counts_them(tmp_path):
    # the 6 forms of the sample add up to 203万元, the 项目支出
    doc = altered(tmp_path, (11, _INTRO, "编报绩效目标的项目6个，涉及项目预算资金203万元。"))
    assert [f for f in problems(doc) if f.rule.startswith("cross.projects")] == []


def test_forms_of_some_projects_may_fall_short_of_project_expenditure(tmp_path):
    # regression: 万里街道 2023 prints forms for the 5 projects with targets only (3,351万元 of 6,557万元),
    # and the forms were reported against the whole 项目支出
    doc = altered(
        tmp_path,
        (11, _INTRO, "编报绩效目标的项目6个，涉及项目预算资金204万元。"),
        (291, "\t18\t", "\t19\t"),  # 竞进拉练 资金总额 18 → 19: the forms now add up to 204
    )
    found = [f for f in problems(doc) if f.rule.startswith("cross.projects")]
    f = one(found, "cross.projects_vs_project_expenditure")  # forms (204) above 项目支出 (203): still reported
    assert (f.severity, f.expected, f.actual) == ("warning", D("204"), D("203.00"))


def test_the_text_money_of_the_projects_with_targets_against_their_forms(tmp_path):
    doc = altered(tmp_path, (11, _INTRO, "编报绩效目标的项目6个，涉及项目预算资金200.5万元。"))
    f = one(problems(doc), "cross.projects_vs_project_expenditure")
    assert (f.severity, f.line, f.expected, f.actual, f.difference) == ("error", 11, D("203"), D("200.5"), D("-2.5"))


def test_the_text_counts_other_projects_than_the_forms(tmp_path):
    doc = altered(tmp_path, (11, _INTRO, "编报绩效目标的项目5个，涉及项目预算资金203万元。"))
    f = one(problems(doc), "cross.projects_vs_project_expenditure")
    assert (f.severity, f.line) == ("error", 11)
    assert "5个" in f.message and "6张" in f.message


def test_a_table_noted_empty_that_prints_figures():
    # 万里街道 2024 p.31: "故本表为空表" under a 三公 table that prints 47.91 …
    cols = [("合计", "amount"), ("公务接待费", "amount")]
    note = "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。"
    full = make_table(
        "三公", "three_public", cols, [Row([D("47.91"), D("1.35")], lineno=7)], unit="万元", pages=[31], note=note
    )
    [f] = [f for f in run(make_doc(full)) if f.rule == "document.empty_note"]
    assert (f.severity, f.page, f.table) == ("warning", 31, 1)
    assert "47.91、1.35" in f.message
    empty = make_table(
        "三公", "three_public", cols, [Row([D("0"), None], lineno=7)], unit="万元", pages=[31], note=note
    )
    assert [f for f in run(make_doc(empty)) if f.rule == "document.empty_note"] == []
