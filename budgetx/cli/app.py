"""The ``budgetx`` command: one typer app, one module per command.

The commands are loaded on demand: ``budgetx extract`` imports the extract
command's module and nothing of ``batch``, ``codes`` or ``validate`` (and so
none of their libraries: rich's progress bars, the dataset writers, the
validation report).  :data:`COMMANDS` is the one list of them, in the order
``budgetx --help`` shows them; each entry imports the module whose
``register(app)`` declares the command.  ``budgetx --help`` and a mistyped
command name load them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any

import typer
import typer.core
import typer.main

from budgetx import __version__
from budgetx.cli import process
from budgetx.cli.coercion import without_pydantic

#: every command, in the order help lists them, and how to import the module that registers it
COMMANDS: dict[str, Callable[[], ModuleType]] = {
    "extract": lambda: importlib.import_module("budgetx.cli.extract"),
    "batch": lambda: importlib.import_module("budgetx.cli.batch"),
    "codes": lambda: importlib.import_module("budgetx.cli.codes"),
    "validate": lambda: importlib.import_module("budgetx.cli.validate"),
    "show": lambda: importlib.import_module("budgetx.cli.show"),
}

#: the typer settings of the app and of each command: -h is --help everywhere
_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


class Command(typer.core.TyperCommand):
    """A typer command whose string, flag and plain-integer options skip pydantic (see :mod:`budgetx.cli.coercion`)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return without_pydantic(super().get_params(ctx))


def load_command(name: str) -> typer.core.TyperCommand:
    """The click command ``name``, its module imported now."""
    single = typer.Typer(**_SETTINGS)
    COMMANDS[name]().register(single)
    for info in single.registered_commands:
        if info.cls is None or issubclass(Command, info.cls):
            info.cls = Command
    command = typer.main.get_command(single)
    assert isinstance(command, typer.core.TyperCommand), name
    return command


class _Commands(Mapping[str, Any]):
    """The group's commands by name, each loaded when it is first looked up."""

    def __init__(self) -> None:
        self._loaded: dict[str, typer.core.TyperCommand] = {}

    def __getitem__(self, name: str) -> typer.core.TyperCommand:
        if name not in COMMANDS:
            raise KeyError(name)
        if name not in self._loaded:
            self._loaded[name] = load_command(name)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class LazyGroup(typer.core.TyperGroup):
    """A typer group whose commands are imported when they are run (or their help is shown)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()  # type: ignore[assignment]

    def get_params(self, ctx: Any) -> list[Any]:
        return without_pydantic(super().get_params(ctx))


app = typer.Typer(
    name="budgetx",
    help="Every table of a Chinese public budget document (部门预算/决算), as clean, validated data.",
    no_args_is_help=True,
    cls=LazyGroup,
    # --install-completion / --show-completion: the shell asks the group for a command's
    # options, which loads that command's module only
    **{**_SETTINGS, "add_completion": True},
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


def main() -> None:
    process.own()
    app()
