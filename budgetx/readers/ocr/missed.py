"""Text the detection model passed over: a lone character or figure in a cell of its own.

The text model finds text boxes first, then reads them; a single short character far from any
other text (a ``0`` in a cell, the ``项`` of a header printed ``项    目``) is now and then not
found at all, and its cell reads as empty.  The ink left on the page once the rules and the text
boxes found are wiped is gathered into blobs the size of a character or a few; each blob of the
height of the page's text, clear of every box found, is read by the recognition model alone,
and kept when it reads as text with confidence.
"""

from __future__ import annotations

import statistics
from typing import Any

from budgetx.normalize.amounts import is_amount, is_nothing
from budgetx.readers.ocr import engine

#: the least confidence of a blob's reading for it to be kept
_CONFIDENT = 0.8
#: the width (pixels) of a rule wiped from the ink
_RULE_WIDTH = 7
#: the margin (pixels) around a text box found within which ink is taken for its own
_PAD = 3


def find(image: Any, words: list[engine.Word], rules: list[tuple[float, float, float, float]]) -> list[engine.Word]:
    """``words``, the text boxes found on ``image`` (greyscale, straightened), with the text they missed:
    read on its own, or with the box beside it on its line whose text it is part of."""
    import cv2
    import numpy as np

    heights = [w.box[3] - w.box[1] for w in words if w.text.strip()]
    if len(heights) < 3:
        return list(words)
    line = statistics.median(heights)
    h, w = image.shape[:2]
    ink = cv2.adaptiveThreshold(image, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    clean = image.copy()
    for x0, top, x1, bottom in rules:
        p, q = (round(x0), round(top)), (round(x1), round(bottom))
        cv2.line(ink, p, q, 0, _RULE_WIDTH)
        cv2.line(clean, p, q, 255, _RULE_WIDTH)
    pad = _PAD
    for word in words:
        x0, top, x1, bottom = (round(v) for v in word.box)
        ink[max(top - pad, 0) : bottom + pad + 1, max(x0 - pad, 0) : x1 + pad + 1] = 0
    # a character's strokes, and the characters of a short word, joined into one blob
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, round(line / 3)), 3)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    boxes = []
    for k in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[k][:4])
        if not 0.5 * line <= bh <= 1.5 * line or bw < 0.2 * line or bw > 12 * line:
            continue
        ys, xs = np.nonzero((labels[y : y + bh, x : x + bw] == k) & (ink[y : y + bh, x : x + bw] > 0))
        if len(xs) < 0.02 * line * line:
            continue  # specks
        # the blob's own ink, without what joining its strokes added around it
        box = (float(x + xs.min()), float(y + ys.min()), float(x + xs.max() + 1), float(y + ys.max() + 1))
        if any(_near(box, word.box, pad) for word in words):
            continue
        boxes.append(box)
    if not boxes:
        return list(words)
    # a blob beside a box found on its line, with no rule between them, is the part of its text the box
    # left out (``211.`` of ``211.00`` printed with a wide gap after the point): the two are read as one
    verticals = [r for r in rules if r[0] == r[2]]
    partners = [_partner(box, words, line, verticals) for box in boxes]
    spans = [box if k is None else _union(box, words[k].box) for box, k in zip(boxes, partners, strict=True)]
    margin = round(line / 4)
    crops = [
        clean[
            max(round(t) - margin, 0) : min(round(b) + margin, h),
            max(round(x0) - margin, 0) : min(round(x1) + margin, w),
        ]
        for x0, t, x1, b in spans
    ]
    out = list(words)
    for box, partner, (text, score, alternative) in zip(spans, partners, engine.read_crops(crops), strict=True):
        text = text.strip()
        if score < _CONFIDENT:
            continue
        if not _plausible(text) and alternative is not None and _plausible(alternative):
            text, alternative = alternative, text  # a lone 0 read as the letter O
        if not _plausible(text):
            continue
        word = engine.Word(text, box, score, tuple(engine.spread(text, box, score)), alternative)
        if partner is None:
            out.append(word)
        elif out[partner] is words[partner]:
            out[partner] = word
    return out


def _partner(
    box: tuple[float, float, float, float],
    words: list[engine.Word],
    line: float,
    verticals: list[tuple[float, float, float, float]],
) -> int | None:
    """The box found on the line of ``box``, less than a character's height from it and with no rule
    between them, if there is one."""
    best, gap = None, line
    for k, word in enumerate(words):
        x0, top, x1, bottom = word.box
        if min(bottom, box[3]) - max(top, box[1]) < 0.5 * min(bottom - top, box[3] - box[1]):
            continue
        a, b = (box[2], x0) if box[2] <= x0 else (x1, box[0])
        if b - a >= gap:
            continue
        if any(a - 1 <= vx <= b + 1 and vt <= box[3] and box[1] <= vb for vx, vt, _, vb in verticals):
            continue
        best, gap = k, b - a
    return best


def _union(
    p: tuple[float, float, float, float], q: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    return min(p[0], q[0]), min(p[1], q[1]), max(p[2], q[2]), max(p[3], q[3])


def _plausible(text: str) -> bool:
    """A blob read alone is kept as a figure, a dash or Chinese text: a Latin letter or a stroke read
    there is more likely a misreading (``O`` for a lone ``0``)."""
    text = text.strip()
    return bool(text) and (is_amount(text) or is_nothing(text) or all(ord(ch) > 0x2E80 for ch in text))


def _near(box: tuple[float, ...], other: tuple[float, ...], pad: float) -> bool:
    """``box`` overlaps ``other`` grown by ``pad`` on every side."""
    return not (
        box[2] < other[0] - pad or box[0] > other[2] + pad or box[3] < other[1] - pad or box[1] > other[3] + pad
    )
