"""What each text object of a page prints, read from the page's content streams and fonts.

pdfium's text page leaves out a text object that prints no ink (a blank, or a
run of blanks at one place), and pdfium's API tells nothing else of it: not
its char codes, not which blank.  pdfminer, budgetx's reference, prints it as
chars.  This module reads, for every text object of a page in pdfium's order
(each ``Tj``, ``'``, ``"`` or ``TJ`` that shows a non-empty string, through the
forms the page draws), its font, its size and the codes it shows; and decodes
codes as pdfminer's fonts decode them: the unicode of each code (the font's
``ToUnicode`` map, then a standard encoding's space) and its width (``/W`` and
``/DW`` of a CID font, ``/Widths`` and ``MissingWidth`` of a simple one).

What it does not read exactly as pdfminer would — a font encoded by another
CMap than ``Identity-H``, an encoding it does not know, a Type3 font, an inline
image in the content, a form drawn within itself — raises
:class:`~budgetx.readers.pdf.cos.Unreadable`: the caller leaves the page to
pdfminer.
"""

from __future__ import annotations

import binascii
import struct
from typing import Any, NamedTuple

from budgetx import patterns
from budgetx.readers.pdf import pstokens
from budgetx.readers.pdf.cos import Name, Objects, Ref, Stream, Unreadable, Word, tokens, values

