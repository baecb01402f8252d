"""Printed names: spacing, wrapped cells, fake-bold doubling."""

from __future__ import annotations

from budgetx import patterns

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’"
_SPACE_BETWEEN_CJK = patterns.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+(?=[{_CJK}])")
_SPACES = patterns.compile(r"[ \t\u00a0\u3000]+")


def clean_text(text: str | None) -> str:
    """Collapse whitespace, and remove the spaces a wrapped or letter-spaced
    Chinese cell leaves between characters ("因 公 出 国" → "因公出国")."""
    if not text:
        return ""
    t = text.replace("\r", "").replace("\n", " ")
    t = _SPACES.sub(" ", t).strip()
    return _SPACE_BETWEEN_CJK.sub("", t)


def compact(text: str | None) -> str:
    """The text with every space removed, for comparing labels (what ``\\s`` matches is what
    :meth:`str.split` splits on: the same whitespace, six times faster)."""
    return "".join(text.split()) if text else ""


def item_name(text: str | None) -> str:
    """A row's item name: cleaned, with a trailing colon dropped ("总计：" → "总计")."""
    return clean_text(text).rstrip("：:").strip()


#: an item whose ordinal lost its "、" to the end of the cell, as some fonts' text layers order it
#: ("一一般公共预算资金、" for "一、一般公共预算资金")
_ORDINAL_MOVED = patterns.compile(
    r"^(十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?|[一二三四五六七八九])(?![、.．])([^、]{2,})、$"
)


def restore_ordinal(text: str) -> str:
    """A table cell's ordinal with its "、" back in place; other text as it is."""
    m = _ORDINAL_MOVED.match(text)
    return f"{m.group(1)}、{m.group(2)}" if m else text
