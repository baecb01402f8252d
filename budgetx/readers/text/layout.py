"""Space-aligned columns, as ``pdftotext -layout`` prints a table."""

from __future__ import annotations

import re

from budgetx.model import Line

_GAP = re.compile(r"\S(?: {2,}|\u3000+)\S")


def is_layout_row(line: str) -> bool:
    return bool(_GAP.search(line.strip()))


def continues_block(raw: list[str], j: int) -> bool:
    return False


def parse_block(lines: list[str], first_lineno: int) -> list[Line]:
    return [
        Line(page=None, lineno=first_lineno + k, cells=re.split(r" {2,}|\u3000+", line.strip()))
        for k, line in enumerate(lines)
    ]
