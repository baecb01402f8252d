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

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from budgetx.model import Document, Finding, Table
from budgetx.normalize.amounts import UNIT_FACTORS
from budgetx.validate import blocks as blk
from budgetx.validate.base import (
    TOTAL_SEGMENT,
    Context,
    Figure,
    amount_columns,
    cell_figure,
    clean_name,
    is_total_path,
    item,
    pick_column,
    segments,
    total_row,
    value,
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


def table_of(doc: Document, *kinds: str, with_rows: bool = True) -> Table | None:
    """The first table (with rows, unless ``with_rows`` is false) of the first of ``kinds`` the document has."""
    for kind in kinds:
        for t in doc.tables:
            if t.kind == kind and (t.rows or not with_rows):
                return t
    return None


def column_total(ctx: Context, table: Table, test) -> Figure | None:  # type: ignore[no-untyped-def]
    """The figure of a coded table's 合计 row in the column passing ``test``.

    A table of one amount column ("金额", Jiangsu) has that column as its total.
    """
    j = pick_column(table, test, ctx.doc.info.stage, 0)
    if j is None and test is _is_total and len(amount_columns(table)) == 1:
        j = amount_columns(table)[0]
    row = total_row(table, 0)
    if j is None or row is None:
        return None
    return cell_figure(table, row, j)


def _is_total(path: list[str]) -> bool:
    return bool(path) and bool(TOTAL_SEGMENT.match(path[-1]))


def _has(word: str):  # type: ignore[no-untyped-def]
    return lambda path: any(word in s for s in path) and not any(s.startswith("其中") for s in path)


def summary_figure(
    ctx: Context, table: Table, *, block_side: int, test=None, prefer_year: bool = True
) -> Figure | None:  # type: ignore[no-untyped-def]
    """A 收支总表's 本年收入/支出 (or 总计) figure on one side, in the column passing ``test``."""
    blocks = [b for b in table.blocks if amount_columns(table, b)]
    if len(blocks) <= block_side:
        return None
    b = blocks[block_side]
    j = blk.total_column(table, b) if test is None else pick_column(table, test, ctx.doc.info.stage, b)
    if j is None:
        return None
    lines = blk.side(table, b)
    pick = (blk.year_total(lines) if prefer_year else None) or blk.grand_total(lines)
    if pick is None:
        return None
    code, name = item(table, pick[0], b)
    found = blk.amount(table, pick[0], j, b)
    return Figure(
        found if found is not None else Decimal(0), table.unit, table, pick[0], table.columns[j].name, code, name
    )


def _compare(
    ctx: Context, rule: str, actual: Figure | None, expected: Figure | None, what: tuple[str, str]
) -> Iterator[Finding]:
    if actual is None or expected is None:
        return
    where = expected.where
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
        expected = summary_figure(ctx, fiscal, block_side=1, test=_has("一般公共预算"))
        if expected is None and not _other_funds(ctx.doc, fiscal):
            expected = summary_figure(ctx, fiscal, block_side=1)
        actual = column_total(ctx, general, _is_total)
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
        actual = column_total(ctx, fiscal_fn, _is_total)
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
            and re.search(r"政府性基金|国有资本", col.name)
            and any(value(r.cells[j]) != 0 for r in fiscal.rows)
        ):
            return True
    return False


# -- 基本支出: function table vs economic table ------------------------------------

