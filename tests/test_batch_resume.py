"""budgetx batch interrupted for real: a subprocess killed mid-batch, then rerun."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from budgetx.batch import BatchOptions, run_batch
from tests.test_batch import dataset_rows, make_documents, part_files

DEPARTMENTS = ("重庆市潼南区大数据应用发展管理局", "上海市普陀区财政局", "江苏省人民检察院", "重庆市潼南区教育委员会")


def _committed(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _batch(inputs: Path, outdir: Path) -> list[str]:
    return [sys.executable, "-m", "budgetx", "batch", str(inputs), "-o", str(outdir), "-j", "2", "-q"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    make_documents(folder, DEPARTMENTS, years=(2021, 2022))  # 8 documents
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2000))
    return folder


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGTERM, 130)])
def test_a_killed_batch_loses_nothing_and_a_rerun_completes_it(corpus, tmp_path, signum, code):
    pytest.importorskip("psutil")
    import psutil

    folder = corpus
    outdir = tmp_path / "out"
    db = outdir / "budget.sqlite"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(_batch(folder, outdir), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _committed(db) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else []
    proc.send_signal(signum)
    proc.communicate(timeout=60)
    assert proc.returncode == code

    # no worker outlives its batch, even one killed outright
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, alive

    done = _committed(db)
    assert 2 <= done < 9, "the batch was not interrupted midway"
    # every file under its final name is whole; SIGTERM leaves no temporary file either
    for path in (outdir / "documents").glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    if signum == signal.SIGTERM:
        assert not part_files(outdir)

    rerun = subprocess.run(_batch(folder, outdir), env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 1  # corrupt.pdf failed, and the exit code says so
    reference = tmp_path / "reference"  # the same batch, not interrupted
    run_batch([str(folder)], BatchOptions(reference, jobs=1))
    assert dataset_rows(outdir) == dataset_rows(reference)
    assert sorted(p.name for p in (outdir / "documents").iterdir()) == sorted(
        p.name for p in (reference / "documents").iterdir()
    )
    assert not part_files(outdir)
