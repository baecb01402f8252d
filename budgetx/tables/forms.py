"""Performance-target forms (绩效目标表): header fields, then indicator rows.

A form reaches budgetx as grid rows: field rows ("项目名称 | 竞进拉练",
"主管部门 | … | 实施单位 | …") until the indicator header row
("绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值"), then one row per
indicator with the level cells merged down.  The result is a table with one row
per indicator, the levels carried down, and the header fields as ``fields``.
"""

from __future__ import annotations

import re

from budgetx import patterns
from budgetx.model import CellValue, Column, Row
from budgetx.normalize.amounts import is_amount
from budgetx.normalize.names import clean_text, compact
from budgetx.tables.columns import RawRow
from budgetx.tables.headers import flatten

LEVEL1 = ("产出指标", "效益指标", "满意度指标")
LEVEL2 = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "满意度指标",
)
#: the 一级指标 each 二级指标 belongs to, for forms that leave it blank
LEVEL1_OF = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}
_INDICATOR_HEADER = patterns.compile(r"一级指标|指标名称|三级指标")
_HTML_TAG = patterns.compile(r"</?(p|br|span|div)\b[^>]*>", re.I)


def _stacked_fields(r: RawRow, below: RawRow | None) -> list[tuple[str, str]]:
    """(label, value) pairs when ``r`` holds only labels (after a group label) and ``below``
    holds their values in the same columns, e.g. 项目绩效目标 | 项目总目标 | 年度总体目标
    over (merged) | <text> | <text>."""
    if below is None:
        return []
    pos = [j for j, c in enumerate(r.cells) if c and c.strip()]
    vals = [j for j, c in enumerate(below.cells) if c and c.strip()]
    if len(pos) < 3 or not vals or any(_is_value(r.cells[j]) for j in pos):
        return []
    group, labels = pos[0], pos[1:]
    if vals != labels or not all(clean_text(r.cells[j]).endswith("目标") for j in labels):
        return []
    name = clean_text(r.cells[group]).rstrip("：:")
    return [(f"{name} / {clean_text(r.cells[j])}", _HTML_TAG.sub("", clean_text(below.cells[j]))) for j in labels]


def _is_value(text: str) -> bool:
    return bool(patterns.compile(r"[\d,.\s%万元-]+").fullmatch(text))


def _level_name(text: str) -> str:
    t = compact(text)
    return t if t in LEVEL1 or t in LEVEL2 else ""


def parse_form(raw: list[RawRow]) -> tuple[dict[str, str], list[Column], list[Row]]:
    fields: dict[str, str] = {}
    header_at = next(
        (i for i, r in enumerate(raw) if any(_INDICATOR_HEADER.search(compact(c)) for c in r.cells if c)), None
    )
    field_rows = raw if header_at is None else raw[:header_at]
    skip = -1
    spans = _sections(field_rows)
    inside = {n for start, end, _ in spans for n in range(start, end)}
    for n, r in enumerate(field_rows):
        for start, _, section in spans:
            if n == start:
                fields.update(section)
        if n == skip or n in inside:
            continue
        below = field_rows[n + 1] if n + 1 < len(field_rows) else None
        stacked = _stacked_fields(r, below)
        if stacked:
            # labels in one row, their values in the same columns of the next
            for label, value in stacked:
                fields[label] = value
            skip = n + 1
            continue
        texts = [clean_text(c) for c in r.cells if c and c.strip()]
        group = ""
        if len(texts) >= 3 and len(texts) % 2 == 1 and not _is_value(texts[0]):
            # a group label before label/value pairs ("项目资金（元） | 项目资金总额 | 4,100,000.00 | …")
            group, texts = texts[0].rstrip("：:"), texts[1:]
        for k in range(0, len(texts), 2):
            label = texts[k].rstrip("：:")
            if group:
                label = f"{group} / {label}"
            value = _HTML_TAG.sub("", texts[k + 1]).strip() if k + 1 < len(texts) else ""
            if label in fields:
                label = f"{label} ({k // 2 + 1})"
            fields[label] = value
    if header_at is None:
        return fields, [], []
    header = [clean_text(c) for c in raw[header_at].cells]
    body = raw[header_at + 1 :]
    # the first header cell ("绩效指标", "年度绩效指标" merged down the indicator rows) labels the
    # whole indicator block, not a column
    label = header[0] if header else ""
    first = 1 if label in ("绩效指标", "") or (label.endswith("绩效指标") and not _filled(body, 0)) else 0
    # a header cell merged over two grid columns leaves one of them empty everywhere: no column
    keep = [j for j in range(len(header)) if j < first or header[j] or _filled(body, j)]
    if len(keep) < len(header):
        header = [header[j] for j in keep]
        body = [RawRow([r.cells[j] if j < len(r.cells) else "" for j in keep], r.page, r.lineno) for r in body]
    names = header[first:]
    while names and not names[-1]:
        names.pop()
    if "三级指标" in names:
        return fields, [Column(n, "text") for n in names], _levelled_rows(names, first, body)
    cols = [Column(n, "text") for n in names]
    rows = [
        Row(
            cells=[clean_text(c) or None for c in (r.cells[first:] + [""] * len(names))[: len(names)]],
            page=r.page,
            lineno=r.lineno,
            bbox=r.bbox,
            edges=r.edges[first:],
        )
        for r in body
        if any(c and c.strip() for c in r.cells)
    ]
    return fields, cols, rows


