"""budgetx batch's watchdog: a document over its time or memory budget, or one that crashes its
worker, fails alone, is recorded, and is not redone by a rerun unless --retry-failed says so."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetx.batch import BatchOptions, run_batch
from budgetx.batch.pool import allowed_seconds, run_pool
from budgetx.batch.worker import Job
from budgetx.budget import Budget
from budgetx.cli import app
from tests.conftest import FIXTURES, SAMPLE_TXT
from tests.test_batch import DEPARTMENTS, make_documents

RELIABILITY = FIXTURES / "reliability"
#: PDFs that hang a reader without a time limit: a reference cycle, millions of drawing operators
HANGS = ("cycle-self-ref.pdf", "bomb-ops-64m.pdf")


def documents(conn: sqlite3.Connection) -> dict[str, tuple]:
    rows = conn.execute("SELECT file, status, exit_code, reason FROM documents").fetchall()
    return {Path(file).name: (status, code, reason) for file, status, code, reason in rows}


def test_the_grace_past_the_time_budget():
    assert allowed_seconds(Budget(seconds=120)) == pytest.approx(137.0)
    assert allowed_seconds(Budget(seconds=1)) == pytest.approx(2.1)
    assert allowed_seconds(Budget(seconds=None)) is None


@pytest.mark.slow
def test_a_hanging_pdf_is_stopped_recorded_and_not_redone(tmp_path):
    inputs = [str(RELIABILITY / name) for name in HANGS] + [str(SAMPLE_TXT)]
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(app, ["batch", *inputs, "-o", str(out), "-j", "2", "--timeout", "1"])
    assert first.exit_code == 1, first.output
    assert "1 processed" not in first.output and "3 processed (1 ok, 0 with findings, 2 failed)" in first.output
    conn = sqlite3.connect(out / "budget.sqlite")
    docs = documents(conn)
    for name in HANGS:
        status, code, reason = docs[name]
        assert (status, code) == ("failed", 14)
        assert "longer than 1 s, its time budget" in reason and "--timeout" in reason
    assert docs[SAMPLE_TXT.name][0] == "ok"
    conn.close()

    # a rerun does not hang on them again: they are done, as failed, and named
    again = runner.invoke(app, ["batch", *inputs, "-o", str(out), "-j", "2", "--timeout", "1"])
    assert again.exit_code == 1
    assert "0 processed" in again.output and "3 already done" in again.output
    assert "2 of them failed before (--retry-failed redoes them)" in again.output
    assert "cycle-self-ref.pdf: reading took longer than 1 s" in again.output

    retried = run_batch(
        [str(RELIABILITY / HANGS[0])], BatchOptions(out, jobs=1, retry_failed=True, budget=Budget(seconds=1))
    )
    assert [(d.file.endswith(HANGS[0]), d.outcome) for d in retried.processed] == [(True, "failed")]


def hog_or_crash(job):
    """A task that allocates without end on *hog*, dies of SIGSEGV on *segv*, and reads the others."""
    from budgetx.batch import worker

    if "hog" in job.path:
        chunks = []
        while True:
            chunks.append(bytearray(64 * 1024 * 1024))
    if "segv" in job.path:
        os.kill(os.getpid(), signal.SIGSEGV)
    return worker.process(job)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and signals as on Linux")
def test_memory_and_crashes_fail_their_document_only(tmp_path):
    docs = make_documents(tmp_path / "in", DEPARTMENTS, years=(2021,))
    hog, segv = tmp_path / "in" / "hog.txt", tmp_path / "in" / "segv.txt"
    hog.write_bytes(docs[0].read_bytes() + b"\n")
    segv.write_bytes(docs[0].read_bytes() + b"\n\n")
    order = [hog, docs[0], segv, docs[1], docs[2]]
    budget = Budget(seconds=60, memory_mb=300)
    jobs = [Job(str(p), str(tmp_path / "out"), budget=budget) for p in order]
    results = []
    run_pool(jobs, 1, results.append, lambda path: None, task=hog_or_crash, budget=budget)
    by_name = {Path(r.file).name: r for r in results}
    assert sorted(by_name) == sorted(p.name for p in order)
    assert by_name["hog.txt"].exit_code == 14 and "300 MiB, its memory budget" in by_name["hog.txt"].reason
    assert "--max-memory" in by_name["hog.txt"].reason
    assert "crashed" in by_name["segv.txt"].reason and "signal 11 (SIGSEGV)" in by_name["segv.txt"].reason
    assert by_name["segv.txt"].document is not None  # recorded, with its sha256
    assert all(by_name[p.name].ok for p in docs)


def test_cli_budget_options(tmp_path):
    make_documents(tmp_path / "in", DEPARTMENTS[:1], years=(2021,))
    runner = CliRunner()
    ok = runner.invoke(
        app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "o"), "--timeout", "0", "--max-memory", "0"]
    )
    assert ok.exit_code == 0, ok.output
    assert (
        runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "o"), "--timeout", "-1"]).exit_code == 2
    )
