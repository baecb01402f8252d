"""Drawing marks on a page image: translucent fills and outlines, a colour a kind of mark.

Columns are filled by type (code purple, name green, amount orange, other text
grey), the header band grey; rows are thin grey outlines, the table a blue
frame; a finding's cell is framed in its severity's colour (error red, warning
amber, info teal) and a numbered badge, the cells it was compared with in a
thin frame of the same colour.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

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
    """``image`` (a page rendered at ``scale`` pixels a point) with ``marks`` drawn over it.

    A finding's cell gets a small numbered badge in its top-left corner (the number is the mark's
    ``label``), where a cell's figure or text seldom is: a rule's name beside the cell would cover
    the cells next to it.
    """
    from PIL import Image as PILImage
    from PIL import ImageDraw

    layer = PILImage.new("RGBA", image.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(layer)
    ordered = sorted(marks, key=lambda m: _ORDER.index(m.kind) if m.kind in _ORDER else 0)
    badges: list[tuple[tuple[float, float], str, RGB]] = []
    for m in ordered:
        x0, top, x1, bottom = (v * scale for v in m.box)
        if x1 <= x0 or bottom <= top:
            continue
        if m.kind in ("finding", "part"):
            colour = SEVERITY_COLOURS.get(m.severity or "error", SEVERITY_COLOURS["error"])
            width, alpha = (3, 72) if m.kind == "finding" else (1, 36)
            pen.rectangle(
                (x0 - 1, top - 1, x1 + 1, bottom + 1), fill=(*colour, alpha), outline=(*colour, 255), width=width
            )
            if m.label:
                badges.append(((x0 + 2, top + 2), m.label, colour))
            continue
        colour, alpha, width = STYLES.get(m.kind, STYLES["text"])
        pen.rectangle(
            (x0, top, x1, bottom), fill=(*colour, alpha) if alpha else None, outline=(*colour, 200), width=width
        )
    out = PILImage.alpha_composite(image.convert("RGBA"), layer)
    if badges:
        _badges(out, badges, scale)
    return out.convert("RGB")


def font(scale: float) -> Any:
    """Pillow's own font (Latin only: badges and footers print rules, codes and figures), sized for ``scale``."""
    from PIL import ImageFont

    return ImageFont.load_default(size=max(10, round(6 * scale)))


def _badges(image: Image, badges: list[tuple[tuple[float, float], str, RGB]], scale: float) -> None:
    """Each badge's text, white on its colour, at its place; badges at one place side by side."""
    from PIL import ImageDraw

    pen = ImageDraw.Draw(image)
    face = font(scale * 0.85)
    taken: dict[tuple[int, int], float] = {}
    for (x, y), text, colour in badges:
        key = (round(x), round(y))
        x = taken.get(key, x)
        left, up, right, down = pen.textbbox((0, 0), text, font=face)
        w, h = right - left + 4, down - up + 2
        pen.rectangle((x, y, x + w, y + h), fill=(*colour, 255))
        pen.text((x + 2 - left, y + 1 - up), text, fill=(255, 255, 255, 255), font=face)
        taken[key] = x + w + 1


def footer(image: Image, lines: list[tuple[str, RGB]], scale: float) -> Image:
    """``image`` with ``lines`` printed under it, each in its colour (a page's numbered findings)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    if not lines:
        return image
    face = font(scale)
    pen = ImageDraw.Draw(image)
    height = round(max(pen.textbbox((0, 0), "Ag0", font=face)[3], 10)) + 4
    out = PILImage.new("RGB", (image.size[0], image.size[1] + height * len(lines) + 8), (255, 255, 255))
    out.paste(image, (0, 0))
    pen = ImageDraw.Draw(out)
    for k, (text, colour) in enumerate(lines):
        pen.text((8, image.size[1] + 4 + k * height), text, fill=colour, font=face)
    return out
