"""Performance-target forms printed without rules: found under their title, with their rows.

The fixtures are pages cut from corpus documents with ``tools/unrule.py --pages`` (every rule and
cell border removed, the text where it was); the expected rows were read off the ruled pages:

- ``yantai_minzheng_p33_form``: fields under the title (one of them a 年度总体目标 wrapped over four
  lines beside its label), a header of labels (一级指标 | 二级指标 | 三级指标 | 指标值) and eleven
  indicators, their level names merged over the rows they span and printed lower than the middle
  of those rows; 年度绩效指标 one glyph a line left of the header;
- ``yantai_guihua_p37_form``: level names wrapped in their cells (``可持续影响指`` over ``标``, the
  next cell's ``服务对象满`` under it as close), an indicator name centred on its rows;
- ``yantai_guihua_p39_form``: a form over two pages, the second under its title printed again
  without the header: its rows are read in the columns of the page before.
"""

from __future__ import annotations

import budgetx
from budgetx.pages import parse
from budgetx.readers import pdf
from budgetx.readers.pdf import aligned_forms
from tests.conftest import FIXTURES

UNRULED = FIXTURES / "unruled"


def _rows(name: str) -> list[list[str]]:
    path = UNRULED / f"{name}.pdf"
    result = pdf.read(path.read_bytes(), str(path), pages=parse("1"))
    return [list(line.cells) for line in result.lines if line.cells is not None]


def test_form_without_rules_is_read_as_rows_under_its_title() -> None:
    rows = _rows("yantai_minzheng_p33_form")
    assert rows[:4] == [
        ["专项资金名称", "惠民殡葬补助资金"],
        ["主管部门", "烟台市民政局"],
        ["年度预算资金（万元）", "2149.09"],
        [
            "年度总体目标",
            "通过对符合政策对象实施殡葬奖补，建立普惠性基本殡葬服务免费政策与节地生态奖补制度，推行常态化海葬，"
            "进一步扩大惠民殡葬覆盖面，有效减轻群众殡葬支出负担；同时推进殡葬改革纵深发展，推动形成绿色、节地、"
            "文明的殡葬环境，提升殡葬公共服务均等化水平。",
        ],
    ]
    assert rows[5:] == [
        ["", "一级指标", "二级指标", "三级指标", "指标值"],
        ["年度绩效指标", "成本指标", "经济成本指标", "实际支出不超预算", "≤2149.09万元"],
        ["年度绩效指标", "产出指标", "数量指标", "基本殡葬费用减免完成率", "1"],
        ["年度绩效指标", "产出指标", "数量指标", "节地生态安葬奖补人数", "≥50人"],
        ["年度绩效指标", "产出指标", "数量指标", "常态化公益性海葬奖补人数", "≥500人"],
        ["年度绩效指标", "产出指标", "质量指标", "惠民殡葬奖补对象准确性", "=100%"],
        ["年度绩效指标", "产出指标", "质量指标", "惠民殡葬奖补标准发放准确性", "=100%"],
        ["年度绩效指标", "产出指标", "时效指标", "惠民殡葬补助发放及时率", "=100%"],
        # the page merges 效益指标 over this row and the two under it; its label is printed low in
        # the cell, so the row takes the 产出指标 above, and the form reads the 一级 from the 二级
        ["年度绩效指标", "产出指标", "社会效益指标", "社会群众殡葬负担", "有效减轻"],
        ["年度绩效指标", "效益指标", "生态效益指标", "绿色生态殡葬推动效果", "效果显著"],
        ["年度绩效指标", "效益指标", "可持续影响", "殡葬公共服务体系", "不断完善"],
        ["年度绩效指标", "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%"],
    ]
    doc = budgetx.extract(UNRULED / "yantai_minzheng_p33_form.pdf")
    (table,) = doc.tables
    assert table.title == "专项资金绩效目标表"
    assert [c.name for c in table.columns] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert len(table.rows) == 11
    assert table.rows[7].cells == ["效益指标", "社会效益指标", "社会群众殡葬负担", "有效减轻"]
    assert table.fields["主管部门"] == "烟台市民政局"


def test_level_names_wrapped_in_their_cells_stay_apart() -> None:
    rows = _rows("yantai_guihua_p37_form")
    assert rows[-9:] == [
        ["年度绩效指标", "成本指标", "经济成本指标", "年度项目总成本", "≤140.00万元"],
        ["年度绩效指标", "产出指标", "数量指标", "完成空间数据更新套数", "1套"],
        ["年度绩效指标", "产出指标", "数量指标", "完成应急地图编制套数", "1套"],
        ["年度绩效指标", "产出指标", "数量指标", "按需提供突发事件应急测绘保障次数", "≥1次"],
        ["年度绩效指标", "产出指标", "质量指标", "项目验收合格率", "100%"],
        ["年度绩效指标", "产出指标", "时效指标", "项目完成及时率", "100%"],
        ["年度绩效指标", "效益指标", "社会效益指标", "灾害预防和应急处置能力", "效果显著"],
        ["年度绩效指标", "效益指标", "可持续影响指标", "抗灾救灾信息化支撑保障能力", "效果显著"],
        ["年度绩效指标", "满意度指标", "服务对象满意度指标", "业务部门满意度", "≥90%"],
    ]


def test_merged_labels_tile_the_rows_nearest_their_middles() -> None:
    # four rows a pitch of 10 apart; one label centred on the first, one on the three others
    rows = [(float(t), float(t + 8)) for t in (0, 10, 20, 30)]
    assert aligned_forms._tile([4.0, 24.0], rows) == [(0, 0), (1, 3)]
    # printed lower than the middle of its rows, a label still takes them when the next one must
    # have a row of its own
    assert aligned_forms._tile([4.0, 22.0, 34.0], rows) == [(0, 0), (1, 2), (3, 3)]


def test_form_continued_without_its_header_on_the_next_page() -> None:
    doc = budgetx.extract(UNRULED / "yantai_guihua_p39_form.pdf")
    (table,) = doc.tables
    assert table.title == "政策和项目预算绩效目标表"
    assert table.pages == [1, 2]
    assert len(table.rows) == 23
    assert [r.cells for r in table.rows if r.page == 2] == [
        ["效益指标", "经济效益指标", "土地出让收入", "≥25亿元"],
        ["效益指标", "经济效益指标", "探矿权出让市级收益", "≥2亿元"],
        ["效益指标", "经济效益指标", "采矿权出让市级收益", "≥1.69亿元"],
        ["效益指标", "社会效益指标", "自然资源业务工作保障率", "=100%"],
        ["满意度指标", "服务对象满意度指标", "局机关内部员工满意度", "≥90%"],
        ["满意度指标", "服务对象满意度指标", "会议与培训参与者满意度", "≥90%"],
    ]
