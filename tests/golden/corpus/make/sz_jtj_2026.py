"""Golden tables of cities/jiangsu/苏州_交通运输局_苏州市交通运输局2026年度部门预算公开.pdf (see ../README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, crosscheck, raw, rows, save

F = "cities/jiangsu/苏州_交通运输局_苏州市交通运输局2026年度部门预算公开.pdf"
T = []
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 预算数", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 预算数", "amount", 1),
]
T.append(
    dict(
        label="公开01表",
        title="收支总表",
        kind="summary",
        unit="万元",
        pages=[8],
        remark="portrait page; the income side ends at 九、其他收入, the rows below it carry only the expenditure item (all 30 支出 classes are printed, most empty)",
        columns=cols(C),
        rows=rows(C, raw(F, 8)[2:], 8),
    )
)
C = [
    ("部门代码", "code"),
    ("部门名称", "name"),
    ("合计", "amount"),
    ("本年收入 / 小计", "amount"),
    ("本年收入 / 一般公共预算", "amount"),
    ("本年收入 / 政府性基金预算", "amount"),
    ("本年收入 / 国有资本经营预算", "amount"),
    ("本年收入 / 财政专户管理资金", "amount"),
    ("本年收入 / 事业收入", "amount"),
    ("本年收入 / 事业单位经营收入", "amount"),
    ("本年收入 / 上级补助收入", "amount"),
    ("本年收入 / 附属单位上缴收入", "amount"),
    ("本年收入 / 其他收入", "amount"),
    ("上年结转结余 / 小计", "amount"),
    ("上年结转结余 / 一般公共预算", "amount"),
    ("上年结转结余 / 政府性基金预算", "amount"),
    ("上年结转结余 / 国有资本经营预算", "amount"),
    ("上年结转结余 / 财政专户管理资金", "amount"),
    ("上年结转结余 / 单位资金", "amount"),
]
R = rows(C, raw(F, 9)[5:], 9)
for r in R:
    # the unit code printed on the row: 123 is the department (its consolidated total), 123001… its units
    r["entity"] = r["cells"][0]
T.append(
    dict(
        label="公开02表",
        title="收入总表",
        kind="income",
        unit="万元",
        pages=[9],
        remark=(
            "a multi-unit table: rows are units, not subject codes. 合计 (printed across 部门代码 and 部门名称, entity null) is the table total; "
            "row 123 苏州市交通运输局 is the department (entity 123, equal to 合计); rows 123001…123008 are its units (entity = the printed unit code; "
            "123001 is the 局机关 itself, named like the department). The 部门代码 column is typed code, so each row's code is its unit code too. "
            "Σ 123001…123008 = 249977.11 = 123 in every column. Unit names wrap onto a second line inside their cell (joined). "
            "The table's grid sits on a landscape page; pdfplumber reads the label, title and unit line as grid rows"
        ),
        columns=cols(C),
        rows=R,
    )
)
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 预算数", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 预算数", "amount", 1),
]
T.append(
    dict(
        label="公开04表",
        title="财政拨款收支总表",
        kind="fiscal_summary",
        unit="万元",
        pages=[12, 13],
        remark="continues on page 13 without header; the income side ends at 二、上年结转 /（三）国有资本经营预算拨款",
        columns=cols(C),
        rows=rows(C, raw(F, 12)[2:], 12) + rows(C, raw(F, 13), 13),
    )
)
FUNC = [
    ("科目编码", "code"),
    ("科目名称", "name"),
    ("合计", "amount"),
    ("基本支出 / 小计", "amount"),
    ("基本支出 / 人员经费", "amount"),
    ("基本支出 / 公用经费", "amount"),
    ("项目支出", "amount"),
]
ROLES = [None, None, "total", "total", "component", "component", "component"]
ROLE_REMARK = (
    "column_roles from the printed arithmetic: 合计 = 基本支出/小计 + 项目支出 (242360.10 = 29606.33 + 212753.77) and "
    "基本支出/小计 = 人员经费 + 公用经费 (29606.33 = 26143.66 + 3462.67) on every row; 基本支出/小计 is the total of its group "
    "(人员经费, 公用经费) and itself a component of 合计, 项目支出 the other component. "
)
T.append(
    dict(
        label="公开05表",
        title="财政拨款支出表（功能科目）",
        kind="fiscal_function",
        unit="万元",
        pages=[14, 15],
        remark=ROLE_REMARK
        + "合计 row first (printed across 科目编码 and 科目名称); continues on page 15 without header",
        column_roles=ROLES,
        columns=cols(FUNC),
        rows=rows(FUNC, raw(F, 14)[2:], 14) + rows(FUNC, raw(F, 15), 15),
    )
)
ECON = [
    ("部门预算支出经济分类科目 / 科目编码", "code"),
    ("部门预算支出经济分类科目 / 科目名称", "name"),
    ("本年财政拨款基本支出 / 合计", "amount"),
    ("本年财政拨款基本支出 / 人员经费", "amount"),
    ("本年财政拨款基本支出 / 公用经费", "amount"),
]
T.append(
    dict(
        label="公开06表",
        title="财政拨款基本支出表（经济科目）",
        kind="fiscal_basic_economic",
        unit="万元",
        pages=[16, 17],
        remark="portrait pages; 合计 row first; continues on page 17 without header",
        columns=cols(ECON),
        rows=rows(ECON, raw(F, 16)[2:], 16) + rows(ECON, raw(F, 17), 17),
    )
)
T.append(
    dict(
        label="公开07表",
        title="一般公共预算支出表",
        kind="general_function",
        unit="万元",
        pages=[18, 19],
        remark=ROLE_REMARK
        + "合计 row first (printed across 科目编码 and 科目名称); continues on page 19 without header",
        column_roles=ROLES,
        columns=cols(FUNC),
        rows=rows(FUNC, raw(F, 18)[2:], 18) + rows(FUNC, raw(F, 19), 19),
    )
)
ECON = [
    ("部门预算支出经济分类科目 / 科目编码", "code"),
    ("部门预算支出经济分类科目 / 科目名称", "name"),
    ("本年一般公共预算基本支出 / 合计", "amount"),
    ("本年一般公共预算基本支出 / 人员经费", "amount"),
    ("本年一般公共预算基本支出 / 公用经费", "amount"),
]
T.append(
    dict(
        label="公开08表",
        title="一般公共预算基本支出表",
        kind="general_basic_economic",
        unit="万元",
        pages=[20, 21],
        remark="portrait pages; 合计 row first; continues on page 21 without header",
        columns=cols(ECON),
        rows=rows(ECON, raw(F, 20)[2:], 20) + rows(ECON, raw(F, 21), 21),
    )
)
C = [
    ("“三公”经费合计", "amount"),
    ("因公出国（境）费", "amount"),
    ("公务用车购置及运行维护费 / 小计", "amount"),
    ("公务用车购置及运行维护费 / 公务用车购置费", "amount"),
    ("公务用车购置及运行维护费 / 公务用车运行维护费", "amount"),
    ("公务接待费", "amount"),
    ("会议费", "amount"),
    ("培训费", "amount"),
]
T.append(
    dict(
        label="公开09表",
        title="一般公共预算“三公”经费、会议费、培训费支出表",
        kind="three_public",
        unit="万元",
        pages=[22],
        remark=(
            "column_roles from the printed row: “三公”经费合计 345.63 = 因公出国（境）费 0.00 + 公务用车购置及运行维护费/小计 299.12 + 公务接待费 46.51, "
            "without 会议费 45.12 and 培训费 305.79 (with them the sum would be 696.54), so 会议费 and 培训费 are other; "
            "公务用车/小计 299.12 = 购置费 154.97 + 运行维护费 144.15 is the total of its group and itself a component of the 三公 合计. "
            "Cross-table: 公务接待费 46.51 = 30217 and 运行维护费 144.15 = 30231 of 公开08表; 会议费 45.12 here vs 30215 会议费 22.00 in the 基本支出 table (the rest presumably in 项目支出)"
        ),
        column_roles=["total", "component", "total", "component", "component", "component", "other", "other"],
        columns=cols(C),
        rows=rows(C, raw(F, 22)[2:], 22),
    )
)
if __name__ == "__main__":
    for t in T:
        crosscheck(F, t)
    save(
        "sz-jtj-2026-dept",
        dict(
            file=F,
            root="corpus",
            layout=(
                "Suzhou 部门预算 (Aspose.Words from WPS): portrait and landscape table pages mixed, labels 公开 NN 表 above the title, "
                "running header and page numbers, one code column with 3/5/7-digit codes indented by level, 合计 row first, "
                "tables continued on the next page without header, a multi-unit 收入总表 (部门代码 123, units 123001…) with wrapped unit names, "
                "a 三公 table also carrying 会议费/培训费, 万元 with thousands separators"
            ),
            tables=T,
        ),
    )
