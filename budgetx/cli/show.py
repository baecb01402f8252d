"""``budgetx show FILE -o out.png|out.html``: draw what was read over the page images.

Each table's box, header rows, rows and columns (coloured by type: code, name,
amount, text) and the cells of each finding are drawn over the PDF's pages
(:mod:`budgetx.render`).  ``-o x.png`` writes one PNG a page: ``x.png`` for
one page, ``x-p3.png``, ``x-p4.png`` … for several; ``-o x.html`` one
self-contained page with them all.  A text document has no page to draw on
(exit 16).  Files are written atomically, and only once every page is drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from budgetx.budget import DEFAULT as _BUDGET
from budgetx.cli import process
from budgetx.cli.console import fail, fail_unexpected, usage_error
from budgetx.cli.inputs import document_input, no_table_matches
from budgetx.cli.options import SAMPLE, Debug, MaxMemory, Ocr, Password, Quiet, Tables, Timeout, budget_of, ocr_mode
from budgetx.errors import BudgetxError, output_error
from budgetx.export.atomic import write_atomic
from budgetx.extract import extract as extract_document
from budgetx.model import Document, Table
from budgetx.select import select_tables

_KINDS = (".png", ".html", ".htm")


def show_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The document: a PDF, or - for stdin.")],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="out.png (one PNG a page: out-p3.png … when several) or out.html (every page in one file).",
        ),
    ],
    pages: Annotated[
        Optional[list[int]],
        typer.Option(
            "--page", "-p", metavar="N", min=1, help="Draw this page (repeatable); default: the tables' pages."
        ),
    ] = None,
    tables: Tables = None,
    dpi: Annotated[int, typer.Option("--dpi", min=36, max=400, help="Resolution of the page images.")] = 100,
    password: Password = None,
    ocr: Ocr = "auto",
    timeout: Timeout = int(_BUDGET.seconds or 0),
    max_memory: MaxMemory = _BUDGET.memory_mb or 0,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Draw what was read over the pages: tables, header rows, rows, columns by type, and findings."""
    suffix = Path(output).suffix.lower()
    if suffix not in _KINDS:
        usage_error(f"cannot tell what to write from {output!r}; end -o with .png or .html")
    budget = budget_of(timeout, max_memory)
    process.limit(budget)
    try:
        from budgetx.render.page import check_drawable

        name, data = document_input(file, example="budgetx show - -o out.html")
        doc = extract_document(name, data=data, password=password, budget=budget, ocr=ocr_mode(ocr))
        check_drawable(doc)
        chosen = select_tables(doc.tables, tables or [])
        if tables and not chosen:
            no_table_matches(doc, tables)
        written = _draw(doc, chosen, pages or [], data if data is not None else name, password, dpi, Path(output))
    except BudgetxError as error:
        fail(error, debug=debug)
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except Exception as error:  # a bug: one line, the traceback with --debug
        if debug:
            raise
        fail_unexpected(file, error)
    if not quiet:
        typer.echo(f"wrote {', '.join(str(p) for p in written)}", err=True)


def _draw(
    doc: Document,
    chosen: list[Table],
    pages: list[int],
    source: str | bytes,
    password: str | None,
    dpi: int,
    output: Path,
) -> list[Path]:
    """Draw ``chosen`` over ``pages`` (default: theirs) and write them to ``output``; the files written."""
    from budgetx.render.html import show_page
    from budgetx.render.page import page_images
    from budgetx.render.show import draw_pages, png

    with page_images(doc, source, password=password, dpi=dpi) as pdf:
        drawn = draw_pages(doc, pdf, chosen, pages)
        count = len(pdf)
    if not drawn:
        asked = ", ".join(str(p) for p in pages)
        usage_error(f"{doc.source.path}: no page {asked} to draw; the document has {count} pages")
    if output.suffix.lower() in (".html", ".htm"):
        files = {output: show_page(doc, drawn).encode("utf-8")}
    elif len(drawn) == 1:
        files = {output: png(drawn[0].image)}
    else:
        files = {output.with_name(f"{output.stem}-p{d.number}{output.suffix}"): png(d.image) for d in drawn}
    for path, data in files.items():
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise output_error(str(path), exc) from None
    return list(files)


EXAMPLES = f"""Examples, on the sample the repository ships:

\b
  budgetx show {SAMPLE}.pdf -t 2 -o t2.png       # 表2 over its pages: t2-p5.png …
  budgetx show {SAMPLE}.pdf --page 4 -o p4.png   # everything read on page 4
  budgetx show {SAMPLE}.pdf -o doc.html          # every table's pages in one HTML page
"""


def register(app: typer.Typer) -> None:
    app.command("show", epilog=EXAMPLES)(show_command)
