"""The document's department, year and stage (预算/决算), from its cover and titles."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

from budgetx.model import DocumentInfo, Line, Table
from budgetx.normalize.captions import department_of_unit_line
from budgetx.normalize.names import clean_text, compact

_YEAR = re.compile(r"(20\d\d)\s*年")
_YEAR_SHORT = re.compile(r"(?<!\d)(\d\d)\s*年(?:度)?(?:部门|单位)?(?:预算|决算)")
#: where the table's own name starts inside a title that begins with the department
_TABLE_WORDS = re.compile(
    r"(20\d\d\s*年(度)?)?(部门|单位)?(财政拨款|一般公共预算|政府性基金|国有资本|收支|收入|支出|财务收支|基本支出|"
    r"[“\"]?三公|项目支出|政府采购|机关运行|部门收支|部门收入|部门支出|部门整体|区级预算|市级预算|省级预算)"
)
_ORG = re.compile(r"(局|厅|委员会|办公室|办公厅|院|处|中心|部|会|站|所|街道办事处|政府|委|署|馆|队|社|团)$")


def describe(path: str, tables: list[Table], narrative: list[Line]) -> DocumentInfo:
    info = DocumentInfo()
    first_text = [clean_text(ln.text) for ln in narrative[:40] if ln.text]
    unit_lines = [clean_text(ln.text) for ln in narrative if ln.text and "部门" in ln.text and "单位" in ln.text]
    titles = [t.title for t in tables if t.title]
    info.year = _year(first_text, titles, path)
    info.stage = _stage(first_text, titles, path)
    info.department = _department(first_text + unit_lines, titles, path)
    if info.department and info.year and info.stage:
        info.title = f"{info.department}{info.year}年部门{info.stage}"
    return info


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
        c = re.sub(r"(20)?\d\d年?(度)?$", "", c)
        if 4 <= len(c) <= 40 and _ORG.search(c):
            return c
    return None


def _strip_year(text: str) -> str:
    return re.sub(r"(20\d\d|\d\d)年(度)?$", "", text)
