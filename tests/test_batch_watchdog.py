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

from budgetx.batch.pool import allowed_seconds, run_pool
from budgetx.batch.worker import Job
from budgetx.budget import Budget
from budgetx.cli import app
from tests.conftest import FIXTURES, SAMPLE_TXT
from tests.test_batch import DEPARTMENTS, make_documents

RELIABILITY = FIXTURES / "reliability"
#: PDFs that hung a reader without limits: a reference cycle, a stream inflating to 256 MiB
HOSTILE = ("cycle-self-ref.pdf", "bomb-content-256m.pdf")


def documents(conn: sqlite3.Connection) -> dict[str, tuple]:
    rows = conn.execute("SELECT file, status, exit_code, reason FROM documents").fetchall()
    return {Path(file).name: (status, code, reason) for file, status, code, reason in rows}


def test_the_grace_past_the_time_budget():
    assert allowed_seconds(Budget(seconds=120)) == pytest.approx(137.0)
    assert allowed_seconds(Budget(seconds=1)) == pytest.approx(2.1)
    assert allowed_seconds(Budget(seconds=None)) is None


def test_hostile_pdfs_fail_alone_are_recorded_and_not_redone(tmp_path):
    inputs = [str(RELIABILITY / name) for name in HOSTILE] + [str(SAMPLE_TXT)]
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(app, ["batch", *inputs, "-o", str(out), "-j", "2", "--timeout", "20"])
    assert first.exit_code == 1, first.output
    assert "3 processed (1 ok, 0 with findings, 2 failed)" in first.output
    conn = sqlite3.connect(out / "budget.sqlite")
    docs = documents(conn)
    assert {name: docs[name][:2] for name in HOSTILE} == {
        "cycle-self-ref.pdf": ("failed", 9),
        "bomb-content-256m.pdf": ("failed", 14),
    }
    assert docs[SAMPLE_TXT.name][0] == "ok"
    conn.close()

    # a rerun does not read them again: they are done, as failed, and named
    again = runner.invoke(app, ["batch", *inputs, "-o", str(out), "-j", "2"])
    assert again.exit_code == 1
    assert "0 processed" in again.output and "3 already done" in again.output
    assert "2 of them failed before (--retry-failed redoes them)" in again.output
    assert "cycle-self-ref.pdf: the PDF is damaged" in again.output


def stuck_or_read(job):
    """A task stuck inside one C call (no Python instruction runs, so no clock of the reader's can end it)."""
    import time

    from budgetx.batch import worker

    if Path(job.path).name == "stuck.txt":
        time.sleep(3600)
    return worker.process(job)


def test_a_worker_stuck_past_its_time_is_killed_and_its_document_recorded(tmp_path):
    docs = make_documents(tmp_path / "in", DEPARTMENTS[:2], years=(2021,))
    stuck = tmp_path / "in" / "stuck.txt"
    stuck.write_bytes(docs[0].read_bytes() + b"\n")
    budget = Budget(seconds=3, memory_mb=None)  # a fresh worker's first document takes a second or two
    jobs = [Job(str(p), str(tmp_path / "out"), budget=budget) for p in [stuck, *docs]]
    results = []
    run_pool(jobs, 1, results.append, lambda path: None, task=stuck_or_read, budget=budget)
    by_name = {Path(r.file).name: r for r in results}
    assert sorted(by_name) == sorted(p.name for p in [stuck, *docs])
    late = by_name["stuck.txt"]
    assert (late.status, late.exit_code) == ("failed", 14)
    assert "longer than 3 s, its time budget" in late.reason and "--timeout" in late.reason
    assert late.document is not None and late.document[0] == late.sha256  # recorded: a rerun skips it
    assert all(by_name[p.name].ok for p in docs), [by_name[p.name].reason for p in docs]  # on a new worker


def hog_or_crash(job):
    """A task that allocates without end on *hog*, dies of SIGSEGV on *segv*, and reads the others."""
    from budgetx.batch import worker

    if Path(job.path).name == "hog.txt":
        chunks = []
        while True:
            chunks.append(bytearray(64 * 1024 * 1024))
    if Path(job.path).name == "segv.txt":
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
