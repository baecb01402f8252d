"""The command imports only what the chosen path needs; typer's coercion is kept where it is skipped.

Each check runs the command in a fresh interpreter and looks at ``sys.modules``
afterwards: which modules are loaded, never how long they took.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.main
from hypothesis import given
from hypothesis import strategies as st

from budgetx.cli.app import COMMANDS, load_command
from budgetx.cli.coercion import _plain_int

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"
SAMPLE_PDF = SAMPLE.with_suffix(".pdf")

#: libraries no plain extraction of a text file to JSON needs
HEAVY = ("openpyxl", "pandas", "pdfplumber", "pdfminer", "pydantic", "rich", "numpy")
#: the modules of the commands that are not running
OTHER_COMMANDS = ("budgetx.cli.batch", "budgetx.cli.codes", "budgetx.cli.validate", "budgetx.cli.show")


def modules_after(*argv: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules loaded by ``budgetx ARGV`` (run to its end), in a fresh interpreter (``env`` added
    to the environment)."""
    script = (
        "import json, sys\n"
        "sys.argv = ['budgetx', *sys.argv[1:]]\n"
        "from budgetx.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def loaded(modules: set[str], *names: str) -> list[str]:
    """Which of ``names`` (or their submodules) are among ``modules``."""
    return sorted(n for n in names if any(m == n or m.startswith(n + ".") for m in modules))


def test_importing_the_cli_loads_no_command_and_no_heavy_library():
    done = subprocess.run(
        [sys.executable, "-c", "import json, sys; import budgetx.cli.app; print(json.dumps(sorted(sys.modules)))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stdout))
    assert loaded(modules, *HEAVY, "budgetx.cli.extract", *OTHER_COMMANDS) == []
    # the pipeline waits for a document: importing budgetx loads neither the model nor a stage
    assert loaded(modules, "budgetx.model", "budgetx.tables", "budgetx.normalize", "budgetx.validate") == []


def test_version_loads_no_command():
    modules = modules_after("--version")
    assert loaded(modules, *HEAVY, "budgetx.cli.extract", *OTHER_COMMANDS, "budgetx.tables") == []


def test_extracting_a_text_file_to_json_loads_only_its_path(tmp_path):
    modules = modules_after("extract", str(SAMPLE), "-q", "-o", str(tmp_path / "x.json"))
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["source"]["format"] == "text"
    assert loaded(modules, *HEAVY, *OTHER_COMMANDS) == []
    assert loaded(modules, "budgetx.readers.pdf", "budgetx.export.xlsx", "budgetx.export.csv") == []
    needed = ["budgetx.export.json", "budgetx.readers.text", "budgetx.validate"]
    assert loaded(modules, *needed) == needed


#: pypdfium2's Python bindings (the pdfium backend binds the library itself: budgetx.readers.pdf.libpdfium)
PDFIUM_BINDINGS = ("pypdfium2", "pypdfium2_raw")


def test_a_pdf_read_by_pdfium_loads_neither_pdfminer_nor_pdfplumber(tmp_path):
    """Every page of the sample PDF is read by pdfium: pdfminer, pdfplumber and pypdfium2's bindings stay out,
    and so do the text reader, :mod:`tempfile` (the output's temporary file is made without it) and
    :mod:`hashlib` (a small document is hashed without OpenSSL)."""
    pytest.importorskip("pypdfium2_raw")
    out = tmp_path / "x.json"
    modules = modules_after("extract", str(SAMPLE_PDF), "-q", "-o", str(out), env={"BUDGETX_PDF_BACKEND": "pdfium"})
    assert json.loads(out.read_text(encoding="utf-8"))["tables"]
    assert loaded(modules, "pdfminer", "pdfplumber", *PDFIUM_BINDINGS, *OTHER_COMMANDS) == []
    assert loaded(modules, "budgetx.readers.text", "tempfile", "random", "hashlib") == []
    needed = ["budgetx.readers.pdf.libpdfium", "budgetx.readers.pdf.tablefinder"]
    assert loaded(modules, *needed) == needed


def test_a_pdf_read_by_pdfminer_loads_no_pdfium_bindings(tmp_path):
    """The default backend: pdfminer renders the pages, pdfplumber opens the file; pdfium is not loaded."""
    modules = modules_after(
        "extract", str(SAMPLE_PDF), "-q", "-o", str(tmp_path / "x.json"), env={"BUDGETX_PDF_BACKEND": "pdfminer"}
    )
    assert loaded(modules, "pdfminer", "pdfplumber") == ["pdfminer", "pdfplumber"]
    assert loaded(modules, *PDFIUM_BINDINGS) == []


def test_without_validation_no_rule_is_loaded(tmp_path):
    modules = modules_after("extract", str(SAMPLE), "--no-validate", "-q", "-o", str(tmp_path / "x.json"))
    assert loaded(modules, "budgetx.validate", *HEAVY) == []


# -- the coercion budgetx skips is typer's, value for value --------------------------------

ARGVS = {
    "extract": [
        ["doc.pdf"],
        ["doc.pdf", "-t", "2", "-t", "三公", "-o", "out/", "-f", "csv", "--password", "pw", "-q", "--debug"],
        ["-", "--no-validate", "--table", "表2"],
    ],
    "validate": [
        ["a.pdf"],
        ["a.pdf", "b.txt", "--tolerance", "0.5", "--narrative", "n.txt", "--strict", "-f", "json"],
    ],
    "codes": [["2080505"], ["养老", "-n", "3", "-y", "2021", "--json"], ["养老", "--limit", "12"]],
    "show": [["a.pdf", "-o", "a.png"], ["a.pdf", "-t", "2", "-p", "5", "-p", "6", "--dpi", "72", "-o", "a.html"]],
    "batch": [["docs/", "-o", "out"], ["a.pdf", "b.pdf", "-o", "out", "-j", "2", "-e", "csv", "-e", "xlsx", "--force"]],
}


def typers_own(name: str) -> typer.core.TyperCommand:
    """The command as typer builds it, with its own coercion for every parameter."""
    single = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    COMMANDS[name]().register(single)
    command = typer.main.get_command(single)
    assert isinstance(command, typer.core.TyperCommand)
    return command


@pytest.mark.parametrize("name", list(COMMANDS))
def test_parameters_parse_as_typer_parses_them(name, monkeypatch):
    monkeypatch.setenv("BUDGETX_PDF_PASSWORD", "from-the-environment")
    assert set(ARGVS) == set(COMMANDS)
    for argv in ARGVS[name]:
        ours = load_command(name).make_context(name, list(argv)).params
        theirs = typers_own(name).make_context(name, list(argv)).params
        assert ours == theirs, argv
        assert [type(v) for v in ours.values()] == [type(v) for v in theirs.values()], argv


@pytest.mark.parametrize(
    "argv", [["养老", "-n", "0"], ["养老", "-n", "x"], ["养老", "-n", "1.5"], ["养老", "-y", "二〇二一"]]
)
def test_a_bad_number_gets_typers_message(argv):
    with pytest.raises(typer.BadParameter) as ours:
        load_command("codes").make_context("codes", list(argv))
    with pytest.raises(typer.BadParameter) as theirs:
        typers_own("codes").make_context("codes", list(argv))
    assert ours.value.format_message() == theirs.value.format_message()


@given(st.integers(min_value=-(10**17), max_value=10**17), st.integers(min_value=-5, max_value=5))
def test_a_plainly_written_integer_is_read_as_int_reads_it(n, low):
    read = _plain_int(str(n), low, None)
    assert read == (n if n >= low else None)


@given(st.text(alphabet="0123456789-+_ .e١٢", max_size=8))
def test_anything_else_is_left_to_typer(text):
    read = _plain_int(text, None, None)
    assert read is None or (read == int(text) and str(read) == text)


def test_completing_a_commands_options_loads_that_command_only():
    script = (
        "import json, sys\n"
        "sys.argv = ['budgetx']\n"
        "from budgetx.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {"_BUDGETX_COMPLETE": "complete_bash", "COMP_WORDS": "budgetx extract --pa", "COMP_CWORD": "2"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, **env}
    )
    assert done.returncode == 0, done.stderr
    assert "--pages" in done.stdout.splitlines()
    modules = set(json.loads(done.stdout.splitlines()[-1]))
    assert loaded(modules, "budgetx.cli.extract") == ["budgetx.cli.extract"]
    assert loaded(modules, *OTHER_COMMANDS, "pdfplumber", "pandas", "openpyxl") == []
