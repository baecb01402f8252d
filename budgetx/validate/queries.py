"""Where the rules find their figures: the document's tables and its narrative, queried.

The cross-table rules (:mod:`budgetx.validate.crosstable`) and the narrative
rules (:mod:`budgetx.validate.narrative`) ask the same questions of a
document, and this module answers them:

- which table of a kind it prints (:func:`table_of`);
- which column a header path is (the column tests :func:`ends_in_total`,
  :func:`ends_in_bare_total`, :func:`mentions_not_part`,
  :func:`mentions_not_total`, passed to ``pick_column``);
- a table's total in a column (:func:`column_total`), a 收支总表's 本年收入/支出 or
  总计 (:func:`summary_figure`), a 收支总表's line by name (:func:`named_lines`),
  the economic table's total (:func:`economic_total`), the 三公 figures
  (:func:`three_public_figures`), the 资金总额 of the project forms
  (:func:`project_amounts`);
- the narrative as one text, with where each character was printed
  (:func:`narrative_text`), and a figure quoted in it (:func:`text_figure`).

A figure comes back as a :class:`~budgetx.validate.base.Figure` (``None`` when
the document does not print it); comparing figures is the rules' business.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from budgetx import patterns
from budgetx.model import Document, Table, TableKind
from budgetx.normalize.amounts import UNIT_FACTORS
from budgetx.tables.roles import PART_OF, TOTAL_SEGMENT, is_total_path, measure_columns
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
    value,
)

# -- tables ----------------------------------------------------------------------------


def table_of(doc: Document, *kinds: TableKind, with_rows: bool = True) -> Table | None:
    """The first table (with rows, unless ``with_rows`` is false) of the first of ``kinds`` the document has."""
    for kind in kinds:
        for t in doc.tables:
            if t.kind == kind and (t.rows or not with_rows):
                return t
    return None


# -- column tests: which column a header path (``segments`` of its name) is ------------


def ends_in_total(path: list[str]) -> bool:
    """True for a total column: its last segment is 合计/小计/总计 ("本年支出合计", "合计数")."""
    return bool(path) and bool(TOTAL_SEGMENT.match(path[-1]))


def ends_in_bare_total(path: list[str]) -> bool:
    """Like :func:`ends_in_total`, but without a trailing 数: "合计", not "合计数"."""
    return bool(path) and bool(patterns.compile(r"^(?:本年)?(?:收入|支出)?(?:合计|小计|总计)$").match(path[-1]))


def mentions_not_part(word: str) -> PathTest:
    """A test for a column whose header mentions ``word`` and that is no "其中" part of another."""
    return lambda path: any(word in s for s in path) and not any(s.startswith("其中") for s in path)


def mentions_not_total(word: str) -> PathTest:
    """A test for a column whose header mentions ``word`` and that is no total column."""
    return lambda path: any(word in s for s in path) and not is_total_path(path)


# -- figures of the tables ---------------------------------------------------------------


def column_total(ctx: Context, table: Table, test: PathTest) -> Figure | None:
    """The figure of a coded table's 合计 row in the column passing ``test``.

    With ``test`` :func:`ends_in_total`, a table of one amount column ("金额",
    Jiangsu) has that column as its total.
    """
    j = pick_column(table, test, ctx.doc.info.stage, 0)
    if j is None and test is ends_in_total and len(amount_columns(table)) == 1:
        j = amount_columns(table)[0]
    row = total_row(table, 0)
    if j is None or row is None:
        return None
    return cell_figure(table, row, j)


def names_group(word: str) -> PathTest:
    """A test for the column that is the group ``word`` (基本支出) as a whole: its own column,
    its 小计, or a measure of it ("基本支出 / 预算数"), never one of its parts or a "其中"."""
    pattern = patterns.compile(re.escape(word))
    return lambda path: _names_item(path, pattern) and not any(PART_OF.match(s) for s in path)


def group_total(ctx: Context, table: Table, word: str) -> Figure | None:
    """The figure of a coded table's 合计 row for the group ``word`` (基本支出, 项目支出).

    Its own column or 小计 when printed; else the sum of the columns the header
    makes its components ("基本支出 / 人员经费" + "基本支出 / 公用经费").
    """
    found = column_total(ctx, table, names_group(word))
    if found is not None:
        return found
    row = total_row(table, 0)
    parts = measure_columns(table.columns, word, 0)
    if row is None or not parts or any(table.columns[j].role != "component" for j in parts):
        return None
    names = " + ".join(table.columns[j].name for j in parts)
    total = sum((value(row.cells[j]) for j in parts), Decimal(0))
    first = cell_figure(table, row, parts[0])
    return Figure(total, table.unit, replace(first.place, column=f"{word}（{names}）"))


def summary_figure(
    ctx: Context, table: Table, *, block_side: int, test: PathTest | None = None, prefer_year: bool = True
) -> Figure | None:
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
        found if found is not None else Decimal(0), table.unit, Place(table, pick[0], table.columns[j].name, code, name)
    )


def named_lines(table: Table, name: str) -> Iterator[Figure]:
    """The lines called ``name`` (a pattern: "基本支出" is also "一、基本支出") on any side of a 收支总表."""
    pattern = patterns.compile(rf"(?:[一二三四五六七八九十]+[、.．])?{name}")
    for b in table.blocks:
        j = blk.total_column(table, b)
        if j is None:
            continue
        for row, label in blk.side(table, b):
            if pattern.fullmatch(label):
                yield cell_figure(table, row, j, b)


def economic_total(ctx: Context, eco: Table) -> Figure | None:
    """The economic table's total: its 合计 row, or Σ its blocks' 人员经费合计 + 公用经费合计."""
    figures: list[Figure] = []
    for b in eco.blocks:
        cols = amount_columns(eco, b)
        if not cols:
            continue
        j = pick_column(eco, ends_in_total, ctx.doc.info.stage, b)
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
    name = " + ".join(f.place.name or "" for f in figures)
    return Figure(total, eco.unit, Place(eco, name=name))


def three_public_figures(ctx: Context, three: Table, pattern: re.Pattern[str] | None) -> list[Figure]:
    """One 三公 item's figures (``pattern=None``: the 三公 total), the stage's measure first.

    Works whether the table prints the items as columns (one data row) or as
    rows (one item a row, a column per measure).
    """
    stage, year = ctx.doc.info.stage, ctx.doc.info.year
    if pattern is None:

        def test(p: list[str]) -> bool:
            return any(patterns.compile(r"合计|总计").fullmatch(s) for s in p)

        three_cols = [j for j in amount_columns(three) if "三公" in three.columns[j].name]
        cols = _ordered(
            three, [j for j in three_cols if test(segments(three.columns[j].name))], stage, year
        ) or _ordered(three, [j for j in amount_columns(three) if test(segments(three.columns[j].name))], stage, year)
    else:
        cols = _ordered(
            three,
            [j for j in amount_columns(three) if _names_item(segments(three.columns[j].name), pattern)],
            stage,
            year,
        )
    if cols:
        row = next((r for r in three.rows if any(isinstance(c, Decimal) for c in r.cells)), None)
        if row is not None:
            return [cell_figure(three, row, j) for j in cols]
        if not three.rows:
            # the table is printed without a figure: it says 0
            return [Figure(Decimal(0), three.unit, Place(three, column=three.columns[j].name)) for j in cols]
        return []
    for row in three.rows:
        label = patterns.compile(r"^其中[：:]?").sub("", clean_name(row.name))
        if not label:
            continue
        hit = (
            patterns.compile(r"(?:三公经费)?(?:合计|总计)").fullmatch(label)
            if pattern is None
            else pattern.search(label)
        )
        if hit:
            return [cell_figure(three, row, j) for j in _ordered(three, amount_columns(three), stage, year)]
    return []


def three_public_figure(ctx: Context, three: Table, pattern: re.Pattern[str] | None) -> Figure | None:
    """The first of :func:`three_public_figures`: the item's figure in the document's stage's measure."""
    found = three_public_figures(ctx, three, pattern)
    return found[0] if found else None


