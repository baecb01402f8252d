"""What text objects print, read from a PDF's bytes without pdfminer (budgetx.readers.pdf.cos, .shown).

The pdfium backend asks these modules what pdfium's text page leaves out: the
codes of a blank object, which blank they are, how wide, where a run of
blanks set by char spacing, word spacing or kerning puts each one.  Each piece
is checked against pdfminer, the reference: the tokens, the ToUnicode maps,
the standard encodings, and (in tests/test_pdf_pdfium.py) the chars of corpus
pages where it matters.
"""

from __future__ import annotations

import io
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetx.readers.pdf import cos, shown, survey
from budgetx.readers.pdf.cos import Name, Ref, Unreadable, Word

# -- values ---------------------------------------------------------------------------


def test_values_of_an_object_body():
    got = cos.values(cos.tokens(b"<< /A [1 2 0 R -.5] /B (x\\)y(z)) /C#20D <4142> /N null /T true >>"))
    assert got == [{"A": [1, Ref(2), -0.5], "B": b"x)y(z)", "C D": b"AB", "T": True}]
    assert type(got[0]["A"][1]) is Ref


def test_unbalanced_values_are_unreadable():
    for body in (b"[1 2", b"<< /A 1", b"1 ]", b"<< /A >>"):
        with pytest.raises(Unreadable):
            cos.values(cos.tokens(body))


# -- a document written here ------------------------------------------------------------

_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0003> <0020> <0004> <3000> <0005> <00A0> endbfchar
1 beginbfrange <0010> <0012> <4E00> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def _pdf(content: bytes, form: bytes = b"q /F1 9 Tf (\\000\\003) Tj Q") -> bytes:
    """A one-page PDF: a Type0 font (Identity-H, widths 500 for the blanks, 1000 else), a form."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 5 0 R >> /XObject << /X1 8 0 R >> >> >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        content,
        b"<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+Sim#20Sun /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+Sim#20Sun /DW 1000 /W [3 [500 1000 500]] >>",
        _TO_UNICODE,
        form,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    for number, body in enumerate(objects, 1):
        out.write(b"%d 0 obj\n" % number)
        if number in (4, 7, 8):
            data = zlib.compress(body)
            extra = b" /Type /XObject /Subtype /Form /BBox [0 0 9 9]" if number == 8 else b""
            out.write(b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (len(data), extra))
            out.write(data + b"\nendstream")
        else:
            out.write(body)
        out.write(b"\nendobj\n")
    out.write(b"trailer << /Root 1 0 R >>\n%%EOF\n")
    return out.getvalue()


def _objects(data: bytes) -> cos.Objects:
    found = survey.survey(data, 1 << 30, 1 << 30, 1)
    assert found.whole and found.objects is not None, found.why
    return found.objects


def test_text_objects_in_content_order_with_their_text_state():
    content = b"""BT /F1 12 Tf 2 Tc (\\000\\020) Tj q 0.5 Tw 90 Tz [(\\000\\003) -250 <00030011>] TJ Q
    (\\000\\004) ' 1 0.25 (\\000\\005) " () Tj [] TJ [-100] TJ /X1 Do ET"""
    got = shown.page_text(_objects(_pdf(content)), 0)
    states = [(s.state.font, s.state.size, s.state.scale, s.state.char_space, s.state.word_space) for s in got]
    assert states == [
        (5, 12.0, 100.0, 2.0, 0.0),
        (5, 12.0, 90.0, 2.0, 0.5),
        (5, 12.0, 100.0, 2.0, 0.0),  # Q restored what q saved
        (5, 12.0, 100.0, 0.25, 1.0),  # " sets the word and char spacing before it shows
        (5, 9.0, 100.0, 0.0, 0.0),  # the form: a text state of its own
    ]
    assert got[1].items == (b"\x00\x03", -250, b"\x00\x03\x00\x11")
    assert [s.codes for s in got] == [b"\x00\x10", b"\x00\x03\x00\x03\x00\x11", b"\x00\x04", b"\x00\x05", b"\x00\x03"]


def test_a_font_as_pdfminer_decodes_it():
    objects = _objects(_pdf(b""))
    font = shown.Font(objects, 5)
    assert font.codes(b"\x00\x03\x00\x11\x07") == [3, 0x11]  # the odd last byte: no code
    assert [font.text(c) for c in (3, 4, 5, 0x10, 0x12)] == [" ", "\u3000", "\xa0", "一", "丂"]
    assert [font.width(c) for c in (3, 4, 5, 6)] == [0.5, 1.0, 0.5, 1.0]
    with pytest.raises(Unreadable):
        font.text(0x13)  # no unicode in the map: pdfminer prints "(cid:19)"


