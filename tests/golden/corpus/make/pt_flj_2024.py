"""Golden tables of shanghai/上海市普陀区社会福利院2024年预算.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "shanghai/上海市普陀区社会福利院2024年预算.pdf"
T = []
C = [
    ("本年收入 / 项目", "name", 0),
    ("本年收入 / 预算数", "amount", 0),
    ("本年支出 / 项目", "name", 1),
    ("本年支出 / 预算数 / 合计", "amount", 1),
    ("本年支出 / 预算数 / 基本支出 / 人员经费", "amount", 1),
    ("本年支出 / 预算数 / 基本支出 / 公用经费", "amount", 1),
    ("本年支出 / 预算数 / 项目支出", "amount", 1),
]
T.append(
    dict(
        label=None,
        title="2024年预算单位财务收支预算总表",
        kind="summary",
        unit="元",
        pages=[7],
        columns=cols(C),
        rows=rows(C, raw(F, 7)[4:], 7),
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
        title="2024年预算单位财政拨款收支预算总表",
        kind="fiscal_summary",
        unit="元",
        pages=[10],
        columns=cols(C),
        rows=rows(C, raw(F, 10)[7:], 10),
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
R = rows(C, raw(F, 11)[3:], 11)
bad = next(r for r in R if r["code"] == "71102")
bad["code_accept"] = ["2101102"]
bad["remark"] = (
    '类 printed as "7" (the 210 of its parent 21011): a printed error; an extractor may keep 71102 or repair it to 2101102'
)
T.append(
    dict(
        label=None,
        title="2024年预算单位一般公共预算支出功能分类预算表",
        kind="general_function",
        unit="元",
        pages=[11],
        columns=cols(C),
        rows=R,
    )
)
C = [
    ("项目 / 经济分类科目编码 / 类", "code"),
    ("项目 / 经济分类科目编码 / 款", "code"),
    ("项目 / 部门经济分类科目名称", "name"),
    ("一般公共预算基本支出 / 合计", "amount"),
    ("一般公共预算基本支出 / 人员经费", "amount"),
    ("一般公共预算基本支出 / 公用经费", "amount"),
]
T.append(
    dict(
        label=None,
        title="2024年预算单位一般公共预算基本支出部门预算经济分类预算表",
        kind="general_basic_economic",
        unit="元",
        pages=[14],
        columns=cols(C),
        rows=rows(C, raw(F, 14)[3:], 14),
        remark="the 302 款 codes are printed renumbered 01…13 (30202 咨询费, 30203 水费 …), unlike the standard catalogue; transcribed as printed",
    )
)
C = [
    ("2024年“三公”经费预算数 / 合计", "amount"),
    ("2024年“三公”经费预算数 / 因公出国(境)费", "amount"),
    ("2024年“三公”经费预算数 / 公务接待费", "amount"),
    ("2024年“三公”经费预算数 / 公务用车购置及运行费 / 小计", "amount"),
    ("2024年“三公”经费预算数 / 公务用车购置及运行费 / 购置费", "amount"),
    ("2024年“三公”经费预算数 / 公务用车购置及运行费 / 运行费", "amount"),
    ("2024年机关运行经费预算数", "amount"),
]
T.append(
    dict(
        label=None,
        title="单位“三公”经费和机关运行经费预算表",
        kind="three_public",
        unit="万元",
        pages=[15],
        columns=cols(C),
        rows=rows(C, raw(F, 15)[3:], 15),
    )
)
for t in T:
    crosscheck(F, t)
save(
    "pt-flj-2024-unit",
    dict(
        file=F,
        root="corpus",
        layout="Putuo 单位预算: landscape, split 类 | 款 | 项 codes, whole 元 without decimals, 三公 in 万元 with 1-decimal and integer figures",
        tables=T,
    ),
)
