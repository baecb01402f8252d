"""The sample's golden JSON: what budgetx writes, and every value held to the printed text.

``tests/golden/sample.json`` is ``budgetx extract --no-validate`` of the sample
text (the findings belong to the validation tests).  It was written once and
then checked value by value against the sample by
``tests/golden/check_sample_golden.py``, which shares no code with budgetx;
the extractor is compared with it here.  To accept a deliberate change of the
output: regenerate it (``python tests/test_text_golden.py``), run the checking
script, and read the diff.
"""

from __future__ import annotations

import copy
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import budgetx  # noqa: E402
from budgetx.export.json import dumps  # noqa: E402
from tests.conftest import GOLDEN, SAMPLE_TXT  # noqa: E402
from tests.golden import check_sample_golden  # noqa: E402

GOLDEN_JSON = GOLDEN / "sample.json"


def _load(text: str | bytes) -> dict:
    return json.loads(text, parse_float=Decimal)


def _exact(obj):
    """Decimals as their printed text: "0.00" is not "0"."""
    if isinstance(obj, Decimal):
        return ("amount", format(obj, "f"))
    if isinstance(obj, dict):
        return {k: _exact(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_exact(v) for v in obj]
    return obj


def _comparable(doc: dict) -> dict:
    doc = copy.deepcopy(doc)
    doc["source"].pop("path", None)  # where the sample was read from
    doc["source"].pop("sha256", None)
    doc.pop("findings", None)
    return _exact(doc)


@pytest.fixture(scope="module")
def produced() -> dict:
    doc = budgetx.extract(SAMPLE_TXT, validate=False)
    return _load(dumps(doc, doc.tables))


@pytest.fixture(scope="module")
def golden() -> dict:
    return _load(GOLDEN_JSON.read_text(encoding="utf-8"))


def test_golden_document_and_source(produced, golden):
    assert _comparable(produced)["source"] == _comparable(golden)["source"]
    assert produced["document"] == golden["document"]
    assert produced["schema_version"] == golden["schema_version"]
    assert len(produced["tables"]) == len(golden["tables"]) == 15


@pytest.mark.parametrize("index", range(15))
def test_golden_table(produced, golden, index):
    got, want = _comparable(produced)["tables"][index], _comparable(golden)["tables"][index]
    for key in want:
        if key != "rows":
            assert got[key] == want[key], key
    assert len(got["rows"]) == len(want["rows"])
    for g, w in zip(got["rows"], want["rows"], strict=True):
        assert g == w, f"line {w['line']}"


def test_golden_values_hold_against_the_sample_text():
    c = check_sample_golden.check(GOLDEN_JSON, SAMPLE_TXT)
    assert c.errors == []
    assert c.checked_rows == 176
    assert c.checked_cells > 1000


def test_the_checker_catches_a_wrong_golden(golden):
    def errors_with(change) -> list[str]:
        g = copy.deepcopy(golden)
        change(g)
        return check_sample_golden.check(g, SAMPLE_TXT).errors

    assert errors_with(lambda g: None) == []

    def amount(g):
        g["tables"][1]["rows"][3]["cells"][2] = Decimal("12.55")

    def zero(g):
        g["tables"][0]["rows"][8]["cells"][3] = Decimal("0")

    def shifted(g):
        row = g["tables"][1]["rows"][16]["cells"]  # 2150599: 203.00 | empty | 203.00
        row[3], row[4] = row[4], row[3]

    def dropped(g):
        del g["tables"][2]["rows"][20]

    def unit(g):
        g["tables"][3]["unit"] = "元"

    def note(g):
        g["tables"][4]["note"] = None

    def level(g):
        g["tables"][10]["rows"][5]["cells"][1] = "时效指标"

    def field(g):
        g["tables"][11]["fields"]["资金总额(万元)"] = "3"

    def code(g):
        g["tables"][7]["rows"][3]["code"] = "2080506"

    def header_as_data(g):
        t3 = g["tables"][2]
        t3["rows"].insert(15, {**t3["rows"][15], "line": 161, "code": None, "level": None, "parent": None,
                               "name": "科目名称", "cells": [None, "科目名称", "合计", "人员经费", "公用经费"]})  # fmt: skip

    for change in (amount, zero, shifted, dropped, unit, note, level, field, code, header_as_data):
        assert errors_with(change), change.__name__


if __name__ == "__main__":  # regenerate the golden file (then run the checking script)
    import os

    os.chdir(ROOT)
    doc = budgetx.extract(SAMPLE_TXT.relative_to(ROOT), validate=False)
    GOLDEN_JSON.write_bytes(dumps(doc, doc.tables))
    print(f"wrote {GOLDEN_JSON}")
