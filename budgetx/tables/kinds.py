"""A table's kind: a stable identifier of its family across regions and years.

The same table is worded differently by each region ("财政拨款收支总表",
"财政拨款收支预算总表", "财政拨款收入支出决算总表"); its kind is the same.
Kinds are matched on the title with spaces, quotes and the year removed, in
order: the first pattern that matches wins.  The kinds are the members of
:data:`budgetx.model.TableKind`, so that mypy checks every kind a module
names (``tests/test_table_kinds.py`` keeps the two lists alike).
"""

from __future__ import annotations

import re

from budgetx import patterns
from budgetx.model import TableKind
from budgetx.normalize.names import compact

#: (kind, pattern, description) in matching order; a title none matches is "other"
#: how a title ends after the table's subject: "…预算表", "…决算明细表", "…总体情况表", "…情况表"
_TAIL = r"(预算|决算)?(明细|情况|总体情况)?表"

#: (kind, pattern, description) in matching order; a title none matches is "other"
KINDS: list[tuple[TableKind, str, str]] = [
    ("performance_overall", r"部门整体(支出)?绩效目标", "部门整体绩效目标表"),
    ("performance_project", r"项目(支出)?(预算)?绩效目标|专项资金绩效目标|绩效目标申报表", "项目绩效目标表"),
    ("three_public", r"三公", "“三公”经费支出表"),
    ("procurement", r"政府采购", "政府采购预算表"),
    ("operating_costs", r"机关运行经费", "机关运行经费表"),
    ("state_capital", r"国有资本经营", "国有资本经营预算支出表"),
    ("government_fund", r"政府性基金", "政府性基金预算支出表"),
    ("fiscal_summary", r"财政拨款收(入)?支(出)?(预算|决算)?(总表|总体情况表)", "财政拨款收支总表"),
    (
        "general_basic_economic",
        r"一般公共预算(财政拨款)?基本支出|一般公共预算.*经济分类",
        "一般公共预算财政拨款基本支出表（经济分类）",
    ),
    ("fiscal_basic_economic", r"财政拨款基本支出|基本支出.*经济科目", "财政拨款基本支出表（经济分类）"),
    ("basic_economic", rf"基本支出{_TAIL}|基本支出.*经济分类", "基本支出表（经济分类）"),
    (
        "general_function",
        r"一般公共预算(财政拨款)?(支出|功能)",
        "一般公共预算财政拨款支出表（功能分类）",
    ),
    ("fiscal_function", r"财政拨款支出(预算|决算)?表", "财政拨款支出表（功能分类）"),
    ("summary", r"(部门|财务)?收(入)?支(出)?(预算|决算)?(总表|总体情况表)", "部门收支总表"),
    ("project_expenditure", rf"项目支出{_TAIL}|项目支出绩效表|项目支出", "项目支出表"),
    ("income", r"收入(预算|决算)?(总)?(体情况)?表", "部门收入总表"),
    ("expenditure", r"支出(预算|决算)?(总)?(体情况)?表", "部门支出总表"),
]


#: the kind of a small table printed inside the narrative without a title of its own (a 单位构成
#: list, a 绩效 summary): kept, but no table of the set (segmentation gives it, not a title)
NARRATIVE: TableKind = "narrative_table"

#: every kind a table may have, in the order of the JSON schema and README
ALL_KINDS: list[TableKind] = [kind for kind, _, _ in KINDS] + ["other", NARRATIVE]

_COMPILED: list[tuple[TableKind, re.Pattern[str]]] = [(kind, patterns.compile(pattern)) for kind, pattern, _ in KINDS]
_NOISE = patterns.compile(r"[\s“”\"'‘’「」『』]|\d{4}\s*年(度)?")


def normalise_title(title: str) -> str:
    """The title without spaces, quote marks and the year."""
    return _NOISE.sub("", compact(title))


def kind_of(title: str) -> TableKind:
    """The kind of a table titled ``title``: the first of :data:`KINDS` whose pattern it matches."""
    t = normalise_title(title)
    for kind, pattern in _COMPILED:
        if pattern.search(t):
            return kind
    return "other"


def is_form(kind: str) -> bool:
    return kind.startswith("performance_")
