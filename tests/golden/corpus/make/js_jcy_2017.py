"""Golden tables of jiangsu/2017年省检察院部门预算.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "jiangsu/2017年省检察院部门预算.pdf"
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
        prefix="一、",
        title="收支预算总表",
        kind="summary",
        unit="万元",
        pages=[10],
        columns=cols(C),
        rows=rows(C, raw(F, 10, 0)[3:], 10),
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
        prefix="四、",
        title="财政拨款收支预算总表",
        kind="fiscal_summary",
        unit="万元",
        pages=[11, 12],
        columns=cols(C),
        rows=rows(C, raw(F, 11, 2)[3:], 11) + rows(C, raw(F, 12, 0), 12),
    )
)
C = [("功能科目代码", "code"), ("功能科目名称", "name"), ("金额", "amount")]
T.append(
    dict(
        label=None,
        prefix="五、",
        title="财政拨款支出预算表",
        kind="fiscal_function",
        unit="万元",
        pages=[12],
        columns=cols(C),
        rows=rows(C, raw(F, 12, 1)[1:], 12),
    )
)
C = [("科目编码", "code"), ("科目名称", "name"), ("金额", "amount")]
T.append(
    dict(
        label=None,
        prefix="六、",
        title="财政拨款基本支出预算表",
        kind="fiscal_basic_economic",
        unit="万元",
        pages=[12, 13],
        columns=cols(C),
        rows=rows(C, raw(F, 12, 2)[1:], 12) + rows(C, raw(F, 13, 0), 13),
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
        prefix="十一、",
        title="一般公共预算“三公”经费、会议费、培训费支出预算表",
        kind="three_public",
        unit="万元",
        pages=[16],
        columns=cols(C),
        rows=rows(C, raw(F, 16, 1)[-1:], 16),
    )
)
for t in T:
    crosscheck(F, t)
save(
    "js-jcy-2017-full",
    dict(
        file=F,
        root="corpus",
        layout="Jiangsu full document: portrait narrative + tables; several tables start mid-page and continue on the next page without a repeated header; titles carry an ordinal (一、 … 十二、) and no label",
        tables=T,
    ),
)
