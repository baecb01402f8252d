"""``budgetx validate``: report, exit codes, --strict, --tolerance, --format json, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from budgetx import errors
from budgetx.cli.app import app

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"

runner = CliRunner()


def altered(tmp_path: Path, lineno: int, old: str, new: str, name: str = "altered.txt") -> Path:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert old in lines[lineno - 1]
    lines[lineno - 1] = lines[lineno - 1].replace(old, new, 1)
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def warning_only(tmp_path: Path) -> Path:
    """The sample with one figure a cent off (2080505's 小计 12.54 → 12.55)."""
    return altered(tmp_path, 113, "12.54\t12.54", "12.55\t12.54", "cent.txt")


def error_doc(tmp_path: Path) -> Path:
    """The sample with 2080505 ten cents off in both columns."""
    return altered(tmp_path, 113, "12.54\t12.54", "12.64\t12.64", "wrong.txt")


def test_clean_sample_exits_0_with_a_report():
    result = runner.invoke(app, ["validate", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.stdout
    assert "重庆市潼南区大数据应用发展管理局" in result.stdout


def test_errors_exit_1_and_are_reported_where_they_are(tmp_path):
    result = runner.invoke(app, ["validate", str(error_doc(tmp_path))])
    assert result.exit_code == 1
    out = result.stdout
    assert "2 errors" in out
    assert "hierarchy.sum" in out and "表2" in out and "l.112" in out
    assert "20805 行政事业单位养老支出" in out
    assert "18.91" in out and "18.81" in out and "-0.10" in out


def test_warnings_pass_unless_strict(tmp_path):
    path = warning_only(tmp_path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert "0 errors, 2 warnings" in result.stdout
    assert runner.invoke(app, ["validate", "--strict", str(path)]).exit_code == 1


def test_tolerance_widens_what_rounding_explains(tmp_path):
    path = error_doc(tmp_path)
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 1
    result = runner.invoke(app, ["validate", "--tolerance", "0.1", str(path)])
    assert result.exit_code == 0
    assert "0 errors, 2 warnings" in result.stdout
    assert runner.invoke(app, ["validate", "--tolerance", "0.1", "--strict", str(path)]).exit_code == 1
    bad = runner.invoke(app, ["validate", "--tolerance", "lots", str(path)])
    assert bad.exit_code == 2


def test_json_format(tmp_path):
    result = runner.invoke(app, ["validate", "-f", "json", str(SAMPLE), str(error_doc(tmp_path))])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["summary"]["error"] for d in data] == [0, 2]
    assert data[0]["document"]["year"] == 2021
    f = data[1]["findings"][0]
    assert f == {
        "rule": "hierarchy.sum",
        "severity": "error",
        "message": f["message"],
        "message_en": f["message_en"],
        "table": 2,
        "table_title": "重庆市潼南区大数据应用发展管理局一般公共预算财政拨款支出预算表",
        "code": "20805",
        "row": "行政事业单位养老支出",
        "column": "2021年预算数 / 小计",
        "page": None,
        "line": 112,
        "expected": 18.91,
        "actual": 18.81,
        "difference": -0.10,
    }
    # amounts are written exactly as computed, never through a float
    assert '"difference": -0.10' in result.stdout


def test_quiet_prints_nothing_but_keeps_the_exit_code(tmp_path):
    result = runner.invoke(app, ["validate", "-q", str(error_doc(tmp_path))])
    assert result.exit_code == 1
    assert result.stdout == ""


def test_a_bad_file_alone(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.txt")])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "missing.txt" in result.stderr
    assert "Traceback" not in result.output


def test_goes_on_past_a_bad_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["validate", str(empty), str(SAMPLE)])
    assert result.exit_code == 5  # the bad file's input-error code
    assert "empty.txt" in result.stderr
    assert "0 errors, 0 warnings" in result.stdout
    data = json.loads(runner.invoke(app, ["validate", "-f", "json", str(empty), str(SAMPLE)]).stdout)
    assert data[0]["exit_code"] == 5 and "empty" in data[0]["error"]
    assert data[1]["summary"]["error"] == 0


def test_stdin(tmp_path):
    result = runner.invoke(app, ["validate", "-f", "json", "-"], input=error_doc(tmp_path).read_bytes())
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["path"] == "<stdin>"


def test_help_lists_the_options():
    result = runner.invoke(app, ["validate", "--help"])
    assert result.exit_code == 0
    for option in ("--strict", "--format", "--tolerance", "--quiet"):
        assert option in result.stdout


def published_apart(tmp_path: Path) -> tuple[Path, Path]:
    """The sample as two files, Jiangsu's way: its text (三公 3.5 printed 3.6) and its tables."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    text = tmp_path / "说明.txt"
    tables = tmp_path / "公开表.txt"
    text.write_text("\n".join(lines[:82]).replace("“三公”经费预算3.5万元", "“三公”经费预算3.6万元"), encoding="utf-8")
    tables.write_text("\n".join(lines[82:]), encoding="utf-8")
    return text, tables


def the_narrative_error(result) -> tuple[object, ...]:
    assert result.exit_code == 1, result.output
    [f] = [f for f in json.loads(result.stdout)[0]["findings"] if f["severity"] == "error"]
    return (f["rule"], f["line"], f["expected"], f["actual"])


def test_narrative_published_as_a_separate_file(tmp_path):
    text, tables = published_apart(tmp_path)
    assert runner.invoke(app, ["validate", str(tables)]).exit_code == 0  # no text: nothing to compare
    result = runner.invoke(app, ["validate", "-f", "json", str(tables), "--narrative", str(text)])
    assert the_narrative_error(result) == ("narrative.figure", 49, 3.5, 3.6)
    assert json.loads(result.stdout)[0]["narrative"] == str(text)
    # --narrative goes with one FILE
    assert runner.invoke(app, ["validate", str(tables), str(tables), "--narrative", str(text)]).exit_code == 2


def test_narrative_on_stdin(tmp_path):
    # regression: `validate FILE --narrative -` read stdin, then read a file named "-" when the text held no
    # table and said 预算 on too few lines to pass for a budget document: a FileNotFoundError traceback
    text, tables = published_apart(tmp_path)
    lines = text.read_text(encoding="utf-8").split("\n")
    sparse = "\n".join(ln if n == 49 or not re.search("预算|决算", ln) else "" for n, ln in enumerate(lines, 1))
    for narrative in (text.read_text(encoding="utf-8"), sparse):
        result = runner.invoke(app, ["validate", "-f", "json", str(tables), "--narrative", "-"], input=narrative)
        assert the_narrative_error(result) == ("narrative.figure", 49, 3.5, 3.6)
        assert json.loads(result.stdout)[0]["narrative"] == "<stdin>"
    # the text report too, as for a file
    result = runner.invoke(app, ["validate", str(tables), "--narrative", "-"], input=sparse)
    assert result.exit_code == 1 and "narrative.figure" in result.stdout and not result.stderr
    # stdin carries one document
    result = runner.invoke(app, ["validate", "-", "--narrative", "-"], input=sparse)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_narrative_that_cannot_be_read(tmp_path):
    _, tables = published_apart(tmp_path)
    for name, content, error in (
        ("missing.txt", None, errors.InputNotFound),
        ("empty.txt", b"", errors.EmptyInput),
        ("garbage.txt", bytes(range(256)) * 8, errors.UnsupportedFormat),
    ):
        path = tmp_path / name
        if content is not None:
            path.write_bytes(content)
        result = runner.invoke(app, ["validate", str(tables), "--narrative", str(path)])
        assert result.exit_code == error.exit_code, (name, result.output)
        assert result.stderr.count("\n") == 1 and str(path) in result.stderr and "Traceback" not in result.stderr
        assert result.stdout == ""


def test_an_info_without_a_row_prints_its_message(tmp_path):
    # the report's table rows name the item of a shortened name; a slip of the text has no row, so its
    # message is printed under the table
    path = altered(tmp_path, 11, "正处级政府工作部门。", "正处级政府工作部门。。", "slip.txt")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert "wording.punctuation" in result.output
    assert "标点重复" in result.output
    assert "• 印刷名称「机关事业单位基本养老」" not in result.output


def test_severity_lists_only_findings_that_bad_and_keeps_the_counts():
    runner = CliRunner()
    every = json.loads(runner.invoke(app, ["validate", str(SAMPLE), "-f", "json"]).stdout)[0]
    assert every["summary"]["info"] == len(every["findings"]) > 0  # the sample has only info findings
    r = runner.invoke(app, ["validate", str(SAMPLE), "-f", "json", "--severity", "warning"])
    assert r.exit_code == 0
    shown = json.loads(r.stdout)[0]
    assert shown["findings"] == [] and shown["summary"] == every["summary"]
    text = runner.invoke(app, ["validate", str(SAMPLE), "--severity", "error"]).stdout
    assert "4 info" in text and "info (" not in text
    assert runner.invoke(app, ["validate", str(SAMPLE), "--severity", "fatal"]).exit_code == 2
