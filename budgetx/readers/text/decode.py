"""Detecting a text's encoding: UTF-8 (with or without BOM), then GB18030."""

from __future__ import annotations

from budgetx.errors import UndecodableText


def looks_binary(data: bytes) -> bool:
    """True for data that no budget text document would contain."""
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 text carries NULs too, but budgetx does not read UTF-16
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return len(head) > 0 and controls / len(head) > 0.05


def decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UndecodableText(
        path, "the text is neither UTF-8 nor GB18030/GBK; convert it to UTF-8 (iconv -f <encoding> -t UTF-8)"
    )
