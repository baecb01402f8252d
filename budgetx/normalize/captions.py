"""What is printed above a table: its label (表N), title, unit and 编制部门 line,
and the notes printed below it.

Every reader and the segmenter read captions with these patterns:

* a line is a label (``表3``, ``公开01表``), a unit line (``单位：万元``, with the
  编制部门 perhaps), a note (``注：``, ``本表无数据``) or a title: a line that
  ends as a table's name does (``…总表``, ``…情况表（续）``), may carry a label
  before or after it and an ordinal before it, and is no sentence, no table
  of contents entry and no reference to a table ("详见…表");
* a reader cutting a block of table lines stops at a *caption line*: a bare
  label, anything with ``单位：``, a note's opening or a page number
  (:func:`is_caption_line`) — a line that is never a table row;
* a title wrapped over two printed lines ("…培训费支出预" / "算表") is joined
  when neither line alone is a caption and together they are a title
  (:func:`continues_title`); whether two lines are next to each other is the
  reader's to tell (:func:`join_wrapped_titles` takes that test as a function).
"""

from __future__ import annotations

from collections.abc import Callable

from budgetx import patterns
from budgetx.model import Line
from budgetx.normalize.names import compact

_NUM = r"(?:[0-9０-９]+|[一二三四五六七八九十]+)"
#: the words of a label around its number: 表1, 公开表1, 预算表1, 附表1; 公开01表, 预算01表,
#: 单位预算01表, 部门公开01表; and the word order flipped, 单位预算表10
_WORDS = r"(?:部门|单位)?(?:预算|决算|公开)"
_LABEL_CORE = rf"(?:附)?(?:{_WORDS})?表\s*{_NUM}(?:[-－—]\s*{_NUM})?|{_WORDS}\s*{_NUM}\s*表"
LABEL = patterns.compile(rf"^(?:{_LABEL_CORE}|{_NUM}\s*表)$")
_LABEL_PREFIX = patterns.compile(rf"^({_LABEL_CORE})[\s:：、.．]*")
#: a label after the title, perhaps in brackets: "收支总表（预算表 1）" (tried where a run of
#: spaces and brackets starts, not again inside it)
_LABEL_SUFFIX = patterns.compile(rf"(?<![\s(（])[\s(（]*({_LABEL_CORE})[)）]?$")
#: an ordinal printed before a title ("一、收支预算总表", "（一）", "1.")
_ORDINAL = patterns.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}\s*[、.．](?!\d))\s*"
)
#: "单位：" or "金额单位：", what opens a unit
_UNIT_MARK = r"(?:金额)?单位\s*[：:]"
UNIT = patterns.compile(rf"{_UNIT_MARK}\s*(万元|千元|亿元|元)")
_UNIT_ALONE = patterns.compile(rf"^[（(]?{_UNIT_MARK}\s*(万元|千元|亿元|元)[)）]?$")
_TITLE_END = patterns.compile(r"(表|明细表|情况表|申报表|目标表)\s*(（[^）]{1,12}）|\([^)]{1,12}\))?$")
#: "注：", "备注1：", "（说明：", what opens a note
_NOTE_MARK = r"^[（(]?\s*(?:注|备注|说明)\s*\d*\s*[：:]"
#: ("无…收支，…故": read from the first 无 and the first 收支/支出/收入/数据 after it, once,
#: and not from each 无 and each word again, which takes time cubic in a long line)
NOTE = patterns.compile(
    rf"{_NOTE_MARK}|本表无数据|此表无数据|^[^无]*+无(?>.*?(?:收支|支出|收入|数据)[，,。]).*故|故此表"
    r"|^(此|本)表为空|^[（(]无.{0,12}(收支|支出|收入|数据)[）)]$"
)
_SENTENCE = patterns.compile(r"[。；;！？]|\.{4,}|…{2,}|·{4,}")
#: lines that are captions, never table rows: a bare label (表3, in any numerals),
#: anything with a unit mark, a note's opening, a page number ("12", "- 12 -", "第3页")
_CAPTION_LINE = patterns.compile(
    r"^(?:附)?表\s*[0-9０-９一二三四五六七八九十]+$"
    rf"|{_UNIT_MARK}"
    rf"|{_NOTE_MARK}"
    r"|^[-－—]?\s*\d{1,4}\s*[-－—]?$|^第\s*\d+\s*页"
)


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
    m = patterns.compile(
        r"(?:编制部门|编制单位|单位名称|部门名称|预算单位|^部门)\s*[：:]\s*(\S+?)(?=\s|单位[：:]|$)"
    ).search(text.strip())
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
    if patterns.compile(r"\d+$").search(c):
        # a table of contents entry ("一、收支总表……5")
        return None
    if c.startswith(("见", "详见", "参见")):
        return None
    return label, patterns.compile(r"\s+").sub(" ", t)


def is_note(text: str) -> bool:
    return bool(NOTE.search(compact(text)))


def is_caption_line(text: str) -> bool:
    """A label (表3), unit, note or page-number line: a caption, never a table row."""
    return bool(_CAPTION_LINE.search(compact(text)))


def ends_as_title(text: str) -> bool:
    """True when the text ends as a table's name does ("…总表", "…情况表（续）")."""
    return bool(_TITLE_END.search(compact(text)))


def heading_of(text: str) -> str | None:
    """The words of a numbered heading ("二、部门决算单位构成" → "部门决算单位构成"), else ``None``."""
    t = text.strip()
    m = _ORDINAL.match(t)
    if not m or _SENTENCE.search(t):
        return None
    rest = t[m.end() :].strip()
    if not 2 <= len(compact(rest)) <= 30 or patterns.compile(r"\d+$").search(compact(rest)):
        return None
    return patterns.compile(r"\s+").sub(" ", rest)


#: the year printed in brackets under a title ("(2026年度)"): no part of the title
_YEAR_NOTE = patterns.compile(r"^[（(]\d{4}年度?[)）]$")


def continues_title(first: str, second: str) -> bool:
    """True when ``second`` finishes a title that wrapped after ``first``
    ("…会议费、培训费支出预" / "算表"): neither line alone is a caption, together they are a title.

    Whether the two lines are next to each other is the reader's to tell.
    """
    return (
        len(second) <= 12
        and not _YEAR_NOTE.match(compact(first))
        and split_title(first) is None
        and not is_unit_line(second)
        and not label_of(second)
        and split_title(first + second) is not None
    )


def join_wrapped_titles(lines: list[Line], adjacent: Callable[[Line, Line], bool]) -> list[Line]:
    """The lines with each title wrapped over two printed lines joined into one
    ("…会议费、培训费支出预" / "算表").

    ``adjacent(upper, lower)`` tells whether two text lines are printed one right
    under the other (the reader knows: by line number, by position on the page).
    The joined line keeps the upper line's page and number; its box, when the
    lines have boxes, covers both.
    """
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.text is not None
            and ln.text is not None
            and adjacent(prev, ln)
            and continues_title(prev.text, ln.text)
        ):
            b, c = prev.bbox, ln.bbox
            out[-1] = Line(
                page=prev.page,
                lineno=prev.lineno,
                text=prev.text + ln.text,
                bbox=None if b is None or c is None else (min(b[0], c[0]), b[1], max(b[2], c[2]), c[3]),
            )
            continue
        out.append(ln)
    return out
