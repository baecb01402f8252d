"""``budgetx validate``: report, exit codes, --strict, --tolerance, --format json, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

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


def test_narrative_published_as_a_separate_file(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    text = tmp_path / "说明.txt"
    tables = tmp_path / "公开表.txt"
    text.write_text("\n".join(lines[:82]).replace("“三公”经费预算3.5万元", "“三公”经费预算3.6万元"), encoding="utf-8")
    tables.write_text("\n".join(lines[82:]), encoding="utf-8")
    assert runner.invoke(app, ["validate", str(tables)]).exit_code == 0  # no text: nothing to compare
    result = runner.invoke(app, ["validate", "-f", "json", str(tables), "--narrative", str(text)])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)[0]
    assert data["narrative"] == str(text)
    [f] = [f for f in data["findings"] if f["severity"] == "error"]
    assert (f["rule"], f["line"], f["expected"], f["actual"]) == ("narrative.figure", 49, 3.5, 3.6)
    # --narrative goes with one FILE
    assert runner.invoke(app, ["validate", str(tables), str(tables), "--narrative", str(text)]).exit_code == 2


def test_an_info_without_a_row_prints_its_message(tmp_path):
    # the report's table rows name the item of a shortened name; a slip of the text has no row, so its
    # message is printed under the table
    path = altered(tmp_path, 11, "正处级政府工作部门。", "正处级政府工作部门。。", "slip.txt")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert "wording.punctuation" in result.output
    assert "标点重复" in result.output
    assert "• 印刷名称「机关事业单位基本养老」" not in result.output
