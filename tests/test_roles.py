"""Column roles read from the header: which columns add up into which."""

from __future__ import annotations

from budgetx.model import Column
from budgetx.tables.roles import assign_roles, components_of, measure_columns


def _columns(*names: str, labels: int = 2) -> list[Column]:
    cols = [Column("科目编码", "code"), Column("科目名称", "name")][:labels]
    cols += [Column(n, "amount") for n in names]
    assign_roles(cols)
    return cols


def _roles(cols: list[Column]) -> list[tuple[str | None, int | None]]:
    return [(c.role, c.of) for c in cols if c.type == "amount"]


def test_total_of_basic_and_project():
    cols = _columns("合计", "基本支出", "项目支出")
    assert _roles(cols) == [("total", None), ("component", 2), ("component", 2)]
    assert components_of(cols, 2) == [3, 4]


def test_group_with_its_own_subtotal():
    cols = _columns("合计", "基本支出 / 小计", "基本支出 / 人员经费", "基本支出 / 公用经费", "项目支出")
    assert _roles(cols) == [("total", None), ("component", 2), ("component", 3), ("component", 3), ("component", 2)]
    assert measure_columns(cols, "基本支出") == [3]


def test_group_without_subtotal_adds_its_parts_to_the_total():
    cols = _columns("合计", "基本支出 / 人员经费", "基本支出 / 公用经费", "项目支出")
    assert _roles(cols) == [("total", None), ("component", 2), ("component", 2), ("component", 2)]
    assert measure_columns(cols, "基本支出") == [3, 4]
    assert measure_columns(cols, "项目支出") == [5]


def test_three_public_total_leaves_meetings_and_training_outside():
    cols = _columns(
        "“三公”经费合计",
        "因公出国（境）费",
        "公务用车购置及运行维护费 / 小计",
        "公务用车购置及运行维护费 / 公务用车购置费",
        "公务用车购置及运行维护费 / 公务用车运行维护费",
        "公务接待费",
        "会议费",
        "培训费",
        labels=0,
    )
    assert _roles(cols) == [
        ("total", None),
        ("component", 0),
        ("component", 0),
        ("component", 2),
        ("component", 2),
        ("component", 0),
        ("other", None),
        ("other", None),
    ]


def test_a_plain_total_includes_meetings_and_training():
    cols = _columns("合计", "“三公”经费 / 小计", "“三公”经费 / 因公出国（境）费", "会议费", "培训费", labels=0)
    assert _roles(cols) == [("total", None), ("component", 0), ("component", 1), ("component", 0), ("component", 0)]


def test_of_which_is_a_part_of_the_column_before_it():
    cols = _columns("合计", "政府性基金预算", "其中：专项债券", "一般公共预算")
    assert _roles(cols) == [("total", None), ("component", 2), ("of_which", 3), ("component", 2)]


def test_of_which_that_completes_a_partition_is_a_component():
    cols = _columns("小计", "其中：基本支出", "项目支出")
    assert _roles(cols) == [("total", None), ("component", 2), ("component", 2)]


def test_changes_rates_and_prior_year_are_outside_every_sum():
    cols = _columns("合计", "基本支出", "项目支出", "上年预算数", "增减", "增长%")
    assert _roles(cols)[3:] == [("other", None), ("other", None), ("other", None)]


def test_two_totals_side_by_side_are_unclear():
    cols = _columns("支出 / 合计", "支出 / 总计", "支出 / 基本支出")
    assert [c.role for c in cols if c.type == "amount"][:2] == [None, None]


def test_a_single_amount_column_is_the_total():
    cols = _columns("金额")
    assert _roles(cols) == [("total", None)]


def test_roles_per_block():
    cols = [
        Column("收入 / 项目", "name", 0),
        Column("收入 / 预算数", "amount", 0),
        Column("支出 / 项目", "name", 1),
        Column("支出 / 合计", "amount", 1),
        Column("支出 / 基本支出", "amount", 1),
        Column("支出 / 项目支出", "amount", 1),
    ]
    assign_roles(cols)
    assert _roles(cols) == [("total", None), ("total", None), ("component", 3), ("component", 3)]
