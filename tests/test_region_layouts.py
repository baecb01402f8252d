"""Layouts of other regions' documents, each built as the real layout prints it."""

from __future__ import annotations

import itertools
from decimal import Decimal as D

import pytest

from budgetx.model import Column, Line, Row
from budgetx.normalize.captions import label_of, split_title
from budgetx.tables.segment import segment
from budgetx.validate import run
from budgetx.validate.blocks import section_depths
from tests.builders import make_doc, make_table


def _grid(page: int, *rows: list[str], grid: int = 1) -> list[Line]:
    return [Line(page=page, lineno=i, cells=list(r), grid=grid) for i, r in enumerate(rows, start=1)]


# -- titles and labels ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label", "title"),
    [
        ("收支总表（预算表 1）", "预算表1", "收支总表"),
        ("本年一般公共预算支出表(预算表5)", "预算表5", "本年一般公共预算支出表"),
        ("公开01表 收支预算总表", "公开01表", "收支预算总表"),
        ("单位预算01表 2026年预算单位财务收支预算总表", "单位预算01表", "2026年预算单位财务收支预算总表"),
        ("表八一般公共预算支出表", "表八", "一般公共预算支出表"),
    ],
)
def test_label_before_or_after_the_title(line, label, title):
    assert split_title(line) == (label, title)


@pytest.mark.parametrize("text", ["单位预算01表", "单位预算表10", "预算01表", "公开表5", "表十二", "公开 05 表"])
def test_labels_printed_alone_top_right(text):
    assert label_of(text) is not None


# -- a caption printed inside the grid ----------------------------------------------


def test_title_department_and_unit_in_the_grids_first_rows():
    """Changchun: the title and "预算单位：… | 单位：万元" are the grid's first rows."""
    lines = _grid(
        8,
        ["支出总表（预算表3）", "", "", ""],
        ["预算单位：长春市信访局", "", "", "单位：万元"],
        ["科目编码", "功能分类科目名称", "合计", "基本支出"],
        ["总计：", "", "1682.76", "1208.20"],
        ["201", "一般公共服务支出", "1378.41", "903.85"],
    )
    tables, narrative = segment(lines)
    assert len(tables) == 1
    t = tables[0]
    assert (t.number, t.title, t.unit) == ("预算表3", "支出总表", "万元")
    assert [c.name for c in t.columns] == ["科目编码", "功能分类科目名称", "合计", "基本支出"]
    assert [r.cells[2] for r in t.rows] == [D("1682.76"), D("1378.41")]
    assert any(ln.text == "预算单位：长春市信访局" for ln in narrative)


def test_coded_department_beside_the_unit_and_a_column_index_row():
    """Huzhou: "341-湖州市财政局 | 单位：万元" in the grid, and a "** ** 1 2 3" row under the header."""
    lines = [
        Line(page=23, lineno=1, text="表05"),
        Line(page=23, lineno=2, text="2026年市级部门一般公共预算支出表"),
        *_grid(
            23,
            ["341-湖州市财政局", "", "", "", "单位：万元"],
            ["科目编码", "科目名称", "合 计", "基本支出", "项目支出"],
            ["**", "**", "1", "2", "3"],
            ["", "合计", "6838.41", "5571.66", "1266.75"],
            ["201", "一般公共服务支出", "5356.01", "4089.26", "1266.75"],
        ),
    ]
    tables, narrative = segment(lines)
    t = tables[0]
    assert (t.number, t.unit) == ("表05", "万元")
    assert [c.type for c in t.columns] == ["code", "name", "amount", "amount", "amount"]
    assert [c.role for c in t.columns[2:]] == ["total", "component", "component"]
    assert len(t.rows) == 2 and t.rows[1].cells[0] == "201"
    assert any(ln.text == "341-湖州市财政局" for ln in narrative)


def test_a_grid_row_with_figures_is_never_a_caption():
    lines = _grid(1, ["收支总表"], ["项目", "金额", "单位：万元"], ["合计", "12.00", "单位：万元"])
    tables, _ = segment(lines)
    assert tables and tables[0].rows and tables[0].rows[-1].cells[1] == D("12.00")


# -- the nesting of a 收支总表 side ----------------------------------------------------


