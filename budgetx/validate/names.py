"""Printed names against the code catalogue.

A row whose printed name names a different item than its code's catalogue
name (for the document's year) is a warning (``name.mismatch``): either the
code or the name is wrong.  A shortened name ("机关事业单位基本养老" for
"机关事业单位基本养老保险缴费支出") is an info (``name.shortened``).

The catalogue (``budgetx.normalize.catalogue``) fills ``Row.standard_name``
and says how two names compare; without it, this rule reports nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from budgetx.model import Finding, Severity
from budgetx.validate.base import Context, Place, grids

MISMATCH = "name.mismatch"
SHORTENED = "name.shortened"


def _comparer() -> Callable[[str, str], str] | None:
    try:
        from budgetx.normalize.catalogue import compare_name
    except ImportError:
        return None
    return compare_name  # type: ignore[no-any-return]


def check(ctx: Context) -> Iterator[Finding]:
    compare = _comparer()
    if compare is None:
        return
    severity: Severity
    for table in grids(ctx.doc):
        for row in table.rows:
            if not row.code or not row.name or not row.standard_name:
                continue
            verdict = compare(row.name, row.standard_name)
            if verdict == "different":
                severity, rule = "warning", MISMATCH
                zh = f"印刷名称「{row.name}」与科目 {row.code} 的标准名称「{row.standard_name}」不是同一项目"
                en = f"the printed name {row.name!r} names another item than {row.code}'s standard name {row.standard_name!r}"
            elif verdict == "shortened":
                severity, rule = "info", SHORTENED
                zh = f"印刷名称「{row.name}」是科目 {row.code}「{row.standard_name}」的简称"
                en = f"the printed name {row.name!r} is a shortened form of {row.code}'s {row.standard_name!r}"
            else:
                continue
            place = Place(table, row, code=row.code, name=row.name)
            yield ctx.note(rule, severity, place, (f"{place.where}：{zh}", f"{place.where}: {en}"))
