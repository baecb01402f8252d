"""pdfminer made safe against damaged and hostile PDFs, for as long as budgetx reads one.

pdfminer is lenient: it reads what it can of a damaged file and says little.
Three of its ways hurt a user reading files from the web:

- a reference cycle (``6 0 obj 6 0 R endobj``) makes ``resolve1`` loop forever;
- a Flate stream that does not inflate cleanly is retried byte by byte,
  growing the output by concatenation — quadratic: a damaged 4 MB font took
  nine minutes — and when the damage is not in the last bytes the stream is
  read as empty without a word, so a page's table vanishes;
- nothing bounds what a stream inflates to: 260 KB become gigabytes.

While :func:`guarded` is active (:mod:`budgetx.readers.pdf` reads a document
inside it), ``PDFObjRef.resolve`` follows a chain of references itself,
stops at a cycle and notes a reference to an object the file lacks (no
published document of the corpus has one), a content stream whose arrays are never closed is noted,
and pdfminer's inflating of Flate streams goes through
:func:`_inflate` and :func:`_salvage`: linear, capped at the budget's
``stream_bytes`` (:class:`StreamTooLarge` past it), byte-exact with
pdfminer's own results otherwise.  Every loss — a cycle, a stream read in
part or not at all — is recorded (:func:`damage`), so the reader can say
which page lost what instead of returning less without a word.  Outside the
context pdfminer is pdfminer; nesting and threads are counted as
:class:`~budgetx.readers.pdf.patches.Patches` does.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Iterator
from typing import Any

from pdfminer import pdfinterp, pdftypes
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.pdftypes import PDFObjectNotFound, PDFObjRef, PDFStream
from pdfminer.psparser import PSEOF, PSTypeError

from budgetx import budget

# what was lost is recorded in budgetx.readers.pdf.losses (no pdfminer there); named here too
from budgetx.readers.pdf.losses import StreamTooLarge, _local, damage, lost  # noqa: F401
from budgetx.readers.pdf.patches import Patches

#: the bytes fed to zlib at once while salvaging a damaged stream
_CHUNK = 1 << 16


# -- inflating -----------------------------------------------------------------------


def _inflate(data: bytes, *args: Any, **kwargs: Any) -> bytes:
    """``zlib.decompress(data)``, with the output capped: raises ``zlib.error`` where it would."""
    if args or kwargs:
        return zlib.decompress(data, *args, **kwargs)
    limit = _local.limit
    d = zlib.decompressobj()
    out = d.decompress(data, limit + 1)
    if len(out) > limit:
        raise StreamTooLarge(limit)
    if not d.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def _salvage(data: bytes) -> bytes:
    """pdfminer's ``decompress_corrupted`` in linear time: what inflates before the damage.

    As pdfminer: the bytes are fed one at a time and the output up to the
    first bad byte is kept when that byte is among the last four (the Adler-32
    checksum); earlier damage raises ``zlib.error`` (and pdfminer reads the
    stream as empty).  Here the bytes go in chunks, a chunk
    that fails being fed again byte by byte from a copy of the inflater.  A
    stream lost, ending before its end mark, or failing its checksum (the
    inflated bytes differ from those compressed: a byte flipped inside) is
    recorded as damage.
    """
    limit = _local.limit
    d = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    n = len(data)
    for start in range(0, n, _CHUNK):
        chunk = data[start : start + _CHUNK]
        before = d.copy()
        try:
            piece = d.decompress(chunk)
        except zlib.error:
            d = before
            for k in range(len(chunk)):
                try:
                    piece = d.decompress(chunk[k : k + 1])
                except zlib.error:
                    if start + k < n - 3:
                        lost("a damaged compressed stream{object}")
                        raise
                    # inflated to its end, but what came out is not what was compressed
                    # (or the checksum itself is damaged): no published file of the corpus has one
                    lost("a compressed stream{object} that fails its checksum: its content is altered")
                    return b"".join(parts)
                parts.append(piece)
                size += len(piece)
                if size > limit:
                    raise StreamTooLarge(limit) from None
            continue
        parts.append(piece)
        size += len(piece)
        if size > limit:
            raise StreamTooLarge(limit)
    if not d.eof:
        lost("a truncated compressed stream{object}")
    return b"".join(parts)


class _Zlib:
    """What pdfminer's ``pdftypes`` uses of ``zlib``, with :func:`_inflate` for ``decompress``."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)
    decompress = staticmethod(_inflate)


_decode = PDFStream.decode


def _decode_noting(self: PDFStream) -> None:
    """``PDFStream.decode``, remembering which stream it decodes (for :func:`_lost`)."""
    outer = _local.stream
    _local.stream = self.objid
    try:
        _decode(self)
    finally:
        _local.stream = outer


# -- references ----------------------------------------------------------------------


def _resolve(self: PDFObjRef, default: object = None) -> Any:
    """``PDFObjRef.resolve`` that follows a chain of references to its end, and stops at a cycle."""
    assert self.doc is not None
    seen = {self.objid}
    ref: Any = self
    while True:
        try:
            x = ref.doc.getobj(ref.objid)
        except PDFObjectNotFound:
            lost(f"a reference to a missing object {ref.objid}")
            return default
        if not isinstance(x, PDFObjRef):
            return x
        if x.objid in seen or x.doc is None:
            lost(f"a cycle of references at object {x.objid}")
            return default
        seen.add(x.objid)
        ref = x


# -- content streams ---------------------------------------------------------------


#: the states of pdfminer's tokenizer inside a literal or hex string
_IN_STRING = frozenset({"_parse_string", "_parse_string_1", "_parse_hexstring"})


class _ContentParser(PDFContentParser):
    """pdfminer's content parser, noting an array or dictionary left open at the end of a page's content,
    or an inline image without its end: the operators after its start were never run."""

    def nextobject(self) -> Any:
        try:
            return super().nextobject()
        except PSEOF:
            if self.context:
                lost("a content stream with an array or dictionary never closed: what follows it is lost")
            elif getattr(self._parse1, "__name__", "") in _IN_STRING:
                lost("a content stream with a string never closed: what follows it is lost")
            raise

    def end_type(self, type: str) -> Any:
        try:
            return super().end_type(type)
        except PSTypeError:
            lost("a content stream with a ] or >> that closes nothing")
            raise

    def get_inline_data(self, pos: int, target: bytes = b"EI") -> tuple[int, bytes]:
        try:
            return super().get_inline_data(pos, target)
        except PSEOF:
            lost("an inline image never ended (no EI): what follows it is lost")
            raise


# -- the context ---------------------------------------------------------------------

_GUARDS = Patches(
    lambda: [
        (pdftypes, "zlib", _Zlib),
        (pdftypes, "decompress_corrupted", _salvage),
        (PDFObjRef, "resolve", _resolve),
        (PDFStream, "decode", _decode_noting),
        (pdfinterp, "PDFContentParser", _ContentParser),
    ]
)


@contextlib.contextmanager
def guarded(limits: budget.Budget) -> Iterator[None]:
    """pdfminer with cycle-safe references and capped, linear, loss-reporting inflating, for a while."""
    outer = (_local.losses, _local.limit)
    _local.losses, _local.limit = [], limits.stream_bytes
    try:
        with _GUARDS.active():
            yield
    finally:
        _local.losses, _local.limit = outer
