"""Row sums: a total column = Σ its component columns, in every row.

Which columns add up into which is read once from the header, by
:mod:`budgetx.tables.roles` (``Column.role`` / ``Column.of``); only
``component`` columns are ever added, never an ``of_which`` (其中) or an
``other`` column (会议费 beside a “三公”经费合计, 增减, a prior year's figure).
This covers:

- 小计/合计 = 基本支出 + 项目支出 (+ 上缴上级支出 + … where printed)  → ``row.subtotal``
- 合计 = 人员经费 + 公用经费                                       → ``row.personnel``
- 三公 合计 = 因公出国（境）+ 公务用车购置及运行 + 公务接待;
  公务用车购置及运行 = 购置 + 运行                                   → ``row.three_public``
- any other printed total column (收入总表 合计 = Σ its sources)      → ``row.total``

The 三公 table printed as rows (合计 / 因公出国（境）费 / … one row each) is
checked row-wise by :func:`check_three_public_rows`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetx import patterns
from budgetx.model import Finding, Table
from budgetx.tables.roles import components_of
from budgetx.validate.base import (
    Context,
    Figure,
    amount_columns,
    cell_figure,
    clean_name,
    grids,
    is_amount_column,
    segments,
    value,
)

SUBTOTAL = "row.subtotal"
PERSONNEL = "row.personnel"
THREE_PUBLIC = "row.three_public"
TOTAL = "row.total"

_THREE = patterns.compile(r"因公出国|公务用车|公务接待")


def check(ctx: Context) -> Iterator[Finding]:
    for table in grids(ctx.doc):
        for j in range(len(table.columns)):
            parts = components_of(table.columns, j)
            if not parts or not is_amount_column(table, j):
                continue
            labels = _labels(table, j, parts)
            yield from _check_rows(ctx, table, j, parts, labels, _rule(table, labels))
    yield from check_three_public_rows(ctx)


def _labels(table: Table, total: int, parts: list[int]) -> list[str]:
    """How each component is named at the total's level ("公务用车购置及运行费", not its "小计")."""
    head = segments(table.columns[total].name)
    out: list[str] = []
    for q in parts:
        path = segments(table.columns[q].name)
        k = 0
        while k < min(len(head), len(path)) - 1 and head[k] == path[k]:
            k += 1
        label = path[k]
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
        f = ctx.compare(
            rule, cell_figure(table, row, j), expected, what=what, terms=len(parts), parts=[(row, q) for q in parts]
        )
        if f:
            yield f


# -- the 三公 table printed one item a row -----------------------------------

_ROWS = {
    "total": patterns.compile(r"^(?:“?三公”?经费)?(?:合计|总计)$"),
    "abroad": patterns.compile(r"因公出国"),
    "cars": patterns.compile(r"公务用车购置及运行"),
    "purchase": patterns.compile(r"公务用车购置(?:费)?$"),
    "running": patterns.compile(r"公务用车运行"),
    "reception": patterns.compile(r"公务接待"),
}


def check_three_public_rows(ctx: Context) -> Iterator[Finding]:
    for table in grids(ctx.doc):
        if table.kind != "three_public":
            continue
        found: dict[str, int] = {}
        for i, row in enumerate(table.rows):
            label = patterns.compile(r"^(?:其中|[一二三四五六七八九十\d]+[、.．])[：:]?").sub("", clean_name(row.name))
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
