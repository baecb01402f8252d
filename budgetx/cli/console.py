"""The CLI's console on stderr: one-line errors, and the summary of an extraction.

Nothing here goes to stdout, which carries the data.  Messages are printed as
plain text (never parsed as rich markup), so a file name such as
``[2021]预算.txt`` prints as it is.  rich is imported when something is first
printed: ``budgetx extract doc.pdf -q -o out.json`` never loads it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from budgetx.errors import BudgetxError
from budgetx.export import findings_for
from budgetx.filenames import printable
from budgetx.model import Document, Table

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


@functools.cache
def _err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def __getattr__(name: str) -> Console:
    """``err_console``, the rich console on stderr, made when first asked for."""
    if name == "err_console":
        return _err_console()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: exit code of an unexpected error (a bug): "other error", see budgetx.errors
UNEXPECTED_EXIT = BudgetxError.exit_code
USAGE_EXIT = 2


def _error_line(message: str) -> None:
    from rich.text import Text

    line = Text("error: ", style="bold red")
    line.append(printable(message))  # an argument that is not UTF-8 (a --table value) would not print
    _err_console().print(line)


def warn(message: str) -> None:
    """A warning on one line of stderr: something the user should know, not a failure."""
    from rich.text import Text

    line = Text("warning: ", style="bold yellow")
    line.append(message)
    _err_console().print(line)


def fail(error: BudgetxError, *, debug: bool = False) -> NoReturn:
    """Print ``error`` on one line (a traceback with ``--debug``) and exit with its code."""
    if debug:
        raise error
    print_error(error)
    raise typer.Exit(error.exit_code)


def print_error(error: BudgetxError) -> None:
    """Print ``error`` on one line, for a command that carries on with its other files."""
    _error_line(" ".join(str(error).split("\n")))


def fail_unexpected(path: str, error: Exception) -> NoReturn:
    """A bug, not bad input: say so on one line and exit with the "other error" code."""
    print_unexpected(path, error)
    raise typer.Exit(UNEXPECTED_EXIT)


def print_unexpected(path: str, error: Exception) -> None:
    """A bug, not bad input, on one line, for a command that carries on with its other files."""
    what = f"{type(error).__name__}: {error}".splitlines()[0]
    _error_line(f"{printable(path)}: unexpected error ({printable(what)}); rerun with --debug and report it")


def usage_error(message: str) -> NoReturn:
    """Wrong usage (a bad option value): one line, exit code 2."""
    _error_line(message)
    raise typer.Exit(USAGE_EXIT)


def stderr_is_terminal() -> bool:
    return sys.stderr is not None and sys.stderr.isatty()


#: the name standard output goes by in messages
STDOUT_NAME = "<stdout>"


def stdout_is_closed() -> bool:
    """True when the command was started with stdout closed (``>&-``): Python then has no ``sys.stdout``."""
    return sys.stdout is None


def silence_stdout() -> None:
    """Point stdout at the null device, so that what is still buffered (and Python's flush at exit) goes nowhere.

    For when the reader of stdout went away (``| head``) or its disk is full:
    without it Python reports the same failure again on exit.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError, AttributeError):  # stdout without a file descriptor (a test runner's)
        os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def print_summary(doc: Document, tables: list[Table], written: list[Path]) -> None:
    """A short summary of what was extracted: one line per table, then the totals."""
    from rich.table import Table as RichTable
    from rich.text import Text

    from budgetx.export.naming import short_title  # only for the summary: -q prints none

    err_console = _err_console()
    info = doc.info
    head = " · ".join(str(x) for x in (info.department, info.year, info.stage) if x)
    grid = RichTable(
        title=Text(f"{doc.source.path}" + (f"\n{head}" if head else "")),
        title_justify="left",
        show_edge=False,
        pad_edge=False,
        box=None,
        header_style="bold",
    )
    with_pages = any(t.pages for t in tables)
    columns = [("#", "right"), ("表", "left"), ("title", "left"), ("kind", "left"), ("unit", "left")]
    columns += [("pages", "left")] if with_pages else []
    for name, justify in [*columns, ("rows", "right")]:
        grid.add_column(name, justify=justify, no_wrap=name != "title")  # type: ignore[arg-type]
    for t in tables:
        pg = f"{t.pages[0]}-{t.pages[-1]}" if len(t.pages) > 1 else (str(t.pages[0]) if t.pages else "")
        rows = f"{len(t.rows)}" if t.rows or not t.note else "0 (note)"
        cells: list[str | Text] = [str(t.index), t.number or "", Text(short_title(doc, t)), t.kind, t.unit or ""]
        grid.add_row(*cells, *([pg] if with_pages else []), rows)
    err_console.print(grid)

    units = sorted({t.unit for t in tables if t.unit})
    findings = findings_for(doc, tables)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    parts = [
        _count(len(tables), "table"),
        _count(sum(len(t.rows) for t in tables), "row"),
        _count(doc.source.pages, "page") if doc.source.pages else f"{doc.source.format} input",
        ("unit " + ", ".join(units)) if units else "no unit",
        f"{_count(errors, 'error')}, {_count(warnings, 'warning')}",
    ]
    line = Text(" · ".join(parts), style="bold red" if errors else "")
    err_console.print(line)
    if written:
        if len(written) > 3 and len({p.parent for p in written}) == 1:
            shown = f"{len(written)} files in {printable(written[0].parent)}"
        else:
            shown = ", ".join(printable(p) for p in written)
        err_console.print(Text(f"wrote {shown}"))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