def test_ordinals_that_start_again_are_nested():
    names = [
        "一、本年支出",
        "一、一般公共服务支出",
        "二、社会保障和就业支出",
        "三、卫生健康支出",
        "二、结转下年支出",
        "支出总计",
    ]
    assert section_depths(names) == [0, 1, 1, 1, 0, None]


def _summary(right: list[tuple[str, str]]):
    cols = [
        ("收入 / 项目", "name", 0),
        ("收入 / 预算数", "amount", 0),
        ("支出 / 项目", "name", 1),
        ("支出 / 预算数", "amount", 1),
    ]
    rows = [
        Row(["一、财政拨款" if i == 1 else None, D("100.00") if i == 1 else None, name, D(v)], lineno=i)
        for i, (name, v) in enumerate(right[:-1], 1)
    ]
    rows.append(Row(["收入总计", D("100.00"), right[-1][0], D(right[-1][1])], lineno=len(right)))
    return make_doc(make_table("财政拨款收支总表", "fiscal_summary", cols, rows, unit="万元"))


def test_nested_numbered_sections_add_up_at_their_own_level():
    doc = _summary(
        [
            ("一、本年支出", "100.00"),
            ("一、一般公共服务支出", "60.00"),
            ("二、社会保障和就业支出", "40.00"),
            ("二、结转下年支出", "0.00"),
            ("支出总计", "100.00"),
        ]
    )
    assert [f for f in run(doc) if f.rule.startswith("block")] == []


def test_items_nested_by_name_only_are_summed_over_their_类():
    """Huzhou 表01: 一般公共服务支出 / 财政事务 / 行政运行, shown only by indentation."""
    doc = _summary(
        [
            ("一般公共服务支出", "70.00"),
            ("财政事务", "70.00"),
            ("行政运行", "70.00"),
            ("住房保障支出", "30.00"),
            ("住房改革支出", "30.00"),
            ("住房公积金", "30.00"),
            ("本年支出合计", "100.00"),
        ]
    )
    assert [f for f in run(doc) if f.rule == "block.lines"] == []


