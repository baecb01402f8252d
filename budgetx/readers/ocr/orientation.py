"""Pages scanned on their side or upside down, turned upright.

A landscape table is often printed across a portrait page and scanned as it
lies, and a sheet may go through the scanner the wrong way up: the text then
runs down the image, or upside down.  What the text model read from the page
as it is tells: on a page lying on its side most text boxes are taller than
wide; on a page upside down the model reads almost nothing with confidence.
Only then is the page read again turned a quarter, three quarters or half a
turn, and the reading whose boxes run across the page with the highest
confidence is kept — a page printed upright costs nothing more.

:func:`suspected` says which turns to try after a first reading,
:func:`score` compares the readings of one page turned different ways,
:func:`upright` says a reading needs no other turn tried, :func:`turn` turns an image.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

#: turns, in quarter turns counter-clockwise (``numpy.rot90``'s ``k``)
QUARTER, HALF, THREE_QUARTERS = 1, 2, 3

#: a box this many times taller than wide runs down the page
_TALL = 1.5
#: the mean confidence of an upright page's text boxes is above this (a page upside down reads its digits
#: with some 0.7, most of its Chinese not at all)
_CONFIDENT = 0.85
#: fewer boxes than this say nothing about the page's orientation
_ENOUGH = 4


class Reading(Protocol):
    """What the text model read in one box (:class:`budgetx.readers.ocr.engine.Word`)."""

    @property
    def text(self) -> str: ...

    @property
    def box(self) -> tuple[float, float, float, float]: ...

    @property
    def confidence(self) -> float: ...


def _tall(word: Reading) -> bool:
    x0, top, x1, bottom = word.box
    return len(word.text.strip()) >= 2 and (bottom - top) > _TALL * (x1 - x0)


def _wide(word: Reading) -> bool:
    x0, top, x1, bottom = word.box
    return len(word.text.strip()) >= 2 and (x1 - x0) > _TALL * (bottom - top)


def _mean(words: Sequence[Reading]) -> float:
    return sum(w.confidence for w in words) / len(words) if words else 0.0


def score(words: Sequence[Reading]) -> float:
    """How much of a page was read upright: the characters of its boxes that run across the page, each
    counted by its box's confidence (the readings of one page turned different ways compare by it)."""
    return sum(w.confidence * len(w.text.strip()) for w in words if not _tall(w))


def upright(words: Sequence[Reading]) -> bool:
    """The reading is of a page the right way up: its boxes run across the page, read with confidence."""
    across = [w for w in words if not _tall(w)]
    return len(across) >= 2 * (len(words) - len(across)) and _mean(across) >= _CONFIDENT


def suspected(words: Sequence[Reading]) -> list[int]:
    """The turns worth trying (quarter turns counter-clockwise, most likely first) after reading a page
    as it is; none for a page that reads upright, or with too little text to tell."""
    tall = [w for w in words if _tall(w)]
    wide = sum(1 for w in words if _wide(w))
    if len(tall) >= _ENOUGH and len(tall) > 2 * wide:
        # The model reads a tall box turned a quarter turn counter-clockwise: when it reads those boxes with
        # confidence, the page was turned clockwise and a quarter turn back counter-clockwise rights it.
        return [QUARTER, THREE_QUARTERS] if _mean(tall) >= _CONFIDENT else [THREE_QUARTERS, QUARTER]
    if len(words) >= _ENOUGH and _mean(words) < _CONFIDENT:
        return [HALF]
    return []


def turn(image: Any, quarters: int) -> Any:
    """The image turned ``quarters`` quarter turns counter-clockwise (a new, contiguous array)."""
    import numpy as np

    return np.ascontiguousarray(np.rot90(image, quarters))