_MEASURE = patterns.compile(r"^(?:\d{4}年度?)?(?:本年|上年)?(?:预算|决算|执行)?数?$|金额|数额")


def _names_item(path: list[str], pattern: re.Pattern[str]) -> bool:
    """True when the column is the item ``pattern`` names: its own column, its 小计, or a measure of it."""
    hits = [k for k, s in enumerate(path) if pattern.search(s)]
    if not hits:
        return False
    rest = path[hits[-1] + 1 :]
    return all(TOTAL_SEGMENT.match(s) or _MEASURE.search(s) for s in rest)


def _ordered(table: Table, cols: list[int], stage: str | None, year: int | None = None) -> list[int]:
    """``cols`` with the document's stage's measure first (决算数 in a 决算), and a column that names
    another year than the document's ("2025年预算数" in a 2026 budget) last."""

    def rank(j: int) -> tuple[int, int]:
        name = table.columns[j].name
        years = {int(y) for y in patterns.compile(r"(20\d\d)\s*年").findall(name)}
        other_year = 1 if year is not None and years and year not in years else 0
        if stage == "决算":
            return other_year, 0 if "决算" in name else 1
        return other_year, 1 if patterns.compile(r"上年|决算").search(name) else 0

    ranked = sorted(cols, key=rank)
    current = [j for j in ranked if rank(j)[0] == 0]
    return current or ranked


