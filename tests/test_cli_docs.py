"""README stays true to the code: exit codes, kinds, the long CSV's columns, the Findings sheet."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from budgetx.cli.app import COMMANDS, app, load_command
from budgetx.errors import EXIT_CODES
from budgetx.export.long import FIELDS
from budgetx.export.xlsx import FINDING_FIELDS
from budgetx.tables.kinds import ALL_KINDS, KINDS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_exit_codes_table_matches_the_errors():
    rows = re.findall(r"^\| (\d+) \| (.+?) \|$", section("Exit codes"), flags=re.M)
    assert {int(code): meaning for code, meaning in rows} == EXIT_CODES


def test_kinds_table_lists_every_kind():
    listed = re.findall(r"^\s*\| `(\w+)` \| (.+?) \|$", section("JSON contract"), flags=re.M)
    assert [k for k, _ in listed] == ALL_KINDS
    assert [d for _, d in listed][: len(KINDS)] == [d for _, _, d in KINDS]


def test_output_formats_name_the_long_columns_and_the_findings_sheet():
    text = section("Output formats")
    assert ", ".join(FIELDS) in text
    assert ", ".join(FINDING_FIELDS) in text


def test_every_command_has_help():
    assert list(COMMANDS) == ["extract", "batch", "codes", "validate", "show"]
    for name in COMMANDS:
        r = CliRunner().invoke(app, [name, "--help"])
        assert r.exit_code == 0, name
        assert (load_command(name).help or "").strip(), f"{name} has no help text"


def test_every_example_of_extract_help_runs(tmp_path):
    import shlex

    from budgetx.cli.extract import EXAMPLES

    sample = Path(__file__).resolve().parent.parent / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"
    ran = 0
    for line in EXAMPLES.splitlines():
        command = line.strip().split("  ")[0].strip()
        if "budgetx extract" not in command:
            continue
        stdin = None
        if command.startswith("cat "):
            stdin = sample.read_bytes()
            command = command.split("|", 1)[1].strip()
        args = [str(sample) if a == "doc.pdf" else a for a in shlex.split(command)[2:]]
        args = [str(tmp_path / a) if a in ("tables/", "doc.xlsx") else a for a in args]
        r = CliRunner().invoke(app, ["extract", *args], input=stdin)
        assert r.exit_code == 0, (command, r.stderr)
        ran += 1
    assert ran == 6
    assert (tmp_path / "doc.xlsx").exists() and len(list((tmp_path / "tables").iterdir())) == 15
