"""The code catalogue (budgetx/data/codes.csv): its integrity, edition-dependent names, lookups, search."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from dataclasses import fields
from pathlib import Path

import pytest

from budgetx.normalize.catalogue import (
    CLASSIFICATIONS,
    Entry,
    catalogue,
    classify,
    compare_name,
    parse,
)
from tests.conftest import SAMPLE_TXT


@pytest.fixture(scope="module")
def cat():
    return catalogue()


# -- integrity ------------------------------------------------------------------


def test_catalogue_loads_once_and_covers_every_classification(cat):
    assert catalogue() is cat
    assert len(cat.entries) > 200
    counts = Counter(e.classification for e in cat.entries)
    assert set(counts) == set(CLASSIFICATIONS)


def test_levels_match_code_lengths(cat):
    for e in cat.entries:
        assert e.code.isdigit()
        assert {3: 1, 5: 2, 7: 3}[len(e.code)] == e.level, e


def test_every_parent_exists_in_the_same_classification(cat):
    for e in cat.entries:
        if e.level == 1:
            assert e.parent is None, e
            continue
        assert e.parent == e.code[:-2], e
        assert cat.names(e.parent, e.classification), f"{e.code} {e.name}: parent {e.parent} missing"


def test_classification_matches_first_digit(cat):
    first = {"function": "2", "economic_dept": "3", "economic_gov": "5", "revenue": "1"}
    for e in cat.entries:
        assert e.code[0] == first[e.classification], e


def test_every_row_cites_known_sources(cat):
    assert cat.sources, "the CSV header must cite its sources"
    for e in cat.entries:
        assert e.sources, e
        for s in e.sources:
            assert s in cat.sources, f"{e.code} {e.name}: source {s} not cited in the header"


def test_ranges_of_one_code_do_not_overlap(cat):
    seen = {(e.classification, e.code) for e in cat.entries}
    for cls, code in seen:
        names = cat.names(code, cls)
        for a, b in itertools.pairwise(names):
            assert a.valid_to is not None, f"{code}: {a.name} open-ended but followed by {b.name}"
            assert b.valid_from is None or a.valid_to < b.valid_from, (a, b)


def test_no_duplicate_rows(cat):
    keys = Counter((e.classification, e.code, e.name) for e in cat.entries)
    assert [k for k, n in keys.items() if n > 1] == []


# -- edition-dependent names ------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "year", "name"),
    [
        ("20805", 2017, "行政事业单位离退休"),
        ("20805", 2019, "行政事业单位离退休"),
        ("20805", 2021, "行政事业单位养老支出"),
        ("20805", 2025, "行政事业单位养老支出"),
        ("30311", 2017, "住房公积金"),
        ("30311", 2024, "代缴社会保险费"),
        ("30113", 2018, "住房公积金"),
        ("30113", 2021, "住房公积金"),
        ("310", 2017, "其他资本性支出"),
        ("310", 2025, "资本性支出"),
        ("2040405", 2017, "公诉和审判监督"),
        ("2040405", 2018, "公诉、审判、侦查、执行等检察监督支出"),
        ("2080505", 2021, "机关事业单位基本养老保险缴费支出"),
        ("30104", 2017, "其他社会保障缴费"),
        ("30104", 2021, None),  # not among the 301 款 of the 2024 决算 template
        ("30312", 2017, "提租补贴"),
        ("30312", 2024, None),
        ("208", 2007, "社会保障和就业"),
        ("208", 2021, "社会保障和就业支出"),
    ],
)
def test_edition_dependent_names(cat, code, year, name):
    assert cat.name(code, year) == name


def test_a_year_between_two_names_is_not_guessed(cat):
    # 20805 is 行政事业单位离退休 in 2017-2019 sources and 行政事业单位养老支出 from 2021: 2020 has no source
    assert cat.lookup("20805", 2020) is None


def test_housing_fund_moved_from_30311_to_30113(cat):
    assert cat.name("30311", 2017) == "住房公积金"
    assert cat.name("30113", 2017) is None  # 30113 is first printed in 2018
    assert cat.name("30311") == "代缴社会保险费"


def test_latest_name_without_a_year(cat):
    assert cat.name("20805") == "行政事业单位养老支出"


def test_path_to_root(cat):
    path = cat.path("2080505", 2021)
    assert [(e.code, e.name) for e in path] == [
        ("208", "社会保障和就业支出"),
        ("20805", "行政事业单位养老支出"),
        ("2080505", "机关事业单位基本养老保险缴费支出"),
    ]
    assert [e.name for e in cat.path("2080505", 2018)][1] == "行政事业单位离退休"


def test_children(cat):
    kids = [e.code for e in cat.children("20805", 2023)]
    assert "2080501" in kids and "2080505" in kids and "2080506" in kids


# -- classification -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "expected"),
    [
        ("2080505", None, "function"),
        ("208", "general_function", "function"),
        ("301", None, "economic_dept"),
        ("30113", "general_basic_economic", "economic_dept"),
        ("501", "basic_economic", "economic_gov"),
        ("50101", None, "economic_gov"),
        ("101", None, "revenue"),
        ("208", "fiscal_basic_economic", None),  # a function code cannot sit in an economic table
        ("12", None, None),
        ("abc", None, None),
    ],
)
def test_classify(code, kind, expected):
    assert classify(code, kind) == expected


# -- search ---------------------------------------------------------------------------


def test_search_substring_first(cat):
    hits = cat.search("养老支出", year=2021)
    assert hits[0].entry.code == "20805"
    assert all(h.entry.classification in CLASSIFICATIONS for h in hits)


def test_search_fuzzy_finds_near_names(cat):
    hits = cat.search("机关事业单位基本养老保险缴费支出", year=2021)
    assert hits[0].entry.code == "2080505"
    fuzzy = cat.search("基本养老缴费", year=2021)  # not a substring of any name
    assert "2080505" in [h.entry.code for h in fuzzy[:5]] or "30108" in [h.entry.code for h in fuzzy[:5]]


def test_search_respects_the_edition(cat):
    assert "20805" not in [h.entry.code for h in cat.search("养老支出", year=2018)]
    assert "20805" in [h.entry.code for h in cat.search("离退休", year=2018)]


def test_search_nothing(cat):
    assert cat.search("火星探测") == []
    assert cat.search("   ") == []


# -- the sample ----------------------------------------------------------------------


def test_every_function_code_printed_in_the_sample_has_a_standard_name(cat):
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    codes = set(re.findall(r"(?m)^(2\d{6})\t", text))
    assert len(codes) >= 8
    missing = sorted(c for c in codes if cat.lookup(c, 2021) is None)
    assert missing == []


def test_parse_reads_comments_and_rows():
    text = (
        "# a comment\n# [X1] a source\n"
        "classification,code,level,name,parent,valid_from,valid_to,sources\n"
        "function,208,1,社会保障和就业支出,,2017,,X1\n"
        "function,20805,2,行政事业单位离退休,208,2017,2019,X1\n"
        "function,20805,2,行政事业单位养老支出,208,2021,,X1\n"
    )
    cat = parse(text)
    assert cat.sources == {"X1": "a source"}
    assert cat.name("20805", 2018) == "行政事业单位离退休"
    assert cat.lookup("20805", 2021).years == "2021-"


PROVENANCE_CSV = (
    "# Sources [observed]: official publications\n"
    "# [D1] 2025 预算 a department: corpus/a.pdf\n"
    "# [D2] 2026 预算 another: corpus/b.pdf\n"
    "# [D3] 2026 决算 a third: corpus/c.pdf\n"
    "# Sources [edition]: public copies of the Ministry of Finance catalogue\n"
    "# [E1] 2024 财政部 notice, http://example.org\n"
    "classification,code,level,name,parent,valid_from,valid_to,sources\n"
    "function,229,1,其他支出,,2024,,D2;E1\n"
    "function,22999,2,其他支出,229,2026,,D2;D3\n"
    "function,2299999,3,其他支出,22999,2025,,D1;D2;D3\n"
)


def test_provenance_edition_or_observed_from_the_sources_column():
    cat = parse(PROVENANCE_CSV)
    assert cat.editions == frozenset({"E1"})
    lei, xiang = cat.lookup("229"), cat.lookup("2299999")
    assert lei.edition and lei.editions == (2024,) and lei.observed_in == 1 and lei.observed_years == (2026,)
    assert lei.provenance == "catalogue edition 2024; observed in 1 document (2026)"
    assert not xiang.edition and xiang.editions == ()
    assert xiang.observed_in == 3 and xiang.observed_years == (2025, 2026)
    assert xiang.provenance == "observed in 3 documents (2025-2026)"


def test_year_list_joins_runs():
    from budgetx.normalize.catalogue import year_list

    assert year_list((2017, 2018, 2019, 2021, 2023, 2024, 2025, 2026)) == "2017-2019, 2021, 2023-2026"
    assert year_list([2026]) == "2026"


def test_shipped_catalogue_marks_observed_only_names(cat):
    # the MOF texts (sources/P*.txt) are the editions; every other source is a printed document
    assert {"P1", "P6", "P7"} <= cat.editions
    assert not {s for s in cat.editions if not s.startswith("P")}
    assert cat.lookup("22006", 2024).edition  # 耕地保护考核奖惩基金支出: 财预〔2024〕22号
    observed = [e for e in cat.entries if not e.edition]
    assert observed and all(e.observed_in == len(e.sources) for e in observed)
    assert all(e.observed_in + len(e.editions) >= 1 for e in cat.entries)


def test_compare_name_is_exported():
    assert compare_name("行政运行", "行政运行") == "same"


# -- the corpus, read with pdftotext (independent of budgetx's own PDF reader) ------------


def _pdftotext(path):
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.corpus
@pytest.mark.slow
def test_every_function_code_printed_in_the_corpus_has_a_name_for_its_year(cat, corpus):
    import csv

    manifest = list(csv.DictReader((corpus / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"))
    checked = 0
    missing = []
    for doc in manifest:
        name = doc["file"]
        # official publications; 社会福利院 numbers its economic items its own way (its function codes are standard)
        if doc["kind"] != "real" or not name.endswith(".pdf"):
            continue
        text = _pdftotext(corpus / name)
        year = int(doc["year"])
        codes = set(re.findall(r"(?<![\d.,])(2\d{6})(?![\d.,])", text))
        codes |= {a + b + c for a, b, c in re.findall(r"(?m)^\s*(2\d{2})\s+(\d{2})\s+(\d{2})\s+\S", text)}
        for code in sorted(codes):
            checked += 1
            if cat.lookup(code, year, "function") is None:
                missing.append((name, year, code))
    assert checked > 100
    assert missing == []


def test_parse_reads_every_field_of_the_shipped_csv_as_a_plain_reading_does(cat):
    """parse reads rows by column position and works out each distinct list of sources once; every
    entry must still be what a plain csv.DictReader reading of budgetx/data/codes.csv gives."""
    text = (Path(__file__).resolve().parent.parent / "budgetx" / "data" / "codes.csv").read_text(encoding="utf-8")
    years: dict[str, int] = {}
    editions: set[str] = set()
    section = "observed"
    for line in text.splitlines():
        if line.startswith("# Sources [edition]"):
            section = "edition"
        elif line.startswith("# Sources [observed]"):
            section = "observed"
        cited = re.match(r"#\s*\[([A-Za-z0-9_-]+)\]\s*(\d{4})?", line)
        if cited:
            if cited.group(2):
                years[cited.group(1)] = int(cited.group(2))
            if section == "edition":
                editions.add(cited.group(1))
    body = "\n".join(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    expected = []
    for row in csv.DictReader(io.StringIO(body)):
        ids = tuple(row["sources"].split(";"))
        documents = [s for s in ids if s not in editions]
        expected.append(
            Entry(
                classification=row["classification"],  # type: ignore[arg-type]
                code=row["code"],
                level=int(row["level"]),
                name=row["name"],
                parent=row["parent"] or None,
                valid_from=int(row["valid_from"]) if row["valid_from"] else None,
                valid_to=int(row["valid_to"]) if row["valid_to"] else None,
                sources=ids,
                editions=tuple(sorted({years[s] for s in ids if s in editions})),
                observed_in=len(documents),
                observed_years=tuple(sorted({years[s] for s in documents})),
            )
        )
    assert len(cat.entries) == len(expected) > 500
    assert cat.editions == frozenset(editions)
    for got, want in zip(cat.entries, expected, strict=True):
        assert got == want
        assert {f.name: getattr(got, f.name) for f in fields(Entry)} == vars(got) == vars(want)
        assert type(got) is Entry and hash(got) == hash(want) and repr(got) == repr(want)


def test_parse_finds_the_columns_by_their_names():
    reordered = (
        "# [X1] 2020 a source\n"
        "code,sources,classification,name,level,valid_to,parent,valid_from\n"
        "208,X1,function,社会保障和就业支出,1,,,2017\n"
        '20805,X1,function,"行政事业单位养老支出",2,2020,208,2017\n'
    )
    cat = parse(reordered)
    assert [(e.code, e.name, e.level, e.parent, e.valid_from, e.valid_to, e.observed_years) for e in cat.entries] == [
        ("208", "社会保障和就业支出", 1, None, 2017, None, (2020,)),
        ("20805", "行政事业单位养老支出", 2, "208", 2017, 2020, (2020,)),
    ]
