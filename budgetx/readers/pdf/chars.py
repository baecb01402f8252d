"""A page's characters: cleaned once, grouped into printed lines, joined into text.

Every function here works on plain lists of pdfplumber char dicts and touches
each char a bounded number of times (sorting aside), so a page costs
O(n log n) in its characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from budgetx import patterns

Char = dict[str, Any]

_CJK = patterns.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’（）【】《》]")

_X0 = itemgetter("x0")
_X1 = itemgetter("x1")
_TOP = itemgetter("top")
_BOTTOM = itemgetter("bottom")
_TOP_X0 = itemgetter("top", "x0")
_FIRST = itemgetter(0)


def prepare(chars: Iterable[Char]) -> list[Char]:
    """The page's visible characters, with fake-bold doubles removed.

    Fake-bold fonts print each glyph two to four times, offset by a fraction
    of a point; only the first copy is kept.  Whitespace glyphs are dropped
    (spacing is read from the geometry).
    """
    by_text: dict[str, list[Char]] = {}
    for c in chars:
        t = c.get("text") or ""
        if not t:
            continue
        if not t.strip():
            t = " "
        group = by_text.get(t)
        if group is None:
            by_text[t] = [c]
        else:
            group.append(c)
    kept: list[Char] = []
    for group in by_text.values():
        if len(group) == 1:
            kept.append(group[0])
            continue
        group.sort(key=_X0)
        # (x0, top) of the copies kept within reach, x0 ascending: those too far left are at the front.
        # Comparisons, not min(), max() or any(): these cost several times more, once a char.
        window: list[tuple[float, float]] = []
        for c in group:
            x0, top = c["x0"], c["top"]
            if window:
                width = c["x1"] - x0
                tol = 0.3 * width if width > 1.0 else 0.3  # 0.3 of the glyph, 0.3 to 1.6 pt
                if tol > 1.6:
                    tol = 1.6
                while window and x0 - window[0][0] > tol:
                    del window[0]
                for _, k_top in window:
                    if -1.0 < k_top - top < 1.0:
                        break  # a copy of a glyph kept
                else:
                    window.append((x0, top))
                    kept.append(c)
                continue
            window.append((x0, top))
            kept.append(c)
    kept.sort(key=_TOP_X0)
    return kept


def size_of(c: Char) -> float:
    """The char's glyph size: its font size or its height, at least 1 pt.

    Because it is at least 1, a distance within ``r`` is within ``r`` times
    any size: the loops below ask for sizes only past that (most glyphs of a
    line abut), which gives the same answers with far fewer calls.
    """
    size = float(c.get("size") or 0.0)
    height = float(c["bottom"] - c["top"])
    if height > size:
        size = height
    return size if size > 1.0 else 1.0


def group_lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Chars → printed lines, top to bottom; each line sorted left to right.

    A char belongs to a line when its vertical middle lies within the line's
    band (half a glyph up or down).  ``chars`` must be sorted by ``top``.
    """
    if len(chars) < 2:
        return [list(chars)] if chars else []
    lines: list[list[Char]] = []
    line: list[Char] = []
    band = 0.0  # the middle of the current line's band
    for mid, c in sorted([((c["top"] + c["bottom"]) / 2, c) for c in chars], key=_FIRST):
        d = abs(mid - band)
        if line and (d <= 0.45 or d <= 0.45 * size_of(c)):
            line.append(c)
            band += (mid - band) / len(line)
        else:
            line = [c]
            lines.append(line)
            band = mid
    for line in lines:
        line.sort(key=_X0)
    return lines


def line_text(line: Sequence[Char], space_ratio: float = 0.3, keep_edges: bool = False) -> str:
    """The text of one printed line; a space where the gap between glyphs is wide."""
    out: list[str] = []
    prev: Char | None = None
    prev_size = 0.0  # size_of(prev) when it was asked, else 0
    spaced = False  # the text so far ends with a space
    for c in line:
        t = c["text"]
        if not t.strip():
            if out and not spaced:
                out.append(" ")
                spaced = True
            continue
        size = 0.0
        if prev is not None and not spaced:
            gap = c["x0"] - prev["x1"]
            if gap > space_ratio:
                size = size_of(c)
                if not prev_size:
                    prev_size = size_of(prev)
                if gap > space_ratio * (size if size < prev_size else prev_size):
                    out.append(" ")
        out.append(t)
        spaced = False
        prev, prev_size = c, size
    return "".join(out) if keep_edges else "".join(out).strip()


def join_wrapped(parts: Sequence[str]) -> str:
    """Lines of one cell → one text: CJK runs joined directly, words by a space."""
    text = ""
    spaced = False
    for raw in parts:
        p = raw.strip()
        if not p:
            spaced = spaced or bool(raw)
            continue
        if (text and (spaced or raw[:1].isspace())) or (
            text and not (_CJK.match(text[-1]) or _CJK.match(p[0]) or text[-1] in "-/（(" or p[0] in "）)%")
        ):
            text += " "
        text += p
        spaced = raw[-1:].isspace()
    return text


def segments(line: Sequence[Char], gap_ratio: float = 1.5) -> list[list[Char]]:
    """Split a printed line where the gap between glyphs is wide (columns of an unruled table)."""
    out: list[list[Char]] = []
    for c in line:
        if out:
            prev = out[-1][-1]
            gap = c["x0"] - prev["x1"]
            if gap <= gap_ratio or gap <= gap_ratio * min(size_of(c), size_of(prev)):
                out[-1].append(c)
                continue
        out.append([c])
    return out


def bbox_of(chars: Sequence[Char]) -> tuple[float, float, float, float]:
    return (
        min(map(_X0, chars)),
        min(map(_TOP, chars)),
        max(map(_X1, chars)),
        max(map(_BOTTOM, chars)),
    )
