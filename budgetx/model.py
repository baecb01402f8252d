"""The document model every stage of budgetx reads and writes.

A value flows one way: a reader turns a file into :class:`Line` items, the table
segmenter turns those into :class:`Table` objects, normalisation fills in codes,
levels and amounts, validation adds :class:`Finding` objects, and exporters read
the finished :class:`Document`.  Every row remembers the page and line it came
from so that a finding can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, Protocol, Union

if TYPE_CHECKING:
    import pandas as pd

#: A cell value: text, an exact amount, or nothing (an empty cell).
CellValue = Union[str, Decimal, None]

ColumnType = Literal["code", "name", "amount", "text"]
#: what an amount column is in its table's sums (see budgetx.tables.roles)
ColumnRole = Literal["total", "component", "of_which", "other"]
Severity = Literal["error", "warning", "info"]
#: a rectangle on a page, in PDF points from the page's top-left corner: (x0, top, x1, bottom)
Box = tuple[float, float, float, float]

#: a table's family, the same across regions and years (``budgetx.tables.kinds``
#: says which title is which kind; "other" is a title it does not know)
TableKind = Literal[
    "performance_overall",
    "performance_project",
    "three_public",
    "procurement",
    "operating_costs",
    "state_capital",
    "government_fund",
    "fiscal_summary",
    "general_basic_economic",
    "fiscal_basic_economic",
    "basic_economic",
    "general_function",
    "fiscal_function",
    "summary",
    "project_expenditure",
    "income",
    "expenditure",
    "other",
    "narrative_table",
]


class Frames(Protocol):
    """The pandas conversions (:mod:`budgetx.frames`) the model's ``to_pandas`` methods call."""

    def table_frame(self, table: Table, amounts: Literal["decimal", "float"] = ...) -> pd.DataFrame: ...

    def document_frames(
        self, doc: Document, *, long: bool = ..., amounts: Literal["decimal", "float"] = ...
    ) -> Any: ...


#: :mod:`budgetx.frames`, which installs itself here when imported (:func:`budgetx.extract` puts a
#: stand-in here that imports it when first asked): the model imports no other budgetx module
frames: Frames | None = None


def _frames() -> Frames:
    if frames is None:  # a document not made by budgetx.extract (which installs budgetx.frames)
        raise RuntimeError("budgetx.frames is not loaded: import budgetx.frames before calling to_pandas")
    return frames


def _short(text: str | None, width: int = 24, *, tail: bool = False) -> str:
    """``text`` in at most ``width`` characters: its start, or (``tail``) its end, which names a table."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    return "…" + text[1 - width :] if tail else text[: width - 1] + "…"


def _pages(pages: list[int]) -> str:
    if not pages:
        return ""
    lo, hi = min(pages), max(pages)
    return f" p.{lo}" if lo == hi else f" p.{lo}-{hi}"


@dataclass(frozen=True)
class Source:
    """The file a document was read from."""

    path: str
    sha256: str
    format: str  # "pdf", "text"
    pages: int | None = None
    #: what of the file could not be read: (page, or None for the file's structure; what was lost)
    unreadable: list[tuple[int | None, str]] = field(default_factory=list)
    #: pages read by OCR turned upright first (scanned on their side or upside down): page → quarter turns
    #: counter-clockwise; their boxes are on the page so turned (``budgetx show`` turns the image alike)
    turned: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class OcrReading:
    """How a value read by OCR was read: the text model's confidence (0–1) in the text box it
    came from, and the model's second reading of it, where the model has one."""

    confidence: float
    alternative: str | None = None