#: how deep forms may be drawn within forms
_DEPTH = 12
#: glyph names of an encoding's /Differences read here, as pdfminer's glyph list reads them (``uniXXXX``
#: too); another name is pdfminer's to read
_GLYPHS = {
    "space": " ",
    "nbspace": "\xa0",
    "nonbreakingspace": "\xa0",
    "period": ".",
    "comma": ",",
    "hyphen": "-",
    "percent": "%",
    "parenleft": "(",
    "parenright": ")",
    **{
        name: str(k)
        for k, name in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
    },
    **{c: c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"},
}


def _standard(name: str) -> dict[int, str]:
    """A standard encoding's codes as pdfminer's ``EncodingDB`` gives them: WinAnsi whole (Windows-1252,
    but for 127, and 160 and 173 which pdfminer reads as spaces), the others their printable ASCII
    codes (StandardEncoding's quotes curled); an encoding pdfminer does not know is StandardEncoding."""
    table = {code: chr(code) for code in range(32, 127)}
    if name == "WinAnsiEncoding":
        for code in range(128, 256):
            try:
                table[code] = bytes((code,)).decode("cp1252")
            except UnicodeDecodeError:
                continue
        table[160] = table[173] = " "
    elif name not in ("MacRomanEncoding", "PDFDocEncoding"):
        table[39], table[96] = "\u2019", "\u2018"
    return table


def _glyph(name: str) -> str:
    """A glyph name's unicode, or "" when it is not read here."""
    got = _GLYPHS.get(name)
    if got is not None:
        return got
    digits = name[3:]
    if len(name) == 7 and name.startswith("uni") and not digits.strip("0123456789ABCDEF"):
        code = int(digits, 16)
        if not 0xD800 <= code <= 0xDFFF:
            return chr(code)
    return ""


class State(NamedTuple):
    """The text state a text object is shown in, as pdfminer keeps it: the font (its dictionary's
    object number, -1 before any), the size, the horizontal scaling (``Tz``, percent), the char and
    word spacing (``Tc``, ``Tw``)."""

    font: int = -1
    size: float = 0.0
    scale: float = 100.0
    char_space: float = 0.0
    word_space: float = 0.0


class Shown(NamedTuple):
    """One text object: the text state it is shown in and what it shows (the operator's strings and,
    for ``TJ``, the numbers between them)."""

    state: State
    items: tuple[bytes | int | float, ...]

    @property
    def codes(self) -> bytes:
        return b"".join(i for i in self.items if type(i) is bytes)


def page_text(objects: Objects, index: int) -> list[Shown]:
    """The text objects of page ``index`` (0-based, in the page tree's order), in content order."""
    pages = objects.pages()
    if not 0 <= index < len(pages):
        raise Unreadable("no such page")
    page = pages[index][1]
    contents = objects.resolve(page.get("Contents"))
    if contents is None:
        return []
    refs = contents if type(contents) is list else [page.get("Contents")]
    data = b"\n".join(objects.data(ref) for ref in refs)
    out: list[Shown] = []
    _run(objects, operations(data), page.get("Resources"), out, [])
    return out


# what a content stream holds that :func:`operations` reads; the rest (paths, colours, matrices and
# their numbers) is skipped by the pattern's search, in C: every alternative starts with a literal byte,
# so the search skips to the next of those bytes before it tries any (an operator's delimiter before it is
# checked behind it)
_DELIMITED = rb"(?=[\s\x00\[\]()<>{}/%]|\Z)"
_SCAN = patterns.compile(
    rb"\(()"  # 1 a literal string
    rb"|<<()"  # 2 a dictionary's start (a marked-content property list)
    rb"|>>()"  # 3 its end
    rb"|<([0-9A-Fa-f\s]*)>"  # 4 a hex string
    rb"|<()"  # 5 anything else after "<"
    rb"|\[()"  # 6 an array's start
    rb"|\]()"  # 7 its end
    rb"|%[^\r\n]*"  # a comment
    rb"|T([fzcwjJ])(?<=[\s\x00)\]>]T[fzcwjJ])"
    + _DELIMITED  # 8 Tf Tz Tc Tw Tj TJ
    + rb"|'()(?<=[\s\x00)\]>]')"
    + _DELIMITED  # 9
    + rb"|\"()(?<=[\s\x00)\]>]\")"
    + _DELIMITED  # 10
    + rb"|Do()(?<=[\s\x00)\]>]Do)"
    + _DELIMITED  # 11
    + rb"|BI()(?<=[\s\x00)\]>]BI)"
    + _DELIMITED  # 12 an inline image
    + rb"|ID()(?<=[\s\x00)\]>]ID)"
    + _DELIMITED  # 13
    + rb"|EI()(?<=[\s\x00)\]>]EI)"
    + _DELIMITED  # 14
)
#: the operators of alternatives 9 to 14
_OPS = {9: b"'", 10: b'"', 11: b"Do", 12: b"BI", 13: b"ID", 14: b"EI"}
#: ``q`` and ``Q`` as whole tokens (not in a name: no slash before); the letter first, so that the search
#: skips to the next q or Q in C, and the delimiter before it checked behind it
_SAVES = patterns.compile(rb"[qQ](?<![^\s\x00\[\]()<>{}][qQ])(?![^\s\x00\[\]()<>{}/%])")
#: how many tokens before an operator are read for its operands (``"`` takes three)
_OPERANDS = 3
#: tokens read without the tokenizer: an integer, a real, a name without escapes, a keyword
_INT = patterns.compile(rb"[-+]?[0-9]+")
_REAL = patterns.compile(rb"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")
_NAME = patterns.compile(rb"/[A-Za-z0-9_.+*:;,!'\-]*")
_WORD = patterns.compile(rb"[A-Za-z'\"*][A-Za-z0-9'\"*]*")


def _simple(gap: bytes, operands_only: bool) -> list[Any]:
    """The tokens of text between two things :func:`operations` reads (no strings, arrays,
    dictionaries or comments in it), split at whitespace.  When ``operands_only`` (an operator's
    operands), only its end is read, back to the last keyword or at most :data:`_OPERANDS` tokens.
    A token of another shape is read by the tokenizer, the gap whole."""
    if not operands_only:
        out = [_token(piece) for piece in gap.split()]
        return tokens(gap) if _UNREAD in out else out
    pieces = gap.rsplit(None, _OPERANDS)
    out = []
    for piece in reversed(pieces[-_OPERANDS:]):
        tok = _token(piece)
        if tok is _UNREAD:
            return tokens(gap)
        out.append(tok)
        if type(tok) is Word:
            break  # what comes before it are its operands, not read here
    out.reverse()
    return out


#: an array of plain strings and numbers only (a TJ's, as most generators write it), and its items
#: (possessive and atomic: no backtracking, whatever the array holds)
_PLAIN_ARRAY = patterns.compile(
    rb"\[((?:[\s\x00]*+(?:<[0-9A-Fa-f]*+>|\([^()\\]*+\)|[-+]?+(?>[0-9]*\.?[0-9]+)(?![0-9.])))*+)[\s\x00]*+\]"
)
#: an item of such an array: a hex string, a literal string (each with its delimiters), or a number
_ITEM = patterns.compile(rb"(<[0-9A-Fa-f]*>)|(\([^()\\]*\))|([^\s\x00<(]+)")


def _plain_array(data: bytes, start: int) -> tuple[list[Any], int] | None:
    """The array at ``start`` read whole when it holds only hex strings of whole bytes, literal strings
    without escapes or parentheses, and plain numbers (each read as the tokenizer reads it), with where
    it ends; ``None`` for any other array."""
    m = _PLAIN_ARRAY.match(data, start)
    if m is None:
        return None
    items: list[Any] = []
    for hexed, literal, number in _ITEM.findall(m.group(1)):
        if number:  # plain, as the array's pattern reads it: digits, with a point and digits after it if real
            items.append(float(number) if b"." in number else int(number))
        elif literal:
            items.append(literal[1:-1])  # no escape, no parenthesis: its bytes as written
        elif len(hexed) % 2:
            return None  # an odd digit: the tokenizer's reading
        else:
            items.append(binascii.a2b_hex(hexed[1:-1]))  # digits only: nothing for a2b_hex to refuse
    return items, m.end()


#: a token :func:`_token` leaves to the tokenizer
_UNREAD = object()


def _token(piece: bytes) -> Any:
    """One token of the simple shapes: an integer, a real, a keyword, a name without escapes."""
    if piece.isalpha():  # an operator: most of what is read here
        return Word(piece) if piece != b"true" and piece != b"false" else piece == b"true"
    if piece.isdigit():
        return int(piece)
    if _INT.fullmatch(piece):
        return int(piece)
    if _REAL.fullmatch(piece):
        return float(piece)
    if _WORD.fullmatch(piece):
        return Word(piece) if piece not in (b"true", b"false") else piece == b"true"
    if _NAME.fullmatch(piece):
        return Name(piece[1:].decode("ascii"))
    return _UNREAD


def operations(data: bytes) -> list[Any]:  # noqa: C901 (one scan: its dispatch inlined)
    """The operators of a content stream that set the text state, show text or draw a form, each after
    its operands, as :func:`budgetx.readers.pdf.cos.values` would read them; other operators and their
    operands are left out (tokens are read only near the operators kept)."""
    out: list[Any] = []
    pending: list[Any] = []  # operands since the last operator
    array: list[Any] | None = None
    depth = 0  # inside a dictionary (a marked-content property list): read as one operand, its contents not
    data = b" " + data  # a delimiter before the first operator
    pos = 0
    search = _SCAN.search
    while True:
        m = search(data, pos)
        start = m.start() if m is not None else len(data)
        if start > pos and not depth:
            gap = data[pos:start]
            if array is None and (b"q" in gap or b"Q" in gap):
                out.extend(map(Word, _SAVES.findall(gap)))  # the graphics state saved and restored, in order
            for tok in _simple(gap, array is None):
                if type(tok) is Word:
                    if array is not None:
                        raise Unreadable("an operator in an array")
                    pending = []  # an operator not read here: its operands go with it
                else:
                    (pending if array is None else array).append(tok)
        if m is None:
            break
        kind = m.lastindex
        pos = m.end()
        if kind == 1:
            try:
                text, pos = pstokens.string(data, pos)
            except pstokens.Unsupported as exc:
                raise Unreadable(str(exc)) from None
            if not depth:
                (pending if array is None else array).append(text)
        elif kind == 4:
            if not depth:
                (pending if array is None else array).append(pstokens.hexstring(m.group(4)))
        elif kind == 2 or kind == 3:
            if array is not None:
                raise Unreadable("a dictionary in an array")
            depth += 1 if kind == 2 else -1
            if depth < 0:
                raise Unreadable("a dictionary's end without its start")
            if not depth:
                pending.append({})  # its contents are never an operand read here
        elif kind is None:
            pass  # a comment
        elif depth:
            if kind >= 8 or kind == 5:
                raise Unreadable("an operator in a dictionary")
        elif kind >= 8:
            if array is not None:
                raise Unreadable("an operator in an array")
            out.extend(pending)
            out.append(Word(b"T" + m.group(8) if kind == 8 else _OPS[kind]))
            pending = []
        elif kind == 6:
            if array is not None:
                raise Unreadable("an array in an array")
            whole = _plain_array(data, m.start())
            if whole is None:
                array = []
            else:
                pending.append(whole[0])
                pos = whole[1]
        elif kind == 7:
            if array is None:
                raise Unreadable("an array's end without its start")
            pending.append(array)
            array = None
        else:
            raise Unreadable("a malformed hex string")
    if depth:
        raise Unreadable("a dictionary not closed")
    if array is not None:
        raise Unreadable("an array not closed")
    return out


#: the operators that show text
_SHOWING = frozenset({b"Tj", b"TJ", b"'", b'"'})
#: operators that set a number of the text state (horizontal scaling, char and word spacing)
_SETTERS = frozenset({b"Tz", b"Tc", b"Tw"})


def _run(objects: Objects, ops: list[Any], resources: Any, out: list[Shown], forms: list[int]) -> None:
    """Run a content stream's operators for what they show, from pdfminer's initial text state."""
    res = objects.mapping(resources) if resources is not None else {}
    saved: list[State] = []
    state = State()
    args: list[Any] = []
    for op in ops:
        if type(op) is not Word:
            args.append(op)
            continue
        if op == b"q":
            saved.append(state)
        elif op == b"Q":
            if saved:
                state = saved.pop()
        elif op in _SHOWING:
            if op == b'"' and len(args) >= 3:
                state = state._replace(word_space=_number(args[-3]), char_space=_number(args[-2]))
            items = _shows(op, args)
            if items:
                if state.font < 0:
                    raise Unreadable("text before any font")
                out.append(Shown(state, items))
            # else nothing shown: pdfium makes no text object
        elif op == b"Tf":
            font, size = _font(objects, res, args)
            state = state._replace(font=font, size=size)
        elif op in _SETTERS:
            if not args:
                raise Unreadable(f"{op.decode()} without its operand")
            value = _number(args[-1])
            if op == b"Tz":
                state = state._replace(scale=value)
            elif op == b"Tc":
                state = state._replace(char_space=value)
            else:
                state = state._replace(word_space=value)
        elif op == b"Do":
            if args and type(args[-1]) is Name:
                # pdfminer draws a form with a text state of its own
                _form(objects, res, args[-1], out, forms)
        elif op == b"BI" or op == b"ID" or op == b"EI":
            raise Unreadable("an inline image")
        args = []


def _font(objects: Objects, res: dict[str, Any], args: list[Any]) -> tuple[int, float]:
    """``Tf``: the font's object number and the size."""
    if len(args) < 2 or type(args[-2]) is not Name:
        raise Unreadable("a Tf without a font and a size")
    ref = objects.mapping(res.get("Font", {})).get(args[-2])
    if type(ref) is not Ref:
        raise Unreadable(f"font {args[-2]} not defined by reference")
    return ref.number, _number(args[-1])


def _shows(op: bytes, args: list[Any]) -> tuple[bytes | int | float, ...]:
    """What a text-showing operator (one of :data:`_SHOWING`) shows; empty when nothing."""
    if op != b"TJ":
        return (args[-1],) if args and type(args[-1]) is bytes and args[-1] else ()
    if not args or type(args[-1]) is not list:
        return ()
    seq = args[-1]
    if not any(type(i) is bytes and i for i in seq):
        return ()
    if any(type(i) not in (bytes, int, float) for i in seq):
        raise Unreadable("a TJ with something other than strings and numbers")
    return tuple(seq)


def _form(objects: Objects, res: dict[str, Any], name: str, out: list[Shown], forms: list[int]) -> None:
    xobjects = objects.mapping(res.get("XObject", {}))
    ref = xobjects.get(name)
    if type(ref) is not Ref:
        raise Unreadable(f"XObject {name} not defined by reference")
    stream = objects.resolve(ref)
    if type(stream) is not Stream:
        raise Unreadable(f"XObject {name} is no stream")
    if stream.attrs.get("Subtype") != "Form":
        return  # an image: no text
    if ref.number in forms or len(forms) >= _DEPTH:
        raise Unreadable("a form drawn within itself")
    _run(objects, operations(objects.data(ref)), stream.attrs.get("Resources", res), out, [*forms, ref.number])


class Font:
    """What pdfminer makes of a font's codes: each code's unicode and its width (per unit of size)."""

    def __init__(self, objects: Objects, number: int) -> None:
        spec = objects.mapping(Ref(number))
        subtype = spec.get("Subtype", "Type1")
        self.two_bytes = subtype == "Type0"
        #: the ToUnicode map, and what a simple font's encoding gives without it
        self._unicode: dict[int, str] = {}
        self._encoding: dict[int, str] = {}
        self._widths: dict[int, Any] = {}
        if subtype == "Type0":
            self._cid(objects, spec)
        elif subtype in ("Type1", "MMType1", "TrueType"):
            self._simple(objects, spec, subtype)
        else:
            raise Unreadable(f"a {subtype} font")

    def _cid(self, objects: Objects, spec: dict[str, Any]) -> None:
        if objects.resolve(spec.get("Encoding")) != "Identity-H":
            raise Unreadable("a CID font not encoded Identity-H")
        kids = objects.resolve(spec.get("DescendantFonts"))
        if type(kids) is not list or not kids:
            raise Unreadable("a Type0 font without its descendant")
        desc = objects.mapping(kids[0])
        if desc.get("Subtype") not in ("CIDFontType0", "CIDFontType2"):
            raise Unreadable("a Type0 font's descendant is no CID font")
        self._to_unicode(objects, spec)
        self._widths = _cid_widths(objects, objects.resolve(desc.get("W", [])))
        self._default = _number(objects.resolve(desc.get("DW", 1000)))

    def _simple(self, objects: Objects, spec: dict[str, Any], subtype: str) -> None:
        descriptor = objects.mapping(spec.get("FontDescriptor", {}))
        encoding = objects.resolve(spec.get("Encoding"))
        own = encoding is None and subtype != "TrueType" and "FontFile" in descriptor
        base = "WinAnsiEncoding" if subtype == "TrueType" else "StandardEncoding"
        differences: list[Any] = []
        if type(encoding) is dict:
            base = objects.resolve(encoding.get("BaseEncoding", base))
            differences = objects.resolve(encoding.get("Differences", []))
            if type(differences) is not list:
                raise Unreadable("an encoding's differences")
        elif encoding is not None:
            base = encoding
        if not isinstance(base, str):
            raise Unreadable("an encoding that is no name")
        # a Type1 font without /Encoding: pdfminer reads the font program's own, not read here (its
        # ToUnicode map alone is)
        self._encoding = {} if own else _standard(base)
        code = 0
        for item in differences:
            if type(item) is int:
                code = item
            elif type(item) is Name:
                self._encoding[code] = _glyph(item)  # "": another glyph, read by pdfminer only
                code += 1
        self._to_unicode(objects, spec)
        first = _number(objects.resolve(spec.get("FirstChar", 0)))
        widths = objects.resolve(spec.get("Widths", [0] * 256))
        if type(widths) is not list:
            raise Unreadable("a font's widths")
        self._widths = {int(first) + k: objects.resolve(w) for k, w in enumerate(widths)}
        self._default = _number(objects.resolve(descriptor.get("MissingWidth", 0)))

    def _to_unicode(self, objects: Objects, spec: dict[str, Any]) -> None:
        ref = spec.get("ToUnicode")
        if ref is None:
            if self.two_bytes:
                raise Unreadable("a CID font without its ToUnicode map")
            return
        if type(objects.resolve(ref)) is not Stream:
            raise Unreadable("a ToUnicode map that is no stream")
        self._unicode = to_unicode(values(tokens(objects.data(ref))))

    def codes(self, raw: bytes) -> list[int]:
        """The codes of a shown string, as pdfminer's font decodes it."""
        if self.two_bytes:
            n = len(raw) // 2
            return list(struct.unpack(f">{n}H", raw[: 2 * n])) if n else []
        return list(raw)

    def text(self, code: int) -> str:
        """The code's unicode; :class:`Unreadable` when pdfminer's may differ (a glyph only it names)."""
        got = self._unicode.get(code)
        if got is None and not self.two_bytes:
            got = self._encoding.get(code)
        if not got:
            raise Unreadable(f"code {code} has no unicode known here")
        return got

    def layout(self, shown: Shown) -> list[tuple[str, float, float]]:
        """The chars a text object shows, as pdfminer's ``render_string_horizontal`` places them:
        (unicode, the origin's distance from the first char's, the advance), in text space scaled by
        the size (the text matrix not applied)."""
        state = shown.state
        scaling = state.scale * 0.01
        size = state.size
        char_space = state.char_space * scaling
        word_space = 0.0 if self.two_bytes else state.word_space * scaling
        dxscale = 0.001 * size * scaling
        out: list[tuple[str, float, float]] = []
        x = 0.0
        spaced = False
        for item in shown.items:
            if type(item) is bytes:
                for code in self.codes(item):
                    if spaced:
                        x += char_space
                    adv = self.width(code) * size * scaling
                    out.append((self.text(code), x, adv))
                    x += adv
                    if code == 32 and word_space:
                        x += word_space
                    spaced = True
            else:
                x -= float(item) * dxscale
                spaced = True
        if out and out[0][1]:
            base = out[0][1]
            out = [(t, at - base, adv) for t, at, adv in out]
        return out

    def width(self, code: int) -> float:
        """The code's advance per unit of font size (pdfminer's ``char_width``)."""
        w: Any = self._widths.get(code)
        if type(w) in (int, float):
            return float(w) * 0.001
        if w is not None:
            raise Unreadable("a width that is no number")
        return self._default * 0.001


def _number(value: Any) -> float:
    if type(value) not in (int, float):
        raise Unreadable("a number expected")
    return float(value)


def _cid_widths(objects: Objects, seq: Any) -> dict[int, Any]:
    """A CID font's ``/W`` as pdfminer's ``get_widths`` reads it."""
    if type(seq) is not list:
        raise Unreadable("a CID font's widths")
    widths: dict[int, Any] = {}
    run: list[Any] = []
    for v in seq:
        v = objects.resolve(v)
        if type(v) is list:
            if run:
                first = run[-1]
                if type(first) is not int:
                    raise Unreadable("a CID font's widths")
                for k, w in enumerate(v):
                    widths[first + k] = objects.resolve(w)
                run = []
        elif type(v) in (int, float):
            run.append(v)
            if len(run) == 3:
                a, b, w = run
                if type(a) is not int or type(b) is not int:
                    raise Unreadable("a CID font's widths")
                for k in range(a, b + 1):
                    widths[k] = w
                run = []
    return widths


def to_unicode(objs: list[Any]) -> dict[int, str]:
    """A ToUnicode CMap's code → unicode, as pdfminer's ``CMapParser`` fills a ``FileUnicodeMap``: its
    ``bfchar``, ``bfrange``, ``cidchar`` and ``cidrange`` sections, an entry of the wrong kinds skipped
    as pdfminer skips it (a glyph name as a range's destination is :class:`Unreadable`)."""
    out: dict[int, str] = {}
    pending: list[Any] = []
    for obj in objs:
        if type(obj) is not Word:
            pending.append(obj)
        elif obj in _SECTIONS:
            _SECTIONS[obj](pending, out)
            pending = []
        elif obj in (b"beginbfchar", b"beginbfrange", b"begincidchar", b"begincidrange"):
            pending = []
        else:
            pending.append(obj)
    return out


def _bfchar(pending: list[Any], out: dict[int, str]) -> None:
    for k in range(0, len(pending) - 1, 2):
        src, dst = pending[k], pending[k + 1]
        if type(src) is bytes and type(dst) is bytes:
            _add(out, _unpack(src), dst)


def _bfrange(pending: list[Any], out: dict[int, str]) -> None:
    for k in range(0, len(pending) - 2, 3):
        lo, hi, dst = pending[k], pending[k + 1], pending[k + 2]
        if type(lo) is not bytes or type(hi) is not bytes or len(lo) != len(hi):
            continue
        start, end = _unpack(lo), _unpack(hi)
        if type(dst) is list:
            for code, value in zip(range(start, end + 1), dst, strict=False):
                if type(value) is not bytes:
                    raise Unreadable("a ToUnicode range to something other than strings")
                _add(out, code, value)
        elif type(dst) is bytes:
            _count(out, start, end, dst[:-4], dst[-4:], start)
        else:
            raise Unreadable("a ToUnicode range to something other than strings")


def _cidrange(pending: list[Any], out: dict[int, str]) -> None:
    """pdfminer's reading: the codes' own bytes taken as the unicode of the CIDs from ``cid`` on."""
    for k in range(0, len(pending) - 2, 3):
        lo, hi, cid = pending[k], pending[k + 1], pending[k + 2]
        if type(lo) is not bytes or type(hi) is not bytes or type(cid) is not int or len(lo) != len(hi):
            continue
        if lo[:-4] == hi[:-4]:
            _count(out, _unpack(lo[-4:]), _unpack(hi[-4:]), lo[:-4], lo[-4:], cid)


def _cidchar(pending: list[Any], out: dict[int, str]) -> None:
    for k in range(0, len(pending) - 1, 2):
        cid, code = pending[k], pending[k + 1]
        if type(code) is bytes and type(cid) is int:
            _add(out, cid, code)


def _count(out: dict[int, str], start: int, end: int, prefix: bytes, var: bytes, first: int) -> None:
    """``end - start + 1`` entries from ``first``: ``prefix`` and ``var`` counted up, as many bytes."""
    base, size = _unpack(var), len(var)
    if base + end - start >= 1 << 32:
        raise Unreadable("a ToUnicode range past 32 bits")
    for k in range(end - start + 1):
        _add(out, first + k, prefix + struct.pack(">L", base + k)[-size:])


_SECTIONS = {b"endbfchar": _bfchar, b"endbfrange": _bfrange, b"endcidrange": _cidrange, b"endcidchar": _cidchar}


def _add(out: dict[int, str], code: int, dst: bytes) -> None:
    text = dst.decode("utf-16-be", "ignore")
    if text == "\xa0" and out.get(code) == " ":
        return  # pdfminer keeps a space a map also gives as a no-break space
    out[code] = text


def _unpack(raw: bytes) -> int:
    """pdfminer's ``nunpack``: 1 to 4 bytes, or 8, big-endian."""
    if not raw:
        return 0
    if len(raw) <= 4 or len(raw) == 8:
        return int.from_bytes(raw, "big")
    raise Unreadable("a code of more than four bytes")
