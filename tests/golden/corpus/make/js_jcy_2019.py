"""Golden tables of jiangsu/2019年度部门预算公开.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "jiangsu/2019年度部门预算公开.pdf"


def squeeze(r):
    """A coded row of a grid whose cells pdfplumber splits unevenly: its non-empty cells are code, name, amount."""
    v = [x for x in r if x is not None and x.strip()]
    if not v:
        return None
    if v[0].strip().isdigit():
        return [v[0], v[1], v[2] if len(v) > 2 else None]
    return [None, v[0], v[1] if len(v) > 1 else None]


T = []
C = [
    ("收入 / 项目名称", "name", 0),
    ("收入 / 金额", "amount", 0),
    ("支出 / 支出用途 / 项目名称", "name", 1),
    ("支出 / 支出用途 / 金额", "amount", 1),
]
T.append(
    dict(
        label="公开04表",
        title="财政拨款收支预算总表",
        kind="fiscal_summary",
        unit="万元",
        pages=[16],
        columns=cols(C),
        rows=rows(C, raw(F, 16, 0)[3:], 16),
        remark="its label 公开04表 is printed at the foot of p.15; amounts without thousands separators and with one decimal (4335.3)",
    )
)
C = [("功能科目代码", "code"), ("功能科目名称", "name"), ("金额", "amount")]
R = [x for x in (squeeze(r) for r in raw(F, 16, 1)[2:]) if x]
T.append(
    dict(
        label="公开05表",
        title="财政拨款支出预算表（功能科目）",
        kind="fiscal_function",
        unit="万元",
        pages=[16],
        columns=cols(C),
        rows=rows(C, R, 16),
    )
)
C = [("科目编码", "code"), ("科目名称", "name"), ("金额", "amount")]
R = [x for x in (squeeze(r) for r in raw(F, 17, 0)[1:]) if x]
T.append(
    dict(
        label="公开06表",
        title="财政拨款基本支出预算表（经济科目）",
        kind="fiscal_basic_economic",
        unit="万元",
        pages=[17],
        columns=cols(C),
        rows=rows(C, R, 17),
        remark="its label 公开06表 is printed at the foot of p.16",
    )
)
C = [
    ("合计", "amount"),
    ("“三公”经费 / 小计", "amount"),
    ("“三公”经费 / 因公出国（境）费", "amount"),
    ("“三公”经费 / 公务用车购置及运行维护费 / 小计", "amount"),
    ("“三公”经费 / 公务用车购置及运行维护费 / 公务用车购置费", "amount"),
    ("“三公”经费 / 公务用车购置及运行维护费 / 公务用车运行维护费", "amount"),
    ("“三公”经费 / 公务接待费", "amount"),
    ("会议费", "amount"),
    ("培训费", "amount"),
]
T.append(
    dict(
        label="公开09表",
        title="“三公”经费、会议费、培训费支出预算表",
        kind="three_public",
        unit="万元",
        pages=[20],
        columns=cols(C),
        rows=rows(C, [["1276.7", "418.26", "80", "237", None, "237", "101.26", "158.44", "700"]], 20),
        remark="transcribed from the page image and pdftotext (the grid splits into uneven cells); amounts printed without decimals (80, 237, 700)",
    )
)
C = [("功能科目编码", "code"), ("功能科目名称", "name"), ("金额", "amount")]
T.append(
    dict(
        label="公开10表",
        title="政府性基金预算财政拨款支出预算表",
        kind="government_fund",
        unit="万元",
        pages=[20],
        columns=cols(C),
        rows=[],
        note="此表为空",
        remark='empty: a 合计 row without amount, then "此表为空" printed inside the first cell of the grid',
    )
)
for t in T:
    crosscheck(F, t)
save(
    "js-jcy-2019-full",
    dict(
        file=F,
        root="corpus",
        layout='Jiangsu 2019 full document: labels printed at the foot of the previous page, grids that split into uneven cells, amounts with and without separators and decimals, an empty table whose "此表为空" sits inside the grid',
        tables=T,
    ),
)
