"""Measures: a stable name for what each amount of a table is, the same across regions and templates.

A measure names the *quantity* (``expenditure.basic``, ``revenue.general_budget``,
``three_public.reception``); the row's code and name say *which item* it is
about.  So in a function table every 基本支出 cell is ``expenditure.basic``,
each with its own code, and the table's 合计 row is the same measure without a
code.

The measure of an amount is read from

1. the table's kind (:mod:`budgetx.tables.kinds`) and block, which give its
   *side*: revenue (收入 tables, the left block of a 收支总表), expenditure,
   三公 (with 会议费, 培训费 and 机关运行经费 printed beside them), procurement;
2. the column's flattened header, segment by segment from the top: each
   segment either names a measure (基本支出, 一般公共预算拨款, 因公出国（境）费),
   or is neutral (收入预算, 金额, 预算数, 合计); a segment naming a part of its
   parent's measure narrows it (基本支出 / 人员经费 → ``expenditure.personnel``),
   one naming something else makes the column unnamed (上年结转结余 / 项目支出);
   a total segment (合计, 小计) names its group;
3. the column's role (:mod:`budgetx.tables.roles`): a total whose components
   include 会议费 or 培训费 (Jiangsu's 三公 tables: 合计 = 三公 + 会议费 +
   培训费) is no 三公 total, and stays unnamed; an income 合计 taking in 上年结转
   is ``revenue.grand_total``;
4. for a table that prints its measures as rows (收支总表, a 三公 table one item
   a row), the row's name when the row has no code: in a 收支总表 the
   "一般公共预算拨款" row's amount is ``revenue.general_budget``.

Columns outside the document's own figures get no measure: a prior year's
figures (上年预算数, a column of another year), changes and rates (增减, %), a
budget figure in a 决算 or a 决算 figure in a 预算.  An amount budgetx cannot
name has no measure (``None``), never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from budgetx import patterns
from budgetx.model import Table
from budgetx.normalize.names import compact
from budgetx.tables.roles import NOT_ADDITIVE, TOTAL_SEGMENT, segments

#: a side's neutral total: the amount is the table's own total (resolved by the table's kind)
_TOTAL = "<total>"

#: (measure, pattern on a segment or row name with spaces and quote marks removed, description)
REVENUE: list[tuple[str, str, str]] = [
    ("revenue.grand_total", r"^收入总[计数]$", "收入总计: this year's revenue and the balance carried over"),
    ("revenue.total", r"^(本年|当年)收入(合计|小计)?$|^收入合计$", "本年收入合计: this year's revenue"),
    ("revenue.carryover", r"上年结转|年初.*结转|结转结余|上年结余", "上年结转（结余）: the balance carried over"),
    ("revenue.fiscal", r"^财政拨款(收入)?(合计|小计)?$", "财政拨款收入: appropriations, all three budgets"),
    ("revenue.general_budget", r"一般公共预算", "一般公共预算拨款"),
    ("revenue.government_fund", r"政府性基金", "政府性基金预算拨款"),
    ("revenue.state_capital", r"国有资本经营", "国有资本经营预算拨款"),
    ("revenue.special_account", r"财政专户", "财政专户管理资金收入"),
    ("revenue.unit_funds", r"^单位资金", "单位资金"),
    ("revenue.business", r"经营收入", "事业单位经营收入"),
    ("revenue.operations", r"^事业收入", "事业收入"),
    ("revenue.from_higher", r"上级补助收入", "上级补助收入"),
    ("revenue.from_subsidiary", r"附属单位上缴", "附属单位上缴收入"),
    ("revenue.other", r"^其他收入", "其他收入"),
]

EXPENDITURE: list[tuple[str, str, str]] = [
    ("expenditure.grand_total", r"^支出总[计数]$", "支出总计: this year's expenditure and the balance carried forward"),
    ("expenditure.total", r"^(本年|当年)支出(合计|小计)?$|^支出合计$", "本年支出合计: this year's expenditure"),
    ("expenditure.carryforward", r"结转下年|年末.*结转", "结转下年 / 年末结转和结余"),
    ("expenditure.from_carryover", r"上年结转|年初.*结转|结转结余|财政拨款结转", "spent from the balance carried over"),
    ("expenditure.basic", r"基本支出$", "基本支出"),
    ("expenditure.personnel", r"^人员(经费|支出)", "人员经费 / 人员支出 (part of 基本支出)"),
    ("expenditure.public", r"^(日常)?公用(经费|支出)", "公用经费 / 日常公用支出 (part of 基本支出)"),
    ("expenditure.project", r"^项目支出$", "项目支出"),
    ("expenditure.fiscal", r"^财政拨款(支出)?(合计|小计)?$", "spent from appropriations, all three budgets"),
    ("expenditure.general_budget", r"一般公共预算", "spent from the 一般公共预算"),
    ("expenditure.government_fund", r"政府性基金", "spent from 政府性基金预算"),
    ("expenditure.state_capital", r"国有资本经营", "spent from 国有资本经营预算"),
    ("expenditure.special_account", r"财政专户", "spent from 财政专户管理资金"),
    ("expenditure.unit_funds", r"^单位资金|非财政拨款", "spent from 单位资金 / 非财政拨款"),
    ("expenditure.business", r"经营支出", "事业单位经营支出"),
    ("expenditure.to_higher", r"上缴上级", "上缴上级支出"),
    ("expenditure.to_subsidiary", r"对附属单位补助", "对附属单位补助支出"),
]

THREE_PUBLIC: list[tuple[str, str, str]] = [
    ("three_public.total", r"三公", "“三公”经费合计"),
    ("three_public.outbound", r"因公出国", "因公出国（境）费"),
    ("three_public.vehicle", r"公务用车购置及运行", "公务用车购置及运行（维护）费"),
    ("three_public.vehicle_purchase", r"^(公务用车)?购置费?$", "公务用车购置费"),
    ("three_public.vehicle_operation", r"^(公务用车)?运行(维护|维修)?费?$", "公务用车运行（维护）费"),
    ("three_public.reception", r"公务接待", "公务接待费"),
    ("meetings", r"会议费", "会议费"),
    ("training", r"培训费", "培训费"),
    ("operating_costs", r"机关运行经费", "机关运行经费"),
]

OPERATING: list[tuple[str, str, str]] = [("operating_costs", r"机关运行经费", "机关运行经费")]

PROCUREMENT: list[tuple[str, str, str]] = [
    ("procurement.goods", r"货物", "政府采购: 货物"),
    ("procurement.works", r"工程", "政府采购: 工程"),
    ("procurement.services", r"服务", "政府采购: 服务"),
]

#: measure → the measure it is a part of (a narrower segment under a wider one keeps the narrower)
PART_OF: dict[str, str] = {
    "revenue.total": "revenue.grand_total",
    "revenue.carryover": "revenue.grand_total",
    "revenue.fiscal": "revenue.total",
    "revenue.general_budget": "revenue.fiscal",
    "revenue.government_fund": "revenue.fiscal",
    "revenue.state_capital": "revenue.fiscal",
    "revenue.special_account": "revenue.total",
    "revenue.unit_funds": "revenue.total",
    "revenue.business": "revenue.total",
    "revenue.operations": "revenue.total",
    "revenue.from_higher": "revenue.total",
    "revenue.from_subsidiary": "revenue.total",
    "revenue.other": "revenue.total",
    "expenditure.total": "expenditure.grand_total",
    "expenditure.carryforward": "expenditure.grand_total",
    "expenditure.basic": "expenditure.total",
    "expenditure.project": "expenditure.total",
    "expenditure.personnel": "expenditure.basic",
    "expenditure.public": "expenditure.basic",
    "expenditure.business": "expenditure.total",
    "expenditure.to_higher": "expenditure.total",
    "expenditure.to_subsidiary": "expenditure.total",
    "expenditure.fiscal": "expenditure.total",
    "expenditure.general_budget": "expenditure.fiscal",
    "expenditure.government_fund": "expenditure.fiscal",
    "expenditure.state_capital": "expenditure.fiscal",
    "expenditure.special_account": "expenditure.total",
    "expenditure.unit_funds": "expenditure.total",
    "three_public.outbound": "three_public.total",
    "three_public.vehicle": "three_public.total",
    "three_public.reception": "three_public.total",
    "three_public.vehicle_purchase": "three_public.vehicle",
    "three_public.vehicle_operation": "three_public.vehicle",
}

_SIDES: dict[str, list[tuple[str, str, str]]] = {
    "revenue": REVENUE,
    "expenditure": EXPENDITURE,
    "three_public": THREE_PUBLIC,
    "operating_costs": OPERATING,
    "procurement": PROCUREMENT,
}
_COMPILED = {side: [(m, patterns.compile(p)) for m, p, _ in table] for side, table in _SIDES.items()}

#: the measure of a side's plain total (合计, 金额) in a table of each kind
_KIND_TOTAL: dict[str, str] = {
    "income": "revenue.total",
    "three_public": "three_public.total",
    "operating_costs": "operating_costs",
    "procurement": "procurement.total",
    "basic_economic": "expenditure.basic",
    "fiscal_basic_economic": "expenditure.basic",
    "general_basic_economic": "expenditure.basic",
    "project_expenditure": "expenditure.project",
}
_EXPENDITURE_KINDS = {
    "general_function",
    "fiscal_function",
    "expenditure",
    "government_fund",
    "state_capital",
    "basic_economic",
    "fiscal_basic_economic",
    "general_basic_economic",
    "project_expenditure",
}
#: tables whose rows (without a code) are measures, not items
_ROW_MEASURE_KINDS = {"summary", "fiscal_summary"}

_QUOTES = patterns.compile(r"[“”\"'‘’「」『』]")
_YEAR = patterns.compile(r"(\d{4})年")
_OUTSIDE = patterns.compile(r"增减|增长|变动|比上年|上年(?:预算|执行|决算)|扣除|去年")
_ORDINAL = patterns.compile(r"^(?:其中|[一二三四五六七八九十\d]+[、.．)）]|[(（][一二三四五六七八九十\d]+[)）])[：:]?")


@dataclass(frozen=True)
class Measure:
    name: str
    description: str


#: every measure budgetx gives, in the order README lists them
MEASURES: list[Measure] = [
    *(Measure(m, d) for side in (REVENUE, EXPENDITURE, THREE_PUBLIC) for m, _, d in side if m != "operating_costs"),
    Measure("operating_costs", "机关运行经费"),
    Measure("procurement.total", "政府采购合计"),
    *(Measure(m, d) for m, _, d in PROCUREMENT),
]


def _clean(text: str) -> str:
    return _ORDINAL.sub("", _QUOTES.sub("", compact(text)))


#: a row naming a source of funds names only it ("一、一般公共预算拨款收入"), not an item paid from it
#: ("其他政府性基金及对应专项债务收入安排的支出")
_SOURCE_ROW = patterns.compile(
    r"(?:一般公共预算|政府性基金|国有资本经营)(?:预算)?(?:财政)?(?:拨款)?(?:资金)?(?:收入|支出)?"
)
_SOURCES = {"general_budget", "government_fund", "state_capital"}


def _named(side: str, text: str, *, row: bool = False) -> str | None:
    """The measure a header segment (or a row's name) names on ``side``: ``_TOTAL`` for a plain total,
    ``None`` when it names none."""
    t = _clean(text)
    if row and patterns.compile(r"总计").fullmatch(t):
        return f"{side}.grand_total" if side in ("revenue", "expenditure") else _TOTAL
    for measure, pattern in _COMPILED.get(side, []):
        if pattern.search(t):
            if row and measure.split(".")[-1] in _SOURCES and not _SOURCE_ROW.fullmatch(t):
                return None
            return measure
    if TOTAL_SEGMENT.match(t) or patterns.compile(r"(?:合计|总计|小计)").fullmatch(t):
        return _TOTAL
    return None


def _narrow(outer: str | None, inner: str) -> str | None:
    """``inner`` under ``outer``: the narrower one when one is part of the other, else ``None``."""
    if outer is None or outer == inner:
        return inner
    m: str | None = inner
    while m is not None:
        if m == outer:
            return inner
        m = PART_OF.get(m)
    m = outer
    while m is not None:
        if m == inner:
            return outer
        m = PART_OF.get(m)
    return None


class _Unnamed(Exception):
    pass


def side_of(table: Table, block: int) -> str | None:
    kind = table.kind
    if kind in ("summary", "fiscal_summary"):
        return "revenue" if block == 0 else "expenditure"
    if kind == "income":
        return "revenue"
    if kind in ("three_public", "operating_costs", "procurement"):
        return kind
    if kind in _EXPENDITURE_KINDS:
        return "expenditure"
    return None


def _stage_basis_ok(segment: str, stage: str | None, year: int | None) -> bool:
    """False for a segment naming figures other than the document's own (another year or stage)."""
    if _OUTSIDE.search(segment) or NOT_ADDITIVE.search(segment):
        return False
    years = {int(y) for y in _YEAR.findall(segment)}
    if year is not None and years and year not in years:
        return False
    if stage == "决算" and patterns.compile(r"预算数$").search(segment):
        return False
    return not (stage == "预算" and patterns.compile(r"决算数?$").search(segment))


#: a segment that only says which side or what kind of figure it is: neutral
_NEUTRAL = patterns.compile(
    r"(?:本年|当年|年初|编制)?(?:收入|支出)?(?:预算|决算|执行)?数?|金额|数额|项目|科目|"
    r"(?:功能|经济)分类(?:科目)?(?:编码|名称)?|支出用途"
)
#: the source of funds a table of each kind is about: a segment naming it is no measure of its own
_SCOPE: dict[str, set[str]] = {
    "general_function": {"expenditure.general_budget"},
    "general_basic_economic": {"expenditure.general_budget"},
    "fiscal_function": {"expenditure.fiscal"},
    "fiscal_basic_economic": {"expenditure.fiscal"},
    "fiscal_summary": {"expenditure.fiscal", "revenue.fiscal"},
    "government_fund": {"expenditure.government_fund"},
    "state_capital": {"expenditure.state_capital"},
}


def _bare(segment: str) -> str:
    """A header segment without its year and a 预算/决算 after what it counts ("基本支出预算" → "基本支出")."""
    t = patterns.compile(r"^\d{4}年度?").sub("", _clean(segment))
    return patterns.compile(r"(?<=[出费入金])(?:预算|决算)数?$").sub("", t) or t


def _column_measure(table: Table, j: int, side: str, stage: str | None, year: int | None) -> str | None:
    """The measure the header of column ``j`` names (``_TOTAL``: the side's plain total); raises when unnamed."""
    measure: str | None = None
    scope = _SCOPE.get(table.kind, set())
    split = _split_by_carryover(table, table.columns[j].block)
    for seg in segments(table.columns[j].name):
        if split and _THIS_YEAR.fullmatch(_clean(seg)):
            raise _Unnamed  # this year's share beside the share carried over: a part of the measure
        if not _stage_basis_ok(seg, stage, year):
            raise _Unnamed
        bare = _bare(seg)
        named = _named(side, bare)
        if named in scope:
            continue
        if named is None:
            if _NEUTRAL.fullmatch(bare) or _NEUTRAL.fullmatch(_clean(seg)):
                continue
            raise _Unnamed  # a segment this module does not know: no guess
        if named == _TOTAL:
            continue
        if named == measure:
            raise _Unnamed  # an item within the item above it (科研因公出国（境）费用 under 因公出国（境）费)
        measure = _narrow(measure, named)
        if measure is None:
            raise _Unnamed
    return measure or _TOTAL


_THIS_YEAR = patterns.compile(r"(?:本年|当年)(?:预算)?(?:数)?")
_CARRYOVER = patterns.compile(r"上年结转|结转结余|年初结转")


def _split_by_carryover(table: Table, block: int) -> bool:
    """True when the block's columns are split into this year's figures and those carried over."""
    return any(
        c.type == "amount" and c.block == block and _CARRYOVER.search(segments(c.name)[0] if segments(c.name) else "")
        for c in table.columns
    )


def _components(table: Table, j: int) -> list[int]:
    found = [q for q, c in enumerate(table.columns) if c.of == j and c.role == "component"]
    return found + [r for q in found for r in _components(table, q)]


def _kind_total(table: Table, j: int, side: str) -> str | None:
    """What the plain total column ``j`` is, by the table's kind and the columns it adds up."""
    parts = " ".join(table.columns[q].name for q in _components(table, j))
    if table.kind == "three_public" and patterns.compile(r"会议|培训|机关运行").search(parts):
        return None  # 三公 + 会议费 + 培训费: no 三公 total
    if side == "revenue" and patterns.compile(r"上年结转|结转结余|年初结转").search(parts):
        return "revenue.grand_total"
    if side == "expenditure" and patterns.compile(r"结转下年|年末结转").search(parts):
        return "expenditure.grand_total"
    if table.kind in _KIND_TOTAL:
        return _KIND_TOTAL[table.kind]
    return {"revenue": "revenue.total", "expenditure": "expenditure.total"}.get(side)


@dataclass(frozen=True)
class TableMeasures:
    """The measures of one table's amounts: :meth:`of` gives a cell's."""

    table: Table
    #: per column: its measure, ``_TOTAL`` for a plain total, ``None`` for an unnamed column or no amount
    columns: tuple[str | None, ...]
    #: True when the table prints measures as rows (a 收支总表, a 三公 table one item a row)
    by_rows: bool
    #: a 三公 table printed as rows that also has 会议费 or 培训费 rows (its 合计 is no 三公 total)
    mixed_rows: bool = False

    def of(self, j: int, code: str | None, name: str | None) -> str | None:
        """The measure of the amount in column ``j`` of a row whose item (in the column's block) is
        ``code`` and ``name``; ``None`` when budgetx cannot name it."""
        col = self.columns[j]
        table = self.table
        side = side_of(table, table.columns[j].block)
        if col is None or side is None:
            return None
        named = _named(side, name, row=True) if name and not code else None
        if named == _TOTAL and self.by_rows and side == "three_public" and self.mixed_rows:
            return None  # 合计 of 三公, 会议费 and 培训费 printed as rows
        if named is not None and named != _TOTAL:
            if col == _TOTAL:
                return named
            narrowed = _narrow(col, named)
            return narrowed if self.by_rows else narrowed or col
        if col == _TOTAL:
            if self.by_rows and not code and named is None and side in ("revenue", "three_public"):
                return None  # a row of measures the table names with words budgetx does not know
            return _kind_total(table, j, side)
        return col


def table_measures(table: Table, stage: str | None = None, year: int | None = None) -> TableMeasures:
    """The measures of ``table``'s amounts in a document of ``stage`` (预算/决算) and ``year``."""
    cols: list[str | None] = []
    for j, col in enumerate(table.columns):
        side = side_of(table, col.block)
        if col.type != "amount" or side is None:
            cols.append(None)
            continue
        try:
            cols.append(_column_measure(table, j, side, stage, year))
        except _Unnamed:
            cols.append(None)
    by_rows = (
        table.kind in _ROW_MEASURE_KINDS
        or (table.kind == "three_public" and _three_by_rows(table))
        or (table.kind == "income" and sum(c.type == "amount" for c in table.columns) == 1)
    )
    if by_rows:
        # "本年收入 / 预算数" over the rows of a 收支总表 says which side, not which measure
        resolved = tuple(_TOTAL if m in ("revenue.total", "expenditure.total") else m for m in cols)
    else:
        # a plain total is what the table's kind and the columns it adds up make it
        resolved = tuple(
            _kind_total(table, j, side_of(table, table.columns[j].block) or "") if m == _TOTAL else m
            for j, m in enumerate(cols)
        )
    # a column that is only a part of a column of the same measure (当年预算 / 小计 under a “三公”经费合计
    # that adds 上年结转结余 to it) leaves the measure to the whole
    resolved = tuple(
        None if m is not None and c.of is not None and c.role == "component" and resolved[c.of] == m else m
        for m, c in zip(resolved, table.columns, strict=True)
    )
    names = " ".join(_clean(r.name or "") for r in table.rows)
    return TableMeasures(
        table, resolved, by_rows, mixed_rows=bool(patterns.compile(r"会议|培训|机关运行").search(names))
    )


def _three_by_rows(table: Table) -> bool:
    """True for a 三公 table printed one item a row (合计 / 因公出国（境）费 / …)."""
    names = [_clean(r.name or "") for r in table.rows]
    return any(patterns.compile(r"因公出国|公务接待").search(n) for n in names)
