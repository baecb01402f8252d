"""Golden tables of jiangsu/2017年度部门预算公开表.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "jiangsu/2017年度部门预算公开表.pdf"
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
        label="表一",
        title="收支预算总表",
        kind="summary",
        unit="万元",
        pages=[1],
        columns=cols(C),
        rows=rows(C, raw(F, 1)[4:], 1),
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
        label="表四",
        title="财政拨款收支预算总表",
        kind="fiscal_summary",
        unit="万元",
        pages=[4],
        columns=cols(C),
        rows=rows(C, raw(F, 4)[4:], 4),
    )
)
C = [("功能科目代码", "code"), ("功能科目名称", "name"), ("金额", "amount")]
T.append(
    dict(
        label="表五",
        title="财政拨款支出预算表",
        kind="fiscal_function",
        unit="万元",
        pages=[5],
        columns=cols(C),
        rows=rows(C, raw(F, 5)[2:], 5),
    )
)
C = [("科目编码", "code"), ("科目名称", "name"), ("金额", "amount")]
T.append(
    dict(
        label="表六",
        title="财政拨款基本支出预算表",
        kind="fiscal_basic_economic",
        unit="万元",
        pages=[6],
        columns=cols(C),
        rows=rows(C, raw(F, 6)[2:], 6),
        remark="2017 edition: 住房公积金 is printed as 30311 (30113 from 2018)",
    )
)
C = [("科目编码", "code"), ("科目名称", "name"), ("机关运行经费支出", "amount")]
T.append(
    dict(
        label="表十",
        title="一般公共预算机关运行经费支出预算表",
        kind="operating_costs",
        unit="万元",
        pages=[10],
        columns=cols(C),
        rows=rows(C, raw(F, 10)[2:], 10),
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
        label="表十一",
        title="“三公”经费、会议费、培训费支出预算表（一般公共预算）",
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
    "js-zx-2017-tables",
    dict(
        file=F,
        root="corpus",
        layout="Jiangsu 2017 tables-only file (Excel): labels 表一 … 表十二 in Chinese numerals, 2017 codes (30311 住房公积金), the 机关运行经费 table",
        tables=T,
    ),
)
