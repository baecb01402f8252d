"""budgetx's regular expressions, compiled once per installation rather than once per process.

Compiling a pattern is pure Python (the ``re`` parser and compiler) and slow for
the ranges budgetx's patterns are full of: ``[\\u4e00-\\u9fff]`` marks its 20,992
characters one by one.  Its ~250 patterns cost about 70 ms of every command's
start, more than the rest of reading a small text file.  :func:`compile` gives
the same :class:`re.Pattern` as :func:`re.compile` (equal to it, which compares
the compiled program), but keeps each pattern's compiled program in a file beside
this module's bytecode (``__pycache__/patterns.<interpreter>.re``), read once per
process, so that a later process only hands the program to the regex engine.

Like bytecode, the file is written only when something new was compiled (at the
end of the process, atomically), not when ``sys.dont_write_bytecode`` is set or
where the folder is read-only, and is ignored when it was written by another
Python or cannot be read.  A program is kept only when it compiles to a pattern
equal to :func:`re.compile`'s; on a Python whose ``re`` internals differ this is
plain :func:`re.compile`.  Meant for the patterns written in budgetx's source (a
bounded set); past :data:`LIMIT` programs (those of patterns edited since pile
up) the file starts afresh.
"""

from __future__ import annotations

import atexit
import importlib.util
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any, AnyStr

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10: plain re.compile
    _sre = None  # type: ignore[assignment]

#: programs kept in the file at most (budgetx's own patterns are a few hundred)
LIMIT = 2000

#: what a program depends on: the interpreter and its regex engine
_STAMP = (sys.version, getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None))

Key = tuple[Any, int]  # (str or bytes pattern, flags)
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_programs: dict[Key, Program] | None = None  # the file's, read when first needed
_compiled: dict[Key, re.Pattern[Any]] = {}
_new = False


def cache_file() -> Path:
    """Where the compiled programs are kept: beside this module's bytecode."""
    return Path(importlib.util.cache_from_source(__file__)).with_suffix(".re")


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, its program taken from the file when it is there."""
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is None:
        found = _compiled[key] = _pattern(key)
    return found


def _pattern(key: Key) -> re.Pattern[Any]:
    global _new
    if _sre is None:
        return re.compile(*key)
    programs = _load()
    program = programs.get(key)
    if program is not None:
        try:
            return _sre.compile(key[0], *program)  # type: ignore[no-any-return]
        except Exception:
            del programs[key]
    built = re.compile(*key)
    try:
        program = _program(*key)
        if _sre.compile(key[0], *program) == built:
            if len(programs) >= LIMIT:
                programs.clear()  # patterns of older sources pile up: start afresh, this process's come back
            programs[key] = program
            _new = True
    except Exception:
        pass
    return built


def _program(pattern: str | bytes, flags: int) -> Program:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern``, after the pattern."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    flags = int(flags | parsed.state.flags)
    return flags, [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _load() -> dict[Key, Program]:
    global _programs
    if _programs is None:
        _programs = {}
        try:
            stamp, programs = marshal.loads(cache_file().read_bytes())
            if stamp == _STAMP and isinstance(programs, dict):
                _programs = programs
        except (OSError, ValueError, EOFError, TypeError):
            pass
    return _programs


def _save() -> None:
    """Write the programs when something was compiled this time (atomically; silently not when it cannot)."""
    if not _new or _programs is None or sys.dont_write_bytecode:
        return
    import tempfile  # only when something is written: not a cost of every start

    target = cache_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        os.fchmod(fd, 0o644)  # readable as bytecode is (mkstemp makes it private)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps((_STAMP, _programs)))
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass


atexit.register(_save)


def _reset() -> None:
    """Forget what this process compiled and read (for tests)."""
    global _programs, _new
    _programs, _new = None, False
    _compiled.clear()
