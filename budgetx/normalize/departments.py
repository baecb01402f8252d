"""A department's key: one name per department, whatever a year's title calls it.

A department prints its name differently from year to year and between its
部门 and its 单位 publications: "中共江苏省委办公厅" one year, "中国共产党江苏省
委员会办公厅" the next; "2026年度福州市财政局部门预算公开"; "苏州市自然资源和规
划局（本级）" beside "苏州市自然资源和规划局".  :func:`department_key` turns each
into one name, the department's full name, so that documents compare across
years and publications:

1. full-width forms become half-width (NFKC) and every space goes;
2. a year, stage words (部门预算, 单位决算, 公开, 表 …) and marks before or after
   the name go;
3. a qualifier naming the department's own unit ("（本级）", "机关本级") goes: a
   unit's publication of its department's own budget shares the department's key;
4. known abbreviations are written out, pattern-wise: 中共X委 → 中国共产党X委员会
   (and X省委 / X市委 / X区委 / X县委 without 中共), X政协 → 中国人民政治协商
   会议X委员会, X人大常委会 → X人民代表大会常务委员会, X政府 → X人民政府,
   检察院 → 人民检察院, and a few agency short forms (发改委, 卫健委 …).

The key is for grouping, not for display: the department's printed name stays in
``DocumentInfo.department``.
"""

from __future__ import annotations

import unicodedata

from budgetx import patterns

#: a year, before or after the name: 2026年度, 2026年, 26年, 2026
_YEAR = r"(?:(?:19|20)\d\d|\d\d)\s*年度?|(?:19|20)\d\d(?:年度?)?"
#: what a title adds after the name: 部门预算公开表, 单位决算, 预算公开, 预算表格 …
_STAGE = r"(?:部门|单位)?(?:预算|决算)(?:公开)?(?:说明|文件|表格?|情况)?|公开(?:说明|文件|表格?)?"
_TRAILING = patterns.compile(rf"(?:{_YEAR}|{_STAGE}|[^\w)]|_)+$")
_LEADING = patterns.compile(rf"^(?:{_YEAR}|[\W_\d])+")
#: the department's own unit, named beside the department's name
_OWN_UNIT = patterns.compile(r"\((?:机关)?(?:本级|本部|机关)\)$|机关本级$|本级$")

#: a place's party committee written short: 江苏省委, 普陀区委 (not 委员会, 纪委, 教委 …)
_PARTY_COMMITTEE = patterns.compile(r"^(.{2,}?[省市区县州盟旗])委(?!员会)")
#: agency short forms, written out (each only where it is not already the long form)
_AGENCIES: tuple[tuple[str, str], ...] = (
    ("发改委", "发展和改革委员会"),
    ("卫健委", "卫生健康委员会"),
    ("卫计委", "卫生和计划生育委员会"),
    ("经信委", "经济和信息化委员会"),
    ("住建委", "住房和城乡建设委员会"),
    ("住建局", "住房和城乡建设局"),
    ("教委", "教育委员会"),
    ("科委", "科学技术委员会"),
    ("民宗委", "民族宗教事务委员会"),
    ("国资委", "国有资产监督管理委员会"),
    ("人社局", "人力资源和社会保障局"),
    ("市监局", "市场监督管理局"),
    ("纪委", "纪律检查委员会"),
)


def department_key(name: str | None) -> str | None:
    """The department's key: its full name, the same in every year's title and in its 部门 and
    单位 publications; ``None`` for no name (or one that is only a year and stage words)."""
    if not name:
        return None
    text = patterns.compile(r"\s+").sub("", unicodedata.normalize("NFKC", name))
    text = text.replace("“", "").replace("”", "")
    for _ in range(3):  # a stage word, then a year before it, then a mark …
        stripped = _TRAILING.sub("", _OWN_UNIT.sub("", _TRAILING.sub("", _LEADING.sub("", text))))
        if stripped == text:
            break
        text = stripped
    if not text:
        return None
    return _expand(text)


def _expand(text: str) -> str:
    """``text`` with its known abbreviations written out."""
    party = text.startswith(("中共", "中国共产党"))
    if party:  # written out again below, after the committee's own name
        text = text[5:] if text.startswith("中国共产党") else text[2:]
    m = _PARTY_COMMITTEE.match(text)
    if m:  # 江苏省委办公厅: the party committee of 江苏省, with or without 中共
        text = f"{m.group(1)}委员会{text[m.end() :]}"
        party = True
    if party and not text.startswith("中国共产党"):
        text = "中国共产党" + text
    # 江苏省政协办公厅: the 中国人民政治协商会议 committee of 江苏省
    m = patterns.compile(r"^(.{2,}?[省市区县州盟旗])政协(?:委员会)?").match(text)
    if m:
        text = f"中国人民政治协商会议{m.group(1)}委员会{text[m.end() :]}"
    text = patterns.compile(r"人大常委会?").sub("人民代表大会常务委员会", text)
    text = patterns.compile(r"人大(?!学)").sub("人民代表大会", text)
    # the people's congress's office is its standing committee's (江苏省人大办公厅)
    text = patterns.compile(r"人民代表大会办公(厅|室)").sub(r"人民代表大会常务委员会办公\1", text)
    text = patterns.compile(r"(?<!人民)(检察院|法院)").sub(r"人民\1", text)
    text = patterns.compile(r"(?<=[省市区县州盟旗])政府").sub("人民政府", text)
    for short, full in _AGENCIES:
        text = text.replace(short, full)
    return text
