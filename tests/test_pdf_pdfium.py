"""The pdfium backend (budgetx.readers.pdf.pdfium) gives the same documents as pdfminer.

``BUDGETX_PDF_BACKEND=pdfium`` reads the pages pdfium can give exactly with
pdfium and leaves the others to pdfminer; the JSON of a document must be byte
for byte the one pdfminer gives.  ``benchmarks/backends.py`` runs the whole
corpus; here the sample and documents of each layout.
"""

from __future__ import annotations

import ctypes

import pdfplumber
import pytest
from hypothesis import given
from hypothesis import strategies as st

import budgetx
from budgetx.export.json import dumps
from budgetx.readers.pdf import pdfium
from budgetx.readers.pdf.objects import PageObjects, page_objects
from tests.conftest import SAMPLE_PDF

pytest.importorskip("pypdfium2")

CORPUS_DOCS = [
    "jiangsu/江苏省人大常委会办公厅2019年部门预算公开表.pdf",  # /Rotate 90 pages, turned as pdfminer turns them
    "jiangsu/2017年度部门预算公开表.pdf",  # runs of spaces pdfium collapses, put back
    "shanghai/上海市普陀区财政局2024年度部门决算.pdf",  # mixed orientation
    "shanghai/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",  # rules drawn as thin filled paths
]


def _fast(reader: pdfium.Reader, page) -> PageObjects | None:
    """The page's objects read by pdfium, or None when they are left to pdfminer."""
    out = PageObjects(page.page_number, tuple(page.bbox))
    out.height = page.height
    return out if reader.read_page(page, out) else None


def _json(path, backend: str, monkeypatch) -> bytes:
    monkeypatch.setenv(pdfium.ENV, backend)
    doc = budgetx.extract(path)
    return dumps(doc, doc.tables)


def _pages_read(path) -> tuple[int, int, dict[str, int]]:
    with pdfplumber.open(path) as pdf:
        reader = pdfium.Reader.for_page(pdf.pages[0])
        assert reader is not None
        for page in pdf.pages:
            _fast(reader, page)
        reader.close()
        return reader.stats.fast, len(pdf.pages), reader.stats.fallback


def test_backend_chosen_by_environment(monkeypatch):
    monkeypatch.delenv(pdfium.ENV, raising=False)
    assert pdfium.chosen() == pdfium.DEFAULT == "pdfium"
    monkeypatch.setenv(pdfium.ENV, " PDFium ")
    assert pdfium.chosen() == "pdfium"
    monkeypatch.setenv(pdfium.ENV, "pdfminer")
    assert pdfium.chosen() == "pdfminer"
    monkeypatch.setenv(pdfium.ENV, "mupdf")  # unknown: the default
    assert pdfium.chosen() == pdfium.DEFAULT


def test_without_pypdfium2_pdfminer_reads(monkeypatch):
    monkeypatch.delenv(pdfium.ENV, raising=False)
    monkeypatch.setattr(pdfium, "available", lambda: False)
    assert pdfium.chosen() == "pdfminer"


def test_page_pdfium_refuses_goes_to_pdfminer(monkeypatch):
    """An error inside pdfium on a page is no damage: pdfminer reads that page."""
    with pdfplumber.open(SAMPLE_PDF) as pdf:
        reader = pdfium.Reader.for_page(pdf.pages[0])
        assert reader is not None

        def broken(page, out):
            raise RuntimeError("pdfium cannot load this page")

        monkeypatch.setattr(reader, "_read_page", broken)
        assert _fast(reader, pdf.pages[0]) is None
        assert reader.stats.fallback == {"pdfium: RuntimeError": 1}
        reader.close()


def test_sample_same_json_with_pdfium(monkeypatch):
    assert _json(SAMPLE_PDF, "pdfium", monkeypatch) == _json(SAMPLE_PDF, "pdfminer", monkeypatch)


def test_sample_mostly_read_by_pdfium():
    fast, total, fallback = _pages_read(SAMPLE_PDF)
    assert fast == total
    assert not fallback


