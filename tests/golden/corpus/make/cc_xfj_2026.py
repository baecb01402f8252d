"""Golden tables of cities/jilin/长春_信访局_2026年部门预算.pdf (see ../README.md).

Changchun template (WPS 文字 export, portrait A4): the title with its number as a suffix
('收支总表（预算表 1）') printed in the grid's first row, '预算单位：长春市信访局 … 单位：万元' in
its second row; narrow columns, so names wrap inside their cells (预算表3), amounts wrap too
('1682.7' / '6' in 预算表5) and headers print a few characters a line; zeros printed 0.00.
The label is the number of the suffix: '预算表1'.

Grids are read with pdfplumber. Every row is checked against ``pdftotext -layout``: either some
line, whitespace removed, is exactly the row's non-empty cells in order, or (wrapped names and
amounts) the row's line, with the pieces of wrapped amounts on the lines right above and below
joined to it by column position, carries exactly the row's amounts in order. Every table was
viewed on the page image (150 dpi), the wrapped amounts read there.

    python tests/golden/corpus/make/cc_xfj_2026.py     # rewrites cc-xfj-2026-dept.json
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import cols, layout, raw, rows, save

F = "cities/jilin/长春_信访局_2026年部门预算.pdf"
TOK = re.compile(r"[\d.]+")


def _numtoks(line, skip=None):
    out = []
    for m in TOK.finditer(line):
        if skip and m.group() == skip:
            skip = None  # the row's code, once
            continue
        out.append([m.start(), m.end(), m.group()])
    return out


def crosscheck(table):
    bad = 0
    for r in table["rows"]:
        want = "".join(v for v in r["cells"] if v is not None)
        lines = layout(F, r["page"]).splitlines()
        if want in [re.sub(r"\s+", "", ln) for ln in lines]:
            continue
        amts = [v for c, v in zip(table["columns"], r["cells"], strict=True) if c["type"] == "amount" and v]
        ok = False
        for k, ln in enumerate(lines):
            key = r["code"] or r["name"]
            if r["code"]:
                if not re.search(r"(^|\s)" + key + r"(\s|$)", ln):
                    continue
            elif key not in re.sub(r"\s+", "", ln):
                continue
            mid = _numtoks(ln, r["code"])
            above = _numtoks(lines[k - 1]) if k else []
            below = _numtoks(lines[k + 1]) if k + 1 < len(lines) else []
            for t in above:  # the head of a wrapped amount, its tail right below it
                tail = [b for b in below if b[0] <= t[1] + 2 and b[1] >= t[0] - 2]
                if len(tail) == 1:
                    t[2] += tail[0][2]
                    below.remove(tail[0])
            seq = [t[2] for t in sorted(mid + above + below)]
            if seq == amts:
                ok = True
                break
        if not ok:
            bad += 1
            print("  ! not confirmed by layout:", r["page"], r["code"], r["name"], amts)
    print(f"  crosscheck {table['label']} {table['title']}: {len(table['rows'])} rows, {bad} unconfirmed")
    return bad


T = []
SUFFIX = "label is the number printed as the title's suffix '（预算表 N）' (no separate label); "
INGRID = (
    "title and '预算单位：长春市信访局' / '单位：万元' are printed inside the grid (its first two rows), "
    "not data rows; "
)

# 预算表1 收支总表 (p6)
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 本年预算", "amount", 0),
    ("收入 / 编制预算", "amount", 0),
    ("收入 / 上年结转", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 本年预算", "amount", 1),
    ("支出 / 编制预算", "amount", 1),
    ("支出 / 上年结转", "amount", 1),
]
T.append(
    dict(
        label="预算表1",
        title="收支总表",
        kind="summary",
        unit="万元",
        pages=[6],
        remark=SUFFIX
        + INGRID
        + "printed '收支总表（预算表 1）'. Income sub-items (一般公共预算拨款收入 …, 事业收入 …) are indented. "
        "The 结转下年支出 row prints 0.00 under 本年预算 and 编制预算 and leaves 上年结转 empty. One blank "
        "ruled row left out.",
        columns=cols(C),
        rows=rows(C, raw(F, 6)[4:], 6),
    )
)

# 预算表3 支出总表 (p8)
C = [
    ("科目编码", "code"),
    ("功能分类科目名称", "name"),
    ("合计", "amount"),
    ("当年预算 / 小计", "amount"),
    ("当年预算 / 基本支出", "amount"),
    ("当年预算 / 项目支出", "amount"),
    ("当年预算 / 事业单位经营支出", "amount"),
    ("上年结转结余 / 小计", "amount"),
    ("上年结转结余 / 基本支出", "amount"),
    ("上年结转结余 / 项目支出", "amount"),
    ("上年结转结余 / 事业单位经营支出", "amount"),
]
T.append(
    dict(
        label="预算表3",
        title="支出总表",
        kind="expenditure",
        unit="万元",
        pages=[8],
        remark=SUFFIX
        + INGRID
        + "names wrap inside the narrow name cell (行政 / 运行; 机关 / 事业单位基本 / 养老保险缴费 / 支出), "
        "joined. '总计：' is printed across the code and name cells (put in the name cell). The 总计 row "
        "prints 基本支出 '1208.2' (one decimal). Printed errors kept: 2014002 合计 458.00 but 当年预算 / "
        "小计 0.00 (基本支出 0.00 + 项目支出 458.00 = 458.00), 2014099 合计 16.56 but 小计 0.00 (项目支出 "
        "16.56); so 20140 小计 1378.41 ≠ Σ its 项 rows 903.85. Rounding as in 预算表5: 总计 合计 / 小计 "
        "1682.76 and 基本支出 1208.2 but the 类 rows sum to 1682.75 / 1208.19.",
        columns=cols(C),
        rows=rows(C, raw(F, 8)[4:], 8),
    )
)

# 预算表4 财政拨款收支总表 (p9)
C = [
    ("收入 / 项目", "name", 0),
    ("收入 / 本年预算", "amount", 0),
    ("收入 / 编制预算", "amount", 0),
    ("收入 / 上年结转", "amount", 0),
    ("支出 / 项目", "name", 1),
    ("支出 / 本年预算", "amount", 1),
    ("支出 / 编制预算", "amount", 1),
    ("支出 / 上年结转", "amount", 1),
]
T.append(
    dict(
        label="预算表4",
        title="财政拨款收支总表",
        kind="fiscal_summary",
        unit="万元",
        pages=[9],
        remark=SUFFIX
        + INGRID
        + "printed '财政拨款收支总表(预算表 4)' with half-width parentheses. The expenditure side numbers "
        "'一、本年支出' and then '一、一般公共服务支出' … '四、住房保障支出' under it, and '二、结转下年支出' "
        "(empty, not 0.00), as printed. One blank ruled row left out.",
        columns=cols(C),
        rows=rows(C, raw(F, 9)[4:], 9),
    )
)

# 预算表5 本年一般公共预算支出表 (p10)
C = [
    ("科目编码", "code"),
    ("功能分类科目名称", "name"),
    ("合计", "amount"),
    ("当年预算 / 小计", "amount"),
    ("当年预算 / 基本支出 / 小计", "amount"),
    ("当年预算 / 基本支出 / 人员经费", "amount"),
    ("当年预算 / 基本支出 / 公用经费", "amount"),
    ("当年预算 / 项目支出", "amount"),
    ("上年结转结余 / 小计", "amount"),
    ("上年结转结余 / 基本支出 / 小计", "amount"),
    ("上年结转结余 / 基本支出 / 人员经费", "amount"),
    ("上年结转结余 / 基本支出 / 公用经费", "amount"),
    ("上年结转结余 / 项目支出", "amount"),
]
T.append(
    dict(
        label="预算表5",
        title="本年一般公共预算支出表",
        kind="general_function",
        unit="万元",
        pages=[10],
        remark=SUFFIX
        + INGRID
        + "the unit wraps in its cell ('单位：万' / '元'). Headers wrap a few characters a line ('科目编' / "
        "'码', '人员经' / '费', '小' / '计'). Amounts wrap in the narrow columns: '1682.7' / '6', "
        "'1378.4' / '1', '1208.2' / '0', and every '0.0' / '0' of 上年结转结余 / 小计 and its 基本支出 / 小计: "
        "joined ('1682.76', '0.00'). '总计：' printed across the code and name cells (name cell). Each "
        "row adds up (合计 = 小计 = 基本支出 + 项目支出, 基本支出 = 人员经费 + 公用经费) and each 类/款 = Σ "
        "its children; printed rounding inconsistency kept: 总计 1682.76 / 基本支出 1208.20 / 人员经费 "
        "997.20 but the 类 rows sum to 1682.75 / 1208.19 / 997.19.",
        columns=cols(C),
        rows=rows(C, raw(F, 10)[5:], 10),
    )
)

# 预算表6 本年一般公共预算基本支出表 (p11)
C = [
    ("科目编码", "code"),
    ("支出经济分类科目名称", "name"),
    ("合计", "amount"),
    ("当年预算 / 小计", "amount"),
    ("当年预算 / 人员经费", "amount"),
    ("当年预算 / 公用经费", "amount"),
    ("上年结转结余 / 小计", "amount"),
    ("上年结转结余 / 人员经费", "amount"),
    ("上年结转结余 / 公用经费", "amount"),
]
r6 = rows(C, raw(F, 11)[4:], 11)
for r in r6:
    if r["code"] == "30208" and r["name"] == "物业管理费":
        r["code_accept"] = ["30209"]
        r["remark"] = (
            "printed 30208, the code of 取暖费 on the row above; 物业管理费 is 30209: a printed error, an "
            "extractor may keep 30208 or repair it to 30209"
        )
T.append(
    dict(
        label="预算表6",
        title="本年一般公共预算基本支出表",
        kind="general_basic_economic",
        unit="万元",
        pages=[11],
        remark=SUFFIX
        + INGRID
        + "'合计' printed across the code and name cells (name cell). Printed errors kept: 30208 twice "
        "(取暖费 and 物业管理费, the latter is 30209, see its row); 30213 named '维护（护）费' (for "
        "维修（护）费). Printed inconsistencies kept: 301 工资福利支出 911.21 but its 款 rows sum to 920.96 "
        "(+9.75); 302 商品和服务支出 211.00 but its 款 rows sum to 221.37 (+10.37); 303 85.98 = Σ; 合计 "
        "1208.20 / 人员经费 997.20 but the 类 rows sum to 1208.19 / 997.19 (and the 款 rows to 1228.31). "
        "The narrative gives 工资福利支出911.21, 商品和服务支出211.00, 对个人和家庭补助85.98, i.e. the 类 "
        "figures. Each row: 合计 = 小计 = 人员经费 + 公用经费.",
        columns=cols(C),
        rows=r6,
    )
)

# 预算表7 本年一般公共预算“三公”经费支出表 (p12)
C = [("“三公”经费合计", "amount")]
for g in ("当年预算", "上年结转结余"):
    C += [
        (f"{g} / 小计", "amount"),
        (f"{g} / 因公出国（境）费 / 小计", "amount"),
        (f"{g} / 因公出国（境）费 / 因公出国（境）费", "amount"),
        (f"{g} / 因公出国（境）费 / 科研因公出国（境）费用", "amount"),
        (f"{g} / 公务用车购置及运行费 / 小计", "amount"),
        (f"{g} / 公务用车购置及运行费 / 公务用车购置费", "amount"),
        (f"{g} / 公务用车购置及运行费 / 公务用车运行费", "amount"),
        (f"{g} / 公务接待费", "amount"),
    ]
T.append(
    dict(
        label="预算表7",
        title="本年一般公共预算“三公”经费支出表",
        kind="three_public",
        unit="万元",
        pages=[12],
        remark=SUFFIX
        + INGRID
        + "17 narrow columns, headers printed a few characters a line ('“三' / '公”' / '经费' / '合计'; "
        "'公务' / '用车' / '购置' / '费'). One data row, no name column. A '说明：' follows the grid (单位范围 "
        "本级及所属0个预算单位; 实有人员72人). 7.61 = 6.75 + 0.86 = the 2026 figure of the narrative; 0.86 = "
        "预算表6 30217 公务接待费, 6.75 = 30231 公务用车运行维护费.",
        columns=cols(C),
        rows=rows(C, raw(F, 12)[5:], 12),
    )
)

for t in T:
    crosscheck(t)
save(
    "cc-xfj-2026-dept",
    dict(
        file=F,
        root="corpus",
        layout=(
            "Changchun 部门预算 (WPS 文字, portrait): titles with a '（预算表 N）' suffix printed in the grid's "
            "first row and the 预算单位 / 单位 line in its second; 当年预算 | 上年结转结余 column groups; "
            "narrow columns with names, headers and amounts wrapping inside cells ('1682.7' / '6'); "
            "zeros printed 0.00; printed code and subtotal errors"
        ),
        tables=T,
    ),
)
