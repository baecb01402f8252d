"""A PDF's objects read straight from its bytes, without pdfminer: what the pdfium backend asks of the
file that pdfium's API does not tell (the codes a text object prints, its font's maps and widths).

The survey (:mod:`budgetx.readers.pdf.survey`) walks every object of a whole
document once; :class:`Objects` keeps where each one's latest definition is and
parses it when asked: numbers, names (:class:`Name`), strings (``bytes``),
arrays (``list``), dictionaries (``dict`` keyed by ``str``), references
(:class:`Ref`), streams (:class:`Stream`).  Anything it cannot read exactly — an
object defined twice in ways the survey cannot order, a filter it cannot undo,
a value of the wrong kind — raises :class:`Unreadable`, and the caller leaves
the page to pdfminer.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any, NamedTuple

from budgetx.readers.pdf import pstokens


class Unreadable(Exception):
    """Something of the file that this module does not read exactly."""


class Name(str):
    """A PDF name, without its slash."""

    __slots__ = ()


class Word(bytes):
    """A keyword: an operator of a content stream, or ``R``, ``null``, ``obj`` in a body."""

    __slots__ = ()


class Ref(NamedTuple):
    """A reference to an indirect object."""

    number: int


class Stream(NamedTuple):
    """A stream: its dictionary and its encoded data's place in the file."""

    attrs: dict[str, Any]
    start: int
    stop: int


_DICT_BEGIN = object()
_DICT_END = object()
_R = b"R"
_NULL = b"null"


