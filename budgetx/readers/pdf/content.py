"""A faster reading of page content streams, object for object as pdfminer reads them.

pdfminer's ``PDFContentParser`` reads a content stream through a character-level
state machine (``PSBaseParser``: one method call per token fragment, a
``log.debug`` per token and per object); it is most of the time of reading a
PDF page.  :class:`FastInterpreter` is pdfminer's ``PDFPageInterpreter`` whose
``execute`` first reads each content stream whole with one regular expression
per token, builds the same operands (numbers, names, strings, hex strings,
arrays, dictionaries) and then runs the same ``do_*`` operators, looked up once
per operator name.

Exactness comes first: anything the fast tokenizer does not reproduce exactly
as pdfminer would — an inline image (``BI … ID … EI``), a ``#`` escape in a
name, a malformed number, an unbalanced array or dictionary, a string or hex
string cut by the end of a stream — makes :meth:`FastInterpreter.execute` hand
the streams to pdfminer's own ``execute``, before any operator has run.
``tests/test_pdf_content.py`` checks, stream by stream over the sample and the
corpus, that :func:`objects` equals what ``PDFContentParser.nextobject`` yields.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pdfminer import settings
from pdfminer.pdfinterp import PDFInterpreterError, PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, resolve1, stream_value
from pdfminer.psparser import (
    ESC_STRING,
    HEX_PAIR,
    KEYWORD_ARRAY_BEGIN,
    KEYWORD_ARRAY_END,
    KEYWORD_DICT_BEGIN,
    KEYWORD_DICT_END,
    KEYWORD_PROC_BEGIN,
    KEYWORD_PROC_END,
    KWD,
    LIT,
    SPC,
    PSKeyword,
    PSLiteral,
    keyword_name,
    literal_name,
)

from budgetx import patterns
from budgetx.budget import current
from budgetx.readers.pdf.guards import lost
from budgetx.readers.pdf.losses import TooManyTokens


class Unsupported(Exception):
    """Content the fast reader leaves to pdfminer."""


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
_ESC = {k[0]: v for k, v in ESC_STRING.items()}
#: pdfminer reads a stream in chunks of this size (``PSBaseParser.BUFSIZ``)
_BUFSIZ = 4096
_KW_BI = KWD(b"BI")
_KW_ID = KWD(b"ID")
_KW_EI = KWD(b"EI")
_TRUE = b"true"
#: how many tokens are read between two checks of the limit
_CHECK_EVERY = 65536
_FALSE = b"false"


def _hexbyte(m: re.Match[bytes]) -> bytes:
    return bytes((int(m.group(0), 16),))


def _hexstring(digits: bytes) -> bytes:
    """A hex string's bytes, as ``PSBaseParser`` reads them (whitespace dropped, then pairs).

    Pairs of hex digits with whitespace only between pairs, as PDFs write them,
    are read by ``bytes.fromhex`` (which skips the same whitespace); anything
    else (an odd digit, a stray character) as pdfminer reads it.
    """
    try:
        return bytes.fromhex(digits.decode("ascii"))
    except ValueError:  # also UnicodeDecodeError
        return HEX_PAIR.sub(_hexbyte, SPC.sub(b"", digits))


def _string(data: bytes, i: int) -> tuple[bytes, int]:
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
            if e in _ESC:
                out.append(_ESC[e])
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


def tokens(data: bytes, limit: int | None = None) -> list[Any]:  # noqa: C901 (the hot loop: dispatch inlined)
    """The tokens of one content stream, as ``PSBaseParser.nexttoken`` gives them (without positions).

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
                append(KWD(word))
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
                raise Unsupported("# escape in a name")
            raw = m.group(4)
            try:
                append(LIT(str(raw, "utf-8")))
            except UnicodeDecodeError:
                append(LIT(raw))
        elif kind == 6:
            text, end = _string(data, end)
            append(text)
        elif kind == 8:
            if end >= n:
                raise Unsupported("hex string cut by the end of the stream")
            append(_hexstring(m.group(8)))
        elif kind == 7:
            append(KEYWORD_DICT_BEGIN)
        elif kind == 9:
            append(KEYWORD_DICT_END)
        elif kind == 11:
            append(KWD(m.group(11)))
        elif kind == 1:
            break
        pos = end
        check -= 1
        if not check:
            check = _CHECK_EVERY
            if limit is not None and len(out) > limit:
                raise TooManyTokens(limit)
    return out


