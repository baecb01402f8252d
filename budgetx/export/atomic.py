"""Writing output files so that nothing half-written is ever left behind.

The temporary ``.NAME.*.part`` file (or folder) beside the output is made here
(:func:`part_file`, :func:`part_dir`) rather than by :mod:`tempfile`, which
imports :mod:`random` and more for its names: every command that writes a file
would pay for that at start-up.  The name is as unique and the file as private
(0600, a folder 0700, created exclusively) as :func:`tempfile.mkstemp` makes them.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

#: how often a new name is tried when the one drawn exists already
_ATTEMPTS = 100
#: how a temporary file is opened: created for writing, never one that exists (a symbolic link included)
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def default_mode(directory: bool = False) -> int:
    """The permissions a new file (or directory) gets under the current umask.

    Temporary files are created 0600 and their directories 0700; an output
    renamed into place should look like any other file the user writes.
    """
    umask = os.umask(0o022)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    The file appears whole or not at all: a failure (or an interrupt) while
    writing removes the temporary ``.NAME.*.part`` file and leaves ``path`` as
    it was.  An existing file keeps its permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = default_mode()
    fd, tmp = part_file(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _part_name(path: Path) -> Path:
    """A new name ``.NAME.XXXXXXXX.part`` beside ``path`` (eight random hexadecimal digits)."""
    return path.parent / f".{path.name}.{os.urandom(4).hex()}.part"


def part_file(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside ``path``, open for writing (mode 0600): its descriptor and name.

    Raises :class:`OSError` as :func:`os.open` does (:class:`FileExistsError` only when
    every name drawn exists).
    """
    for _ in range(_ATTEMPTS - 1):
        tmp = _part_name(path)
        with contextlib.suppress(FileExistsError):
            return os.open(tmp, _FLAGS, 0o600), tmp
    tmp = _part_name(path)
    return os.open(tmp, _FLAGS, 0o600), tmp


def part_dir(path: Path) -> Path:
    """A new, empty temporary folder beside ``path`` (mode 0700): its name.

    Raises :class:`OSError` as :func:`os.mkdir` does (:class:`FileExistsError` only when
    every name drawn exists).
    """
    for _ in range(_ATTEMPTS - 1):
        tmp = _part_name(path)
        with contextlib.suppress(FileExistsError):
            os.mkdir(tmp, 0o700)
            return tmp
    tmp = _part_name(path)
    os.mkdir(tmp, 0o700)
    return tmp
