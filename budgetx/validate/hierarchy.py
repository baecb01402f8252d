"""Hierarchy sums: each 类 = Σ its 款, each 款 = Σ its 项, the 合计/总计 row = Σ 类.

Checked in every amount column of every coded table, block by block (the
决算 基本支出表 prints 人员经费 and 公用经费 items side by side, each block
with its own codes and its own 合计 row).

A block whose items show their levels by indentation only, some of them
without a code the catalogue could name, is checked by its printed nesting:
an item's children are the items right under it, one level down, up to the
next item at its level or above.  Only levels that were read (see
:mod:`budgetx.tables.identify`) are checked; a block whose nesting is not
read is not.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetx import patterns
from budgetx.model import Finding, Row, Table
from budgetx.normalize import codes
from budgetx.validate.base import (
    Context,
    Figure,
    Place,
    amount_columns,
    clean_name,
    grids,
    item,
    item_level,
    value,
)

#: a row without code that totals its block ("合计", "总计", "人员经费合计")
_BLOCK_TOTAL = patterns.compile(r"^.{0,6}(?:合计|总计)$")
_NOT_BLOCK_TOTAL = patterns.compile(r"^(?:本年|收入|支出|[一二三四五六七八九十]+[、.．])")

SUM = "hierarchy.sum"
TOTAL = "hierarchy.total"


def check(ctx: Context) -> Iterator[Finding]:
    for table in grids(ctx.doc):
        for block in table.blocks:
            cols = amount_columns(table, block)
            if cols:
                yield from _check_block(ctx, table, block, cols)


#: a row's place in the hierarchy: the entity it belongs to and its code
Key = tuple[str | None, str]


def _entity(row: Row, code: str) -> str | None:
    """What a row's hierarchy is nested in besides its code: its unit, where a table lists several;
    in a table that cross-lists two classifications (301 工资福利支出 | 501 …, then 301 again |
    505 …), the 类 of the other one."""
    if row.entity is not None:
        return row.entity
    others = [c for c in row.codes.values() if c != code]
    return others[0][:3] if others else None


def _check_block(ctx: Context, table: Table, block: int, cols: list[int]) -> Iterator[Finding]:
    levels = [item_level(row, block) for row in table.rows]
    if any(lv is not None and not item(table, row, block)[0] for row, lv in zip(table.rows, levels, strict=True)):
        # levels read from indentation, not every item with a code: the printed nesting is checked
        yield from _check_levels(ctx, table, block, cols, levels)
    else:
        yield from _check_codes(ctx, table, block, cols)


def _check_codes(ctx: Context, table: Table, block: int, cols: list[int]) -> Iterator[Finding]:
    by_key: dict[Key, list[Row]] = {}
    items: dict[int, tuple[str | None, str | None]] = {}
    for i, row in enumerate(table.rows):
        code, name = item(table, row, block)
        items[i] = (code, name)
        if code and codes.is_code(code):
            by_key.setdefault((_entity(row, code) if block == 0 else None, code), []).append(row)
    if not by_key:
        return
    # a code printed twice with different figures is ambiguous: leave it out -- unless the rows
    # name different items and none has sub-items (取暖费 and 物业管理费 both printed as 30208):
    # two items with one misprinted code, each a part of their parent's sum
    rows: dict[Key, Row] = {}
    twins: dict[Key, list[Row]] = {}
    for key, found in by_key.items():
        if all(_same(found[0], r, cols) for r in found[1:]):
            rows[key] = found[0]
        elif _distinct_items(table, block, found) and not any(_children_of(key, k) for k in by_key):
            rows[key] = found[0]
            twins[key] = found[1:]

    ambiguous = [k for k in by_key if k not in rows]
    for key, row in rows.items():
        kids = _children(key, rows)
        if not kids or any(_children_of(key, k) for k in ambiguous):
            continue  # a sub-item printed twice with different figures: the sum is not read
        members = _members(kids, rows, twins)
        for j in cols:
            if row.cells[j] is None and all(r.cells[j] is None for r in members):
                continue
            expected = sum((value(r.cells[j]) for r in members), Decimal(0))
            actual = _figure(table, row, j, block, key[1])
            f = ctx.compare(
                SUM,
                actual,
                expected,
                what=("下级科目之和", "the sum of its sub-items"),
                terms=len(kids),
                parts=[(r, j) for r in members],
            )
            if f:
                yield f

    # the 合计 adds up the 类 rows; a 款 printed under a wrong 类 code ("711 02") is not one of them
    roots = [k for k in rows if len(k[1]) == 3] or [k for k in rows if not _has_ancestor(k, rows)]
    # items nested under a row of another classification (30101 under 2010101) are no top-level items
    nested = {k for k in roots if k[0] is not None and any(c == k[0] for _, c in rows)}
    roots = [k for k in roots if k not in nested]
    if not roots or any(len(k[1]) == 3 for k in ambiguous):
        return  # no 类, or a 类 printed twice with different figures: the sum is not read
    if any(_uncoded_item(table, row, items[i], cols) for i, row in enumerate(table.rows)):
        return  # rows without a code (projects, units) whose place in the hierarchy is not printed
    for i, row in enumerate(table.rows):
        code, name = items[i]
        if code or not name:
            continue
        label = clean_name(name)
        if not _BLOCK_TOTAL.match(label) or _NOT_BLOCK_TOTAL.match(label):
            continue
        members = _members(roots, rows, twins)
        for j in cols:
            if row.cells[j] is None and all(r.cells[j] is None for r in members):
                continue
            expected = sum((value(r.cells[j]) for r in members), Decimal(0))
            actual = _figure(table, row, j, block, None, name)
            f = ctx.compare(
                TOTAL,
                actual,
                expected,
                what=("各类科目之和", "the sum of its top-level items"),
                terms=len(roots),
                parts=[(r, j) for r in members],
            )
            if f:
                yield f


def _check_levels(
    ctx: Context, table: Table, block: int, cols: list[int], levels: list[int | None]
) -> Iterator[Finding]:
    """Each item = Σ the items nested right under it, and the 合计 = Σ the top items, by levels."""
    rows = table.rows
    named = [bool(item(table, row, block)[1]) for row in rows]
    for i, row in enumerate(rows):
        kids = _nested(i, levels, named)
        if not kids:
            continue
        code, _ = item(table, row, block)
        for j in cols:
            if all(c is None for c in [row.cells[j]] + [rows[k].cells[j] for k in kids]):
                continue
            expected = sum((value(rows[k].cells[j]) for k in kids), Decimal(0))
            actual = _figure(table, row, j, block, code)
            f = ctx.compare(SUM, actual, expected, what=("下级科目之和", "the sum of its sub-items"), terms=len(kids))
            if f:
                yield f
    leveled = [lv for lv in levels if lv is not None]
    top = [i for i, lv in enumerate(levels) if lv is not None and lv == min(leveled)]
    totals = []
    for i, row in enumerate(rows):
        code, name = item(table, row, block)
        if levels[i] is not None or not name:
            continue
        label = clean_name(name)
        if _BLOCK_TOTAL.match(label) and not _NOT_BLOCK_TOTAL.match(label):
            totals.append(i)
        elif _uncoded_item(table, row, (code, name), cols):
            return  # a named row with figures outside the tree: the top items are not all of the total
    for i in totals:
        row = rows[i]
        for j in cols:
            if all(c is None for c in [row.cells[j]] + [rows[k].cells[j] for k in top]):
                continue
            expected = sum((value(rows[k].cells[j]) for k in top), Decimal(0))
            actual = _figure(table, row, j, block, None)
            f = ctx.compare(
                TOTAL, actual, expected, what=("各类科目之和", "the sum of its top-level items"), terms=len(top)
            )
            if f:
                yield f


def _nested(i: int, levels: list[int | None], named: list[bool]) -> list[int]:
    """The rows nested right under row ``i`` (one level down), up to the next row at its level or
    above or a named row outside the tree; none when the first row under it skips a level."""
    level = levels[i]
    if level is None:
        return []
    kids: list[int] = []
    for k in range(i + 1, len(levels)):
        below = levels[k]
        if below is None:
            if named[k]:
                break
            continue
        if below <= level:
            break
        if below == level + 1:
            kids.append(k)
        elif not kids:
            return []  # a 项 right under its 类, no 款 between: the nesting is not clear
    return kids


def _children(key: Key, rows: dict[Key, Row]) -> list[Key]:
    """The printed sub-items of ``key``: its 款 (or 项), else the 项 two levels down, in its entity."""
    entity, code = key
    direct = [k for k in rows if k[0] == entity and codes.parent(k[1]) == code]
    if direct:
        return direct
    if len(code) == 3:
        return [k for k in rows if k[0] == entity and len(k[1]) == 7 and k[1].startswith(code)]
    return []


def _uncoded_item(table: Table, row: Row, found: tuple[str | None, str | None], cols: list[int]) -> bool:
    """A named row with figures and no code that is no total: a project or a unit, not a 类."""
    code, name = found
    if code or not name or all(row.cells[j] is None for j in cols):
        return False
    label = clean_name(name)
    return not (_BLOCK_TOTAL.match(label) or label.startswith("其中"))


def _children_of(parent: Key, key: Key) -> bool:
    """True when ``key`` is a sub-item of ``parent`` (its 款 or 项, in its entity)."""
    return key[0] == parent[0] and len(key[1]) > len(parent[1]) and key[1].startswith(parent[1])


def _has_ancestor(key: Key, rows: dict[Key, Row]) -> bool:
    return any(k[0] == key[0] and len(k[1]) < len(key[1]) and key[1].startswith(k[1]) for k in rows)


def _members(keys: list[Key], rows: dict[Key, Row], twins: dict[Key, list[Row]]) -> list[Row]:
    """The rows of ``keys``, each with the rows printed under the same code for other items."""
    return [r for k in keys for r in (rows[k], *twins.get(k, ()))]


def _distinct_items(table: Table, block: int, found: list[Row]) -> bool:
    """Rows sharing a code that each name an item of their own (no two the same name)."""
    names = [clean_name(item(table, r, block)[1] or "") for r in found]
    return all(names) and len(set(names)) == len(names)


def _same(a: Row, b: Row, cols: list[int]) -> bool:
    return all(value(a.cells[j]) == value(b.cells[j]) for j in cols)


def _figure(table: Table, row: Row, j: int, block: int, code: str | None, name: str | None = None) -> Figure:
    _, printed = item(table, row, block)
    return Figure(
        value(row.cells[j]), table.unit, Place(table, row, table.columns[j].name, code, name or printed, col=j)
    )
