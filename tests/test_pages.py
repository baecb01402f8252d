"""``--pages 3-7,12`` and ``budgetx.extract(path, pages=...)``: only those pages are read."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import budgetx
from budgetx.cli.app import app
from budgetx.errors import BadPageSelection
from budgetx.pages import PageSelection, PageSpecError, parse, selection
from tests.conftest import SAMPLE_PDF, SAMPLE_TXT

runner = CliRunner()

# --- parsing ------------------------------------------------------------------------------------


def test_pages_and_ranges_are_read_merged_and_sorted():
    assert parse("3-7,12").ranges == ((3, 7), (12, 12))
    assert parse(" 12 , 3 - 7 ,5").ranges == ((3, 7), (12, 12))
    assert parse("1,2,3").ranges == ((1, 3),)
    assert str(parse("12,3-7,8")) == "3-8,12"
    assert 5 in parse("3-7") and 8 not in parse("3-7") and "5" not in parse("3-7")
    assert list(parse("3-7,12").within(6)) == [3, 4, 5, 6]


@pytest.mark.parametrize(
    ("spec", "why"),
    [
        ("0", "numbered from 1"),
        ("7-3", "from the lower page to the higher (3-7)"),
        ("abc", "not a page or a range"),
        ("", "not a page or a range"),
        ("3,,4", "not a page or a range"),
        ("3-", "not a page or a range"),
        ("-3", "not a page or a range"),
        ("1.5", "not a page or a range"),
    ],
)
def test_a_bad_spec_says_what_is_wrong(spec, why):
    with pytest.raises(PageSpecError, match=why.replace("(", r"\(").replace(")", r"\)")):
        parse(spec)


def test_a_huge_range_is_not_expanded():
    pages = parse("1-1000000000000")
    assert pages.last == 10**12 and list(pages.within(3)) == [1, 2, 3]


def test_the_library_takes_numbers_or_a_selection():
    assert selection([12, 3, 4]) == parse("3-4,12")
    assert selection(parse("2")) == parse("2") and selection(None) is None
    with pytest.raises(PageSpecError):
        selection([0])
    with pytest.raises(PageSpecError):
        selection([True])


spans = st.lists(st.tuples(st.integers(1, 60), st.integers(0, 5)), min_size=1, max_size=8)


@given(spans, st.sampled_from([",", " , "]))
def test_a_written_selection_holds_exactly_its_pages(items, sep):
    spec = sep.join(str(a) if n == 0 else f"{a}-{a + n}" for a, n in items)
    wanted = {p for a, n in items for p in range(a, a + n + 1)}
    pages = parse(spec)
    assert {p for p in range(0, 70) if p in pages} == wanted
    assert list(pages.within(70)) == sorted(wanted)
    assert parse(str(pages)) == pages  # its printed form reads back as itself
    assert all(b + 1 < c for (_, b), (c, _) in zip(pages.ranges, pages.ranges[1:], strict=False))


@given(st.text(max_size=12))
def test_any_text_is_a_selection_or_a_page_spec_error(spec):
    try:
        pages = parse(spec)
    except PageSpecError as error:
        assert str(error)
    else:
        assert isinstance(pages, PageSelection) and pages.ranges[0][0] >= 1


# --- the library --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def whole():
    return budgetx.extract(SAMPLE_PDF)


def test_tables_are_found_among_the_pages_read_and_are_the_same(whole):
    part = budgetx.extract(SAMPLE_PDF, pages="5-7,12")
    by_pages = {tuple(t.pages): t for t in whole.tables}
    assert [t.pages for t in part.tables] == [[5], [6, 7], [12]]
    for t in part.tables:
        same = by_pages[tuple(t.pages)]
        assert (t.number, t.title, t.unit) == (same.number, same.title, same.unit)
        assert [r.cells for r in t.rows] == [r.cells for r in same.rows]
    assert part.source.pages == whole.source.pages == 19  # the document's page count, as always


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_pages_not_asked_for_are_never_parsed(monkeypatch, backend):
    from budgetx.readers import pdf
    from budgetx.readers.pdf import pdfium

    monkeypatch.setenv(pdfium.ENV, backend)
    read: list[int | str] = []
    real = pdf.read_page

    def spy(objects, number, state):
        read.append(number)
        return real(objects, number, state)

    real_fast = pdfium.Reader.read_page

    def fast(self, page, out):
        read.append("objects")
        return real_fast(self, page, out)

    monkeypatch.setattr(pdf, "read_page", spy)
    monkeypatch.setattr(pdf, "_objects", _counting(pdf._objects, read))
    monkeypatch.setattr(pdfium.Reader, "read_page", fast)
    budgetx.extract(SAMPLE_PDF, pages=[4, 9])
    assert read == ["objects", 4, "objects", 9]  # only these two pages' content streams were rendered


def _counting(real, log):
    def objects(page, state):
        log.append("objects")
        return real(page, state)

    return objects


def test_past_the_last_page_is_one_clear_error():
    with pytest.raises(BadPageSelection, match="the document has 19 pages; give pages 1 to 19") as caught:
        budgetx.extract(SAMPLE_PDF, pages="18-20")
    assert caught.value.exit_code == 2


def test_a_texts_pages_are_its_form_feeds(tmp_path):
    lines = SAMPLE_TXT.read_text(encoding="utf-8").split("\n")
    whole = budgetx.extract(SAMPLE_TXT)
    label = lines.index("表2") + 1  # the line that labels 表2
    assert whole.tables[1].number == "表2"
    lines[label - 2] += "\f"  # a page break before it: page 1 is the narrative and 表1, page 2 the rest
    paged = tmp_path / "paged.txt"
    paged.write_text("\n".join(lines), encoding="utf-8")
    first = budgetx.extract(paged, pages="1")
    rest = budgetx.extract(paged, pages="2")
    assert [t.number for t in first.tables] == ["表1"]
    assert [t.number for t in rest.tables] == [t.number for t in whole.tables[1:]]
    assert [r.lineno for r in rest.tables[0].rows] == [
        r.lineno for r in whole.tables[1].rows
    ]  # lines keep their numbers
    with pytest.raises(BadPageSelection, match="has 2 pages"):
        budgetx.extract(paged, pages="3")


def test_a_text_without_form_feeds_is_one_page():
    assert len(budgetx.extract(SAMPLE_TXT, pages="1").tables) == len(budgetx.extract(SAMPLE_TXT).tables)
    with pytest.raises(BadPageSelection, match="no form feed"):
        budgetx.extract(SAMPLE_TXT, pages="2")


# --- the CLI ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("0", "error: --pages 0: pages are numbered from 1"),
        ("7-3", "error: --pages 7-3: a range goes from the lower page to the higher (3-7)"),
        ("abc", "error: --pages abc: not a page or a range; write pages like 3-7,12 (1-based)"),
        ("3,0", "error: --pages 3,0: '0': pages are numbered from 1"),
        ("3-40", "pages 3-40 asked for, the document has 19 pages; give pages 1 to 19"),
    ],
)
@pytest.mark.parametrize("command", ["extract", "validate"])
def test_a_bad_selection_is_one_line_and_a_usage_error(command, spec, message):
    result = runner.invoke(app, [command, str(SAMPLE_PDF), "--pages", spec])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) <= 2


def test_extract_pages_on_the_command_line(tmp_path):
    result = runner.invoke(app, ["extract", str(SAMPLE_PDF), "--pages", "4-5", "-q"])
    assert result.exit_code == 0, result.output
    assert [t["number"] for t in json.loads(result.stdout)["tables"]] == ["表1", "表2"]


def test_validate_pages_on_the_command_line():
    result = runner.invoke(app, ["validate", str(SAMPLE_PDF), "--pages", "5", "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    [report] = json.loads(result.stdout)
    assert all(f["page"] in (None, 5) for f in report["findings"])


def test_text_input_with_pages_past_its_only_page_says_so():
    result = runner.invoke(app, ["extract", str(SAMPLE_TXT), "--pages", "2"])
    assert result.exit_code == 2
    assert "no form feed (page break): it is one page" in " ".join(result.stderr.split())
