"""The fast content-stream reader (budgetx.readers.pdf.content) yields pdfminer's objects exactly.

Stream by stream over the sample PDF and corpus documents, and on hand-made
streams with every token kind (escapes, octal codes, nested parentheses, hex
strings with spaces or an odd digit, reals such as "1.2.3", dictionaries,
arrays, comments, NUL bytes), :func:`objects` must equal what pdfminer's
``PDFContentParser.nextobject`` gives; what it cannot reproduce exactly is
refused (``Unsupported``) so that pdfminer reads it.
"""

from __future__ import annotations

import pdfplumber
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, stream_value
from pdfminer.psparser import PSEOF

from budgetx.readers.pdf import content
from budgetx.readers.pdf.content import FastInterpreter, Unsupported, objects
from budgetx.readers.pdf.objects import page_objects
from tests.conftest import SAMPLE_PDF

CORPUS_DOCS = [
    "jiangsu/江苏省人大常委会办公厅2019年部门预算公开表.pdf",
    "jiangsu/2019年度部门预算公开.pdf",
    "shanghai/上海市普陀区财政局2024年度部门决算.pdf",
]


def _reference(streams: list[PDFStream]) -> list:
    try:
        parser = PDFContentParser(streams)
    except PSEOF:
        return []
    out = []
    while True:
        try:
            _, obj = parser.nextobject()
        except PSEOF:
            return out
        out.append(obj)


def _stream(data: bytes) -> PDFStream:
    s = PDFStream({}, data)
    s.objid = 1
    return s


@pytest.mark.parametrize(
    "data",
    [
        b"BT /F1 12 Tf 1 0 0 1 72.5 700 Tm (Hello) Tj ET",
        b"[(A) -120 (B) 3.5 (C)] TJ",
        b"(a\\(b\\)c \\\\ \\n\\r\\t\\b\\f) Tj (\\101\\1012\\0) Tj (\\q unknown) Tj",
        b"(nested (paren (deep)) ok) Tj (line\\\r\nwrap) Tj (cr\\\rx) Tj",
        b"<48 65 6c6C 6f> Tj <ABC> Tj <> Tj <</K <41>> BDC",
        b"1.2.3 -.5 +7 -0 5. .25 12abc 007 Td",
        b"true false null /Name /A1.b /#x",
        b"/Span <</MCID 3 /ActualText (x) /K [1 2 [3]]>> BDC EMC",
        b"% a comment\r\n q 1 0 0 1 0 0 cm % another\n Q \x00 n",
        b"{ 1 2 } ' \" * ] x",
        b"0 0 m 10 10 l S 0 0 10 10 re f* W n",
        b"> lone > closes",
        "/名 Tf".encode() + b" /\xff\xfe x",
    ],
)
def test_tokens_like_pdfminer(data):
    if b"/#x" in data:
        with pytest.raises(Unsupported):
            objects([data])
        data = data.replace(b"/#x", b"")
    if b"] x" in data:
        with pytest.raises(Unsupported):
            objects([data])  # an unbalanced "]": pdfminer drops it, we let pdfminer do so
        return
    assert objects([data]) == _reference([_stream(data)])


@given(st.lists(st.sampled_from([*b"0123456789abcdefABCDEF", *b" \t\n\r\x0b\x0c", *b"gx\xff"]), max_size=12))
def test_hex_strings_like_pdfminer(digits):
    """Pairs of digits (read at once) and anything else (odd digits, stray bytes: read as pdfminer does)."""
    data = b"<" + bytes(digits) + b"> Tj"
    assert objects([data]) == _reference([_stream(data)])


@pytest.mark.parametrize(
    "data",
    [
        b"BI /W 1 /H 1 /BPC 1 ID \x00 EI",  # inline image
        b"(unterminated",
        b"<414",  # hex string cut by the end
        b"[1 2",  # array not closed
        b"<</A>> x",  # dictionary with an odd number of objects
        b"- 1 Td",  # a sign alone
        b"(\\777)",  # octal code out of range
    ],
)
def test_unsupported_is_refused(data):
    with pytest.raises(Unsupported):
        objects([data])


def test_streams_concatenate_like_pdfminer():
    parts = [b"BT /F1 1", b"2 Tf (ab) Tj [1", b" 2] TJ ET"]
    assert objects(parts) == _reference([_stream(p) for p in parts])


def _check_document(path) -> int:
    """Every content stream the interpreter runs (pages and Form XObjects) read alike."""
    compared = 0

    class Checking(FastInterpreter):
        def execute(self, streams):
            nonlocal compared
            valid = [stream_value(s) for s in streams]
            try:
                got = objects([s.get_data() for s in valid])
            except Unsupported:
                got = None
            if got is not None:
                assert got == _reference(valid)
                compared += len(got)
            return super().execute(streams)

    original = content.FastInterpreter
    import budgetx.readers.pdf.objects as objects_module

    objects_module.FastInterpreter = Checking  # type: ignore[misc]
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page_objects(page)
    finally:
        objects_module.FastInterpreter = original  # type: ignore[misc]
    return compared


def test_sample_streams_like_pdfminer():
    assert _check_document(SAMPLE_PDF) > 10_000


@pytest.mark.parametrize("name", CORPUS_DOCS)
def test_corpus_streams_like_pdfminer(corpus, name):
    assert _check_document(corpus / name) > 1_000


def test_interpreter_falls_back_to_pdfminer(monkeypatch):
    """Content it refuses is read by pdfminer's own execute."""
    calls = []
    original = PDFPageInterpreter.execute

    def spy(self, streams):
        calls.append(len(streams))
        return original(self, streams)

    monkeypatch.setattr(PDFPageInterpreter, "execute", spy)
    with pdfplumber.open(SAMPLE_PDF) as pdf:
        page = pdf.pages[0]
        interp = FastInterpreter(pdf.rsrcmgr, _NullDevice())
        interp.init_resources({})
        interp.init_state((1, 0, 0, 1, 0, 0))
        interp.execute([_stream(b"q (unterminated")])
        assert calls == [1]
        interp.execute([_stream(b"q Q")])
        assert calls == [1]
        page.close()


class _NullDevice:
    def set_ctm(self, ctm):
        pass
