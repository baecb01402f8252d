"""One page image → the PDF reader's page objects → the page's lines, each amount with its OCR reading.

The text model's characters become the chars a PDF page gives (text and box,
in points), the rules found in the image its line objects: the PDF reader's
:func:`~budgetx.readers.pdf.read_page` then reads the page as it reads a text
page — ruled grids, tables aligned without rules, titles and notes — so every
later stage is the same for a scan.  Each cell of a row read this way gets
its :class:`~budgetx.model.OcrReading`: the confidence of the text box it was
read from, and the model's alternative reading where it has one.
"""

from __future__ import annotations

import statistics
from typing import Any

from budgetx import budget
from budgetx.model import Line, OcrReading
from budgetx.readers.ocr import digits, engine, image, missed, orientation, rules
from budgetx.readers.pdf.objects import PageObjects

#: the time each page read by OCR adds to its document's time budget (``--timeout``), in seconds
PAGE_SECONDS = 60.0
#: the size (pt) of the long side of a page whose printed size is unknown (an image file): A4
_A4_LONG = 842.0


def read(
    picture: Any,
    number: int,
    state: Any,
    *,
    points_per_pixel: float | None = None,
    turned: dict[int, int] | None = None,
) -> list[Line]:
    """The lines of page ``number`` from its greyscale image; ``state`` is the PDF reader's. A page turned
    upright to be read is noted in ``turned`` (page → quarter turns counter-clockwise)."""
    from budgetx.readers.pdf import read_page

    budget.allow(PAGE_SECONDS)
    quarters, (straight, found, words) = upright(picture)
    if quarters and turned is not None:
        turned[number] = quarters
    h, w = straight.shape[:2]
    scale = points_per_pixel or image_scale(straight)
    page = objects(words, found, number, (w * scale, h * scale), scale)
    lines = read_page(page, number, state)
    for line in lines:
        if line.cells is not None:
            line.cells = [digits.cell(c) for c in line.cells]
    attach(lines, words, scale)
    return lines


def upright(picture: Any) -> tuple[int, tuple[Any, list[tuple[float, float, float, float]], list[engine.Word]]]:
    """(quarter turns counter-clockwise, (the page image so turned and straightened, its rules, its text boxes)):
    the page read as it is or, when that reading says it lies on its side or upside down
    (:mod:`~budgetx.readers.ocr.orientation`), turned upright."""
    best = _read_as_is(picture)
    best_turn, best_score = 0, orientation.score(best[2])
    for quarters in orientation.suspected(best[2]):
        budget.allow(PAGE_SECONDS)
        again = _read_as_is(orientation.turn(picture, quarters))
        again_score = orientation.score(again[2])
        if again_score > best_score:
            best, best_turn, best_score = again, quarters, again_score
        if orientation.upright(best[2]):
            break
    return best_turn, best


def _read_as_is(picture: Any) -> tuple[Any, list[tuple[float, float, float, float]], list[engine.Word]]:
    straight = image.deskew(picture)
    found = rules.find(straight)
    words = engine.recognise(straight)
    words = [digits.mend(w) for w in sorted(missed.find(straight, words, found), key=_reading_order)]
    return straight, found, words


def _reading_order(word: engine.Word) -> tuple[float, float]:
    return word.box[1], word.box[0]


def image_scale(picture: Any) -> float:
    """The points a pixel of an image file's page (its printed size unknown): A4 on its long side."""
    h, w = picture.shape[:2]
    return _A4_LONG / max(h, w)


def objects(
    words: list[engine.Word],
    found: list[tuple[float, float, float, float]],
    number: int,
    size: tuple[float, float],
    scale: float,
) -> PageObjects:
    """The PDF reader's page objects for a page read by OCR, in points."""
    page = PageObjects(number, (0.0, 0.0, size[0], size[1]))
    twice = read_twice(words)
    for k, word in enumerate(words):
        height = (word.box[3] - word.box[1]) * scale
        ends = _joined_ends(word)
        for j, g in enumerate(word.glyphs):
            if (k, j) in twice:
                continue
            x0, top, _, bottom = (v * scale for v in g.box)
            x1 = ends[j] * scale
            page.chars.append(
                {
                    "text": g.text,
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "size": height,
                    "fontname": "OCR",
                    "upright": True,
                }
            )
    for x0, top, x1, bottom in found:
        page.lines.append(
            {
                "x0": x0 * scale,
                "x1": x1 * scale,
                "top": top * scale,
                "bottom": bottom * scale,
                "stroking_color": (0,),
            }
        )
    return page


