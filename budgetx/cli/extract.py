"""``budgetx extract FILE``: every table of one document, as JSON, CSV, long CSV or Excel."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table as RichTable

from budgetx.cli.console import err_console, fail, stderr_is_terminal
from budgetx.cli.options import Debug, Password, Quiet, Tables
from budgetx.errors import BudgetxError, OutputError
from budgetx.export import exporters, for_extension, get
from budgetx.export.atomic import write_atomic
from budgetx.extract import extract as extract_document
from budgetx.model import Document, Table
from budgetx.select import select_tables

STDIN = "-"


def extract_command(
    file: Annotated[str, typer.Argument(help="The document: a PDF or a text file, or - for stdin.")],
    output: Annotated[
        Optional[str],
        typer.Option(
            "--output", "-o", help="Write here instead of stdout: a file, or a directory for CSV (one file a table)."
        ),
    ] = None,
    fmt: Annotated[
        Optional[str],
        typer.Option(
            "--format", "-f", help="json (default), csv, long (one row per amount) or xlsx; else from -o's extension."
        ),
    ] = None,
    tables: Tables = None,
    password: Password = None,
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip the arithmetic checks.")] = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Extract every table of a published budget document."""
    try:
        exporter = _choose_format(fmt, output)
        if file == STDIN:
            doc = extract_document("<stdin>", data=sys.stdin.buffer.read(), password=password, validate=not no_validate)
        else:
            doc = extract_document(file, password=password, validate=not no_validate)
        chosen = select_tables(doc.tables, tables or [])
        if tables and not chosen:
            raise OutputError(doc.source.path, f"no table matches --table {' '.join(tables)}; run without --table to list them")
        written = _write(doc, chosen, exporter.format, output)
    except BudgetxError as error:
        fail(error, debug=debug)
    if not quiet and stderr_is_terminal():
        _summary(doc, chosen, written)


def _choose_format(fmt: str | None, output: str | None):  # type: ignore[no-untyped-def]
    known = exporters()
    if fmt:
        if fmt not in known:
            raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(known)}", param_hint="--format")
        return known[fmt]
    if output and output != STDIN:
        by_ext = for_extension(output)
        if by_ext:
            return by_ext
        if Path(output).suffix == "":
            return known["csv"]  # a directory: one CSV a table
    return known["json"]


def _write(doc: Document, tables: list[Table], fmt: str, output: str | None) -> list[Path]:
    exporter = get(fmt)
    to_stdout = output in (None, STDIN)
    if exporter.write_dir is not None and not to_stdout:
        target = Path(output)  # type: ignore[arg-type]
        if target.suffix.lower() not in exporter.extensions:
            return exporter.write_dir(doc, tables, target)
    if exporter.write_dir is not None and to_stdout and len(tables) != 1:
        raise OutputError(
            doc.source.path,
            f"{len(tables)} tables cannot share one CSV stream; give -o DIR, pick one with --table, or use --format long",
        )
    if exporter.binary and to_stdout:
        if sys.stdout.isatty():
            raise OutputError(doc.source.path, f"{fmt} is a binary format; give -o FILE.xlsx")
    data = exporter.dumps(doc, tables)
    if to_stdout:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return []
    path = Path(output)  # type: ignore[arg-type]
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise OutputError(str(path), f"cannot write the output ({exc.strerror}); check the folder exists and is writable") from None
    return [path]


def _summary(doc: Document, tables: list[Table], written: list[Path]) -> None:
    info = doc.info
    head = " · ".join(str(x) for x in (info.department, info.year, info.stage) if x)
    pages = f"{doc.source.pages} pages, " if doc.source.pages else ""
    grid = RichTable(title=f"{doc.source.path}\n{head}", title_justify="left", show_edge=False, pad_edge=False)
    for name in ("#", "表", "title", "kind", "unit", "pages", "rows"):
        grid.add_column(name, no_wrap=name != "title")
    for t in tables:
        pg = f"{t.pages[0]}-{t.pages[-1]}" if len(t.pages) > 1 else (str(t.pages[0]) if t.pages else "")
        grid.add_row(str(t.index), t.number or "", t.title, t.kind, t.unit or "", pg, str(len(t.rows)))
    err_console.print(grid)
    errors = sum(1 for f in doc.findings if f.severity == "error")
    warnings = sum(1 for f in doc.findings if f.severity == "warning")
    err_console.print(
        f"{len(tables)} tables, {sum(len(t.rows) for t in tables)} rows, {pages}"
        f"{errors} errors, {warnings} warnings"
        + (f"; wrote {', '.join(str(p) for p in written[:3])}{' …' if len(written) > 3 else ''}" if written else "")
    )


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
