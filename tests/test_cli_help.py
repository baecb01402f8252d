"""Every command: ``-h`` as well as ``--help``, examples in its help that run on the shipped sample, shell completion."""

from __future__ import annotations

import os
import re
import shlex
import shutil

import pytest
from typer.testing import CliRunner

from budgetx.cli.app import COMMANDS, app
from tests.conftest import ROOT

runner = CliRunner()


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)])
def test_dash_h_is_help(command):
    short = runner.invoke(app, [*command, "-h"])
    long = runner.invoke(app, [*command, "--help"])
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and "-h, --help" in short.stdout


def examples(name: str) -> list[str]:
    """The example command lines of ``budgetx NAME --help``, comments dropped."""
    text = runner.invoke(app, [name, "--help"]).stdout
    section = text.split("Examples", 1)[1]
    return [re.sub(r"\s+#.*$", "", ln).strip() for ln in section.splitlines() if ln.strip().startswith("budgetx ")]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_examples(name):
    assert len(examples(name)) >= 3


@pytest.mark.parametrize(
    ("name", "line"), [(name, line) for name in COMMANDS for line in examples(name)], ids=lambda x: str(x)[:60]
)
def test_each_example_runs_as_written_on_the_sample(name, line, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(line)[1:]
    stdin = None
    if "<" in argv:  # budgetx extract - < FILE
        at = argv.index("<")
        stdin = (tmp_path / argv[at + 1]).read_bytes()
        argv = argv[:at] + argv[at + 2 :]
    result = runner.invoke(app, argv, input=stdin)
    allowed = (0, 1) if name == "validate" else (0,)
    assert result.exit_code in allowed, (line, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def test_completion_scripts_are_shown():
    result = runner.invoke(app, ["--show-completion", "bash"], prog_name="budgetx")
    assert result.exit_code == 0
    assert "_BUDGETX_COMPLETE=complete_bash" in result.stdout


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("budgetx ext", "1", "extract"),
        ("budgetx va", "1", "validate"),
        ("budgetx extract --pa", "2", "--pages"),  # a command's options: its module is loaded for them
        ("budgetx validate --sev", "2", "--severity"),
        ("budgetx codes --ye", "2", "--year"),
    ],
)
def test_the_shell_completes_commands_and_their_options(words, cword, expected):
    env = {"_BUDGETX_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
    result = runner.invoke(app, [], env={**os.environ, **env}, prog_name="budgetx")
    assert result.exit_code == 0, result.output
    assert expected in result.stdout.split()
