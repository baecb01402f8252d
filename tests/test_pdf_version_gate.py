"""The PDF reader's fast path runs only with the pdfminer releases it was checked against.

:mod:`budgetx.readers.pdf.objects` and :mod:`budgetx.readers.pdf.content`
override pdfminer internals.  With a pdfminer release they were not checked
against, the reader takes pdfplumber's own page objects (the reference path)
and must find the same tables.
"""

from __future__ import annotations

import pdfminer
import pytest

import budgetx
import budgetx.readers.pdf as reader
from budgetx.export.json import dumps
from budgetx.readers.pdf import objects
from budgetx.readers.pdf.objects import CHECKED_PDFMINER, fast_path_checked
from tests.conftest import SAMPLE_PDF


@pytest.fixture(autouse=True)
def _pdfminer_reads(monkeypatch):
    """These are pdfminer's paths: pdfminer reads every page (pdfium, the default, would read the sample)."""
    monkeypatch.setenv("BUDGETX_PDF_BACKEND", "pdfminer")


def _tables_json(path) -> str:
    doc = budgetx.extract(path)
    assert doc.tables
    out = dumps(doc, doc.tables)
    return out if isinstance(out, str) else out.decode()


def test_installed_pdfminer_is_one_the_fast_path_was_checked_against():
    assert pdfminer.__version__ in CHECKED_PDFMINER, (
        f"pdfminer.six {pdfminer.__version__} is not in objects.CHECKED_PDFMINER: the reader runs the slow "
        "reference path; check the fast path with tests/test_pdf_objects.py and tests/test_pdf_content.py, then add it"
    )
    assert fast_path_checked()


def test_unknown_pdfminer_falls_back_to_pdfplumber_objects(monkeypatch):
    fast = _tables_json(SAMPLE_PDF)

    monkeypatch.setattr(pdfminer, "__version__", "20991231")
    assert not fast_path_checked()

    def unchecked(*args, **kwargs):
        raise AssertionError("budgetx's pdfminer device ran with an unchecked pdfminer release")

    monkeypatch.setattr(objects, "page_objects", unchecked)
    assert _tables_json(SAMPLE_PDF) == fast


def test_unknown_pdfminer_page_damage_is_a_damaged_document(monkeypatch):
    """On the reference path, content pdfminer cannot parse is an unreadable page: all of them, a damaged document."""
    import pdfplumber.page

    from budgetx.errors import CorruptDocument

    def unparsable(self):
        raise ValueError("unparsable content stream")

    monkeypatch.setattr(pdfminer, "__version__", "20991231")
    monkeypatch.setattr(pdfplumber.page.Page, "chars", property(unparsable))
    with pytest.raises(
        CorruptDocument, match=r"no page can be read \(page 1: its content cannot be parsed \(ValueError\)"
    ):
        reader.read(SAMPLE_PDF.read_bytes(), str(SAMPLE_PDF))
