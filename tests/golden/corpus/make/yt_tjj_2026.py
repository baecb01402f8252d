"""Golden tables of cities/shandong/烟台_统计局_2026年部门预算.pdf (see ../README.md).

Yantai template: 类 | 款 | 项 code columns in staircase form (each row prints only its own segment;
the row's code is the full code, its parents' segments carried down from the rows above, also
across a page break), 公开表6 with the 部门 and 政府 economic classifications side by side (there
each row prints both its 类 and its 款). The grids are read with pdfplumber; every row is checked
against its ``pdftotext -layout`` line (the line, whitespace and thousands separators removed,
must be exactly the row's non-empty cells in order) and the tables were viewed on the page images.

    python tests/golden/corpus/make/yt_tjj_2026.py     # rewrites yt-tjj-2026-dept.json
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import clean_amt, clean_text, cols, layout, raw, save

F = "cities/shandong/烟台_统计局_2026年部门预算.pdf"


def staircase(columns, data, page, state, groups=None):
    """Rows with full codes: each printed segment replaces its level and drops the levels below it.

    ``groups``: lists of code-column indices, one per classification (default: all code columns);
    ``state`` (one list per group) carries the parent segments over a page break.
    """
    if groups is None:
        groups = [[i for i, c in enumerate(columns) if c[1] == "code"]]
    out = []
    for r in data:
        if all(v is None or not str(v).strip() for v in r):
            continue
        assert len(r) == len(columns), (r, columns)
        cells = [clean_amt(v) if c[1] == "amount" else clean_text(v) for c, v in zip(columns, r, strict=True)]
        codes = []
        for g, st in zip(groups, state, strict=True):
            deepest = -1
            for level, i in enumerate(g):
                v = cells[i]
                if v:
                    assert v.isdigit(), cells
                    assert level == 0 or len(st) >= level, ("orphan segment", cells, st)
                    del st[level:]
                    st.append(v)
                    deepest = level
            codes.append("".join(st[: deepest + 1]) if deepest >= 0 else None)
        names = [v for c, v in zip(columns, cells, strict=True) if c[1] == "name" and v]
        row = {"code": codes[0], "name": names[0] if names else None, "cells": cells}
        if len(groups) > 1:
            row["codes_by_classification"] = {"economic_dept": codes[0], "economic_gov": codes[1]}
        row["page"] = page
        out.append(row)
    return out


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


T = []

# 公开表1 收支总体情况表 (p7)
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 预算数", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 预算数", "amount", 1),
]
T.append(
    dict(
        label="公开表1",
        title="收支总体情况表",
        kind="summary",
        unit="万元",
        pages=[7],
        remark=(
            "the department's 收支总表 (部门收支总表); the family of 收支总体情况表 titles. "
            "Income items 一般公共预算收入 / 政府性基金预算收入 / 国有资本经营预算收入 are printed indented "
            "under 一、财政拨款收入. Blank ruled rows (4 before 本年收入合计, 1 after it) left out; the row "
            "上级补助收入 has nothing on the expenditure side."
        ),
        columns=cols(C),
        rows=staircase(C, raw(F, 7)[2:], 7, [[]]),
    )
)

# 公开表3 支出总体情况表 (p10-11)
C = [
    ("科目编码 / 类", "code"),
    ("科目编码 / 款", "code"),
    ("科目编码 / 项", "code"),
    ("科目名称", "name"),
    ("合计", "amount"),
    ("基本支出", "amount"),
    ("项目支出", "amount"),
    ("结转下年", "amount"),
]
st = [[]]
rows3 = staircase(C, raw(F, 10)[2:], 10, st) + staircase(C, raw(F, 11)[2:], 11, st)
T.append(
    dict(
        label="公开表3",
        title="支出总体情况表",
        kind="expenditure",
        unit="万元",
        pages=[10, 11],
        remark=(
            "the department's 支出总表; the family of 收支总体情况表 titles. Staircase codes: a 类 row "
            "prints only '201', a 款 row only '05', a 项 row only '01'; code is the full code. Page 11 "
            "continues with 项 rows (02, 03, 99) under 210 › 11 of page 10. 结转下年 is empty in every row. "
            "Header repeated on page 11, blank ruled rows left out. Printed inconsistencies kept (as in "
            "公开表5): 20105 合计 1,506.40 and 基本支出 1,180.40 but its 项 rows sum to 1,506.39 and 1,180.39; "
            "合计 row 2,123.11 / 1,704.11 but the 类 rows sum to 2,123.10 / 1,704.10."
        ),
        columns=cols(C),
        rows=rows3,
    )
)

# 公开表4 财政拨款收支总体情况表 (p12-13)
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 预算数", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 预算数 / 总计", "amount", 1),
    ("支出 / 预算数 / 一般公共预算", "amount", 1),
    ("支出 / 预算数 / 政府性基金预算", "amount", 1),
    ("支出 / 预算数 / 国有资本经营预算", "amount", 1),
]
T.append(
    dict(
        label="公开表4",
        title="财政拨款收支总体情况表",
        kind="fiscal_summary",
        unit="万元",
        pages=[12, 13],
        remark=(
            "the 财政拨款收支总表 family. Two pages, header repeated on "
            "page 13 (items 十七 to 二十一, then the totals). 本年收入合计 and 收入总计 print only 总计 and "
            "一般公共预算 on the expenditure side; the expenditure items' own rows print both."
        ),
        columns=cols(C),
        rows=staircase(C, raw(F, 12)[3:], 12, [[]]) + staircase(C, raw(F, 13)[3:], 13, [[]]),
    )
)

# 公开表5 一般公共预算支出情况表 (p14-15)
C = [
    ("科目编码 / 类", "code"),
    ("科目编码 / 款", "code"),
    ("科目编码 / 项", "code"),
    ("科目名称", "name"),
    ("合计", "amount"),
    ("基本支出 / 小计", "amount"),
    ("基本支出 / 人员支出", "amount"),
    ("基本支出 / 日常公用支出", "amount"),
    ("项目支出", "amount"),
]
st = [[]]
rows5 = staircase(C, raw(F, 14)[2:], 14, st) + staircase(C, raw(F, 15)[2:], 15, st)
T.append(
    dict(
        label="公开表5",
        title="一般公共预算支出情况表",
        kind="general_function",
        unit="万元",
        pages=[14, 15],
        remark=(
            "Staircase codes: a 类 row prints only '201', a 款 row only '05', a 项 row only '01'; code is "
            "the full code (2010501). Page 15 continues with 项 rows 02, 03, 99 under 210 › 11 of page 14 "
            "(2101102, 2101103, 2101199). Printed inconsistencies kept (0.01-0.02 rounding): 合计 row "
            "基本支出 / 小计 1,704.11 but 人员支出 1,573.37 + 日常公用支出 130.75 = 1,704.12 (公开表6 prints "
            "1,704.12); 20105 (款 under 201, and 201 itself) 合计 1,506.40 / 小计 1,180.40 / 日常公用支出 "
            "124.65 but its 项 rows sum to 1,506.39 / 1,180.39 / 124.64; 合计 row 2,123.11 / 1,704.11 / "
            "1,573.37 but the 类 rows sum to 2,123.10 / 1,704.10 / 1,573.35."
        ),
        columns=cols(C),
        rows=rows5,
    )
)

# 公开表6 一般公共预算基本支出情况表 (p16-17)
C = [
    ("科目编码 / 类", "code"),
    ("科目编码 / 款", "code"),
    ("部门预算支出经济分类科目名称", "name"),
    ("科目编码 / 类", "code"),
    ("科目编码 / 款", "code"),
    ("政府预算支出经济分类科目名称", "name"),
    ("基本支出预算 / 小计", "amount"),
    ("基本支出预算 / 人员支出", "amount"),
    ("基本支出预算 / 日常公用支出", "amount"),
]
st = [[], []]
G = [[0, 1], [3, 4]]
rows6 = staircase(C, raw(F, 16)[2:], 16, st, G) + staircase(C, raw(F, 17)[2:], 17, st, G)
T.append(
    dict(
        label="公开表6",
        title="一般公共预算基本支出情况表",
        kind="general_basic_economic",
        unit="万元",
        pages=[16, 17],
        remark=(
            "Two economic classifications side by side in one amount block: 部门预算支出经济分类 (类 | 款, "
            "301 | 01) then 政府预算支出经济分类 (类 | 款, 501 | 01). Unlike 公开表3/5, every row prints its "
            "类 as well as its 款 (not staircase). code is the 部门 code; codes_by_classification gives "
            "both. Rows are grouped by 政府 类, so 部门 codes repeat: 301 with 501 and again with 505, 302 "
            "with 502 and with 505, and 30101 … 30113, 30201 … 30299 twice. The 合计 row: 1,704.12 = "
            "1,573.37 + 130.75, while 公开表5 prints 基本支出 1,704.11. Printed inconsistencies kept: 301 工资福利支出 "
            "(with 501) 705.28 but its 款 rows sum to 705.29; 合计 1,704.12 / 1,573.37 / 130.75 but the 类 "
            "rows sum to 1,704.10 / 1,573.36 / 130.74. The other 类 rows = Σ their 款 rows; 302/502 "
            "92.40 = the 机关运行经费 92.4 of the narrative."
        ),
        columns=cols(C),
        rows=rows6,
    )
)

# 公开表7 一般公共预算“三公”经费支出情况表 (p18)
C = []
for y in ("2025年预算数", "2026年预算数"):
    C += [
        (f"{y} / 合计", "amount"),
        (f"{y} / 因公出国（境）经费", "amount"),
        (f"{y} / 公务用车购置及运行维护费 / 小计", "amount"),
        (f"{y} / 公务用车购置及运行维护费 / 公务用车购置经费", "amount"),
        (f"{y} / 公务用车购置及运行维护费 / 公务用车运行维护费", "amount"),
        (f"{y} / 公务接待费", "amount"),
    ]
T.append(
    dict(
        label="公开表7",
        title="一般公共预算“三公”经费支出情况表",
        kind="three_public",
        unit="万元",
        pages=[18],
        remark=(
            "2025年预算数 and 2026年预算数 side by side, same six columns each; one data row, no name "
            "column. 公务接待费 1.80 = 公开表6 30217 公务接待费 1.80."
        ),
        columns=cols(C),
        rows=staircase(C, raw(F, 18)[3:], 18, [[]]),
    )
)

for t in T:
    crosscheck_lines(t)
save(
    "yt-tjj-2026-dept",
    dict(
        file=F,
        root="corpus",
        layout=(
            "Yantai 部门预算 (公开表N at top right, 部门（单位） line and 单位：万元 above the grid): 类 | 款 | 项 "
            "codes in staircase form (only the row's own segment printed), carried across page breaks; "
            "公开表6 with 部门 (301) and 政府 (501/505) economic codes side by side; amounts with thousands "
            "separators; 2025 and 2026 三公 side by side; blank ruled rows"
        ),
        tables=T,
    ),
)
