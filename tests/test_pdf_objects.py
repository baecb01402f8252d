"""The light page objects (budgetx.readers.pdf.objects) equal pdfplumber's, key for key.

Every char, line, rect and curve of the sample PDF and of corpus documents of
each layout (rotated pages, landscape, mixed orientation, thin filled rules) is
compared with what pdfplumber's ``page.chars`` / ``lines`` / ``rects`` /
``curves`` give, in the same order; the table finder gives the same cells.
"""

from __future__ import annotations

import logging

import pdfplumber
import pytest

from budgetx.readers.pdf import objects
from budgetx.readers.pdf.grids import rules
from budgetx.readers.pdf.objects import CHAR_KEYS, PATH_KEYS, GlyphCache, page_objects, quiet_pdfminer
from tests.conftest import SAMPLE_PDF

CORPUS_DOCS = [
    "jiangsu/江苏省人大常委会办公厅2019年部门预算公开表.pdf",  # /Rotate 90 pages
    "jiangsu/江苏省政协办公厅2019年预算公开表.pdf",  # landscape
    "shanghai/上海市普陀区财政局2024年度部门决算.pdf",  # mixed orientation
    "shanghai/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",  # rules drawn as thin filled paths
]


@pytest.fixture(autouse=True)
def _pdfminer_backend(monkeypatch):
    """These tests check budgetx's pdfminer device: the pdfium backend (tests/test_pdf_pdfium.py) stays out."""
    monkeypatch.setenv("BUDGETX_PDF_BACKEND", "pdfminer")


SETTINGS = {
    "vertical_strategy": "explicit",
    "horizontal_strategy": "explicit",
    "snap_tolerance": 2,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}


def _same_objects(path) -> int:
    compared = 0
    with pdfplumber.open(path) as pdf:
        glyphs = GlyphCache()
        for page in pdf.pages:
            mine = page_objects(page, glyphs)
            assert mine.page_number == page.page_number
            assert mine.bbox == tuple(page.bbox)
            for kind, keys in (("chars", CHAR_KEYS), ("lines", PATH_KEYS), ("rects", PATH_KEYS), ("curves", PATH_KEYS)):
                ref = [{k: o[k] for k in keys} for o in getattr(page, kind)]
                got = [{k: o[k] for k in keys} for o in getattr(mine, kind)]
                assert got == ref, f"{path.name} page {page.page_number}: {kind} differ"
                compared += len(ref)
            page.close()
    return compared


def test_sample_pdf_objects_equal_pdfplumber():
    assert _same_objects(SAMPLE_PDF) > 1000


@pytest.mark.parametrize("name", CORPUS_DOCS)
def test_corpus_objects_equal_pdfplumber(corpus, name):
    assert _same_objects(corpus / name) > 1000


def test_table_finder_on_light_objects(corpus):
    path = corpus / CORPUS_DOCS[3]
    with pdfplumber.open(path) as pdf:
        found = 0
        for page in pdf.pages[:8]:
            mine = page_objects(page)
            v, h = rules(page)
            assert rules(mine) == (v, h)
            if len(v) < 2 or len(h) < 2:
                continue
            settings = {**SETTINGS, "explicit_vertical_lines": v, "explicit_horizontal_lines": h}
            ref = [t.cells for t in page.find_tables(settings)]
            got = [t.cells for t in mine.find_tables(settings)]
            assert got == ref
            found += len(ref)
            page.close()
    assert found > 0


def test_quiet_pdfminer_is_scoped_and_restored():
    import pdfminer.psparser

    real = pdfminer.psparser.log
    with quiet_pdfminer():
        assert pdfminer.psparser.log is not real
        with quiet_pdfminer():  # nested use keeps the stand-in
            assert pdfminer.psparser.log is not real
        assert pdfminer.psparser.log is not real
        pdfminer.psparser.log.debug("dropped %r", 1)
        assert pdfminer.psparser.log.name == real.name  # everything else goes to the real logger
    assert pdfminer.psparser.log is real
    assert not objects._QUIET.saved


def test_quiet_pdfminer_leaves_debug_on_when_asked():
    import pdfminer.psparser

    real = pdfminer.psparser.log
    level = real.level
    real.setLevel(logging.DEBUG)
    try:
        with quiet_pdfminer():
            assert pdfminer.psparser.log is real
    finally:
        real.setLevel(level)


@pytest.mark.parametrize("name", CORPUS_DOCS)
def test_reader_lines_same_on_light_objects(corpus, name):
    """The reader's lines (texts, cells, bboxes) are the same from pdfplumber's page and from the light objects."""
    from budgetx.readers.pdf import _State, read_page

    with pdfplumber.open(corpus / name) as pdf:
        ref_state, light_state = _State(), _State()
        rows = 0
        for page in pdf.pages:
            n = page.page_number
            light = read_page(page_objects(page, light_state.glyphs), n, light_state)
            ref = read_page(page, n, ref_state)
            assert light == ref, f"{name} page {n}"
            rows += sum(1 for ln in ref if ln.cells)
            page.close()
    assert rows > 0


def test_each_page_freed_before_the_next(monkeypatch):
    """Reading a document keeps no page's objects alive once the next page is read."""
    import weakref

    import budgetx.readers.pdf as reader

    seen: list[weakref.ref] = []
    real = objects.page_objects

    def tracked(page, glyphs=None):
        assert all(ref() is None for ref in seen), "a previous page's objects are still alive"
        objs = real(page, glyphs)
        seen.append(weakref.ref(objs))
        return objs

    monkeypatch.setattr(objects, "page_objects", tracked)
    result = reader.read(SAMPLE_PDF.read_bytes(), str(SAMPLE_PDF))
    assert len(seen) == result.pages > 1


def test_reading_restores_pdfminer_loggers_even_on_error():
    import logging

    import pdfminer.psparser

    from budgetx.errors import BudgetxError
    from budgetx.readers.pdf import read

    read(SAMPLE_PDF.read_bytes(), str(SAMPLE_PDF))
    assert isinstance(pdfminer.psparser.log, logging.Logger)
    data = SAMPLE_PDF.read_bytes()
    with pytest.raises(BudgetxError):
        read(data[: len(data) // 3], "cut.pdf")
    assert isinstance(pdfminer.psparser.log, logging.Logger)
