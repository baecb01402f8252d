"""Two-block tables (收入 | 支出): the totals of both sides agree, and each side adds up.

- ``block.totals``: 收入总计 = 支出总计 (every right-hand block against the 收入 block).
- ``block.lines``: on each side, 本年收入合计 = Σ its income lines; 收入总计 = 本年收入合计 +
  the lines after it (上年结转, 用事业基金弥补收支差额 …); where 本年收入 is a numbered
  section ("一、本年收入" followed by its lines), the section = Σ its lines and the
  总计 = Σ the sections.

Lines are read at the level of the first line of a run: "一、" items are summed
without their "1." sub-items, and a plain line followed by "一、…" sub-lines
(决算: 年初财政拨款结转和结余 › 一、一般公共预算财政拨款) is summed without them.
A run of ordinals that starts again at "一、" inside a section is nested in it
(一、本年支出 › 一、一般公共服务支出 … 四、住房保障支出; 二、结转下年支出).

A side that lists its items without codes or ordinals, 类 over 款 over 项
(一般公共服务支出 / 财政事务 / 行政运行, shown by indentation only), is summed
over its 类: the lines whose level was read (from indentation, see
:mod:`budgetx.tables.identify`) by it, else when the catalogue names every
line's level; when neither, the side is not checked: its nesting is not
read, so no sum of it is a claim.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetx import patterns
from budgetx.model import Finding, Row, Table
from budgetx.normalize import codes
from budgetx.normalize.catalogue import catalogue
from budgetx.tables.roles import PART_OF, TOTAL_SEGMENT
from budgetx.validate.base import (
    Context,
    Figure,
    Place,
    amount_columns,
    clean_name,
    grids,
    item,
    item_level,
    segments,
    value,
)

TOTALS = "block.totals"
LINES = "block.lines"

_GRAND = patterns.compile(r"^(?:收入|支出)?(?:总计|总数)$")
#: Jiangsu closes with 收入合计/支出合计 (and 当年收入小计 above): the grand total where no 总计 is printed
_GRAND_ELSE = patterns.compile(r"^(?:收入|支出)?合计$")
_YEAR = patterns.compile(r"^(?:[一二三四五六七八九十]+[、.．])?(?:本年|当年)(?:收入|支出)(?:合计|小计)?$")
_SECTION = patterns.compile(r"^[一二三四五六七八九十百]+[、.．]")
_SUBITEM = patterns.compile(r"^(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）])")
_ORDINAL = patterns.compile(r"^([一二三四五六七八九十]+)[、.．]")
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def _ordinal(name: str) -> int | None:
    m = _ORDINAL.match(name)
    if not m:
        return None
    digits = m.group(1)
    if len(digits) == 1:
        return _NUMERALS[digits]
    if digits.startswith("十"):
        return 10 + _NUMERALS.get(digits[1:], 0)
    return _NUMERALS[digits[0]] * 10 + (_NUMERALS.get(digits[2:], 0) if digits[1:2] == "十" else 0)


def section_depths(names: list[str]) -> list[int | None]:
    """The nesting depth of each numbered line ("一、" …), ``None`` for the others.

    A numbered line continues the run whose last ordinal it follows (二 after 一);
    a "一、" that follows none opens a run nested in the line before it.
    """
    depths: list[int | None] = []
    last: list[int] = []  # the last ordinal of each open run, outermost first
    for name in names:
        n = _ordinal(name)
        if n is None:
            depths.append(None)
            continue
        depth = next((d for d in range(len(last) - 1, -1, -1) if last[d] + 1 == n), None)
        if depth is None:
            depth = len(last) if n == 1 else max(len(last) - 1, 0)
        del last[depth + 1 :]
        if depth == len(last):
            last.append(n)
        else:
            last[depth] = n
        depths.append(depth)
    return depths


def _read_levels(lines: list[tuple[Row, str]], block: int) -> list[tuple[Row, str]] | None:
    """The lines of a side less those under its 类, where the side's items have levels (read from
    their codes or indentation) and every line among them has one; ``None`` otherwise."""
    levels = [item_level(r, block) for r, _ in lines]
    at = [k for k, lv in enumerate(levels) if lv is not None]
    if not at or any(levels[k] is None for k in range(at[0], at[-1] + 1)):
        return None
    top = min(lv for lv in levels if lv is not None)
    return [x for x, lv in zip(lines, levels, strict=True) if lv is None or lv == top]


def _named_levels(lines: list[tuple[Row, str]]) -> list[tuple[Row, str]] | None:
    """The 类 lines of a side that nests 类 › 款 › 项 by name only; ``None`` when the nesting is unclear.

    A side whose items name no two catalogue levels is returned whole.
    """
    plain = [(r, n) for r, n in lines if _level(n) == 3 and not _is_grand(n) and not _YEAR.match(n)]
    cat = catalogue()
    levels = [frozenset(codes.level(c) for c in cat.codes_named(n, "function")) for _, n in plain]
    if len(frozenset().union(*levels)) < 2:
        return lines
    if any(len(lv) != 1 for lv in levels):
        return None
    below = {id(r) for (r, _), lv in zip(plain, levels, strict=True) if lv != {1}}
    return [(r, n) for r, n in lines if id(r) not in below]


def _level(name: str) -> int:
    if _SECTION.match(name):
        return 1
    if _SUBITEM.match(name):
        return 2
    if PART_OF.match(name):
        return 4
    return 3


def total_column(table: Table, block: int) -> int | None:
    """The block's total amount column: the one named 合计/小计, else its first amount column."""
    cols = amount_columns(table, block)
    for j in cols:
        path = segments(table.columns[j].name)
        if path and TOTAL_SEGMENT.match(path[-1]):
            return j
    return cols[0] if cols else None


