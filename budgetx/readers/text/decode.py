"""Detecting a text's encoding: UTF-8 (with or without BOM), GB18030/GBK, UTF-16 with a BOM.

UTF-8 is tried first: text in GBK is almost never valid UTF-8.  "Almost": a
short GBK text whose every character happens to have its bytes in UTF-8's
two-byte pattern (lead C2-DF, trail 80-BF) decodes as UTF-8 into Latin,
Greek or Cyrillic letters and no Chinese at all.  A budget document is
Chinese, so when the UTF-8 reading holds no CJK character but such letters,
and the GB18030 reading is plausible Chinese (mostly GB2312 characters),
GB18030 wins.  Bytes that are neither (Latin-1, Big5 …) are undecodable:
GB18030 would accept most of them, as rare characters no document prints.
"""

from __future__ import annotations

from budgetx import patterns
from budgetx.errors import UndecodableText, UnsupportedFormat

_CJK = patterns.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: letters a GBK text misread as UTF-8 turns into (U+0080-U+07FF), bar the few
#: signs a Chinese document does print (° · × ÷ ± § ¥)
_COMMON_SIGNS = set("°·×÷±§¥²³µ")
_MISREAD_RUN = patterns.compile(r"[\u0080-\u07ff]{2,}")

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(data: bytes) -> bool:
    """True for data that no budget text document would contain."""
    if data.startswith(UTF16_BOMS):
        return False
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a BOM carries NULs too, but budgetx does not guess it
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return len(head) > 0 and controls / len(head) > 0.05


def binary_error(path: str) -> UnsupportedFormat:
    """The error for binary data given as a text document."""
    return UnsupportedFormat(
        path, "this is a binary file, not a PDF or a text document; give budgetx the published PDF or its text"
    )


def detect(data: bytes) -> str | None:
    """The encoding of ``data`` ("utf-8-sig", "utf-8", "gb18030", "utf-16"), or ``None``."""
    if data.startswith(UTF8_BOM):
        return "utf-8-sig" if _decodes(data, "utf-8-sig") else None
    if data.startswith(UTF16_BOMS):
        return "utf-16" if _decodes(data, "utf-16") else None
    if _decodes(data, "utf-8"):
        text = data.decode("utf-8")
        if (
            not _CJK.search(text)
            and _misread_run(text)
            and _decodes(data, "gb18030")
            and _plausible_chinese(data.decode("gb18030"))
        ):
            return "gb18030"
        return "utf-8"
    if _decodes(data, "gb18030") and _plausible_chinese(data.decode("gb18030")):
        return "gb18030"
    return None


def decode(data: bytes, path: str) -> str:
    encoding = detect(data)
    if encoding is None:
        raise UndecodableText(
            path, "the text is neither UTF-8 nor GB18030/GBK; convert it to UTF-8 (iconv -f <encoding> -t UTF-8)"
        )
    return data.decode(encoding)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _misread_run(text: str) -> bool:
    """Two misread letters in a row: GBK read as UTF-8 (an accented Latin word
    has its accented letters one at a time)."""
    return any(not (set(m) & _COMMON_SIGNS) for m in _MISREAD_RUN.findall(text))


def _plausible_chinese(text: str) -> bool:
    """Most characters outside ASCII are GB2312's (both bytes A1-FE).

    Latin-1, Windows-1252 or Big5 bytes decode as GB18030 too, but into rare
    characters of GBK's extension areas: an accented letter followed by an
    ASCII letter is a GBK character with an ASCII trail byte.
    """
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return True
    common = 0
    for ch in wide:
        b = ch.encode("gb18030")
        if len(b) == 2 and b[0] >= 0xA1 and b[1] >= 0xA1:
            common += 1
    return common >= 0.8 * len(wide)