def _joined_ends(word: engine.Word) -> list[float]:
    """The right edge of each glyph of ``word``: a Chinese character followed, without a space in the
    text read, by another reaches it.  The model places the characters of a box loosely, and the gaps
    it leaves between them read as spaces (``国 有资本 经营预算 支出明细表``, a title then not known).
    A gap much wider than the box's usual one is kept: there the box runs over a cell's side
    (``事业单位上缴上级`` read as one box over two narrow header cells)."""
    ends = [g.box[2] for g in word.glyphs]
    places = [i for i, ch in enumerate(word.text) if ch.strip()]
    if len(places) != len(word.glyphs):
        return ends
    height = word.box[3] - word.box[1]
    pairs = [
        j
        for j in range(len(word.glyphs) - 1)
        if places[j + 1] == places[j] + 1 and _cjk(word.glyphs[j].text) and _cjk(word.glyphs[j + 1].text)
    ]
    gaps = {j: word.glyphs[j + 1].box[0] - word.glyphs[j].box[2] for j in pairs}
    if not gaps:
        return ends
    usual = statistics.median(gaps.values())
    for j, gap in gaps.items():
        if 0 < gap <= usual + _USUAL_GAP * height:
            ends[j] = word.glyphs[j + 1].box[0]
    return ends


#: how much wider than a box's usual gap between its characters (a share of its height) a gap is closed
_USUAL_GAP = 0.15


def _cjk(text: str) -> bool:
    return all(ord(ch) > 0x2E80 for ch in text)


def read_twice(words: list[engine.Word]) -> set[tuple[int, int]]:
    """The glyphs (word, glyph) that a word before them on the line has already read.

    The text model's boxes of two neighbouring cells may overlap, and a character under both is then
    read in each (``20,153.75`` and ``5一、基本支出``): the same character over the same place (more
    than 0.3 of the narrower glyph's width, on the same line) is kept in the first word only.
    """
    twice: set[tuple[int, int]] = set()
    for b, later in enumerate(words):
        for a in range(b):
            first = words[a]
            if min(first.box[2], later.box[2]) <= max(first.box[0], later.box[0]) or not _overlap(
                first.box, later.box, 1, 3
            ):
                continue
            for j, g in enumerate(later.glyphs):
                if any(
                    h.text == g.text and _overlap(h.box, g.box, 0, 2, _SAME_INK) and _overlap(h.box, g.box, 1, 3)
                    for i, h in enumerate(first.glyphs)
                    if (a, i) not in twice
                ):
                    twice.add((b, j))
    return twice


#: the share of the narrower glyph's width two glyphs of the same character in overlapping boxes
#: share to be one character read twice: the model places a character at a box's edge loosely
#: (the last 5 of 59.95 at 807–821 in one box, at 815–828 in the next)
_SAME_INK = 0.3


def _overlap(p: tuple[float, ...], q: tuple[float, ...], lo: int, hi: int, share: float = 0.5) -> bool:
    """Boxes ``p`` and ``q`` share more than ``share`` of the narrower one's extent along one axis."""
    shared = min(p[hi], q[hi]) - max(p[lo], q[lo])
    return shared > share * min(p[hi] - p[lo], q[hi] - q[lo])


def _plain(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in ",，")


def attach(lines: list[Line], words: list[engine.Word], scale: float) -> None:
    """Give each row's cells the reading of the text boxes they were read from.

    A cell's boxes are those in the row's band whose text is part of the
    cell's; the cell's confidence is the least of theirs.  Boxes are taken
    left to right, each by one cell only.
    """
    for line in lines:
        if line.cells is None or line.bbox is None:
            continue
        taken: set[int] = set()
        line.ocr = tuple(_reading(cell, line.bbox, words, scale, taken) for cell in line.cells)


def _reading(
    cell: str, band: tuple[float, float, float, float], words: list[engine.Word], scale: float, taken: set[int]
) -> OcrReading | None:
    target = _plain(cell)
    if not target:
        return None
    _, top, _, bottom = band
    near = [
        k
        for k, word in enumerate(words)
        if k not in taken and top - 2 <= (word.box[1] + word.box[3]) / 2 * scale <= bottom + 2
    ]
    near.sort(key=lambda k: words[k].box[0])
    exact = [k for k in near if _plain(words[k].text) == target]
    chosen = exact[:1] or [k for k in near if _plain(words[k].text) and _plain(words[k].text) in target]
    taken.update(chosen)
    hits = [words[k] for k in chosen]
    if not hits:
        return OcrReading(confidence=0.0)
    weakest = min(hits, key=lambda w: w.confidence)
    alternative = None
    if weakest.alternative is not None and len(hits) == 1:
        alternative = weakest.alternative
    return OcrReading(confidence=round(weakest.confidence, 4), alternative=alternative)
