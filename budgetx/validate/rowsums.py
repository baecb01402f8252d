"""Row sums: a total column = Σ the columns it totals, in every row.

The columns are found by their flattened header names, never by position: a
column whose name path has a total segment ("合计", "小计", "本年支出合计") at
depth *k* totals its siblings at depth *k* (same header above it, same measure
below it, e.g. "预算数"/"决算数").  A sibling that is itself a group is taken at
its own 小计 when printed, else as the sum of its parts; "其中" columns are
parts of another column and left out.  This covers:

- 小计/合计 = 基本支出 + 项目支出 (+ 上缴上级支出 + … where printed)  → ``row.subtotal``
- 合计 = 人员经费 + 公用经费                                       → ``row.personnel``
- 三公 合计 = 因公出国（境）+ 公务用车购置及运行 + 公务接待;
  公务用车购置及运行 = 购置 + 运行                                   → ``row.three_public``
- any other printed total column (收入总表 合计 = Σ its sources)      → ``row.total``

The 三公 table printed as rows (合计 / 因公出国（境）费 / … one row each) is
checked row-wise by :func:`check_three_public_rows`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budgetx.model import Finding, Table
from budgetx.validate.base import (
    PART_OF,
    TOTAL_SEGMENT,
    Context,
    Figure,
    amount_columns,
    cell_figure,
    clean_name,
    grids,
    segments,
    value,
)

SUBTOTAL = "row.subtotal"
PERSONNEL = "row.personnel"
THREE_PUBLIC = "row.three_public"
TOTAL = "row.total"

_THREE = re.compile(r"因公出国|公务用车|公务接待")


def check(ctx: Context) -> Iterator[Finding]:
    for table in grids(ctx.doc):
        for block in table.blocks:
            cols = amount_columns(table, block)
            paths = {j: segments(table.columns[j].name) for j in cols}
            for j, path in paths.items():
                k = _last_total(path)
                if k is None:
                    continue
                parts = _components(paths, path[:k], path[k + 1 :], exclude=j)
                if not parts:
                    continue
                labels = _labels(paths, parts, k)
                yield from _check_rows(ctx, table, j, parts, labels, _rule(table, labels))
    yield from check_three_public_rows(ctx)


def _last_total(path: list[str]) -> int | None:
    for k in range(len(path) - 1, -1, -1):
        if TOTAL_SEGMENT.match(path[k]):
            return k
    return None


def _components(paths: dict[int, list[str]], prefix: list[str], suffix: list[str], exclude: int) -> list[int] | None:
    """The columns that a total at ``prefix + [total] + suffix`` adds up; ``None`` when unclear."""
    n, m = len(prefix), len(suffix)
    groups: dict[str, list[int]] = {}
    for q, path in paths.items():
        if q == exclude or len(path) <= n + m or path[:n] != prefix:
            continue
        if m and path[len(path) - m :] != suffix:
            continue
        groups.setdefault(path[n], []).append(q)
    parts: list[int] = []
    for seg, members in groups.items():
        if TOTAL_SEGMENT.match(seg):
            return None  # two totals side by side: not a sum we can read
        if PART_OF.match(seg):
            continue
        resolved = _resolve(paths, [*prefix, seg], suffix, members)
        if resolved is None:
            return None
        parts.extend(resolved)
    return parts or None


def _resolve(paths: dict[int, list[str]], prefix: list[str], suffix: list[str], members: list[int]) -> list[int] | None:
    """The columns standing for the group ``prefix`` (its own column, its 小计, or its parts)."""
    whole = prefix + suffix
    for q in members:
        if paths[q] == whole:
            return [q]
    n = len(prefix)
    for q in members:
        if len(paths[q]) == n + 1 + len(suffix) and TOTAL_SEGMENT.match(paths[q][n]):
            return [q]
    sub: dict[str, list[int]] = {}
    for q in members:
        sub.setdefault(paths[q][n], []).append(q)
    parts: list[int] = []
    for seg, inner in sub.items():
        if PART_OF.match(seg):
            continue
        resolved = _resolve(paths, [*prefix, seg], suffix, inner)
        if resolved is None:
            return None
        parts.extend(resolved)
    return parts or None


def _labels(paths: dict[int, list[str]], parts: list[int], k: int) -> list[str]:
    """How each component is named at the total's level ("公务用车购置及运行费", not its "小计")."""
    out: list[str] = []
    for q in parts:
        label = paths[q][k]
        if label not in out:
            out.append(label)
    return out