def test_sample_chars_and_rules_equal_pdfminer():
    """On the pages pdfium reads, the chars and rules are pdfminer's, in the same order."""
    with pdfplumber.open(SAMPLE_PDF) as pdf:
        reader = pdfium.Reader.for_page(pdf.pages[0])
        assert reader is not None
        compared = 0
        for page in pdf.pages:
            got = _fast(reader, page)
            if got is None:
                continue
            ref = page_objects(page)
            assert [c["text"] for c in got.chars] == [c["text"] for c in ref.chars], page.page_number
            for a, b in zip(ref.chars, got.chars, strict=True):
                for key in ("x0", "x1", "top", "bottom", "size"):
                    assert b[key] == pytest.approx(a[key], abs=0.01), (page.page_number, a["text"], key)
            for kind in ("lines", "rects", "curves"):
                ref_paths, got_paths = getattr(ref, kind), getattr(got, kind)
                assert len(got_paths) == len(ref_paths), (page.page_number, kind)
                for a, b in zip(ref_paths, got_paths, strict=True):
                    for key in ("x0", "x1", "top", "bottom"):
                        assert b[key] == pytest.approx(a[key], abs=0.01)
                    assert (b["fill"], b["stroke"]) == (a["fill"], a["stroke"])
            compared += len(ref.chars)
        reader.close()
    assert compared > 5000


def test_whitespace_object_pdfium_drops_put_back():
    """Sample page 3 prints a space as a text object of its own ("联系人： 杨艳"), which pdfium's
    text page leaves out: it is put back where pdfminer has it, from the glyph after it."""
    with pdfplumber.open(SAMPLE_PDF) as pdf:
        reader = pdfium.Reader.for_page(pdf.pages[0])
        assert reader is not None
        got = _fast(reader, pdf.pages[2])
        assert got is not None and not reader.stats.fallback
        ref = page_objects(pdf.pages[2]).chars
        assert [c["text"] for c in got.chars] == [c["text"] for c in ref]
        spaces = [x for c in got.chars if c["text"] == " " for x in (c["x0"], c["x1"])]
        assert spaces == pytest.approx([x for c in ref if c["text"] == " " for x in (c["x0"], c["x1"])], abs=0.01)
        assert (234.0, 237.072) in [(round(c["x0"], 3), round(c["x1"], 3)) for c in got.chars if c["text"] == " "]
        reader.close()


def test_blanks_pdfium_leaves_out_read_from_the_content(corpus):
    """Every page of this document prints blank objects pdfium leaves out (at line ends, where no glyph
    after them tells how many), blank runs set by char spacing and TJ kerning, and blanks inside
    objects of glyphs: the page's content and fonts say which blanks and where, and pdfium reads
    every page (before, 12 of its 13 pages went to pdfminer)."""
    fast, total, fallback = _pages_read(corpus / "jiangsu/江苏省委办公厅2017年部门预算.pdf")
    assert (fast, total, fallback) == (13, 13, {})


def test_without_the_files_objects_blank_objects_go_to_pdfminer(corpus, monkeypatch):
    """Where the content cannot be read (here: no objects of the file), a blank object at a line end
    is left to pdfminer, not guessed."""
    monkeypatch.setattr(pdfium.Reader, "_content", lambda self, index, texts, objs: None)
    _, _, fallback = _pages_read(corpus / "jiangsu/江苏省委办公厅2017年部门预算.pdf")
    assert fallback.get("whitespace object", 0) > 0


def test_rect_drawn_by_re_is_a_rect():
    """pdfium gives ``re`` as m l l l l+close (anticlockwise); pdfminer as m l l l h: one rect either way."""
    out = PageObjects(1, (0, 0, 100, 100))
    pts = [(10.0, 10.0), (10.0, 20.0), (50.0, 20.0), (50.0, 10.0)]
    sub = (["m", "l", "l", "l", "h"], [*pts, pts[0]])
    pdfium._classify([sub], True, False, (0.0, 0.0, 0.0), (0.0, 0.0, 0.0), out, _FLAT)
    assert not out.curves and not out.lines
    (rect,) = out.rects
    assert (rect["x0"], rect["x1"], rect["top"], rect["bottom"]) == (10.0, 50.0, 80.0, 90.0)