def _filled(rows: list[RawRow], j: int) -> bool:
    """Some row prints something in column ``j``."""
    return any(j < len(r.cells) and r.cells[j] and r.cells[j].strip() for r in rows)


def _figures(r: RawRow) -> int:
    return sum(1 for c in r.cells if c and is_amount(c.strip()))


def _tabular(r: RawRow, names: list[str]) -> bool:
    """A row of a table under ``names``: its words before its figures, each figure under a named column
    (not a row of label/value pairs such as 项目资金总额 | 4,100,000.00 | 年度资金申请总额 | …)."""
    filled = [(j, c.strip()) for j, c in enumerate(r.cells) if c and c.strip()]
    kinds = [is_amount(c) for _, c in filled]
    if True in kinds and False in kinds[kinds.index(True) :]:
        return False
    return all(j < len(names) and names[j] for (j, _), figure in zip(filled, kinds, strict=True) if figure)


def _sections(rows: list[RawRow]) -> list[tuple[int, int, dict[str, str]]]:
    """Small tables inside a form's field rows: (first row, end, their fields).

    A 部门整体支出绩效目标表 prints its tasks as a table of their own: a group label
    merged down the left (年度主要任务), header rows without figures (任务名称 | 主要内容 |
    预算金额（万元） over 总额 | 财政拨款 | 其他资金), then a row per task with figures.
    Each task's cells become fields named by the group, the task and the flattened
    column ("年度主要任务 / 行政运行保障 / 预算金额（万元） / 总额").
    """
    found: list[tuple[int, int, dict[str, str]]] = []
    n = 0
    while n < len(rows):
        start = n
        while n < len(rows) and n - start < 3 and not _figures(rows[n]):
            n += 1
        head = rows[start:n]
        data_end = n
        while data_end < len(rows) and _figures(rows[data_end]) >= 2:
            data_end += 1
        labels = sum(1 for c in head[0].cells if c and c.strip()) if head else 0
        data = rows[n:data_end]
        width = max((len(r.cells) for r in rows[start:data_end]), default=0)
        names = flatten([list(r.cells) for r in head], width) if head else []
        if not head or not data or labels < 3 or not all(_tabular(r, names) for r in data):
            n = start + 1
            continue
        group_col = next((j for j in range(width) if names[j] and not _filled(data, j)), None)
        group = names[group_col].split(" / ")[0] if group_col is not None else ""
        section: dict[str, str] = {}
        for r in data:
            texts = [(j, clean_text(c)) for j, c in enumerate(r.cells) if c and c.strip()]
            if not texts:
                continue
            row_label = texts[0][1] if not is_amount(texts[0][1]) else ""
            for j, value in texts[1:] if row_label else texts:
                key = " / ".join(p for p in (group, row_label, names[j] if j < width else "") if p)
                section[key] = value
        found.append((start, data_end, section))
        n = data_end
    return found


