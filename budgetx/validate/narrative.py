"""Figures quoted in the narrative (情况说明) against the tables.

The narrative's lines are joined into one text (a sentence broken over two
lines or pages is one sentence again; see
:func:`~budgetx.validate.queries.narrative_text`), spaces and quote marks
removed, and searched for a keyword directly followed by a figure with its unit:
"收入预算：2021年年初预算数426.37万元", "“三公”经费预算3.5万元",
"机关运行经费54.27万元", "基本支出223.37万元".  Only a short gap without a
comparison word (增加, 减少, 比, 较, 占 …) may stand between keyword and figure,
so "基本支出增加12.61万元" is not read as the 基本支出.

Each keyword names the table figures it may mean (a 基本支出 in the text can be
the department's or the 一般公共预算's); the text figure must match one of
them, in 元 after converting both units.  The text may round: "3.5万元" for
3.50, "426万元" for 426.37 is no finding; a difference beyond the printed
precision within the tolerance is a warning, beyond that an error.

Rules: ``narrative.figure`` (totals, 基本/项目支出, 三公, 机关运行经费, 政府采购),
``narrative.item`` ("…（类）…（款）…（项）”166.66万元" against the function
table's 项), ``narrative.procurement`` (政府采购预算总额 = 货物 + 工程 + 服务 in
the text itself).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import ROUND_DOWN, Decimal

from budgetx import patterns
from budgetx.model import Finding, Table, TableKind
from budgetx.normalize.names import compact
from budgetx.validate import blocks as blk
from budgetx.validate.base import (
    Context,
    Figure,
    PathTest,
    Place,
    amount_columns,
    cell_figure,
    clean_name,
    item,
    pick_column,
    segments,
    total_row,
)
from budgetx.validate.queries import (
    HEADING,
    Text,
    column_total,
    economic_total,
    ends_in_bare_total,
    group_total,
    named_lines,
    narrative_text,
    project_amounts,
    summary_figure,
    table_of,
    text_figure,
    three_public_figures,
)

FIGURE = "narrative.figure"
ITEM = "narrative.item"
PROCUREMENT = "narrative.procurement"

_UNIT = r"(?P<unit>亿元|万元|千元|元)"
_NUMBER = r"(?P<num>\d[\d,]*(?:\.\d+)?)"
#: what may stand between a keyword and its figure: a year, or a few words
#: that are not a comparison or a conjunction
_GAP = r"(?:\d{4}年度?|[^\d，,。；;、\n增减比较占同降升和及与其（(]){0,12}?"
#: "增加基本支出844.15万元": a change of the figure, not the figure
_CHANGE_BEFORE = patterns.compile(r"(?:增加|减少|增长|下降|调增|调减|新增|较|比)$")
# -- the figures a keyword may mean ---------------------------------------------

Resolver = Callable[[Context], list[Figure]]


def _f(*figures: Figure | None) -> list[Figure]:
    return [f for f in figures if f is not None]


def _table_total(ctx: Context, kinds: tuple[TableKind, ...], test: PathTest = ends_in_bare_total) -> Figure | None:
    t = table_of(ctx.doc, *kinds)
    return column_total(ctx, t, test) if t is not None else None


def _group_total(ctx: Context, kind: TableKind, word: str) -> Figure | None:
    t = table_of(ctx.doc, kind)
    return group_total(ctx, t, word) if t is not None else None


def _summary(ctx: Context, kind: TableKind, side: int, year: bool, test: PathTest | None = None) -> Figure | None:
    t = table_of(ctx.doc, kind)
    return summary_figure(ctx, t, block_side=side, prefer_year=year, test=test) if t is not None else None


def _summary_line(ctx: Context, kind: TableKind, side: int, pattern: str) -> Figure | None:
    t = table_of(ctx.doc, kind)
    if t is None:
        return None
    b = [x for x in t.blocks if amount_columns(t, x)]
    if len(b) <= side:
        return None
    j = blk.total_column(t, b[side])
    for row, name in blk.side(t, b[side]):
        if patterns.compile(pattern).search(name) and j is not None:
            return cell_figure(t, row, j, b[side])
    return None


def _income(ctx: Context) -> list[Figure]:
    return _f(
        _summary(ctx, "summary", 0, False),
        _summary(ctx, "summary", 0, True),
        _table_total(ctx, ("income",)),
        _summary(ctx, "fiscal_summary", 0, False),
        _summary(ctx, "fiscal_summary", 0, True),
    )


def _expenditure(ctx: Context) -> list[Figure]:
    return _f(
        _summary(ctx, "summary", 1, False),
        _summary(ctx, "summary", 1, True),
        _table_total(ctx, ("expenditure",)),
        _summary(ctx, "fiscal_summary", 1, False),
        _summary(ctx, "fiscal_summary", 1, True),
    )


def _year_income(ctx: Context) -> list[Figure]:
    return _f(
        _summary(ctx, "summary", 0, True), _table_total(ctx, ("income",)), _summary(ctx, "fiscal_summary", 0, True)
    )


def _year_expenditure(ctx: Context) -> list[Figure]:
    return _f(
        _summary(ctx, "summary", 1, True), _table_total(ctx, ("expenditure",)), _summary(ctx, "fiscal_summary", 1, True)
    )


def _fiscal_total(ctx: Context) -> list[Figure]:
    return _f(_summary(ctx, "fiscal_summary", 0, False), _summary(ctx, "fiscal_summary", 1, False))


def _general_income(ctx: Context) -> list[Figure]:
    return _f(
        _summary_line(ctx, "fiscal_summary", 0, "一般公共预算"),
        _summary_line(ctx, "summary", 0, "一般公共预算"),
        _table_total(ctx, ("general_function",)),
    )


def _fiscal_income(ctx: Context) -> list[Figure]:
    return _f(
        _summary_line(ctx, "summary", 0, "财政拨款"),
        _summary(ctx, "fiscal_summary", 0, True),
        _summary(ctx, "fiscal_summary", 0, False),
    )


def _general_expenditure(ctx: Context) -> list[Figure]:
    return _f(
        _table_total(ctx, ("general_function",)),
        _summary(ctx, "fiscal_summary", 1, True, test=lambda p: any("一般公共预算" in s for s in p)),
    )


def _summary_lines(ctx: Context, pattern: str) -> list[Figure]:
    """The lines named ``pattern`` on any side of the 收支总表s (Jiangsu's 支出用途 block)."""
    out: list[Figure] = []
    for kind in ("summary", "fiscal_summary"):
        t = table_of(ctx.doc, kind)
        if t is None:
            continue
        out.extend(named_lines(t, pattern))
    return out


def _basic(ctx: Context) -> list[Figure]:
    kinds: tuple[TableKind, ...] = ("general_function", "expenditure", "fiscal_function")
    return _f(*(_group_total(ctx, k, "基本支出") for k in kinds), *_economic(ctx)) + _summary_lines(ctx, "基本支出")


def _economic(ctx: Context) -> list[Figure]:
    t = table_of(ctx.doc, "general_basic_economic", "fiscal_basic_economic", "basic_economic")
    return _f(economic_total(ctx, t)) if t is not None else []


def _project(ctx: Context) -> list[Figure]:
    kinds: tuple[TableKind, ...] = ("general_function", "expenditure", "fiscal_function")
    figures = _f(*(_group_total(ctx, k, "项目支出") for k in kinds)) + _summary_lines(ctx, "项目支出")
    amounts = project_amounts(ctx.doc)
    if amounts:
        total = sum((a for _, a in amounts), Decimal(0))
        figures.append(Figure(total, "元", Place(label="项目绩效目标表资金总额之和")))
    return figures


def _three(pattern: str | None) -> Resolver:
    compiled = patterns.compile(pattern) if pattern else None

    def resolve(ctx: Context) -> list[Figure]:
        t = table_of(ctx.doc, "three_public") or table_of(ctx.doc, "three_public", with_rows=False)
        return three_public_figures(ctx, t, compiled) if t is not None else []

    return resolve


def _operating(ctx: Context) -> list[Figure]:
    t = table_of(ctx.doc, "operating_costs")
    if t is not None:
        j = pick_column(t, lambda p: True, ctx.doc.info.stage)
        row = total_row(t) or (t.rows[0] if t.rows else None)
        if j is not None and row is not None:
            return [cell_figure(t, row, j)]
    three = table_of(ctx.doc, "three_public")
    if three is not None:
        found = three_public_figures(ctx, three, patterns.compile(r"机关运行经费"))
        if found:
            return found
    eco = table_of(ctx.doc, "general_basic_economic", "fiscal_basic_economic")
    if eco is not None:
        # where no table prints it, 机关运行经费 may be the 公用经费 of the 一般公共预算 基本支出;
        # not where the department has 事业单位, whose 公用经费 are no 机关运行经费: an assumption
        f = column_total(ctx, eco, lambda p: any("公用经费" in s for s in p))
        if f is None:
            for b in eco.blocks:
                row = total_row(eco, b)
                _, name = item(eco, row, b) if row is not None else (None, None)
                if row is not None and "公用经费" in clean_name(name):
                    j = blk.total_column(eco, b)
                    if j is not None:
                        f = cell_figure(eco, row, j, b)
                        break
        if f is not None:
            return [replace(f, assumption=_OPERATING_AS_PUBLIC)]
    return []


_OPERATING_AS_PUBLIC = (
    "无表列机关运行经费，以一般公共预算基本支出公用经费代之；部门含事业单位时二者不等，故未作判断",
    "no table prints 机关运行经费; the 公用经费 of the 一般公共预算 基本支出 stands in for it, which differs "
    "where the department has 事业单位, so this is not judged",
)


def _procurement(ctx: Context) -> list[Figure]:
    t = table_of(ctx.doc, "procurement")
    if t is None:
        return []
    return _f(column_total(ctx, t, ends_in_bare_total) or column_total(ctx, t, lambda p: True))


#: a 收入/支出 keyword that is not part of a narrower item's name ("基本支出预算", "运行经费支出合计")
_OWN = r"(?<!基本)(?<!项目)(?<!经费)(?<!三公)(?<!拨款)(?<!预算)(?<!基金)(?<!采购)"

#: (keyword, what it means in Chinese and English, resolver), longest keywords first
KEYWORDS: list[tuple[str, tuple[str, str], Resolver]] = [
    (r"财政拨款收入?支出?总计|财政拨款收支总计", ("财政拨款收支总计", "the 财政拨款 total"), _fiscal_total),
    (
        r"收入支出总计|收支总计",
        ("收支总计", "the income and expenditure total"),
        lambda c: _income(c) + _expenditure(c),
    ),
    (r"一般公共预算财政拨款收入", ("一般公共预算财政拨款收入", "一般公共预算 income"), _general_income),
    (r"一般公共预算财政拨款支出", ("一般公共预算财政拨款支出", "一般公共预算 expenditure"), _general_expenditure),
    (r"本年收入合计", ("本年收入合计", "this year's income"), _year_income),
    (r"本年支出合计", ("本年支出合计", "this year's expenditure"), _year_expenditure),
    (rf"{_OWN}(?:收入预算|收入总计|收入合计)", ("收入", "the income total"), _income),
    (rf"{_OWN}(?:支出预算|支出总计|支出合计)", ("支出", "the expenditure total"), _expenditure),
    (r"财政拨款收入", ("财政拨款收入", "财政拨款 income"), _fiscal_income),
    (r"基本支出", ("基本支出", "basic expenditure"), _basic),
    (r"项目支出", ("项目支出", "project expenditure"), _project),
    (r"三公经费(?:预算|支出|决算)?(?:数|总额)?", ("“三公”经费", "三公 spending"), _three(None)),
    (r"因公出国[（(]境[)）]费用?", ("因公出国（境）费", "因公出国（境）"), _three(r"因公出国")),
    (r"公务用车购置及运行(?:维护)?费", ("公务用车购置及运行费", "公务用车购置及运行"), _three(r"公务用车购置及运行")),
    (r"公务用车购置费", ("公务用车购置费", "公务用车购置"), _three(r"公务用车购置(?:费)?$")),
    (r"公务用车运行(?:维护)?费", ("公务用车运行费", "公务用车运行"), _three(r"公务用车运行")),
    (r"公务接待费", ("公务接待费", "公务接待"), _three(r"公务接待")),
    (r"机关运行经费|财政拨款运行经费", ("机关运行经费", "机关运行经费"), _operating),
    (r"政府采购(?:支出)?(?:预算)?(?:支出)?总额", ("政府采购总额", "government procurement"), _procurement),
]


def _half_unit(number: str) -> Decimal:
    """Half the last printed digit: how far a rounded figure may lie from the exact one."""
    decimals = len(number.split(".")[1]) if "." in number else 0
    return Decimal(5) * Decimal(10) ** (-decimals - 1)


def check(ctx: Context) -> Iterator[Finding]:
    text = narrative_text(ctx.doc)
    if not text.text:
        return
    sections = _Sections(text.text)
    yield from _figures(ctx, text)
    yield from _items(ctx, text, sections)
    yield from _procurement_parts(ctx, text)
    yield from _comparisons(ctx, text)
    yield from _classes(ctx, text, sections)


def _figures(ctx: Context, text: Text) -> Iterator[Finding]:
    # every keyword that reaches a figure; a figure belongs to the keyword that
    # starts first ("政府采购支出预算总额3,096.24万元" is the 政府采购, not the 支出预算)
    best: dict[int, tuple[int, int, re.Match[str]]] = {}
    for k, (keyword, _, _) in enumerate(KEYWORDS):
        pattern = patterns.compile(rf"(?P<kw>{keyword})(?P<gap>{_GAP})\n?{_NUMBER}\n?{_UNIT}")
        for m in pattern.finditer(text.text):
            if _CHANGE_BEFORE.search(text.text[max(0, m.start() - 4) : m.start()]):
                continue
            if _other_year(ctx, text.text[max(0, m.start() - 12) : m.start()] + m.group("gap")):
                continue  # "（2016年度部门支出预算安排为8,648.07万元）": last year's figure
            if keyword.startswith(_OWN) and not _clause_start(text.text, m.start()):
                continue  # "其他资金收入预算总计0万元" is one source's total, not the department's
            key = (m.start(), k)
            if m.start("num") not in best or key < best[m.start("num")][:2]:
                best[m.start("num")] = (m.start(), k, m)
    cache: dict[int, list[Figure]] = {}
    for _, (_, k, m) in sorted(best.items()):
        _, what, resolve = KEYWORDS[k]
        if k not in cache:
            cache[k] = resolve(ctx)
        candidates = _of_measure(ctx, cache[k], m.group("gap"))
        if candidates:
            f = _against(ctx, text, m, candidates, FIGURE, what)
            if f:
                yield f


_BUDGET_MEASURE = patterns.compile(r"(?:\d{4}年度?)?(?:年初|全年|调整后?)?预算数?")


def _budget_measure(column: str | None) -> bool:
    """True for a column of 预算 figures ("预算数", "年初预算数"), not "一般公共预算"."""
    return bool(column) and any(_BUDGET_MEASURE.fullmatch(s) for s in segments(column or ""))


_CJK_CHAR = patterns.compile(r"[\u4e00-\u9fff]")
#: what a department's own total may follow: its name ("…办公厅"), its year ("2018年度")
_OWNER_END = tuple("年度门位厅局院会委部室处所心")


def _other_year(ctx: Context, before: str) -> bool:
    """True when the words just before a figure name a year other than the document's."""
    year = ctx.doc.info.year
    found = patterns.compile(r"(\d{4})年").findall(before)
    return bool(year and found and int(found[-1]) != year)


def _clause_start(text: str, start: int) -> bool:
    """True when the keyword at ``start`` opens a clause or follows the department or the year."""
    if start == 0:
        return True
    prev = text[start - 1]
    return not _CJK_CHAR.match(prev) or prev in _OWNER_END


def _of_measure(ctx: Context, candidates: list[Figure], gap: str) -> list[Figure]:
    """The candidates of the measure the words before the figure name.

    A 决算's text quotes both "年初预算为0.95万元" and "支出决算为0.00万元": a figure
    called 预算 is compared with the 预算数 columns only (none: not compared); a
    预算's text that speaks of 决算, 执行 or 上年 is not compared at all.
    """
    if ctx.doc.info.stage == "决算":
        if "预算" in gap:
            return [f for f in candidates if _budget_measure(f.place.column)]
        return [f for f in candidates if not _budget_measure(f.place.column)]
    if patterns.compile(r"决算|执行|上年").search(gap):
        return []
    return candidates


def _against(
    ctx: Context, text: Text, m: re.Match[str], candidates: list[Figure], rule: str, what: tuple[str, str]
) -> Finding | None:
    actual = text_figure(text, m, m.group(0))
    slack = _half_unit(m.group("num"))
    first: Finding | None = None
    for expected in candidates:
        label_zh = expected.place.where or expected.place.label or ""
        f = ctx.compare(
            rule,
            actual,
            expected.value,
            expected_unit=expected.unit,
            slack=slack,
            what=(f"{label_zh}（{what[0]}）", f"{label_zh} ({what[1]})"),
        )
        if f is None:
            return None
        if expected.assumption is not None:
            # a figure that rests on an assumption is no claim that the document contradicts itself
            f.severity = "info"
            f.message += f"（{expected.assumption[0]}）"
            f.message_en += f" ({expected.assumption[1]})"
        if first is None or _SEVERITY_RANK[f.severity] < _SEVERITY_RANK[first.severity]:
            first = _locate(f, expected)
    return first


_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def _truncated(f: Finding) -> Finding:
    """A text figure that cuts the table's figure off (87.708 → "87.70") is an info, not a warning."""
    if f.severity != "warning" or f.expected is None or f.actual is None:
        return f
    exponent = f.actual.as_tuple().exponent
    if isinstance(exponent, int) and f.expected.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_DOWN) == f.actual:
        f.severity = "info"
        f.message += "（正文截尾而非四舍五入）"
        f.message_en += " (the text truncates instead of rounding)"
    return f


