"""Golden tables of shanghai/上海市普陀区人民政府万里街道办事处24年预算.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "shanghai/上海市普陀区人民政府万里街道办事处24年预算.pdf"


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
        title="2024年部门财务收支预算总表",
        kind="summary",
        unit="元",
        pages=[10],
        columns=cols(C),
        rows=rows(C, raw(F, 10)[2:], 10),
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
for p in [11, 12, 13, 14]:
    R += rows(C, body(raw(F, p)), p)
last = raw(F, 15)
assert len(last) == 1 and last[0][0] == "合计", last
R += rows(C, [["合计", None, None, None, *last[0][1:]]], 15)
T.append(
    dict(
        label=None,
        title="2024年部门收入预算总表",
        kind="income",
        unit="元",
        pages=[11, 12, 13, 14, 15],
        columns=cols(C),
        rows=R,
        remark="five pages: the header is repeated on pp.12-13 and not on p.14; p.15 holds only the 合计 row",
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
        title="2024年部门财政拨款收支预算总表",
        kind="fiscal_summary",
        unit="元",
        pages=[21],
        columns=cols(C),
        rows=rows(C, raw(F, 21)[2:], 21),
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
for p in [22, 23, 24, 25, 26]:
    R += rows(C, body(raw(F, p)), p)
T.append(
    dict(
        label=None,
        title="2024年部门一般公共预算支出功能分类预算表",
        kind="general_function",
        unit="元",
        pages=[22, 23, 24, 25, 26],
        columns=cols(C),
        rows=R,
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
        title="2024年部门一般公共预算基本支出部门预算经济分类预算表",
        kind="general_basic_economic",
        unit="元",
        pages=[29, 30],
        columns=cols(C),
        rows=rows(C, body(raw(F, 29)), 29) + rows(C, body(raw(F, 30)), 30),
        remark='款 printed "2" and "7" for 02 and 07 (30102 津贴补贴, 30107 绩效工资): the code is normalised to 5 digits',
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
        title="部门“三公”经费和机关运行经费预算表",
        kind="three_public",
        unit="万元",
        pages=[31],
        columns=cols(C),
        rows=rows(C, raw(F, 31)[3:], 31),
        note="注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。",
        remark="prints figures and also a note saying the table is empty (a printed inconsistency); the figures are the data",
    )
)
for t in T:
    crosscheck(F, t)
save(
    "pt-wl-2024-dept",
    dict(
        file=F,
        root="corpus",
        layout='Putuo 部门预算 2024: a 5-page 收入预算总表 (header repeated on some continuation pages, a last page with only the 合计 row), a 5-page function table, a 三公 table whose "empty" note contradicts its figures',
        tables=T,
    ),
)
