"""``budgetx validate FILE...``: check every figure a document lets us check, and say where it disagrees.

Prints a report per file (findings grouped by severity, with table, page or
line, row, column, expected, actual and difference) and exits 0 when no error
was found, 1 otherwise (``--strict``: warnings count too).  A file that cannot
be read is reported on one line and the others are still checked.  The exit
code is the worst status: the report could not be written (13) > a file could
not be read (the first such file's code, 3–15) > errors found (1) > success (0).
"""

from __future__ import annotations

import re
import sys
from contextlib import AbstractContextManager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from budgetx.budget import DEFAULT as _BUDGET
from budgetx.budget import Budget, watch
from budgetx.cli import process
from budgetx.cli.console import (
    STDOUT_NAME,
    UNEXPECTED_EXIT,
    fail,
    fail_unexpected,
    print_error,
    print_unexpected,
    silence_stdout,
    stdout_is_closed,
    warn,
)
from budgetx.cli.inputs import STDIN, document_input
from budgetx.cli.options import Debug, MaxMemory, Password, Quiet, Timeout, budget_of
from budgetx.errors import BudgetxError, OutputError, output_error
from budgetx.export.atomic import write_atomic
from budgetx.export.json import dumps_obj, finding_dict
from budgetx.extract import extract as extract_document
from budgetx.extract import read_narrative
from budgetx.filenames import printable
from budgetx.model import Document, Finding
from budgetx.render.report import Checked
from budgetx.validate import DEFAULT_TOLERANCE, SEVERITY_ORDER, with_narrative
from budgetx.validate import run as run_validation

FORMATS = ("text", "json")

_TITLES = {"error": ("errors", "bold red"), "warning": ("warnings", "yellow"), "info": ("info", "cyan")}


def _tolerance(value: str) -> Decimal:
    try:
        t = Decimal(value)
    except InvalidOperation:
        raise typer.BadParameter(f"{value!r} is not a number; give an amount such as 0.01") from None
    if not t.is_finite() or t < 0:
        raise typer.BadParameter(f"{value!r}: give a non-negative amount such as 0.01")
    return t