def _locate(f: Finding, expected: Figure) -> Finding:
    """A narrative finding names the table figure it was compared with."""
    f = _truncated(f)
    place = expected.place
    t = place.table
    return replace(
        f,
        table=t.index if t is not None else None,
        table_title=t.title if t is not None else None,
        code=place.code,
        row_name=place.name,
        column=place.column,
    )


# -- 项: "一般公共服务支出（类）财政事务（款）信息化建设（项）”166.66万元" ----------------------

#: what a name of the 类, 款 or 项 cannot hold
_SEG_BREAKS = "，,。；;（）()\n"
_SEG = rf"([^{_SEG_BREAKS}]+?)"
_ITEM = patterns.compile(
    rf"{_SEG}[（(]类[)）]{_SEG}[（(]款[)）]{_SEG}[（(]项[)）](?:支出)?(?:预算|决算)?(?:数)?(?:为)?\n?{_NUMBER}{_UNIT}"
)
_CLASS_MARK = patterns.compile(r"[（(]类[)）]")


def _item_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_ITEM` in ``text``, as ``_ITEM.finditer`` finds them, in linear time.

    ``finditer`` would try every position of a long run of words as the start of
    the 类's name, each attempt reading up to the run's end.  A match's 类 name
    ends at a "（类）" mark and reaches back at most to the character after the
    last one a name cannot hold; its leftmost start is there (or where the
    previous match ended), and when the match fails from there it fails from
    every later start before the mark too.  So one attempt per mark finds them all.
    """
    pos = 0
    seen = 0  # the end of the previous mark: a name never reaches back past it
    for mark in _CLASS_MARK.finditer(text):
        at = mark.start()
        lo = max(pos, seen)
        seen = mark.end()
        if at < pos:
            continue
        start = max([lo] + [text.rfind(ch, lo, at) + 1 for ch in _SEG_BREAKS])
        if start >= at:
            continue
        m = _ITEM.match(text, start)
        if m is not None:
            yield m
            pos = m.end()


def _same_name(a: str | None, b: str) -> bool:
    x = clean_name(a).replace("其它", "其他")
    y = HEADING.sub("", clean_name(b)).replace("其它", "其他")
    return bool(x) and (x == y or x.startswith(y) or y.startswith(x))


def _items(ctx: Context, text: Text, sections: _Sections) -> Iterator[Finding]:
    tables = [
        t
        for t in (table_of(ctx.doc, k) for k in ("general_function", "fiscal_function", "expenditure"))
        if t is not None
    ]
    if not tables:
        return
    for m in _item_matches(text.text):
        candidates = []
        kinds = _scope_kinds(ctx, sections, m.start())
        for t in (t for t in tables if t.kind in kinds):
            f = _item_figure(ctx, t, m.group(1), m.group(2), m.group(3))
            if f is not None:
                candidates.append(f)
        if not candidates:
            continue
        actual = text_figure(text, m, f"{m.group(3)}（项）")
        slack = _half_unit(m.group("num"))
        found: Finding | None = None
        for expected in candidates:
            finding = ctx.compare(
                ITEM,
                actual,
                expected.value,
                expected_unit=expected.unit,
                slack=slack,
                what=(f"{expected.place.where}", f"{expected.place.where}"),
            )
            if finding is None:
                found = None
                break
            found = found or _locate(finding, expected)
        if found:
            yield found


def _item_figure(ctx: Context, table: Table, cls: str, kuan: str, xiang: str) -> Figure | None:
    j = pick_column(table, ends_in_bare_total, ctx.doc.info.stage, 0)
    if j is None:
        return None
    names = {r.code: r.name for r in table.rows if r.code}
    for row in table.rows:
        if not row.code or len(row.code) != 7 or not _same_name(row.name, xiang):
            continue
        if _same_name(names.get(row.code[:5]), kuan) and _same_name(names.get(row.code[:3]), cls):
            return cell_figure(table, row, j)
    return None


# -- 政府采购预算总额 = 货物 + 工程 + 服务, in the text itself ---------------------------------

_PROC_TOTAL = patterns.compile(rf"政府采购(?:支出)?(?:预算)?(?:支出)?总额(?:为)?{_NUMBER}{_UNIT}")
_PROC_PART = patterns.compile(rf"政府采购(货物|工程|服务)(?:预算|支出)?(?:为)?{_NUMBER}{_UNIT}")
#: where the parts of a 政府采购 total end
_PROC_STOP = patterns.compile(r"[。\n]|其中")


def _procurement_parts(ctx: Context, text: Text) -> Iterator[Finding]:
    for m in _PROC_TOTAL.finditer(text.text):
        stop = _PROC_STOP.search(text.text, m.end())
        parts = list(_PROC_PART.finditer(text.text, m.end(), stop.start() if stop else len(text.text)))
        if len(parts) < 2:
            continue
        actual = text_figure(text, m, m.group(0))
        expected = Decimal(0)
        for p in parts:
            factor = Decimal(1) if p.group(3) == actual.unit else None
            if factor is None:
                break
            expected += Decimal(p.group(2).replace(",", ""))
        else:
            names = "、".join(p.group(1) for p in parts)
            f = ctx.compare(
                PROCUREMENT,
                actual,
                expected,
                what=(f"情况说明中政府采购{names}之和", f"the sum of the procurement parts ({names}) in the text"),
            )
            if f:
                yield f


# -- "年初预算为X万元，支出决算为Y万元。决算数小于预算数" -----------------------------------------

COMPARISON = "narrative.comparison"
_NUM = r"\d[\d,]*(?:\.\d+)?"
_COMPARED = patterns.compile(
    rf"(?:年初)?预算(?:数)?为\n?(?P<budget>{_NUM})\n?(?P<bu>万元|元)[，,]?\n?(?:支出)?决算(?:数)?为\n?(?P<final>{_NUM})\n?"
    r"(?P<fu>万元|元)\n?[。，,；;]?\n?决算数\n?(?P<rel>大于|小于|等于|高于|低于|多于|少于)(?:年初)?预算数"
)
_RELATIONS = {"大于": 1, "高于": 1, "多于": 1, "小于": -1, "低于": -1, "少于": -1, "等于": 0}


def _comparisons(ctx: Context, text: Text) -> Iterator[Finding]:
    for m in _COMPARED.finditer(text.text):
        if m.group("bu") != m.group("fu"):
            continue
        budget = Decimal(m.group("budget").replace(",", ""))
        final = Decimal(m.group("final").replace(",", ""))
        actual_sign = (final > budget) - (final < budget)
        said = _RELATIONS[m.group("rel")]
        if actual_sign == said:
            continue
        page, line = text.locate(m.start())
        where = Figure(final, m.group("fu"), Place(page=page, line=line, label="情况说明"))
        rel = {1: "大于", -1: "小于", 0: "等于"}[actual_sign]
        zh = f"情况说明称「决算数{m.group('rel')}预算数」，但决算数 {final} {rel}预算数 {budget}"
        en = f"the text says the final figure is {m.group('rel')} the budget, but {final} vs {budget}"
        f = ctx.finding(COMPARISON, "error", where, budget, final - budget, (zh, en))
        f.message, f.message_en = zh, en
        yield f


# -- 类 amounts: "社会保障和就业18.81万元", "住房保障支出（类）445.69万元" ------------------------------


#: a numbered heading of the narrative and the words after it ("（四）关于…财政拨款收支预算情况…");
#: the narrative's text holds no spaces, and each heading starts a line of it
_SECTION_HEADING = patterns.compile(
    r"(?m)^(?P<ordinal>[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])[^\n]{0,60}"
)
_FUNCTION_KINDS: tuple[TableKind, ...] = ("general_function", "expenditure", "fiscal_function")


class _Sections:
    """The numbered headings of the narrative's text, found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = [(m.end("ordinal"), m.start(), m.end()) for m in _SECTION_HEADING.finditer(text)]
        self.ordinal_ends = [f[0] for f in found]
        self.spans = [(f[1], f[2]) for f in found]

    def heading_before(self, pos: int) -> str:
        """The words of the last heading before ``pos`` (cut at ``pos`` when ``pos`` is inside it), compacted."""
        k = bisect_right(self.ordinal_ends, pos) - 1
        if k < 0:
            return ""
        start, end = self.spans[k]
        return compact(self.text[start : min(end, pos)])


def _scope_kinds(ctx: Context, sections: _Sections, pos: int) -> tuple[TableKind, ...]:
    """The function tables a figure at ``pos`` of the text may be compared with.

    The section the figure stands in says what money it counts: under a heading
    about 财政拨款, the 财政拨款 tables (and the 一般公共预算 one where the
    document has no other funds); under one about 一般公共预算, that table only;
    elsewhere any function table.  A figure is never held against a table of
    another scope.
    """
    heading = sections.heading_before(pos)
    if "财政拨款" in heading:
        return ("fiscal_function",) if _has_other_funds(ctx) else ("fiscal_function", "general_function")
    if "一般公共预算" in heading:
        return ("general_function",)
    return _FUNCTION_KINDS


def _has_other_funds(ctx: Context) -> bool:
    """True when the document prints 政府性基金 or 国有资本经营 money."""
    return any(
        t.kind in ("government_fund", "state_capital")
        and any(isinstance(c, Decimal) and c != 0 for r in t.rows for c in r.cells)
        for t in ctx.doc.tables
    )


def _class_figures(ctx: Context) -> dict[str, list[Figure]]:
    """Each 类 printed in a function table, by its name without "支出", with its figures."""
    out: dict[str, list[Figure]] = {}
    for kind in _FUNCTION_KINDS:
        t = table_of(ctx.doc, kind)
        if t is None:
            continue
        j = pick_column(t, ends_in_bare_total, ctx.doc.info.stage, 0)
        if j is None:
            continue
        for row in t.rows:
            if row.code and len(row.code) == 3 and row.name:
                base = patterns.compile(r"支出$").sub("", clean_name(row.name))
                if len(base) >= 2:
                    out.setdefault(base, []).append(cell_figure(t, row, j))
    return out


#: a char that may not come just before a 类's name (the name would be the end of a longer one)
_NAME_BEFORE = patterns.compile(r"[\u4e00-\u9fff（(]")


def _class_mentions(text: str, base: str) -> Iterator[re.Match[str]]:
    """Each place the narrative gives the figure of the 类 named ``base`` ("…支出（类）预算为1,234.56万元"),
    left to right, not overlapping, where the name is not the end of a longer name.

    The same matches as the pattern with a lookbehind ``(?<![\u4e00-\u9fff（(])``, but that class costs
    some milliseconds to compile for each name; the char before the name is tested on its own instead.
    """
    pattern = re.compile(
        rf"{re.escape(base)}(?:支出)?(?:[（(]类[)）])?(?:预算|决算)?(?:数)?(?:为)?\n?{_NUMBER}\n?{_UNIT}"
    )
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if m.start() and _NAME_BEFORE.match(text, m.start() - 1):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


def _classes(ctx: Context, text: Text, sections: _Sections) -> Iterator[Finding]:
    figures = _class_figures(ctx)
    for base, candidates in figures.items():
        for m in _class_mentions(text.text, base):
            kinds = _scope_kinds(ctx, sections, m.start())
            scoped = [c for c in candidates if c.place.table is not None and c.place.table.kind in kinds]
            f = _against(ctx, text, m, scoped, FIGURE, (f"{base}支出（类）", f"{base} (类)")) if scoped else None
            if f:
                yield f