def test_subpaths_classified_as_pdfminer_does():
    out = PageObjects(1, (0, 0, 100, 100))
    line = (["m", "l"], [(0.0, 50.0), (100.0, 50.0)])
    triangle = (["m", "l", "l", "h"], [(0.0, 0.0), (10.0, 0.0), (5.0, 5.0), (0.0, 0.0)])
    lone = (["m"], [(1.0, 1.0)])
    pdfium._classify([line, triangle, lone], False, True, None, None, out, _FLAT)
    assert len(out.lines) == 1 and len(out.curves) == 1 and not out.rects


#: the frame of a page that is not turned, its MediaBox at the origin
_FLAT = pdfium._Frame(None, 0.0, 0.0)


def _char(place: int, text: str, x0: float, x1: float) -> tuple[int, str, float, float, float, float, float]:
    return (place, text, x0, x1, 0.0, 10.0, 2.0)


def test_collapsed_whitespace_run_put_back():
    """pdfium keeps the first space of a run; the run is put back when the next glyph sits whole advances on."""
    out = PageObjects(1, (0, 0, 100, 100))
    pdfium._emit([_char(0, " ", 10.0, 14.5), _char(0, "单", 28.0, 37.0)], out, _FLAT)
    assert [c["text"] for c in out.chars] == [" ", " ", " ", " ", "单"]
    assert [c["x0"] for c in out.chars] == [10.0, 14.5, 19.0, 23.5, 28.0]


def test_whitespace_run_of_uneven_gap_goes_to_pdfminer():
    out = PageObjects(1, (0, 0, 100, 100))
    with pytest.raises(pdfium._Fallback):
        pdfium._emit([_char(0, " ", 10.0, 14.5), _char(0, "单", 30.0, 39.0)], out, _FLAT)


@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["单", " ", "\u3000", "\xa0", "1"])), max_size=30))
def test_blank_places_are_the_objects_of_one_blank_only(glyphs):
    """Objects whose kept glyphs are all one blank, found from the blanks alone: as a walk over every glyph."""
    got = [_char(place, t, 0.0, 1.0) for place, t in sorted(glyphs, key=lambda g: g[0])]
    by_place: dict[int, set[str]] = {}
    for place, t in glyphs:
        by_place.setdefault(place, set()).add(t)
    expected = {place for place, kinds in by_place.items() if len(kinds) == 1 and kinds <= set(pdfium._SPACES)}
    at = pdfium._blanks_at(got)
    assert at == [k for k, g in enumerate(got) if g[1].isspace()]
    assert pdfium._blank_places(got, at) == expected


class _TextApi:
    """pdfium's two ways to give a text page's chars: its UTF-16 text, and each char's value."""

    def __init__(self, values: list[int]) -> None:
        self.values = values
        self.asked = 0

    def get_text(self, tp, start, count, buf) -> int:
        """At most ``count`` UTF-16 units and a terminator, as pdfium's buffer holds them."""
        units = "".join(map(chr, self.values)).encode("utf-16-le", "surrogatepass")[: 2 * count] + b"\0\0"
        ctypes.memmove(buf, units, len(units))
        return len(units) // 2

    def get_unicode(self, tp, i) -> int:
        self.asked += 1
        return self.values[i]


@pytest.mark.parametrize(
    ("values", "asked"),
    [
        ([0x5355, 0x20, 0x31, 0x3000], 0),  # the page's text at once
        ([0x5355, 0x1F600, 0x31], 3),  # a char past U+FFFF: two units in the text, each char asked
        ([0x5355, 0xD800, 0x31], 3),  # half a pair
    ],
)
def test_text_of_a_page_one_value_per_char(values, asked):
    api = _TextApi(values)
    assert pdfium._text(api, 0, len(values)) == "".join(map(chr, values))  # type: ignore[arg-type]
    assert api.asked == asked


def test_glyphs_of_another_object_are_not_a_run():
    out = PageObjects(1, (0, 0, 100, 100))
    pdfium._emit([_char(0, " ", 10.0, 14.5), _char(1, "单", 60.0, 69.0)], out, _FLAT)
    assert [c["text"] for c in out.chars] == [" ", "单"]


@pytest.mark.parametrize("name", CORPUS_DOCS)
def test_corpus_same_json_with_pdfium(corpus, name, monkeypatch):
    path = corpus / name
    assert _json(path, "pdfium", monkeypatch) == _json(path, "pdfminer", monkeypatch)


