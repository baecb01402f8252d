"""Page images: decoded from an image file, rendered from a PDF page, straightened.

A scan is rarely square to the page: :func:`deskew` finds the angle at which
the page's printed lines (text rows, rules) are most sharply horizontal and
turns the image back by it, so that rows and columns line up again.
"""

from __future__ import annotations

from typing import Any

#: the resolution PDF pages are rendered at for OCR (dots per inch)
DPI = 200
#: the largest skew looked for (degrees) and the step of the search
_MAX_SKEW = 3.0
_STEP = 0.1
_COARSE = 0.5


def decode(data: bytes) -> list[Any]:
    """The pages of an image file (PNG, JPEG, TIFF — each page of a multi-page TIFF), greyscale."""
    import cv2
    import numpy as np

    buf = np.frombuffer(data, dtype=np.uint8)
    ok, pages = cv2.imdecodemulti(buf, cv2.IMREAD_GRAYSCALE)
    if ok and pages:
        return list(pages)
    page = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    return [] if page is None else [page]


def render(pdf: Any, index: int, dpi: int = DPI) -> Any:
    """Page ``index`` (0-based) of a pypdfium2 document as a greyscale image at ``dpi``."""
    import numpy as np

    page = pdf[index]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image = np.array(bitmap.to_numpy(), copy=True)
    finally:
        page.close()
    if image.ndim == 3:
        image = image[:, :, 0]
    return image


def deskew(image: Any) -> Any:
    """The image turned so that its printed lines run horizontally."""
    angle = skew_angle(image)
    if abs(angle) < _STEP / 2:
        return image
    import cv2

    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def skew_angle(image: Any) -> float:
    """The angle (degrees, counter-clockwise) by which to turn ``image`` to straighten it: the one whose
    row profile of ink is sharpest (the printed lines then fall on few pixel rows)."""
    import cv2
    import numpy as np

    h, w = image.shape[:2]
    scale = min(1.0, 1000 / max(h, w))
    small = cv2.resize(image, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    sh, sw = ink.shape
    centre = (sw / 2, sh / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(ink, m, (sw, sh), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    # coarse (every 0.5°), then fine (every 0.1°) around the best coarse angle
    coarse = [k * _COARSE for k in range(-round(_MAX_SKEW / _COARSE), round(_MAX_SKEW / _COARSE) + 1)]
    best = max(coarse, key=sharpness)
    fine = [best + k * _STEP for k in range(-round(_COARSE / _STEP) + 1, round(_COARSE / _STEP))]
    best = max(fine, key=sharpness)
    return best
