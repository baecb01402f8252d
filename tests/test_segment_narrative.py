"""A title with no table under it is narrative, kept in its place (regression)."""

from __future__ import annotations

import budgetx

TEXT = """第二部分 上海市普陀区XX局2024年度部门决算表
上海市普陀区财政局2024年度部门决算
一般公共预算财政拨款支出决算表
单位：万元
科目编码\t科目名称\t决算数
201\t一般公共服务支出\t10.00
20106\t财政事务\t10.00
"""


def test_a_heading_that_looks_like_a_title_stays_in_the_narrative():
    doc = budgetx.extract("doc.txt", data=TEXT.encode("utf-8"))
    assert [t.title for t in doc.tables] == ["一般公共预算财政拨款支出决算表"]
    texts = [ln.text for ln in doc.narrative]
    assert texts[:2] == ["第二部分 上海市普陀区XX局2024年度部门决算表", "上海市普陀区财政局2024年度部门决算"]
    assert any(f.rule == "document.placeholder" and f.line == 1 for f in doc.findings)
