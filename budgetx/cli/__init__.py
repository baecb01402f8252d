"""The command-line interface: thin typer commands over the library."""

from budgetx.cli.app import app, main

__all__ = ["app", "main"]