@dataclass
class Line:
    """One item of a reader's output, in reading order.

    Either free text (``text``) or one printed row of a grid (``cells``).
    ``grid`` groups the rows of one printed grid on one page, when the reader
    knows it (a ruled PDF table); ``None`` otherwise.
    """

    page: int | None
    lineno: int | None
    text: str | None = None
    cells: list[str] | None = None
    grid: int | None = None
    #: where the item sits on its page (x0, top, x1, bottom), for PDF readers
    bbox: Box | None = None
    #: for a grid row, where the reader knows it: the left edge of each cell and the right edge of
    #: the last (one more than ``cells``), in points; cell ``j`` spans ``edges[j]`` to ``edges[j + 1]``
    edges: tuple[float, ...] = ()
    #: indices of cells that repeat a cell merged down from a row above (PDF
    #: readers carry a merged row header down to each row it spans)
    carried: tuple[int, ...] = ()
    #: per cell, how far its text starts right of the cell's left edge (pt), where the reader
    #: knows it (a ruled PDF table; text, whose leading spaces count
    #: :data:`budgetx.readers.text.layout.COLUMN_PT` each): the indentation that shows a
    #: hierarchy printed without codes
    indents: tuple[float | None, ...] = ()
    #: the length in characters of a printed line the reader passed over, too long to be a
    #: row or a sentence (:data:`budgetx.readers.limits.MAX_LINE`); its text is then empty
    unread: int = 0
    #: per cell, how OCR read it (None for an empty cell), for a row read from a page image;
    #: empty for a row read from a text layer
    ocr: tuple[OcrReading | None, ...] = ()

    @property
    def is_row(self) -> bool:
        return self.cells is not None

    def joined(self) -> str:
        """The line's text, cells joined by single spaces for a grid row."""
        if self.cells is not None:
            return " ".join(c for c in self.cells if c)
        return self.text or ""


@dataclass
class Column:
    """One column of a table, its header flattened into one name."""

    name: str
    type: ColumnType = "text"
    #: 0 for a one-block table; 1, 2 … for the right-hand blocks of a
    #: two- or three-block table (收入 | 支出).
    block: int = 0
    #: for an amount column: ``total``, ``component`` (adds up into column ``of``),
    #: ``of_which`` (其中: a part of column ``of``), ``other`` (in no sum), or
    #: ``None`` when the header does not say
    role: ColumnRole | None = None
    #: the index of the column this one adds up into (component) or is part of (of_which)
    of: int | None = None


@dataclass
class Item:
    """The item a right-hand block of a row names (the 支出 side of a 收支总表 beside its 收入
    lines): its code, printed name, level and parent, as :class:`Row` has them for block 0.

    ``level`` comes from the code, or, where the block prints no codes, from the name's
    indentation (then ``code`` is the catalogue's when the name path names exactly one).
    """

    code: str | None = None
    name: str | None = None
    level: int | None = None
    parent: str | None = None
    #: the catalogue's name for ``code`` in the document's year, when known
    standard_name: str | None = None


@dataclass
class Row:
    """One data row of a table.

    ``cells`` is aligned with the table's columns: ``str`` for text and codes,
    ``Decimal`` for amounts (as printed: ``Decimal("426.37")``), ``None`` for
    an empty cell.
    """

    cells: list[CellValue]
    page: int | None = None
    lineno: int | None = None
    code: str | None = None
    name: str | None = None
    level: int | None = None
    parent: str | None = None
    #: the catalogue's name for ``code`` in the document's year, when known
    standard_name: str | None = None
    #: every code the row prints, by classification, when it prints more than one
    #: (部门经济分类 "30101" beside 政府经济分类 "50101")
    codes: dict[str, str] = field(default_factory=dict)
    #: the unit (单位) the row belongs to, by its printed code, where a table lists several
    #: units ("123001 苏州市交通运输局", a block per unit under "125001 西安市…")
    entity: str | None = None
    #: the cells read by OCR, by column index: how each was read (:class:`OcrReading`)
    ocr: dict[int, OcrReading] = field(default_factory=dict)
    #: where the row is printed on its ``page`` (PDF input), and its cells' edges (see :attr:`Line.edges`)
    bbox: Box | None = None
    edges: tuple[float, ...] = ()
    #: the item of each right-hand block (1, 2 …) that has a place in a hierarchy (a code, or a
    #: level read from indentation), by block; block 0's item is the row's own code, name, level
    items: dict[int, Item] = field(default_factory=dict)

    def cell_box(self, j: int) -> Box | None:
        """Where cell ``j`` is printed on the row's page: its own box where the reader knew the
        cells' edges, else the row's, else ``None`` (text input)."""
        if self.bbox is None:
            return None
        if j + 1 < len(self.edges):
            return (self.edges[j], self.bbox[1], self.edges[j + 1], self.bbox[3])
        return self.bbox


