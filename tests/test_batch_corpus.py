"""The 三公经费 of every department and year of the corpus, one query over the dataset and one pandas
expression, against the totals printed in the documents (tests/fixtures/three_public_totals.json, each
read by hand from its page)."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal

import pytest

from budgetx.batch import BatchOptions, run_batch
from tests.conftest import FIXTURES

TOTALS = json.loads((FIXTURES / "three_public_totals.json").read_text(encoding="utf-8"))["documents"]
#: the recipe README gives: the three_public view
QUERY = "SELECT department_key, year, stage, publication, value_yuan, document FROM three_public"


@pytest.fixture(scope="module")
def dataset(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("three-public")
    report = run_batch([str(corpus / t["file"]) for t in TOTALS], BatchOptions(out, jobs=2))
    assert len(report.processed) == len(TOTALS) and not report.failed
    return out


def _printed_yuan(total: dict[str, str]) -> Decimal:
    assert total["unit"] == "万元"
    return Decimal(total["three_public_total"].replace(",", "")) * 10000


def _documents(dataset) -> dict[str, str]:
    """file name → sha256."""
    conn = sqlite3.connect(dataset / "budget.sqlite")
    return {file.rsplit("/", 1)[-1]: sha for sha, file in conn.execute("SELECT sha256, file FROM documents")}


def test_one_query_gives_the_printed_three_public_total_of_each_department_and_year(dataset):
    conn = sqlite3.connect(dataset / "budget.sqlite")
    rows = conn.execute(QUERY).fetchall()
    # one row per department and year (each of these documents is another department or year)
    assert len(rows) == len({(r[0], r[1], r[2]) for r in rows}) == len(TOTALS)
    by_document = {r[5]: r for r in rows}
    sha = _documents(dataset)
    for total in TOTALS:
        row = by_document[sha[total["file"].rsplit("/", 1)[-1]]]
        assert Decimal(row[4]) == _printed_yuan(total), total["file"]
        if "not" in total:  # never the 合计 that adds 会议费 and 培训费
            assert Decimal(row[4]) != Decimal(total["not"].replace(",", "")) * 10000


def test_one_pandas_expression_gives_the_same(dataset):
    import budgetx

    frame = budgetx.read_dataset(dataset)["three_public"]
    conn = sqlite3.connect(dataset / "budget.sqlite")
    expected = {(r[0], r[1], r[2]): Decimal(r[4]) for r in conn.execute(QUERY)}
    got = {(r.department_key, r.year, r.stage): r.value_yuan for r in frame.itertuples()}
    assert got == expected
    assert sum(got.values()) == sum(_printed_yuan(t) for t in TOTALS)


def test_the_parts_add_up_to_the_total_where_all_are_printed(dataset):
    import budgetx

    frame = budgetx.read_dataset(dataset)["three_public"]
    complete = frame.dropna(subset=["outbound_yuan", "reception_yuan", "vehicle_yuan"])
    assert len(complete) >= 8
    for r in complete.itertuples():
        assert r.outbound_yuan + r.reception_yuan + r.vehicle_yuan == r.value_yuan, r.department_key


def test_rows_keep_their_unit_and_their_department_key(dataset):
    conn = sqlite3.connect(dataset / "budget.sqlite")
    sha = _documents(dataset)
    suzhou = sha["苏州_交通运输局_苏州市交通运输局2026年度部门预算公开.pdf"]
    # 苏州市交通运输局's tables list its units by code: 123001 …
    entities = {e for (e,) in conn.execute("SELECT DISTINCT entity FROM amounts WHERE document = ?", (suzhou,))}
    assert {"123001", "123002"} <= entities
    keys = dict(conn.execute("SELECT file, department_key FROM documents").fetchall())
    assert {k for f, k in keys.items() if "江苏省委办公厅" in f} == {"中国共产党江苏省委员会办公厅"}
    assert {k for f, k in keys.items() if "政协" in f} == {"中国人民政治协商会议江苏省委员会办公厅"}
