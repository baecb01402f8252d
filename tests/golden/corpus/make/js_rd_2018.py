"""Golden tables of jiangsu/省人大办公厅2018预算公开.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "jiangsu/省人大办公厅2018预算公开.pdf"
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
        label="公开01表",
        title="收支预算总表",
        kind="summary",
        unit="万元",
        pages=[8],
        columns=cols(C),
        rows=rows(C, raw(F, 8, 0)[3:], 8),
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
        label="公开04表",
        title="财政拨款收支预算总表",
        kind="fiscal_summary",
        unit="万元",
        pages=[10],
        columns=cols(C),
        rows=rows(C, raw(F, 10, 1)[3:], 10),
    )
)
C = [("功能科目代码", "code"), ("功能科目名称", "name"), ("金额", "amount")]
T.append(
    dict(
        label="公开05表",
        title="财政拨款支出预算表（功能科目）",
        kind="fiscal_function",
        unit="万元",
        pages=[11],
        columns=cols(C),
        rows=rows(C, raw(F, 11, 0)[2:], 11),
    )
)
C = [("科目编码", "code"), ("科目名称", "name"), ("金额", "amount")]
T.append(
    dict(
        label="公开06表",
        title="财政拨款基本支出预算表（经济科目）",
        kind="fiscal_basic_economic",
        unit="万元",
        pages=[12],
        columns=cols(C),
        rows=rows(C, raw(F, 12, 0)[3:], 12),
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
        pages=[15],
        columns=cols(C),
        rows=rows(C, raw(F, 15, 0)[3:], 15),
    )
)
for t in T:
    crosscheck(F, t)
save(
    "js-rd-2018-full",
    dict(
        file=F,
        root="corpus",
        layout="Jiangsu full document: portrait narrative, then tables two to a page (公开03+04, 公开09+10 share a page); amounts with and without thousands separators in the same file",
        tables=T,
    ),
)
