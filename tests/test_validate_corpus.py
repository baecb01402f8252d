"""Validation on real documents: the injected errors are reported at their pages, and every finding on
the corpus is a printed inconsistency of the document (kept in a fixture), not an extraction bug."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from budgetx.errors import BudgetxError
from budgetx.model import Document, Finding

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
INJECTED = json.loads((FIXTURES / "injected_errors.json").read_text(encoding="utf-8"))
KNOWN = json.loads((FIXTURES / "validate_corpus_findings.json").read_text(encoding="utf-8"))

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@cache
def validated(rel: str) -> Document:
    path = CORPUS / rel
    if not path.is_file():
        pytest.skip(f"{rel} is not in the shared corpus")
    import budgetx

    try:
        return budgetx.extract(path)
    except BudgetxError as error:  # pragma: no cover - depends on the PDF reader
        pytest.skip(f"budgetx cannot read {rel} yet: {error}")


def _key(f: Finding) -> tuple[object, ...]:
    return (f.rule, f.severity, f.page, f.code, f.column, f.expected, f.actual)


def _fixture_key(d: dict[str, object]) -> tuple[object, ...]:
    amount = lambda x: None if x is None else Decimal(str(x))  # noqa: E731
    return (d["rule"], d["severity"], d["page"], d["code"], d["column"], amount(d["expected"]), amount(d["actual"]))


DETECTED = [e for e in INJECTED["errors"] if e["detected"]]


@pytest.mark.parametrize("error", DETECTED, ids=[e["id"] for e in DETECTED])
def test_each_injected_error_is_reported_at_its_page(error):
    doc = validated(INJECTED["test_version"])
    page = error.get("report_page", error["page"])
    hits = [f for f in doc.findings if f.rule == error["rule"] and f.page == page]
    if "expected" in error:
        hits = [f for f in hits if f.expected == Decimal(error["expected"]) and f.actual == Decimal(error["actual"])]
    if error["table"] and error["rule"] == "document.missing_table":
        hits = [f for f in hits if error["table"] in f.message]
    assert hits, f"{error['id']}: no {error['rule']} finding at page {page}"
    assert {f.severity for f in hits} == {error["severity"]}


def test_every_injected_error_is_detected():
    assert [e["id"] for e in INJECTED["errors"] if not e["detected"]] == []


def test_wording_findings_on_the_corpus_are_the_two_printed_slips():
    """The wording rules fire on the corpus only where the page shows the slip."""
    found = []
    for rel in sorted(KNOWN["documents"]):
        doc = validated(rel)
        found += [(rel, f.rule, f.page) for f in doc.findings if f.rule.startswith("wording.")]
    test = INJECTED["test_version"]
    assert sorted(found) == [
        # p.25: 减少了该项支出。 。(a full stop printed twice, checked on the page)
        ("jiangsu/省人大办公厅2018预算公开.pdf", "wording.punctuation", 25),
        (test, "wording.header", 8),
        (test, "wording.header", 12),
        (test, "wording.header", 16),
        (test, "wording.header", 17),
        (test, "wording.punctuation", 25),
    ]


def test_the_test_version_fails_validation():
    doc = validated(INJECTED["test_version"])
    assert any(f.severity == "error" for f in doc.findings)


def test_the_original_reports_only_its_own_printed_inconsistencies():
    doc = validated(INJECTED["original"])
    errors = [f for f in doc.findings if f.severity == "error"]
    # the original's own error: the text's 财政拨款收入支出总计0.3万元 (the test version corrects it)
    assert sorted((f.rule, f.page, f.expected, f.actual) for f in errors) == [
        ("narrative.figure", 21, Decimal("2961.68"), Decimal("0.3")),
    ]
    # the rest are differences that rounding explains: a cent, or 302 商品和服务支出 171.07 against
    # its 12 款 (171.09), each rounded to the cent
    arithmetic = [f for f in doc.findings if f.severity == "warning" and not f.rule.startswith("name.")]
    assert arithmetic and all(abs(f.difference) == Decimal("0.01") for f in arithmetic if f.code != "302")
    assert [f.difference for f in arithmetic if f.code == "302"] == [Decimal("-0.02")]


def test_every_corpus_pdf_has_its_known_findings():
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is absent")
    pdfs = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.pdf"))
    assert pdfs == sorted(KNOWN["documents"])


@pytest.mark.parametrize("rel", sorted(KNOWN["documents"]))
def test_corpus_findings_are_the_known_printed_inconsistencies(rel):
    doc = validated(rel)
    got = sorted(
        (
            _key(f)
            for f in doc.findings
            if f.severity in ("error", "warning")
            and not f.rule.startswith("name.")
            and f.rule != "document.placeholder"
        ),
        key=repr,
    )
    want = sorted((_fixture_key(d) for d in KNOWN["documents"][rel]), key=repr)
    assert got == want


#: Jiangsu publications in two files: (情况说明, 公开表)
PAIRS = [
    ("jiangsu/江苏省委办公厅2017年部门预算.pdf", "jiangsu/江苏省委办公厅2017年预算公开表格.pdf"),
    ("jiangsu/江苏省委办公厅2018年度部门预算公开文件.pdf", "jiangsu/江苏省委办公厅2018年度部门预算公开表.pdf"),
    ("jiangsu/江苏省委办公厅2019年度部门预算公开文件.pdf", "jiangsu/江苏省委办公厅2019年度部门预算公开表格.pdf"),
    ("jiangsu/江苏省政协办公厅2017年度部门预算.pdf", "jiangsu/2017年度部门预算公开表.pdf"),
    ("jiangsu/江苏省政协办公厅2018年度部门预算.pdf", "jiangsu/江苏省政协办公厅2018度部门预算公开表.pdf"),
    ("jiangsu/江苏省政协办公厅2019年度部门预算.pdf", "jiangsu/江苏省政协办公厅2019年预算公开表.pdf"),
    ("jiangsu/江苏省人大常委会2019年度部门预算公开.pdf", "jiangsu/江苏省人大常委会办公厅2019年部门预算公开表.pdf"),
]


@pytest.mark.parametrize(("text", "tables"), PAIRS, ids=[p[1].split("/")[1] for p in PAIRS])
def test_a_narrative_file_agrees_with_its_tables_file(text, tables):
    from collections import Counter

    from budgetx.validate import run, with_narrative

    checks: Counter[str] = Counter()
    findings = run(with_narrative(validated(tables), validated(text)), checks=checks)
    assert checks["narrative.figure"] >= 15  # the text's totals, 基本/项目支出, 三公 … were all compared
    # the text's own percentages (narrative.change/share) are checked on the text file and listed there
    own = ("name.", "narrative.change", "narrative.share", "narrative.completion")
    assert [f.message for f in findings if f.severity != "info" and not f.rule.startswith(own)] == []
