"""What every rule shares: the run's context, comparing two figures, naming rows and columns.

A rule is a function ``rule(ctx) -> Iterable[Finding]``.  It finds the figures
that must agree, and hands each pair to :meth:`Context.compare`, which decides
whether they agree (no finding), differ by what rounding explains (a warning)
or disagree (an error), and builds the :class:`~budgetx.model.Finding` with its
location.  Amounts are compared exactly, as ``Decimal``; figures of tables in
different units are both converted to 元 first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from budgetx import patterns
from budgetx.model import Box, CellValue, Document, Finding, Row, Severity, Table
from budgetx.normalize.amounts import UNIT_FACTORS
from budgetx.normalize.names import item_name
from budgetx.tables.identify import printed_item
from budgetx.tables.kinds import is_form
from budgetx.tables.roles import NOT_ADDITIVE, segments

ZERO = Decimal(0)
DEFAULT_TOLERANCE = Decimal("0.01")


def clean_name(name: str | None) -> str:
    """A row or column label for comparing: no spaces, quotes or trailing colon."""
    return patterns.compile(r"[\s“”\"'‘’]").sub("", item_name(name))


def value(cell: CellValue) -> Decimal:
    """An amount cell in arithmetic: empty counts as zero."""
    return cell if isinstance(cell, Decimal) else ZERO


def is_amount_column(table: Table, j: int) -> bool:
    col = table.columns[j]
    return col.type == "amount" and not NOT_ADDITIVE.search(col.name)


def amount_columns(table: Table, block: int | None = None) -> list[int]:
    return [
        j for j, c in enumerate(table.columns) if is_amount_column(table, j) and (block is None or c.block == block)
    ]


def grids(doc: Document) -> Iterator[Table]:
    """The tables that are grids of amounts (not forms)."""
    for t in doc.tables:
        if not is_form(t.kind) and t.rows:
            yield t


def unit_factor(unit: str | None) -> Decimal | None:
    return UNIT_FACTORS.get(unit) if unit else None


def fmt(x: Decimal | None) -> str:
    if x is None:
        return "—"
    return format(x, "f")


@dataclass(frozen=True)
class Place:
    """Where a finding points: a table's row and column, or a page and line of the text.

    A finding made at a place carries its table's index and title, its
    ``code``, ``name`` (the row's) and ``column``, and the page and line of its
    ``row``, else its own ``page`` and ``line``.
    """

    table: Table | None = None
    row: Row | None = None
    column: str | None = None
    code: str | None = None
    name: str | None = None
    #: where something that is not in a table was printed (the narrative)
    page: int | None = None
    line: int | None = None
    #: what to call a place that has no table, code, name or column ("情况说明「…」")
    label: str | None = None
    #: the index of ``column`` in the table, where known
    col: int | None = None

    def cell(self) -> tuple[int, Box] | None:
        """Where the place's cell (else its row) is printed: (page, box), or ``None`` where unknown."""
        row = self.row
        if row is None or row.page is None:
            return None
        j = self.col
        if j is None and self.table is not None and self.column is not None:
            j = next((k for k, c in enumerate(self.table.columns) if c.name == self.column), None)
        box = row.cell_box(j) if j is not None else row.bbox
        return None if box is None else (row.page, box)

    @property
    def where(self) -> str:
        """The place in words, for a finding's message: "2025年部门收入预算总表 212 城乡社区支出 [收入预算 / 合计]"."""
        parts: list[str] = []
        if self.table is not None:
            parts.append(self.table.number or self.table.title or f"table {self.table.index}")
        if self.code or self.name:
            parts.append(" ".join(x for x in (self.code, self.name) if x))
        if self.column:
            parts.append(f"[{self.column}]")
        if self.label and not parts:
            parts.append(self.label)
        return " ".join(parts)


@dataclass(frozen=True)
class Figure:
    """One printed figure, in its unit, and where it stands."""

    value: Decimal
    unit: str | None
    place: Place
    #: set when the figure only stands in for what is compared with it, on an assumption the
    #: document does not state (机关运行经费 taken as the 公用经费): (Chinese, English) of it
    assumption: tuple[str, str] | None = None


def item(table: Table, row: Row, block: int = 0) -> tuple[str | None, str | None]:
    """The code and name of ``row``'s item in ``block``.

    Like the long view's ``block_item``, and also for a right-hand block whose
    code is printed over 类 | 款 columns ("302 | 17"), or whose label stands in
    a code column ("公用经费合计" under the 科目编码 heading).
    """
    if block == 0 and row.code:
        return row.code, row.name
    found = row.items.get(block)
    if found is not None:
        return found.code, found.name
    code, name = printed_item(table.columns, row.cells, block)
    if block == 0 and not code and row.name and not name:
        name = row.name
    return code, name


def item_level(row: Row, block: int = 0) -> int | None:
    """The level of ``row``'s item in ``block`` (1 类, 2 款, 3 项), from its code or its indentation."""
    if block == 0:
        return row.level
    found = row.items.get(block)
    return found.level if found is not None else None


def cell_figure(table: Table, row: Row, j: int, block: int | None = None) -> Figure:
    """The figure in ``row``'s column ``j``, labelled with its own block's item."""
    col = table.columns[j]
    code, name = item(table, row, col.block if block is None else block)
    return Figure(value(row.cells[j]), table.unit, Place(table, row, col.name, code, name, col=j))


_TABLE_TOTAL = patterns.compile(r"^.{0,6}(?:合计|总计|总数)$")
_NOT_TABLE_TOTAL = patterns.compile(r"^(?:本年|[一二三四五六七八九十]+[、.．])")


def total_row(table: Table, block: int = 0) -> Row | None:
    """The printed 合计/总计 row of a coded table's ``block`` (no code; "人员经费合计" counts)."""
    for row in table.rows:
        code, name = item(table, row, block)
        label = clean_name(name)
        if not code and label and _TABLE_TOTAL.match(label) and not _NOT_TABLE_TOTAL.match(label):
            return row
    # a table of one unnamed row (Jiangsu's 支出预算总表): that row is the total
    labelled = any(c.type in ("code", "name") for c in table.columns)
    if len(table.rows) == 1 and not labelled:
        return table.rows[0]
    return None


#: a test of a column's header path (its :func:`segments`): is it the column wanted?
PathTest = Callable[[list[str]], bool]


def pick_column(table: Table, test: PathTest, stage: str | None = None, block: int | None = None) -> int | None:
    """The amount column whose header path passes ``test``, preferring the document's stage.

    A 决算 table may print 预算数 and 决算数 side by side: for a 决算 the
    决算 column is taken, for a 预算 a column that is not last year's or a 决算.
    """
    found = [j for j in amount_columns(table, block) if test(segments(table.columns[j].name))]
    if len(found) > 1:
        if stage == "决算":
            preferred = [j for j in found if "决算" in table.columns[j].name]
        else:
            preferred = [j for j in found if not patterns.compile(r"上年|决算").search(table.columns[j].name)]
        found = preferred or found
    return found[0] if found else None


class Context:
    """One validation run over one document."""

    def __init__(self, doc: Document, tolerance: Decimal = DEFAULT_TOLERANCE) -> None:
        self.doc = doc
        self.tolerance = Decimal(tolerance)
        #: how many pairs of figures each rule compared (found to agree or not)
        self.checks: Counter[str] = Counter()

    # -- comparing -------------------------------------------------------

    def compare(
        self,
        rule: str,
        actual: Figure,
        expected: Decimal,
        *,
        what: tuple[str, str],
        expected_unit: str | None = None,
        slack: Decimal = ZERO,
        terms: int = 1,
        parts: Sequence[tuple[Row, int]] = (),
    ) -> Finding | None:
        """A finding when the printed ``actual`` figure differs from ``expected``.

        ``expected`` is in ``expected_unit`` (default: ``actual``'s unit); both
        are compared in the unit of ``actual`` after conversion.  ``what`` is the
        (Chinese, English) description of what ``expected`` is.  A difference
        within ``slack`` (the rounding allowed for the printed precision) is no
        finding; within ``slack`` + tolerance (in the coarser of both units) a
        warning; beyond it an error.  When ``expected`` is a sum of ``terms``
        printed figures, the tolerance grows with the rounding they may carry:
        (terms + 1) halves of it.  ``parts`` are the cells (row, column index) of
        the same table that ``expected`` was read from, for the finding's :attr:`~Finding.cells`.
        """
        exp = self._convert(expected, expected_unit or actual.unit, actual.unit)
        if exp is None:
            return None
        self.checks[rule] += 1
        diff = actual.value - exp
        if diff == 0 or abs(diff) <= slack:
            return None
        if _same_rounded(actual.value, actual.unit, expected, expected_unit or actual.unit):
            return None  # 8,265 元 printed as 0.83 万元 elsewhere: the same figure
        tol = self.tolerance * self._coarser(actual.unit, expected_unit or actual.unit, actual.unit)
        if _whole(actual.value) and _whole(exp) and unit_factor(actual.unit) == 1:
            tol = max(tol, Decimal(1))  # a table in whole 元 rounds to the 元
        if terms > 1:
            # a sum of ``terms`` figures, each rounded by half a unit, and the printed total, rounded
            # too, may differ by (terms + 1) half units: rounding, not a contradiction
            tol = tol * (terms + 1) / 2
        severity: Severity = "warning" if abs(diff) <= slack + tol else "error"
        return self.finding(rule, severity, actual, exp, diff, what, parts=parts)

    def finding(
        self,
        rule: str,
        severity: Severity,
        actual: Figure,
        expected: Decimal | None,
        diff: Decimal | None,
        what: tuple[str, str],
        *,
        parts: Sequence[tuple[Row, int]] = (),
    ) -> Finding:
        """A finding about the printed ``actual`` figure, at its place.

        With ``expected`` and ``diff`` the message states all three figures;
        without them it is ``what`` after the place.
        """
        zh_what, en_what = what
        unit = actual.unit or ""
        where = actual.place.where
        if expected is not None and diff is not None:
            rounding_zh = "（舍入差异）" if severity == "warning" else ""
            rounding_en = " (rounding)" if severity == "warning" else ""
            message = (
                f"{where}：印刷数 {fmt(actual.value)}{unit}，{zh_what}为 {fmt(expected)}{unit}，"
                f"相差 {fmt(diff)}{rounding_zh}"
            )
            message_en = (
                f"{where}: printed {fmt(actual.value)} {unit}".rstrip()
                + f", but {en_what} is {fmt(expected)}, a difference of {fmt(diff)}{rounding_en}"
            )
        else:
            message = f"{where}：{zh_what}"
            message_en = f"{where}: {en_what}"
        return _finding_at(
            actual.place,
            rule,
            severity,
            message,
            message_en,
            expected=expected,
            actual=actual.value,
            difference=diff,
            parts=parts,
        )

    def note(self, rule: str, severity: Severity, place: Place, what: tuple[str, str]) -> Finding:
        """A finding about ``place`` that compares no figures: its message is ``what`` as written."""
        return _finding_at(place, rule, severity, *what)

    @staticmethod
    def _convert(x: Decimal, src: str | None, dst: str | None) -> Decimal | None:
        if src == dst:
            return x
        fs, fd = unit_factor(src), unit_factor(dst)
        if fs is None or fd is None:
            return None  # units unknown: cannot compare
        return x * fs / fd

    @staticmethod
    def _coarser(a: str | None, b: str | None, dst: str | None) -> Decimal:
        """How many ``dst`` units the coarser of ``a`` and ``b`` is worth (1 when unknown)."""
        fa, fb, fd = unit_factor(a), unit_factor(b), unit_factor(dst)
        if fa is None or fb is None or fd is None:
            return Decimal(1)
        return max(fa, fb) / fd


def _finding_at(
    place: Place,
    rule: str,
    severity: Severity,
    message: str,
    message_en: str,
    *,
    expected: Decimal | None = None,
    actual: Decimal | None = None,
    difference: Decimal | None = None,
    parts: Sequence[tuple[Row, int]] = (),
) -> Finding:
    """A finding located at ``place``, with where its cell and the cells of its ``parts`` are printed."""
    table, row = place.table, place.row
    cells = [c for c in (place.cell(), *(_part(r, j) for r, j in parts)) if c is not None]
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        message_en=message_en,
        table=table.index if table is not None else None,
        table_title=table.title if table is not None else None,
        code=place.code,
        row_name=place.name,
        column=place.column,
        page=row.page if row is not None else place.page,
        line=row.lineno if row is not None else place.line,
        expected=expected,
        actual=actual,
        difference=difference,
        cells=cells,
    )


