"""budgetx batch killed outright (kill -9) at random moments, five times, then resumed: the dataset is
the one an uninterrupted batch gives, and no worker outlives its batch."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from budgetx.batch import BatchOptions, run_batch
from tests.conftest import FIXTURES, SAMPLES
from tests.test_batch import DEPARTMENTS, dataset_rows, make_documents, part_files

ROOT = Path(__file__).resolve().parent.parent
MARKER = "BUDGETX_KILL_TEST"


def marked_processes(token: str) -> list[int]:
    """Pids of the processes whose environment carries ``MARKER=token`` (the batch and its workers)."""
    needle = f"{MARKER}={token}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone, or not ours to read
            continue
        if needle in environ.split(b"\0"):
            pids.append(int(entry.name))
    return pids


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_kill_9_five_times_then_resume(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    for name in ("table1.pdf", "unruled.pdf", "truncated.pdf"):
        shutil.copy(FIXTURES / "pdf" / name, folder / name)
    make_documents(folder / "text", DEPARTMENTS[1:], years=(2021, 2022))
    reference = tmp_path / "reference"
    run_batch([str(folder)], BatchOptions(reference, jobs=2))

    out = tmp_path / "out"
    token = uuid.uuid4().hex
    env = {**os.environ, "PYTHONPATH": str(ROOT), MARKER: token}
    command = [sys.executable, "-m", "budgetx", "batch", str(folder), "-o", str(out), "-j", "2", "-q"]
    rng = random.Random(20261202)
    for _ in range(5):
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 2.5))  # in start-up, planning, or mid-document
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr  # truncated.pdf fails, now or in an earlier run
    assert dataset_rows(out) == dataset_rows(reference)
    assert sorted(p.name for p in (out / "documents").iterdir()) == sorted(
        p.name for p in (reference / "documents").iterdir()
    )
    assert not part_files(out)

    # no worker outlives its batch, even one caught starting up
    deadline = time.monotonic() + 15
    while marked_processes(token) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert marked_processes(token) == []
