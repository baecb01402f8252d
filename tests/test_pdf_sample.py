"""The sample rendered as a PDF gives the same tables and values as the sample's text."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SAMPLE_PDF, SAMPLE_TXT

_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3400-\u9fff\uff00-\uffef])")


def _loose(value):
    """Free text compared without the spaces a line wrap swallows ("大于等于 90%" wraps as "大于等于|90%")."""
    return _CJK_GAP.sub("", value) if isinstance(value, str) else value


@pytest.fixture(scope="session")
def pdf_doc():
    import budgetx

    return budgetx.extract(SAMPLE_PDF, validate=False)


@pytest.fixture(scope="session")
def txt_doc():
    import budgetx

    return budgetx.extract(SAMPLE_TXT, validate=False)


def test_same_document_info(pdf_doc, txt_doc):
    assert pdf_doc.source.format == "pdf"
    assert pdf_doc.source.pages == 19
    assert pdf_doc.info == txt_doc.info


def test_same_tables(pdf_doc, txt_doc):
    assert [(t.number, t.title, t.kind, t.unit) for t in pdf_doc.tables] == [
        (t.number, t.title, t.kind, t.unit) for t in txt_doc.tables
    ]


@pytest.mark.parametrize("index", range(15))
def test_same_cells(pdf_doc, txt_doc, index):
    tp, tt = pdf_doc.tables[index], txt_doc.tables[index]
    assert tp.note == tt.note
    assert [(c.name, c.type, c.block) for c in tp.columns] == [(c.name, c.type, c.block) for c in tt.columns]
    assert {k: _loose(v) for k, v in tp.fields.items()} == {k: _loose(v) for k, v in tt.fields.items()}
    assert len(tp.rows) == len(tt.rows)
    for rp, rt in zip(tp.rows, tt.rows, strict=False):
        assert (rp.code, rp.name, rp.level) == (rt.code, rt.name, rt.level)
        if tp.kind.startswith("performance_"):
            assert [_loose(c) for c in rp.cells] == [_loose(c) for c in rt.cells]
        else:
            assert rp.cells == rt.cells  # amounts exact, empty stays empty


def test_pages_of_stitched_table(pdf_doc):
    t3 = pdf_doc.tables[2]
    assert t3.number == "表3" and t3.pages == [6, 7] and len(t3.rows) == 27
