"""Segmentation of what the PDF reader emits, on synthetic line streams (no corpus needed)."""

from __future__ import annotations

from decimal import Decimal

from budgetx.model import Line
from budgetx.normalize.captions import join_wrapped_titles
from budgetx.readers.pdf import _next_line
from budgetx.tables.segment import segment


def text(page, t, top=0.0):
    return Line(page=page, lineno=None, text=t, bbox=(0, top, 100, top + 12))


def row(page, *cells, grid=1):
    return Line(page=page, lineno=None, cells=list(cells), grid=grid)


def test_wrapped_title_is_joined():
    lines = [
        text(1, "十一、一般公共预算“三公”经费、会议费、培训费支出预", 10),
        text(1, "算表", 24),
        text(1, "部门：江苏省人民检察院 单位：万元", 40),
    ]
    joined = join_wrapped_titles(lines, _next_line)
    assert [ln.text for ln in joined][:1] == ["十一、一般公共预算“三公”经费、会议费、培训费支出预算表"]


def test_label_on_the_page_before_and_ordinal_prefix():
    lines = [
        text(15, "公开04表"),
        text(15, "15"),
        text(16, "四、财政拨款收支预算总表"),
        text(16, "部门名称： 江苏省人民检察院 单位：万元"),
        row(16, "项目名称", "金额"),
        row(16, "一、一般公共预算", "24169.74"),
    ]
    tables, narrative = segment(lines)
    t = tables[0]
    assert (t.number, t.title, t.unit, t.pages) == ("公开04表", "财政拨款收支预算总表", "万元", [16])
    assert any("江苏省人民检察院" in (ln.text or "") for ln in narrative)


def test_label_after_the_title():
    lines = [
        text(1, "收支预算总表"),
        text(1, "公开表一"),
        text(1, "单位：万元"),
        row(1, "项目", "金额"),
        row(1, "合计", "1.00"),
    ]
    tables, _ = segment(lines)
    assert (tables[0].number, tables[0].title) == ("公开表一", "收支预算总表")


def test_contents_titles_do_not_name_a_later_grid():
    lines = [
        text(2, "九、国有资本经营预算财政拨款收入支出决算表"),
        text(2, "第三部分 上海市普陀区财政局2024年度部门决算情况说明"),
        text(5, "二、部门决算单位构成"),
        text(5, "纳入上海市普陀区财政局2024年度部门决算编制范围的单位包括："),
        row(5, "序号", "单位名称", "备注"),
        row(5, "1", "上海市普陀区财政局（本级）", ""),
    ]
    tables, _ = segment(lines)
    assert [t.title for t in tables] == ["部门决算单位构成"]


def test_split_codes_with_total_label_and_unpadded_kuan():
    lines = [
        text(1, "2024年部门一般公共预算基本支出部门预算经济分类预算表"),
        text(1, "编制部门：上海市普陀区人民政府万里街道办事处 单位：元"),
        row(1, "项目", "", "", "一般公共预算基本支出", "", ""),
        row(1, "部门预算经济分类科目编码", "", "经济分类科目名称", "合计", "人员经费", "公用经费"),
        row(1, "类", "款", "", "", "", ""),
        row(1, "301", "", "工资福利支出", "22,497,361", "22,497,361", "0"),
        row(1, "301", "01", "基本工资", "5,873,551", "5,873,551", "0"),
        row(1, "301", "2", "津贴补贴", "16,623,810", "16,623,810", "0"),
        row(1, "合计", "", "", "22,497,361", "22,497,361", "0"),
    ]
    t = segment(lines)[0][0]
    assert [c.type for c in t.columns][:3] == ["code", "code", "name"]
    assert [r.code for r in t.rows] == ["301", "30101", "30102", None]
    assert t.rows[-1].name == "合计" and t.rows[-1].cells[3] == Decimal("22497361")


def test_final_accounts_kind_of_header_in_the_total_row():
    lines = [
        text(10, "支出决算表"),
        text(10, "单位：万元"),
        row(10, "项目", "", "", "", "本年支出合计", "基本支出"),
        row(10, "支出功能分类科目编码", "", "", "科目名称", "本年支出合计", "基本支出"),
        row(10, "类", "款", "项", "合计", "2,940.05", "2,336.91"),
        row(10, "201", "", "", "一般公共服务支出", "2,106.66", "1,503.52"),
    ]
    t = segment(lines)[0][0]
    assert [c.name for c in t.columns][:3] == [
        "项目 / 支出功能分类科目编码 / 类",
        "项目 / 支出功能分类科目编码 / 款",
        "项目 / 支出功能分类科目编码 / 项",
    ]
    assert t.rows[0].name == "合计" and t.rows[0].cells[4] == Decimal("2940.05")
    assert t.rows[1].code == "201"


def test_empty_table_with_its_note_inside_the_grid():
    lines = [
        text(20, "政府性基金预算财政拨款支出预算表"),
        text(20, "部门名称： 江苏省人民检察院 单位：万元"),
        row(20, "功能科目编码", "功能科目名称", "金 额"),
        row(20, "合 计", "", ""),
        row(20, "此表为空", "", ""),
    ]
    t = segment(lines)[0][0]
    assert t.rows == [] and t.note == "此表为空"
    assert [c.name for c in t.columns] == ["功能科目编码", "功能科目名称", "金额"]


def test_continuation_without_header_keeps_every_row():
    lines = [
        text(1, "表2"),
        text(1, "一般公共预算财政拨款支出预算表"),
        text(1, "单位：万元"),
        row(1, "科目编码", "科目名称", "合计"),
        row(1, "208", "社会保障和就业支出", "18.81"),
        row(2, "20805", "行政事业单位养老支出", "18.81", grid=2),
        row(3, "科目编码", "科目名称", "合计", grid=3),
        row(3, "2080505", "机关事业单位基本养老保险缴费支出", "18.81", grid=3),
    ]
    t = segment(lines)[0][0]
    assert [r.code for r in t.rows] == ["208", "20805", "2080505"] and t.pages == [1, 2, 3]


def test_form_group_labels_and_stacked_goal_fields():
    lines = [
        text(31, "财政项目支出绩效目标填报表"),
        row(31, "项目名称", "", "新建社区公共服务中心", "", "项目性质", "阶段性项目"),
        row(31, "项目资金（元）", "", "项目资金总额", "4,100,000.00", "年度资金申请总额", "4,100,000.00"),
        Line(page=31, lineno=None, cells=["", "", "其他资金", "0.00", "", ""], grid=1),
        row(31, "项目绩效目标", "", "项目总目标", "", "年度总体目标", ""),
        Line(
            page=31,
            lineno=None,
            cells=["项目绩效目标", "", "建成后作为社区服务场所。", "", "同左", ""],
            grid=1,
            carried=(0,),
        ),
        row(31, "", "一级指标", "二级指标", "三级指标", "", "指标值"),
        row(31, "绩效指标", "产出指标", "数量指标", "规划建筑面积", "", "≥13459.00(平方米)"),
    ]
    t = segment(lines)[0][0]
    assert t.fields["项目资金（元） / 项目资金总额"] == "4,100,000.00"
    assert t.fields["项目资金（元） / 年度资金申请总额"] == "4,100,000.00"
    assert t.fields["项目绩效目标 / 项目总目标"] == "建成后作为社区服务场所。"
    assert t.fields["项目绩效目标 / 年度总体目标"] == "同左"