def side(table: Table, block: int) -> list[tuple[Row, str]]:
    """The named rows of one block, in print order, with their cleaned names."""
    out = []
    for row in table.rows:
        _, name = item(table, row, block)
        label = clean_name(name)
        if label:
            out.append((row, label))
    return out


def grand_total(lines: list[tuple[Row, str]]) -> tuple[Row, str] | None:
    found = [x for x in lines if _GRAND.match(x[1])] or [x for x in lines if _GRAND_ELSE.match(x[1])]
    return found[-1] if found else None


def _is_grand(name: str) -> bool:
    return bool(_GRAND.match(name) or _GRAND_ELSE.match(name))


def amount(table: Table, row: Row, j: int, block: int) -> Decimal | None:
    """``row``'s amount in column ``j`` of ``block``; a total printed once across the 支出 blocks
    (Jiangsu's 支出合计 under 功能分类 with its amount under 支出用途) is found in the next block."""
    if row.cells[j] is not None:
        return value(row.cells[j])
    for b in table.blocks:
        if b <= block:
            continue
        _, name = item(table, row, b)
        k = total_column(table, b)
        if not name and k is not None and row.cells[k] is not None:
            return value(row.cells[k])
    return None


def year_total(lines: list[tuple[Row, str]]) -> tuple[Row, str] | None:
    for x in lines:
        if _YEAR.match(x[1]):
            return x
    return None


def check(ctx: Context) -> Iterator[Finding]:
    for table in grids(ctx.doc):
        blocks = [b for b in table.blocks if amount_columns(table, b)]
        if len(blocks) < 2:
            continue
        yield from _totals(ctx, table, blocks)
        for b in blocks:
            yield from _lines(ctx, table, b)


def _figure(table: Table, row: Row, j: int, block: int) -> Figure:
    code, name = item(table, row, block)
    found = amount(table, row, j, block)
    return Figure(
        found if found is not None else value(row.cells[j]),
        table.unit,
        Place(table, row, table.columns[j].name, code, name),
    )


