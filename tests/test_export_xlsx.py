"""Excel: written by the exporter, read back with openpyxl."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from budgetx.export.naming import header_levels, unique_sheet_name
from budgetx.export.xlsx import AMOUNT_FORMAT, FINDING_FIELDS, dumps
from budgetx.model import Finding


@pytest.fixture(scope="module")
def workbook(sample_doc):
    return openpyxl.load_workbook(io.BytesIO(dumps(sample_doc, sample_doc.tables)))


def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_a_sheet_per_table_plus_document_and_findings(workbook, sample_doc):
    names = workbook.sheetnames
    assert names[0] == "Document" and names[-1] == "Findings"
    assert len(names) == 2 + len(sample_doc.tables)
    assert names[1] == "表1 财政拨款收支总表"
    assert "表4 一般公共预算“三公”经费支出表" in names
    assert "区级预算项目绩效目标申报表 竞进拉练" in names
    assert all(len(n) <= 31 for n in names)
    assert len({n.lower() for n in names}) == len(names)
    assert workbook.active.title == names[1], "Excel opens on the first table"


def test_title_unit_and_frozen_header(workbook):
    ws = workbook["表2 一般公共预算财政拨款支出预算表"]
    assert ws["A1"].value == "表2 重庆市潼南区大数据应用发展管理局一般公共预算财政拨款支出预算表"
    assert ws["A1"].font.bold
    assert ws["A2"].value == "单位：万元"
    assert [c.value for c in ws[3]] == ["功能分类科目", None, "2021年预算数", None, None]  # merged parents
    assert [c.value for c in ws[4]] == ["科目编码", "科目名称", "小计", "基本支出", "项目支出"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A3:B3", "C3:E3"}
    assert ws.freeze_panes == "A5"
    assert ws.max_row == 4 + 19


def test_amounts_are_numbers_with_two_decimals(workbook):
    ws = workbook["表2 一般公共预算财政拨款支出预算表"]
    total = [c for c in ws[5]]
    assert total[1].value == "总计："
    assert [c.value for c in total[2:]] == [426.37, 223.37, 203]
    assert all(c.number_format == AMOUNT_FORMAT for c in total[2:])
    row = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "2080505")
    assert row[0].data_type == "s", "codes stay text"
    assert row[2].value == 12.54 and row[2].data_type == "n"
    assert row[4].value is None, "an empty cell stays empty"


def test_amounts_are_stored_exactly(sample_doc):
    # the sheet XML holds the printed decimal, not a float's expansion
    import zipfile

    data = dumps(sample_doc, [sample_doc.tables[1]])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("xl/worksheets/sheet2.xml").decode()
    assert "<v>426.37</v>" in xml and "<v>12.54</v>" in xml
    assert "426.3699" not in xml and "12.5399" not in xml


def test_three_level_header_is_merged_as_printed(workbook):
    ws = workbook["表4 一般公共预算“三公”经费支出表"]
    assert [c.value for c in ws[5]][2:5] == ["小计", "公务用车购置费", "公务用车运行费"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A3:F3", "C4:E4", "A4:A5", "B4:B5", "F4:F5"} <= merged
    assert ws.freeze_panes == "A6"
    assert [c.value for c in ws[6]] == [3.5, None, None, None, None, 3.5]


def test_two_block_table_keeps_its_blocks_side_by_side(workbook):
    ws = workbook["表1 财政拨款收支总表"]
    assert [c.value for c in ws[3]][:3] == ["收入", None, "支出"]
    assert [c.value for c in ws[5]][:4] == ["一、本年收入", 426.37, "一、本年支出", 426.37]


def test_empty_table_keeps_its_note(workbook, sample_doc):
    ws = workbook["表5 政府性基金预算支出表"]
    assert ws.freeze_panes == "A5"
    assert rows(ws)[-1][0] == sample_doc.tables[4].note


def test_form_fields_above_the_indicator_rows(workbook, sample_doc):
    form = next(t for t in sample_doc.tables if t.fields.get("项目名称") == "竞进拉练")
    ws = workbook["区级预算项目绩效目标申报表 竞进拉练"]
    got = rows(ws)
    assert got[0][0] == form.title
    n = len(form.fields)
    assert [(r[0], r[1]) for r in got[2 : 2 + n]] == list(form.fields.items())
    assert got[2 + n] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert ws.freeze_panes == f"A{2 + n + 2}"
    assert got[3 + n][0] == "产出指标"
    assert len(got) == 3 + n + len(form.rows)


def test_document_sheet(workbook, sample_doc):
    ws = workbook["Document"]
    meta = {r[0]: r[1] for r in rows(ws)[:13]}
    assert meta["path"] == sample_doc.source.path
    assert meta["sha256"] == sample_doc.source.sha256
    assert meta["format"] == "text"
    assert meta["department"] == "重庆市潼南区大数据应用发展管理局"
    assert meta["department_key"] == "重庆市潼南区大数据应用发展管理局"
    assert meta["year"] == 2021 and meta["stage"] == "预算" and meta["publication"] == "部门"
    assert meta["title"] == "重庆市潼南区大数据应用发展管理局2021年部门预算"
    assert "pages" in meta
    toc = rows(ws)[14:]
    assert toc[0][:3] == ["sheet", "index", "number"]
    assert toc[1][:3] == ["表1 财政拨款收支总表", 1, "表1"]
    assert ws.cell(16, 1).hyperlink.location == "'表1 财政拨款收支总表'!A1"


def test_findings_sheet_is_headers_only_without_findings(sample_doc):
    import copy

    doc = copy.copy(sample_doc)
    doc.findings = []
    wb = openpyxl.load_workbook(io.BytesIO(dumps(doc, doc.tables[:1])))
    assert rows(wb["Findings"]) == [FINDING_FIELDS]
    assert wb["Findings"].freeze_panes == "A2"


def test_findings_sheet_of_the_sample(workbook, sample_doc):
    got = rows(workbook["Findings"])
    assert got[0] == FINDING_FIELDS
    assert [r[0] for r in got[1:]] == [f.rule for f in sample_doc.findings]


def test_findings_sheet_lists_findings(sample_doc):
    import copy

    doc = copy.copy(sample_doc)
    doc.findings = [
        Finding(
            rule="hierarchy",
            severity="error",
            message="类 ≠ Σ款",
            message_en="class is not the sum of its items",
            table=2,
            code="208",
            column="2021年预算数 / 小计",
            expected=Decimal("18.81"),
            actual=Decimal("18.80"),
            difference=Decimal("-0.01"),
        )
    ]
    other = openpyxl.load_workbook(io.BytesIO(dumps(doc, doc.tables[:1])))
    assert rows(other["Findings"]) == [FINDING_FIELDS], "表1 alone carries no finding of 表2"
    wb = openpyxl.load_workbook(io.BytesIO(dumps(doc, doc.tables[:2])))
    got = rows(wb["Findings"])
    assert len(got) == 2
    f = dict(zip(FINDING_FIELDS, got[1], strict=True))
    assert (f["rule"], f["severity"], f["table"], f["code"]) == ("hierarchy", "error", 2, "208")
    assert (f["expected"], f["actual"], f["difference"]) == (18.81, 18.8, -0.01)
    assert wb["Findings"].cell(2, FINDING_FIELDS.index("expected") + 1).number_format == AMOUNT_FORMAT


def test_sheet_names_are_unique_and_short():
    taken: set[str] = {"Document"}
    a = unique_sheet_name("x" * 40, taken)
    b = unique_sheet_name("x" * 40, taken)
    c = unique_sheet_name("document", taken)
    assert len(a) == len(b) == 31 and a != b and b.endswith("(2)")
    assert c == "document (2)"


def test_header_levels_fill_down():
    assert header_levels(["合计", "科目 / 编码"]) == [["合计", "科目"], ["合计", "编码"]]
