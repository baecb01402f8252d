"""Writing output files so that nothing half-written is ever left behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def default_mode(directory: bool = False) -> int:
    """The permissions a new file (or directory) gets under the current umask.

    ``tempfile`` creates its files 0600 and its directories 0700; an output
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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
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