def objects(datas: Sequence[bytes], limit: int | None = None) -> list[Any]:
    """The objects of a page's content streams, as ``PSStackParser.nextobject`` gives them (without positions).

    Past ``limit`` tokens in all, :class:`TooManyTokens` is raised.
    """
    out: list[Any] = []
    cur = out
    curtype: str | None = None
    context: list[tuple[str | None, list[Any]]] = []
    left = limit
    for data in datas:
        toks = tokens(data, left)
        if left is not None:
            left -= len(toks)
            if left < 0:
                raise TooManyTokens(limit or 0)
        for tok in toks:
            if type(tok) is PSKeyword:
                if tok is KEYWORD_ARRAY_BEGIN or tok is KEYWORD_DICT_BEGIN or tok is KEYWORD_PROC_BEGIN:
                    context.append((curtype, cur))
                    curtype = "a" if tok is KEYWORD_ARRAY_BEGIN else "d" if tok is KEYWORD_DICT_BEGIN else "p"
                    cur = []
                    continue
                if tok is KEYWORD_ARRAY_END or tok is KEYWORD_DICT_END or tok is KEYWORD_PROC_END:
                    want = "a" if tok is KEYWORD_ARRAY_END else "d" if tok is KEYWORD_DICT_END else "p"
                    if curtype != want:
                        raise Unsupported("unbalanced array, dictionary or procedure")
                    done = cur
                    curtype, cur = context.pop()
                    if want == "d":
                        if len(done) % 2:
                            raise Unsupported("dictionary with an odd number of objects")
                        cur.append(
                            {
                                literal_name(done[k]): done[k + 1]
                                for k in range(0, len(done), 2)
                                if done[k + 1] is not None
                            }
                        )
                    else:
                        cur.append(done)
                    continue
                if tok is _KW_BI or tok is _KW_ID or tok is _KW_EI:
                    raise Unsupported("inline image")
            cur.append(tok)
    if context:
        raise Unsupported("array or dictionary not closed at the end of the content")
    return out


#: the operators that take as many operands as the colour space has components
_VARIADIC = frozenset({"do_SC", "do_SCN", "do_sc", "do_scn"})
#: per interpreter class, operator keyword → (method name or None, number of operands)
_OPERATORS: dict[type, dict[PSKeyword, tuple[str | None, int]]] = {}


class FastInterpreter(PDFPageInterpreter):
    """``PDFPageInterpreter`` reading content streams with :func:`objects`."""

    #: operators of the content being executed given too few or too many operands
    malformed = 0

    def init_resources(self, resources: dict[object, object]) -> None:
        """pdfminer's, noting a font whose dictionary or character map (ToUnicode) is damaged: pdfminer
        reads its text in a stand-in font, or without its map, and what comes out is not what was printed."""
        super().init_resources(resources)
        fonts = resolve1(resources.get("Font")) if isinstance(resources, dict) else None
        if not isinstance(fonts, dict):
            return
        for fontid, spec in fonts.items():
            spec = resolve1(spec)
            if not isinstance(spec, dict):
                lost(f"a damaged font ({literal_name(fontid)})")
            elif "ToUnicode" in spec and not isinstance(resolve1(spec["ToUnicode"]), (PDFStream, PSLiteral)):
                lost(f"a damaged font ({literal_name(fontid)}): its character map is no stream")

    def do_Tf(self, fontid: Any, fontsize: Any) -> None:
        """``Tf``, noting a font the page's resources do not define: pdfminer draws its text in a
        stand-in font, whose codes give no text (a damaged resource dictionary)."""
        try:
            known = literal_name(fontid) in self.fontmap
        except Exception:  # not a name: pdfminer says what it makes of it
            known = True
        if not known:
            lost(f"text in a font the page does not define ({literal_name(fontid)})")
        super().do_Tf(fontid, fontsize)

    def execute(self, streams: Sequence[object]) -> None:
        # the stream checks of PDFPageInterpreter.execute (circular Form XObjects)
        valid: list[PDFStream] = []
        ids: set[int] = set()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                return super().execute(streams)  # pdfminer warns and skips: let it
            valid.append(stream)
            ids.add(stream.objid)
        self.malformed = 0
        try:
            objs = objects([s.get_data() for s in valid], current().page_tokens)
        except Unsupported:
            super().execute(streams)
            return self._report()
        self.stream_ids.clear()
        self.stream_ids.update(ids)
        operators = _OPERATORS.setdefault(type(self), {})
        push = self.argstack.append
        for obj in objs:
            if type(obj) is not PSKeyword:
                push(obj)
                continue
            op = operators.get(obj)
            if op is None:
                name = keyword_name(obj)
                attr = "do_{}".format(name.replace("*", "_a").replace('"', "_w").replace("'", "_q"))
                found = hasattr(self, attr)
                op = (attr, getattr(self, attr).__code__.co_argcount - 1) if found else (None, 0)
                operators[obj] = op
            method: str | None
            method, nargs = op
            if method is None:
                if settings.STRICT:
                    raise PDFInterpreterError(f"Unknown operator: {obj.name!r}")
                continue
            if nargs:
                args = self.pop(nargs)
                if len(args) == nargs:
                    getattr(self, method)(*args)
            else:
                if self.argstack and method not in _VARIADIC:
                    self.malformed += 1
                getattr(self, method)()
            push = self.argstack.append  # pop() rebinds the stack
        self._report()

    def pop(self, n: int) -> list[Any]:
        """The operands of an operator taking ``n``, counting an operator given another number."""
        if len(self.argstack) != n:
            self.malformed += 1
        return super().pop(n)

    def _report(self) -> None:
        if self.malformed:
            # an operator with too few or too many operands: the content is damaged, and what pdfminer
            # draws of it (operands taken by the wrong operator) is not what was printed
            lost(f"a content stream with {self.malformed} operators given the wrong operands")
            self.malformed = 0
