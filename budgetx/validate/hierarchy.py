"""Hierarchy sums: each 类 = Σ its 款, each 款 = Σ its 项, the 合计/总计 row = Σ 类.

Checked in every amount column of every coded table, block by block (the
决算 基本支出表 prints 人员经费 and 公用经费 items side by side, each block
with its own codes and its own 合计 row).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetx import patterns
from budgetx.model import Finding, Row, Table
from budgetx.normalize import codes
from budgetx.validate.base import Context, Figure, Place, amount_columns, clean_name, grids, item, value

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
    by_key: dict[Key, list[Row]] = {}
    items: dict[int, tuple[str | None, str | None]] = {}
    for i, row in enumerate(table.rows):
        code, name = item(table, row, block)
        items[i] = (code, name)
        if code and codes.is_code(code):
            by_key.setdefault((_entity(row, code) if block == 0 else None, code), []).append(row)
    if not by_key:
        return
    # a code printed twice with different figures is ambiguous: leave it out
    rows: dict[Key, Row] = {}
    for key, found in by_key.items():
        if all(_same(found[0], r, cols) for r in found[1:]):
            rows[key] = found[0]

    ambiguous = [k for k in by_key if k not in rows]
    for key, row in rows.items():
        kids = _children(key, rows)
        if not kids or any(_children_of(key, k) for k in ambiguous):
            continue  # a sub-item printed twice with different figures: the sum is not read
        for j in cols:
            cells = [row.cells[j]] + [rows[k].cells[j] for k in kids]
            if all(c is None for c in cells):
                continue
            expected = sum((value(rows[k].cells[j]) for k in kids), Decimal(0))
            actual = _figure(table, row, j, block, key[1])
            f = ctx.compare(SUM, actual, expected, what=("下级科目之和", "the sum of its sub-items"), terms=len(kids))
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
        for j in cols:
            cells = [row.cells[j]] + [rows[k].cells[j] for k in roots]
            if all(c is None for c in cells):
                continue
            expected = sum((value(rows[k].cells[j]) for k in roots), Decimal(0))
            actual = _figure(table, row, j, block, None, name)
            f = ctx.compare(
                TOTAL, actual, expected, what=("各类科目之和", "the sum of its top-level items"), terms=len(roots)
            )
            if f:
                yield f


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


def _same(a: Row, b: Row, cols: list[int]) -> bool:
    return all(value(a.cells[j]) == value(b.cells[j]) for j in cols)


def _figure(table: Table, row: Row, j: int, block: int, code: str | None, name: str | None = None) -> Figure:
    _, printed = item(table, row, block)
    return Figure(value(row.cells[j]), table.unit, Place(table, row, table.columns[j].name, code, name or printed))
