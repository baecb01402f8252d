"""The role of each amount column in its table's sums, read from the header.

A flattened column name is a header *path* ("基本支出 / 小计").  Within one
block of a table:

1. A column whose path has a total segment (合计, 小计, 总计, 本年支出合计) at
   depth *k* totals its siblings at depth *k*: the columns with the same header
   above (``path[:k]``) and the same measure below (``path[k+1:]``, e.g.
   预算数 / 决算数).  A sibling that is a group stands in the sum by its own
   column, else by its 小计, else by its parts, recursively.  Each column taken
   so gets the role ``component`` and ``of`` = the total's index; the total
   gets ``total`` unless it is itself a component of a larger total.
2. A total named after the 三公 group ("“三公”经费合计") adds only the 三公
   items among its siblings (因公出国（境）, 公务用车, 公务接待); columns beside
   them (会议费, 培训费) are ``other``.
3. "其中：X" columns are parts of the column before them (``of_which``) — except
   when X completes a known partition with a plain sibling (其中：基本支出 beside
   项目支出 under one 小计), which makes it a ``component``.
4. Columns that never add up (行次, rates, shares, 增减, prior-year figures,
   扣除基建项目后…) are ``other``; so is any other column of a block that has
   totals but stands outside every one of them (机关运行经费 beside the 三公).
   A block's only amount column is its ``total``.

Where the header cannot be read as a sum (two totals side by side under one
header), the columns involved keep no role (``None``): rules that rely on
roles report that they could not check, rather than guessing.
"""

from __future__ import annotations

from collections.abc import Sequence

from budgetx import patterns
from budgetx.model import Column
from budgetx.normalize.names import compact

#: a column segment that is the total of its siblings
TOTAL_SEGMENT = patterns.compile(r"^(?:本年)?(?:收入|支出)?(?:合计|小计|总计)(?:数)?$")
#: columns whose figures do not add up: row numbers, rates, shares
NOT_ADDITIVE = patterns.compile(r"行次|栏次|序号|%|％|率|比例|占比|比重")
#: a component that is already inside another one ("其中：…")
PART_OF = patterns.compile(r"^(?:其中|含)")
#: columns outside every sum: changes, a prior year's figures, a figure with a part taken out
_OUTSIDE = patterns.compile(r"增减|增长|变动|比上年|上年(?:预算|执行|决算)|扣除")
#: a total named after the 三公 group, and the items that belong to it
_THREE_TOTAL = patterns.compile(r"^[“\"]?三公[”\"]?经费(?:预算|决算)?(?:合计|小计|总计)(?:数)?$")
_THREE_ITEM = patterns.compile(r"因公出国|公务用车|公务接待")
#: pairs that together make up their total, so that "其中：" before one of them is no subset
_PARTITIONS = (("基本支出", "项目支出"), ("人员经费", "公用经费"), ("人员支出", "公用支出"))


def segments(name: str) -> list[str]:
    """The flattened column name as its header path, spaces removed."""
    return [compact(s) for s in name.split(" / ") if compact(s)]


def is_total_path(path: list[str]) -> bool:
    return any(TOTAL_SEGMENT.match(s) for s in path)


def assign_roles(columns: Sequence[Column]) -> None:
    """Fill ``role`` and ``of`` of every amount column of ``columns``, block by block."""
    for col in columns:
        col.role, col.of = None, None
    for block in sorted({c.block for c in columns}):
        cols = [j for j, c in enumerate(columns) if c.type == "amount" and c.block == block]
        _assign_block(columns, cols)


