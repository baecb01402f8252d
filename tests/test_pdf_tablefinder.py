"""budgetx's table finder (budgetx.readers.pdf.tablefinder) gives pdfplumber's tables, float for float.

Every page of the sample and of the whole corpus: the rule edges budgetx
reads (:func:`budgetx.readers.pdf.grids.rules`) go through pdfplumber's
``TableFinder`` and through the port, and the tables' cells and bounding
boxes must be equal, in the same order.  Random edges (snapped, joined,
crossing, too short) are compared too.  Skipped without pdfplumber.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetx.readers.pdf.grids import FINDER, _edge, rules
from budgetx.readers.pdf.tablefinder import find_tables
from tests.conftest import CORPUS, SAMPLE_PDF

pdfplumber = pytest.importorskip("pdfplumber")

SETTINGS = {
    "vertical_strategy": "explicit",
    "horizontal_strategy": "explicit",
    "snap_tolerance": FINDER["snap_tolerance"],
    "join_tolerance": FINDER["join_tolerance"],
    "intersection_tolerance": FINDER["intersection_tolerance"],
    "edge_min_length": FINDER["edge_min_length"],
}


class _Page:
    """What pdfplumber's TableFinder reads of a page with explicit edges only."""

    bbox = (0, 0, 600, 850)


def _pdfplumbers(v, h) -> list[tuple[list, tuple]]:
    from pdfplumber.table import TableFinder, TableSettings

    settings = TableSettings.resolve({**SETTINGS, "explicit_vertical_lines": v, "explicit_horizontal_lines": h})
    return [(t.cells, t.bbox) for t in TableFinder(_Page(), settings).tables]  # type: ignore[arg-type]


def _ours(v, h) -> list[tuple[list, tuple]]:
    return [(t.cells, t.bbox) for t in find_tables(v, h, **FINDER)]


def _documents() -> list:
    docs = [SAMPLE_PDF]
    if CORPUS.is_dir():
        docs.extend(sorted(CORPUS.rglob("*.pdf")))
    return docs


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_every_page_gives_pdfplumbers_tables(path, monkeypatch):
    from budgetx.readers.pdf.objects import GlyphCache, page_objects, quiet_pdfminer

    monkeypatch.setenv("BUDGETX_PDF_BACKEND", "pdfminer")
    with quiet_pdfminer(), pdfplumber.open(path) as pdf:
        glyphs = GlyphCache()
        for page in pdf.pages:
            v, h = rules(page_objects(page, glyphs))
            page.close()
            if len(v) < 2 or len(h) < 2:
                continue
            ref = _pdfplumbers(v, h)
            assert _ours(v, h) == ref, f"{path.name} page {page.page_number}"


_coord = st.integers(0, 40).map(lambda k: k * 10.0) | st.floats(0, 400, allow_nan=False).map(lambda f: round(f, 2))


@st.composite
def _edges(draw) -> tuple[list, list]:
    v, h = [], []
    for _ in range(draw(st.integers(2, 14))):
        x = draw(_coord)
        a, b = sorted((draw(_coord), draw(_coord)))
        v.append(_edge(x, a, x, b, "v"))
    for _ in range(draw(st.integers(2, 14))):
        y = draw(_coord)
        a, b = sorted((draw(_coord), draw(_coord)))
        h.append(_edge(a, y, b, y, "h"))
    return v, h


@settings(max_examples=300, deadline=None)
@given(_edges())
def test_random_edges_give_pdfplumbers_tables(edges):
    v, h = edges
    assert _ours(v, h) == _pdfplumbers(v, h)
