"""Golden tables of shanghai/上海市普陀区人民政府万里街道办事处25年预算.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "shanghai/上海市普陀区人民政府万里街道办事处25年预算.pdf"


def body(r):
    """Rows after a repeated header (rows before the first whose first cell is a code or 合计)."""
    for i, row in enumerate(r):
        if row[0] and (row[0].strip().isdigit() or row[0].strip() == "合计"):
            return r[i:]
    return []


T = []
C = [
    ("本年收入 / 项目", "name", 0),
    ("本年收入 / 预算数", "amount", 0),
    ("本年支出 / 项目", "name", 1),
    ("本年支出 / 预算数", "amount", 1),
]
T.append(
    dict(
        label=None,
        title="2025年部门财务收支预算总表",
        kind="summary",
        unit="元",
        pages=[9],
        columns=cols(C),
        rows=rows(C, raw(F, 9)[2:], 9),
    )
)
C = [
    ("项目 / 功能分类科目编码 / 类", "code"),
    ("项目 / 功能分类科目编码 / 款", "code"),
    ("项目 / 功能分类科目编码 / 项", "code"),
    ("项目 / 功能分类科目名称", "name"),
    ("收入预算 / 合计", "amount"),
    ("收入预算 / 财政拨款收入", "amount"),
    ("收入预算 / 事业收入", "amount"),
    ("收入预算 / 事业单位经营收入", "amount"),
    ("收入预算 / 其他收入", "amount"),
]
R = []
for p in [10, 11, 12, 13]:
    R += rows(C, body(raw(F, p)), p)
T.append(
    dict(
        label=None,
        title="2025年部门收入预算总表",
        kind="income",
        unit="元",
        pages=[10, 11, 12, 13],
        columns=cols(C),
        rows=R,
        remark="212 and 21201 are printed one 元 off the sum of their children (a printed inconsistency, kept)",
    )
)
C = [
    ("财政拨款收入 / 项目", "name", 0),
    ("财政拨款收入 / 预算数", "amount", 0),
    ("财政拨款支出 / 项目", "name", 1),
    ("财政拨款支出 / 合计", "amount", 1),
    ("财政拨款支出 / 一般公共预算", "amount", 1),
    ("财政拨款支出 / 政府性基金预算", "amount", 1),
    ("财政拨款支出 / 国有资本经营预算", "amount", 1),
]
T.append(
    dict(
        label=None,
        title="2025年部门财政拨款收支预算总表",
        kind="fiscal_summary",
        unit="元",
        pages=[19],
        columns=cols(C),
        rows=rows(C, raw(F, 19)[2:], 19),
    )
)
C = [
    ("项目 / 功能分类科目编码 / 类", "code"),
    ("项目 / 功能分类科目编码 / 款", "code"),
    ("项目 / 功能分类科目编码 / 项", "code"),
    ("项目 / 功能分类科目名称", "name"),
    ("一般公共预算支出 / 合计", "amount"),
    ("一般公共预算支出 / 基本支出", "amount"),
    ("一般公共预算支出 / 项目支出", "amount"),
]
R = []
for p in [20, 21, 22, 23, 24]:
    R += rows(C, body(raw(F, p)), p)
T.append(
    dict(
        label=None,
        title="2025年部门一般公共预算支出功能分类预算表",
        kind="general_function",
        unit="元",
        pages=[20, 21, 22, 23, 24],
        columns=cols(C),
        rows=R,
        remark="212 and 21201 合计 are printed one 元 off the sum of their children (a printed inconsistency, kept)",
    )
)
C = [
    ("项目 / 部门预算经济分类科目编码 / 类", "code"),
    ("项目 / 部门预算经济分类科目编码 / 款", "code"),
    ("项目 / 经济分类科目名称", "name"),
    ("一般公共预算基本支出 / 合计", "amount"),
    ("一般公共预算基本支出 / 人员经费", "amount"),
    ("一般公共预算基本支出 / 公用经费", "amount"),
]
T.append(
    dict(
        label=None,
        title="2025年部门一般公共预算基本支出部门预算经济分类预算表",
        kind="general_basic_economic",
        unit="元",
        pages=[27, 28],
        columns=cols(C),
        rows=rows(C, body(raw(F, 27)), 27) + rows(C, body(raw(F, 28)), 28),
    )
)
C = [
    ("“三公”经费预算数 / 合计", "amount"),
    ("“三公”经费预算数 / 因公出国(境)费", "amount"),
    ("“三公”经费预算数 / 公务接待费", "amount"),
    ("“三公”经费预算数 / 公务用车购置及运行费 / 小计", "amount"),
    ("“三公”经费预算数 / 公务用车购置及运行费 / 购置费", "amount"),
    ("“三公”经费预算数 / 公务用车购置及运行费 / 运行费", "amount"),
    ("机关运行经费预算数", "amount"),
]
T.append(
    dict(
        label=None,
        title="2025年部门“三公”经费和机关运行经费预算表",
        kind="three_public",
        unit="万元",
        pages=[29],
        columns=cols(C),
        rows=rows(C, raw(F, 29)[3:], 29),
    )
)
for t in T:
    crosscheck(F, t)
save(
    "pt-wl-2025-dept",
    dict(
        file=F,
        root="corpus",
        layout="Putuo 部门预算 2025: 4-page 收入预算总表 and 5-page function table (header repeated on some continuation pages, not on others), printed hierarchy inconsistencies of one 元 kept as printed",
        tables=T,
    ),
)
