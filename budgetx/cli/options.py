"""Options shared by several commands, declared once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from budgetx.budget import Budget
from budgetx.readers.ocr.settings import MODES, OcrMode

if TYPE_CHECKING:
    from budgetx.pages import PageSelection

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
        help="Only these tables: a number (2, 表2, 公开05表), the summary's index (#5), a kind (three_public) or "
        "title words (三公). Repeatable.",
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
        help="json (default), csv (a file a table), long (one row per amount), xlsx, jsonl (a line a table) or jsonl-long (a line per amount); else from -o's extension.",
    ),
]
Timeout = Annotated[
    int,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        min=0,
        help="Give up on a document after this many seconds (a damaged or hostile file); 0: no limit.",
    ),
]
MaxMemory = Annotated[
    int,
    typer.Option(
        "--max-memory",
        metavar="MB",
        min=0,
        help="Give up on a document that needs more memory than this, in MiB; 0: no limit.",
    ),
]
KeepGoing = Annotated[
    bool,
    typer.Option(
        "--keep-going",
        help="Extract what can be read of a damaged PDF; the output names the pages that could not be read.",
    ),
]


def budget_of(timeout: int, max_memory: int) -> Budget:
    """The :class:`~budgetx.budget.Budget` that ``--timeout`` and ``--max-memory`` give."""
    return Budget(seconds=timeout or None, memory_mb=max_memory or None)


Raw = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="CSV: write text starting with = + - @ (a formula to a spreadsheet) as it is, without the leading '.",
    ),
]
Sidecar = Annotated[
    bool,
    typer.Option(
        "--sidecar",
        help="CSV to a file (-o t2.csv): also write t2.csv-metadata.json beside it (CSV on the Web: the table's "
        "title, unit, pages and each column's datatype, codes as string). -o DIR always writes one a table, "
        "and tables.csv listing them; CSV on stdout has none: give -o.",
    ),
]

Ocr = Annotated[
    str,
    typer.Option(
        "--ocr",
        metavar="auto|always|never",
        help="Read scanned pages by OCR: auto (pages without text, and images), always (every page), "
        "never (a scan is refused, exit 12).",
        envvar="BUDGETX_OCR",
    ),
]

Pages = Annotated[
    Optional[str],
    typer.Option(
        "--pages",
        metavar="PAGES",
        help="Read only these pages, 1-based as the summary prints them: 3-7,12. Tables are found among them; "
        "a text's pages are those its form feeds delimit.",
    ),
]


def ocr_mode(value: str) -> OcrMode:
    """The ``--ocr`` mode, or a usage error."""
    mode = value.strip().lower()
    if mode not in MODES:
        raise typer.BadParameter(f"{value!r} is not one of auto, always, never", param_hint="--ocr")
    return mode  # type: ignore[return-value]


def pages_of(spec: str | None) -> PageSelection | None:
    """The selection ``--pages`` writes, or None for every page; a spec that cannot be read is a usage error."""
    if spec is None:
        return None
    from budgetx.cli.console import usage_error
    from budgetx.pages import PageSpecError, parse

    try:
        return parse(spec)
    except PageSpecError as error:
        usage_error(f"--pages {spec}: {error.why if error.item == spec.strip() else error}")


#: the sample the repository ships, without its extension (.pdf, .txt): what every command's examples read
SAMPLE = "samples/重庆市潼南区大数据应用发展管理局2021年部门预算"
