"""PDF's PostScript-like tokens (numbers, names, strings, keywords) read from bytes, without pdfminer.

:func:`tokens` reads a content stream, or an object's body, with one regular
expression per token, as pdfminer's ``PSBaseParser.nexttoken`` reads it: the
same numbers, the same bytes of every literal and hex string (escapes, nested
parentheses, whitespace in hex).  What becomes of a keyword and a name is the
caller's: pdfminer's own objects (:mod:`budgetx.readers.pdf.content`, the
fast path of pdfminer's interpreter) or budgetx's (:mod:`budgetx.readers.pdf.cos`,
which reads what a page's text objects print without loading pdfminer).
Anything not read exactly as pdfminer would raises :class:`Unsupported`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from budgetx import patterns
from budgetx.readers.pdf.losses import TooManyTokens


class Unsupported(Exception):
    """Bytes the fast tokenizer does not read as pdfminer would: the caller leaves them to pdfminer."""


# one alternative per token kind; group numbers are the dispatch keys below
_TOKEN = patterns.compile(
    rb"""
    (?:[\s\x00]++|%[^\r\n]*+)*+                  # whitespace, NUL bytes and comments: skipped (possessive:
                                               # no backtracking state, linear in any run of them)
  (?:
    (\Z)                                       # 1 the end of the stream
  | ([-+0-9][0-9]*\.[0-9]*|\.[0-9]*)           # 2 a real
  | ([-+0-9][0-9]*)                            # 3 an integer
  | /([^#/%\[\]()<>{}\s]*)                     # 4 a name
  | ([A-Za-z][^#/%\[\]()<>{}\s]*)              # 5 a keyword (operator, true, false)
  | (\()                                       # 6 a literal string
  | (<<)                                       # 7 dictionary start
  | <([0-9A-Fa-f\s]*)                          # 8 a hex string (its ">" is read next)
  | (>>)                                       # 9 dictionary end
  | (>)                                        # 10 a lone ">": nothing
  | (.)                                        # 11 any other byte: a one-byte keyword
  )
    """,
    re.VERBOSE | re.DOTALL,
)
_END_STRING = patterns.compile(rb"[()\\]")
_OCTAL = patterns.compile(rb"[0-7]{1,3}")
#: pdfminer's escapes in a literal string (``psparser.ESC_STRING``), by the byte after the backslash
ESC = {0x62: 8, 0x74: 9, 0x6E: 10, 0x66: 12, 0x72: 13, 0x28: 40, 0x29: 41, 0x5C: 92}
#: pdfminer's readings of a hex string that is not pairs of digits (``psparser.HEX_PAIR``, ``SPC``)
_HEX_PAIR = patterns.compile(rb"[0-9a-fA-F]{2}|.")
_SPC = patterns.compile(rb"\s")
#: a name's characters, ``#`` included, and a ``#`` escape in it
_NAME_WITH_ESCAPES = patterns.compile(rb"[^/%\[\]()<>{}\s]*")
_HEX_ESCAPE = patterns.compile(rb"#([0-9A-Fa-f]{2})")
#: pdfminer reads a stream in chunks of this size (``PSBaseParser.BUFSIZ``)
_BUFSIZ = 4096
_TRUE = b"true"
#: how many tokens are read between two checks of the limit
_CHECK_EVERY = 65536
_FALSE = b"false"


def _hexbyte(m: re.Match[bytes]) -> bytes:
    return bytes((int(m.group(0), 16),))


def hexstring(digits: bytes) -> bytes:
    """A hex string's bytes, as ``PSBaseParser`` reads them (whitespace dropped, then pairs).

    Pairs of hex digits with whitespace only between pairs, as PDFs write them,
    are read by ``bytes.fromhex`` (which skips the same whitespace); anything
    else (an odd digit, a stray character) as pdfminer reads it.
    """
    try:
        return bytes.fromhex(digits.decode("ascii"))
    except ValueError:  # also UnicodeDecodeError
        return _HEX_PAIR.sub(_hexbyte, _SPC.sub(b"", digits))


def string(data: bytes, i: int) -> tuple[bytes, int]:
    """A literal string from just after its "(": (bytes, index after its ")"), as ``PSBaseParser``."""
    out = bytearray()
    depth = 1
    n = len(data)
    while True:
        m = _END_STRING.search(data, i)
        if m is None:
            raise Unsupported("string cut by the end of the stream")
        j = m.start()
        out += data[i:j]
        c = data[j]
        if c == 0x5C:  # backslash
            k = j + 1
            if k >= n:
                raise Unsupported("escape at the end of the stream")
            o = _OCTAL.match(data, k)
            if o is not None:
                code = int(o.group(0), 8)
                if code >= 256:
                    raise Unsupported("octal escape out of range")
                out.append(code)
                i = o.end()
                continue
            e = data[k]
            if e in ESC:
                out.append(ESC[e])
                i = k + 1
            elif e == 0x0D and data[k + 1 : k + 2] == b"\n":
                if k % _BUFSIZ == _BUFSIZ - 1:
                    raise Unsupported("escaped CR LF across pdfminer's read chunks")
                i = k + 2
            else:
                i = k + 1  # pdfminer drops an unknown escape with its character
        elif c == 0x28:
            depth += 1
            out.append(c)
            i = j + 1
        else:
            depth -= 1
            if depth:
                out.append(c)
                i = j + 1
            else:
                return bytes(out), j + 1


def _escaped_byte(m: re.Match[bytes]) -> bytes:
    return bytes((int(m.group(1), 16),))


def _escaped_name(data: bytes, start: int, end: int) -> tuple[bytes, int]:
    """A name with ``#`` escapes from ``start`` (after its slash): (its bytes, where it ends), as the
    PDF standard reads it (a ``#`` without two hex digits after it is itself)."""
    m = _NAME_WITH_ESCAPES.match(data, start)
    assert m is not None  # matches the empty name
    return _HEX_ESCAPE.sub(_escaped_byte, m.group(0)), m.end()


def tokens(  # noqa: C901 (the hot loop: dispatch inlined)
    data: bytes,
    limit: int | None,
    keyword: Callable[[bytes], Any],
    name: Callable[[bytes], Any],
    dict_begin: Any,
    dict_end: Any,
    escapes: bool = False,
) -> list[Any]:
    """The tokens of one content stream, as ``PSBaseParser.nexttoken`` gives them (without positions):
    numbers, bytes (strings), ``True``/``False``, ``keyword(word)``, ``name(raw)`` (a name without its
    slash, its ``#`` escapes unsupported), ``dict_begin`` and ``dict_end``; ``[`` ``]`` ``{`` ``}`` are
    one-byte keywords.  A ``#`` escape in a name is read (``#CB`` is the byte 0xCB) when ``escapes``,
    else it is :class:`Unsupported`.

    Past ``limit`` tokens, :class:`TooManyTokens` is raised.
    """
    out: list[Any] = []
    check = _CHECK_EVERY
    append = out.append
    match = _TOKEN.match
    pos = 0
    n = len(data)
    while pos < n:
        m = match(data, pos)
        assert m is not None  # the last alternative matches any byte
        kind = m.lastindex
        end = m.end()
        if kind == 5:
            word = m.group(5)
            if word == _TRUE:
                append(True)
            elif word == _FALSE:
                append(False)
            else:
                append(keyword(word))
        elif kind == 3:
            try:
                append(int(m.group(3)))
            except ValueError:
                raise Unsupported("malformed number") from None
        elif kind == 2:
            try:
                append(float(m.group(2)))
            except ValueError:
                raise Unsupported("malformed number") from None
        elif kind == 4:
            if data[end : end + 1] == b"#":
                if not escapes:
                    raise Unsupported("# escape in a name")
                raw, end = _escaped_name(data, m.start(4), end)
                append(name(raw))
            else:
                append(name(m.group(4)))
        elif kind == 6:
            text, end = string(data, end)
            append(text)
        elif kind == 8:
            if end >= n:
                raise Unsupported("hex string cut by the end of the stream")
            append(hexstring(m.group(8)))
        elif kind == 7:
            append(dict_begin)
        elif kind == 9:
            append(dict_end)
        elif kind == 11:
            append(keyword(m.group(11)))
        elif kind == 1:
            break
        pos = end
        check -= 1
        if not check:
            check = _CHECK_EVERY
            if limit is not None and len(out) > limit:
                raise TooManyTokens(limit)
    return out
