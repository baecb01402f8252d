"""Markdown pipe tables: ``| 科目编码 | 科目名称 | 小计 |``."""

from __future__ import annotations

import re

from budgetx.model import Line

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def is_pipe_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.endswith("|") and s.count("|") >= 2


def split_row(line: str) -> list[str]:
    s = line.strip()
    s = s[1:-1]
    # an escaped pipe inside a cell stays in the cell
    cells = re.split(r"(?<!\\)\|", s)
    return [c.strip().replace("\\|", "|") for c in cells]


def parse_block(lines: list[str], first_lineno: int) -> list[Line]:
    out = []
    for k, line in enumerate(lines):
        if _SEPARATOR.match(line):
            continue
        out.append(Line(page=None, lineno=first_lineno + k, cells=split_row(line)))
    return out
