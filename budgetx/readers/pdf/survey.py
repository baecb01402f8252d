"""A PDF's objects and streams surveyed before pdfium reads it: is it whole, and within the budget?

pdfium reads a damaged file leniently and without a word: a stream that
does not inflate to its end is read in part, a page the page tree miscounts
is not read at all.  pdfminer, under budgetx's guards
(:mod:`budgetx.readers.pdf.guards`), records every such loss and enforces the
budget's caps (the inflated size of a stream, the tokens of a page).  So the
pdfium backend reads a document only when a survey of its bytes finds nothing
those guards would have to speak of:

- every Flate stream inflates to its end mark with a good checksum, within
  the budget's ``stream_bytes``; a stream that may be page content is not
  encoded otherwise (a filter the survey cannot undo);
- what may be page content (a stream that is no font, image, metadata,
  profile, cross-reference or object stream) inflates, all told, to no more
  bytes than the budget's tokens for every page: no page can hold more tokens
  than pdfminer would read;
- no object is only a reference to another (the start of a cycle);
- the pages the page tree reaches (its /Kids followed, by the latest
  definition of each object number in the file and in its object streams)
  are as many as pdfium's pages: a ``/Count`` that hides pages is seen, and
  pages an incremental update took out of the tree are not counted.

Anything else sends the document to pdfminer, which reads it, reports the
damage or refuses it over budget as it does by default (:func:`survey` says
why).  The survey reads every stream once, in C (``zlib``), without keeping
what it inflates beyond object streams: 5 ms on a typical budget document,
50 ms on one of 4 MB of embedded fonts.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from budgetx import patterns
from budgetx.readers.pdf import cos

#: an indirect object's header: "12 0 obj"
_OBJ = patterns.compile(rb"(\d+)\s+(\d+)\s+obj$")
#: the keyword that starts a stream's data, with its end of line
_STREAM = patterns.compile(rb"stream(?:\r\n|\n|\r)")
#: a direct /Length (not "/Length 12 0 R")
_LENGTH = patterns.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
#: an object whose whole body is a reference to another
_ONLY_REF = patterns.compile(rb"\s*\d+\s+\d+\s+R\s*(?:endobj)?\s*$")
#: a page tree node and its kids
_PAGES = patterns.compile(rb"/Type\s*/Pages(?![A-Za-z0-9])")
_KIDS = patterns.compile(rb"/Kids\s*\[([^\]]*)\]")
_REF = patterns.compile(rb"(\d+)\s+\d+\s+R")
#: a page object (not /Pages)
_PAGE = patterns.compile(rb"/Type\s*/Page(?![A-Za-z0-9])")
#: what a stream's dictionary says of a stream that is no page content
_NOT_CONTENT = patterns.compile(
    rb"/Length[123]\b|/Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType|XML)\b"
    rb"|/Type\s*/(?:XRef|ObjStm|Metadata|EmbeddedFile)\b|/N\s+[134]\b"
)
_FILTER = patterns.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = patterns.compile(rb"/([A-Za-z0-9]+)")
#: filters of images, which nothing reads as page content
_IMAGE_FILTERS = {b"DCTDecode", b"DCT", b"JPXDecode", b"CCITTFaxDecode", b"CCF", b"JBIG2Decode"}
_FLATE = {b"FlateDecode", b"Fl"}
_IMAGE = patterns.compile(rb"/Subtype\s*/Image\b")
_INT_N = patterns.compile(rb"/N\s+(\d+)")
_INT_FIRST = patterns.compile(rb"/First\s+(\d+)")
#: bytes inflated at once while a stream is measured
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Survey:
    """What the survey found: ``why`` pdfminer must read the document, ``""`` when pdfium may."""

    why: str = ""
    #: the pages the page tree reaches
    pages: int = 0
    #: bytes of what may be page content, inflated
    content_bytes: int = 0
    #: the file's objects by their latest definitions, when the document is whole
    objects: cos.Objects | None = None

    @property
    def whole(self) -> bool:
        return not self.why


def survey(data: bytes, stream_bytes: int, page_tokens: int, pdfium_pages: int) -> Survey:
    """Survey ``data`` (a PDF's bytes) against the budget's caps and pdfium's page count."""
    #: the latest definition of each object that is no stream
    bodies: dict[int, bytes] = {}
    #: the latest definition of each stream: its dictionary, where its data starts and stops
    streams: dict[int, tuple[bytes, int, int]] = {}
    content = 0
    objstms: list[tuple[bytes, bytes]] = []
    n = len(data)
    m = _header(data, 0)
    while m is not None:
        number, start = m[1], m[2]
        nxt = _header(data, start)
        limit = nxt[0] if nxt is not None else n
        s = _STREAM.search(data, start, limit)
        if s is not None:
            head = data[start : s.start()]
            body_start = s.end()
            stop = _stream_end(data, head, body_start)
            if stop < 0:
                return Survey(f"object {number}: a stream without its end")
            bodies.pop(number, None)
            streams[number] = (head, body_start, stop)
            why, size, kept = _measure(head, data[body_start:stop], stream_bytes)
            if why:
                return Survey(f"object {number}: {why}")
            if kept is not None:
                objstms.append((head, kept))
            elif size and not _NOT_CONTENT.search(head):
                content += size
            after = stop + len(b"endstream")
            m = nxt if nxt is not None and nxt[0] >= after else _header(data, after)
            continue
        end = data.find(b"endobj", start, limit)
        stop = end if end >= 0 else limit
        body = data[start:stop]
        if _ONLY_REF.match(body):
            return Survey(f"object {number} is only a reference")
        bodies[number] = body
        streams.pop(number, None)
        m = nxt
    #: objects defined both in an object stream and outside one: which is the latest is not known here
    twice: set[int] = set()
    for head, stm in objstms:
        inside = _objects_in(head, stm)
        if inside is None:
            return Survey("an object stream without its /N and /First")
        for number, body in inside:
            if _ONLY_REF.match(body):
                return Survey(f"object {number} is only a reference")
            if number in streams or number in bodies:
                twice.add(number)
            bodies[number] = body
    found = _pages_in_tree(bodies)
    if found is None:
        return Survey("a page tree the survey cannot walk", 0, content)
    if found != pdfium_pages:
        return Survey(f"the file defines {found} pages, pdfium finds {pdfium_pages}", found, content)
    if content > page_tokens * max(found, 1):
        return Survey("more page content than the budget's tokens", found, content)
    return Survey("", found, content, cos.Objects(data, bodies, streams, twice))


def _header(data: bytes, pos: int) -> tuple[int, int, int] | None:
    """The next object header ("12 0 obj") from ``pos``: (where it starts, the object's number, where its
    body starts).  The keyword is found first (a byte search), then the numbers before it: a pattern
    starting with digits would be tried at every digit of every binary stream."""
    while True:
        k = data.find(b"obj", pos)
        if k < 0:
            return None
        pos = k + 3
        if data[k - 3 : k] == b"end" or data[pos : pos + 1].isalnum():
            continue
        m = _OBJ.search(data, max(k - 40, 0), pos)
        if m is not None:
            return m.start(), int(m.group(1)), m.end()


def _pages_in_tree(bodies: dict[int, bytes]) -> int | None:
    """The pages the page tree reaches (its /Kids followed from the one /Pages node no other
    names), by the latest definition of each object; ``None`` when it is not one sound tree."""
    nodes = {k: _KIDS.search(b) for k, b in bodies.items() if _PAGES.search(b)}
    kids = {k: [int(r) for r in _REF.findall(m.group(1))] if m else [] for k, m in nodes.items()}
    named = {r for refs in kids.values() for r in refs}
    roots = [k for k in nodes if k not in named]
    if len(roots) != 1:
        return None
    count = 0
    seen: set[int] = set()
    todo = [roots[0]]
    while todo:
        k = todo.pop()
        if k in seen:
            return None
        seen.add(k)
        if k in nodes:
            todo.extend(kids[k])
        elif k in bodies and _PAGE.search(bodies[k]):
            count += 1
        else:
            return None
    return count


def _stream_end(data: bytes, head: bytes, body_start: int) -> int:
    """Where the stream's data ends (its ``endstream`` keyword), by a direct /Length when it lands
    there, else by the keyword; -1 without one."""
    m = _LENGTH.search(head)
    if m is not None:
        stop = body_start + int(m.group(1))
        tail = data[stop : stop + 12].lstrip(b"\r\n \t")
        if tail.startswith(b"endstream"):
            return stop
    return data.find(b"endstream", body_start)


def _measure(head: bytes, raw: bytes, cap: int) -> tuple[str, int, bytes | None]:
    """(why pdfminer must read it, or ""; the stream's size decoded; an object stream's bytes)."""
    m = _FILTER.search(head)
    filters = _NAME.findall(m.group(1)) if m else []
    is_objstm = b"/ObjStm" in head
    if _IMAGE.search(head) or (filters and all(f in _IMAGE_FILTERS for f in filters)):
        return "", 0, None  # an image: nothing reads its data as text or rules
    while filters and filters[0] in cos.TEXT_FILTERS:
        try:
            raw = cos.TEXT_FILTERS[filters.pop(0)](raw)
        except ValueError:
            return "a stream that does not decode", 0, None
    if not filters:
        return "", len(raw.rstrip(b"\r\n")), (raw if is_objstm else None)
    if len(filters) != 1 or filters[0] not in _FLATE:
        return f"a stream encoded with {b' '.join(filters).decode('latin-1')}", 0, None
    d = zlib.decompressobj()
    size = 0
    kept: list[bytes] = []
    chunk = raw
    try:
        while True:
            out = d.decompress(chunk, _CHUNK)
            size += len(out)
            if size > cap:
                return "a stream inflates past the budget's cap", size, None
            if is_objstm:
                kept.append(out)
            chunk = d.unconsumed_tail
            if not chunk or d.eof or not out:
                break
        out = d.flush()
        size += len(out)
        if is_objstm:
            kept.append(out)
    except zlib.error:
        return "a stream that does not inflate", size, None
    if not d.eof:
        return "a stream that ends before its end mark", size, None
    if size > cap:
        return "a stream inflates past the budget's cap", size, None
    return "", size, (b"".join(kept) if is_objstm else None)


def _objects_in(head: bytes, stm: bytes) -> list[tuple[int, bytes]] | None:
    """The objects of an object stream: (number, body), from its ``/N`` number/offset pairs and its
    ``/First``; ``None`` when the stream does not say them."""
    n, first = _INT_N.search(head), _INT_FIRST.search(head)
    if n is None or first is None:
        return None
    count, base = int(n.group(1)), int(first.group(1))
    nums = stm[:base].split()
    if len(nums) < 2 * count or not all(t.isdigit() for t in nums[: 2 * count]):
        return None
    pairs = [(int(nums[2 * k]), int(nums[2 * k + 1])) for k in range(count)]
    out = []
    for k, (number, offset) in enumerate(pairs):
        stop = pairs[k + 1][1] if k + 1 < count else len(stm) - base
        out.append((number, stm[base + offset : base + stop]))
    return out
