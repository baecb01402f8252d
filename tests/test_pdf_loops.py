"""The pdfium reader's loops: the C extension and ctypes give the same answers."""

from __future__ import annotations

import pytest

import budgetx
from budgetx.export.json import dumps
from budgetx.readers.pdf import libpdfium, loops, pdfium
from tests.conftest import SAMPLE_PDF

pytest.importorskip("pypdfium2")

needs_c = pytest.mark.skipif(loops._loops is None, reason="the C loops are not built (no C compiler at install)")

CORPUS_DOCS = [
    "jiangsu/江苏省人大常委会办公厅2019年部门预算公开表.pdf",  # /Rotate 90 pages
    "jiangsu/2017年度部门预算公开表.pdf",  # runs of blanks pdfium collapses
    "shanghai/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",  # rules drawn as thin filled paths
    "shanghai/上海市普陀区人民政府万里街道办事处25年预算.pdf",  # one text object per char
]


def _answers(path) -> tuple[list, list]:
    """Every record either way gives of the document, asked of one open document (the records
    hold pdfium's handles): per page its objects (forms opened), each path with its segments, and
    its text page's chars with their objects' runs; in C, then through ctypes."""
    api = libpdfium.api()
    assert api is not None
    ways = (loops.Loops(api, native=True), loops.Loops(api, native=False))
    assert [ask.native for ask in ways] == [True, False]
    data = path.read_bytes()
    got: tuple[list, list] = ([], [])
    with libpdfium.LOCK:
        doc = api.load_document(data, len(data), None)
        assert doc
        try:
            for index in range(api.page_count(doc)):
                page = api.load_page(doc, index)
                text_page = api.load_text(page)
                count = api.count_chars(text_page)
                text = pdfium._text(api, text_page, count) if count > 0 else ""
                for ask, out in zip(ways, got, strict=True):
                    pending = [ask.objects(page)]
                    while pending:
                        records = pending.pop()
                        out.append(("objects", records))
                        for obj, kind, _ in records:
                            if kind == libpdfium.PAGEOBJ_FORM:
                                pending.append(ask.form_objects(obj))
                            elif kind == libpdfium.PAGEOBJ_PATH:
                                out.append(("path", ask.path(obj)))
                    out.append(("chars", ask.chars(text_page, text)))
                api.close_text(text_page)
                api.close_page(page)
        finally:
            api.close_document(doc)
    return got


@needs_c
def test_sample_same_records_in_c_and_ctypes():
    c, typed = _answers(SAMPLE_PDF)
    assert c == typed
    pages = [got for kind, got in c if kind == "chars"]
    chars = [r for records, _ in pages for r in records]
    assert len(pages) == 19 and len(chars) > 5000  # every char of 19 pages was asked
    assert any(r[7] & loops.GENERATED for r in chars) and all(r[7] & loops.BOXED for r in chars if r[0])
    runs = [run for _, page_runs in pages for run in page_runs.values()]
    objects = {r[0] for r in chars if r[0]}
    assert len(objects) <= len(runs) < len(chars) and all(run[1] & loops.MATRIX and run[7] for run in runs)
    paths = [got for kind, got in c if kind == "path"]
    assert paths and all(head[0] & loops.PATH_MODE for head, _ in paths)
    assert all(point & loops.POINT for _, segments in paths for _, point, _, _ in segments)


@needs_c
@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPUS_DOCS)
def test_corpus_same_records_in_c_and_ctypes(corpus, name):
    c, typed = _answers(corpus / name)
    assert c == typed


@needs_c
def test_sample_same_json_either_way(monkeypatch):
    doc = budgetx.extract(SAMPLE_PDF)
    monkeypatch.setenv(loops.ENV, "ctypes")
    assert not loops.compiled()
    again = budgetx.extract(SAMPLE_PDF)
    assert dumps(again, again.tables) == dumps(doc, doc.tables)


def test_without_the_c_loops_the_same_json(monkeypatch):
    """An install without a C compiler (no ``_loops``): the reader asks through ctypes, the same JSON."""
    doc = budgetx.extract(SAMPLE_PDF)
    monkeypatch.setattr(loops, "_loops", None)
    assert not loops.compiled()
    api = libpdfium.api()
    assert api is not None and not loops.Loops(api).native and not loops.Loops(api, native=True).native
    again = budgetx.extract(SAMPLE_PDF)
    assert dumps(again, again.tables) == dumps(doc, doc.tables)


def test_environment_turns_the_c_loops_off(monkeypatch):
    api = libpdfium.api()
    assert api is not None
    monkeypatch.setenv(loops.ENV, "ctypes")
    assert not loops.Loops(api).native
    monkeypatch.delenv(loops.ENV)
    assert loops.Loops(api).native is (loops._loops is not None)


def test_no_handle_gives_no_records():
    """pdfium counts -1 objects of no page and -1 segments of no path: no records either way."""
    api = libpdfium.api()
    assert api is not None
    for native in (True, False) if loops._loops is not None else (False,):
        ask = loops.Loops(api, native=native)
        with libpdfium.LOCK:
            assert ask.objects(0) == ask.chars(0, "")[0] == ask.path(0)[1] == []
