"""README's Quick tour runs as written, from a clone, on the files the repository ships."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def tour() -> tuple[list[str], list[str]]:
    """(the tour's variable assignments, its commands), comments dropped."""
    section = README.split("\n## Quick tour\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.S)
    assert block is not None, "the Quick tour has no sh block"
    lines = [re.sub(r"\s+#.*$", "", ln).strip() for ln in block.group(1).splitlines()]
    lines = [ln for ln in lines if ln]
    return [ln for ln in lines if re.match(r"^\w+=", ln)], [ln for ln in lines if not re.match(r"^\w+=", ln)]


def test_the_tour_has_its_commands():
    _, commands = tour()
    assert len(commands) >= 10 and all("budgetx" in c for c in commands)


@pytest.mark.parametrize("command", tour()[1])
def test_each_tour_command_runs_as_written(command, tmp_path):
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    shim = bindir / "budgetx"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m budgetx "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    assignments, _ = tour()
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    script = "\n".join([*assignments, command])
    done = subprocess.run(["sh", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    allowed = (0, 1) if command.startswith("budgetx validate") else (0,)
    assert done.returncode in allowed, f"{command}: exit {done.returncode}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr
