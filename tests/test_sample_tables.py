"""The sample's tables: what issue #2 calls "every table" of it."""

from __future__ import annotations

from decimal import Decimal


def test_sample_has_every_table(sample_doc):
    numbers = [t.number for t in sample_doc.tables]
    assert numbers[:9] == ["表1", "表2", "表3", "表4", "表5", "表6", "表7", "表8", "表10"]
    forms = [t for t in sample_doc.tables if t.kind == "performance_project"]
    assert [t.fields["项目名称"] for t in forms] == [
        "竞进拉练",
        "信息化发展",
        "数据安全治理",
        "信息系统建设管理",
        "信息系统整合",
        "新型智慧城市新应用",
    ]
    assert len(sample_doc.tables) == 15


def test_table3_is_stitched_across_the_repeated_page_header(sample_doc):
    t3 = sample_doc.tables[2]
    assert t3.number == "表3"
    assert len(t3.rows) == 27
    assert [r.code for r in t3.rows][-3:] == ["30299", "303", "30307"]
    assert all(r.cells[1] != "科目名称" for r in t3.rows)


def test_amounts_are_exact_decimals_as_printed(sample_doc):
    t2 = sample_doc.tables[1]
    row = next(r for r in t2.rows if r.code == "2080505")
    assert row.cells[2] == Decimal("12.54") and str(row.cells[2]) == "12.54"
    assert row.level == 3 and row.parent == "20805"
    assert row.cells[4] is None  # empty stays empty
    t4 = sample_doc.tables[3]
    assert str(t4.rows[0].cells[0]) == "3.5"


def test_empty_table_keeps_its_note(sample_doc):
    t5 = sample_doc.tables[4]
    assert t5.rows == []
    assert t5.note == "（备注：本单位无政府性基金收支，故此表无数据。）"
    assert [c.type for c in t5.columns] == ["code", "name", "amount", "amount", "amount"]


def test_headers_are_flattened(sample_doc):
    names = [c.name for c in sample_doc.tables[1].columns]
    assert names == [
        "功能分类科目 / 科目编码",
        "功能分类科目 / 科目名称",
        "2021年预算数 / 小计",
        "2021年预算数 / 基本支出",
        "2021年预算数 / 项目支出",
    ]


def test_two_block_table_has_two_blocks(sample_doc):
    t1 = sample_doc.tables[0]
    assert [c.block for c in t1.columns] == [0, 0, 1, 1, 1, 1, 1]
