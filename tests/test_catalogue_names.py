"""compare_name on names printed in the sample and the corpus, and the annotation of documents."""

from __future__ import annotations

import pytest

from budgetx.errors import BudgetxError
from budgetx.normalize.annotate import annotate, name_checks
from budgetx.normalize.catalogue import catalogue, compare_name
from tests.conftest import CORPUS


@pytest.mark.parametrize(
    ("printed", "standard"),
    [
        ("行政运行", "行政运行"),
        ("维修(护)费", "维修（护）费"),  # 普陀 万里街道 2024/2025: ASCII brackets
        ("因公出国（境）费用", "因公出国（境）费用"),
        (" 住房公积金 ", "住房公积金"),
    ],
)
def test_same(printed, standard):
    assert compare_name(printed, standard) == "same"


@pytest.mark.parametrize(
    ("printed", "standard"),
    [
        # the sample, 表2 vs 表7
        ("机关事业单位基本养老", "机关事业单位基本养老保险缴费支出"),
        ("机关事业单位职业年金", "机关事业单位职业年金缴费支出"),
        ("其他行政事业单位医疗", "其他行政事业单位医疗支出"),
        ("其他工业和信息产业", "其他工业和信息产业监管支出"),
        # 普陀 万里街道 2023 预算: a cell cut short
        ("机关事业单位基本养老保险缴费支", "机关事业单位基本养老保险缴费支出"),
        # 普陀 社会工作部 2024 决算: wrapped cells read in part
        ("基本养老保险", "机关事业单位基本养老保险缴费支出"),
        ("职业年金缴费", "机关事业单位职业年金缴费支出"),
        # 普陀 政府办公室 单位 2025 预算
        ("其他政府办公厅（室）及相关机构事", "其他政府办公厅（室）及相关机构事务支出"),
        # 普陀 社会福利院 2024 预算: 30108 with a character dropped
        ("机关事业单位基本养老保险费", "机关事业单位基本养老保险缴费"),
        ("因公出国费用", "因公出国（境）费用"),
    ],
)
def test_shortened(printed, standard):
    assert compare_name(printed, standard) == "shortened"


@pytest.mark.parametrize(
    ("printed", "standard"),
    [
        # 普陀 社会福利院 2024 预算 numbers its 302/303 款 its own way: the printed names name other items
        ("咨询费", "印刷费"),  # 30202
        ("水费", "咨询费"),  # 30203
        ("电费", "手续费"),  # 30204
        ("邮电费", "水费"),  # 30205
        ("办公设备购置费", "电费"),  # 30206
        ("工会经费", "邮电费"),  # 30207
        ("福利费", "取暖费"),  # 30208
        ("其他商品和服务支出", "维修（护）费"),  # 30213
        ("退休费", "离休费"),  # 30301
        ("离退休人员经费", "对个人和家庭的补助"),  # 303
        # an old name in a new edition: 30311 was 住房公积金 in 2017, is 代缴社会保险费 since
        ("住房公积金", "代缴社会保险费"),
        # a 2-character fragment of another name is not a shortening
        ("电费", "邮电费"),
        # 其他X is not X
        ("其他商品和服务支出", "商品和服务支出"),
        ("商品和服务支出", "其他商品和服务支出"),
        ("", "行政运行"),
        (None, "行政运行"),
    ],
)
def test_different(printed, standard):
    assert compare_name(printed, standard) == "different"


# -- the sample ----------------------------------------------------------------------


def test_every_coded_row_of_the_sample_gets_a_standard_name(sample_doc):
    coded = [(t, r) for t in sample_doc.tables for r in t.rows if r.code]
    assert len(coded) >= 60
    for t, r in coded:
        assert r.standard_name, f"{t.number} {r.code} {r.name}"
        assert r.level == {3: 1, 5: 2, 7: 3}[len(r.code)]
        assert r.parent == (r.code[:-2] if len(r.code) > 3 else None)


def test_sample_standard_names_follow_the_2021_edition(sample_doc):
    rows = {r.code: r for t in sample_doc.tables for r in t.rows if r.code}
    assert rows["20805"].standard_name == "行政事业单位养老支出"
    assert rows["2080505"].standard_name == "机关事业单位基本养老保险缴费支出"
    assert rows["30113"].standard_name == "住房公积金"


def test_a_qualified_name_is_neither_shortened_nor_different():
    # regression: the sample 表3 prints 30211 国内差旅费, longer than the standard 差旅费,
    # and it was reported as a shortened name
    assert compare_name("国内差旅费", "差旅费") == "qualified"


def test_sample_name_checks_are_shortenings_and_one_qualified_name(sample_doc):
    checks = list(name_checks(sample_doc))
    assert checks, "表2 prints shortened names"
    assert {c.match for c in checks} == {"shortened", "qualified"}
    shortened = {(c.row.code, c.row.name) for c in checks if c.match == "shortened"}
    assert shortened == {
        ("2080505", "机关事业单位基本养老"),
        ("2080506", "机关事业单位职业年金"),
        ("2101199", "其他行政事业单位医疗"),
        ("2150599", "其他工业和信息产业"),
    }
    assert [(c.row.code, c.row.name) for c in checks if c.match == "qualified"] == [("30211", "国内差旅费")]


def test_annotate_marks_a_wrong_name_as_different(sample_doc):
    import copy

    doc = copy.deepcopy(sample_doc)
    row = next(r for t in doc.tables for r in t.rows if r.code == "30113")
    row.name = "医疗费"
    annotate(doc)
    found = [c for c in name_checks(doc) if c.row.code == "30113"]
    assert [c.match for c in found] == ["different"]


def test_annotate_uses_the_document_year(sample_doc):
    import copy

    doc = copy.deepcopy(sample_doc)
    doc.info.year = 2018
    annotate(doc, catalogue())
    row = next(r for t in doc.tables for r in t.rows if r.code == "20805")
    assert row.standard_name == "行政事业单位离退休"


# -- the corpus ----------------------------------------------------------------------

CORPUS_DOCS = [
    "jiangsu/2017年省检察院部门预算.pdf",
    "jiangsu/2018年省检察院部门预算公开.pdf",
    "jiangsu/江苏省人大常委会办公厅2019年部门预算公开表.pdf",
    "shanghai/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",
]


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("name", CORPUS_DOCS)
def test_corpus_function_codes_have_standard_names(corpus, name):
    import budgetx

    try:
        doc = budgetx.extract(corpus / name, validate=False)
    except BudgetxError as exc:  # pragma: no cover - the reader's business
        pytest.skip(f"not extracted: {exc}")
    rows = [r for t in doc.tables for r in t.rows if r.code and len(r.code) == 7 and r.code.startswith("2")]
    if not rows:
        pytest.skip("the reader gives no joined 7-digit codes for this document yet")
    assert [(r.code, r.name) for r in rows if r.standard_name is None] == []


def test_corpus_path_constant_points_at_shared_corpus():
    assert CORPUS.name == "corpus"
