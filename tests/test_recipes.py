"""README's Recipes run as written, on a batch of the shipped samples."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from budgetx.cli.app import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("\n## Recipes\n", 1)[1].split("\n## ", 1)[0]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", SECTION, flags=re.S)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A clone's samples and their batch, data/."""
    root = tmp_path_factory.mktemp("recipes")
    shutil.copytree(ROOT / "samples", root / "samples")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(app, ["batch", "samples", "-o", "data/", "-j", "1", "-q"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return root


def test_the_recipes_are_there():
    assert len(blocks("python")) == 2 and len(blocks("sh")) == 2
    assert "[Batch](#batch)" in SECTION


def test_the_three_public_recipe_gives_each_documents_total(batch, monkeypatch):
    pytest.importorskip("pandas")
    monkeypatch.chdir(batch)
    scope: dict = {}
    exec(blocks("python")[0], scope)
    frame = scope["three_public"]
    # the sample's 三公 total, printed 3.5 万元 in its PDF and its text
    assert list(frame.value_yuan) == [Decimal("35000")] * 2
    assert set(frame.department) == {"重庆市潼南区大数据应用发展管理局"} and set(frame.year) == {2021}


def test_every_error_of_a_batch(batch):
    sql = re.search(r'"(.*)"', blocks("sh")[0], flags=re.S).group(1)
    with sqlite3.connect(batch / "data" / "budget.sqlite") as db:
        rows = db.execute(sql).fetchall()
        errors = db.execute("SELECT count(*) FROM findings WHERE severity = 'error'").fetchone()[0]
    assert len(rows) == errors


def test_every_error_without_a_dataset(batch, tmp_path):
    command = blocks("sh")[1].strip()
    bindir = tmp_path / "bin"
    bindir.mkdir()
    shim = bindir / "budgetx"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m budgetx "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(["sh", "-c", command], cwd=batch, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    assert "summary" in done.stdout and "2 files" in done.stdout


def test_a_dataframe_of_a_table(batch, monkeypatch):
    pytest.importorskip("pandas")
    monkeypatch.chdir(batch)
    scope: dict = {}
    exec(blocks("python")[1], scope)
    assert scope["table"].kind == "three_public"
    assert str(scope["frame"].dtypes.iloc[-1]) == "float64"
