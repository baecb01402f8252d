"""Golden tables of shanghai/上海市普陀区财政局2024年度部门决算.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "shanghai/上海市普陀区财政局2024年度部门决算.pdf"
T = []
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 决算数", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 决算数", "amount", 1),
]
T.append(
    dict(
        label=None,
        title="收入支出决算总表",
        kind="summary",
        unit="万元",
        pages=[6, 7],
        columns=cols(C),
        rows=rows(C, raw(F, 6)[2:], 6) + rows(C, raw(F, 7), 7),
    )
)
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 决算数", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 合计", "amount", 1),
    ("支出 / 一般公共预算财政拨款", "amount", 1),
    ("支出 / 政府性基金预算财政拨款", "amount", 1),
    ("支出 / 国有资本经营预算财政拨款", "amount", 1),
]
T.append(
    dict(
        label=None,
        title="财政拨款收入支出决算总表",
        kind="fiscal_summary",
        unit="万元",
        pages=[12, 13],
        columns=cols(C),
        rows=rows(C, raw(F, 12)[2:], 12) + rows(C, raw(F, 13), 13),
    )
)
C = [
    ("项目 / 支出功能分类 / 科目编码 / 类", "code"),
    ("项目 / 支出功能分类 / 科目编码 / 款", "code"),
    ("项目 / 支出功能分类 / 科目编码 / 项", "code"),
    ("项目 / 科目名称", "name"),
    ("合计", "amount"),
    ("基本支出", "amount"),
    ("项目支出", "amount"),
]
T.append(
    dict(
        label=None,
        title="一般公共预算财政拨款支出决算表",
        kind="general_function",
        unit="万元",
        pages=[15],
        columns=cols(C),
        rows=rows(C, raw(F, 15)[4:], 15),
    )
)
C = [
    ("经济分类 / 科目编码 / 类", "code", 0),
    ("经济分类 / 科目编码 / 款", "code", 0),
    ("科目名称", "name", 0),
    ("决算数", "amount", 0),
    ("经济分类 / 科目编码 / 类", "code", 1),
    ("经济分类 / 科目编码 / 款", "code", 1),
    ("科目名称", "name", 1),
    ("决算数", "amount", 1),
]
R = rows(C, raw(F, 16)[3:], 16) + rows(C, raw(F, 17), 17)
T.append(
    dict(
        label=None,
        title="一般公共预算财政拨款基本支出决算表",
        kind="general_basic_economic",
        unit="万元",
        pages=[16, 17],
        columns=cols(C),
        rows=R,
        remark="two blocks side by side: 人员经费 (301, 303) on the left, 公用经费 (302, 310) on the right; each printed row holds one item of each block",
    )
)
P = []
for a in [
    "合计",
    "因公出国（境）费",
    "公务用车购置及运行费 / 小计",
    "公务用车购置及运行费 / 公务用车购置费",
    "公务用车购置及运行费 / 公务用车运行费",
    "公务接待费",
]:
    for b in ["预算数", "决算数"]:
        P.append(("财政拨款“三公”经费 / " + a + " / " + b, "amount"))
T.append(
    dict(
        label=None,
        title="财政拨款“三公”经费支出决算表",
        kind="three_public",
        unit="万元",
        pages=[18],
        columns=cols(P),
        rows=rows(P, raw(F, 18)[-1:], 18),
    )
)
for t in T:
    crosscheck(F, t)
save(
    "pt-czj-2024-final",
    dict(
        file=F,
        root="corpus",
        layout="Putuo 决算 (national template): portrait narrative with portrait and landscape table pages mixed, split codes, two-block 基本支出表 (人员经费 | 公用经费) over two pages, letter-spaced wrapped names",
        tables=T,
    ),
)
