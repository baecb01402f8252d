"""budgetx batch --scheduler: the same batch on a Dask distributed cluster (a LocalCluster here)."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from budgetx.batch import BatchOptions, run_batch
from budgetx.cli import app
from tests.test_batch import DEPARTMENTS, dataset_rows, make_documents

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    # threads in this process: light, and enough to run the same task function as a real cluster
    with distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as cluster:
        yield cluster


def test_dask_gives_the_same_dataset_as_local_workers(cluster, tmp_path):
    make_documents(tmp_path / "in", DEPARTMENTS[:2], years=(2021, 2022))
    (tmp_path / "in" / "corrupt.txt").write_bytes(b"\x00\xff" * 100)
    local = run_batch([str(tmp_path / "in")], BatchOptions(tmp_path / "local", jobs=1))
    on_dask = run_batch([str(tmp_path / "in")], BatchOptions(tmp_path / "dask", scheduler=cluster.scheduler_address))
    assert on_dask.exit_code == local.exit_code == 1
    assert on_dask.count("failed") == 1 and len(on_dask.processed) == 5
    assert dataset_rows(tmp_path / "dask") == dataset_rows(tmp_path / "local")
    # a rerun on the cluster skips what is done
    again = run_batch([str(tmp_path / "in")], BatchOptions(tmp_path / "dask", scheduler=cluster.scheduler_address))
    assert again.processed == [] and again.skipped == 5


def test_cli_scheduler_option(cluster, tmp_path):
    make_documents(tmp_path / "in", DEPARTMENTS[:1], years=(2021,))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["batch", str(tmp_path / "in"), "-o", str(out), "--scheduler", cluster.scheduler_address]
    )
    assert result.exit_code == 0, result.output
    assert sqlite3.connect(out / "budget.sqlite").execute("SELECT status FROM documents").fetchall() == [("ok",)]


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    import dask

    make_documents(tmp_path / "in", DEPARTMENTS[:1], years=(2021,))
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(
            app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"]
        )
    assert result.exit_code == 10 and "cannot reach the Dask scheduler" in result.output