def _assign_block(columns: Sequence[Column], cols: list[int]) -> None:
    paths = {j: segments(columns[j].name) for j in cols}
    additive: dict[int, list[str]] = {}
    for j, path in paths.items():
        if NOT_ADDITIVE.search(columns[j].name) or any(_OUTSIDE.search(s) for s in path):
            columns[j].role = "other"
        else:
            additive[j] = path
    if len(cols) == 1 and cols[0] in additive:
        columns[cols[0]].role = "total"
        return
    unclear: set[int] = set()
    totals: list[int] = []
    for j, path in additive.items():
        k = _last_total(path)
        if k is None:
            continue
        if _THREE_TOTAL.match(path[k]):
            parts: list[int] | None = _three_public_parts(additive, path[:k], j)
        else:
            parts = _components(additive, path[:k], path[k + 1 :], exclude=j)
        if parts is None:
            unclear.add(j)
            continue
        if not parts:
            continue
        totals.append(j)
        for q in parts:
            columns[q].role, columns[q].of = "component", j
    for j in totals:
        if columns[j].role is None:
            columns[j].role = "total"
    _mark_parts_of(columns, additive)
    if totals:
        for j in additive:
            if columns[j].role is None and j not in unclear:
                columns[j].role = "other"


def _last_total(path: list[str]) -> int | None:
    for k in range(len(path) - 1, -1, -1):
        if TOTAL_SEGMENT.match(path[k]) or _THREE_TOTAL.match(path[k]):
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
    plain = {_bare(seg) for seg in groups if not PART_OF.match(seg)}
    parts: list[int] = []
    for seg, members in groups.items():
        if TOTAL_SEGMENT.match(seg):
            return None  # two totals side by side: not a sum we can read
        if PART_OF.match(seg) and not _completes_partition(_bare(seg), plain):
            continue
        resolved = _resolve(paths, [*prefix, seg], suffix, members)
        if resolved is None:
            return None
        parts.extend(resolved)
    return parts


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


def _three_public_parts(paths: dict[int, list[str]], prefix: list[str], exclude: int) -> list[int] | None:
    """The 三公 items beside a "“三公”经费合计" column: each by its own column or its 小计."""
    n = len(prefix)
    groups: dict[str, list[int]] = {}
    for q, path in paths.items():
        if q != exclude and len(path) > n and path[:n] == prefix and _THREE_ITEM.search(path[n]):
            groups.setdefault(path[n], []).append(q)
    parts: list[int] = []
    for seg, members in groups.items():
        resolved = _resolve(paths, [*prefix, seg], [], members)
        if resolved is None:
            return None
        parts.extend(resolved)
    return parts


def _bare(segment: str) -> str:
    return patterns.compile(r"^(?:其中|含)[：:]?").sub("", segment)


def _completes_partition(name: str, plain: set[str]) -> bool:
    for a, b in _PARTITIONS:
        if (a in name and any(b in p for p in plain)) or (b in name and any(a in p for p in plain)):
            return True
    return False


def _mark_parts_of(columns: Sequence[Column], paths: dict[int, list[str]]) -> None:
    """ "其中" columns left without a role are parts of the nearest column before them that is none."""
    for j, path in paths.items():
        if columns[j].role is not None or not any(PART_OF.match(s) for s in path):
            continue
        before = [q for q in paths if q < j and not any(PART_OF.match(s) for s in paths[q])]
        if before:
            columns[j].role, columns[j].of = "of_which", before[-1]


def components_of(columns: Sequence[Column], j: int) -> list[int]:
    """The columns that add up to column ``j``."""
    return [q for q, c in enumerate(columns) if c.role == "component" and c.of == j]


def measure_columns(columns: Sequence[Column], word: str, block: int = 0) -> list[int] | None:
    """The column(s) whose figure is the group ``word`` (基本支出, 项目支出) as a whole.

    The group's own column, else its total (基本支出 / 小计), else the
    components under it, whose sum it is.  ``None`` when the table has no such
    group, or its parts have no role that makes them add up.
    """
    paths = {
        j: segments(c.name)
        for j, c in enumerate(columns)
        if c.type == "amount" and c.block == block and c.role not in ("other", "of_which")
    }
    for j, path in paths.items():
        if path and word in path[-1] and not PART_OF.match(path[-1]):
            return [j]
    inside = {j: p for j, p in paths.items() if any(word in s and not PART_OF.match(s) for s in p)}
    for j, path in inside.items():
        if TOTAL_SEGMENT.match(path[-1]):
            return [j]
    parts = [j for j in inside if columns[j].role == "component"]
    return parts or None
