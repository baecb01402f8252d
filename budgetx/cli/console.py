"""The CLI's consoles and its one way of reporting a user error."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer
from rich.console import Console

from budgetx.errors import BudgetxError

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(error: BudgetxError, *, debug: bool = False) -> NoReturn:
    """Print ``error`` on one line (a traceback with ``--debug``) and exit with its code."""
    if debug:
        raise error
    err_console.print(f"[bold red]error:[/] {error}", markup=True, highlight=False)
    raise typer.Exit(error.exit_code)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
