"""Options shared by several commands, declared once."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on stderr but errors.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error.")]
Password = Annotated[
    Optional[str],
    typer.Option("--password", metavar="PASSWORD", help="Password of an encrypted PDF.", envvar="BUDGETX_PDF_PASSWORD"),
]
Tables = Annotated[
    Optional[list[str]],
    typer.Option(
        "--table",
        "-t",
        metavar="TABLE",
        help="Only these tables: a number (2, 表2, 公开05表), a kind (three_public) or title words (三公). Repeatable.",
    ),
]
Output = Annotated[
    Optional[str],
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write here instead of stdout: a file (.json, .csv, .long.csv, .xlsx), or a directory for one CSV a table.",
    ),
]
Format = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="json (default), csv (a file a table), long (one row per amount) or xlsx; else from -o's extension.",
    ),
]
Raw = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="CSV: write text starting with = + - @ (a formula to a spreadsheet) as it is, without the leading '.",
    ),
]