def validate_command(
    files: Annotated[list[str], typer.Argument(help="Documents to check: PDFs or text files, or - for stdin.")],
    strict: Annotated[bool, typer.Option("--strict", help="Warnings count as failures too (exit 1).")] = False,
    severity: Annotated[
        str,
        typer.Option(
            "--severity",
            metavar="LEVEL",
            help="List only findings of this severity or worse: error, warning or info (all, the default). "
            "The counts and the exit code still see every finding.",
        ),
    ] = "info",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text (a report, the default) or json.")] = "text",
    tolerance: Annotated[
        str,
        typer.Option(
            "--tolerance",
            help="The largest difference rounding explains (a warning, not an error), in the table's unit.",
        ),
    ] = str(DEFAULT_TOLERANCE),
    narrative: Annotated[
        Optional[str],
        typer.Option(
            "--narrative",
            help="The 情况说明 published as a separate file (Jiangsu), or - for stdin: check its figures against FILE's tables.",
        ),
    ] = None,
    report: Annotated[
        Optional[str],
        typer.Option(
            "--report",
            metavar="PATH",
            help="Also write an HTML report here: a summary, then every finding with a crop of its page "
            "(findings of warning or worse in a PDF) and its cells framed. Self-contained, offline.",
        ),
    ] = None,
    password: Password = None,
    timeout: Timeout = int(_BUDGET.seconds or 0),
    max_memory: MaxMemory = _BUDGET.memory_mb or 0,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Check a document's figures: sums, totals, tables against each other, the text against the tables."""
    budget = budget_of(timeout, max_memory)
    process.limit(budget)
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param_hint="--format")
    tol = _tolerance(tolerance)
    if severity not in SEVERITY_ORDER:
        raise typer.BadParameter(
            f"unknown severity {severity!r}; choose one of {', '.join(SEVERITY_ORDER)}", param_hint="--severity"
        )
    if stdout_is_closed() and (fmt == "json" or not quiet):
        fail(
            OutputError(
                STDOUT_NAME, "standard output is closed; redirect it (> report.txt), or pass -q for the exit code"
            ),
            debug=debug,
        )
    text_doc = None if narrative is None else _read_narrative(narrative, files, password, budget, debug)
    # a report piped to a file or a pager keeps one finding a line
    out = Console(highlight=False, width=None if sys.stdout is not None and sys.stdout.isatty() else 200)
    writing = _Stdout(debug)
    results: list[dict[str, Any]] = []
    checked: list[Checked] = []
    failed = False
    input_error: int | None = None
    for file in files:
        try:
            doc, data = _read(file, password, budget)
            if text_doc is not None:
                doc = with_narrative(doc, text_doc)
            with watch(doc.source.path, budget):
                findings = sorted(run_validation(doc, tolerance=tol), key=lambda f: SEVERITY_ORDER[f.severity])
        except BudgetxError as error:
            if debug or len(files) == 1:
                fail(error, debug=debug)
            print_error(error)
            input_error = input_error or error.exit_code
            results.append({"path": error.path, "error": error.reason, "exit_code": error.exit_code})
            checked.append(Checked(error.path, error=error.reason))
            continue
        except typer.Exit:
            raise
        except Exception as error:  # a bug: one line, the other files still checked; the traceback with --debug
            if debug:
                raise
            if len(files) == 1:
                fail_unexpected(file, error)
            print_unexpected(file, error)
            input_error = input_error or UNEXPECTED_EXIT
            results.append(
                {"path": printable(file), "error": f"unexpected error: {error}", "exit_code": UNEXPECTED_EXIT}
            )
            checked.append(Checked(printable(file), error=f"unexpected error: {error}"))
            continue
        doc.findings = findings
        counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}
        failed = failed or counts["error"] > 0 or (strict and counts["warning"] > 0)
        shown = [f for f in findings if SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[severity]]
        results.append(_result(doc, shown, counts, text_doc))
        if report is not None:
            checked.append(_checked(doc, data if data is not None else file, password, debug))
        if fmt == "text" and not quiet:
            with writing:
                _report(out, doc, shown, counts)
    if report is not None:
        _write_report(report, checked, debug)
    if fmt == "json":
        with writing:
            sys.stdout.write(dumps_obj(results) + "\n")
            sys.stdout.flush()
    if input_error is not None:
        raise typer.Exit(input_error)
    raise typer.Exit(1 if failed else 0)


class _Stdout(AbstractContextManager[None]):
    """Writing the report: a reader that went away (``| head``) silences the rest, a full disk ends the command."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, tb: object) -> bool:
        if isinstance(error, BrokenPipeError):
            silence_stdout()  # the checks go on; the exit code still says how they went
            return True
        if isinstance(error, OSError):
            silence_stdout()
            fail(output_error(STDOUT_NAME, error), debug=self.debug)
        return False


def _checked(doc: Document, source: str | bytes, password: str | None, debug: bool) -> Checked:
    """``doc``'s findings for the HTML report, with crops of its pages (read from ``source``, its path
    or the bytes piped in) where it is a PDF."""
    from budgetx.render.page import PageImages
    from budgetx.render.report import crops

    result = Checked(doc.source.path, doc, findings=list(doc.findings))
    if doc.source.format != "pdf" or not any(f.cells for f in doc.findings):
        return result
    try:
        with PageImages(source, password=password) as pdf:
            result.crops = crops(doc, result.findings, pdf)
    except Exception as error:  # no crop is no reason to lose the report; the cause with --debug
        if debug:
            raise
        warn(f"{doc.source.path}: no page crops in the report ({type(error).__name__}: {error})")
    return result


def _write_report(path: str, checked: list[Checked], debug: bool) -> None:
    from budgetx.render.report import report_page

    try:
        write_atomic(Path(path), report_page(checked).encode("utf-8"))
    except OSError as exc:
        fail(output_error(path, exc), debug=debug)


def _read(file: str, password: str | None, budget: Budget) -> tuple[Document, bytes | None]:
    """The document ``file`` names, and its bytes when they were piped in (``-``)."""
    name, data = document_input(file, example="budgetx validate -")
    return extract_document(name, data=data, password=password, validate=False, budget=budget), data


def _read_narrative(file: str, files: list[str], password: str | None, budget: Budget, debug: bool) -> Document:
    """The narrative published apart from FILE's tables (``--narrative``); a file that cannot be read ends the command."""
    if len(files) != 1:
        raise typer.BadParameter("--narrative goes with exactly one FILE (its tables)", param_hint="--narrative")
    if file == STDIN and files == [STDIN]:
        raise typer.BadParameter("FILE and --narrative cannot both be - (stdin)", param_hint="--narrative")
    try:
        name, data = document_input(file, what="--narrative", example="budgetx validate FILE --narrative -")
        return read_narrative(name, data=data, password=password, budget=budget)
    except BudgetxError as error:
        fail(error, debug=debug)


