"""Percentages of the narrative against the amounts quoted with them (narrative.change/share/completion)."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from budgetx.model import Document, Finding, Line
from budgetx.validate import run
from tests.builders import text_doc

D = Decimal


def _doc(*texts: str) -> Document:
    return text_doc(*texts, page=5)


def _percent(doc: Document, checks: Counter[str] | None = None) -> list[Finding]:
    return [
        f for f in run(doc, checks=checks) if f.rule in ("narrative.change", "narrative.share", "narrative.completion")
    ]


# -- the rate of change -----------------------------------------------------------------------


def test_a_right_rate_of_change_is_no_finding():
    checks: Counter[str] = Counter()
    # 江苏省委办公厅 2018: 1343.28 / (12081.46 − 1343.28) = 12.51%
    doc = _doc("1．行政运行（项）支出12081.46万元，与上年相比增加1343.28万元，增长12.51%。主要原因是调资。")
    assert _percent(doc, checks) == []
    assert checks["narrative.change"] == 1


def test_a_decrease_is_over_last_years_figure():
    # 江苏省政协办公厅 2019: 1311.6 / (2354.4 + 1311.6) = 35.78%
    assert _percent(_doc("支出2354.4万元，与上年相比减少1311.6万元，下降35.78%。")) == []


def test_a_rate_off_by_one_in_the_last_digit_is_a_warning():
    # 江苏省检察院 2018 p.26: 2915.22 / 7968.14 = 36.586%, printed 36.58 (truncated)
    [f] = _percent(_doc("行政运行（项）支出10,883.36万元，与上年相比增加2,915.22万元，增长36.58%。"))
    assert (f.rule, f.severity, f.page, f.line) == ("narrative.change", "warning", 5, 1)
    assert (f.expected, f.actual, f.difference) == (D("36.59"), D("36.58"), D("-0.01"))


def test_a_wrong_rate_is_an_error():
    # 省人大办公厅 2018 p.21: 1557.29 / 128.43 = 1212.56%, printed 1312.56%
    [f] = _percent(_doc("支出预算1685.72万元。与上年相比增加1557.29万元，增长1312.56%。"))
    assert (f.rule, f.severity) == ("narrative.change", "error")
    assert (f.expected, f.actual, f.difference) == (D("1212.56"), D("1312.56"), D("100.00"))
    assert "1312.56%" in f.message and "1212.56" in f.message


def test_the_rate_may_be_printed_coarser():
    # 江苏省检察院 2018: 3958.98 / 17996.37 = 21.999%, printed "增长22%"
    assert _percent(_doc("总计21,955.35万元。与上年相比，财政拨款收、支总计各增加3,958.98万元，增长22%。")) == []


def test_a_rate_whose_direction_contradicts_the_change_is_an_error():
    [f] = _percent(_doc("支出12081.46万元，与上年相比增加1343.28万元，下降12.51%。"))
    assert (f.rule, f.severity) == ("narrative.change", "error")
    assert "下降" in f.message


def test_a_sentence_run_on_over_a_page_break():
    doc = _doc("2022年当年预算执行数为274.85万元，2023年预算安排441.25万元，比2022年预算执行数增加")
    doc.narrative.append(Line(page=6, lineno=1, text="60.54%。主要原因是：缴费基数调整。"))
    checks: Counter[str] = Counter()
    assert _percent(doc, checks) == []
    assert checks["narrative.change"] == 1


def test_this_year_against_last_years_execution():
    # 万里街道 2023 p.7: (441.25 − 132.59) / 132.59 = 232.79%, printed 60.54% (copied from the item before)
    [f] = _percent(_doc("2022年当年预算执行数为132.59万元，2023年预算安排441.25万元，比2022年预算执行数增加60.54%。"))
    assert (f.rule, f.severity, f.expected, f.actual) == ("narrative.change", "error", D("232.79"), D("60.54"))


# -- shares -------------------------------------------------------------------------------------


def test_shares_of_the_total_before_qizhong():
    checks: Counter[str] = Counter()
    doc = _doc("本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%。")
    assert _percent(doc, checks) == []
    assert checks["narrative.share"] == 2


def test_a_wrong_share_is_an_error():
    [f] = _percent(_doc("本年支出合计2940.05万元，其中：基本支出2336.91万元，占75.49%；项目支出603.14万元，占20.51%。"))
    assert (f.rule, f.severity, f.expected, f.actual) == ("narrative.share", "error", D("79.49"), D("75.49"))


def test_a_share_after_a_heading_is_not_of_the_total_before_it():
    # regression: 普陀区财政局 2024 决算 p.21, the 收入 sentence ends with "；" and the 支出 section's shares
    # were read as shares of 本年收入合计
    doc = _doc(
        "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；",
        "三、支出决算情况说明",
        "基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%；",
    )
    assert _percent(doc) == []


# -- completion of the budget ---------------------------------------------------------------------


def test_completion_of_the_budget():
    ok = "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。"
    assert _percent(_doc(ok)) == []
    [f] = _percent(_doc(ok.replace("98.20%", "98.02%")))
    assert (f.rule, f.severity, f.expected, f.actual) == ("narrative.completion", "error", D("98.20"), D("98.02"))


# -- properties -------------------------------------------------------------------------------------

_amount = st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2)


@given(last=_amount, change=_amount, up=st.booleans(), places=st.integers(min_value=0, max_value=2))
def test_a_correctly_rounded_rate_is_never_a_finding(last, change, up, places):
    if not up and change >= last:
        return
    this = last + change if up else last - change
    rate = (D(100) * change / last).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)
    words = ("增加", "增长") if up else ("减少", "下降")
    text = f"支出{this}万元，与上年相比{words[0]}{change}万元，{words[1]}{rate}%。"
    assert _percent(_doc(text)) == [], text


@given(total=_amount, part=st.integers(min_value=0, max_value=100))
def test_a_correctly_rounded_share_is_never_a_finding(total, part):
    piece = (total * part / 100).quantize(D("0.01"))
    share = (D(100) * piece / total).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    text = f"支出合计{total}万元，其中：基本支出{piece}万元，占{share}%。"
    assert _percent(_doc(text)) == [], text
