"""The document's department, year, stage (预算/决算) and publication (部门/单位), from its cover and titles.

The department is the name the document gives itself: the 编制部门 line of its
tables when printed, else the prefix its table titles share, else the cover's
name before "部门预算" / "单位预算" (its lines joined, as covers break the name
over lines).  A year printed before or after it ("2026年度无锡市…") and a
leading mark are not part of the name; a qualifier such as "（本级）" is.
The publication is 部门 when the document consolidates a department and its
units (部门预算), 单位 when it covers one unit (单位预算), as the cover or the
titles say.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath

from budgetx import patterns
from budgetx.model import DocumentInfo, Line, Table
from budgetx.normalize.captions import department_of_unit_line
from budgetx.normalize.departments import department_key
from budgetx.normalize.names import clean_text, compact

_YEAR = patterns.compile(r"(20\d\d)\s*年")
_YEAR_SHORT = patterns.compile(r"(?<!\d)(\d\d)\s*年(?:度)?(?:部门|单位)?(?:预算|决算)")
#: where the table's own name starts inside a title that begins with the department
_TABLE_WORDS = patterns.compile(
    r"(20\d\d\s*年(度)?)?(部门|单位)?(财政拨款|一般公共预算|政府性基金|国有资本|收支|收入|支出|财务收支|基本支出|"
    r"[“\"]?三公|项目支出|政府采购|机关运行|部门收支|部门收入|部门支出|部门整体|区级预算|市级预算|省级预算)"
)
_ORG = patterns.compile(
    r"(局|厅|委员会|办公室|办公厅|院|处|中心|部|会|站|所|街道办事处|政府|委|署|馆|队|社|团|校|学|园)(?:[（(][^）)]{1,6}[）)])?$"
)
_PUBLICATION = patterns.compile(r"(部门|单位)(?:\s*)(?:预算|决算)")
#: a year printed before or after the name, and marks that are no part of it
_LEADING = patterns.compile(r"^[\W\d_]*?(?:(?:20)?\d\d\s*年(?:度)?)?[\W_]*")
_TRAILING_YEAR = patterns.compile(r"(?:(?:20)?\d\d\s*年(?:度)?)$")


def describe(path: str, tables: list[Table], narrative: list[Line]) -> DocumentInfo:
    info = DocumentInfo()
    first_text = [clean_text(ln.text) for ln in narrative[:40] if ln.text]
    unit_lines = [clean_text(ln.text) for ln in narrative if ln.text and "部门" in ln.text and "单位" in ln.text]
    titles = [t.title for t in tables if t.title]
    info.year = _year(first_text, titles, path)
    info.stage = _stage(first_text, titles, path)
    info.department = _department(first_text + unit_lines, titles, path)
    info.department_key = department_key(info.department)
    info.publication = _publication(first_text + unit_lines, titles, path)
    if info.department and info.year and info.stage:
        info.title = f"{info.department}{info.year}年{info.publication or '部门'}{info.stage}"
    return info


def _publication(texts: list[str], titles: list[str], path: str) -> str | None:
    for source in (texts[:10], titles, [PurePath(path).name]):
        m = _PUBLICATION.search(compact("".join(source)))
        if m:
            return m.group(1)
    # titles that name their scope without the word 预算 ("部门收支总表", "预算单位收入总表")
    dept = sum("部门" in t for t in titles)
    unit = sum("单位" in t and "部门" not in t for t in titles)
    if dept != unit:
        return "部门" if dept > unit else "单位"
    # tables printed under "部门：…" / "编制部门：…"
    if any(patterns.compile(r"^(?:编制)?部门\s*[：:]").match(t) for t in texts):
        return "部门"
    return None


def _year(texts: list[str], titles: list[str], path: str) -> int | None:
    for source in (texts[:10], titles, [PurePath(path).name], texts):
        for t in source:
            m = _YEAR.search(t)
            if m:
                return int(m.group(1))
    m = _YEAR_SHORT.search(PurePath(path).name)
    return 2000 + int(m.group(1)) if m else None


def _stage(texts: list[str], titles: list[str], path: str) -> str | None:
    for source in (texts[:10], titles, [PurePath(path).name], texts):
        joined = "".join(source)
        if "决算" in joined:
            return "决算"
        if "预算" in joined:
            return "预算"
    return None


def _department(texts: list[str], titles: list[str], path: str) -> str | None:
    named = Counter(d for d in (department_of_unit_line(t) for t in texts) if d and len(d) >= 4)
    if named:
        return named.most_common(1)[0][0]
    prefixes: Counter[str] = Counter()
    for t in titles:
        c = compact(t)
        m = _TABLE_WORDS.search(c)
        if m and m.start() >= 2:
            prefix = c[: m.start()]
            if _ORG.search(_strip_year(prefix)) and len(_strip_year(prefix)) >= 4:
                prefixes[prefix] += 1
    if prefixes:
        best, count = prefixes.most_common(1)[0]
        if count >= 2 or len(titles) == 1:
            return _strip_year(best)
    joined = ["".join(texts[:3]), "".join(texts[:2])] if len(texts) >= 2 else []
    for t in [*joined, *texts[:10], PurePath(path).stem]:
        c = compact(t)
        for stop in ("部门预算", "部门决算", "单位预算", "单位决算", "预算", "决算"):
            if stop in c:
                c = c.split(stop)[0]
        c = _strip_year(c)
        if 4 <= len(c) <= 40 and _ORG.search(c):
            return c
    return None


def _strip_year(text: str) -> str:
    """The name without a year (or a leading mark) printed before or after it."""
    return _TRAILING_YEAR.sub("", _LEADING.sub("", text, count=1))
