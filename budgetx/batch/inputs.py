"""From the command line's INPUT arguments to the list of documents to read.

An input is a file, a directory (searched recursively), a glob pattern
(``docs/**/*.pdf``), or ``-``: a list of paths on standard input, one a line.
A file named outright is always kept; inside directories and globs only
documents budgetx can read are (the extensions of the registered readers:
.pdf, .txt, .md, .tsv …), and hidden files and folders are skipped.

Paths are kept as the operating system gives them: a name that is not UTF-8
(GBK bytes from a Windows archive) is a ``str`` with surrogate escapes, which
opens the file; what budgetx shows and stores is its
:func:`~budgetx.filenames.printable` form.  A list on stdin is read as bytes
and decoded the same way.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from budgetx.filenames import printable

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


def document_extensions() -> frozenset[str]:
    """The extensions of the documents budgetx reads, from the reader registry."""
    from budgetx.readers import readers

    return frozenset(e for r in readers() for e in r.extensions if e)


@dataclass
class Inputs:
    #: the documents, in the order given, each once
    paths: list[Path] = field(default_factory=list)
    #: inputs that name nothing: (input, why)
    missing: list[tuple[str, str]] = field(default_factory=list)


def expand_inputs(items: Iterable[str], *, stdin: TextIO | None = None, exclude: Iterable[Path] = ()) -> Inputs:
    """The documents named by ``items``.

    ``-`` reads paths from ``stdin``, one a line (blank lines and lines starting
    with ``#`` are skipped).  ``exclude`` names folders never to search (the
    batch's own output folder, when it lies inside an input folder).
    """
    extensions = document_extensions()
    skip = [p.resolve() for p in exclude]
    out = Inputs()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key in seen or any(_inside(key, s) for s in skip):
            return
        seen.add(key)
        out.paths.append(path)

    for item in _with_stdin(items, stdin, out):
        path = Path(item)
        if path.is_dir():
            for found in _walk(path, extensions, out):
                add(found)
        elif path.is_file():
            add(path)
        elif _GLOB_CHARS & set(item):
            matches = sorted(glob.glob(item, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file() and _wanted(Path(m), extensions)]
            for m in matches:
                if Path(m).is_dir():
                    files.extend(_walk(Path(m), extensions, out))
            if not files:
                out.missing.append((printable(item), "no document matches this pattern"))
            for f in files:
                add(f)
        elif path.exists():
            out.missing.append((printable(item), "not a regular file"))
        else:
            out.missing.append((printable(item), "no such file or directory"))
    return out


def _with_stdin(items: Iterable[str], stdin: TextIO | None, out: Inputs) -> Iterable[str]:
    for item in items:
        if item != STDIN:
            yield item
            continue
        if stdin is None:
            out.missing.append((STDIN, "standard input is closed: pipe a list of paths into it, one a line"))
            continue
        for line in _lines(stdin):
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def _lines(stdin: TextIO) -> Iterable[str]:
    """The lines of ``stdin``; from its bytes when it has them, so that any file name comes through."""
    raw = getattr(stdin, "buffer", None)
    try:
        if raw is None:
            yield from stdin
        else:
            for line in raw:
                yield os.fsdecode(line.rstrip(b"\r\n"))
    except (OSError, ValueError):  # closed, or not readable: what was read is kept
        return


def _walk(folder: Path, extensions: frozenset[str], out: Inputs) -> list[Path]:
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        where = error.filename if isinstance(error.filename, str) else str(folder)
        out.missing.append((printable(where), f"this folder cannot be read ({error.strerror})"))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(root, name)
            if _wanted(p, extensions):
                found.append(p)
    return found


def _wanted(path: Path, extensions: frozenset[str]) -> bool:
    return not path.name.startswith(".") and path.suffix.lower() in extensions


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