def _result(
    doc: Document, findings: list[Finding], counts: dict[str, int], narrative: Document | None = None
) -> dict[str, Any]:
    out = {
        "path": doc.source.path,
        "document": {
            "title": doc.info.title,
            "department": doc.info.department,
            "year": doc.info.year,
            "stage": doc.info.stage,
        },
        "summary": counts,
        "findings": [finding_dict(f) for f in findings],
    }
    if narrative is not None:
        out["narrative"] = narrative.source.path
    return out


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _where(f: Finding) -> str:
    if f.page is not None:
        return f"p.{f.page}"
    if f.line is not None:
        return f"l.{f.line}"
    return ""


def _amount(x: Decimal | None) -> str:
    return "" if x is None else format(x, "f")


def _report(out: Console, doc: Document, findings: list[Finding], counts: dict[str, int]) -> None:
    info = doc.info
    head = " · ".join(str(x) for x in (info.department, info.year, info.stage) if x)
    verdict = "[green]OK[/]" if not counts["error"] else "[bold red]FAILED[/]"
    out.print(
        f"[bold]{escape(doc.source.path)}[/]" + (f"  {escape(head)}" if head else ""),
        markup=True,
    )
    out.print(
        f"{verdict}  {_n(counts['error'], 'error')}, {_n(counts['warning'], 'warning')}, {counts['info']} info",
        markup=True,
    )
    for severity, (title, style) in _TITLES.items():
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        grid = RichTable(
            title=f"{title} ({len(group)})",
            title_justify="left",
            title_style=style,
            show_edge=False,
            pad_edge=False,
            expand=False,
        )
        for name, justify in (
            ("rule", "left"),
            ("table", "left"),
            ("where", "left"),
            ("row", "left"),
            ("column", "left"),
            ("expected", "right"),
            ("actual", "right"),
            ("diff", "right"),
        ):
            grid.add_column(name, justify=justify)  # type: ignore[arg-type]
        for f in group:
            table = ""
            if f.table is not None:
                table = _table_label(doc, f.table)
            grid.add_row(
                f.rule,
                table,
                _where(f),
                " ".join(x for x in (f.code, f.row_name) if x),
                f.column or "",
                _amount(f.expected),
                _amount(f.actual),
                _amount(f.difference),
            )
        out.print(grid)
        for f in group:
            # an info's row says it all (a shortened name), unless it has no row (a wording slip of the text)
            if severity != "info" or not (f.code or f.row_name):
                out.print(f"  • {f.message}", markup=False)
    out.print()


def _table_label(doc: Document, index: int) -> str:
    for t in doc.tables:
        if t.index == index:
            return t.number or _short(t.title) or f"#{t.index}"
    return f"#{index}"


def _short(title: str | None) -> str:
    """A table title without the department and year that open it ("收入决算表")."""
    if not title:
        return ""
    t = re.sub(r"^.*?\d{4}\s*年度?(?:部门|单位|预算单位)?", "", title) or title
    return t if len(t) <= 24 else t[:23] + "…"


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)


__all__ = ["register", "validate_command"]