def test_rotated_pages_read_by_pdfium(corpus):
    """Every page of this document has /Rotate 90: all but one (a run of blanks pdfium cannot
    count) are read by pdfium, their chars pdfminer's."""
    fast, total, fallback = _pages_read(corpus / CORPUS_DOCS[0])
    assert "rotated page" not in fallback
    assert fast >= total - 1 and total == 13
    _same_chars(corpus / CORPUS_DOCS[0], 2)


def test_collapsed_runs_read_by_pdfium(corpus):
    fast, total, _ = _pages_read(corpus / CORPUS_DOCS[1])
    assert fast == total


# -- the document opened by pdfium itself ---------------------------------------------


def _geometries(path) -> list[tuple]:
    """Each page's (number, rotation, mediabox, bbox, width, height) from pdfium and from pdfplumber."""
    reader = pdfium.Reader(path.read_bytes())
    out = []
    with pdfplumber.open(path) as pdf:
        assert reader.pages == len(pdf.pages)
        for page in pdf.pages:
            got = reader.page(page.page_number)
            assert got is not None, page.page_number
            out.append(
                (
                    (got.page_number, got.rotation, got.mediabox, got.bbox, got.width, got.height),
                    (page.page_number, page.rotation, page.mediabox, page.bbox, page.width, page.height),
                )
            )
            reader.close_page(got)
    reader.close()
    return out


@pytest.mark.parametrize("name", CORPUS_DOCS)
def test_page_geometry_is_pdfplumbers(corpus, name):
    """Rotation and boxes as pdfplumber computes them, value for value (/Rotate 90, landscape, mixed)."""
    for got, ref in _geometries(corpus / name):
        assert got == ref


def test_sample_page_geometry_is_pdfplumbers():
    for got, ref in _geometries(SAMPLE_PDF):
        assert got == ref


def test_mediabox_numbers_as_the_file_writes_them():
    """pdfium keeps 32-bit floats: the written numbers are found by them, as pdfminer reads them."""
    boxes = pdfium.written_boxes(b"<< /MediaBox [0 0 595.29998779 841.90002441] >> << /MediaBox [ 0 0 842 595.2 ] >>")
    key = tuple(pdfium._single(v) for v in (0, 0, 595.3, 841.9))
    assert boxes[key] == {(0, 0, 595.29998779, 841.90002441)}
    ((written,),) = [v for k, v in boxes.items() if k != key]
    assert written == (0, 0, 842, 595.2) and isinstance(written[2], int)


def test_mediabox_written_two_ways_goes_to_pdfminer(monkeypatch):
    """Two writings of one 32-bit box (595.3 and 595.29998779): which one the page has cannot be told."""
    reader = pdfium.Reader(SAMPLE_PDF.read_bytes())
    key = tuple(pdfium._single(v) for v in (0, 0, 595.2756, 841.8898))
    reader._boxes = {key: {(0, 0, 595.2756, 841.8898), (0, 0, 595.27560001, 841.8898)}}
    assert reader.page(1) is None
    assert reader.stats.fallback == {"page geometry": 1}
    reader.close()


def test_wrong_password_and_no_pdf_refused_by_pdfium():
    from tests.conftest import FIXTURES

    for name in ("encrypted.pdf", "not_a_pdf.pdf", "truncated.pdf"):
        with pytest.raises(pdfium.OpenError):
            pdfium.Reader((FIXTURES / "pdf" / name).read_bytes())


def test_pdfium_and_pypdfium2_in_one_process():
    """pypdfium2 (OCR, show) loads the same library budgetx binds: both work, in either order."""
    import pypdfium2

    data = SAMPLE_PDF.read_bytes()
    reader = pdfium.Reader(data)
    doc = pypdfium2.PdfDocument(data)
    page = doc[0]
    assert page.render(scale=0.2).to_pil().size[0] > 0
    page.close()
    got = reader.page(1)
    assert got is not None
    out = PageObjects(1, got.bbox)
    out.height = got.height
    assert reader.read_page(got, out) and out.chars
    reader.close_page(got)
    doc.close()
    reader.close()