def _totals(ctx: Context, table: Table, blocks: list[int]) -> Iterator[Finding]:
    j0 = total_column(table, blocks[0])
    g0 = grand_total(side(table, blocks[0]))
    if j0 is None or g0 is None:
        return
    expected = amount(table, g0[0], j0, blocks[0]) or value(g0[0].cells[j0])
    for b in blocks[1:]:
        j = total_column(table, b)
        g = grand_total(side(table, b))
        if j is None or g is None:
            continue
        f = ctx.compare(
            TOTALS,
            _figure(table, g[0], j, b),
            expected,
            what=(f"收入方「{g0[1]}」", f"the income side's {g0[1]}"),
        )
        if f:
            yield f


def _top(lines: list[tuple[Row, str]]) -> list[tuple[Row, str]]:
    """The lines at the level of the first line (sub-lines left out)."""
    if not lines:
        return []
    top = _level(lines[0][1])
    return [x for x in lines if _level(x[1]) == top]


def _sum_top(lines: list[tuple[Row, str]], j: int) -> Decimal:
    """Σ the lines at the level of the first line (sub-lines left out)."""
    return sum((value(r.cells[j]) for r, _ in _top(lines)), Decimal(0))


def _lines(ctx: Context, table: Table, block: int) -> Iterator[Finding]:
    lines = side(table, block)
    named = _read_levels(lines, block) or _named_levels(lines)
    if named is None:
        return  # items nested by indentation that the catalogue cannot place: not read, not checked
    lines = named
    grand = grand_total(lines)
    year = year_total(lines)
    g_at = lines.index(grand) if grand else len(lines)
    if year is not None and lines.index(year) > g_at:
        year = None
    for j in amount_columns(table, block):
        if year is not None and _SECTION.match(year[1]):
            yield from _sections(ctx, table, block, j, lines[:g_at], grand)
            continue
        if year is not None:
            y_at = lines.index(year)
            before = [x for x in lines[:y_at] if not _is_grand(x[1])]
            if before:
                yield from _one(
                    ctx,
                    table,
                    block,
                    j,
                    year[0],
                    _sum_top(before, j),
                    ("上列各项之和", "the sum of the lines above it"),
                    len(_top(before)),
                )
            if grand is not None:
                between = lines[y_at + 1 : g_at]
                expected = (amount(table, year[0], j, block) or value(year[0].cells[j])) + _sum_top(between, j)
                yield from _one(
                    ctx,
                    table,
                    block,
                    j,
                    grand[0],
                    expected,
                    (f"「{year[1]}」与其后各项之和", f"{year[1]} plus the lines after it"),
                    1 + len(_top(between)),
                )
        elif grand is not None and g_at > 0:
            yield from _one(
                ctx,
                table,
                block,
                j,
                grand[0],
                _sum_top(lines[:g_at], j),
                ("上列各项之和", "the sum of the lines above it"),
                len(_top(lines[:g_at])),
            )


def _sections(
    ctx: Context, table: Table, block: int, j: int, lines: list[tuple[Row, str]], grand: tuple[Row, str] | None
) -> Iterator[Finding]:
    depths = section_depths([name for _, name in lines])
    heads = [i for i, d in enumerate(depths) if d == 0]
    for n, i in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(lines)
        kids = lines[i + 1 : end]
        if kids:
            yield from _one(
                ctx,
                table,
                block,
                j,
                lines[i][0],
                _sum_top(kids, j),
                ("其下各项之和", "the sum of its lines"),
                len(_top(kids)),
            )
    if grand is not None and heads:
        expected = sum((value(lines[i][0].cells[j]) for i in heads), Decimal(0))
        yield from _one(ctx, table, block, j, grand[0], expected, ("各部分之和", "the sum of its sections"), len(heads))


def _one(
    ctx: Context,
    table: Table,
    block: int,
    j: int,
    row: Row,
    expected: Decimal,
    what: tuple[str, str],
    terms: int = 1,
) -> Iterator[Finding]:
    if amount(table, row, j, block) is None and expected == 0:
        return
    f = ctx.compare(LINES, _figure(table, row, j, block), expected, what=what, terms=terms)
    if f:
        yield f
