"""How much of an input budgetx reads, so that time and memory stay in proportion to a document.

A published budget document is a few megabytes of PDF or a few hundred
kilobytes of text; its longest printed line holds a few hundred characters and
its widest table a few dozen columns.  Input far beyond that is no document
(a binary file, a device such as ``/dev/zero``, a pipe that never ends, a
line of a million characters) and is refused or passed over, never allowed to
exhaust the machine:

* :func:`read_file` and :func:`read_stream` read the bytes of a document.
  Binary data given as text is refused after its first block, before the rest
  is read (``/dev/zero`` never ends); text longer than :data:`MAX_TEXT_BYTES`,
  and anything longer read from a pipe or device, is refused at that size;
* the text reader passes over a line longer than :data:`MAX_LINE` characters
  (validation names it: ``document.unread_line``) and reads a line of more than
  :data:`MAX_CELLS` cells as text, not as a table row.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from budgetx.errors import OverBudget
from budgetx.readers import reader_for

#: the longest line read, in characters: the widest table row or the longest
#: paragraph of a budget document is well under a tenth of it
MAX_LINE = 100_000
#: the most cells a line may hold to be a table row (the widest tables print some 30 columns)
MAX_CELLS = 200
#: the most bytes of text read, and of anything read from a pipe or a device
MAX_TEXT_BYTES = 128 * 1024 * 1024
#: how much is read at a time
_BLOCK = 1024 * 1024


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the document at ``path``, within the limits above.

    A regular PDF file is read whole; a file that is no regular file (a FIFO,
    a device) is read like a stream.  Raises :class:`OSError` as
    :func:`open` does, :class:`~budgetx.errors.UnsupportedFormat` for binary
    data that is no PDF, :class:`~budgetx.errors.OverBudget` past the limit.
    """
    name = os.fspath(path)
    with Path(name).open("rb") as f:
        regular = stat.S_ISREG(os.fstat(f.fileno()).st_mode)
        return read_stream(f, name, regular=regular)


def read_stream(stream: BinaryIO, name: str, *, regular: bool = False) -> bytes:
    """The bytes of ``stream`` (stdin, a pipe, an open file), read block by block.

    After the first block, binary data that no reader takes is refused at
    once; text (and anything not ``regular``, a PDF from a pipe included) is
    refused once it grows past :data:`MAX_TEXT_BYTES`.
    """
    blocks: list[bytes] = []
    size = 0
    capped = True
    while True:
        block = stream.read(_BLOCK)
        if not block:
            break
        if not blocks:
            capped = _check_head(block, name) or not regular
        blocks.append(block)
        size += len(block)
        if capped and size > MAX_TEXT_BYTES:
            raise _too_large(name, regular)
    return b"".join(blocks)


def _check_head(head: bytes, name: str) -> bool:
    """Whether the input, opening with ``head``, is text to be read within the limit.

    Raises for binary data that would go to the text reader, as that reader would.
    """
    if reader_for(name, head).format != "text":
        return False
    # imported here, for text alone: the text reader (which imports this module's limits) and
    # the modules it loads are no part of reading a PDF
    from budgetx.readers.text.decode import binary_error, looks_binary

    if looks_binary(head):
        raise binary_error(name)
    return True


def _too_large(name: str, regular: bool) -> OverBudget:
    mib = MAX_TEXT_BYTES // (1024 * 1024)
    if regular:
        return OverBudget(
            name, f"the text is larger than {mib} MiB, far more than a budget document; give the document itself"
        )
    return OverBudget(
        name, f"more than {mib} MiB came in without an end (is it a device or an endless pipe?); give a document's file"
    )
