"""Golden tables of samples/重庆市潼南区大数据应用发展管理局2021年部门预算.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "samples/重庆市潼南区大数据应用发展管理局2021年部门预算.pdf"
D = "重庆市潼南区大数据应用发展管理局"
T = []
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 预算数", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 合计", "amount", 1),
    ("支出 / 一般公共预算财政拨款", "amount", 1),
    ("支出 / 政府性基金预算财政拨款", "amount", 1),
    ("支出 / 国有资本经营预算财政拨款", "amount", 1),
]
T.append(
    dict(
        label="表1",
        title=D + "财政拨款收支总表",
        kind="fiscal_summary",
        unit="万元",
        pages=[4],
        columns=cols(C),
        rows=rows(C, raw(F, 4)[2:], 4),
    )
)
C = [
    ("功能分类科目 / 科目编码", "code"),
    ("功能分类科目 / 科目名称", "name"),
    ("2021年预算数 / 小计", "amount"),
    ("2021年预算数 / 基本支出", "amount"),
    ("2021年预算数 / 项目支出", "amount"),
]
T.append(
    dict(
        label="表2",
        title=D + "一般公共预算财政拨款支出预算表",
        kind="general_function",
        unit="万元",
        pages=[5],
        columns=cols(C),
        rows=rows(C, raw(F, 5)[2:], 5),
    )
)
C = [
    ("经济分类科目 / 科目编码", "code"),
    ("经济分类科目 / 科目名称", "name"),
    ("2021年基本支出 / 合计", "amount"),
    ("2021年基本支出 / 人员经费", "amount"),
    ("2021年基本支出 / 公用经费", "amount"),
]
T.append(
    dict(
        label="表3",
        title=D + "一般公共预算财政拨款基本支出预算表",
        kind="general_basic_economic",
        unit="万元",
        pages=[6, 7],
        columns=cols(C),
        rows=rows(C, raw(F, 6)[2:], 6) + rows(C, raw(F, 7)[2:], 7),
        remark="continued on p.7 under a repeated title, unit line and header",
    )
)
C = [
    ("2021年预算数 / 合计", "amount"),
    ("2021年预算数 / 因公出国（境）费", "amount"),
    ("2021年预算数 / 公务用车购置及运行费 / 小计", "amount"),
    ("2021年预算数 / 公务用车购置及运行费 / 公务用车购置费", "amount"),
    ("2021年预算数 / 公务用车购置及运行费 / 公务用车运行费", "amount"),
    ("2021年预算数 / 公务接待费", "amount"),
]
T.append(
    dict(
        label="表4",
        title=D + "一般公共预算“三公”经费支出表",
        kind="three_public",
        unit="万元",
        pages=[8],
        columns=cols(C),
        rows=rows(C, raw(F, 8)[3:], 8),
    )
)
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 预算数", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 预算数", "amount", 1),
]
T.append(
    dict(
        label="表6",
        title=D + "部门收支总表",
        kind="summary",
        unit="万元",
        pages=[10],
        columns=cols(C),
        rows=rows(C, raw(F, 10)[2:], 10),
    )
)
for t in T:
    crosscheck(F, t)
save(
    "cq-sample-2021-pdf",
    dict(
        file=F,
        root="repo",
        layout="the sample (Chongqing 2021) rendered as PDF: portrait, ruled, labels 表N, 表3 continued under a repeated title and header; must give the values of the sample text",
        tables=T,
    ),
)