def _name(raw: bytes) -> Name:
    try:
        return Name(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Name(raw.decode("latin-1"))


def tokens(data: bytes) -> list[Any]:
    """The tokens of ``data`` (:func:`budgetx.readers.pdf.pstokens.tokens`) as this module's values;
    :class:`Unreadable` when the tokenizer cannot read them as pdfminer would."""
    try:
        return pstokens.tokens(data, None, Word, _name, _DICT_BEGIN, _DICT_END, escapes=True)
    except pstokens.Unsupported as exc:
        raise Unreadable(str(exc)) from None


def values(toks: list[Any]) -> list[Any]:
    """The values ``toks`` write, arrays and dictionaries built; keywords other than ``[ ] R null``
    are kept as :class:`Word` (a content stream's operators); ``N G R`` is a :class:`Ref`."""
    out: list[Any] = []
    cur = out
    stack: list[tuple[list[Any], bool]] = []
    for tok in toks:
        kind = type(tok)
        if kind is Word:
            if tok == b"[":
                stack.append((cur, False))
                cur = []
                continue
            if tok == b"]":
                if not stack or stack[-1][1]:
                    raise Unreadable("unbalanced array")
                done = cur
                cur = stack.pop()[0]
                cur.append(done)
                continue
            if tok == _R and len(cur) >= 2 and type(cur[-1]) is int and type(cur[-2]) is int:
                number = cur[-2]
                del cur[-2:]
                cur.append(Ref(number))
                continue
            if tok == _NULL:
                cur.append(None)
                continue
            cur.append(tok)
        elif tok is _DICT_BEGIN:
            stack.append((cur, True))
            cur = []
        elif tok is _DICT_END:
            if not stack or not stack[-1][1] or len(cur) % 2:
                raise Unreadable("unbalanced dictionary")
            done = cur
            cur = stack.pop()[0]
            pairs = {}
            for k in range(0, len(done), 2):
                key = done[k]
                if type(key) is not Name:
                    raise Unreadable("a dictionary key that is no name")
                if done[k + 1] is not None:  # a null entry is no entry
                    pairs[str(key)] = done[k + 1]
            cur.append(pairs)
        else:
            cur.append(tok)
    if stack:
        raise Unreadable("an array or dictionary not closed")
    return out


class Objects:
    """A document's objects by their latest definitions, as the survey found them.

    ``bodies``: the body of each object that is no stream; ``streams``: each
    stream's dictionary and where its data starts and stops in ``data``;
    ``twice``: objects defined both inside and outside an object stream.
    """

    def __init__(
        self,
        data: bytes,
        bodies: dict[int, bytes],
        streams: dict[int, tuple[bytes, int, int]],
        twice: set[int],
    ) -> None:
        self._data = data
        self._bodies = bodies
        self._streams = streams
        self._twice = twice
        self._parsed: dict[int, Any] = {}
        self._pages: list[tuple[int, dict[str, Any]]] | None = None

    def get(self, number: int) -> Any:
        """Object ``number``, parsed (a :class:`Stream` for a stream)."""
        if number in self._parsed:
            return self._parsed[number]
        if number in self._twice:
            raise Unreadable(f"object {number} is defined twice")
        stream = self._streams.get(number)
        if stream is not None:
            head, start, stop = stream
            got = values(tokens(head))
            if len(got) != 1 or type(got[0]) is not dict:
                raise Unreadable(f"stream {number} without its dictionary")
            value: Any = Stream(got[0], start, stop)
        else:
            body = self._bodies.get(number)
            if body is None:
                raise Unreadable(f"no object {number}")
            got = values(tokens(body))
            if len(got) != 1:
                raise Unreadable(f"object {number} is not one value")
            value = got[0]
        self._parsed[number] = value
        return value

    def resolve(self, value: Any) -> Any:
        """``value``, or the object it refers to."""
        seen = 0
        while type(value) is Ref:
            value = self.get(value.number)
            seen += 1
            if seen > 32:
                raise Unreadable("a chain of references")
        return value

    def mapping(self, value: Any) -> dict[str, Any]:
        """``value`` resolved, which must be a dictionary (a stream's dictionary for a stream)."""
        got = self.resolve(value)
        if type(got) is Stream:
            return got.attrs
        if type(got) is not dict:
            raise Unreadable("a dictionary expected")
        return got

    def data(self, value: Any) -> bytes:
        """A stream's data, decoded (Flate, ASCII85 and ASCIIHex, without predictors)."""
        stream = self.resolve(value)
        if type(stream) is not Stream:
            raise Unreadable("a stream expected")
        raw = self._data[stream.start : stream.stop]
        filters = self.resolve(stream.attrs.get("Filter"))
        if filters is None:
            names: list[Any] = []
        elif type(filters) is Name:
            names = [filters]
        elif type(filters) is list:
            names = [self.resolve(f) for f in filters]
        else:
            raise Unreadable("a stream's filter")
        if names and stream.attrs.get("DecodeParms") is not None:
            raise Unreadable("a stream with decoding parameters")
        for name in names:
            if name in ("FlateDecode", "Fl"):
                try:
                    raw = zlib.decompress(raw)
                except zlib.error as exc:
                    raise Unreadable(f"a stream that does not inflate: {exc}") from None
            elif name.encode() in TEXT_FILTERS:
                try:
                    raw = TEXT_FILTERS[name.encode()](raw)
                except ValueError:
                    raise Unreadable("a stream that does not decode") from None
            else:
                raise Unreadable(f"a stream encoded with {name}")
        return raw

    def pages(self) -> list[tuple[int, dict[str, Any]]]:
        """The page tree's pages in order: (the page's object number, its dictionary with the
        /Resources it inherits)."""
        if self._pages is None:
            self._pages = self._walk()
        return self._pages

    def _walk(self) -> list[tuple[int, dict[str, Any]]]:
        root = self._root()
        out: list[tuple[int, dict[str, Any]]] = []
        todo: list[tuple[int, Any]] = [(root, None)]
        seen: set[int] = set()
        while todo:
            number, inherited = todo.pop()
            if number in seen:
                raise Unreadable("a page tree with a cycle")
            seen.add(number)
            node = self.mapping(Ref(number))
            resources = node.get("Resources", inherited)
            if node.get("Type") == "Pages" or "Kids" in node:
                kids = self.resolve(node.get("Kids"))
                if type(kids) is not list or any(type(k) is not Ref for k in kids):
                    raise Unreadable("a page tree node's kids")
                todo.extend((k.number, resources) for k in reversed(kids))
            else:
                page = dict(node)
                if resources is not None:
                    page["Resources"] = resources
                out.append((number, page))
        return out

    def _root(self) -> int:
        """The page tree's root: the one /Pages node no other node names as a kid."""
        nodes: dict[int, list[int]] = {}
        for number in self._bodies:
            body = self._bodies[number]
            if b"/Pages" not in body or b"/Kids" not in body:
                continue
            node = self.resolve(Ref(number))
            if type(node) is dict and node.get("Type") == "Pages":
                kids = self.resolve(node.get("Kids"))
                nodes[number] = [k.number for k in kids if type(k) is Ref] if type(kids) is list else []
        named = {k for kids in nodes.values() for k in kids}
        roots = [k for k in nodes if k not in named]
        if len(roots) != 1:
            raise Unreadable("no single page tree root")
        return roots[0]


def ascii85(raw: bytes) -> bytes:
    """ASCII85Decode: the data up to its ``~>`` end mark (groups of five digits → four bytes, a
    short last group padded)."""
    body = raw.split(b"~>", 1)[0].translate(None, b" \t\n\r\x0b\x0c")
    if body.startswith(b"<~"):
        body = body[2:]
    body = body.replace(b"z", b"!!!!!")
    if body.translate(None, _A85_DIGITS):
        raise ValueError("not ASCII85")
    short = -len(body) % 5
    digits = (body + b"u" * short).translate(_A85_VALUE)
    groups = zip(digits[0::5], digits[1::5], digits[2::5], digits[3::5], digits[4::5], strict=True)
    try:
        out = struct.pack(
            f">{len(digits) // 5}I", *[(((a * 85 + b) * 85 + c) * 85 + d) * 85 + e for a, b, c, d, e in groups]
        )
    except struct.error as exc:  # a group past 2**32
        raise ValueError(str(exc)) from exc
    return out[: len(out) - short] if short else out


def asciihex(raw: bytes) -> bytes:
    """ASCIIHexDecode: the hex digits up to its ``>`` end mark (an odd last digit followed by 0)."""
    digits = bytes(c for c in raw.split(b">", 1)[0] if c not in b" \t\n\r\x0b\x0c")
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("latin-1"))


_A85_DIGITS = bytes(range(33, 118))
#: an ASCII85 digit's value (its byte less 33)
_A85_VALUE = bytes((c - 33) % 256 for c in range(256))
#: filters undone before the last (Flate), by name
TEXT_FILTERS = {b"ASCII85Decode": ascii85, b"A85": ascii85, b"ASCIIHexDecode": asciihex, b"AHx": asciihex}
