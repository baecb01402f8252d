"""The wording rules: a punctuation mark printed twice, the function classification named two ways."""

from __future__ import annotations

from pathlib import Path

import budgetx
from budgetx.model import Document, Table
from budgetx.validate import run
from tests.builders import make_doc, make_table, text_doc

SAMPLE_TXT = Path(__file__).resolve().parent.parent / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"


def _wording(doc: Document) -> list:
    return [f for f in run(doc) if f.rule.startswith("wording.")]


def test_the_sample_has_no_wording_findings(sample_doc):
    assert [f for f in sample_doc.findings if f.rule.startswith("wording.")] == []


def test_a_doubled_full_stop_in_the_text_is_an_info(tmp_path):
    lines = SAMPLE_TXT.read_text(encoding="utf-8").split("\n")
    assert lines[10].endswith("正处级政府工作部门。")
    lines[10] += "。"
    path = tmp_path / "altered.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [f for f in budgetx.extract(path).findings if f.rule.startswith("wording.")]
    assert [(f.rule, f.severity, f.line) for f in found] == [("wording.punctuation", "info", 11)]
    assert "正处级政府工作部门。。" in found[0].message


def _text_doc(*texts: str, page: int = 3) -> Document:
    return text_doc(*texts, page=page)


def test_doubled_marks_with_spacing_between_and_across_lines():
    found = _wording(_text_doc("减少了该项支出。 。", "其中：，，基本支出", "支出合计100万元；", "；项目支出"))
    assert [(f.page, f.line) for f in found] == [(3, 1), (3, 2), (3, 3)]


def test_ellipses_dashes_and_single_marks_are_not_findings():
    assert _wording(_text_doc("主要用于……等方面。", "机关运行经费——指行政单位。", "合计：100万元。", "一、收入")) == []


def _function_table(index: int, header: str, page: int) -> Table:
    columns = [(f"项目 / {header} / 类", "code"), ("项目 / 科目名称", "name"), ("合计", "amount")]
    return make_table(f"表{index}", "general_function", columns, index=index, pages=[page])


def _tables_doc(*tables: Table) -> Document:
    return make_doc(*tables)


def test_one_table_naming_the_classification_otherwise_is_reported():
    doc = _tables_doc(
        _function_table(1, "支出功能分类科目编码", 8),
        _function_table(2, "功能分类", 9),
        _function_table(3, "支出功能分类", 10),
    )
    found = _wording(doc)
    assert [(f.rule, f.severity, f.table, f.page) for f in found] == [("wording.header", "info", 2, 9)]
    assert "「功能分类」" in found[0].message and "「支出功能分类」" in found[0].message


def test_a_tie_reports_every_table():
    doc = _tables_doc(
        *(
            _function_table(i, h, i + 7)
            for i, h in enumerate(["功能分类", "功能分类", "支出功能分类", "支出功能分类科目编码"], 1)
        )
    )
    assert [f.page for f in _wording(doc)] == [8, 9, 10, 11]


def test_one_wording_throughout_is_clean():
    doc = _tables_doc(_function_table(1, "功能分类科目编码", 6), _function_table(2, "功能分类", 7))
    assert _wording(doc) == []
