"""Golden tables of shanghai/上海市普陀区人民政府办公室25年预算.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "shanghai/上海市普陀区人民政府办公室25年预算.pdf"
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
        pages=[8],
        columns=cols(C),
        rows=rows(C, raw(F, 8)[2:], 8),
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
        pages=[13],
        columns=cols(C),
        rows=rows(C, raw(F, 13)[2:], 13),
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
T.append(
    dict(
        label=None,
        title="2025年部门一般公共预算支出功能分类预算表",
        kind="general_function",
        unit="元",
        pages=[14, 15],
        columns=cols(C),
        rows=rows(C, raw(F, 14)[3:], 14) + rows(C, raw(F, 15)[3:], 15),
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
        pages=[18, 19],
        columns=cols(C),
        rows=rows(C, raw(F, 18)[3:], 18) + rows(C, raw(F, 19), 19),
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
        pages=[20],
        columns=cols(C),
        rows=rows(C, raw(F, 20)[3:], 20),
    )
)
for t in T:
    crosscheck(F, t)
save(
    "pt-bgs-2025-dept",
    dict(
        file=F,
        root="corpus",
        layout="Putuo 部门预算: landscape, codes split over 类 | 款 | 项 columns, amounts in 元 (the 三公 table in 万元), header repeated on continuation pages, 合计 row last",
        tables=T,
    ),
)
