"""Subject codes (政府收支分类科目): recognising, joining and levelling them.

A code's level and parent follow from its digits alone (3 a 类, 5 a 款 under
its first 3, 7 a 项 under its first 5): this module is the one place that
says so; the catalogue and the rows' annotation
(:mod:`budgetx.normalize.annotate`) ask it.
"""

from __future__ import annotations

from budgetx import patterns

_JOINED = patterns.compile(r"^[1-9]\d{2}(?:\d{2}){0,2}$")
_PART = patterns.compile(r"\d{2,7}")
#: a code leading its name: "2010101 行政运行", "201一般公共服务支出", "[201]一般公共服务支出",
#: "【30101】基本工资", "201-一般公共服务支出", "30101-基本工资"
_LEADING = patterns.compile(
    r"^\s*(?:[\[【(（]([1-9]\d{2}(?:\d{2}){0,2})[\]】)）]\s*|([1-9]\d{2}(?:\d{2}){0,2})(?:\s*[-－—]\s*|\s+|(?=[^\d\s.,])))"
    r"(?=[^\d\s.,%％])(.*)$"
)
#: a 款 or 项 printed alone, its parents left to the rows above ("05" under "201")
_SEGMENT = patterns.compile(r"^\d{2}$")

#: digits of a code → its level (类 1, 款 2, 项 3)
_LEVELS = {3: 1, 5: 2, 7: 3}


def clean_code(text: str) -> str:
    return patterns.compile(r"[\s\u00a0]").sub("", text or "")


def is_code(text: str) -> bool:
    """True for a joined subject code: 3, 5 or 7 digits, not starting with 0."""
    return bool(_JOINED.match(clean_code(text)))


def is_code_part(text: str) -> bool:
    """True for the digits of a code or of a part of one printed over 类 | 款 | 项
    columns ("208", "05", "2080505"): two to seven digits as printed, no spaces."""
    return bool(_PART.fullmatch(text))


def level(code: str) -> int | None:
    """1 for a 类, 2 for a 款, 3 for a 项; ``None`` for digits of another length."""
    return _LEVELS.get(len(code))


def parent(code: str) -> str | None:
    """The code one level up (its prefix), ``None`` for a 类."""
    n = len(code)
    if n in (5, 7):
        return code[: n - 2]
    return None


def join_split(parts: list[str]) -> str | None:
    """Join a code printed over 类 | 款 | 项 columns ("208", "05", "05").

    Returns ``None`` when the parts do not form a code.  A part may also carry
    the full prefix already ("208", "20805", "2080505"), as some templates print.
    """
    parts = [clean_code(p) for p in parts]
    parts = [p for p in parts if p]
    if not parts:
        return None
    if not patterns.compile(r"[1-9]\d{2}").fullmatch(parts[0]) and is_code(parts[-1]):
        return parts[-1]  # only the full code in the last column
    code = parts[0]
    for p in parts[1:]:
        if patterns.compile(r"\d{2}").fullmatch(p):
            code += p
        elif is_code(p) and p.startswith(code):
            code = p
        else:
            return None
    return code if is_code(code) else None


def split_leading(text: str) -> tuple[str, str] | None:
    """Split "2080505 机关事业单位基本养老" (or "[201]…", "201-…") into code and name, if it starts with a code."""
    m = _LEADING.match(text or "")
    if not m:
        return None
    return m.group(1) or m.group(2), m.group(3).strip()


def is_segment(text: str) -> bool:
    """True for the two digits of a 款 or 项 printed without its parents ("05")."""
    return bool(_SEGMENT.match(clean_code(text)))