def test_a_simple_font_as_pdfminer_decodes_it():
    """A Type1 font without /Encoding: pdfminer reads StandardEncoding, or the font program's own
    encoding when it is embedded (not read here: only the ToUnicode map's codes are known)."""
    objects = _objects(_pdf(b""))
    objects._parsed[90] = {"Subtype": "Type1", "BaseFont": "X", "FirstChar": 32, "Widths": [250, 600]}
    objects._parsed[91] = {**objects._parsed[90], "FontDescriptor": {"FontFile": Ref(7), "MissingWidth": 300}}
    objects._parsed[92] = {**objects._parsed[91], "ToUnicode": Ref(7)}
    standard, own, mapped = (shown.Font(objects, n) for n in (90, 91, 92))
    assert [standard.text(c) for c in (32, 39, 96)] == [" ", "\u2019", "\u2018"]
    assert [standard.width(c) for c in (32, 33, 34)] == [0.25, 0.6, 0.0]
    assert own.width(34) == 0.3
    with pytest.raises(Unreadable):
        own.text(32)
    assert mapped.text(3) == " "  # its map has the code
    with pytest.raises(Unreadable):
        mapped.text(32)


def test_layout_as_pdfminer_places_the_chars():
    """Char spacing after every char but the first, word spacing after none (a two-byte font),
    kerning in thousandths of the size."""
    objects = _objects(_pdf(b""))
    font = shown.Font(objects, 5)
    state = shown.State(5, 10.0, 100.0, 1.0, 3.0)
    item = shown.Shown(state, (-200, b"\x00\x03\x00\x03", 500, b"\x00\x10"))
    got = [(t, round(at, 9), round(adv, 9)) for t, at, adv in font.layout(item)]
    assert got == [(" ", 0.0, 5.0), (" ", 6.0, 5.0), ("一", 7.0, 10.0)]


def test_what_is_not_read_exactly_is_unreadable():
    for content in (b"BT (x) Tj ET", b"BT /F9 12 Tf (x) Tj ET", b"BI /W 1 ID \x00 EI", b"/X1 Do"):
        form = b"/X1 Do" if content == b"/X1 Do" else b"q Q"
        with pytest.raises(Unreadable):
            shown.page_text(_objects(_pdf(content, form)), 0)


# -- the scan of a content stream, against every token read ------------------------------

_KEPT = {b"Tf", b"Tz", b"Tc", b"Tw", b"Tj", b"TJ", b"'", b'"', b"q", b"Q", b"Do", b"BI", b"ID", b"EI"}


def _reference(data: bytes) -> list[tuple[bytes, list[object]]]:
    """The operators :func:`shown.operations` keeps, each with its last three operands, from every token."""
    out: list[tuple[bytes, list[object]]] = []
    args: list[object] = []
    for v in cos.values(cos.tokens(data)):
        if type(v) is dict:
            v = {}  # a property list: the scan keeps it as an operand, not its contents
        if type(v) is Word:
            if v in _KEPT:
                out.append((bytes(v), [] if v in (b"q", b"Q") else args[-3:]))  # q and Q take none
            args = []
        else:
            args.append(v)
    return out


def _scanned(data: bytes) -> list[tuple[bytes, list[object]]]:
    return _reference(b" ".join(_unparse(v) for v in shown.operations(data)))


def _unparse(v: object) -> bytes:
    if type(v) is Word:
        return bytes(v)
    if type(v) is Name:
        return b"/" + b"".join(bytes((c,)) if chr(c).isalnum() else b"#%02X" % c for c in str(v).encode())
    if type(v) is bytes:
        return b"<" + v.hex().encode() + b">"
    if type(v) is list:
        return b"[" + b" ".join(_unparse(i) for i in v) + b"]"
    if type(v) is dict:
        return b"<<>>"
    if type(v) is bool:
        return b"true" if v else b"false"
    return repr(v).encode()


