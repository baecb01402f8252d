"""Whatever the operating system says, ``extract`` and ``validate`` answer with one line naming the file,
what to do, and a documented exit code: never a traceback, never "unexpected error", never a wait forever."""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetx import errors
from budgetx.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"
WITH_ERRORS = Path(__file__).resolve().parent / "fixtures" / "text" / "hostile_cells.txt"
#: 测试 in GBK: a name that is not UTF-8, as Python gives it (surrogate escapes)
GBK_NAME = os.fsdecode(b"\xb2\xe2\xca\xd4.txt")
GBK_SHOWN = "\\xb2\\xe2\\xca\\xd4.txt"


def good(folder: Path) -> Path:
    shutil.copy(SAMPLE, folder / "good.txt")
    return folder / "good.txt"


def symlink_loop(folder: Path) -> Path:
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    return folder / "a"


def fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe")  # no writer: reading it would wait forever
    return folder / "pipe"


def unix_socket(folder: Path) -> Path:
    path = folder / "sock"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    s.close()
    return path


def folder_of(folder: Path) -> Path:
    (folder / "dir").mkdir()
    return folder / "dir"


#: case → (how to make the input in a folder, the error it gives, words of the message)
INPUTS: dict[str, tuple[Callable[[Path], Path], type[errors.BudgetxError], str]] = {
    "missing": (lambda d: d / "missing.txt", errors.InputNotFound, "no such file"),
    "through a file": (lambda d: good(d) / "x.txt", errors.InputNotFound, "a part of the path is a file"),
    "directory": (folder_of, errors.InputIsDirectory, "directory"),
    "symlink loop": (symlink_loop, errors.InputUnreadable, "loop of symbolic links"),
    "fifo": (fifo, errors.InputUnreadable, "named pipe (FIFO)"),
    "socket": (unix_socket, errors.InputUnreadable, "socket"),
    "device": (lambda d: Path(os.devnull), errors.InputUnreadable, "device"),
    "name too long": (lambda d: d / ("x" * 300 + ".txt"), errors.InputUnreadable, "name is too long"),
    "not UTF-8, missing": (lambda d: d / GBK_NAME, errors.InputNotFound, GBK_SHOWN),
}


def one_line(stderr: str) -> None:
    assert stderr.startswith("error: ") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr and "unexpected error" not in stderr


@pytest.mark.parametrize("command", ["extract", "validate"])
@pytest.mark.parametrize("case", list(INPUTS))
def test_an_input_the_system_refuses(tmp_path, case, command):
    make, error, words = INPUTS[case]
    path = make(tmp_path)
    r = CliRunner().invoke(app, [command, str(path)])
    assert r.exit_code == error.exit_code, (r.stderr, r.exception)
    one_line(r.stderr)
    assert words in r.stderr and os.fsencode(str(path)).decode("utf-8", "backslashreplace") in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize(
    ("raised", "error"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), errors.InputNotFound),
        (PermissionError(errno.EACCES, "Permission denied"), errors.InputUnreadable),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), errors.InputIsDirectory),
        (OSError(errno.EIO, "Input/output error"), errors.InputUnreadable),
    ],
)
def test_a_file_that_changes_between_listing_and_reading(tmp_path, monkeypatch, raised, error):
    path = good(tmp_path)
    real_open = os.open

    def vanished(name, *args, **kwargs):
        if os.fspath(name) == str(path):
            raise raised
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", vanished)  # os.stat still sees the file
    r = CliRunner().invoke(app, ["extract", str(path)])
    assert r.exit_code == error.exit_code
    one_line(r.stderr)
    assert str(path) in r.stderr


