"""The long/tidy view ties every amount to its own block's item."""

from __future__ import annotations

from decimal import Decimal

from budgetx.model import Row, Table
from budgetx.tidy import amounts
from tests.builders import make_doc, make_table


def _two_block_economic_table() -> Table:
    """The 决算 基本支出表 layout: 人员经费 | 公用经费 side by side, codes split over 类 | 款."""
    cols = [
        ("科目编码 / 类", "code", 0),
        ("科目编码 / 款", "code", 0),
        ("科目名称", "name", 0),
        ("决算数", "amount", 0),
        ("科目编码 / 类", "code", 1),
        ("科目编码 / 款", "code", 1),
        ("科目名称", "name", 1),
        ("决算数", "amount", 1),
    ]
    rows = [
        Row(
            ["301", "01", "基本工资", Decimal("10.00"), "302", "01", "办公费", Decimal("2.50")],
            code="30101",
            name="基本工资",
        ),
        Row(
            ["人员经费合计", None, None, Decimal("10.00"), "公用经费合计", None, None, Decimal("2.50")],
            name="人员经费合计",
        ),
    ]
    return make_table("一般公共预算财政拨款基本支出决算表", "general_basic_economic", cols, rows, unit="万元")


def test_split_codes_of_the_right_hand_block_are_joined():
    table = _two_block_economic_table()
    doc = make_doc(table, path="x.pdf", format="pdf")
    got = [(a.block, a.code, a.name, a.value) for a in amounts(doc)]
    assert got == [
        (0, "30101", "基本工资", Decimal("10.00")),
        (1, "30201", "办公费", Decimal("2.50")),
        (0, None, "人员经费合计", Decimal("10.00")),
        (1, None, "公用经费合计", Decimal("2.50")),
    ]
    assert [a.level for a in amounts(doc)][:2] == [2, 2]
