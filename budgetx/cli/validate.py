"""``budgetx validate FILE...``: check every figure a document lets us check, and say where it disagrees.

Prints a report per file (findings grouped by severity, with table, page or
line, row, column, expected, actual and difference) and exits 0 when no error
was found, 1 otherwise (``--strict``: warnings count too).  A file that cannot
be read is reported on one line and the others are still checked.  The exit
code is the worst status: the report could not be written (13) > a file could
not be read (the first such file's code, 3–15) > errors found (1) > success (0).
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

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
    print_error,
    silence_stdout,
    stderr_is_terminal,
    stdout_is_closed,
    warn,
)
from budgetx.cli.inputs import STDIN, document_input
from budgetx.cli.ocr_progress import OcrProgress
from budgetx.cli.options import (
    SAMPLE,
    Debug,
    MaxMemory,
    Ocr,
    Pages,
    Password,
    Quiet,
    Timeout,
    budget_of,
    ocr_mode,
    pages_of,
)
from budgetx.errors import BudgetxError, OutputError, output_error
from budgetx.export.atomic import write_atomic
from budgetx.export.json import dumps_obj, finding_dict
from budgetx.extract import extract as extract_document
from budgetx.extract import read_narrative
from budgetx.filenames import printable
from budgetx.model import Document, Finding
from budgetx.validate import DEFAULT_TOLERANCE, SEVERITY_ORDER, with_narrative
from budgetx.validate import run as run_validation

if TYPE_CHECKING:
    from budgetx.checking import Checked
    from budgetx.pages import PageSelection
    from budgetx.readers.ocr.settings import OcrMode, Progress
    from budgetx.render.report import Checked as Reported

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
    pages: Pages = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, metavar="N", help="Check N files at a time, each in its own process (default 1)."
        ),
    ] = 1,
    password: Password = None,
    timeout: Timeout = int(_BUDGET.seconds or 0),
    max_memory: MaxMemory = _BUDGET.memory_mb or 0,
    ocr: Ocr = "auto",
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Check a document's figures: sums, totals, tables against each other, the text against the tables."""
    selected = pages_of(pages)
    budget = budget_of(timeout, max_memory)
    process.limit(budget)
    mode = ocr_mode(ocr)
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
    failed = False
    input_error: int | None = None
    rows: list[tuple[str, dict[str, int] | None, str]] = []
    reported: list[Reported] = []
    checks = _Checks(files, password, budget, tol, text_doc, selected, debug, mode)
    # the bar of the pages read by OCR, for one file (several have the bar of the files)
    checks.ocr_bar = not quiet and stderr_is_terminal() and len(files) == 1
    with _progress(len(files), show=not quiet and stderr_is_terminal() and len(files) > 1) as advance:
        outcomes = checks.in_parallel(jobs, advance) if checks.parallel(jobs) else checks.one_by_one(advance)
        for file, outcome in zip(files, outcomes, strict=True):
            if outcome.doc is None:
                error = _error_of(outcome)
                if len(files) == 1:
                    fail(error)
                print_error(error)
                input_error = input_error or error.exit_code
                results.append({"path": outcome.path, "error": _json_error(outcome), "exit_code": error.exit_code})
                rows.append((outcome.path, None, f"unreadable (exit {error.exit_code})"))
                if report is not None:
                    reported.append(_reported_error(outcome.path, outcome.error or ""))
                continue
            doc = outcome.doc
            findings = doc.findings
            counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}
            bad = counts["error"] > 0 or (strict and counts["warning"] > 0)
            failed = failed or bad
            shown = [f for f in findings if SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[severity]]
            results.append(_result(doc, shown, counts, text_doc))
            rows.append((doc.source.path, counts, "FAILED" if bad else "OK"))
            if report is not None:
                reported.append(_reported(doc, checks.piped.get(file, file), password, debug))
            if fmt == "text" and not quiet:
                with writing:
                    _report(out, doc, shown, counts)
    if fmt == "text" and not quiet and len(files) > 1:
        with writing:
            _summary_table(out, rows)
    if report is not None:
        _write_report(report, reported, debug)
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


def _read(
    file: str,
    password: str | None,
    budget: Budget,
    pages: PageSelection | None = None,
    ocr: OcrMode | None = None,
    progress: Progress | None = None,
) -> tuple[Document, bytes | None]:
    """The document ``file`` names, and its bytes when they were piped in (``-``)."""
    name, data = document_input(file, example="budgetx validate -")
    doc = extract_document(
        name, data=data, password=password, validate=False, budget=budget, pages=pages, ocr=ocr, progress=progress
    )
    return doc, data


def _reported(doc: Document, source: str | bytes, password: str | None, debug: bool) -> Reported:
    """``doc``'s findings for the HTML report, with crops of its pages (read from ``source``, its path
    or the bytes piped in) where it is a PDF."""
    from budgetx.render.report import Checked as Reported
    from budgetx.render.report import crops

    result = Reported(doc.source.path, doc, findings=list(doc.findings))
    if doc.source.format not in ("pdf", "image") or not any(f.cells for f in doc.findings):
        return result
    try:
        from budgetx.render.page import page_images

        with page_images(doc, source, password=password) as pdf:
            result.crops = crops(doc, result.findings, pdf)
    except Exception as error:  # no crop is no reason to lose the report; the cause with --debug
        if debug:
            raise
        warn(f"{doc.source.path}: no page crops in the report ({type(error).__name__}: {error})")
    return result


def _reported_error(path: str, reason: str) -> Reported:
    from budgetx.render.report import Checked as Reported

    return Reported(path, error=reason)


def _write_report(path: str, reported: list[Reported], debug: bool) -> None:
    from budgetx.render.report import report_page

    try:
        write_atomic(Path(path), report_page(reported).encode("utf-8"))
    except OSError as exc:
        fail(output_error(path, exc), debug=debug)


