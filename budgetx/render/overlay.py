"""Drawing marks on a page image: translucent fills and outlines, a colour a kind of mark.

Columns are filled by type (code purple, name green, amount orange, other text
grey), the header band grey; rows are thin grey outlines, the table a blue
frame; a finding's cell is framed in its severity's colour (error red, warning
amber, info teal) with its rule beside it, the cells it was compared with in a
thinner frame of the same colour.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from budgetx.model import Box
from budgetx.render.marks import Mark

if TYPE_CHECKING:
    from PIL.Image import Image

RGB = tuple[int, int, int]

#: colour of each kind of mark: (outline, fill opacity 0–255 or 0 for none, outline width in pixels)
STYLES: dict[str, tuple[RGB, int, int]] = {
    "code": ((142, 68, 173), 56, 1),
    "name": ((39, 174, 96), 56, 1),
    "amount": ((230, 126, 34), 48, 1),
    "text": ((127, 140, 141), 48, 1),
    "header": ((90, 90, 90), 64, 1),
    "row": ((150, 150, 150), 0, 1),
    "table": ((31, 95, 191), 0, 3),
}
#: the colour of a finding's cells, by its severity
SEVERITY_COLOURS: dict[str, RGB] = {"error": (214, 39, 40), "warning": (240, 165, 0), "info": (23, 160, 170)}
#: the order marks are drawn in: fills under frames, findings on top
_ORDER = ("code", "name", "amount", "text", "header", "row", "table", "part", "finding")


def hex_colour(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def draw(image: Image, marks: Iterable[Mark], scale: float) -> Image:
    """``image`` (a page rendered at ``scale`` pixels a point) with ``marks`` drawn over it."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    layer = PILImage.new("RGBA", image.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(layer)
    ordered = sorted(marks, key=lambda m: _ORDER.index(m.kind) if m.kind in _ORDER else 0)
    labels: list[tuple[Box, str, RGB]] = []
    for m in ordered:
        x0, top, x1, bottom = (v * scale for v in m.box)
        if x1 <= x0 or bottom <= top:
            continue
        if m.kind in ("finding", "part"):
            colour = SEVERITY_COLOURS.get(m.severity or "error", SEVERITY_COLOURS["error"])
            width = 3 if m.kind == "finding" else 2
            pen.rectangle(
                (x0 - 1, top - 1, x1 + 1, bottom + 1), fill=(*colour, 40), outline=(*colour, 255), width=width
            )
            if m.label:
                labels.append(((x0, top, x1, bottom), m.label, colour))
            continue
        colour, alpha, width = STYLES.get(m.kind, STYLES["text"])
        pen.rectangle(
            (x0, top, x1, bottom), fill=(*colour, alpha) if alpha else None, outline=(*colour, 200), width=width
        )
    out = PILImage.alpha_composite(image.convert("RGBA"), layer)
    if labels:
        _labels(out, labels, scale)
    return out.convert("RGB")


def _labels(image: Image, labels: list[tuple[Box, str, RGB]], scale: float) -> None:
    """Each finding's rule, white on its colour, beside its cell: in the margin right of it where it
    fits, else left of it, else just above it."""
    from PIL import ImageDraw, ImageFont

    pen = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(10, round(6 * scale)))
    for (x0, top, x1, _), text, colour in labels:
        left, up, right, down = pen.textbbox((0, 0), text, font=font)
        w, h = right - left + 4, down - up + 2
        if x1 + 3 + w <= image.size[0]:
            x, y = x1 + 3, top
        elif x0 - 3 - w >= 0:
            x, y = x0 - 3 - w, top
        else:
            x, y = x0, max(0, top - h - 1)
        pen.rectangle((x, y, x + w, y + h), fill=(*colour, 255))
        pen.text((x + 2 - left, y + 1 - up), text, fill=(255, 255, 255, 255), font=font)