def test_a_name_that_is_not_utf8_is_read_and_stored_escaped(tmp_path):
    path = tmp_path / GBK_NAME
    shutil.copy(SAMPLE, path)
    r = CliRunner().invoke(app, ["extract", str(path)])
    assert r.exit_code == 0, r.stderr
    source = json.loads(r.stdout)["source"]["path"]
    assert source.endswith(GBK_SHOWN) and source.encode("utf-8")
    r = CliRunner().invoke(app, ["validate", "-f", "json", str(path), str(tmp_path / os.fsdecode(b"\xc4\xe3.txt"))])
    assert r.exit_code == errors.InputNotFound.exit_code
    results = json.loads(r.stdout)
    assert results[0]["path"].endswith(GBK_SHOWN) and results[1]["path"].endswith("\\xc4\\xe3.txt")


def test_the_summary_prints_a_name_that_is_not_utf8(tmp_path):
    import budgetx
    from budgetx.cli.console import err_console, print_summary

    path = tmp_path / GBK_NAME
    shutil.copy(SAMPLE, path)
    doc = budgetx.extract(path)
    with err_console.capture() as out:
        print_summary(doc, doc.tables[:1], [path.with_suffix(".json")])
    text = out.get()
    assert GBK_SHOWN in text and "\\xb2\\xe2\\xca\\xd4.json" in text


def read_only(monkeypatch, folder: Path) -> None:
    if os.geteuid() != 0:  # root writes anywhere: make the folder refuse what is created in it
        folder.chmod(0o555)
        return
    real_open, real_mkdir = os.open, os.mkdir

    def refused(path: str | os.PathLike[str]) -> bool:
        return Path(os.fspath(path)).parent == folder

    def open_(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and refused(path):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    def mkdir(path, *args, **kwargs):
        if refused(path):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "mkdir", mkdir)


def full_disk(monkeypatch) -> None:
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)


#: case → (extract's arguments after the sample, given the output folder; words of the message)
OUTPUTS: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "read-only folder": (lambda d: ["-o", str(d / "doc.json")], "Permission denied"),
    "read-only folder, CSV directory": (lambda d: ["-o", str(d / "tables")], "Permission denied"),
    "full disk": (lambda d: ["-o", str(d / "doc.xlsx")], "No space left on device"),
    "full disk, long CSV": (lambda d: ["-o", str(d / "doc.long.csv")], "No space left on device"),
    "an existing directory, json": (lambda d: ["-f", "json", "-o", str(d)], "is a directory"),
    "an existing directory, xlsx": (lambda d: ["-f", "xlsx", "-o", str(d)], "is a directory"),
    "through a file": (lambda d: ["-o", str(good(d) / "doc.json")], "a part of the path is a file"),
    "through a file, CSV directory": (lambda d: ["-o", str(good(d) / "tables")], "a part of the path is a file"),
    "name too long": (lambda d: ["-o", str(d / ("y" * 300 + ".json"))], "too long"),
}


@pytest.mark.parametrize("case", list(OUTPUTS))
def test_an_output_the_system_refuses(tmp_path, monkeypatch, case):
    args, words = OUTPUTS[case]
    out = tmp_path / "out"
    out.mkdir()
    if case.startswith("read-only"):
        read_only(monkeypatch, out)
    if case.startswith("full disk"):
        full_disk(monkeypatch)
    arguments = args(out)
    before = sorted(p.name for p in out.iterdir())
    r = CliRunner().invoke(app, ["extract", str(SAMPLE), *arguments])
    out.chmod(0o755)
    assert r.exit_code == errors.OutputError.exit_code, (r.stderr, r.exception)
    one_line(r.stderr)
    assert words in r.stderr
    assert sorted(p.name for p in out.iterdir()) == before, "nothing left behind"


