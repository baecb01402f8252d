"""Bad input and failed writes: one line on stderr naming the file, a distinct
exit code, no traceback (unless --debug), and no output file left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetx import errors
from budgetx.cli.app import app

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"

#: name, how to make it in a folder, the error it must raise
BAD_INPUTS = {
    "missing": ("missing.txt", None, errors.InputNotFound),
    "directory": ("folder", "dir", errors.InputIsDirectory),
    "empty": ("empty.txt", b"", errors.EmptyInput),
    "blank": ("blank.txt", b" \n\t\n  \n", errors.EmptyInput),
    "binary": ("garbage.txt", bytes(range(256)) * 8, errors.UnsupportedFormat),
    "binary-no-extension": ("garbage", b"\x00\x01\x02\x03\xff\xfe" * 300, errors.UnsupportedFormat),
    "docx": ("report.docx", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64, errors.UnsupportedFormat),
    "undecodable": ("latin.txt", "部门预算 表1\n".encode() + b"\xff\xfe\xff caf\xe9 \x81\n", errors.UndecodableText),
    "no-table": ("notes.txt", "这是一份说明，没有表格。\nno table here\n".encode(), errors.NoTablesFound),
}


def make(tmp_path: Path, name: str, content: bytes | str | None) -> Path:
    src = tmp_path / "in"
    src.mkdir(parents=True, exist_ok=True)
    path = src / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)  # type: ignore[arg-type]
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_exit_codes_are_distinct():
    codes = [c.exit_code for _, _, c in BAD_INPUTS.values()]
    assert len(set(codes)) == len({c for _, _, c in BAD_INPUTS.values()})
    assert all(code in errors.EXIT_CODES and code not in (0, 1, 2) for code in codes)


@pytest.mark.parametrize("fmt", ["json", "xlsx", "long", "csv"])
@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input(tmp_path, case, fmt):
    name, content, error = BAD_INPUTS[case]
    path = make(tmp_path, name, content)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / {"json": "doc.json", "xlsx": "doc.xlsx", "long": "doc.long.csv", "csv": "tables"}[fmt]
    r = CliRunner().invoke(app, ["extract", str(path), "-o", str(target)])
    assert r.exit_code == error.exit_code, (r.stderr, r.exception)
    assert r.stderr.startswith("error: ")
    assert r.stderr.count("\n") == 1, "one line"
    assert str(path) in r.stderr, "names the file"
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    assert r.stdout == ""
    assert leftovers(out_dir) == [], "no partial output (no file, no .part)"


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "undecodable", "no-table"])
def test_bad_input_to_stdout(tmp_path, case):
    name, content, error = BAD_INPUTS[case]
    path = make(tmp_path, name, content)
    r = CliRunner().invoke(app, ["extract", str(path)])
    assert r.exit_code == error.exit_code
    assert r.stdout == "" and r.stderr.count("\n") == 1


def test_messages_say_what_to_do(tmp_path):
    for case, (name, content, _) in BAD_INPUTS.items():
        r = CliRunner().invoke(app, ["extract", str(make(tmp_path / case, name, content))])
        message = r.stderr.split(": ", 2)[-1]
        assert len(message) > 20 and (
            "give" in message
            or "check" in message
            or "convert" in message
            or "use" in message
            or "budgetx reads" in message
        ), (case, r.stderr)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", errors.EmptyInput),
        (b"\x00\x01garbage" * 100, errors.UnsupportedFormat),
        (b"just words\n", errors.NoTablesFound),
    ],
)
def test_bad_stdin(data, error):
    r = CliRunner().invoke(app, ["extract", "-"], input=data)
    assert r.exit_code == error.exit_code
    assert "<stdin>" in r.stderr and r.stderr.count("\n") == 1


def test_debug_shows_the_exception(tmp_path):
    path = make(tmp_path, "empty.txt", b"")
    r = CliRunner().invoke(app, ["extract", str(path), "--debug"])
    assert isinstance(r.exception, errors.EmptyInput)
    assert r.exit_code != 0


def test_a_file_name_that_looks_like_markup_is_printed_as_is(tmp_path):
    path = make(tmp_path, "[bold]预算[/bold].txt", None)
    r = CliRunner().invoke(app, ["extract", str(path)])
    assert r.exit_code == errors.InputNotFound.exit_code
    assert "[bold]预算[/bold].txt" in r.stderr


def test_an_interrupted_write_leaves_nothing(tmp_path, monkeypatch):
    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    target = tmp_path / "doc.json"
    r = CliRunner().invoke(app, ["extract", str(SAMPLE), "-o", str(target)])
    assert r.exit_code == 130
    assert leftovers(tmp_path) == []


def test_a_failed_write_leaves_nothing_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "doc.xlsx"
    target.write_bytes(b"old")

    def full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    r = CliRunner().invoke(app, ["extract", str(SAMPLE), "-o", str(target)])
    assert r.exit_code == errors.OutputError.exit_code
    assert "No space left on device" in r.stderr and str(target) in r.stderr
    assert r.stderr.count("\n") == 1
    assert leftovers(tmp_path) == ["doc.xlsx"] and target.read_bytes() == b"old"


def test_an_unwritable_destination(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = CliRunner().invoke(app, ["extract", str(SAMPLE), "-o", str(blocker / "doc.json")])
    assert r.exit_code == errors.OutputError.exit_code
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    r = CliRunner().invoke(app, ["extract", str(SAMPLE), "-o", str(blocker), "-f", "csv"])
    assert r.exit_code == errors.OutputError.exit_code and "not a directory" in r.stderr


def test_a_bug_in_an_exporter_is_one_line_and_a_traceback_with_debug(tmp_path, monkeypatch):
    def broken(doc, tables, **options):
        raise RuntimeError("boom")

    monkeypatch.setattr("budgetx.export.json.dumps", broken)
    target = tmp_path / "doc.json"
    r = CliRunner().invoke(app, ["extract", str(SAMPLE), "-o", str(target)])
    assert r.exit_code == errors.BudgetxError.exit_code
    assert "unexpected error (RuntimeError: boom)" in r.stderr and "--debug" in r.stderr
    assert r.stderr.count("\n") == 1 and not target.exists()
    r = CliRunner().invoke(app, ["extract", str(SAMPLE), "-o", str(target), "--debug"])
    assert isinstance(r.exception, RuntimeError)
