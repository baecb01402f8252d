"""A command's document: a path, or ``-`` for the bytes piped in on stdin.

Every command argument that takes a document (``extract FILE``, ``validate
FILE...`` and its ``--narrative``) goes through :func:`document_input`, which
turns it into what the library reads: a path it opens itself, or the bytes of
stdin, read whole, under the name ``<stdin>`` (the name its findings and
errors report).  Stdin left on a terminal (nothing piped in), or closed
(``<&-``), is a usage error, not a silent wait for input nor a crash; stdin
the system cannot read (``< folder``) is an input error naming ``<stdin>``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

from budgetx.cli.console import usage_error
from budgetx.errors import input_error
from budgetx.readers.limits import read_stream

if TYPE_CHECKING:
    from budgetx.model import Document

#: the argument that names stdin
STDIN = "-"
#: the name a document read from stdin goes by
STDIN_NAME = "<stdin>"


def document_input(arg: str, *, what: str = "FILE", example: str) -> tuple[str, bytes | None]:
    """``(name, data)`` for :func:`budgetx.extract`: ``data`` is ``None`` for a path, the piped bytes for ``-``.

    ``what`` names the argument and ``example`` is a command line that pipes
    a document to it, both for the message when nothing is piped in.
    """
    if arg != STDIN:
        return arg, None
    if sys.stdin is None:
        usage_error(f"{what} is - but stdin is closed; give a file, or pipe the text: cat doc.txt | {example}")
    if sys.stdin.isatty():
        usage_error(f"{what} is - but nothing is piped in; give a file, or pipe the text: cat doc.txt | {example}")
    try:
        return STDIN_NAME, read_stream(sys.stdin.buffer, STDIN_NAME)
    except OSError as exc:
        raise input_error(STDIN_NAME, exc) from None


def no_table_matches(doc: Document, selectors: list[str]) -> NoReturn:
    """``--table`` chose nothing: one line naming the document's tables, and the usage exit code."""
    from budgetx.export.naming import label

    labels = ", ".join(t.number or label(doc, t) for t in doc.tables[:12])
    more = " …" if len(doc.tables) > 12 else ""
    usage_error(f"{doc.source.path}: no table matches --table {' '.join(selectors)}; it has {labels}{more}")
