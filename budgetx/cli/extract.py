"""``budgetx extract FILE``: every table of one document, as JSON, CSV, long CSV or Excel.

The format is ``--format``, or else follows ``-o``: ``.json``, ``.csv`` (one
table), ``.long.csv``, ``.xlsx``, or a directory (no extension, or an existing
folder) for one CSV a table, each with its CSV on the Web sidecar
(``NAME.csv-metadata.json``) and ``tables.csv`` listing them (``--sidecar``:
the sidecar of one table written to ``-o FILE.csv``).  Without ``-o`` the
output goes to stdout (JSON by default).  Nothing is written until the document has been read, and files
are written atomically, so a bad input or a failed write leaves no file.
Whatever the operating system refuses (a missing or unreadable input, a full
disk, a closed stdout) is one line naming the file and a documented exit code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from budgetx.budget import DEFAULT as _BUDGET
from budgetx.cli import process
from budgetx.cli.console import (
    STDOUT_NAME,
    fail,
    fail_unexpected,
    print_summary,
    silence_stdout,
    stderr_is_terminal,
    stdout_is_closed,
    usage_error,
    warn,
)
from budgetx.cli.inputs import document_input, no_table_matches
from budgetx.cli.ocr_progress import OcrProgress
from budgetx.cli.options import (
    SAMPLE,
    Debug,
    Format,
    KeepGoing,
    MaxMemory,
    Ocr,
    Output,
    Pages,
    Password,
    Quiet,
    Raw,
    Sidecar,
    Tables,
    Timeout,
    budget_of,
    ocr_mode,
    pages_of,
)
from budgetx.errors import BudgetxError, CorruptDocument, OutputError, output_error
from budgetx.export import Exporter, exporters, for_extension
from budgetx.export.atomic import write_atomic
from budgetx.extract import extract as extract_document
from budgetx.model import Document, Table
from budgetx.select import select_tables

#: ``-o -``: the output goes to stdout, as without ``-o``
STDOUT = "-"


def extract_command(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="The document: a PDF, a text file or a scan's image (PNG, JPEG, TIFF), or - for stdin."
        ),
    ],
    output: Output = None,
    fmt: Format = None,
    tables: Tables = None,
    pages: Pages = None,
    password: Password = None,
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip the arithmetic checks.")] = False,
    keep_going: KeepGoing = False,
    timeout: Timeout = int(_BUDGET.seconds or 0),
    max_memory: MaxMemory = _BUDGET.memory_mb or 0,
    raw: Raw = False,
    ocr: Ocr = "auto",
    sidecar: Sidecar = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Extract every table of a published budget document."""
    exporter = choose_format(fmt, output)
    mode = ocr_mode(ocr)
    if sidecar:
        check_sidecar(exporter, output)
    selected = pages_of(pages)
    budget = budget_of(timeout, max_memory)
    process.limit(budget)
    try:
        if output in (None, STDOUT) and stdout_is_closed():
            raise OutputError(STDOUT_NAME, "standard output is closed; give -o FILE, or redirect it: > out.json")
        name, data = document_input(file, example="budgetx extract -")
        with OcrProgress(not quiet and stderr_is_terminal()) as progress:
            doc = extract_document(
                name,
                data=data,
                password=password,
                validate=not no_validate,
                budget=budget,
                ocr=mode,
                progress=progress,
                pages=selected,
            )
        lost = unreadable_pages(doc)
        if lost and not keep_going:
            raise CorruptDocument(
                doc.source.path,
                f"cannot read {lost}; the PDF is damaged — download it again, or pass --keep-going to extract the rest",
            )
        chosen = select_tables(doc.tables, tables or [])
        if tables and not chosen:
            no_table_matches(doc, tables)
        written = write(doc, chosen, exporter, output, raw=raw, sidecar=sidecar)
    except BudgetxError as error:
        fail(error, debug=debug)
    except typer.Exit:
        raise
    except BrokenPipeError:  # the reader of stdout went away (| head): stop quietly, as other tools do
        silence_stdout()
        raise typer.Exit(0) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except Exception as error:  # a bug: one line, the traceback with --debug
        if debug:
            raise
        fail_unexpected(file, error)
    if not quiet and stderr_is_terminal():
        print_summary(doc, chosen, written)
    if lost and not quiet:
        warn(f"{doc.source.path}: could not read {lost}; the tables there are missing from the output")


def unreadable_pages(doc: Document) -> str:
    """What of ``doc`` could not be read, in words ("page 3 (a damaged compressed stream, object 12)"), or ""."""
    return "; ".join(
        f"page {page} ({why})" if page is not None else f"part of the file's structure ({why})"
        for page, why in doc.source.unreadable
    )


