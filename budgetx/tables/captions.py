"""What is printed above a table: its label (表N), title, unit and 编制部门 line,
and the notes printed below it."""

from __future__ import annotations

import re

from budgetx.normalize.names import compact

_NUM = r"(?:[0-9０-９]+|[一二三四五六七八九十]+)"
LABEL = re.compile(
    rf"^(?:附)?表\s*{_NUM}(?:[-－—]\s*{_NUM})?$|^(?:部门)?公开\s*{_NUM}\s*表$|^{_NUM}\s*表$|^公开表\s*{_NUM}$"
)
_LABEL_PREFIX = re.compile(rf"^((?:附)?表\s*{_NUM}(?:[-－—]{_NUM})?|公开\s*{_NUM}\s*表|公开表\s*{_NUM})[\s:：、.．]*")
_LABEL_SUFFIX = re.compile(rf"[\s(（]*((?:附)?表\s*{_NUM}|公开\s*{_NUM}\s*表|公开表\s*{_NUM})[)）]?$")
#: an ordinal printed before a title ("一、收支预算总表", "（一）", "1.")
_ORDINAL = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}\s*[、.．](?!\d))\s*"
)
UNIT = re.compile(r"(?:金额)?单位\s*[：:]\s*(万元|千元|亿元|元)")
_UNIT_ALONE = re.compile(r"^[（(]?(?:金额)?单位\s*[：:]\s*(万元|千元|亿元|元)[)）]?$")
_TITLE_END = re.compile(r"(表|明细表|情况表|申报表|目标表)\s*(（[^）]{1,12}）|\([^)]{1,12}\))?$")
NOTE = re.compile(
    r"^[（(]?\s*(注|备注|说明)\s*\d*\s*[：:]|本表无数据|此表无数据|无.*(收支|支出|收入|数据)[，,。].*故|故此表"
    r"|^(此|本)表为空|^[（(]无.{0,12}(收支|支出|收入|数据)[）)]$"
)
_SENTENCE = re.compile(r"[。；;！？]|\.{4,}|…{2,}|·{4,}")


def label_of(text: str) -> str | None:
    """The printed label when the whole line is one ("表 3" → "表3")."""
    t = compact(text)
    if LABEL.match(t):
        return t
    return None


def unit_of(text: str) -> str | None:
    m = UNIT.search(compact(text))
    return m.group(1) if m else None


def is_unit_line(text: str) -> bool:
    """A line that carries the unit and perhaps the 编制部门/日期, nothing else of a table."""
    t = compact(text)
    if _UNIT_ALONE.match(t):
        return True
    return bool(UNIT.search(t)) and len(t) <= 60 and ("编制" in t or "部门" in t or "单位：" in t or "单位:" in t)


def department_of_unit_line(text: str) -> str | None:
    m = re.search(
        r"(?:编制部门|编制单位|单位名称|部门名称|预算单位|^部门)\s*[：:]\s*(\S+?)(?=\s|单位[：:]|$)", text.strip()
    )
    return m.group(1) if m else None


def split_title(text: str) -> tuple[str | None, str] | None:
    """Split a title line into (label, title) when it is one.

    Accepts "表1 …收支总表", "…收支总表 表1", "公开01表 收支预算总表" and plain titles.
    Returns ``None`` for a line that is not a table title (narrative, a table
    of contents entry, a unit line).
    """
    t = text.strip()
    if not t or len(compact(t)) > 90 or _SENTENCE.search(t):
        return None
    label = None
    ordinal = _ORDINAL.match(t)
    if ordinal and ordinal.end() < len(t):
        t = t[ordinal.end() :].strip()
    m = _LABEL_PREFIX.match(t)
    if m and m.end() < len(t):
        label = compact(m.group(1))
        t = t[m.end() :].strip()
        if label.endswith("一") and t.startswith("般"):
            # "表八一般公共预算…": the numeral ends before 一般
            label, t = label[:-1], "一" + t
    else:
        m = _LABEL_SUFFIX.search(t)
        if m and m.start() > 0:
            label = compact(m.group(1))
            t = t[: m.start()].strip()
    if UNIT.search(compact(t)):
        return None
    c = compact(t)
    if not _TITLE_END.search(c) or len(c) < 4:
        return None
    if re.search(r"\d+$", c):
        # a table of contents entry ("一、收支总表……5")
        return None
    if c.startswith(("见", "详见", "参见")):
        return None
    return label, re.sub(r"\s+", " ", t)


def is_note(text: str) -> bool:
    return bool(NOTE.search(compact(text)))


def heading_of(text: str) -> str | None:
    """The words of a numbered heading ("二、部门决算单位构成" → "部门决算单位构成"), else ``None``."""
    t = text.strip()
    m = _ORDINAL.match(t)
    if not m or _SENTENCE.search(t):
        return None
    rest = t[m.end() :].strip()
    if not 2 <= len(compact(rest)) <= 30 or re.search(r"\d+$", compact(rest)):
        return None
    return re.sub(r"\s+", " ", rest)


def continues_title(first: str, second: str) -> bool:
    """True when ``second`` finishes a title that wrapped after ``first``
    ("…会议费、培训费支出预" / "算表"): neither line alone is a caption, together they are a title.

    Whether the two lines are next to each other is the reader's to tell.
    """
    return (
        len(second) <= 12
        and split_title(first) is None
        and not is_unit_line(second)
        and not label_of(second)
        and split_title(first + second) is not None
    )