@dataclass
class Table:
    index: int
    title: str
    kind: TableKind
    number: str | None = None
    unit: str | None = None
    pages: list[int] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    note: str | None = None
    #: header fields of a form (项目名称, 主管部门, 资金总额 …), in print order
    fields: dict[str, str] = field(default_factory=dict)
    #: the raw header rows, kept so that stitching can recognise a repeat
    header_rows: list[list[str]] = field(default_factory=list)
    #: where the table is printed, page by page (PDF input): its box on each page, header included
    boxes: dict[int, Box] = field(default_factory=dict)
    #: the box of the header rows on each page that prints them (a repeated header included)
    header_boxes: dict[int, Box] = field(default_factory=dict)

    @property
    def blocks(self) -> list[int]:
        return sorted({c.block for c in self.columns})

    def __repr__(self) -> str:
        label = f"{self.number} " if self.number else ""
        return (
            f"<Table {label}{_short(self.title, 16, tail=True)} {self.kind}{_pages(self.pages)}: "
            f"{len(self.rows)} rows × {len(self.columns)} columns>"
        )

    def to_pandas(self, amounts: Literal["decimal", "float"] = "decimal") -> pd.DataFrame:
        """The table as a pandas DataFrame: its flattened column names, codes as text, amounts as
        ``Decimal`` (or ``float`` with ``amounts="float"``); see :func:`budgetx.frames.table_frame`.
        Needs pandas (``pip install 'budgetx[pandas]'``)."""
        return _frames().table_frame(self, amounts=amounts)


@dataclass
class Finding:
    """One result of validation: data, not a message."""

    rule: str
    severity: Severity
    message: str
    message_en: str
    table: int | None = None
    table_title: str | None = None
    code: str | None = None
    row_name: str | None = None
    column: str | None = None
    page: int | None = None
    #: the line of a text document, where ``page`` is unknown
    line: int | None = None
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    #: for ``ocr.suspect``: how OCR read the cell the finding names (``actual``)
    ocr: OcrReading | None = None
    #: where the figures it compares are printed: (page, box) of each cell, where known (PDF input)
    cells: list[tuple[int, Box]] = field(default_factory=list)


@dataclass
class DocumentInfo:
    title: str | None = None
    department: str | None = None
    #: one name per department whatever a year's title calls it, the same for its 部门 and 单位
    #: publications (:func:`budgetx.normalize.departments.department_key`): for comparing documents
    department_key: str | None = None
    year: int | None = None
    stage: str | None = None  # "预算" or "决算"
    #: the publication's scope: "部门" for a department's publication (with its units), "单位" for
    #: one unit's
    publication: str | None = None


@dataclass
class Document:
    source: Source
    info: DocumentInfo = field(default_factory=DocumentInfo)
    tables: list[Table] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: free text of the document outside the tables (the narrative), by page
    narrative: list[Line] = field(default_factory=list)

    def __repr__(self) -> str:
        info = self.info
        what = _short(info.department or info.title or self.source.path, 20)
        when = " ".join(str(x) for x in (info.year, info.stage) if x)
        n = len(self.tables)
        return f"<Document {what}{' ' + when if when else ''}: {n} table{'' if n == 1 else 's'}>"

    def to_pandas(self, *, long: bool = True, amounts: Literal["decimal", "float"] = "decimal") -> Any:
        """``long=True``: the long/tidy DataFrame, one row per printed amount with its measure, code,
        level, name, page, table and column (:func:`budgetx.frames.long_frame`); ``long=False``: a dict
        of table index → :meth:`Table.to_pandas`.  Needs pandas (``pip install 'budgetx[pandas]'``)."""
        return _frames().document_frames(self, long=long, amounts=amounts)

    def table(self, kind: TableKind) -> Table | None:
        """The first table of ``kind``, or ``None``."""
        for t in self.tables:
            if t.kind == kind:
                return t
        return None
