"""``budgetx codes QUERY`` through typer's CliRunner."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from budgetx.cli.app import app
from budgetx.normalize.catalogue import parse
from tests.test_catalogue import PROVENANCE_CSV

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["codes", *args])


def test_code_prints_its_path():
    result = run("2080505")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first == "208 社会保障和就业支出 › 20805 行政事业单位养老支出 › 2080505 机关事业单位基本养老保险缴费支出"
    assert "支出功能分类" in result.stdout


def test_split_code_is_joined():
    result = run("208 05 05")
    assert result.exit_code == 0
    assert "2080505 机关事业单位基本养老保险缴费支出" in result.stdout


def test_year_picks_the_edition():
    result = run("2080505", "--year", "2018")
    assert result.exit_code == 0
    assert "20805 行政事业单位离退休 › 2080505" in result.stdout


def test_economic_code_and_its_history():
    result = run("30311", "--year", "2017")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "303 对个人和家庭的补助 › 30311 住房公积金"
    now = run("30311")
    assert now.stdout.splitlines()[0] == "303 对个人和家庭的补助 › 30311 代缴社会保险费"
    assert "住房公积金 (2017)" in now.stdout


def test_json_output():
    result = run("2080505", "--year", "2021", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data) == 1
    item = data[0]
    assert item["code"] == "2080505"
    assert item["classification"] == "function"
    assert item["level"] == 3
    assert [p["code"] for p in item["path"]] == ["208", "20805", "2080505"]
    assert item["path"][1]["name"] == "行政事业单位养老支出"
    assert item["sources"]


def test_name_search_fuzzy_chinese():
    result = run("养老支出", "--year", "2021")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "208 社会保障和就业支出 › 20805 行政事业单位养老支出"


def test_name_search_json_lists_matches():
    result = run("住房公积金", "--json")
    assert result.exit_code == 0
    codes = [d["code"] for d in json.loads(result.stdout)]
    assert "2210201" in codes and "30113" in codes


def test_nothing_matches_exits_1_with_one_line():
    result = run("火星探测")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "火星探测" in result.stderr


def test_unknown_code_exits_1():
    result = run("2999999")
    assert result.exit_code == 1
    assert "not in the catalogue" in result.stderr


def test_code_without_a_name_that_year_exits_1():
    result = run("20805", "--year", "2020")
    assert result.exit_code == 1
    assert "2020" in result.stderr and "行政事业单位离退休" in result.stderr


def test_help_lists_the_command():
    result = runner.invoke(app, ["--help"])
    assert "codes" in result.stdout


def test_provenance_line_says_edition_or_observed(monkeypatch):
    monkeypatch.setattr("budgetx.cli.codes.catalogue", lambda: parse(PROVENANCE_CSV))
    observed = run("2299999")
    assert observed.exit_code == 0, observed.output
    assert observed.stdout.splitlines()[2] == "    其他支出: observed in 3 documents (2025-2026) [D1 D2 D3]"
    edition = run("229")
    assert (
        edition.stdout.splitlines()[2] == "    其他支出: catalogue edition 2024; observed in 1 document (2026) [D2 E1]"
    )


def test_provenance_of_the_shipped_catalogue():
    # 2299999 is printed only by the 2026 city budgets (上海市福利彩票发行中心)
    observed = run("2299999")
    assert observed.exit_code == 0, observed.output
    assert re.search(r"其他支出: observed in \d+ documents? \(2026\)", observed.stdout)
    assert "catalogue edition" not in observed.stdout
    # 22006 is named by the Ministry of Finance notice of 2024 (财预〔2024〕22号)
    assert "耕地保护考核奖惩基金支出: catalogue edition 2024" in run("22006").stdout


def test_json_carries_the_provenance():
    item = json.loads(run("2299999", "--json").stdout)[0]
    assert item["edition"] is False and item["editions"] == []
    assert item["observed_in"] >= 1 and item["observed_years"] == [2026]
    assert item["provenance"].startswith("observed in ")
    assert item["names"][0]["observed_in"] == item["observed_in"]
    kuan = json.loads(run("22006", "--json").stdout)[0]
    assert kuan["edition"] is True and kuan["editions"] == [2024]
