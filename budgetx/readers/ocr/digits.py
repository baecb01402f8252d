"""Amounts as the model reads them, put back as printed: the separators between their digits.

At 150–200 dpi the model now and then reads the comma between thousands as a point
(``3.868.38`` for 3,868.38) or, more rarely, the decimal point as a comma
(``1,043,86``).  A printed amount has one decimal point and groups of three digits
before it: where a box's text has digits grouped by threes and then two decimals,
each separated by a point or a comma, the last separator is the decimal point and
every other one a comma.  A figure with one separator (``3.868``, ``3,868``) is left
as read: both are amounts.  Each text box is mended (:func:`mend`), and each cell of a row
(:func:`cell`), whose amount may have been read in two boxes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from budgetx.normalize.amounts import is_amount
from budgetx.readers.ocr.engine import Word

#: digits grouped by threes, then two decimals, with at least two separators (points or commas)
_GROUPED = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+)[.,](\d{2})(?![\d.,])")


def amounts(text: str) -> str:
    """``text`` with each amount's separators as printed: the last one a point, the others commas."""
    return _GROUPED.sub(lambda m: m.group(1).replace(".", ",") + "." + m.group(2), text)


def cell(text: str) -> str:
    """A cell's text with its amount's separators as printed, where the model read the amount across
    two text boxes or lines (a figure wrapped in a narrow cell, ``143.999.0`` over ``0``)."""
    packed = "".join(text.split())
    mended = amounts(packed)
    return mended if mended != packed and is_amount(mended) else text


def mend(word: Word) -> Word:
    """``word`` with its amounts' separators as printed, in its text, its glyphs and its alternative reading."""
    text = amounts(word.text)
    alternative = amounts(word.alternative) if word.alternative is not None else None
    if text == word.text and alternative == word.alternative:
        return word
    glyphs = word.glyphs
    chars = [ch for ch in text if ch.strip()]
    if len(text) == len(word.text) and len(chars) == len(glyphs):
        glyphs = tuple(replace(g, text=ch) for g, ch in zip(glyphs, chars, strict=True))
    return replace(word, text=text, glyphs=glyphs, alternative=alternative)
