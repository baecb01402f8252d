"""The ``budgetx`` command: one typer app, one module per command."""

from __future__ import annotations

import typer

from budgetx import __version__
from budgetx.cli import batch, codes, extract, process, validate

app = typer.Typer(
    name="budgetx",
    help="Every table of a Chinese public budget document (部门预算/决算), as clean, validated data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetx {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """budgetx: extract, validate and collect Chinese public budget tables."""


extract.register(app)
batch.register(app)
codes.register(app)
validate.register(app)


def main() -> None:
    process.own()
    app()
