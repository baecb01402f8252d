"""Golden tables of cities/zhejiang/湖州_财政局_2026年部门预算.pdf (see ../README.md).

Huzhou template: 表NN at top right, the line '341-湖州市财政局 … 单位：万元' right above the grid,
a column-index row ('** ** 1 2 3 …') under each header (repeated on continuation pages; not a
data row), one joined code column (201 / 20106 / 2010601) indented by level, and in 表01 / 表04
an expenditure side printed as names only, indented by level. Grids are read with pdfplumber;
every row is checked against its ``pdftotext -layout`` line (the line, whitespace removed, must
be exactly the row's non-empty cells in order); the expenditure-side levels are read from the
x position of each name (3 indents, 10 pt apart) and were checked on the page images.

    python tests/golden/corpus/make/hz_czj_2026.py     # rewrites hz-czj-2026-dept.json
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, layout, pdf, raw, rows, save

F = "cities/zhejiang/湖州_财政局_2026年部门预算.pdf"
DEPT = "341-湖州市财政局"


def crosscheck_lines(table):
    """Each row: some layout line of its page, flattened, is exactly its non-empty cells joined."""
    bad = 0
    for r in table["rows"]:
        want = "".join(v for v in r["cells"] if v is not None)
        lines = [re.sub(r"\s+", "", ln).replace(",", "") for ln in layout(F, r["page"]).splitlines()]
        if want not in lines:
            bad += 1
            print("  ! no layout line", r["page"], want)
    print(f"  crosscheck {table['label']} {table['title']}: {len(table['rows'])} rows, {bad} not on one line")
    return bad


def index_row(data, n):
    """The column-index row under the header: '**' over the code and name columns, then 1 … n."""
    assert [c for c in data[0] if c not in ("**",)] == [str(i) for i in range(1, n + 1)], data[0]
    return data[1:]


def levels(table, name_col):
    """Expenditure-side level from the x position of the name in its cell (1, 2 or 3 indents)."""
    for r in table["rows"]:
        r["codes"] = None
        name = r["cells"][name_col]
        r["level"] = None
        if not name or "合计" in name or "总计" in name:
            continue
        pg = pdf(F).pages[r["page"] - 1]
        grid = pg.find_tables()[0]
        hits = []
        for gr in grid.rows:
            cell = gr.cells[name_col]
            if cell is None:
                continue
            chars = [c for c in pg.crop(cell).chars if c["text"].strip()]
            if "".join(c["text"] for c in chars) == name:
                hits.append(min(c["x0"] for c in chars) - cell[0])
        assert len(hits) == 1, (name, hits)
        indent = hits[0]
        lv = round((indent - 1) / 9.9) + 1
        assert lv in (1, 2, 3) and abs(indent - 1 - 9.9 * (lv - 1)) < 1.5, (name, indent)
        r["level"] = lv


T = []

# 表01 2026年市级部门收支预算总表 (p17-18)
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 预算数", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 预算数", "amount", 1),
]
t = dict(
    label="表01",
    title="2026年市级部门收支预算总表",
    kind="summary",
    unit="万元",
    pages=[17, 18],
    department_line=DEPT,
    remark=(
        "The expenditure side prints names only, no codes: 类 / 款 / 项 shown by indentation (level 1, "
        "2, 3 read from the page: names 0, 10, 20 pt from the cell's left edge); each row's level "
        "gives it, codes is null. The implied codes: 201 一般公共服务支出 › 20106 财政事务 › 2010601 "
        "行政运行 … as in 表05. 年终结转结余 (page 18) is flush left: level 1; the centred totals have "
        "level null. The income side is indented too (一般公共预算 / 政府性基金预算 / 国有资本经营预算 "
        "under 一、财政拨款), not recorded. '341-湖州市财政局' is printed on the unit line just above the "
        "grid (department_line), not a data row. No column-index row in this table. Page 18 repeats "
        "title and header and holds 上年结转结余 / 年终结转结余 and the 总计 row."
    ),
    columns=cols(C),
    rows=rows(C, raw(F, 17)[2:], 17) + rows(C, raw(F, 18)[2:], 18),
)
levels(t, 2)
T.append(t)

# 表03 2026年市级部门支出预算总表 (p20-21)
C = [
    ("科目编码", "code"),
    ("科目名称", "name"),
    ("总计", "amount"),
    ("基本支出 / 人员支出", "amount"),
    ("基本支出 / 公用经费", "amount"),
    ("项目支出", "amount"),
    ("事业单位经营支出", "amount"),
    ("上缴上级支出", "amount"),
    ("对附属单位补助支出", "amount"),
]
T.append(
    dict(
        label="表03",
        title="2026年市级部门支出预算总表",
        kind="expenditure",
        unit="万元",
        pages=[20, 21],
        department_line=DEPT,
        remark=(
            "Title printed '2026 年市级部门支出预算总表', unit '单位:万元' (half-width colon). Column-index "
            "row '** ** 1 … 7' under the header on both pages, not a data row. No 基本支出 小计 column. "
            "Joined codes, indented by level inside the code cell. Printed rounding inconsistencies kept "
            "(the note says 金额单位转换时存在尾数误差): 201 and 20106 总计 5356.01 but 3478.23 + 611.02 + "
            "1266.75 = 5356.00; 208, 20805 796.52 but 780.88 + 15.65 = 796.53; 2080501 307.91 but "
            "292.27 + 15.65 = 307.92; 20106 人员支出 3478.23 but its 项 rows sum to 3478.24."
        ),
        columns=cols(C),
        rows=rows(C, index_row(raw(F, 20)[2:], 7), 20) + rows(C, index_row(raw(F, 21)[2:], 7), 21),
    )
)

# 表04 2026年市级部门财政拨款收支预算总表 (p22)
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 预算数", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 预算数", "amount", 1),
]
t = dict(
    label="表04",
    title="2026年市级部门财政拨款收支预算总表",
    kind="fiscal_summary",
    unit="万元",
    pages=[22],
    department_line=DEPT,
    remark=(
        "Expenditure side names only, indented by level as in 表01 (level 1/2/3, codes null). The "
        "本年收入合计 row has nothing on the expenditure side (no 本年支出合计 row); 上年结转结余 and its "
        "three indented sub-items (一般公共预算 / 政府性基金预算 / 国有资本经营预算, empty) follow on the "
        "income side only."
    ),
    columns=cols(C),
    rows=rows(C, raw(F, 22)[2:], 22),
)
levels(t, 2)
T.append(t)

# 表05 2026年市级部门一般公共预算支出表 (p23-24)
C = [
    ("科目编码", "code"),
    ("科目名称", "name"),
    ("合计", "amount"),
    ("基本支出 / 小计", "amount"),
    ("基本支出 / 人员经费", "amount"),
    ("基本支出 / 公用经费", "amount"),
    ("项目支出", "amount"),
]
T.append(
    dict(
        label="表05",
        title="2026年市级部门一般公共预算支出表",
        kind="general_function",
        unit="万元",
        pages=[23, 24],
        department_line=DEPT,
        remark=(
            "Column-index row '** ** 1 2 3 4 5' under the header on both pages, not a data row. Joined "
            "codes indented by level. Page 24 continues 221 (page 23) with 22102 and 2210201 under a "
            "repeated title and header. Printed rounding inconsistencies kept (note 金额单位转换时存在尾数误差): "
            "201 and 20106 基本支出 / 小计 4089.26 but 人员经费 3478.23 + 公用经费 611.02 = 4089.25; 208, "
            "20805 小计 796.52 but 780.88 + 15.65 = 796.53; 2080501 小计 307.91 but 292.27 + 15.65 = "
            "307.92; 20106 (and 201) 人员经费 3478.23 but its 项 rows 3102.63 + 375.61 = 3478.24."
        ),
        columns=cols(C),
        rows=rows(C, index_row(raw(F, 23)[2:], 5), 23) + rows(C, index_row(raw(F, 24)[2:], 5), 24),
    )
)

# 表06 2026年市级部门一般公共预算基本支出表 (p25-27)
C = [
    ("经济分类科目 / 科目编码", "code"),
    ("经济分类科目 / 科目名称", "name"),
    ("本年一般公共预算基本支出 / 合计", "amount"),
    ("本年一般公共预算基本支出 / 人员经费", "amount"),
    ("本年一般公共预算基本支出 / 公用经费", "amount"),
]
T.append(
    dict(
        label="表06",
        title="2026年市级部门一般公共预算基本支出表",
        kind="general_basic_economic",
        unit="万元",
        pages=[25, 26, 27],
        department_line=DEPT,
        remark=(
            "Three pages, title, header and column-index row '** ** 1 2 3' repeated on each. 303 "
            "对个人和家庭的补助 is split over 人员经费 300.20 and 公用经费 14.90 (30399 in 公用经费). Printed "
            "rounding inconsistency kept: 合计 row 5571.66 / 人员经费 4944.99 but the 类 rows sum to "
            "5571.67 / 4945.00 (each 类 = Σ its 款; 合计 = 人员经费 + 公用经费). 合计 5571.66 = 表05 基本支出."
        ),
        columns=cols(C),
        rows=rows(C, index_row(raw(F, 25)[2:], 3), 25)
        + rows(C, index_row(raw(F, 26)[2:], 3), 26)
        + rows(C, index_row(raw(F, 27)[2:], 3), 27),
    )
)

# 表07 2026年市级部门一般公共预算"三公"经费支出表 (p28)
C = [
    ("单位名称", "name"),
    ("“三公”经费合计", "amount"),
    ("因公出国(境)费用", "amount"),
    ("公务用车购置及运行费 / 小计", "amount"),
    ("公务用车购置及运行费 / 公务用车购置费", "amount"),
    ("公务用车购置及运行费 / 公务用车运行维护费", "amount"),
    ("公务接待费", "amount"),
]
T.append(
    dict(
        label="表07",
        title='2026年市级部门一般公共预算"三公"经费支出表',
        kind="three_public",
        unit="万元",
        pages=[28],
        department_line=DEPT,
        remark=(
            'Title with ASCII double quotes ("三公"), header with curly ones (“三公”经费合计). One row per '
            "unit (单位名称) after the 合计 row; column-index row '** 1 … 6' not a data row. Notes under "
            "the grid: '注：不含教学科研人员学术交流因公出国（境）费用。' and '注：本套报表金额单位转换时存在尾数误差'. "
            "合计 9.30 matches the narrative (“三公”经费预算数为 9.30 万元)."
        ),
        columns=cols(C),
        rows=rows(C, index_row(raw(F, 28)[2:], 6), 28),
    )
)

for t in T:
    crosscheck_lines(t)
save(
    "hz-czj-2026-dept",
    dict(
        file=F,
        root="corpus",
        layout=(
            "Huzhou 部门预算 (5 units): landscape, label 表NN top right, '341-湖州市财政局' and '单位：万元' on "
            "one line above the grid, a '** ** 1 2 3' column-index row under each header (repeated on "
            "continuation pages), joined codes indented by level, 收支总表 expenditure side names-only with "
            "indentation, 三公 table by unit, amounts without thousands separators, a rounding note "
            "under each table"
        ),
        tables=T,
    ),
)
