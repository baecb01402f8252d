"""Golden tables of jiangsu/江苏省委办公厅2018年度部门预算公开表.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "jiangsu/江苏省委办公厅2018年度部门预算公开表.pdf"
T = []
C = [
    ("收入 / 项目名称", "name", 0),
    ("收入 / 金额", "amount", 0),
    ("支出 / 功能分类 / 功能科目名称", "name", 1),
    ("支出 / 功能分类 / 金额", "amount", 1),
    ("支出 / 支出用途 / 项目名称", "name", 2),
    ("支出 / 支出用途 / 金额", "amount", 2),
]
T.append(
    dict(
        label=None,
        title="收支预算总表",
        kind="summary",
        unit="万元",
        pages=[3],
        columns=cols(C),
        rows=rows(C, raw(F, 3)[4:], 3),
    )
)
C = [
    ("收入 / 项目名称", "name", 0),
    ("收入 / 金额", "amount", 0),
    ("支出 / 支出用途 / 项目名称", "name", 1),
    ("支出 / 支出用途 / 金额", "amount", 1),
]
T.append(
    dict(
        label=None,
        title="财政拨款收支预算总表",
        kind="fiscal_summary",
        unit="万元",
        pages=[6],
        columns=cols(C),
        rows=rows(C, raw(F, 6)[4:], 6),
    )
)
C = [("功能科目代码", "code"), ("功能科目名称", "name"), ("金额", "amount")]
T.append(
    dict(
        label=None,
        title="财政拨款支出预算表",
        kind="fiscal_function",
        unit="万元",
        pages=[7],
        columns=cols(C),
        rows=rows(C, raw(F, 7)[2:], 7),
    )
)
C = [("科目编码", "code"), ("科目名称", "name"), ("金额", "amount")]
T.append(
    dict(
        label=None,
        title="财政拨款基本支出预算表",
        kind="fiscal_basic_economic",
        unit="万元",
        pages=[8],
        columns=cols(C),
        rows=rows(C, raw(F, 8)[2:], 8),
        remark="page 8 is one of the two table pages stored without /Rotate (the others are portrait + /Rotate 90)",
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
        label=None,
        title="“三公”经费、会议费、培训费支出预算表",
        kind="three_public",
        unit="万元",
        pages=[11],
        columns=cols(C),
        rows=rows(C, raw(F, 11)[-1:], 11),
    )
)
for t in T:
    crosscheck(F, t)
save(
    "js-swbgt-2018-cover",
    dict(
        file=F,
        root="corpus",
        layout="Jiangsu tables-only file with a 江苏省财政厅印制 cover and a 目录 page, no labels, 13 of 15 pages portrait + /Rotate 90 and two not",
        tables=T,
    ),
)
