"""File names as budgetx prints and stores them.

On POSIX a file name is bytes.  Python gives a name that is not UTF-8 (GBK
bytes, as unzipping a Windows archive gives) as a ``str`` holding surrogate
escapes (PEP 383), which cannot be encoded for a terminal, a JSON document or
SQLite.  :func:`printable` is the name budgetx shows and stores: valid UTF-8,
each undecodable byte written ``\\xNN``; the file itself is opened by its real
name.
"""

from __future__ import annotations

import os

from budgetx import patterns

_SURROGATE = patterns.compile("[\udc80-\udcff]")


def printable(name: str | os.PathLike[str]) -> str:
    """``name`` with every undecodable byte (a surrogate escape) written ``\\xNN``."""
    text = os.fspath(name)
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: f"\\x{ord(m.group(0)) - 0xDC00:02x}", text)
