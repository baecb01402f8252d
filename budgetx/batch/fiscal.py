"""What the dataset adds to a document: its region, and the Fiscal Data Package
attributes of its amounts (phase, direction)."""

from __future__ import annotations

import re
from pathlib import PurePath

from budgetx import patterns

#: the province-level divisions, as printed at the start of a department's name
PROVINCES = (
    *("北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省"),
    *("安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省"),
    *("云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区"),
    *("宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区"),
)

_PROVINCE = patterns.compile("(" + "|".join(PROVINCES) + ")")
#: a prefecture, district or county right after the province: 普陀区, 潼南区, 南京市, 昆山市 …
_LOCAL = patterns.compile(r"([\u4e00-\u9fff]{1,7}?(?:自治州|自治县|地区|市|区|县|州|盟|旗))")
#: words that end in 市/区/县 but are no place
_NOT_PLACES = ("城市", "超市", "都市", "社区", "园区", "景区", "街区", "市场", "区域")

PHASES = {"预算": "approved", "决算": "executed"}

#: table kinds whose amounts are all revenue
_REVENUE_KINDS = frozenset({"income"})
#: two-block tables: 收入 on the left (block 0), 支出 on the right
_TWO_BLOCK_KINDS = frozenset({"summary", "fiscal_summary"})


def region(department: str | None, path: str | None = None) -> str | None:
    """The region a department belongs to, where its name (or the file's) says it.

    "上海市普陀区财政局" → "上海市普陀区"; "江苏省人民检察院" → "江苏省";
    "中共江苏省委办公厅" → "江苏省"; nothing recognisable → ``None``.
    """
    for text in (department, PurePath(path).stem if path else None):
        if not text:
            continue
        text = re.sub(r"\s+", "", text)
        m = _PROVINCE.search(text)
        if not m or m.start() > 4:  # "中共江苏省委…" starts 2 characters in
            continue
        rest = text[m.end() :]
        local = _LOCAL.match(rest)
        if local and not any(w in local.group(1) for w in _NOT_PLACES) and not rest.startswith(("委", "人民")):
            return m.group(1) + local.group(1)
        return m.group(1)
    return None


def phase(stage: str | None) -> str | None:
    """Fiscal Data Package phase: 预算 → approved, 决算 → executed."""
    return PHASES.get(stage or "")


def direction(kind: str, block: int) -> str | None:
    """expenditure or revenue for an amount of a table of ``kind`` in ``block``.

    Income tables are revenue; the 收支总表 (two blocks) are revenue on the
    left and expenditure on the right; performance forms are neither;
    every other table is expenditure.
    """
    if kind.startswith("performance_"):
        return None
    if kind in _REVENUE_KINDS:
        return "revenue"
    if kind in _TWO_BLOCK_KINDS:
        return "revenue" if block == 0 else "expenditure"
    return "expenditure"