def test_a_damaged_file_goes_to_pdfminer_which_reports_the_losses(monkeypatch):
    """A zeroed run inside a stream damages a page tree node and a content stream: pdfium would read
    what is left without a word, so the survey sends the file to pdfminer, which names both."""
    from tests.conftest import FIXTURES
    from tests.mutations import mutate

    monkeypatch.setenv(pdfium.ENV, "pdfium")
    data = (FIXTURES / "reliability" / "jiangsu-2019.pdf").read_bytes()
    _, mutated = mutate(data, 27)
    from budgetx.readers.pdf import read

    result = read(mutated, "mutated.pdf")
    assert (
        None,
        "a reference to a missing object 37; the page tree names 13 pages, 12 can be read",
    ) in result.unreadable
    assert (11, "a truncated compressed stream (object 36)") in result.unreadable


def _same_chars(path, number: int) -> None:
    """Page ``number`` is read by pdfium, its chars pdfminer's: the same texts, boxes within 0.01."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[number - 1]
        reader = pdfium.Reader.for_page(page)
        assert reader is not None
        got = _fast(reader, page)
        reader.close()
        assert got is not None, reader.stats.fallback
        ref = page_objects(page).chars
        assert [c["text"] for c in got.chars] == [c["text"] for c in ref]
        for a, b in zip(ref, got.chars, strict=True):
            for key in ("x0", "x1", "top", "bottom"):
                assert b[key] == pytest.approx(a[key], abs=0.01), (a["text"], key)


@pytest.mark.parametrize(
    ("name", "number"),
    [
        # two blank objects in a row ("目  录"): each one blank, not the second counted twice
        ("shanghai/上海市普陀区财政局部门25年预算.pdf", 2),
        # a digit printed past its advance: the char ends at the advance, not at the ink
        ("cities/shandong/烟台_交通运输局_2026年部门预算.pdf", 5),
        # a blank object of four blanks ("项    目") of which pdfium keeps the first
        ("cities/jiangsu/无锡_交通运输局_无锡市交通运输局（本级）2026年度单位预算公开.pdf", 28),
        # blank objects of two ideographic spaces set 0.012 closer than their advance, both kept by pdfium
        ("not-publications/draft_1c165a10-71f3-471e-8463-7290b6eb1247_preview-1.pdf", 4),
        # pages turned by /Rotate 90
        ("cities/shandong/烟台_统计局_2026年部门预算.pdf", 8),
        # blanks pdfium drops set by char spacing and TJ kerning: not one advance apart
        ("jiangsu/江苏省委办公厅2017年部门预算.pdf", 4),
        # word spacing as wide as the blank: two blanks two advances apart, not four
        ("jiangsu/江苏省委办公厅2019年度部门预算公开文件.pdf", 6),
        # a run of blanks ending an object of glyphs ("情况说明  "): only its bounds show it
        ("cities/shanghai/上海_公安局_上海市刑事科学技术研究院2026年度单位预算.pdf", 2),
        # a blank object of one ideographic space where the font has both blanks: the code says which
        ("cities/shandong/烟台_住房和建设局_2026年部门预算.pdf", 102),
        # one-blank objects pdfium leaves out, the glyph after each not one advance on (set by its own Td)
        ("cities/zhejiang/湖州_退役军人事务局_2026年部门预算.pdf", 17),
    ],
)
def test_blanks_and_advances_as_pdfminer_reads_them(corpus, name, number):
    path = corpus / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    _same_chars(path, number)


def test_the_document_opened_afresh_every_few_pages_reads_the_same(monkeypatch):
    """pdfium keeps every font it loaded while a document is open; the reader opens it afresh every
    ``REOPEN`` pages (fonts of one document forgotten with it): the same JSON, every page still pdfium's."""
    monkeypatch.setenv(pdfium.ENV, "pdfium")
    want = _json(SAMPLE_PDF, "pdfium", monkeypatch)
    monkeypatch.setattr(pdfium, "REOPEN", 2)
    opened = []
    real = pdfium.Reader._open

    def counting(self):
        opened.append(1)
        return real(self)

    monkeypatch.setattr(pdfium.Reader, "_open", counting)
    assert _json(SAMPLE_PDF, "pdfium", monkeypatch) == want
    assert len(opened) >= 9  # 19 pages, opened afresh every two