def test_items_nested_by_name_a_wrong_类_total_is_found():
    doc = _summary(
        [
            ("一般公共服务支出", "70.00"),
            ("财政事务", "70.00"),
            ("住房保障支出", "20.00"),
            ("住房改革支出", "20.00"),
            ("本年支出合计", "100.00"),
        ]
    )
    found = [f for f in run(doc) if f.rule == "block.lines"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", D("90.00"), D("100.00"))]


# -- codes, however they are printed ------------------------------------------------


def _rows(names: list[tuple[str, str]], *cells: list[str], kind: str = "general_function") -> list[Row]:
    from budgetx.tables.columns import RawRow, build_rows

    cols = [Column(n, t) for n, t in names]
    return build_rows(cols, [RawRow(list(c), 1, i) for i, c in enumerate(cells, start=1)], kind)


def test_staircase_codes_carry_their_parents_down():
    """Yantai: each row prints only its own segment, 类 '201', 款 '05', 项 '01'."""
    rows = _rows(
        [("科目编码 / 类", "code"), ("科目编码 / 款", "code"), ("科目编码 / 项", "code"), ("科目名称", "name")],
        ["", "", "", "合计"],
        ["201", "", "", "一般公共服务支出"],
        ["", "05", "", "统计信息事务"],
        ["", "", "01", "行政运行"],
        ["", "", "02", "一般行政管理事务"],
        ["", "08", "", "进修及培训"],
        ["", "", "03", "培训支出"],
        ["208", "", "", "社会保障和就业支出"],
    )
    assert [r.code for r in rows] == [None, "201", "20105", "2010501", "2010502", "20108", "2010803", "208"]
    assert rows[0].name == "合计"


def test_parents_repeated_on_every_row():
    rows = _rows(
        [("类", "code"), ("款", "code"), ("项", "code"), ("科目名称", "name")],
        ["205", "", "", "教育支出"],
        ["205", "03", "", "职业教育"],
        ["205", "03", "02", "中等职业教育"],
    )
    assert [r.code for r in rows] == ["205", "20503", "2050302"]


@pytest.mark.parametrize(
    ("cell", "code", "name"),
    [
        ("[201]一般公共服务支出", "201", "一般公共服务支出"),
        ("【201】一般公共服务支出", "201", "一般公共服务支出"),
        ("201-一般公共服务支出", "201", "一般公共服务支出"),
        ("2010101 行政运行", "2010101", "行政运行"),
        ("[30101]基本工资", "30101", "基本工资"),
        ("30101-基本工资", "30101", "基本工资"),
    ],
)
def test_code_inside_the_name_cell(cell, code, name):
    (row,) = _rows([("项目", "name"), ("金额", "amount")], [cell, "1.00"])
    assert (row.code, row.name) == (code, name)


def test_two_classifications_side_by_side_keep_both_codes():
    """Yantai 公开表6: 部门经济分类 301 01 beside 政府经济分类 501 01."""
    rows = _rows(
        [
            ("科目编码 / 类", "code"),
            ("科目编码 / 款", "code"),
            ("部门预算支出经济分类科目名称", "name"),
            ("科目编码 / 类", "code"),
            ("科目编码 / 款", "code"),
            ("政府预算支出经济分类科目名称", "name"),
            ("小计", "amount"),
        ],
        ["301", "", "工资福利支出", "501", "", "机关工资福利支出", "705.28"],
        ["301", "01", "基本工资", "501", "01", "工资奖金津补贴", "169.28"],
        kind="general_basic_economic",
    )
    assert [(r.code, r.name, r.codes) for r in rows] == [
        ("301", "工资福利支出", {"economic_dept": "301", "economic_gov": "501"}),
        ("30101", "基本工资", {"economic_dept": "30101", "economic_gov": "50101"}),
    ]


def test_a_segment_alone_under_a_printed_类_is_its_款():
    rows = _rows([("科目编码", "code"), ("科目名称", "name")], ["201", "一般公共服务支出"], ["05", "统计信息事务"])
    assert [r.code for r in rows] == ["201", "20105"]


def test_a_segment_alone_under_a_款_is_left_empty_unless_the_catalogue_names_it():
    rows = _rows(
        [("科目编码", "code"), ("科目名称", "name")],
        ["201", "一般公共服务支出"],
        ["05", "统计信息事务"],
        ["99", "某个不在目录里的名称"],
    )
    assert [r.code for r in rows] == ["201", "20105", None]


# -- rounding over many items ---------------------------------------------------------


def test_a_sum_of_many_rounded_items_may_be_off_by_their_rounding():
    from budgetx.validate.base import Context, Figure, Place

    t = make_table("t", "other", unit="万元")
    ctx = Context(make_doc(t))
    fig = Figure(D("171.07"), "万元", Place(t))
    assert ctx.compare("r", fig, D("171.09"), what=("", ""), terms=12).severity == "warning"
    assert ctx.compare("r", fig, D("171.09"), what=("", "")).severity == "error"
    assert ctx.compare("r", fig, D("171.20"), what=("", ""), terms=12).severity == "error"


# -- a performance form over two pages ------------------------------------------------


def _form_page(page: int, *rows: list[str]) -> list[Line]:
    return [Line(page=page, lineno=0, text="政策和项目预算绩效目标表"), *_grid(page, *rows, grid=page)]


def test_a_form_that_runs_onto_the_next_page_under_its_title_is_one_table():
    """Yantai: the second page repeats the title but not the 项目名称."""
    lines = [
        *_form_page(39, ["项目名称", "交通专项规划编制", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"]),
        *_form_page(40, ["效益指标", "社会效益", "规划覆盖率", "100%"]),
        *_form_page(41, ["项目名称", "交通战备专项", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"]),
    ]
    tables, _ = segment(lines)
    assert [(t.kind, t.pages) for t in tables] == [("performance_project", [39, 40]), ("performance_project", [41])]
    assert tables[0].fields.get("项目名称") == "交通专项规划编制"


# -- several units in one table -------------------------------------------------------


def test_a_column_of_unit_codes_gives_each_row_its_unit():
    """Suzhou 收入总表: 部门代码 123 (the department), 123001 … (its units): no subject codes."""
    rows = _rows(
        [("部门代码", "code"), ("部门名称", "name"), ("合计", "amount")],
        ["合计", "", "300.00"],
        ["123", "苏州市交通运输局", "300.00"],
        ["123001", "苏州市交通运输局", "200.00"],
        ["123002", "苏州市交通运输综合行政执法支队", "100.00"],
        kind="income",
    )
    assert [(r.entity, r.code, r.name) for r in rows] == [
        (None, None, "合计"),
        ("123", None, "苏州市交通运输局"),
        ("123001", None, "苏州市交通运输局"),
        ("123002", None, "苏州市交通运输综合行政执法支队"),
    ]


def test_one_block_per_unit_is_checked_within_each_unit():
    """A unit's coded row (125001 西安市…) over the same subject codes again for each unit."""
    names = [("科目编码", "code"), ("科目名称", "name"), ("合计", "amount")]
    rows = _rows(
        names,
        ["", "合计", "30.00"],
        ["125001", "西安市某局", "10.00"],
        ["201", "一般公共服务支出", "10.00"],
        ["20101", "人大事务", "10.00"],
        ["125002", "西安市某中心", "20.00"],
        ["201", "一般公共服务支出", "20.00"],
        ["20101", "人大事务", "20.00"],
    )
    assert [(r.entity, r.code) for r in rows] == [
        (None, None),
        ("125001", None),
        ("125001", "201"),
        ("125001", "20101"),
        ("125002", None),
        ("125002", "201"),
        ("125002", "20101"),
    ]

    doc = make_doc(make_table("一般公共预算支出表", "general_function", [(n, t) for n, t in names], rows, unit="万元"))
    assert [f for f in run(doc) if f.rule.startswith("hierarchy") and f.severity != "info"] == []


def test_a_figure_in_元_and_the_same_in_万元_agree_when_they_round_to_each_other():
    from budgetx.validate.base import Context, Figure, Place

    t = make_table("t", "other", unit="元")
    ctx = Context(make_doc(t))
    assert ctx.compare("r", Figure(D("8265"), "元", Place(t)), D("0.83"), expected_unit="万元", what=("", "")) is None
    f = ctx.compare("r", Figure(D("8365"), "元", Place(t)), D("0.83"), expected_unit="万元", what=("", ""))
    assert f is not None and f.severity == "warning"  # 0.84 万元 printed as 0.83: one unit of the last digit


# -- a hierarchy shown by indentation only --------------------------------------------


def _indented(*rows: tuple[str, float | None, str]) -> list[Line]:
    lines = [Line(page=3, lineno=0, text="一般公共预算支出表"), Line(page=3, lineno=0, text="单位：万元")]
    lines.append(Line(page=3, lineno=1, cells=["项目", "金额"], grid=1, indents=(None, None)))
    for k, (name, indent, amount) in enumerate(rows, start=2):
        lines.append(Line(page=3, lineno=k, cells=[name, amount], grid=1, indents=(indent, 2.0)))
    return lines


def test_names_indented_without_codes_get_their_level_and_the_catalogues_code():
    tables, _ = segment(
        _indented(
            ("合计", 30.0, "100.00"),
            ("一般公共服务支出", 2.0, "70.00"),
            ("财政事务", 12.0, "70.00"),
            ("行政运行", 22.0, "70.00"),
            ("住房保障支出", 2.0, "30.00"),
            ("住房改革支出", 12.0, "30.00"),
            ("住房公积金", 22.0, "30.00"),
        )
    )
    rows = tables[0].rows
    assert [(r.name, r.level, r.code) for r in rows[1:]] == [
        ("一般公共服务支出", 1, "201"),
        ("财政事务", 2, "20106"),
        ("行政运行", 3, "2010601"),
        ("住房保障支出", 1, "221"),
        ("住房改革支出", 2, "22102"),
        ("住房公积金", 3, "2210201"),
    ]


def test_an_indented_list_of_no_subjects_gets_no_levels():
    tables, _ = segment(_indented(("一、财政拨款收入", 2.0, "10.00"), ("一般公共预算拨款收入", 12.0, "10.00")))
    assert [r.level for r in tables[0].rows] == [None, None]


# -- the document's own table of contents; punctuation a text layer moved ---------------


def test_a_table_of_contents_printed_as_a_grid_is_no_table():
    lines = [
        Line(page=2, lineno=1, text="目 录"),
        *_grid(2, ["一、收支总表", "5"], ["二、收入总表", "6"], ["三、支出总表", "7"]),
        Line(page=5, lineno=1, text="表1 收支总表"),
        Line(page=5, lineno=2, text="单位：万元"),
        *_grid(5, ["项目", "金额"], ["合计", "5.00"], grid=2),
    ]
    tables, narrative = segment(lines)
    assert [t.title for t in tables] == ["收支总表"]
    assert any("一、收支总表" in (ln.text or "") for ln in narrative)


def test_an_ordinal_whose_comma_the_text_layer_moved_to_the_end():
    rows = _rows([("项目", "name"), ("金额", "amount")], ["一一般公共预算资金、", "1.00"], ["十二其他收入、", "2.00"])
    assert [(r.cells[0], r.name) for r in rows] == [
        ("一、一般公共预算资金", "一、一般公共预算资金"),
        ("十二、其他收入", "十二、其他收入"),
    ]


def test_function_and_economic_codes_cross_listed_in_one_list():
    """2010101 行政运行, then its economic items (30101-基本工资 …) under it, then the next 项."""
    names = [("项目", "name"), ("合计", "amount")]
    rows = _rows(
        names,
        ["合计", "30.00"],
        ["201-一般公共服务支出", "30.00"],
        ["20101-人大事务", "30.00"],
        ["2010101-行政运行", "20.00"],
        ["301-工资福利支出", "20.00"],
        ["30101-基本工资", "20.00"],
        ["2010102-一般行政管理事务", "10.00"],
        ["302-商品和服务支出", "10.00"],
        ["30201-办公费", "10.00"],
    )
    assert [(r.code, r.entity) for r in rows[1:]] == [
        ("201", None),
        ("20101", None),
        ("2010101", None),
        ("301", "2010101"),
        ("30101", "2010101"),
        ("2010102", None),
        ("302", "2010102"),
        ("30201", "2010102"),
    ]
    doc = make_doc(make_table("一般公共预算支出表", "general_function", names, rows, unit="万元"))
    assert [f for f in run(doc) if f.rule.startswith("hierarchy") and f.severity != "info"] == []


def test_a_grid_after_sentences_of_the_narrative_is_its_own_small_table():
    """A 会议费/培训费 明细 printed in the text after the tables is never appended to the table before it."""
    lines = [
        Line(page=8, lineno=1, text="表9 “三公”经费支出表"),
        Line(page=8, lineno=2, text="单位：万元"),
        *_grid(8, ["合计", "因公出国（境）费"], ["3.50", "1.00"]),
        Line(page=9, lineno=1, text="（七）会议费、培训费情况说明"),
        Line(page=9, lineno=2, text="2026年会议费、培训费预算如下表。"),
        *_grid(9, ["项目", "金额"], ["会议费", "2.00"], ["培训费", "3.00"], grid=2),
    ]
    tables, _ = segment(lines)
    assert [(t.kind, t.pages, len(t.rows)) for t in tables] == [("three_public", [8], 1), ("narrative_table", [9], 2)]


def test_a_code_printed_twice_for_two_items_still_adds_up_under_its_parent():
    """长春 预算表6: 30208 printed for 取暖费 and again for 物业管理费 (30209); 302 = Σ of every printed 款."""
    names = [("科目编码", "code"), ("科目名称", "name"), ("合计", "amount")]
    rows = _rows(
        names,
        ["", "合计", "50.00"],
        ["302", "商品和服务支出", "50.00"],
        ["30201", "办公费", "10.00"],
        ["30208", "取暖费", "20.00"],
        ["30208", "物业管理费", "30.00"],
        kind="general_basic_economic",
    )
    doc = make_doc(make_table("一般公共预算基本支出表", "general_basic_economic", names, rows, unit="万元"))
    errors = [f for f in run(doc) if f.rule == "hierarchy.sum" and f.severity == "error"]
    assert [(f.code, f.expected, f.actual) for f in errors] == [("302", D("60.00"), D("50.00"))]


def test_the_same_item_printed_twice_with_other_figures_is_not_summed():
    """A row repeated with different figures (which one counts is not printed): no sum is claimed."""
    names = [("科目编码", "code"), ("科目名称", "name"), ("合计", "amount")]
    rows = _rows(
        names,
        ["302", "商品和服务支出", "50.00"],
        ["30201", "办公费", "10.00"],
        ["30208", "取暖费", "20.00"],
        ["30208", "取暖费", "40.00"],
        kind="general_basic_economic",
    )
    doc = make_doc(make_table("一般公共预算基本支出表", "general_basic_economic", names, rows, unit="万元"))
    assert [f for f in run(doc) if f.rule == "hierarchy.sum" and f.severity == "error"] == []


def test_a_sub_column_printing_its_groups_words_keeps_them():
    """长春 预算表7: 因公出国（境）费 › 小计 | 因公出国（境）费 | 科研…: the middle column is its own cell."""
    from budgetx.tables.headers import flatten

    header = [
        ["当年预算", "", "", ""],
        ["因公出国（境）费", "", "", "公务接待费"],
        ["小计", "因公出国（境）费", "科研因公出国（境）费用", "公务接待费"],
    ]
    # the grid reader copied 公务接待费 down from its merged cell (row 3, column 3)
    names = flatten(header, 4, [(), (), (3,)])
    assert names == [
        "当年预算 / 因公出国（境）费 / 小计",
        "当年预算 / 因公出国（境）费 / 因公出国（境）费",
        "当年预算 / 因公出国（境）费 / 科研因公出国（境）费用",
        "当年预算 / 公务接待费",
    ]
    # without the reader's copies, a repeat is taken for a merged cell spanning down
    assert flatten(header, 4)[1] == "当年预算 / 因公出国（境）费"


def test_narrow_columns_under_one_header_keep_their_own_rules():
    """Bounds that rows use beside their neighbour's are columns, not a header's stray rule."""
    from budgetx.readers.pdf.grids import Grid, _drop_stray_bounds

    xs = [0.0, 100.0, 130.0, 160.0]
    ys = [0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0]
    cells = []
    for top, bottom in itertools.pairwise(ys):
        if top < 40:  # the title and group rows span the two narrow columns
            cells += [(0.0, top, 100.0, bottom), (100.0, top, 160.0, bottom)]
        else:  # the lowest header row and the data rows print both narrow columns
            cells += [(0.0, top, 100.0, bottom), (100.0, top, 130.0, bottom), (130.0, top, 160.0, bottom)]
    grid = Grid(bbox=(0.0, 0.0, 160.0, 60.0), xs=xs, ys=ys, cells=cells)
    assert _drop_stray_bounds(grid) == xs


def test_a_form_whose_header_merges_many_rows_still_gets_its_columns():
    """部门整体支出绩效目标表 (tests/fixtures/pdf/overall_form.pdf, written as the provincial template
    prints it): 年度主要任务 merged down its task table, 预算金额（万元） over 总额 | 财政拨款 | 其他资金,
    年度绩效指标 merged down the indicators, 三级指标 merged over two grid columns."""
    from pathlib import Path

    import budgetx

    doc = budgetx.extract(Path(__file__).parent / "fixtures" / "pdf" / "overall_form.pdf")
    (table,) = doc.tables
    assert (table.title, table.kind, table.unit) == ("部门整体支出绩效目标表", "performance_overall", "万元")
    assert table.fields["部门（单位）名称"] == "湖南省示例管理局"
    assert table.fields["年度主要任务 / 行政运行保障 / 主要内容"] == "保障机关正常运转"
    assert table.fields["年度主要任务 / 行政运行保障 / 预算金额（万元） / 总额"] == "120.50"
    assert table.fields["年度主要任务 / 信息化建设 / 预算金额（万元） / 其他资金"] == "0.00"
    assert table.fields["年度主要任务 / 金额合计 / 预算金额（万元） / 财政拨款"] == "180.50"
    assert table.fields["年度总体目标"] == "保障机关正常运转，完成政务系统运维任务。"
    assert [c.name for c in table.columns] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert [r.cells for r in table.rows] == [
        ["产出指标", "数量指标", "系统运维数量", "≥12个"],
        ["产出指标", "质量指标", "系统正常运行率", "≥99%"],
        ["效益指标", "社会效益指标", "政务服务响应时间", "≤2小时"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ]
