"""The ruling lines of a page image, found by morphology, as the PDF reader's line objects.

Ink is separated from the paper (adaptive threshold); an opening with a long
thin horizontal (vertical) element keeps only runs of ink far longer than any
glyph: the rules.  Each connected run is one rule.  The image given to the
text model keeps its rules: wiping them took strokes of bold glyphs with them,
and the model reads text between rules as well without.
"""

from __future__ import annotations

from typing import Any

#: a rule is at least this share of the page's width (horizontal) or height (vertical): longer than
#: a word of large bold type, whose strokes may run together
_MIN_SHARE = 1 / 25


def find(image: Any) -> list[tuple[float, float, float, float]]:
    """The rules of ``image`` as (x0, top, x1, bottom) in pixels.

    Horizontal rules are long runs of ink; so are the vertical rules of a table's body.  A vertical
    rule of a header cell may be shorter than a word of large type: a short upright run counts only
    when it joins two horizontal rules, from one to the next, as a cell's side does — its ink running
    on into both (:func:`_joins`), not stopping a few pixels short of them as the upright strokes of a
    character (本, 计, a wrapped header's stacked characters) do in a tight row.
    """
    import cv2

    h, w = image.shape[:2]
    ink = cv2.adaptiveThreshold(image, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    horizontal = [
        (x0, (top + bottom) / 2, x1, (top + bottom) / 2)
        for x0, top, x1, bottom in _boxes(_runs(ink, (max(int(w * _MIN_SHARE), 20), 1)), True)
    ]
    vertical = [
        ((x0 + x1) / 2, top, (x0 + x1) / 2, bottom)
        for x0, top, x1, bottom in _boxes(_runs(ink, (1, max(int(h * _MIN_SHARE), 20))), False)
    ]
    for x0, top, x1, bottom in _boxes(_runs(ink, (1, _SHORT)), False):
        x = (x0 + x1) / 2
        if any(abs(x - vx) < 6 and vtop - 8 <= top and bottom <= vbottom + 8 for vx, vtop, _, vbottom in vertical):
            continue  # a part of a long rule
        upper = _on_rule(x, top, horizontal)
        lower = _on_rule(x, bottom, horizontal)
        if upper is not None and lower is not None and _joins(ink, x, top, upper) and _joins(ink, x, bottom, lower):
            vertical.append((x, top, x, bottom))
    return horizontal + vertical + _lost_sides(horizontal, vertical, w)


#: the shortest run of ink taken for a header cell's side (pixels), when it joins two horizontal rules
_SHORT = 15


def _runs(ink: Any, kernel: tuple[int, int]) -> Any:
    """The runs of ink at least ``kernel`` long, joined over the small gaps a scan's noise leaves."""
    import cv2

    runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    join = (9, 3) if kernel[0] > kernel[1] else (3, 9)
    return cv2.dilate(runs, cv2.getStructuringElement(cv2.MORPH_RECT, join))


def _boxes(mask: Any, horizontal: bool) -> list[tuple[float, float, float, float]]:
    """Each connected run of ``mask`` much longer than thick, as its (x0, top, x1, bottom) less the joining."""
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for k in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[k][:4])
        if horizontal and bw >= 4 * bh:
            out.append((float(x + 4), float(y), float(x + bw - 4), float(y + bh)))
        elif not horizontal and bh >= 4 * bw:
            out.append((float(x), float(y + 4), float(x + bw), float(y + bh - 4)))
    return out


def _on_rule(x: float, y: float, rules: list[tuple[float, float, float, float]]) -> float | None:
    """The height of the horizontal rule passing within a few pixels of (x, y), if one does."""
    return next((ry for rx0, ry, rx1, _ in rules if abs(ry - y) <= 8 and rx0 - 4 <= x <= rx1 + 4), None)


#: the most pixel rows left blank between an upright run's end and a rule it joins (the run's box
#: may overrun its ink by a pixel, a scan's noise blank a pixel of a printed line); a character's
#: stroke in a tight row stops short of the rules by more
_GAP = 2


def _joins(ink: Any, x: float, end: float, rule: float) -> bool:
    """The ink at ``x`` (give or take a pixel) runs on, but for a pixel or two, from ``end`` to the rule at height ``rule``."""
    h, w = ink.shape[:2]
    a, b = sorted((round(end), round(rule)))
    a, b = max(a, 0), min(b, h - 1)
    c = round(x)
    column = ink[a : b + 1, max(c - 1, 0) : min(c + 2, w)].max(axis=1)
    return int((column == 0).sum()) <= _GAP


#: the fewest horizontal rules that run on together past a table's outermost upright rule for the
#: table to be closed where they end
_SIDE_RULES = 3


def _lost_sides(
    horizontal: list[tuple[float, float, float, float]], vertical: list[tuple[float, float, float, float]], width: int
) -> list[tuple[float, float, float, float]]:
    """The outer sides of a ruled table that the image does not show (printed at the very edge of the
    page, or cut off by the scan): where a table's horizontal rules, crossing two upright rules or
    more, run on together past the outermost one by more than a cell's margin, its side is where they
    end (the innermost of their ends), from the first of them to the last."""
    margin = max(width / 80, 8.0)
    crossing: list[tuple[tuple[float, float, float, float], list[float]]] = []
    for rule in horizontal:
        x0, y, x1, _ = rule
        xs = [vx for vx, vtop, _, vbottom in vertical if x0 - 4 <= vx <= x1 + 4 and vtop - 8 <= y <= vbottom + 8]
        if len(xs) >= 2:
            crossing.append((rule, xs))
    out = []
    for left in (True, False):
        past = [rule for rule, xs in crossing if (rule[0] < min(xs) - margin if left else rule[2] > max(xs) + margin)]
        if len(past) < _SIDE_RULES:
            continue
        x = max(r[0] for r in past) if left else min(r[2] for r in past)
        top, bottom = min(r[1] for r in past), max(r[1] for r in past)
        if any(abs(vx - x) < margin and vtop <= top + 8 and bottom - 8 <= vbottom for vx, vtop, _, vbottom in vertical):
            continue
        out.append((x, top, x, bottom))
    return out
