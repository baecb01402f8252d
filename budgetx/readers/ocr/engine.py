"""The OCR model: PP-OCRv4 (detection and recognition) as shipped inside ``rapidocr-onnxruntime``.

The models are files of the installed package, run on the CPU by onnxruntime:
nothing is downloaded.  :func:`recognise` reads a greyscale page image and
gives its text boxes, each with its characters' boxes and confidences.

Where a character was read with little certainty, the model's second choice
for it gives an *alternative* reading of the box ("1,236.5" read, "1,286.5"
the alternative): the CTC decoder of rapidocr is wrapped to keep, for each
box, its weakest character and that character's runner-up.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from budgetx import budget

#: the recognition model's characters below this confidence have an alternative worth naming
_ALTERNATIVE_BELOW = 0.98


@dataclass(frozen=True)
class Glyph:
    text: str
    #: (x0, top, x1, bottom) in the image's pixels
    box: tuple[float, float, float, float]
    confidence: float


@dataclass(frozen=True)
class Word:
    """One text box the model read: its text, box (pixels), confidence and glyphs."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float
    glyphs: tuple[Glyph, ...]
    #: the box read with its least certain character replaced by the model's second choice
    alternative: str | None = None


_lock = threading.Lock()
_engine: Any = None


def _model() -> Any:
    global _engine
    with _lock:
        if _engine is None:
            import numpy as np
            from rapidocr_onnxruntime import RapidOCR

            # the model and its threads are loaded once for every document: not the document's memory
            with budget.exempt_memory():
                engine = RapidOCR(use_cls=False, print_verbose=False)
                rec = engine.text_rec
                rec.postprocess_op = _Alternatives(rec.postprocess_op)
                engine(np.full((48, 320), 255, dtype=np.uint8))  # onnxruntime's threads start on the first run
            _engine = engine
        return _engine


class _Alternatives:
    """rapidocr's CTC decoder, also noting each box's alternative reading (by its text and confidence)."""

    def __init__(self, decode: Any) -> None:
        self.decode = decode
        self.found: dict[tuple[str, float], str] = {}

    def __call__(self, preds: Any, return_word_box: bool = False, **kwargs: Any) -> Any:
        out = self.decode(preds, return_word_box, **kwargs)
        for k, rec in enumerate(out):
            alt = self._alternative(preds[k])
            if alt is not None:
                self.found[(rec[0], round(float(rec[1]), 9))] = alt
        return out

    def _alternative(self, pred: Any) -> str | None:
        import numpy as np

        chars = self.decode.character
        best = pred.argmax(axis=1)
        keep = np.ones(len(best), dtype=bool)
        keep[1:] = best[1:] != best[:-1]
        keep &= best != 0  # the blank
        steps = np.flatnonzero(keep)
        if len(steps) == 0:
            return None
        probs = pred[steps, best[steps]]
        weakest = int(np.argmin(probs))
        if probs[weakest] >= _ALTERNATIVE_BELOW:
            return None
        step = steps[weakest]
        order = np.argsort(pred[step])[::-1]
        runner = int(order[1]) if int(order[0]) == int(best[step]) else int(order[0])
        text = [chars[int(i)] for i in best[steps]]
        text[weakest] = "" if runner == 0 else chars[runner]
        return "".join(text)


def recognise(image: Any) -> list[Word]:
    """The text boxes of a greyscale page image (a 2-D uint8 array), top to bottom."""
    engine = _model()
    alts: _Alternatives = engine.text_rec.postprocess_op
    with _lock:  # one page at a time through the model (its decoder notes alternatives)
        alts.found.clear()
        result, _ = engine(image, return_word_box=True)
        found = dict(alts.found)
    words: list[Word] = []
    for item in result or []:
        quad, text, score = item[0], item[1], float(item[2])
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        box = (min(xs), min(ys), max(xs), max(ys))
        glyphs = _glyphs(text, box, item[3:] if len(item) > 3 else (), score)
        words.append(Word(text, box, score, glyphs, found.get((text, round(score, 9)))))
    words.sort(key=lambda w: (w.box[1], w.box[0]))
    return words


def read_crops(crops: list[Any]) -> list[tuple[str, float, str | None]]:
    """Each greyscale crop read as one line of text by the recognition model alone: (text, confidence,
    alternative reading)."""
    import cv2

    if not crops:
        return []
    engine = _model()
    alts: _Alternatives = engine.text_rec.postprocess_op
    with _lock:
        alts.found.clear()
        results, _ = engine.text_rec([cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) for c in crops])
        found = dict(alts.found)
    out = []
    for res in results:
        text, score = str(res[0]), float(res[1])
        out.append((text, score, found.get((text, round(score, 9)))))
    return out


def _glyphs(text: str, box: tuple[float, float, float, float], extra: Any, score: float) -> tuple[Glyph, ...]:
    """Each character of a box with its own box: the model's where it gives one a character,
    else the box shared out (a CJK character twice a digit's width)."""
    out: list[Glyph] = []
    if len(extra) == 3:
        boxes, parts, confs = extra
        if len(boxes) == len(parts) == len(confs) and "".join(parts) == text:
            for quad, part, conf in zip(boxes, parts, confs, strict=True):
                xs = [p[0] for p in quad]
                ys = [p[1] for p in quad]
                out.extend(spread(part, (min(xs), min(ys), max(xs), max(ys)), float(conf)))
            return tuple(out)
    return tuple(spread(text, box, score))


def spread(text: str, box: tuple[float, float, float, float], conf: float) -> list[Glyph]:
    """The characters of ``text`` over ``box``, a CJK character twice a digit's width."""
    x0, top, x1, bottom = box
    weights = [2.0 if ord(ch) > 0x2E80 else 1.0 for ch in text]
    total = sum(weights) or 1.0
    out = []
    x = x0
    for ch, w in zip(text, weights, strict=True):
        step = (x1 - x0) * w / total
        if ch.strip():
            out.append(Glyph(ch, (x, top, x + step, bottom), conf))
        x += step
    return out