_TOKEN = st.one_of(
    st.sampled_from([b"Tf", b"Tz", b"Tc", b"Tw", b"Tj", b"TJ", b"'", b'"', b"q", b"Q", b"Do", b"BT", b"ET"]),
    st.sampled_from([b"re", b"m", b"l", b"S", b"f", b"cm", b"rg", b"Td", b"Tm", b"BDC", b"EMC", b"T*"]),
    st.integers(-999, 999).map(lambda i: str(i).encode()),
    st.sampled_from([b"0.5", b"-.25", b"12.", b"+3"]),
    st.sampled_from([b"/F1", b"/q", b"/Tf", b"/C2_0", b"/X#20Y"]),
    st.binary(max_size=6).map(
        lambda b: b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
    ),
    st.sampled_from([b"(a (nested) b)", b"(Tf) ", b"(\\101\\n)", b"<00 3A>", b"<<>>", b"<< /MCID 3 /A (x) >>"]),
    st.sampled_from([b"% a comment with Tj\n", b"[(a) -120 (b) 5]", b"[ ]", b"[<0003> 20]"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKEN, max_size=40), st.sampled_from([b" ", b"\n", b"\r\n", b"  "]))
def test_scan_keeps_what_every_token_read_gives(tokens, sep):
    data = sep.join(tokens)
    try:
        want = _reference(data)
    except Unreadable:
        return  # unbalanced arrays or dictionaries: neither reading is used
    try:
        got = _scanned(data)
    except Unreadable:
        return  # the scan gives up where it cannot be sure (an operator in an array): pdfminer reads it
    assert got == want


def test_scan_on_the_sample_pages_is_every_token_read():
    from tests.conftest import SAMPLE_PDF

    data = SAMPLE_PDF.read_bytes()
    objects = _objects_of(data)
    for number, page in objects.pages():
        refs = objects.resolve(page.get("Contents"))
        refs = refs if type(refs) is list else [page.get("Contents")]
        content = b"\n".join(objects.data(r) for r in refs)
        assert _scanned(content) == _reference(content), number


def _objects_of(data: bytes) -> cos.Objects:
    from budgetx.readers.pdf import pdfium

    reader = pdfium.Reader(data)
    found = survey.survey(data, 1 << 30, 1 << 30, reader.pages)
    reader.close()
    assert found.objects is not None
    return found.objects


# -- against pdfminer ---------------------------------------------------------------------


def test_to_unicode_as_pdfminers_cmap_parser():
    from pdfminer.cmapdb import CMapParser, FileUnicodeMap

    cmap = (
        b"begincmap 3 beginbfchar <20> <0020> <21> <00A0> <22> /space endbfchar\n"
        b"3 beginbfrange <30> <32> <0030> <40> <41> [<4E00> <4E8C>] <00FE> <0101> <D83DDE00> endbfrange\n"
        b"1 begincidrange <50> <51> 9 endcidrange 1 beginbfchar <20> <00A0> endbfchar endcmap"
    )
    ref = FileUnicodeMap()
    CMapParser(ref, io.BytesIO(cmap)).run()
    assert shown.to_unicode(cos.values(cos.tokens(cmap))) == ref.cid2unichr


def test_standard_encodings_as_pdfminers_tables():
    from pdfminer.encodingdb import EncodingDB, name2unicode

    tables = {
        "WinAnsiEncoding": EncodingDB.win2unicode,
        "StandardEncoding": EncodingDB.std2unicode,
        "MacRomanEncoding": EncodingDB.mac2unicode,
        "PDFDocEncoding": EncodingDB.pdf2unicode,
    }
    for name, table in tables.items():
        mine = shown._standard(name)
        assert {c: mine[c] for c in mine} == {c: table[c] for c in mine}, name
    assert shown._standard("NoSuchEncoding") == shown._standard("StandardEncoding")
    for glyph, text in shown._GLYPHS.items():
        assert name2unicode(glyph) == text
    assert shown._glyph("uni3000") == name2unicode("uni3000") == "\u3000"
    assert shown._glyph("uniD800") == shown._glyph("uni30") == shown._glyph("uni300g") == ""


def test_a_long_array_the_plain_pattern_refuses_is_refused_at_once():
    """Regression: the pattern for plain TJ arrays once backtracked through every way of cutting a
    long run of digits into numbers before refusing an array with an escape in it (a hang)."""
    assert shown._plain_array(b"[" + b"1" * 5000 + b" (a\\b)]", 0) is None
    assert shown._plain_array(b"[" + b"12 " * 3000 + b"(\\x)]", 0) is None
    assert shown._plain_array(b"[<0003> -5 (a) 1.5 .5] TJ", 0) == ([b"\x00\x03", -5, b"a", 1.5, 0.5], 22)
    assert shown._plain_array(b"[5.]", 0) is None  # "5." is the tokenizer's to read
