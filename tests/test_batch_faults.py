"""budgetx batch when the system says no: a read-only or full disk, -o naming a file, a damaged
budget.sqlite, stdin closed.  Each is one line naming the path and what to do, exit code 13 (the
output could not be written), no traceback."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetx.batch import BatchOptions, run_batch, worker
from budgetx.batch import outdir as batch_outdir
from budgetx.batch.worker import Job
from budgetx.cli import app
from budgetx.errors import OutputError
from tests.test_batch import DEPARTMENTS, make_documents

ROOT = Path(__file__).resolve().parent.parent


def one_line_error(result, *words: str) -> None:
    assert result.exit_code == OutputError.exit_code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0]


@pytest.fixture
def inputs(tmp_path) -> Path:
    make_documents(tmp_path / "in", DEPARTMENTS[:2], years=(2021,))
    return tmp_path / "in"


def test_output_naming_a_regular_file(inputs, tmp_path):
    target = tmp_path / "data.sqlite"
    target.write_text("x")
    result = CliRunner().invoke(app, ["batch", str(inputs), "-o", str(target)])
    one_line_error(result, str(target), "not a folder")
    assert target.read_text() == "x"


def test_a_read_only_folder(inputs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EROFS, "Read-only file system", str(out / batch_outdir.LOCK))

    monkeypatch.setattr(batch_outdir, "open", refuse, raising=False)
    result = CliRunner().invoke(app, ["batch", str(inputs), "-o", str(out)])
    one_line_error(result, "cannot write the output", "read-only")


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_dataset(inputs, tmp_path, damage):
    out = tmp_path / "out"
    assert run_batch([str(inputs)], BatchOptions(out, jobs=1)).exit_code == 0
    db = out / "budget.sqlite"
    data = db.read_bytes()
    db.write_bytes(os.urandom(8192) if damage == "garbage" else data[: len(data) // 2])
    result = CliRunner().invoke(app, ["batch", str(inputs), "-o", str(out)])
    one_line_error(result, str(db), "damaged", "move it away")
    # moved away, the rerun rebuilds it
    db.rename(out / "damaged.sqlite")
    assert CliRunner().invoke(app, ["batch", str(inputs), "-o", str(out)]).exit_code == 0


def test_a_full_disk_under_the_dataset(inputs, tmp_path, monkeypatch):
    from budgetx.batch.dataset import Dataset

    def full(self, result, replaces=()):
        with self.faults():
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Dataset, "record", full)
    result = CliRunner().invoke(app, ["batch", str(inputs), "-o", str(tmp_path / "out")])
    one_line_error(result, "budget.sqlite", "disk is full", "rerun")


def test_a_full_disk_under_the_documents(inputs, tmp_path, monkeypatch):
    """A worker that cannot write a document's JSON does not blame the document: the batch stops."""
    doc = next(inputs.iterdir())

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(worker, "write_atomic", full)
    result = worker.process(Job(str(doc), str(tmp_path / "out")))
    assert result.output_error is not None and result.output_error[1] == errno.ENOSPC

    import budgetx.batch.runner as runner

    def pool(jobs, workers, on_result, submitted, budget):
        on_result(worker.process(jobs[0]))

    monkeypatch.setattr(runner, "run_pool", pool)
    out = tmp_path / "out"
    cli = CliRunner().invoke(app, ["batch", str(inputs), "-o", str(out)])
    one_line_error(cli, "No space left", "free some space", "rerun")
    conn = sqlite3.connect(out / "budget.sqlite")
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (0,)  # nothing recorded as failed


def _run_closed(args: list[str], fd: int) -> subprocess.CompletedProcess:
    """``budgetx ARGS`` with file descriptor ``fd`` (0: stdin, 1: stdout) closed."""
    return subprocess.run(
        [sys.executable, "-m", "budgetx", *args],
        preexec_fn=lambda: os.close(fd),
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


@pytest.mark.slow
def test_stdin_or_stdout_closed(inputs, tmp_path):
    closed_in = _run_closed(["batch", "-", "-o", str(tmp_path / "a")], 0)
    assert closed_in.returncode == 2 and "Traceback" not in closed_in.stderr  # a usage error, as for extract
    assert "standard input is closed" in closed_in.stderr and len(closed_in.stderr.strip().splitlines()) == 1
    closed_out = _run_closed(["batch", str(inputs), "-o", str(tmp_path / "b"), "-j", "1"], 1)
    assert closed_out.returncode == 0, closed_out.stderr
    assert "2 processed (2 ok" in closed_out.stderr
