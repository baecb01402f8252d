"""Golden tables of cities/shanghai/上海_商务局_上海钻石宝玉石交易联合管理办公室2026年度预算.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "cities/shanghai/上海_商务局_上海钻石宝玉石交易联合管理办公室2026年度预算.pdf"
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
        label="单位预算01表",
        title="2026年预算单位财务收支预算总表",
        kind="summary",
        unit="元",
        pages=[7],
        remark="four blank ruled rows between 四、其他收入 and 收入总计 are left out",
        columns=cols(C),
        rows=rows(C, raw(F, 7)[4:], 7),
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
T.append(
    dict(
        label="单位预算02表",
        title="2026年预算单位收入预算总表",
        kind="income",
        unit="元",
        pages=[8],
        remark="one unit: rows are function codes (split 类 | 款 | 项, parent codes repeated), 合计 printed across the code and name cells",
        columns=cols(C),
        rows=rows(C, raw(F, 8)[3:], 8),
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
        label="单位预算04表",
        title="2026年预算单位财政拨款收支预算总表",
        kind="fiscal_summary",
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
    ("一般公共预算支出 / 合计", "amount"),
    ("一般公共预算支出 / 基本支出", "amount"),
    ("一般公共预算支出 / 项目支出", "amount"),
]
T.append(
    dict(
        label="单位预算06表",
        title="2026年预算单位一般公共预算支出功能分类预算表",
        kind="general_function",
        unit="元",
        pages=[12],
        remark="column_roles from the printed arithmetic: 合计 = 基本支出 + 项目支出 on every row (合计 7233086 = 6963086 + 270000)",
        column_roles=[None, None, None, None, "total", "component", "component"],
        columns=cols(C),
        rows=rows(C, raw(F, 12)[3:], 12),
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
        label="单位预算09表",
        title="2026年预算单位一般公共预算基本支出部门预算经济分类预算表",
        kind="general_basic_economic",
        unit="元",
        pages=[15, 16],
        remark="page 16 repeats the header (not the title or label); 合计 row last, on page 16",
        columns=cols(C),
        rows=rows(C, raw(F, 15)[3:], 15) + rows(C, raw(F, 16)[3:], 16),
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
        label="单位预算11表",
        title="2026年单位“三公”经费和机关运行经费预算表",
        kind="three_public",
        unit="万元",
        pages=[18],
        remark=(
            "column_roles: 合计 18.10 = 因公出国(境)费 12.60 + 公务接待费 2.00 + 公务用车购置及运行费/小计 3.50; "
            "公务用车/小计 is the total of its group (购置费 + 运行费 = 0 + 3.50), itself a component of 合计; "
            "机关运行经费 is outside the 三公 sum. The unit line is printed '单位:万元'. "
            "Cross-table: 公务接待费 2.00 万元 here vs 30217 公务接待费 10000 元 (1.00 万元) in the 基本支出 table (the rest presumably in 项目支出)"
        ),
        column_roles=["total", "component", "component", "total", "component", "component", "other"],
        columns=cols(C),
        rows=rows(C, raw(F, 18)[3:], 18),
    )
)
if __name__ == "__main__":
    for t in T:
        crosscheck(F, t)
    save(
        "sh-zsb-2026-unit",
        dict(
            file=F,
            root="corpus",
            layout="Shanghai 市级 单位预算 (Excel 2007): landscape, labels 单位预算NN表 at the top right, split 类 | 款 | 项 codes with parent codes repeated on every row, whole 元 with thousands separators, a 收支总表 with a 3-level header, a 2-page 基本支出 table with its header repeated, 三公 in 万元",
            tables=T,
        ),
    )
