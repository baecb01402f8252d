"""Golden tables of jiangsu/江苏省政协办公厅2019年预算公开表.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "jiangsu/江苏省政协办公厅2019年预算公开表.pdf"
T = []
# 公开01表 收支预算总表: three blocks
C = [
    ("收入 / 项目名称", "name", 0),
    ("收入 / 金额", "amount", 0),
    ("支出 / 功能分类 / 功能科目名称", "name", 1),
    ("支出 / 功能分类 / 金额", "amount", 1),
    ("支出 / 支出用途 / 项目名称", "name", 2),
    ("支出 / 支出用途 / 金额", "amount", 2),
]
r = raw(F, 1)[4:]
T.append(
    dict(
        label="公开01表", title="收支预算总表", kind="summary", unit="万元", pages=[1], columns=cols(C), rows=rows(C, r)
    )
)
# 公开02表 收入预算总表: row headers merged over several rows, carried down to each row
C = [("项目名称", "name"), ("", "text"), ("金额", "amount")]
R = raw(F, 2)[2:]
carry = None
for r in R:
    if r[0] is not None:
        carry = r[0] if r[1] is not None else None
    elif carry:
        r[0] = carry
T.append(
    dict(
        label="公开02表",
        title="收入预算总表",
        kind="income",
        unit="万元",
        pages=[2],
        columns=cols(C),
        rows=rows(C, R, 2),
        remark="the first column prints 一般公共预算资金 / 其他资金 / 上年结转和结余资金 once, in a cell merged over their rows; it is carried down to each row. 收入总计 is printed across both item columns. The second item column has an empty header cell (项目名称 heads the first only)",
    )
)
C = [
    ("合计", "amount"),
    ("基本支出", "amount"),
    ("项目支出", "amount"),
    ("单位预留机动经费", "amount"),
    ("结转下年资金", "amount"),
]
T.append(
    dict(
        label="公开03表",
        title="支出预算总表",
        kind="expenditure",
        unit="万元",
        pages=[3],
        columns=cols(C),
        rows=rows(C, raw(F, 3)[-1:], 3),
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
        pages=[4],
        columns=cols(C),
        rows=rows(C, raw(F, 4)[4:]),
    )
)
C = [("功能科目编码", "code"), ("功能科目名称", "name"), ("金额", "amount")]
T.append(
    dict(
        label="公开05表",
        title="财政拨款支出预算表（功能科目）",
        kind="fiscal_function",
        unit="万元",
        pages=[5],
        columns=cols(C),
        rows=rows(C, raw(F, 5)[4:]),
    )
)
C = [("科目编码", "code"), ("科目名称", "name"), ("金额", "amount")]
T.append(
    dict(
        label="公开06表",
        title="财政拨款基本支出预算表（经济科目）",
        kind="fiscal_basic_economic",
        unit="万元",
        pages=[6],
        columns=cols(C),
        rows=rows(C, raw(F, 6)[2:]),
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
        pages=[9],
        columns=cols(C),
        rows=rows(C, raw(F, 9)[-1:]),
    )
)
C = [
    ("采购品目大类", "name"),
    ("专项名称", "text"),
    ("经济科目", "text"),
    ("采购物品名称", "text"),
    ("采购组织形式", "text"),
    ("总计", "amount"),
]
T.append(
    dict(
        label="公开12表",
        title="2019年政府采购预算表",
        kind="procurement",
        unit="万元",
        pages=[12],
        columns=cols(C),
        rows=rows(C, raw(F, 12)[3:], 12),
        remark="a hierarchy without codes: 品目大类 rows, then 专项 rows (专项名称, 经济科目), then item rows (采购物品名称, 组织形式) under empty merged cells",
    )
)
for t in T:
    crosscheck(F, t)
save(
    "js-zx-2019-tables",
    dict(
        file=F,
        root="corpus",
        layout="Jiangsu tables-only file, landscape pages, labels 公开NN表, three-block 收支预算总表",
        tables=T,
    ),
)
