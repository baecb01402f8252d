"""The three text shapes of one document give the same tables and values.

``tests/fixtures/text/`` holds five tables of the sample (表1 two-block, 表2,
表3 broken by a repeated page header, 表5 empty with its note, the
信息系统整合 项目绩效目标申报表) as

* ``sample_tables.tsv.txt``: tab-separated rows, cut from the sample text;
* ``sample_tables.layout.txt``: ``pdftotext -layout`` of the same pages of the
  sample PDF (pages 4, 5, 6, 7, 9 and 18), untouched;
* ``sample_tables.md``: Markdown pipe tables (the tab rows, the first row of
  each grid as the Markdown header);
* ``sample_tables.gb18030.txt`` and ``sample_tables.bom.txt``: the tab shape
  in GB18030 and in UTF-8 with a byte-order mark.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import budgetx
from budgetx.model import Document
from tests.conftest import FIXTURES, SAMPLE_PDF, SAMPLE_TXT

TEXT = FIXTURES / "text"
TAB = TEXT / "sample_tables.tsv.txt"
SHAPES = ["sample_tables.layout.txt", "sample_tables.md", "sample_tables.gb18030.txt", "sample_tables.bom.txt"]


def _norm(value):
    """Text compared without spaces: the PDF prints "3个" where the text has "3 个"."""
    if isinstance(value, str):
        return re.sub(r"\s+", "", value)
    return value


def _tables(doc: Document) -> list[dict]:
    return [
        {
            "number": t.number,
            "title": t.title,
            "kind": t.kind,
            "unit": t.unit,
            "note": t.note,
            "fields": {_norm(k): _norm(v) for k, v in t.fields.items()},
            "columns": [(c.name, c.type, c.block) for c in t.columns],
            "rows": [([_norm(c) for c in r.cells], r.code, r.name, r.level, r.parent) for r in t.rows],
        }
        for t in doc.tables
    ]


@pytest.fixture(scope="module")
def tab_doc() -> Document:
    return budgetx.extract(TAB)


def test_the_tab_fixture_holds_the_five_tables(tab_doc):
    assert [t.number for t in tab_doc.tables] == ["表1", "表2", "表3", "表5", None]
    assert [len(t.rows) for t in tab_doc.tables] == [10, 19, 27, 0, 7]
    assert tab_doc.tables[3].note == "（备注：本单位无政府性基金收支，故此表无数据。）"
    assert tab_doc.tables[4].fields["项目名称"] == "信息系统整合"


@pytest.mark.parametrize("name", SHAPES)
def test_every_shape_gives_the_same_tables(tab_doc, name):
    other = budgetx.extract(TEXT / name)
    assert other.source.format == "text"
    expected, got = _tables(tab_doc), _tables(other)
    assert [t["title"] for t in got] == [t["title"] for t in expected]
    for e, g in zip(expected, got, strict=True):
        assert g == e, f"{name}: {e['number'] or e['title']}"


@pytest.mark.parametrize("name", SHAPES)
def test_every_shape_gives_the_same_exact_amounts(tab_doc, name):
    other = budgetx.extract(TEXT / name)
    amounts = [str(c) for t in other.tables for r in t.rows for c in r.cells if isinstance(c, Decimal)]
    assert amounts == [str(c) for t in tab_doc.tables for r in t.rows for c in r.cells if isinstance(c, Decimal)]
    assert "426.37" in amounts and "0.00" in amounts


def test_layout_tables_know_their_pages():
    doc = budgetx.extract(TEXT / "sample_tables.layout.txt")
    assert doc.source.pages == 6
    assert [t.pages for t in doc.tables] == [[1], [2], [3, 4], [5], [6]]
    # rows point at their line in the layout text
    t2 = doc.tables[1]
    lines = (TEXT / "sample_tables.layout.txt").read_text(encoding="utf-8").split("\n")
    for row in t2.rows:
        assert row.code is None or lines[row.lineno - 1].lstrip("\f").startswith(row.code)


def test_layout_of_the_whole_sample_pdf_matches_the_sample_text(tmp_path):
    """Every grid table of the whole sample, through ``pdftotext -layout``."""
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path / "sample.layout.txt"
    subprocess.run(["pdftotext", "-layout", str(SAMPLE_PDF), str(out)], check=True)
    layout, text = budgetx.extract(out), budgetx.extract(SAMPLE_TXT)
    assert [(t.number, t.title) for t in layout.tables] == [(t.number, t.title) for t in text.tables]
    for a, b in zip(text.tables, layout.tables, strict=True):
        if a.kind.startswith("performance_"):
            continue  # forms: see test_layout_forms_keep_their_fields
        assert b.unit == a.unit and b.note == a.note
        assert [c.type for c in b.columns] == [c.type for c in a.columns], a.number
        assert [[_norm(c) for c in r.cells] for r in b.rows] == [[_norm(c) for c in r.cells] for r in a.rows], a.number
        assert [(r.code, r.name) for r in b.rows] == [(r.code, r.name) for r in a.rows], a.number
        if a.number != "表7":  # 表7's six-line header wraps inside its cells differently
            assert [c.name for c in b.columns] == [c.name for c in a.columns], a.number


def test_layout_forms_keep_their_fields(tmp_path):
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path / "sample.layout.txt"
    subprocess.run(["pdftotext", "-layout", str(SAMPLE_PDF), str(out)], check=True)
    layout, text = budgetx.extract(out), budgetx.extract(SAMPLE_TXT)
    forms = [(a, b) for a, b in zip(text.tables, layout.tables, strict=True) if a.kind == "performance_project"]
    assert len(forms) == 6
    for a, b in forms:
        assert {k: _norm(v) for k, v in b.fields.items()} == {k: _norm(v) for k, v in a.fields.items()}


def test_crlf_and_cr_line_endings_read_the_same(tab_doc):
    data = TAB.read_bytes()
    for eol in (b"\r\n", b"\r"):
        doc = budgetx.extract("crlf.txt", data=data.replace(b"\n", eol))
        assert _tables(doc) == _tables(tab_doc)
        assert doc.tables[1].rows[0].lineno == tab_doc.tables[1].rows[0].lineno


def test_stdin_bytes_of_each_shape(tab_doc):
    for name in SHAPES:
        doc = budgetx.extract("<stdin>", data=(TEXT / name).read_bytes())
        assert [t.title for t in doc.tables] == [t.title for t in tab_doc.tables]