def _part(row: Row, j: int) -> tuple[int, Box] | None:
    box = row.cell_box(j)
    return None if box is None or row.page is None else (row.page, box)


def _same_rounded(a: Decimal, unit_a: str | None, b: Decimal, unit_b: str | None) -> bool:
    """True when the figure printed in the coarser unit is the other rounded to its fen
    (8,265 元 and 0.83 万元; 35,000 元 and 3.5 万元)."""
    fa, fb = unit_factor(unit_a), unit_factor(unit_b)
    if fa is None or fb is None or fa == fb:
        return False
    (fine, f_fine), (coarse, f_coarse) = sorted(((a, fa), (b, fb)), key=lambda x: x[1])
    exponent = coarse.as_tuple().exponent
    if not isinstance(exponent, int):
        return False
    # to the fen of the coarser unit at least: "3.5" in a 万元 table is 3.50 with its zero dropped
    in_coarse = fine * f_fine / f_coarse
    return in_coarse.quantize(Decimal(1).scaleb(min(exponent, -2)), rounding=ROUND_HALF_UP) == coarse


def _whole(x: Decimal) -> bool:
    """True for an amount printed without decimals ("154369326")."""
    exponent = x.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= 0


def first(items: Iterable[Finding | None]) -> list[Finding]:
    return [f for f in items if f is not None]
