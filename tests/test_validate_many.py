"""``budgetx validate`` over many files: ``-j N`` worker processes, a summary table, the worst status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetx.cli import validate as validate_cli
from budgetx.cli.app import app
from tests.conftest import ROOT, SAMPLE_PDF, SAMPLE_TXT
from tests.test_validate_cli import error_doc, warning_only

runner = CliRunner()
HOSTILE = ROOT / "tests" / "fixtures" / "reliability" / "bomb-ops-64m.pdf"


def files(tmp_path: Path) -> list[str]:
    return [str(SAMPLE_TXT), str(error_doc(tmp_path)), str(tmp_path / "missing.pdf"), str(warning_only(tmp_path))]


def test_worker_processes_give_the_same_report_as_one_by_one(tmp_path):
    args = ["validate", *files(tmp_path), "-f", "json"]
    one = runner.invoke(app, args)
    two = runner.invoke(app, [*args, "-j", "2"])
    assert one.exit_code == two.exit_code == 3  # a file could not be read (3) > errors found (1)
    assert json.loads(one.stdout) == json.loads(two.stdout)
    assert [r["path"] for r in json.loads(two.stdout)] == [str(Path(f)) for f in files(tmp_path)]
    assert one.stderr == two.stderr and "missing.pdf: no such file" in two.stderr


def test_errors_found_exit_1_with_workers(tmp_path):
    result = runner.invoke(app, ["validate", str(SAMPLE_TXT), str(error_doc(tmp_path)), "-j", "2", "-q"])
    assert result.exit_code == 1 and result.stdout == ""


def test_a_summary_table_ends_a_report_on_several_files(tmp_path):
    result = runner.invoke(app, ["validate", *files(tmp_path), "-j", "2"])
    summary = result.stdout.split("summary", 1)[1]
    rows = {ln.split()[0].rsplit("/", 1)[-1]: ln.split() for ln in summary.splitlines() if "│" in ln}
    assert [rows["wrong.txt"][i] for i in (2, 4, 6, 8)] == ["2", "0", "4", "FAILED"]
    assert [rows["cent.txt"][i] for i in (2, 4, 6, 8)] == ["0", "2", "4", "OK"]
    assert "unreadable (exit 3)" in " ".join(rows["missing.pdf"])
    assert rows["4"][-2:] == ["2", "OK"]  # 4 files … 2 OK


def test_one_file_has_no_summary_table():
    result = runner.invoke(app, ["validate", str(SAMPLE_TXT)])
    assert "summary" not in result.stdout


def test_severity_filters_the_listing_not_the_counts_with_workers(tmp_path):
    wrong, cent = str(error_doc(tmp_path)), str(warning_only(tmp_path))
    result = runner.invoke(app, ["validate", wrong, cent, "-j", "2", "--severity", "error", "-f", "json"])
    reports = json.loads(result.stdout)
    assert [r["summary"]["warning"] for r in reports] == [0, 2]
    assert {f["severity"] for r in reports for f in r["findings"]} == {"error"}


def test_each_file_keeps_its_budget_in_a_worker(tmp_path):
    result = runner.invoke(app, ["validate", str(SAMPLE_TXT), str(HOSTILE), "-j", "2", "-f", "json"])
    assert result.exit_code == 14
    ok, hostile = json.loads(result.stdout)
    assert ok["summary"]["error"] == 0
    assert hostile["exit_code"] == 14 and "1,024,000 tokens" in hostile["error"]


def test_a_file_past_its_time_in_a_worker_is_stopped_and_reported(tmp_path, monkeypatch):
    from budgetx.batch import pool

    monkeypatch.setattr(pool, "allowed_seconds", lambda budget: 0.0)  # every worker is over its time at once
    result = runner.invoke(app, ["validate", str(SAMPLE_PDF), str(SAMPLE_PDF), "-j", "2", "-f", "json"])
    assert result.exit_code == 14
    assert all(r["exit_code"] == 14 and "stopped after" in r["error"] for r in json.loads(result.stdout))


def test_the_progress_bar_shows_only_on_a_terminal(tmp_path, monkeypatch):
    shown: list[bool] = []
    real = validate_cli._progress

    def spy(total, *, show):
        shown.append(show)
        return real(total, show=show)

    monkeypatch.setattr(validate_cli, "_progress", spy)
    two = [str(SAMPLE_TXT), str(SAMPLE_TXT)]
    runner.invoke(app, ["validate", *two])
    monkeypatch.setattr(validate_cli, "stderr_is_terminal", lambda: True)
    runner.invoke(app, ["validate", *two, "-q"])
    result = runner.invoke(app, ["validate", *two, "-j", "2"])
    assert shown == [False, False, True]
    assert result.exit_code == 0 and result.stdout.count("0 errors") == 2


@pytest.mark.parametrize("jobs", ["0", "x"])
def test_a_bad_jobs_count_is_a_usage_error(jobs):
    assert runner.invoke(app, ["validate", str(SAMPLE_TXT), "-j", jobs]).exit_code == 2


def test_stdin_and_debug_stay_in_this_process():
    data = SAMPLE_TXT.read_bytes()
    result = runner.invoke(app, ["validate", "-", str(SAMPLE_PDF), "-j", "2", "-f", "json"], input=data)
    assert result.exit_code == 0
    assert [r["path"] for r in json.loads(result.stdout)] == ["<stdin>", str(SAMPLE_PDF)]
