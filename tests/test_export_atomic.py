"""Atomic writes: the temporary ``.NAME.*.part`` file or folder beside the output, its permissions, and what
a failure leaves (nothing)."""

from __future__ import annotations

import errno
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from budgetx.export import atomic
from budgetx.export.atomic import default_mode, part_dir, part_file, write_atomic

PART = re.compile(r"\.out\.json\.[0-9a-f]{8}\.part")


@pytest.fixture
def umask_027():
    before = os.umask(0o027)
    yield
    os.umask(before)


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path, umask_027):
    out = tmp_path / "out.json"
    write_atomic(out, b"{}")
    assert out.read_bytes() == b"{}"
    assert stat.S_IMODE(out.stat().st_mode) == default_mode() == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_an_existing_file_keeps_its_mode(tmp_path):
    out = tmp_path / "out.json"
    out.write_bytes(b"old")
    out.chmod(0o604)
    write_atomic(out, b"new")
    assert out.read_bytes() == b"new" and stat.S_IMODE(out.stat().st_mode) == 0o604


def test_a_failed_write_leaves_the_old_file_and_no_part(tmp_path, monkeypatch):
    out = tmp_path / "out.json"
    out.write_bytes(b"old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(out, b"new")
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_the_part_file_is_new_private_and_named_after_the_output(tmp_path, umask_027):
    fd, tmp = part_file(tmp_path / "out.json")
    os.close(fd)
    assert tmp.parent == tmp_path and PART.fullmatch(tmp.name)
    assert stat.S_IMODE(tmp.stat().st_mode) == 0o600 and tmp.read_bytes() == b""
    folder = part_dir(tmp_path / "out.json")
    assert folder.parent == tmp_path and PART.fullmatch(folder.name) and folder != tmp
    assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_name_taken_is_passed_over_never_reused(tmp_path, monkeypatch):
    taken = tmp_path / ".out.json.00000000.part"
    taken.write_bytes(b"someone else's")
    os.symlink(tmp_path / "elsewhere", tmp_path / ".out.json.11111111.part")
    names = iter([b"\x00" * 4, b"\x11" * 4, b"\x22" * 4, b"\x00" * 4, b"\x33" * 4])
    monkeypatch.setattr(os, "urandom", lambda n: next(names))
    fd, tmp = part_file(tmp_path / "out.json")
    os.close(fd)
    assert tmp.name == ".out.json.22222222.part"
    assert part_dir(tmp_path / "out.json").name == ".out.json.33333333.part"
    assert taken.read_bytes() == b"someone else's" and not (tmp_path / "elsewhere").exists()


def test_when_every_name_is_taken_the_error_says_so(tmp_path, monkeypatch):
    (tmp_path / ".out.json.00000000.part").write_bytes(b"")
    monkeypatch.setattr(os, "urandom", lambda n: b"\x00" * n)
    with pytest.raises(FileExistsError):
        part_file(tmp_path / "out.json")
    with pytest.raises(FileExistsError):
        part_dir(tmp_path / "out.json")
    assert atomic._ATTEMPTS > 1


def test_importing_it_loads_no_tempfile():
    done = subprocess.run(
        [sys.executable, "-c", "import sys, budgetx.export.atomic; print('tempfile' in sys.modules)"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == "False", done.stderr