_AMOUNT_FIELD = patterns.compile(r"资金总额|项目资金|预算金额|申报金额|资金合计")
_NUMBER = patterns.compile(r"([-\d,]+(?:\.\d+)?)\s*(万元|千元|亿元|元)?")
_UNIT_IN_KEY = patterns.compile(r"[（(]\s*(万元|千元|亿元|元)\s*[)）]")


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


# -- the narrative ---------------------------------------------------------------------------

#: a heading at the start of a line ("一、", "（二）", "3.")
HEADING = patterns.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
#: a page number printed in the footer ("27", "- 27 -", "第27页"): not part of the text
_PAGE_NUMBER = patterns.compile(r"[-—－]?\d{1,3}[-—－]?|第\d{1,3}页(?:共\d{1,3}页)?")
_END = patterns.compile(r"[。；;！？!?：:]$")


@dataclass
class Text:
    """The narrative as one string, and where each of its characters was printed."""

    text: str
    starts: list[int]
    where: list[tuple[int | None, int | None]]

    def locate(self, offset: int) -> tuple[int | None, int | None]:
        i = bisect_right(self.starts, offset) - 1
        return self.where[max(i, 0)]


def narrative_text(doc: Document) -> Text:
    """The narrative's lines joined into one text, spaces, quote marks and page numbers removed.

    A sentence broken over two lines or pages is one sentence again; a line
    break is kept after a sentence end and around a heading.
    """
    parts: list[str] = []
    starts: list[int] = []
    where: list[tuple[int | None, int | None]] = []
    size = 0
    for line in doc.narrative:
        t = patterns.compile(r"[\s“”\"‘’'*]").sub("", line.joined())
        if not t or _PAGE_NUMBER.fullmatch(t):
            continue
        if parts and (_END.search(parts[-1]) or HEADING.match(t) or (HEADING.match(parts[-1]) and len(parts[-1]) < 30)):
            parts.append("\n")
            size += 1
        starts.append(size)
        where.append((line.page, line.lineno))
        parts.append(t)
        size += len(t)
    return Text("".join(parts), starts, where)


def text_figure(text: Text, m: re.Match[str], label: str) -> Figure:
    """The figure a match of ``text`` quotes (its groups ``num`` and ``unit``), where it was printed."""
    page, line = text.locate(m.start())
    return Figure(
        Decimal(m.group("num").replace(",", "")),
        m.group("unit"),
        Place(page=page, line=line, label=f"情况说明「{label}」"),
    )
