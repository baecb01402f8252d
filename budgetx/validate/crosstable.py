"""Identities across tables.

- ``cross.function_vs_fiscal``: the 一般公共预算 expenditure of the 财政拨款收支总表 (its
  本年支出 row, else its 总计) = the total of the 一般公共预算 function table; the same for
  Jiangsu's 财政拨款支出表 against the total column of the 财政拨款收支总表.
- ``cross.basic_vs_economic``: 基本支出 in the function table = the total of the economic
  基本支出 table (the 人员经费 and 公用经费 blocks added when printed side by side).
- ``cross.summary_vs_income`` / ``cross.summary_vs_expenditure``: 部门收支总表 = 收入总表 total
  = 支出总表 total (本年收入合计, or 收入总计 when the 收入总表 has a 上年结转 column).
- ``cross.three_public_vs_economic``: 30217 公务接待费 (30212, 30231, 31013 too) of the economic
  基本支出 table against the 三公 table.  The 三公 table covers 基本 and 项目 spending, so a
  basic figure above it is an error; below it, an info (the rest may be project spending).
- ``cross.projects_vs_project_expenditure``: Σ 资金总额 of the 项目绩效目标表 = 项目支出.  When
  the text says that only some projects have targets ("编报绩效目标的项目5个，涉及项目预算资金
  3328.13万元"), the forms are those projects: their number and Σ 资金总额 are compared with the
  text's, and against 项目支出 they may only fall short.
- ``cross.summary_lines``: each 类 line on the 支出 side of a 收支总表 ("八、社会保障和就业支出")
  = that 类's row in the function table (部门收支总表 vs 支出总表; 财政拨款收支总表's 一般公共预算
  column vs the 一般公共预算 function table).

Every figure is converted to 元 through its table's unit before comparing.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetx import patterns
from budgetx.model import Document, Finding, Table, TableKind
from budgetx.normalize.amounts import UNIT_FACTORS
from budgetx.validate import blocks as blk
from budgetx.validate.base import (
    Context,
    Figure,
    Place,
    amount_columns,
    cell_figure,
    clean_name,
    item,
    pick_column,
    value,
)
from budgetx.validate.queries import (
    column_total,
    economic_total,
    ends_in_total,
    group_total,
    mentions_not_part,
    named_lines,
    narrative_text,
    project_amounts,
    summary_figure,
    table_of,
    text_figure,
    three_public_figure,
)

FUNCTION_VS_FISCAL = "cross.function_vs_fiscal"
BASIC_VS_ECONOMIC = "cross.basic_vs_economic"
SUMMARY_VS_INCOME = "cross.summary_vs_income"
SUMMARY_VS_EXPENDITURE = "cross.summary_vs_expenditure"
THREE_PUBLIC = "cross.three_public_vs_economic"
PROJECTS = "cross.projects_vs_project_expenditure"


def check(ctx: Context) -> Iterator[Finding]:
    yield from _function_vs_fiscal(ctx)
    yield from _basic_vs_economic(ctx)
    yield from _summary(ctx)
    yield from _three_public(ctx)
    yield from _projects(ctx)
    yield from _summary_lines(ctx)


def _compare(
    ctx: Context, rule: str, actual: Figure | None, expected: Figure | None, what: tuple[str, str]
) -> Iterator[Finding]:
    if actual is None or expected is None:
        return
    where = expected.place.where
    f = ctx.compare(
        rule,
        actual,
        expected.value,
        expected_unit=expected.unit,
        what=(f"{where}（{what[0]}）", f"{where} ({what[1]})"),
    )
    if f:
        yield f


# -- 财政拨款收支总表 vs the function table -----------------------------------------


def _function_vs_fiscal(ctx: Context) -> Iterator[Finding]:
    fiscal = table_of(ctx.doc, "fiscal_summary")
    if fiscal is None:
        return
    general = table_of(ctx.doc, "general_function")
    if general is not None:
        expected = summary_figure(ctx, fiscal, block_side=1, test=mentions_not_part("一般公共预算"))
        if expected is None and not _other_funds(ctx.doc, fiscal):
            expected = summary_figure(ctx, fiscal, block_side=1)
        actual = column_total(ctx, general, ends_in_total)
        yield from _compare(
            ctx,
            FUNCTION_VS_FISCAL,
            actual,
            expected,
            ("财政拨款收支总表一般公共预算支出", "the 一般公共预算 expenditure of the 财政拨款收支总表"),
        )
    fiscal_fn = table_of(ctx.doc, "fiscal_function")
    if fiscal_fn is not None:
        expected = summary_figure(ctx, fiscal, block_side=1)
        actual = column_total(ctx, fiscal_fn, ends_in_total)
        yield from _compare(
            ctx,
            FUNCTION_VS_FISCAL,
            actual,
            expected,
            ("财政拨款收支总表支出合计", "the expenditure total of the 财政拨款收支总表"),
        )


def _other_funds(doc: Document, fiscal: Table) -> bool:
    """True when the document shows 政府性基金 or 国有资本经营 money anywhere."""
    for t in doc.tables:
        if t.kind in ("government_fund", "state_capital") and any(
            value(c) != 0 for r in t.rows for c in r.cells if isinstance(c, Decimal)
        ):
            return True
    for j, col in enumerate(fiscal.columns):
        if (
            col.type == "amount"
            and patterns.compile(r"政府性基金|国有资本").search(col.name)
            and any(value(r.cells[j]) != 0 for r in fiscal.rows)
        ):
            return True
    return False


# -- 基本支出: function table vs economic table ------------------------------------

_PAIRS: list[tuple[TableKind, TableKind]] = [
    ("general_function", "general_basic_economic"),
    ("fiscal_function", "fiscal_basic_economic"),
    ("expenditure", "basic_economic"),
]


def _basic_vs_economic(ctx: Context) -> Iterator[Finding]:
    for fn_kind, eco_kind in _PAIRS:
        fn = table_of(ctx.doc, fn_kind)
        eco = table_of(ctx.doc, eco_kind)
        if fn is None or eco is None:
            continue
        actual = group_total(ctx, fn, "基本支出")
        if actual is None and fn_kind == "fiscal_function":
            # Jiangsu: the 财政拨款收支总表 prints 基本支出 as a line of its 支出用途 side
            fiscal = table_of(ctx.doc, "fiscal_summary")
            actual = next(named_lines(fiscal, "基本支出"), None) if fiscal is not None else None
        expected = economic_total(ctx, eco)
        yield from _compare(
            ctx,
            BASIC_VS_ECONOMIC,
            actual,
            expected,
            ("经济分类基本支出合计", "the total of the economic 基本支出 table"),
        )


# -- 部门收支总表 vs 收入总表 and 支出总表 ----------------------------------------------


def _summary(ctx: Context) -> Iterator[Finding]:
    summary = table_of(ctx.doc, "summary")
    if summary is None:
        return
    income = table_of(ctx.doc, "income")
    if income is not None:
        carried = any(patterns.compile(r"结转|结余").search(c.name) for c in income.columns if c.type == "amount")
        expected = summary_figure(ctx, summary, block_side=0, prefer_year=not carried)
        actual = column_total(ctx, income, ends_in_total)
        yield from _compare(ctx, SUMMARY_VS_INCOME, actual, expected, ("部门收支总表", "the 部门收支总表"))
    expenditure = table_of(ctx.doc, "expenditure")
    if expenditure is not None:
        carried = any(patterns.compile(r"结转|结余").search(c.name) for c in expenditure.columns if c.type == "amount")
        expected = summary_figure(ctx, summary, block_side=1, prefer_year=not carried)
        actual = column_total(ctx, expenditure, ends_in_total)
        yield from _compare(ctx, SUMMARY_VS_EXPENDITURE, actual, expected, ("部门收支总表", "the 部门收支总表"))


# -- 三公 in the economic table ----------------------------------------------------

#: economic code → how the 三公 table names the same money
_THREE_CODES = {
    "30212": patterns.compile(r"因公出国"),
    "30217": patterns.compile(r"公务接待"),
    "30231": patterns.compile(r"公务用车运行"),
    "31013": patterns.compile(r"公务用车购置(?:费)?$"),
}


def _three_public(ctx: Context) -> Iterator[Finding]:
    three = table_of(ctx.doc, "three_public")
    eco = table_of(ctx.doc, "general_basic_economic", "fiscal_basic_economic")
    if three is None or eco is None:
        return
    for code, pattern in _THREE_CODES.items():
        actual = _economic_row(ctx, eco, code)
        if actual is not None and not pattern.search(clean_name(actual.place.name)):
            # the code means something else in this document's edition or region
            continue
        expected = three_public_figure(ctx, three, pattern)
        if actual is None or expected is None:
            continue
        what = (f"{expected.place.where}（“三公”经费表）", f"{expected.place.where} (the 三公 table)")
        f = ctx.compare(THREE_PUBLIC, actual, expected.value, expected_unit=expected.unit, what=what)
        if f is None:
            continue
        if f.difference is not None and f.difference < 0 and f.severity == "error":
            f.severity = "info"
            f.message += "；其余可能列在项目支出中"
            f.message_en += "; the rest may be project expenditure"
        yield f


def _economic_row(ctx: Context, eco: Table, code: str) -> Figure | None:
    for b in eco.blocks:
        j = pick_column(eco, ends_in_total, ctx.doc.info.stage, b) or pick_column(
            eco, lambda p: True, ctx.doc.info.stage, b
        )
        if j is None:
            continue
        for row in eco.rows:
            c, _ = item(eco, row, b)
            if c == code:
                return cell_figure(eco, row, j, b)
    return None


# -- 项目绩效目标表 vs 项目支出 --------------------------------------------------------


def _projects(ctx: Context) -> Iterator[Finding]:
    amounts = project_amounts(ctx.doc)
    if not amounts:
        return
    actual = None
    for kind in ("expenditure", "general_function", "fiscal_function"):
        t = table_of(ctx.doc, kind)
        if t is not None:
            actual = group_total(ctx, t, "项目支出")
            if actual is not None:
                break
    total = sum((a for _, a in amounts), Decimal(0))
    scope = _projects_scope(ctx)
    if scope is not None:
        yield from _projects_against_text(ctx, amounts, total, *scope)
        if actual is None or _to_yuan(actual) is None or total <= _to_yuan(actual):  # type: ignore[operator]
            return
    if actual is None:
        return
    f = ctx.compare(
        PROJECTS,
        actual,
        total,
        expected_unit="元",
        what=(
            f"{len(amounts)}张项目绩效目标表资金总额之和",
            f"the sum of 资金总额 of the {len(amounts)} project forms",
        ),
    )
    if f and f.severity == "error":
        # the document does not say that every project has a form, nor that a form's 资金总额 is this
        # year's money only: forms short of 项目支出 are an info, forms beyond it a warning
        short = f.difference is not None and f.difference > 0
        f.severity = "info" if short else "warning"
        f.message += "（未列明所有项目均编报绩效目标表、资金总额均为本年资金，仅作提示）"
        f.message_en += " (the document does not say that every project has a form with this year's money only)"
    if f:
        yield f


#: "编报绩效目标的项目5个，涉及项目预算资金3328.13万元"
_SCOPE = patterns.compile(
    r"编报(?:了)?绩效目标的项目(?:共)?(?P<n>\d+)个[，,]涉及(?:项目)?(?:预算)?资金(?P<num>\d[\d,]*(?:\.\d+)?)(?P<unit>亿元|万元|元)"
)


def _projects_scope(ctx: Context) -> tuple[int, Figure] | None:
    """How many projects the text says have performance targets, and their money, if it says."""
    text = narrative_text(ctx.doc)
    m = _SCOPE.search(text.text)
    if m is None:
        return None
    return int(m.group("n")), text_figure(text, m, m.group(0))


def _to_yuan(f: Figure) -> Decimal | None:
    factor = UNIT_FACTORS.get(f.unit) if f.unit else None
    return f.value * factor if factor is not None else None


def _projects_against_text(
    ctx: Context, amounts: list[tuple[Table, Decimal]], total: Decimal, count: int, stated: Figure
) -> Iterator[Finding]:
    if count != len(amounts):
        zh = f"正文称编报绩效目标的项目{count}个，文件印有{len(amounts)}张项目绩效目标表"
        en = f"the text counts {count} projects with performance targets; the document prints {len(amounts)} forms"
        yield ctx.note(PROJECTS, "error", stated.place, (zh, en))
        return
    exponent = stated.value.as_tuple().exponent
    half = Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)
    f = ctx.compare(
        PROJECTS,
        stated,
        total,
        expected_unit="元",
        slack=half,
        what=(
            f"{len(amounts)}张项目绩效目标表资金总额之和",
            f"the sum of 资金总额 of the {len(amounts)} project forms",
        ),
    )
    if f:
        yield f


# -- the 收支总表's expenditure lines against the function table's 类 rows --------------------------

SUMMARY_LINES = "cross.summary_lines"
_NUMBERING = patterns.compile(r"^(?:[一二三四五六七八九十百]+[、.．]|\d+[、.．])")


def _class_name(name: str | None) -> str:
    return _NUMBERING.sub("", clean_name(name)).replace("其它", "其他")


def _summary_lines(ctx: Context) -> Iterator[Finding]:
    pairs: list[tuple[TableKind, tuple[TableKind, ...], str | None]] = [
        ("summary", ("expenditure",), None),
        ("fiscal_summary", ("general_function",), "一般公共预算"),
    ]
    pairs.append(("fiscal_summary", ("fiscal_function",), None))
    for summary_kind, detail_kinds, fund in pairs:
        summary = table_of(ctx.doc, summary_kind)
        detail = table_of(ctx.doc, *detail_kinds)
        if summary is None or detail is None:
            continue
        blocks = [b for b in summary.blocks if amount_columns(summary, b)]
        if len(blocks) < 2:
            continue
        b = blocks[1]
        j = (
            pick_column(summary, mentions_not_part(fund), ctx.doc.info.stage, b)
            if fund
            else blk.total_column(summary, b)
        )
        dj = pick_column(detail, ends_in_total, ctx.doc.info.stage, 0)
        if j is None or dj is None:
            continue
        classes = {_class_name(r.name): r for r in detail.rows if r.code and len(r.code) == 3}
        if not classes:
            continue
        for row, name in blk.side(summary, b):
            cls = classes.get(_class_name(name))
            if cls is None:
                continue
            if row.cells[j] is None and cls.cells[dj] is None:
                continue
            code, printed = item(summary, row, b)
            actual = Figure(
                value(row.cells[j]), summary.unit, Place(summary, row, summary.columns[j].name, code, printed)
            )
            expected = cell_figure(detail, cls, dj)
            yield from _compare(
                ctx, SUMMARY_LINES, actual, expected, ("功能分类类级合计", "the 类 row of the function table")
            )