#: the columns of 一级指标, 二级指标 and 三级指标, where the header has them
_Positions = tuple[int | None, int | None, int | None]


def _levelled_rows(names: list[str], first: int, body: list[RawRow]) -> list[Row]:
    """Indicator rows with 一级/二级 carried down, realigned where the source shifted cells.

    Per row: the level names that open it (:func:`_opening_levels`), carried
    down from the rows above (:func:`_carry`), the indicator and its value
    found where the columns say or, when the source shifted the cells, after
    the level names (:func:`_indicator`), then laid out in the table's columns.
    """
    p1, p2, p3 = (names.index(n) if n in names else None for n in ("一级指标", "二级指标", "三级指标"))
    at: _Positions = (p1, p2, p3)
    levels = ("", "")
    rows: list[Row] = []
    for r in body:
        cells = [clean_text(c) for c in r.cells[first:]]
        if not any(cells):
            continue
        opening, rest = _opening_levels(cells)
        levels = _carry(levels, opening)
        text3, value = _indicator(cells, rest, p3)
        rows.append(
            Row(cells=_lay_out(len(names), at, levels, text3, value), page=r.page, lineno=r.lineno, bbox=r.bbox)
        )
    return rows


def _opening_levels(cells: list[str]) -> tuple[tuple[str, str], list[str]]:
    """The 一级 and 二级 names that open the row ("" when it names none), and its other non-empty cells."""
    level1 = level2 = ""
    rest: list[str] = []
    for c in cells:
        if not c:
            continue
        lv = _level_name(c)
        if lv and not rest:
            if lv in LEVEL1 and lv not in LEVEL2:
                level1 = lv
            elif lv in LEVEL2 and lv not in LEVEL1:
                level2 = lv
            else:  # 满意度指标: a 一级指标 wherever the source put it
                level1 = lv
            continue
        rest.append(c)
    return (level1, level2), rest


def _carry(levels: tuple[str, str], opening: tuple[str, str]) -> tuple[str, str]:
    """The row's 一级 and 二级: those it names, else the ones above; a 二级 implies its 一级."""
    level1, level2 = levels
    row_l1, row_l2 = opening
    if row_l1:
        level1, level2 = row_l1, ""
    if row_l2:
        level2 = row_l2
        if not row_l1 and LEVEL1_OF.get(row_l2) and level1 != LEVEL1_OF[row_l2]:
            level1 = LEVEL1_OF[row_l2]
    if not level1 and level2:
        level1 = LEVEL1_OF.get(level2, "")
    return level1, level2


def _indicator(cells: list[str], rest: list[str], p3: int | None) -> tuple[str, str]:
    """The 三级指标 and its value: in the 三级指标 column and the next filled one when the row is
    aligned with the header, else the first two cells after the level names (the source shifted them)."""
    aligned = (
        p3 is not None
        and p3 < len(cells)
        and bool(cells[p3])
        and not _level_name(cells[p3])
        and all(not c or _level_name(c) for c in cells[:p3])
    )
    if aligned and p3 is not None:
        after = [c for c in cells[p3 + 1 :] if c]
        return cells[p3], after[0] if after else ""
    return rest[0] if rest else "", rest[1] if len(rest) > 1 else ""


def _lay_out(width: int, at: _Positions, levels: tuple[str, str], text3: str, value: str) -> list[CellValue]:
    """The row's cells: the levels and the indicator in their columns, the value in the last one."""
    values = [""] * width
    for pos, v in zip(at, (*levels, text3), strict=True):
        if pos is not None:
            values[pos] = v
    last = width - 1
    if last not in at:
        values[last] = value
    return [v or None for v in values]
