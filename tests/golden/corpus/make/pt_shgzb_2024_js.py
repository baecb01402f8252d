"""Golden tables of shanghai/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "shanghai/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
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
        pages=[5],
        columns=cols(C),
        rows=rows(C, raw(F, 5)[2:], 5),
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
        pages=[10, 11],
        columns=cols(C),
        rows=rows(C, raw(F, 10)[2:], 10) + rows(C, raw(F, 11), 11),
    )
)
C = [
    ("项目 / 功能分类科目编码", "code"),
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
        pages=[12],
        columns=cols(C),
        rows=rows(C, raw(F, 12)[2:], 12),
    )
)
C = [
    ("经济分类科目编码", "code", 0),
    ("科目名称", "name", 0),
    ("决算数", "amount", 0),
    ("经济分类科目编码", "code", 1),
    ("科目名称", "name", 1),
    ("决算数", "amount", 1),
]
T.append(
    dict(
        label=None,
        title="一般公共预算财政拨款基本支出决算表",
        kind="general_basic_economic",
        unit="万元",
        pages=[13],
        columns=cols(C),
        rows=rows(C, raw(F, 13)[1:], 13),
        remark="two blocks side by side: 人员经费 (301, 303) | 公用经费 (302, 310); 人员经费合计 95.36 + 公用经费合计 10.23 = 105.59 while the function table prints 基本支出 105.58 (a printed rounding difference of 0.01)",
    )
)
P = []
for a in [
    "合计",
    "因公出国（境）费",
    "公务用车购置及运行维护费 / 小计",
    "公务用车购置及运行维护费 / 公务用车购置费",
    "公务用车购置及运行维护费 / 公务用车运行维护费",
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
        pages=[14],
        columns=cols(P),
        rows=rows(P, raw(F, 14)[4:], 14),
        note="说明：中共上海市普陀区委社会工作部本年度没有财政拨款“三公”经费支出，故本表无数据。",
    )
)
for t in T:
    crosscheck(F, t)
save(
    "pt-shgzb-2024-final",
    dict(
        file=F,
        root="corpus",
        layout="Putuo 决算 of a department founded in 2024: portrait narrative, landscape and portrait table pages mixed, joined 7-digit codes with names wrapped in narrow cells, two-block 基本支出表 on one page, an empty 三公 table with its note",
        tables=T,
    ),
)
