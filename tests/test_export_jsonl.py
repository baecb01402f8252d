"""JSON Lines: ``-f jsonl`` (a line per table) and ``-f jsonl-long`` (a line per amount), through the CLI."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from budgetx.cli.app import app
from budgetx.export import for_extension
from budgetx.export.long import FIELDS as LONG_FIELDS
from budgetx.export.long import dumps as long_dumps
from tests.conftest import SAMPLE_TXT


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["extract", str(SAMPLE_TXT), "-q", *args])

    return invoke


def parse(text: str) -> list[dict]:
    assert text.endswith("\n")
    return [json.loads(line, parse_float=Decimal) for line in text.splitlines()]


def test_a_line_per_table(run, sample_doc):
    r = run("-f", "jsonl")
    assert r.exit_code == 0, r.stderr
    lines = parse(r.stdout)
    assert [o["index"] for o in lines] == [t.index for t in sample_doc.tables]
    first = lines[1]
    assert first["source"]["sha256"] == sample_doc.source.sha256
    assert first["document"]["year"] == 2021
    assert first["number"] == "表2" and first["kind"] == "general_function"
    assert first["rows"][0]["cells"][2] == Decimal("426.37")
    every = [f["table"] for o in lines for f in o["findings"]]
    assert all(t == o["index"] for o in lines for t in [f["table"] for f in o["findings"]])
    assert len(every) == len([f for f in sample_doc.findings if f.table is not None])


def test_a_line_per_amount_is_the_long_csv(run, sample_doc):
    r = run("-f", "jsonl-long")
    assert r.exit_code == 0, r.stderr
    lines = parse(r.stdout)
    rows = list(csv.DictReader(io.StringIO(long_dumps(sample_doc, sample_doc.tables).decode("utf-8-sig"))))
    assert len(lines) == len(rows) == 203
    assert list(lines[0]) == ["path", "sha256", *LONG_FIELDS]
    for obj, row in zip(lines, rows, strict=True):
        assert format(obj["value"], "f") == row["value"]  # exact, as printed
        assert (obj["code"] or "") == row["code"]
        assert (obj["measure"] or "") == row["measure"]
    three = [o for o in lines if o["measure"] == "three_public.total"]
    assert [(o["value"], o["unit"], o["value_yuan"]) for o in three] == [(Decimal("3.5"), "万元", Decimal("35000.0"))]


def test_extension_chooses_the_format(run, tmp_path):
    assert for_extension("a.long.jsonl").format == "jsonl-long"
    assert for_extension("a.jsonl").format == "jsonl"
    r = run("-o", str(tmp_path / "amounts.long.jsonl"), "-t", "三公")
    assert r.exit_code == 0, r.stderr
    lines = parse((tmp_path / "amounts.long.jsonl").read_text(encoding="utf-8"))
    assert {o["measure"] for o in lines} == {"three_public.total", "three_public.reception"}
