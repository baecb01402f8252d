"""Real corpus documents against their golden tables and their expected table lists.

For each document with a golden file in ``tests/golden/corpus/`` (see its README):

- every golden table is found, with its unit and pages, its flattened column
  names, and every transcribed cell (codes, text, exact amounts);
- every table that ``tests/fixtures/corpus_expected.json`` lists for the
  document is found with its title, unit and pages (its label, its "no data"
  note and its number of data rows where the expectation gives them);
- the document's year and stage, and its number of tables;
- every hierarchy identity (parent code = Σ children) holds, but for the
  inconsistencies the expectation file lists as printed in the document.

Each document and table is its own test. A case the reader does not pass yet
can be listed in :data:`XFAIL` (non-strict xfail) with the reason; the list is
empty today: every golden table and expectation passes.
Each document is extracted once per session. The whole corpus is measured by
``benchmarks/accuracy.py``, not here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("budgetx_bench_accuracy", ROOT / "benchmarks" / "accuracy.py")
assert _spec and _spec.loader
acc = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = acc  # dataclasses look their module up
_spec.loader.exec_module(acc)

GOLDEN: dict[str, dict[str, Any]] = acc.load_golden()
EXPECTED: dict[str, dict[str, Any]] = {e["file"]: e for e in acc.load_expected()}

#: test id -> why it fails today. Remove a line when its test passes (XPASS).
XFAIL: dict[str, str] = {}

pytestmark = pytest.mark.corpus


def _param(case_id: str, *values: object) -> Any:
    marks = [pytest.mark.xfail(strict=False, reason=XFAIL[case_id])] if case_id in XFAIL else []
    return pytest.param(*values, id=case_id, marks=marks)


def _table_id(t: dict[str, Any]) -> str:
    return t["kind"]


def _golden_cases(what: str) -> list[Any]:
    return [
        _param(f"{g['short']}/{what}/{i}-{_table_id(t)}", file, i)
        for file, g in GOLDEN.items()
        for i, t in enumerate(g["tables"])
    ]


def _expected_cases() -> list[Any]:
    return [
        _param(f"{g['short']}/expected/{i:02d}-{_table_id(t)}", file, i)
        for file, g in GOLDEN.items()
        for i, t in enumerate(EXPECTED[file]["tables"])
    ]


@pytest.fixture(scope="session")
def corpus_docs(corpus: Path) -> Any:
    """``get(file)``: the document extracted once per session (or the exception it raised).

    The sample PDF lives in ``samples/``; it is tested with the corpus, which it belongs to.
    """
    import budgetx

    cache: dict[str, Any] = {}

    def get(file: str) -> Any:
        if file not in cache:
            try:
                cache[file] = budgetx.extract(acc.document_path(EXPECTED[file]))
            except Exception as exc:  # reported by each test of the document
                cache[file] = exc
        doc = cache[file]
        if isinstance(doc, Exception):
            pytest.fail(f"{file}: extraction failed: {type(doc).__name__}: {doc}")
        return doc

    return get


def _golden_table(corpus_docs: Any, file: str, index: int) -> tuple[dict[str, Any], Any]:
    doc = corpus_docs(file)
    g, t = acc.golden_tables(GOLDEN[file], doc)[index]
    assert t is not None, f"table not found: {g.get('label') or ''} {g['title']} (kind {g['kind']}, pages {g['pages']})"
    return g, t


@pytest.mark.parametrize(("file", "index"), _golden_cases("cells"))
def test_golden_cells(corpus_docs: Any, file: str, index: int) -> None:
    g, t = _golden_table(corpus_docs, file, index)
    score = acc.compare_golden_table(g, t)
    assert score.matched == score.total, (
        f"{score.matched}/{score.total} cells match, {score.rows_missing} rows missing:\n"
        + "\n".join(score.mismatches[:25])
    )


@pytest.mark.parametrize(("file", "index"), _golden_cases("header"))
def test_golden_header(corpus_docs: Any, file: str, index: int) -> None:
    g, t = _golden_table(corpus_docs, file, index)
    ignore = EXPECTED[file].get("ignore_pages", [])
    assert acc.norm_text(t.title) == acc.norm_text(g["title"])
    assert t.unit == g["unit"]
    assert [p for p in t.pages if p not in ignore] == g["pages"]
    assert [acc.norm_text(c.name) for c in t.columns] == [acc.norm_text(c["name"]) for c in g["columns"]]
    assert [c.type for c in t.columns] == [c["type"] for c in g["columns"]]
    if g.get("note"):
        assert acc.norm_text(g["note"]) in acc.norm_text(t.note), f"note {g['note']!r} missing, got {t.note!r}"


@pytest.mark.parametrize(("file", "index"), _expected_cases())
def test_expected_table(corpus_docs: Any, file: str, index: int) -> None:
    entry = EXPECTED[file]
    doc = corpus_docs(file)
    found = acc.match_tables(entry["tables"], doc.tables)
    e = entry["tables"][index]
    c = acc.check_table(e, found[index], entry.get("ignore_pages", []))
    assert c.found, f"not found: {e.get('label') or ''} {e['title']} ({e['kind']}, pages {e['pages']})"
    assert c.title_ok and c.unit_ok and c.pages_ok, f"expected {e}, got {c.got}"
    assert c.note_ok, f"note {e['note']!r} missing (got {found[index].note!r})"
    if e.get("label"):
        assert c.label_ok, f"label {e['label']!r}, got {found[index].number!r}"
    if "rows" in e:
        assert c.rows_ok, f"{len(found[index].rows)} data rows, {e['rows']} expected"


@pytest.mark.parametrize("file", [_param(f"{g['short']}/info", file) for file, g in GOLDEN.items()])
def test_document_info(corpus_docs: Any, file: str) -> None:
    entry = EXPECTED[file]
    doc = corpus_docs(file)
    assert (doc.info.year, doc.info.stage) == (entry["year"], entry["stage"])
    assert len(doc.tables) == len(entry["tables"]), [f"{t.number or ''}{t.title} p{t.pages}" for t in doc.tables]


@pytest.mark.parametrize("file", [_param(f"{g['short']}/hierarchy", file) for file, g in GOLDEN.items()])
def test_hierarchy_failures_are_printed_inconsistencies(corpus_docs: Any, file: str) -> None:
    """Each parent code = Σ its children, except where the document itself prints otherwise (listed)."""
    entry = EXPECTED[file]
    score = acc.hierarchy(corpus_docs(file), acc.known_inconsistencies(entry))
    unexplained = [acc.format_failure(f) for f in score.failures if not f["known"]]
    assert not unexplained, "\n".join(unexplained[:20])
    # a 合计 row against Σ 类 (code null) is the validator's to check, not this parent-code count's
    listed = {(i["code"], i["printed"]) for i in entry.get("printed_inconsistencies", []) if i["code"] is not None}
    assert listed <= {(f["code"], f["printed"]) for f in score.failures}, "a listed inconsistency was not seen"


def test_golden_files_are_listed_in_the_expectation_file() -> None:
    for file, g in GOLDEN.items():
        assert file in EXPECTED, file
        listed = {(t["kind"], t["title"]) for t in EXPECTED[file]["tables"]}
        for t in g["tables"]:
            assert (t["kind"], t["title"]) in listed, (g["short"], t["title"])


def test_golden_files_are_well_formed() -> None:
    """Cells aligned with columns, amounts exact decimal strings without separators, codes digits."""
    import re

    amount = re.compile(r"^-?\d+(\.\d+)?$")
    for g in GOLDEN.values():
        for t in g["tables"]:
            for r in t["rows"]:
                assert len(r["cells"]) == len(t["columns"]), (g["short"], t["title"], r)
                for c, v in zip(t["columns"], r["cells"], strict=True):
                    if c["type"] == "amount" and v is not None:
                        assert amount.match(v), (g["short"], t["title"], v)
                assert r["code"] is None or r["code"].isdigit(), (g["short"], r)
