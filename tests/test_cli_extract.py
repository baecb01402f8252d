"""``budgetx extract`` through typer's CliRunner: every output format, stdin, --table, the summary."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from budgetx.cli import extract as extract_cli
from budgetx.cli.app import app

SAMPLE = str(Path(__file__).resolve().parent.parent / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt")


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None):
        return runner.invoke(app, ["extract", *args], input=input)

    return invoke


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_json_to_stdout_by_default(run):
    r = run(SAMPLE)
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout, parse_float=Decimal)
    assert [t["number"] for t in out["tables"]][:9] == ["表1", "表2", "表3", "表4", "表5", "表6", "表7", "表8", "表10"]
    assert len(out["tables"]) == 15
    assert out["document"]["year"] == 2021
    assert r.stderr == "", "no summary when stderr is not a terminal"


def test_json_to_a_file(run, tmp_path):
    out = tmp_path / "doc.json"
    r = run(SAMPLE, "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == "1"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.json"]


def test_csv_directory(run, tmp_path):
    out = tmp_path / "tables"
    r = run(SAMPLE, "-o", str(out))
    assert r.exit_code == 0, r.stderr
    files = sorted(p.name for p in out.glob("[0-9]*.csv"))
    assert len(files) == 15 and files[0] == "01_表1_财政拨款收支总表.csv"
    rows = read_csv((out / "02_表2_一般公共预算财政拨款支出预算表.csv").read_bytes())
    assert rows[1] == ["", "总计：", "426.37", "223.37", "203.00"]


def test_csv_directory_with_format_and_existing_folder(run, tmp_path):
    r = run(SAMPLE, "-f", "csv", "-o", str(tmp_path), "-t", "表4")
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "04_表4_一般公共预算“三公”经费支出表.csv",
        "04_表4_一般公共预算“三公”经费支出表.csv-metadata.json",
        "tables.csv",
        "tables.csv-metadata.json",
    ]


def test_one_table_as_csv_to_stdout(run):
    r = run(SAMPLE, "-t", "2", "-f", "csv")
    assert r.exit_code == 0, r.stderr
    rows = read_csv(r.stdout_bytes)
    assert rows[0][0] == "功能分类科目 / 科目编码"
    assert ["2080505", "机关事业单位基本养老", "12.54", "12.54", ""] in rows


def test_one_table_to_a_csv_file(run, tmp_path):
    out = tmp_path / "t4.csv"
    r = run(SAMPLE, "-t", "三公", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert read_csv(out.read_bytes())[1] == ["3.5", "", "", "", "", "3.5"]


def test_many_tables_cannot_go_to_one_csv(run, tmp_path):
    r = run(SAMPLE, "-f", "csv")
    assert r.exit_code == 13
    assert "cannot share one CSV" in r.stderr and r.stdout == ""
    r = run(SAMPLE, "-o", str(tmp_path / "all.csv"))
    assert r.exit_code == 13
    assert list(tmp_path.iterdir()) == []


def test_long_csv_ties_amounts_to_their_own_side(run):
    r = run(SAMPLE, "-f", "long")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout_bytes.decode("utf-8-sig"))))
    assert len(rows) == 203
    line92 = [r for r in rows if r["number"] == "表1" and r["line"] == "92"]
    income = [(r["name"], r["value"]) for r in line92 if r["column"].startswith("收入")]
    spending = {(r["name"], r["value"]) for r in line92 if r["column"].startswith("支出")}
    assert income == [("一般公共预算拨款", "426.37")]
    assert spending == {("社会保障和就业支出", "18.81")}
    assert all(r["block"] == "1" for r in line92 if r["column"].startswith("支出"))


def test_long_csv_by_extension(run, tmp_path):
    out = tmp_path / "amounts.long.csv"
    r = run(SAMPLE, "-o", str(out), "-t", "1")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 21 and {r["number"] for r in rows} == {"表1"}


def test_excel(run, tmp_path):
    out = tmp_path / "doc.xlsx"
    r = run(SAMPLE, "-o", str(out))
    assert r.exit_code == 0, r.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Document" and wb.sheetnames[-1] == "Findings"
    ws = wb["表3 一般公共预算财政拨款基本支出预算表"]
    assert ws["A1"].value.startswith("表3 ") and ws["A2"].value == "单位：万元"
    assert ws.freeze_panes == "A5"
    assert ws.max_row == 4 + 27
    first = [c for c in ws[5]]
    assert isinstance(first[2].value, (int, float)) and first[2].number_format == "#,##0.00"
    assert wb["Document"]["B2"].value == json.loads(run(SAMPLE).stdout)["source"]["sha256"]


def test_excel_to_a_pipe(run):
    r = run(SAMPLE, "-f", "xlsx", "-t", "1")
    assert r.exit_code == 0, r.stderr
    assert r.stdout_bytes[:2] == b"PK"
    wb = openpyxl.load_workbook(io.BytesIO(r.stdout_bytes))
    assert wb.sheetnames == ["Document", "表1 财政拨款收支总表", "Findings"]


def test_stdin(run):
    data = Path(SAMPLE).read_bytes()
    r = run("-", "-t", "表2", input=data)
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["source"]["path"] == "<stdin>"
    assert [t["number"] for t in out["tables"]] == ["表2"]


def test_stdin_in_gb18030(run):
    data = Path(SAMPLE).read_text(encoding="utf-8").encode("gb18030")
    r = run("-", "-f", "long", input=data)
    assert r.exit_code == 0, r.stderr
    assert "机关事业单位基本养老" in r.stdout_bytes.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("selectors", "numbers"),
    [
        (["2"], ["表2"]),
        (["表2"], ["表2"]),
        (["10"], ["表10"]),
        (["three_public"], ["表4"]),
        (["三公"], ["表4"]),
        (["部门 收入"], ["表7"]),
        (["1", "表6"], ["表1", "表6"]),
        (["summary"], ["表6"]),
        (["fiscal_summary", "government_fund"], ["表1", "表5"]),
        (["#5"], ["表5"]),  # the summary's index: the 5th table printed
        (["#3", "表1"], ["表1", "表3"]),
    ],
)
def test_table_selection(run, selectors, numbers):
    args = [a for s in selectors for a in ("-t", s)]
    r = run(SAMPLE, *args)
    assert r.exit_code == 0, r.stderr
    assert [t["number"] for t in json.loads(r.stdout)["tables"]] == numbers


def test_table_selection_by_title_words_finds_the_project_forms(run):
    r = run(SAMPLE, "-t", "绩效目标申报表")
    assert r.exit_code == 0, r.stderr
    tables = json.loads(r.stdout)["tables"]
    assert len(tables) == 6 and all(t["kind"] == "performance_project" for t in tables)


def test_no_table_matches(run, tmp_path):
    out = tmp_path / "x.json"
    r = run(SAMPLE, "-t", "表9", "-o", str(out))
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1
    assert "no table matches --table 表9" in r.stderr and "表10" in r.stderr
    assert not out.exists()


def test_unknown_format_and_extension_are_usage_errors(run, tmp_path):
    r = run(SAMPLE, "-f", "parquet")
    assert r.exit_code == 2 and "unknown --format 'parquet'" in r.stderr
    r = run(SAMPLE, "-o", str(tmp_path / "x.txt"))
    assert r.exit_code == 2 and "cannot tell the format" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_format_is_case_insensitive(run):
    r = run(SAMPLE, "-f", "JSON", "-t", "4")
    assert r.exit_code == 0 and json.loads(r.stdout)["tables"][0]["number"] == "表4"


def test_summary_on_a_terminal(run, monkeypatch, tmp_path):
    monkeypatch.setattr(extract_cli, "stderr_is_terminal", lambda: True)
    r = run(SAMPLE, "-o", str(tmp_path / "out"))
    assert r.exit_code == 0
    err = r.stderr
    assert "重庆市潼南区大数据应用发展管理局 · 2021 · 预算" in err
    assert "财政拨款收支总表" in err and "0 (note)" in err
    assert "15 tables · 176 rows · text input · unit 万元 · " in err
    assert re.search(r"\d+ errors?, \d+ warnings?", err)
    assert "wrote 32 files in" in err  # 15 CSV, their sidecars, tables.csv and its sidecar


def test_quiet_silences_the_summary(run, monkeypatch):
    monkeypatch.setattr(extract_cli, "stderr_is_terminal", lambda: True)
    r = run(SAMPLE, "-q", "-t", "1")
    assert r.exit_code == 0 and r.stderr == ""
    assert json.loads(r.stdout)["tables"][0]["number"] == "表1"


def test_help_names_every_format():
    r = CliRunner().invoke(app, ["extract", "--help"])
    assert r.exit_code == 0
    for word in ("json", "csv", "long", "xlsx", "--table", "--quiet", "--debug"):
        assert word in r.stdout


def test_a_selection_carries_only_its_own_findings(run):
    everything = json.loads(run(SAMPLE).stdout)["findings"]
    r = run(SAMPLE, "-t", "2")
    findings = json.loads(r.stdout)["findings"]
    assert all(f["table"] in (2, None) for f in findings)
    assert findings == [f for f in everything if f["table"] in (2, None)]


def test_text_to_json_loads_no_pdf_reader_and_no_excel_writer():
    # the registries name their modules, imported when first used: pdfminer and openpyxl are slow to import
    root = Path(__file__).resolve().parent.parent
    script = (
        "import sys\n"
        "from budgetx.cli.app import app\n"
        "try:\n"
        "    app(['extract', sys.argv[1], '-f', 'json', '-q'])\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "heavy = ('openpyxl', 'pdfminer', 'pdfplumber', 'pandas', 'budgetx.readers.pdf', 'budgetx.export.xlsx')\n"
        "print(*sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, SAMPLE], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["source"]["format"] == "text"
    assert done.stderr.strip() == ""