def choose_format(fmt: str | None, output: str | None) -> Exporter:
    """The exporter ``--format`` names, or the one ``-o``'s extension implies (JSON without either)."""
    known = exporters()
    if fmt:
        if fmt.lower() not in known:
            usage_error(f"unknown --format {fmt!r}; choose one of {', '.join(known)}")
        return known[fmt.lower()]
    if output is None or output == STDOUT:
        return known["json"]
    if os.path.isdir(output) or output.endswith(("/", os.sep)):
        return known["csv"]
    by_ext = for_extension(output)
    if by_ext:
        return by_ext
    if Path(output).suffix == "":
        return known["csv"]  # a new directory: one CSV a table
    usage_error(
        f"cannot tell the format from {output!r}; end it with "
        + ", ".join(e for x in known.values() for e in x.extensions)
        + ", give a directory, or pass --format"
    )


def check_sidecar(exporter: Exporter, output: str | None) -> None:
    """``--sidecar`` needs CSV written to a file (a directory has its sidecars anyway)."""
    if exporter.format != "csv":
        usage_error(f"--sidecar describes a CSV table; it has nothing to add to --format {exporter.format}")
    if output in (None, STDOUT):
        usage_error("--sidecar needs a file to sit beside: give -o t2.csv (or -o DIR for one CSV a table)")


def write(
    doc: Document,
    tables: list[Table],
    exporter: Exporter,
    output: str | None,
    *,
    raw: bool = False,
    sidecar: bool = False,
) -> list[Path]:
    """Write ``tables`` of ``doc`` as ``exporter`` says; return the files written (none for stdout).

    ``raw``: CSV text that a spreadsheet would run as a formula is written as it is.
    ``sidecar``: one CSV table written to a file gets its CSVW sidecar beside it
    (:func:`budgetx.export.csv.sidecar`).
    """
    to_stdout = output in (None, STDOUT)
    if exporter.write_dir is not None and not to_stdout:
        target = Path(output)  # type: ignore[arg-type]
        if os.path.isdir(target) or not any(str(target).lower().endswith(e) for e in exporter.extensions):
            return exporter.write_dir(doc, tables, target, raw=raw)
    if exporter.binary and to_stdout and sys.stdout is not None and sys.stdout.isatty():
        raise OutputError(
            doc.source.path, f"{exporter.format} is a binary format; give -o FILE{exporter.extensions[0]}"
        )
    data = exporter.dumps(doc, tables, raw=raw)
    if to_stdout:
        _write_stdout(data)
        return []
    path = Path(output)  # type: ignore[arg-type]
    if os.path.isdir(path):
        raise OutputError(str(path), f"is a directory; give a file name ending in {exporter.extensions[0]}")
    files = [(path, data)]
    if sidecar:
        from budgetx.export.csv import sidecar as csv_sidecar

        files.append(csv_sidecar(doc, tables, path, raw=raw))
    for target, content in files:
        try:
            write_atomic(target, content)
        except OSError as exc:
            raise output_error(str(target), exc) from None
    return [target for target, _ in files]


def _write_stdout(data: bytes) -> None:
    """``data`` on stdout; a closed pipe goes up as it is, any other failure (a full disk) is an OutputError."""
    if stdout_is_closed():
        raise OutputError(STDOUT_NAME, "standard output is closed; give -o FILE, or redirect it: > out.json")
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()  # what stays buffered would fail again at exit
        raise output_error(STDOUT_NAME, exc) from None


EXAMPLES = f"""Examples, on the sample the repository ships:

\b
  budgetx extract {SAMPLE}.pdf                   # JSON on stdout
  budgetx extract {SAMPLE}.pdf -t 2 -f csv       # 表2 as CSV on stdout
  budgetx extract {SAMPLE}.txt -t 三公 -f csv    # the 三公 table as CSV
  budgetx extract {SAMPLE}.pdf -o tables/        # one CSV a table, each described beside it
  budgetx extract {SAMPLE}.pdf -t 2 -o t2.csv --sidecar   # 表2, and t2.csv-metadata.json
  budgetx extract {SAMPLE}.pdf -o doc.xlsx       # Excel: a sheet a table
  budgetx extract {SAMPLE}.pdf -f long           # one row per amount
  budgetx extract {SAMPLE}.pdf --pages 4-8       # only the tables on pages 4 to 8
  budgetx extract - -q < {SAMPLE}.txt            # from stdin, no summary
"""


def register(app: typer.Typer) -> None:
    app.command("extract", epilog=EXAMPLES)(extract_command)
