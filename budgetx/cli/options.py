"""Options shared by several commands, declared once."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on stderr but errors.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error.")]
Password = Annotated[
    Optional[str], typer.Option("--password", help="Password of an encrypted PDF.", envvar="BUDGETX_PDF_PASSWORD")
]
Tables = Annotated[
    Optional[list[str]],
    typer.Option(
        "--table",
        "-t",
        help="Only these tables: a number (2, 表2, 公开05表), a kind (three_public) or title words (三公). Repeatable.",
    ),
]
