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


# every command's examples run as written: tests/test_cli_help.py