class _Checks:
    """Reading and checking the files, one by one in this process or ``-j N`` at a time in worker processes."""

    def __init__(
        self,
        files: list[str],
        password: str | None,
        budget: Budget,
        tolerance: Decimal,
        narrative: Document | None,
        pages: PageSelection | None,
        debug: bool,
        ocr: OcrMode = "auto",
    ) -> None:
        self.files, self.password, self.budget, self.tolerance = files, password, budget, tolerance
        self.narrative, self.pages, self.debug, self.ocr = narrative, pages, debug, ocr
        #: show the progress of the pages read by OCR (one file at a time, on a terminal)
        self.ocr_bar = False
        #: the bytes of a file piped in (``-``), kept for the report's page crops
        self.piped: dict[str, bytes] = {}

    def parallel(self, jobs: int) -> bool:
        """Worth worker processes: several files, none of them stdin, no --narrative, no --debug."""
        return (
            jobs > 1 and len(self.files) > 1 and STDIN not in self.files and self.narrative is None and not self.debug
        )

    def one_by_one(self, advance: Any) -> Iterator[Checked]:
        from budgetx.checking import Checked

        for file in self.files:
            try:
                with OcrProgress(self.ocr_bar) as progress:
                    doc, data = _read(file, self.password, self.budget, self.pages, self.ocr, progress)
                if data is not None:
                    self.piped[file] = data
                if self.narrative is not None:
                    doc = with_narrative(doc, self.narrative)
                with watch(doc.source.path, self.budget):
                    findings = run_validation(doc, tolerance=self.tolerance)
                doc.findings = sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
                outcome = Checked(doc.source.path, doc=doc)
            except BudgetxError as error:
                if self.debug:
                    raise
                outcome = Checked(error.path, error=error.reason, exit_code=error.exit_code)
            except typer.Exit:
                raise
            except Exception as error:  # a bug: one line, the other files still checked; the traceback with --debug
                if self.debug:
                    raise
                outcome = Checked(printable(file), error=_what(error), exit_code=UNEXPECTED_EXIT, unexpected=True)
            advance(outcome.path)
            yield outcome

    def in_parallel(self, jobs: int, advance: Any) -> Iterator[Checked]:
        from budgetx.checking import CheckJob, check_files

        work = [
            CheckJob(i, f, self.tolerance, password=self.password, budget=self.budget, pages=self.pages, ocr=self.ocr)
            for i, f in enumerate(self.files)
        ]
        yield from check_files(work, min(jobs, len(work)), done=lambda c: advance(c.path), budget=self.budget)


def _what(error: Exception) -> str:
    return f"{type(error).__name__}: {error}".splitlines()[0]


def _error_of(outcome: Checked) -> BudgetxError:
    """The one line (and exit code) that says why ``outcome``'s file could not be checked."""
    if outcome.unexpected:
        error = BudgetxError(outcome.path, f"unexpected error ({outcome.error}); rerun with --debug and report it")
    else:
        error = BudgetxError(outcome.path, outcome.error or "")
    error.exit_code = outcome.exit_code
    return error


def _json_error(outcome: Checked) -> str:
    if outcome.unexpected:
        return f"unexpected error: {(outcome.error or '').split(': ', 1)[-1]}"
    return outcome.error or ""


@contextlib.contextmanager
def _progress(total: int, *, show: bool) -> Iterator[Any]:
    """A progress bar on stderr over ``total`` files (when ``show``); yields ``advance(path)``."""
    if not show:
        yield lambda path: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from budgetx.cli.console import err_console

    bar = Progress(
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[path]}", style="dim"),
        console=err_console,
        transient=True,
    )
    with bar:
        task = bar.add_task("validate", total=total, path="")
        yield lambda path: bar.update(task, advance=1, path=path)


def _summary_table(out: Console, rows: list[tuple[str, dict[str, int] | None, str]]) -> None:
    """One line per file (errors, warnings, infos, status), then the totals: the end of a report on several files."""
    grid = RichTable(title="summary", title_justify="left", show_edge=False, pad_edge=False, expand=False)
    for name, justify in (("file", "left"), ("errors", "right"), ("warnings", "right"), ("infos", "right")):
        grid.add_column(name, justify=justify)  # type: ignore[arg-type]
    grid.add_column("status")
    totals = dict.fromkeys(SEVERITY_ORDER, 0)
    for i, (path, counts, status) in enumerate(rows):
        cells = ["", "", ""] if counts is None else [str(counts[s]) for s in ("error", "warning", "info")]
        for s in totals:
            totals[s] += (counts or {}).get(s, 0)
        grid.add_row(escape(path), *cells, status, end_section=i == len(rows) - 1)
    passed = sum(1 for _, _, status in rows if status == "OK")
    grid.add_row(f"{len(rows)} files", *(str(totals[s]) for s in ("error", "warning", "info")), f"{passed} OK")
    out.print(grid)


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


EXAMPLES = f"""Examples, on the sample the repository ships:

\b
  budgetx validate {SAMPLE}.pdf                          # a report; exit 1 on an error
  budgetx validate {SAMPLE}.pdf {SAMPLE}.txt -j 2        # two files at a time, then a summary table
  budgetx validate {SAMPLE}.txt --severity warning       # list only errors and warnings
  budgetx validate {SAMPLE}.pdf --pages 4-8 -f json      # the tables of pages 4 to 8, as JSON
  budgetx validate {SAMPLE}.txt --strict -q              # only the exit code; warnings fail too
"""


def register(app: typer.Typer) -> None:
    app.command("validate", epilog=EXAMPLES)(validate_command)


__all__ = ["register", "validate_command"]
