"""Which item each row is: its subject code(s) and its name, read in print order.

Codes are printed in many ways, and a row's code is read whichever way it is:

1. one code column holding the whole code ("2080505");
2. 类 | 款 | 项 columns with the parents repeated on every row ("205 | 03 | 02");
3. the staircase: each row prints only its own segment in its level's column
   ("201" / "05" / "01"), so the parents are the codes of the rows above it,
   carried down (across page breaks too, as the table is one list);
4. a 2-digit 款 or 项 printed alone in a single code column under a printed
   类 ("05"): under a 类 it is a 款; under a 款 it may be a sibling 款 or a child
   项, and the catalogue decides when exactly one of them bears the row's name —
   otherwise the code is left empty rather than guessed;
5. the code inside the name cell ("[201]一般公共服务支出", "【30101】基本工资",
   "201-一般公共服务支出", "2010101 行政运行").

A list that cross-classifies function × economic codes (2010101 行政运行, then
its 30101-基本工资 …) gives each economic row the function 项 above it as its
entity, so that the economic items add up under it.

A table that lists several units (单位) says which unit each row is: a column
of unit codes (部门（单位）代码: 123, 123001 …), or a row that prints a unit's
6-digit code over the rows of that unit ("125001 西安市…" above the same
subject codes again).  Each row keeps its unit as ``entity``; a unit code is
never taken for a subject code.

The code columns of block 0 fall into groups: a run of code columns and the
name column after it.  A table that prints two classifications side by side
(部门经济分类 301 01 基本工资 | 政府经济分类 501 01 工资奖金津补贴) has two
groups: the row's ``code`` is the first group's, and ``codes`` keeps each
group's code under its classification.

A table that prints no codes at all shows its hierarchy by indentation only
(一般公共服务支出 / 财政事务 / 行政运行, each a few points further right), in
block 0 or in a right-hand block (the 支出 side of a 收支总表 beside its 收入
lines).  Where the reader knows how far each name is indented (a ruled PDF
table; text, by its leading spaces), the distinct indentations of a block's
name column, two or three of them clearly apart, are the levels; an item's
code then comes from the catalogue when its name path (类 name › 款 name › 项
name) names exactly one code, and stays empty otherwise.  The levels are not
read when they drift rather than step, when a name the catalogue knows stands
at a level the catalogue never gives it (layout text that lost an
indentation), or when no name is a subject at its level (the income lines of
a 收支总表, a list of projects: an indented list, no such tree).  Block 0's
item is the row's own code, name and level; a right-hand block's is kept in
``row.items``, with the codes a right-hand block prints.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from budgetx import patterns
from budgetx.model import CellValue, Column, Item, Row
from budgetx.normalize import codes
from budgetx.normalize.catalogue import ECONOMIC_KINDS, catalogue, classify, compare_name
from budgetx.normalize.names import clean_text, compact, item_name, restore_ordinal


@dataclass
class _Group:
    """A run of code columns and the name column that follows it."""

    code_cols: list[int]
    name_col: int | None
    #: the last code read at each length (3, 5, 7), for the rows that print only their segment
    last: dict[int, str] = field(default_factory=dict)

    def remember(self, code: str) -> None:
        self.last = {n: c for n, c in self.last.items() if n < len(code)}
        self.last[len(code)] = code


#: a column of unit codes, not subject codes: "部门代码", "部门（单位）代码", "单位编码"
_ENTITY_HEADER = patterns.compile(r"(?:部门|单位)[（(]?(?:单位)?[)）]?(?:代码|编码)")
#: a unit's code: the department's 3 digits and its unit's 3 ("123001")
_UNIT_CODE = patterns.compile(r"^\d{6}$")
_UNIT_LEAD = patterns.compile(r"^(\d{6})\s*[-－—]?\s*(\D.*)$")


def _entity_column(cols: list[Column]) -> int | None:
    return next(
        (j for j, c in enumerate(cols) if c.block == 0 and c.type == "code" and _ENTITY_HEADER.search(compact(c.name))),
        None,
    )


def _groups(cols: list[Column], skip: int | None = None) -> list[_Group]:
    groups: list[_Group] = []
    run: list[int] = []
    for j, col in enumerate(cols):
        if col.block != 0 or j == skip:
            continue
        if col.type == "code":
            run.append(j)
        elif col.type == "name" and (run or not groups):
            groups.append(_Group(run, j))
            run = []
    if run:
        if groups and not groups[-1].code_cols:
            groups[-1].code_cols = run  # the code printed after the name ("项目 | 科目编码")
        else:
            groups.append(_Group(run, None))
    return groups


class RowReader:
    """Reads the code and name of each row of one table, in print order."""

    def __init__(self, cols: list[Column], kind: str | None = None) -> None:
        self.entity_col = _entity_column(cols)
        self.groups = _groups(cols, self.entity_col)
        self.kind = kind
        #: the unit whose rows follow, where a row printed its code over them
        self.entity: str | None = None
        #: the function 项 whose economic items follow, in a list that cross-classifies them
        self.function_item: str | None = None

    def identify(self, row: Row, cells: list[str]) -> None:
        """Fill ``row.code``, ``row.codes``, ``row.name`` and ``row.entity`` (level and parent are the annotation's)."""
        label = ""
        if self.entity_col is not None:
            unit = codes.clean_code(cells[self.entity_col] if self.entity_col < len(cells) else "")
            row.entity = unit if unit.isdigit() else None
            label = "" if unit.isdigit() else unit  # a 合计 printed across the unit code
        if not self.groups:
            return
        if self._unit_row(row, cells):
            return
        row.entity = row.entity or self.entity
        found: list[tuple[str | None, str]] = [self._read(g, cells) for g in self.groups]
        code, name_text = found[0]
        if len(found) > 1:
            for c, _ in found:
                cls = classify(c, self.kind) if c else None
                if c and cls and cls not in row.codes:
                    row.codes[cls] = c
        row.code = code
        row.name = item_name(name_text) or item_name(label) or None
        self._cross_listed(row)

    def _cross_listed(self, row: Row) -> None:
        """In a list that cross-classifies function × economic codes (2010101 行政运行, then
        30101-基本工资 …), an economic row belongs to the function 项 above it: that is its entity."""
        code = row.code
        if not code or self.kind in ECONOMIC_KINDS:
            return
        if code[0] == "2":
            self.function_item = code if len(code) == 7 else None
        elif code[0] in "35" and self.function_item is not None and row.entity is None:
            row.entity = self.function_item

    def _unit_row(self, row: Row, cells: list[str]) -> bool:
        """A row that prints a unit's code over the rows of that unit ("125001 | 西安市…", "125001 西安市…")."""
        group = self.groups[0]
        first = (
            codes.clean_code(cells[group.code_cols[0]]) if group.code_cols and group.code_cols[0] < len(cells) else ""
        )
        name = cells[group.name_col] if group.name_col is not None and group.name_col < len(cells) else ""
        unit: str | None = None
        if _UNIT_CODE.match(first):
            unit = first
        elif not first and (lead := _UNIT_LEAD.match(clean_text(name))):
            unit, name = lead.group(1), lead.group(2)
        if unit is None:
            return False
        self.entity = row.entity = unit
        for g in self.groups:
            g.last = {}
        row.name = item_name(name) or None
        return True

    def _read(self, group: _Group, cells: list[str]) -> tuple[str | None, str]:
        def cell(j: int | None) -> str:
            return cells[j] if j is not None and j < len(cells) else ""

        name_text = restore_ordinal(clean_text(cell(group.name_col)))
        code = self._code(group, [codes.clean_code(cell(j)) for j in group.code_cols], name_text)
        if code is None and not (name_text or "").strip():
            # a 合计/总计 label printed across the code columns
            labels = [cell(j) for j in group.code_cols if cell(j).strip() and not codes.is_code(cell(j))]
            labels = [t for t in labels if not patterns.compile(r"\d{1,2}").fullmatch(compact(t))]
            if labels:
                name_text = labels[0]
        if code is None and name_text:
            lead = codes.split_leading(clean_text(name_text))
            if lead and _known_class(lead[0], self.kind):
                code, name_text = lead
        if code is not None:
            group.remember(code)
        return code, name_text

    def _code(self, group: _Group, parts: list[str], name: str) -> str | None:
        if not parts or not any(parts):
            return None
        if len(parts) == 1:
            text = parts[0]
            if codes.is_code(text):
                return text
            if codes.is_segment(text):
                return self._segment_alone(group, text, name)
            return None
        # a 款/项 printed as a number loses its leading zero ("301 | 2" is 30102)
        parts = [p if k == 0 or not patterns.compile(r"\d").fullmatch(p) else "0" + p for k, p in enumerate(parts)]
        if parts[0]:
            return codes.join_split(parts)
        # the staircase: the first printed part is this row's level; its parents are the rows above
        k = next(k for k, p in enumerate(parts) if p)
        parent = group.last.get(1 + 2 * k)
        if parent is None or not all(codes.is_segment(p) for p in parts[k:] if p):
            return None
        code = parent + "".join(p for p in parts[k:] if p)
        return code if codes.is_code(code) else None

    def _segment_alone(self, group: _Group, segment: str, name: str) -> str | None:
        """A 款 or 项 printed alone in a single code column: under which of the codes above."""
        kuan = group.last.get(3)
        xiang_parent = group.last.get(5)
        if kuan is None:
            return None
        if xiang_parent is None:
            return kuan + segment
        candidates = [kuan + segment, xiang_parent + segment]
        named = [c for c in candidates if _bears_name(c, name, self.kind)]
        return named[0] if len(named) == 1 else None


def _known_class(code: str, kind: str | None) -> bool:
    """True when the catalogue knows the 类 of a code read from a name cell: "12328电话运行维护费"
    is a hotline's number, not a code of 类 123."""
    cls = classify(code, kind)
    return cls is not None and catalogue().lookup(code[:3], None, cls) is not None


def _bears_name(code: str, name: str, kind: str | None) -> bool:
    entry = catalogue().lookup(code, None, classify(code, kind))
    return entry is not None and compare_name(item_name(name), entry.name) in ("same", "shortened", "qualified")


#: indentations closer than this (pt) are one level
_INDENT_STEP = 1.5
#: two levels' indentations are at least this far apart (pt), else the levels are not clear
_LEVEL_GAP = 2 * _INDENT_STEP
_TOTAL_NAME = patterns.compile(
    r"^(?:[一二三四五六七八九十]+[、.．])?(?:本年|当年)?(?:收入|支出)?(?:合计|总计|小计)[：:]?$"
)


def printed_item(cols: list[Column], cells: list[CellValue], block: int) -> tuple[str | None, str | None]:
    """The code and name ``block`` of a typed row prints: its code columns joined ("302 | 17"),
    a code leading its name ("30201 办公费"), or a label standing in a code column
    ("公用经费合计" under the 科目编码 heading)."""
    parts: list[str] = []
    name: str | None = None
    for j, col in enumerate(cols):
        if col.block != block or j >= len(cells):
            continue
        cell = cells[j]
        if not isinstance(cell, str) or not cell.strip():
            continue
        if col.type == "code":
            if codes.clean_code(cell).isdigit():
                parts.append(cell)
            elif name is None:
                name = item_name(cell)
        elif col.type == "name" and name is None:
            name = item_name(cell)
    code = codes.join_split(parts) if parts else None
    if code is None and name:
        lead = codes.split_leading(name)
        if lead:
            code, name = lead
    return code, name


def block_items(rows: list[Row], cols: list[Column], kind: str | None = None) -> None:
    """Each right-hand block's item that prints a subject code, kept in ``row.items`` (level and
    parent are the annotation's): a code in a code column, or leading a name the catalogue gives
    it ("30201 办公费"; not "202·年打造…", a year's digits opening a sentence)."""
    for block in sorted({c.block for c in cols} - {0}):
        coded = any(c.type == "code" for c in cols if c.block == block)
        for row in rows:
            code, name = printed_item(cols, row.cells, block)
            if code and codes.is_code(code) and (coded or _bears_name(code, name or "", kind)):
                row.items[block] = Item(code=code, name=name)


def levels_from_indents(
    rows: list[Row], indents: list[tuple[float | None, ...]], cols: list[Column], kind: str | None
) -> None:
    """Levels, and codes where the catalogue names them, of the items of each block printed
    without codes (see the module): block 0's in the rows themselves, a right-hand block's in
    ``row.items``."""
    if len(indents) != len(rows):
        return
    cls = "economic_dept" if kind in ECONOMIC_KINDS else "function"
    for block in sorted({c.block for c in cols}):
        name_col = next((j for j, c in enumerate(cols) if c.type == "name" and c.block == block), None)
        if name_col is None or any((r.code if block == 0 else block in r.items) for r in rows):
            continue  # the block prints codes: its levels are theirs
        names = [r.name if block == 0 else printed_item(cols, r.cells, block)[1] for r in rows]
        at = [ind[name_col] if name_col < len(ind) else None for ind in indents]
        for k, level, code in _indented_levels(names, at, cls):
            row = rows[k]
            if block == 0:
                row.level, row.code = level, code
            else:
                row.items[block] = Item(code=code, name=names[k], level=level)


def _indented_levels(
    names: list[str | None], indents: list[float | None], cls: str
) -> list[tuple[int, int, str | None]]:
    """(row index, level, catalogue code) of each named row, when the distinct indentations of the
    names, two or three of them clearly apart, are the levels of a 类 › 款 › 项 tree, and no name
    the catalogue knows stands at a level it never has; else none.  A total printed above the
    items (合计) is none of them; one printed under them closes the tree."""
    named: list[tuple[int, str, float]] = []
    for k, (name, x) in enumerate(zip(names, indents, strict=True)):
        if not name:
            continue
        if _TOTAL_NAME.match(compact(name)):
            if named:
                break  # a total under the items closes them: the lines after it (结转下年) are no subjects
            continue
        if x is not None:
            named.append((k, name, x))
    clusters: list[list[float]] = []
    for value in sorted({round(x, 1) for _, _, x in named}):
        if clusters and value - clusters[-1][0] <= _INDENT_STEP:
            clusters[-1].append(value)
        else:
            clusters.append([value])
    if not 2 <= len(clusters) <= 3:
        return []
    if any(b[0] - a[-1] < _LEVEL_GAP for a, b in itertools.pairwise(clusters)):
        return []  # indentations that drift rather than step: the levels are not clear
    steps = [c[0] for c in clusters]
    path: dict[int, str | None] = {}
    found: list[tuple[int, int, str | None]] = []
    cat = catalogue()
    for k, name, x in named:
        level = min(range(len(steps)), key=lambda n: abs(x - steps[n])) + 1  # the nearest indentation
        known = {codes.level(c) for c in cat.codes_named(name, cls)}
        if known and level not in known:
            return []  # a subject indented as a level the catalogue never gives it: the levels are not read
        parent = path.get(level - 1) if level > 1 else ""
        code = _code_of_name(name, level, parent, cls) if parent is not None else None
        path[level] = code
        for deeper in [n for n in path if n > level]:
            del path[deeper]
        found.append((k, level, code))
    if not any(code for _, _, code in found):
        return []  # no name is a subject of the catalogue at its level: an indented list, not a 类 › 款 › 项 tree
    return found


def _code_of_name(name: str, level: int, parent: str, cls: str) -> str | None:
    """The one code of ``level`` under ``parent`` whose catalogue name is ``name``, else None."""
    named = catalogue().codes_named(name, cls)
    found = {c for c in named if len(c) == 2 * level + 1 and c.startswith(parent)}
    return found.pop() if len(found) == 1 else None
