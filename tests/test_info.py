"""The document's department, year, stage and publication, from its cover."""

from __future__ import annotations

import pytest

from budgetx.model import Line
from budgetx.tables.info import describe


def _cover(*texts: str) -> list[Line]:
    return [Line(page=1, lineno=i, text=t) for i, t in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("cover", "department", "publication"),
    [
        (("2026 年度", "无锡市交通运输局（本级）", "单位预算公开"), "无锡市交通运输局（本级）", "单位"),
        (("2026年烟台市统计局部门预算", "目 录"), "烟台市统计局", "部门"),
        (("2026 年度苏州市水务局单位预算公开",), "苏州市水务局", "单位"),
        ((".", "长春市信访局（本级）", "2026年度部门预算公开"), "长春市信访局（本级）", "部门"),
        (("2026年度福州市财政局部门预算",), "福州市财政局", "部门"),
    ],
)
def test_cover_names_the_department_without_its_year(cover, department, publication):
    info = describe("doc.pdf", [], _cover(*cover))
    assert info.department == department
    assert info.publication == publication
    assert info.year == 2026 and info.stage == "预算"


def test_tables_printed_under_a_department_line_are_a_department_publication():
    info = describe("公开表.pdf", [], _cover("部门：江苏省政协办公厅 单位：万元"))
    assert info.publication == "部门"