# -- pages turned by /Rotate ------------------------------------------------------------

#: the text matrix that sets a line upright on a page turned by /Rotate (clockwise when shown)
_UPRIGHT = {0: "1 0 0 1", 90: "0 1 -1 0", 180: "-1 0 0 -1", 270: "0 -1 1 0"}
#: a font of the file's own metrics (a descriptor and widths; not one pdfminer has metrics for)
_OWN_FONT = (
    b"<< /Type /Font /Subtype /TrueType /BaseFont /BudgetSans /Encoding /WinAnsiEncoding /FirstChar 32"
    b" /LastChar 126 /Widths ["
    + b" ".join(b"%d" % (250 if c == 32 else 500 + 10 * (c % 7)) for c in range(32, 127))
    + b"] /FontDescriptor 4 0 R >>"
)
_DESCRIPTOR = (
    b"<< /Type /FontDescriptor /FontName /BudgetSans /Flags 32 /FontBBox [-100 -200 1000 900]"
    b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
)
_HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
#: (rotation, MediaBox): each turn, on a box away from the origin and on boxes at or around it
_TURNS = [
    (0, (10, 20, 430, 320)),
    (90, (10, 20, 430, 320)),
    (180, (10, 20, 430, 320)),
    (270, (10, 20, 430, 320)),
    (90, (0, 0, 595, 842)),
    (270, (-5, 7.5, 600.25, 850)),
]


def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the catalogue first), with its cross-reference table."""
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _turned_pdf(font: bytes = _OWN_FONT) -> bytes:
    """Pages of :data:`_TURNS`, each with two lines of text set upright as shown (one with runs of
    blanks pdfium collapses), a rectangle and two rules."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", font, _DESCRIPTOR]
    kids = []
    for rotation, (x0, y0, x1, y1) in _TURNS:
        cx, cy, m = (x0 + x1) / 2, (y0 + y1) / 2, _UPRIGHT[rotation]
        content = (
            f"BT /F1 11 Tf {m} {cx} {cy} Tm (Total 2080505 123.45) Tj ET\n"
            f"BT /F1 9 Tf {m} {cx + 30} {cy + 30} Tm (Row  two   spaced) Tj ET\n"
            f"0.5 w {x0 + 20} {y0 + 20} 100 50 re S\n{x0 + 20} {y0 + 100} m {x0 + 200} {y0 + 100} l S\n"
            f"{x0 + 40} {y0 + 140} m {x0 + 40} {y0 + 200} l S\n"
        ).encode()
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R"
            b" /MediaBox [%s] /Rotate %d >>" % (len(objects), " ".join(map(str, (x0, y0, x1, y1))).encode(), rotation)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return _pdf_file(objects)


def _assert_same_objects(got: PageObjects, ref: PageObjects) -> None:
    assert [c["text"] for c in got.chars] == [c["text"] for c in ref.chars]
    for a, b in zip(ref.chars, got.chars, strict=True):
        for key in ("x0", "x1", "top", "bottom", "size"):
            assert b[key] == pytest.approx(a[key], abs=0.01), (a["text"], key)
    for kind in ("lines", "rects", "curves"):
        ref_paths, got_paths = getattr(ref, kind), getattr(got, kind)
        assert len(got_paths) == len(ref_paths), kind
        for a, b in zip(ref_paths, got_paths, strict=True):
            for key in ("x0", "x1", "top", "bottom", "width", "height"):
                assert b[key] == pytest.approx(a[key], abs=0.01), (kind, key)


def test_turned_pages_read_as_pdfminer_turns_them(tmp_path):
    """/Rotate 90, 180 and 270, on MediaBoxes at and away from the origin: pdfium's chars and rules,
    turned by pdfminer's matrix for the page, are pdfminer's (a regression: the MediaBox's left was
    added before the runs of blanks were measured, which lost them on a box away from the origin)."""
    path = tmp_path / "turned.pdf"
    path.write_bytes(_turned_pdf())
    reader = pdfium.Reader(path.read_bytes())
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            ref = page_objects(page)
            assert "Row  two   spaced" in "".join(c["text"] for c in ref.chars)
            # the page as pdfplumber opens it, and as the reader loads it itself
            plumbed = _fast(reader, page)
            assert plumbed is not None, (page.page_number, reader.stats.fallback)
            _assert_same_objects(plumbed, ref)
            own = reader.page(page.page_number)
            assert own is not None and own.rotation == page.rotation
            out = PageObjects(page.page_number, own.bbox)
            out.height = own.height
            assert reader.read_page(own, out), reader.stats.fallback
            reader.close_page(own)
            _assert_same_objects(out, ref)
    reader.close()
    assert reader.stats.fast == 2 * len(_TURNS) and not reader.stats.fallback


