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
    """The rules of ``image`` as (x0, top, x1, bottom) in pixels."""
    import cv2

    h, w = image.shape[:2]
    ink = cv2.adaptiveThreshold(image, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    horizontal = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(int(w * _MIN_SHARE), 20), 1))
    )
    vertical = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(int(h * _MIN_SHARE), 20)))
    )
    # a rule broken by the scan's noise is joined over small gaps
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    found: list[tuple[float, float, float, float]] = []
    for mask, is_h in ((horizontal, True), (vertical, False)):
        n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for k in range(1, n):
            x, y, bw, bh = (int(v) for v in stats[k][:4])
            if is_h and bw >= 4 * bh:
                mid = y + bh / 2
                found.append((float(x + 4), mid, float(x + bw - 4), mid))
            elif not is_h and bh >= 4 * bw:
                mid = x + bw / 2
                found.append((mid, float(y + 4), mid, float(y + bh - 4)))
    return found