def _rule(table: Table, labels: list[str]) -> str:
    names = "".join(labels)
    if table.kind == "three_public" or _THREE.search(names):
        return THREE_PUBLIC
    if "基本支出" in names and "项目支出" in names:
        return SUBTOTAL
    if "人员经费" in names and "公用经费" in names:
        return PERSONNEL
    return TOTAL


def _check_rows(
    ctx: Context, table: Table, j: int, parts: list[int], labels: list[str], rule: str
) -> Iterator[Finding]:
    names = "、".join(labels)
    what = (f"{names}之和", f"the sum of {names}")
    for row in table.rows:
        cells = [row.cells[j]] + [row.cells[q] for q in parts]
        if all(c is None for c in cells):
            continue
        expected = sum((value(row.cells[q]) for q in parts), Decimal(0))
        f = ctx.compare(rule, cell_figure(table, row, j), expected, what=what)
        if f:
            yield f


# -- the 三公 table printed one item a row -----------------------------------

_ROWS = {
    "total": re.compile(r"^(?:“?三公”?经费)?(?:合计|总计)$"),
    "abroad": re.compile(r"因公出国"),
    "cars": re.compile(r"公务用车购置及运行"),
    "purchase": re.compile(r"公务用车购置(?:费)?$"),
    "running": re.compile(r"公务用车运行"),
    "reception": re.compile(r"公务接待"),
}


def check_three_public_rows(ctx: Context) -> Iterator[Finding]:
    for table in grids(ctx.doc):
        if table.kind != "three_public":
            continue
        found: dict[str, int] = {}
        for i, row in enumerate(table.rows):
            label = re.sub(r"^(?:其中|[一二三四五六七八九十\d]+[、.．])[：:]?", "", clean_name(row.name))
            for key, pattern in _ROWS.items():
                if pattern.search(label):
                    found.setdefault(key, i)
                    break
        if "total" not in found or not ({"abroad", "reception"} & found.keys()):
            continue
        for j in amount_columns(table):
            yield from _three_rows(ctx, table, j, found)


def _three_rows(ctx: Context, table: Table, j: int, found: dict[str, int]) -> Iterator[Finding]:
    def cell(key: str) -> Decimal:
        return value(table.rows[found[key]].cells[j]) if key in found else Decimal(0)

    cars = cell("cars") if "cars" in found else cell("purchase") + cell("running")
    if "cars" in found and ("purchase" in found or "running" in found):
        row = table.rows[found["cars"]]
        expected = cell("purchase") + cell("running")
        f = ctx.compare(
            THREE_PUBLIC,
            cell_figure(table, row, j),
            expected,
            what=("公务用车购置费与运行费之和", "the sum of 公务用车购置费 and 运行费"),
        )
        if f:
            yield f
    total_row = table.rows[found["total"]]
    expected = cell("abroad") + cars + cell("reception")
    actual: Figure = cell_figure(table, total_row, j)
    if total_row.cells[j] is None and expected == 0:
        return
    f = ctx.compare(
        THREE_PUBLIC,
        actual,
        expected,
        what=(
            "因公出国（境）费、公务用车购置及运行费、公务接待费之和",
            "the sum of 因公出国（境）, 公务用车 and 公务接待",
        ),
    )
    if f:
        yield f
