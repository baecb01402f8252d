"""Choosing tables by number ("2", "表2", "公开05表"), index in the document ("#5", the summary's #),
kind or title words."""

from __future__ import annotations

import re

from budgetx.model import Table
from budgetx.normalize.names import compact
from budgetx.tables.kinds import normalise_title


def matches(table: Table, selector: str) -> bool:
    s = compact(selector)
    if not s:
        return False
    index = re.fullmatch(r"#(\d+)", s)
    if index:
        return table.index == int(index.group(1))
    if re.fullmatch(r"\d+", s):
        number = compact(table.number or "")
        digits = re.findall(r"\d+", number)
        return bool(digits) and int(digits[0]) == int(s)
    if table.number and compact(table.number) == s:
        return True
    if s == table.kind:
        return True
    title = normalise_title(table.title)
    return all(word in title for word in selector.split())


def select_tables(tables: list[Table], selectors: list[str]) -> list[Table]:
    """The tables any selector matches, in document order; all tables when none is given."""
    if not selectors:
        return list(tables)
    return [t for t in tables if any(matches(t, s) for s in selectors)]