def test_validate_reports_every_file_and_exits_with_the_worst_status(tmp_path):
    files = [
        str(good(tmp_path)),
        str(tmp_path / "missing.txt"),
        str(folder_of(tmp_path)),
        str(symlink_loop(tmp_path)),
        str(WITH_ERRORS),
    ]
    r = CliRunner().invoke(app, ["validate", *files])
    assert r.exit_code == errors.InputNotFound.exit_code, "the first unreadable file's code, over errors found (1)"
    lines = r.stderr.splitlines()
    assert [ln.split(": ", 2)[1] for ln in lines] == files[1:4]
    assert all(ln.startswith("error: ") for ln in lines) and "Traceback" not in r.stderr
    report, summary = r.stdout.split("\nsummary", 1)
    assert report.count("OK  0 errors") == 1 and report.count("FAILED") == 1, "the readable ones fully"
    assert "5 files" in summary and summary.count("unreadable (exit") == 3, "and a line each in the summary"
    r = CliRunner().invoke(app, ["validate", "-f", "json", *files])
    results = json.loads(r.stdout)
    assert [x.get("exit_code") for x in results] == [None, 3, 4, 15, None]
    assert results[4]["summary"]["error"] > 0
    # without unreadable files: errors found (1) > success (0)
    assert CliRunner().invoke(app, ["validate", files[0], str(WITH_ERRORS)]).exit_code == 1
    assert CliRunner().invoke(app, ["validate", files[0], files[0]]).exit_code == 0


def test_validate_carries_on_after_a_bug_in_one_file(tmp_path, monkeypatch):
    import budgetx.cli.validate as validate

    real = validate._read

    def buggy(file, *args):
        if file.endswith("bug.txt"):
            raise RuntimeError("boom")
        return real(file, *args)

    monkeypatch.setattr(validate, "_read", buggy)
    bug = tmp_path / "bug.txt"
    r = CliRunner().invoke(app, ["validate", str(bug), str(SAMPLE)])
    assert r.exit_code == errors.BudgetxError.exit_code
    assert r.stderr.count("\n") == 1 and "unexpected error (RuntimeError: boom)" in r.stderr
    assert "OK  0 errors" in r.stdout


# the real CLI in a process of its own, for what CliRunner cannot do: close stdin or stdout, fill stdout
def cli(*args: str, shell: str = "", stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "budgetx", *args]
    if shell:
        command = ["sh", "-c", f'"$@" {shell}', "sh", *command]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, timeout=120)


@pytest.mark.parametrize(
    ("args", "redirect", "code", "words"),
    [
        (["extract", "-"], "<&-", 2, "stdin is closed"),
        (["validate", "-"], "<&-", 2, "stdin is closed"),
        (["extract", str(SAMPLE)], ">&-", 13, "<stdout>: standard output is closed"),
        (["validate", str(SAMPLE)], ">&-", 13, "<stdout>: standard output is closed"),
        (["extract", str(SAMPLE), "-f", "long"], ">/dev/full", 13, "No space left on device"),
        (["validate", str(SAMPLE)], ">/dev/full", 13, "No space left on device"),
    ],
)
def test_closed_or_full_standard_streams(args, redirect, code, words):
    if redirect == ">/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    r = cli(*args, shell=redirect, stdout=None)
    assert r.returncode == code, r.stderr
    one_line(r.stderr)
    assert words in r.stderr


def test_a_closed_stdout_is_no_matter_when_nothing_goes_there(tmp_path):
    r = cli("extract", str(SAMPLE), "-o", str(tmp_path / "doc.json"), shell=">&-", stdout=None)
    assert r.returncode == 0 and r.stderr == "" and (tmp_path / "doc.json").exists()
    r = cli("validate", "-q", str(SAMPLE), shell=">&-", stdout=None)
    assert r.returncode == 0 and r.stderr == ""


def test_validate_goes_on_when_the_reader_of_stdout_leaves():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the report is written
    proc = subprocess.run(
        [sys.executable, "-m", "budgetx", "validate", str(SAMPLE), str(WITH_ERRORS)],
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=120,
    )
    os.close(write)
    assert proc.returncode == 1 and proc.stderr == "", "the status of the checks, and nothing on stderr"


def test_an_argument_that_is_not_utf8_prints_escaped():
    r = CliRunner().invoke(app, ["extract", str(SAMPLE), "-t", os.fsdecode(b"\xb2")])
    assert r.exit_code == 2 and "--table \\xb2;" in r.stderr and r.stderr.count("\n") == 1