def test_a_font_pdfminer_has_metrics_for_goes_to_pdfminer(tmp_path):
    """pdfminer gives Helvetica its AFM's descent (and widths) whatever the file says, pdfium its own:
    a page with such a font is left to pdfminer."""
    reader = pdfium.Reader(_turned_pdf(_HELVETICA))
    page = reader.page(1)
    assert page is not None
    out = PageObjects(1, page.bbox)
    out.height = page.height
    assert not reader.read_page(page, out)
    assert reader.stats.fallback == {"standard font": 1}
    reader.close_page(page)
    reader.close()


def test_the_fonts_pdfminer_has_metrics_for():
    from pdfminer.fontmetrics import FONT_METRICS

    assert set(FONT_METRICS) == pdfium.AFM_FONTS


def test_a_blank_object_pdfium_kept_whole_is_taken_as_it_is():
    """Two ideographic spaces set closer than their advance (11.979 apart, 11.991 wide), both kept:
    no run to put back, whatever their spacing; one kept of two is not a whole run."""
    kept = [(3, "\u3000", 100.0, 111.991, 0.0, 10.0, 2.0), (3, "\u3000", 111.979, 123.97, 0.0, 10.0, 2.0)]
    assert pdfium._whole_run(kept, 11.979, 11.991)
    assert not pdfium._whole_run(kept[:1], 11.979, 11.991)
    assert not pdfium._whole_run(kept, 23.958, 11.991)  # the bounds reach a blank past the last one kept
    far = [kept[0], (3, "\u3000", 124.0, 135.991, 0.0, 10.0, 2.0)]
    assert not pdfium._whole_run(far, 24.0, 11.991)  # room for a blank between the two kept


def _spaced_pdf() -> bytes:
    """One page of blanks pdfium's text page leaves out, set where only the content tells how many:
    word spacing as wide as the blank ("A  B": pdfium keeps one blank, and the gap to "B" is three
    advances), a blank object of two blanks kerned apart by TJ (its bounds span three advances), and
    a run ending an object of glyphs ("CD  " at a line's end)."""
    content = (
        b"BT /F1 10 Tf 2.5 Tw 1 0 0 1 50 700 Tm (A  B) Tj ET\n"
        b"BT /F1 10 Tf 1 0 0 1 50 660 Tm (E) Tj ET BT /F1 10 Tf 1 0 0 1 60 660 Tm [( ) -500 ( )] TJ ET"
        b" BT /F1 10 Tf 1 0 0 1 90 660 Tm (F) Tj ET\n"
        b"BT /F1 10 Tf 1 0 0 1 50 620 Tm (CD  ) Tj ET\n"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
        _OWN_FONT,
        _DESCRIPTOR,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R"
        b" /MediaBox [0 0 300 800] >>",
    ]
    return _pdf_file(objects)


def test_blanks_only_the_content_counts_read_as_pdfminer_reads_them(tmp_path, monkeypatch):
    path = tmp_path / "spaced.pdf"
    path.write_bytes(_spaced_pdf())
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        ref = page_objects(page)
        assert "".join(c["text"] for c in ref.chars) == "A  BE  FCD  "
        reader = pdfium.Reader.for_page(page)
        assert reader is not None and reader.objects is not None
        got = _fast(reader, page)
        assert got is not None, reader.stats.fallback
        _assert_same_objects(got, ref)
        # without the content, the spacing rules count by advances and are fooled (or give up)
        monkeypatch.setattr(pdfium.Reader, "_content", lambda self, index, texts, objs: None)
        guessed = _fast(reader, page)
        assert guessed is None or [c["text"] for c in guessed.chars] != [c["text"] for c in ref.chars]
        reader.close()
