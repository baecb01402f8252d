"""Tables without rules, read from the alignment of their text."""

from __future__ import annotations

from budgetx.model import Line
from budgetx.readers.pdf.chars import Char


def tables(text_lines: list[list[Char]], page: int) -> list[Line]:
    return []
