"""Negative amounts as tables print them, and columns that number the rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetx.normalize.amounts import is_amount, parse_amount
from budgetx.tables.columns import RawRow, type_columns

D = Decimal


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("-12.54", D("-12.54")),
        ("－12.54", D("-12.54")),  # full-width minus
        ("−1,234.50", D("-1234.50")),  # U+2212
        ("(12.54)", D("-12.54")),  # accounting brackets
        ("（12.54）", D("-12.54")),
        ("-0.00", D("0.00")),
    ],
)
def test_negative_amounts(printed, value):
    # regression: a bracketed or U+2212 negative was not an amount and turned its whole column into text
    assert is_amount(printed)
    assert parse_amount(printed) == value
    assert format(parse_amount(printed), "f") == format(value, "f")


@pytest.mark.parametrize("text", ["(12.54", "12.54)", "(-12.54)", "--12", "△12.54"])
def test_half_signs_are_no_amounts(text):
    assert not is_amount(text)
    with pytest.raises(ValueError):
        parse_amount(text)


def test_a_column_with_a_bracketed_negative_stays_an_amount_column():
    rows = [
        RawRow(["201", "一般公共服务支出", "12.54"], None, 1),
        RawRow(["208", "社会保障和就业支出", "(3.00)"], None, 1),
    ]
    cols = type_columns(["科目编码", "科目名称", "金额"], rows)
    assert [c.type for c in cols] == ["code", "name", "amount"]


def test_a_serial_number_column_is_neither_amount_nor_name():
    # regression: 部门决算单位构成's 序号 1, 2, 3 went into the amounts as figures without a unit
    rows = [
        RawRow(["1", "上海市普陀区财政局（本级）", ""], None, 1),
        RawRow(["2", "上海市普陀区财政局财政所", "预算不单列，并入本级"], None, 1),
    ]
    cols = type_columns(["序号", "单位名称", "备注"], rows)
    assert [c.type for c in cols] == ["text", "name", "text"]
