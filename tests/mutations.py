"""Seeded mutations of a PDF, as damage and hostility come in the wild.

Used by ``tests/test_fuzz.py`` (a few dozen cases) and ``benchmarks/fuzz.py``
(a thousand and more).  Every mutation is a pure function of the original
bytes and a ``random.Random``, so a case is reproduced from its seed.

- ``flip``: a few bytes anywhere XOR-ed (bit rot, a bad download);
- ``truncate``: the file cut short (an interrupted download);
- ``no_xref``: the cross-reference table or its pointer destroyed;
- ``zero``: a run of bytes inside a stream zeroed (a damaged disk block);
- ``duplicate``: an object defined again at the end of the file, as it was or with a byte changed;
- ``junk``: a content stream's operators mixed with junk (unbalanced arrays and
  dictionaries, inline images, strings cut short, huge numbers, deep nesting),
  appended as an incremental update so the file's structure stays valid.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable

_STREAM = re.compile(rb"stream\r?\n")
_OBJ = re.compile(rb"(\d+) (\d+) obj\b")
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_ROOT = re.compile(rb"/Root\s+(\d+\s+\d+\s+R)")
_SIZE = re.compile(rb"/Size\s+(\d+)")


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) // 10, len(data))]


def no_xref(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(3)
    if choice == 0:
        return data.replace(b"startxref", b"startxrex")
    if choice == 1:
        return _STARTXREF.sub(lambda m: b"startxref\n" + str(rng.randrange(len(data))).encode(), data)
    at = data.rfind(b"xref")
    if at < 0:
        return flip(data, rng)
    return data[:at] + bytes(min(400, len(data) - at)) + data[at + 400 :]


def _streams(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of every stream's bytes."""
    spans = []
    for m in _STREAM.finditer(data):
        end = data.find(b"endstream", m.end())
        if end > m.end():
            spans.append((m.end(), end))
    return spans


def zero(data: bytes, rng: random.Random) -> bytes:
    spans = _streams(data)
    if not spans:
        return flip(data, rng)
    start, end = rng.choice(spans)
    at = rng.randrange(start, end)
    n = rng.randint(16, 4096)
    out = bytearray(data)
    out[at : at + n] = bytes(len(out[at : at + n]))
    return bytes(out)


def _append(data: bytes, objects: list[tuple[int, bytes]]) -> bytes:
    """``data`` with an incremental update redefining ``objects`` (number, body between obj and endobj)."""
    prev = _STARTXREF.findall(data)
    root = _ROOT.findall(data)
    size = [int(s) for s in _SIZE.findall(data)]
    if not prev or not root:
        return data
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = []
    for num, body in objects:
        offsets.append((num, len(out)))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    for num, at in offsets:
        out += b"%d 1\n%010d 00000 n \n" % (num, at)
    biggest = max([*size, *(n + 1 for n, _ in objects)])
    out += b"trailer\n<< /Size %d /Root %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        biggest,
        root[-1],
        prev[-1],
        xref,
    )
    return bytes(out)


def duplicate(data: bytes, rng: random.Random) -> bytes:
    """An object defined a second time at the end of the file: as it was, or with a byte changed."""
    objs = [(int(m.group(1)), m.end()) for m in _OBJ.finditer(data)]
    if not objs:
        return flip(data, rng)
    target, start = rng.choice(objs)
    end = data.find(b"endobj", start)
    body = data[start:end] if end > start else b"null"
    if rng.random() < 0.5:
        body = flip(body, rng)
    return _append(data, [(target, body)])


_JUNK = (
    b"[ [ [ [",
    b"] ] >> >>",
    b"<< /A << /B",
    b"BI /W 4 /H 4 ID \x00\x01\x02",
    b"(unterminated",
    b"<4142",
    b"99999999999999999999999999 -1e400 .5. --3",
    b"/#41#zz",
    b"Tj TJ Tf Td cm cm cm",
    b"[" * 5000,
    b"q " * 3000,
    b"\xff\xfe\x00",
    b"1 0 0 1 0 0 cm /F1 1e9 Tf (x) Tj",
)


def junk(data: bytes, rng: random.Random) -> bytes:
    candidates = []
    for m in _OBJ.finditer(data):
        head_end = data.find(b"stream", m.end())
        if head_end < 0 or head_end - m.end() > 400 or b"endobj" in data[m.end() : head_end]:
            continue
        head = data[m.end() : head_end]
        if b"/FlateDecode" not in head or b"/Subtype" in head or b"/Length1" in head:
            continue  # images and fonts are not content streams
        body_start = _STREAM.match(data, head_end)
        if body_start is None:
            continue
        end = data.find(b"endstream", body_start.end())
        try:
            text = zlib.decompress(data[body_start.end() : end])
        except zlib.error:
            continue
        if b"Tj" in text or b"TJ" in text or b" re" in text:
            candidates.append((int(m.group(1)), text))
    if not candidates:
        return flip(data, rng)
    num, text = rng.choice(candidates)
    pieces = bytearray(text)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(pieces) + 1)
        pieces[at:at] = b" " + rng.choice(_JUNK) + b" "
    packed = zlib.compress(bytes(pieces))
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    return _append(data, [(num, body)])


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "flip": flip,
    "truncate": truncate,
    "no_xref": no_xref,
    "zero": zero,
    "duplicate": duplicate,
    "junk": junk,
}


def mutate(data: bytes, seed: int) -> tuple[str, bytes]:
    """The mutation ``seed`` picks, and the mutated bytes."""
    rng = random.Random(seed)
    name = rng.choice(sorted(MUTATIONS))
    return name, MUTATIONS[name](data, rng)


# -- outcomes --------------------------------------------------------------------------

#: how a mutated file's reading ended
RESULT = "result"  # read, all it holds or the loss reported
ERROR = "clean error"  # a BudgetxError: one line, its exit code
OVER = "over budget"  # stopped by the time or memory budget: a clean error too
HANG = "hang"  # did not end within the budget and its grace
TRACEBACK = "traceback"  # any other exception: a bug
SILENT_LOSS = "silent loss"  # fewer tables or amounts than the original, and not a word
OUTCOMES = (RESULT, ERROR, OVER, HANG, TRACEBACK, SILENT_LOSS)


def measure(doc: object) -> tuple[int, int]:
    """(tables, amounts) of a document."""
    from decimal import Decimal

    tables = doc.tables  # type: ignore[attr-defined]
    return len(tables), sum(isinstance(c, Decimal) for t in tables for r in t.rows for c in r.cells)


def classify(doc: object, original: tuple[int, int]) -> str:
    """The outcome of a mutated file that was read: a result, or a silent loss against ``original``."""
    if doc.source.unreadable:  # type: ignore[attr-defined]
        return RESULT
    tables, amounts = measure(doc)
    return SILENT_LOSS if tables < original[0] or amounts < original[1] else RESULT


def run_in_process(path: str, data: bytes, original: tuple[int, int], seconds: float = 30) -> tuple[str, str]:
    """(outcome, detail) of reading ``data`` with the library, under a budget of ``seconds``."""
    import budgetx
    from budgetx.budget import Budget
    from budgetx.errors import BudgetxError, OverBudget

    try:
        doc = budgetx.extract(path, data=data, budget=Budget(seconds=seconds, memory_mb=1024))
    except OverBudget as exc:
        return OVER, exc.reason
    except BudgetxError as exc:
        return ERROR, exc.reason
    except Exception as exc:  # what the fuzzing looks for
        return TRACEBACK, f"{type(exc).__name__}: {exc}"
    return classify(doc, original), ""