_PAIRS = [
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
        actual = column_total(ctx, fn, lambda p: any("基本支出" in s for s in p) and not is_total_path(p))
        if actual is None and fn_kind == "fiscal_function":
            # Jiangsu: the 财政拨款收支总表 prints 基本支出 as a line of its 支出用途 side
            fiscal = table_of(ctx.doc, "fiscal_summary")
            actual = _line(fiscal, "基本支出") if fiscal is not None else None
        expected = economic_total(ctx, eco)
        yield from _compare(
            ctx,
            BASIC_VS_ECONOMIC,
            actual,
            expected,
            ("经济分类基本支出合计", "the total of the economic 基本支出 table"),
        )


def economic_total(ctx: Context, eco: Table) -> Figure | None:
    """The economic table's total: its 合计 row, or Σ its blocks' 人员经费合计 + 公用经费合计."""
    figures: list[Figure] = []
    for b in eco.blocks:
        cols = amount_columns(eco, b)
        if not cols:
            continue
        j = pick_column(eco, _is_total, ctx.doc.info.stage, b)
        if j is None:
            j = pick_column(eco, lambda p: True, ctx.doc.info.stage, b)
        row = total_row(eco, b)
        if j is None or row is None:
            return None
        figures.append(cell_figure(eco, row, j, b))
    if not figures:
        return None
    if len(figures) == 1:
        return figures[0]
    total = sum((f.value for f in figures), Decimal(0))
    label = " + ".join(f.name or "" for f in figures)
    return Figure(total, eco.unit, eco, None, None, None, label)


def _line(table: Table, name: str) -> Figure | None:
    """The line called ``name`` ("一、基本支出") on any side of a 收支总表."""
    for b in table.blocks:
        j = blk.total_column(table, b)
        if j is None:
            continue
        for row, label in blk.side(table, b):
            if re.fullmatch(rf"(?:[一二三四五六七八九十]+[、.．])?{name}", label):
                return cell_figure(table, row, j, b)
    return None


# -- 部门收支总表 vs 收入总表 and 支出总表 ----------------------------------------------


def _summary(ctx: Context) -> Iterator[Finding]:
    summary = table_of(ctx.doc, "summary")
    if summary is None:
        return
    income = table_of(ctx.doc, "income")
    if income is not None:
        carried = any(re.search(r"结转|结余", c.name) for c in income.columns if c.type == "amount")
        expected = summary_figure(ctx, summary, block_side=0, prefer_year=not carried)
        actual = column_total(ctx, income, _is_total)
        yield from _compare(ctx, SUMMARY_VS_INCOME, actual, expected, ("部门收支总表", "the 部门收支总表"))
    expenditure = table_of(ctx.doc, "expenditure")
    if expenditure is not None:
        carried = any(re.search(r"结转|结余", c.name) for c in expenditure.columns if c.type == "amount")
        expected = summary_figure(ctx, summary, block_side=1, prefer_year=not carried)
        actual = column_total(ctx, expenditure, _is_total)
        yield from _compare(ctx, SUMMARY_VS_EXPENDITURE, actual, expected, ("部门收支总表", "the 部门收支总表"))


# -- 三公 in the economic table ----------------------------------------------------

#: economic code → how the 三公 table names the same money
_THREE_CODES = {
    "30212": re.compile(r"因公出国"),
    "30217": re.compile(r"公务接待"),
    "30231": re.compile(r"公务用车运行"),
    "31013": re.compile(r"公务用车购置(?:费)?$"),
}


def _three_public(ctx: Context) -> Iterator[Finding]:
    three = table_of(ctx.doc, "three_public")
    eco = table_of(ctx.doc, "general_basic_economic", "fiscal_basic_economic")
    if three is None or eco is None:
        return
    for code, pattern in _THREE_CODES.items():
        actual = _economic_row(ctx, eco, code)
        if actual is not None and not pattern.search(clean_name(actual.name)):
            # the code means something else in this document's edition or region
            continue
        expected = three_public_figure(ctx, three, pattern)
        if actual is None or expected is None:
            continue
        what = (f"{expected.where}（“三公”经费表）", f"{expected.where} (the 三公 table)")
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
        j = pick_column(eco, _is_total, ctx.doc.info.stage, b) or pick_column(
            eco, lambda p: True, ctx.doc.info.stage, b
        )
        if j is None:
            continue
        for row in eco.rows:
            c, _ = item(eco, row, b)
            if c == code:
                return cell_figure(eco, row, j, b)
    return None


def three_public_figures(ctx: Context, three: Table, pattern: re.Pattern[str] | None) -> list[Figure]:
    """One 三公 item's figures (``pattern=None``: the 三公 total), the stage's measure first.

    Works whether the table prints the items as columns (one data row) or as
    rows (one item a row, a column per measure).
    """
    stage = ctx.doc.info.stage
    if pattern is None:

        def test(p: list[str]) -> bool:
            return any(re.fullmatch(r"合计|总计", s) for s in p)

        three_cols = [j for j in amount_columns(three) if "三公" in three.columns[j].name]
        cols = _ordered(three, [j for j in three_cols if test(segments(three.columns[j].name))], stage) or _ordered(
            three, [j for j in amount_columns(three) if test(segments(three.columns[j].name))], stage
        )
    else:
        cols = _ordered(
            three, [j for j in amount_columns(three) if _names_item(segments(three.columns[j].name), pattern)], stage
        )
    if cols:
        row = next((r for r in three.rows if any(isinstance(c, Decimal) for c in r.cells)), None)
        if row is not None:
            return [cell_figure(three, row, j) for j in cols]
        if not three.rows:
            # the table is printed without a figure: it says 0
            return [Figure(Decimal(0), three.unit, three, None, three.columns[j].name) for j in cols]
        return []
    for row in three.rows:
        label = re.sub(r"^其中[：:]?", "", clean_name(row.name))
        if not label:
            continue
        hit = re.fullmatch(r"(?:三公经费)?(?:合计|总计)", label) if pattern is None else pattern.search(label)
        if hit:
            return [cell_figure(three, row, j) for j in _ordered(three, amount_columns(three), stage)]
    return []


_MEASURE = re.compile(r"^(?:\d{4}年度?)?(?:本年|上年)?(?:预算|决算|执行)?数?$|金额|数额")


def _names_item(path: list[str], pattern: re.Pattern[str]) -> bool:
    """True when the column is the item ``pattern`` names: its own column, its 小计, or a measure of it."""
    hits = [k for k, s in enumerate(path) if pattern.search(s)]
    if not hits:
        return False
    rest = path[hits[-1] + 1 :]
    return all(TOTAL_SEGMENT.match(s) or _MEASURE.search(s) for s in rest)


def three_public_figure(ctx: Context, three: Table, pattern: re.Pattern[str] | None) -> Figure | None:
    found = three_public_figures(ctx, three, pattern)
    return found[0] if found else None


def _ordered(table: Table, cols: list[int], stage: str | None) -> list[int]:
    """``cols`` with the document's stage's measure first (决算数 in a 决算)."""

    def rank(j: int) -> int:
        name = table.columns[j].name
        if stage == "决算":
            return 0 if "决算" in name else 1
        return 1 if re.search(r"上年|决算", name) else 0

    return sorted(cols, key=rank)


# -- 项目绩效目标表 vs 项目支出 --------------------------------------------------------

_AMOUNT_FIELD = re.compile(r"资金总额|项目资金|预算金额|申报金额|资金合计")
_NUMBER = re.compile(r"([-\d,]+(?:\.\d+)?)\s*(万元|千元|亿元|元)?")
_UNIT_IN_KEY = re.compile(r"[（(]\s*(万元|千元|亿元|元)\s*[)）]")


def project_amounts(doc: Document) -> list[tuple[Table, Decimal]] | None:
    """Each project form's 资金总额 in 元; ``None`` when a form's amount cannot be read."""
    out: list[tuple[Table, Decimal]] = []
    for t in doc.tables:
        if t.kind != "performance_project":
            continue
        key = next((k for k in t.fields if _AMOUNT_FIELD.search(k)), None)
        if key is None:
            return None
        m = _NUMBER.search(t.fields[key] or "")
        unit_m = _UNIT_IN_KEY.search(key)
        unit = (m.group(2) if m and m.group(2) else None) or (unit_m.group(1) if unit_m else None)
        if m is None or unit is None:
            return None
        try:
            amount = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            return None
        out.append((t, amount * UNIT_FACTORS[unit]))
    return out


def _projects(ctx: Context) -> Iterator[Finding]:
    amounts = project_amounts(ctx.doc)
    if not amounts:
        return
    actual = None
    for kind in ("expenditure", "general_function", "fiscal_function"):
        t = table_of(ctx.doc, kind)
        if t is not None:
            actual = column_total(ctx, t, lambda p: any("项目支出" in s for s in p) and not is_total_path(p))
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
    if f:
        yield f


#: "编报绩效目标的项目5个，涉及项目预算资金3328.13万元"
_SCOPE = re.compile(
    r"编报(?:了)?绩效目标的项目(?:共)?(?P<n>\d+)个[，,]涉及(?:项目)?(?:预算)?资金(?P<num>\d[\d,]*(?:\.\d+)?)(?P<unit>亿元|万元|元)"
)


def _projects_scope(ctx: Context) -> tuple[int, Figure] | None:
    """How many projects the text says have performance targets, and their money, if it says."""
    from budgetx.validate.narrative import narrative_text  # narrative imports this module

    text = narrative_text(ctx.doc)
    m = _SCOPE.search(text.text)
    if m is None:
        return None
    page, line = text.locate(m.start())
    figure = Figure(
        value=Decimal(m.group("num").replace(",", "")),
        unit=m.group("unit"),
        page=page,
        line=line,
        label=f"情况说明「{m.group(0)}」",
    )
    return int(m.group("n")), figure


def _to_yuan(f: Figure) -> Decimal | None:
    factor = UNIT_FACTORS.get(f.unit) if f.unit else None
    return f.value * factor if factor is not None else None


def _projects_against_text(
    ctx: Context, amounts: list[tuple[Table, Decimal]], total: Decimal, count: int, stated: Figure
) -> Iterator[Finding]:
    if count != len(amounts):
        zh = f"正文称编报绩效目标的项目{count}个，文件印有{len(amounts)}张项目绩效目标表"
        en = f"the text counts {count} projects with performance targets; the document prints {len(amounts)} forms"
        yield ctx.note(PROJECTS, "error", stated, (zh, en))
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
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十百]+[、.．]|\d+[、.．])")


def _class_name(name: str | None) -> str:
    return _NUMBERING.sub("", clean_name(name)).replace("其它", "其他")


def _summary_lines(ctx: Context) -> Iterator[Finding]:
    pairs = [("summary", ("expenditure",), None), ("fiscal_summary", ("general_function",), "一般公共预算")]
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
        j = pick_column(summary, _has(fund), ctx.doc.info.stage, b) if fund else blk.total_column(summary, b)
        dj = pick_column(detail, _is_total, ctx.doc.info.stage, 0)
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
            actual = Figure(value(row.cells[j]), summary.unit, summary, row, summary.columns[j].name, code, printed)
            expected = cell_figure(detail, cls, dj)
            yield from _compare(
                ctx, SUMMARY_LINES, actual, expected, ("功能分类类级合计", "the 类 row of the function table")
            )
