"""JSON: the contract in budgetx/data/document.schema.json, and exact amounts."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from importlib.resources import files

import jsonschema
import pytest

from budgetx.export.json import SCHEMA_VERSION, dumps, dumps_obj
from budgetx.model import Finding
from budgetx.tables.kinds import ALL_KINDS


@pytest.fixture(scope="module")
def schema():
    text = files("budgetx").joinpath("data", "document.schema.json").read_text(encoding="utf-8")
    s = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(s)
    return s


def load(data: bytes):
    return json.loads(data.decode("utf-8"), parse_float=Decimal)


def validate(schema, data: bytes) -> None:
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(json.loads(data)), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_the_sample_output_follows_the_schema(sample_doc, schema):
    validate(schema, dumps(sample_doc, sample_doc.tables))


def test_an_output_with_findings_follows_the_schema(sample_doc, schema):
    doc = copy.copy(sample_doc)
    doc.findings = [
        Finding(
            rule="hierarchy",
            severity="error",
            message="类 208 不等于其款之和",
            message_en="208 is not the sum of its 款",
            table=2,
            table_title="一般公共预算财政拨款支出预算表",
            code="208",
            row_name="社会保障和就业支出",
            column="2021年预算数 / 小计",
            line=111,
            expected=Decimal("18.81"),
            actual=Decimal("18.80"),
            difference=Decimal("-0.01"),
        )
    ]
    data = dumps(doc, doc.tables)
    validate(schema, data)
    f = load(data)["findings"][0]
    assert (f["expected"], f["actual"], f["difference"]) == (Decimal("18.81"), Decimal("18.80"), Decimal("-0.01"))
    assert str(f["actual"]) == "18.80"


def test_the_schema_describes_exactly_what_is_written(sample_doc, schema):
    out = load(dumps(sample_doc, sample_doc.tables))
    assert set(out) == set(schema["properties"]) == set(schema["required"])
    defs = schema["$defs"]
    table = out["tables"][0]
    assert set(table) == set(defs["table"]["required"])
    assert set(defs["table"]["properties"]) - set(defs["table"]["required"]) == {"fields"}
    assert set(table["rows"][0]) == set(defs["row"]["required"])
    assert set(defs["row"]["properties"]) - set(defs["row"]["required"]) == {
        "codes",
        "entity",
        "items",
        "ocr",
    }  # only where printed, or read by OCR
    assert set(table["columns"][0]) == set(defs["column"]["properties"])
    # a finding's ocr only on an ocr.suspect (tests/test_ocr.py)
    assert set(defs["finding"]["properties"]) - set(defs["finding"]["required"]) == {"ocr"}
    assert out["schema_version"] == SCHEMA_VERSION == schema["properties"]["schema_version"]["const"]


def test_kind_values_are_the_kinds_of_budgetx(schema):
    assert schema["$defs"]["table"]["properties"]["kind"]["enum"] == ALL_KINDS


def test_cells_are_aligned_and_typed_by_their_column(sample_doc):
    out = load(dumps(sample_doc, sample_doc.tables))
    amounts = 0
    for t in out["tables"]:
        for row in t["rows"]:
            assert len(row["cells"]) == len(t["columns"])
            for col, cell in zip(t["columns"], row["cells"], strict=True):
                if col["type"] == "amount":
                    assert cell is None or isinstance(cell, Decimal)
                    amounts += cell is not None
                else:
                    assert cell is None or isinstance(cell, str)
            assert row["code"] is None or isinstance(row["code"], str)
    assert amounts == 203


def test_amounts_keep_their_printed_digits(sample_doc):
    text = dumps(sample_doc, sample_doc.tables).decode("utf-8")
    t1 = load(text.encode())["tables"][0]
    assert [str(c) for c in t1["rows"][2]["cells"][3:5]] == ["11.00", "11.00"]
    assert '"cells": [3.5, null, null, null, null, 3.5]' in text  # 表4 prints 3.5
    assert '["2080505", "机关事业单位基本养老", 12.54, 12.54, null]' in text
    tables = text[text.index('"tables"') :]  # the source path may hold "e-" (a folder name)
    assert "e-" not in tables.lower().replace("e-mail", "")  # never exponent notation


def test_empty_table_keeps_its_note_and_forms_their_fields(sample_doc):
    out = load(dumps(sample_doc, sample_doc.tables))
    t5 = out["tables"][4]
    assert (t5["number"], t5["rows"], t5["note"]) == ("表5", [], "（备注：本单位无政府性基金收支，故此表无数据。）")
    forms = [t for t in out["tables"] if t["kind"] == "performance_project"]
    assert [f["fields"]["项目名称"] for f in forms][:2] == ["竞进拉练", "信息化发展"]
    assert all("fields" not in t for t in out["tables"][:8])


def test_pretty_printing_keeps_small_objects_on_one_line():
    text = dumps_obj({"columns": [{"name": "收入 / 项目", "type": "name", "block": 0}], "n": Decimal("1.10")})
    assert text == '{\n  "columns": [\n    {"name": "收入 / 项目", "type": "name", "block": 0}\n  ],\n  "n": 1.10\n}'
    long = {"k": "x" * 300}
    assert dumps_obj({"a": long}).count("\n") == 4
    assert json.loads(dumps_obj(long, indent=None)) == long


def test_a_non_finite_decimal_is_refused():
    with pytest.raises(ValueError):
        dumps_obj({"x": Decimal("NaN")})
