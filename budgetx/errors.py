"""The errors budgetx raises for bad input, each with its own exit code.

Every message names the file and says what the user can do about it.  The CLI
prints ``str(error)`` on one line and exits with ``error.exit_code``.  The
file is named as :func:`budgetx.filenames.printable` writes it: a name that is
not UTF-8 (GBK bytes from a Windows archive) has its undecodable bytes written
``\\xNN``, so a message can always be printed and stored.

:func:`input_error` and :func:`output_error` turn what the operating system
says (an :class:`OSError`) into one of these errors, with what to do about it.
"""

from __future__ import annotations

import errno

from budgetx.filenames import printable


class BudgetxError(Exception):
    """Base of every error budgetx reports to its user."""

    exit_code = 10

    def __init__(self, path: str, message: str) -> None:
        name = printable(path)
        super().__init__(f"{name}: {message}")
        self.path = name
        self.reason = message


class InputNotFound(BudgetxError):
    exit_code = 3


class InputIsDirectory(BudgetxError):
    exit_code = 4


class EmptyInput(BudgetxError):
    exit_code = 5


class UnsupportedFormat(BudgetxError):
    exit_code = 6


class UndecodableText(BudgetxError):
    exit_code = 7


class NoTablesFound(BudgetxError):
    exit_code = 8


class CorruptDocument(BudgetxError):
    exit_code = 9


class EncryptedDocument(BudgetxError):
    exit_code = 11


class NoTextLayer(BudgetxError):
    exit_code = 12


class OutputError(BudgetxError):
    exit_code = 13


class OverBudget(BudgetxError):
    """Reading the document went past its time or memory budget (:mod:`budgetx.budget`)."""

    exit_code = 14


class NoPageImage(BudgetxError):
    """The document has no page to draw on (a text file): ``budgetx show`` and crops need a PDF."""

    exit_code = 16


class InputUnreadable(BudgetxError):
    """The input is there but cannot be read: permissions, a symlink loop, a name too long, not a regular file."""

    exit_code = 15


#: what to say about an input the operating system refused, by errno
_INPUT: dict[int, tuple[type[BudgetxError], str]] = {
    errno.ENOENT: (InputNotFound, "no such file; check the path"),
    errno.ENOTDIR: (InputNotFound, "a part of the path is a file, not a folder; check the path"),
    errno.EISDIR: (InputIsDirectory, "this is a directory; give a file, or use 'budgetx batch' for a folder"),
    errno.EACCES: (InputUnreadable, "permission denied; check the file's permissions (ls -l) or run as its owner"),
    errno.EPERM: (InputUnreadable, "permission denied; check the file's permissions (ls -l) or run as its owner"),
    errno.ELOOP: (InputUnreadable, "the path is a loop of symbolic links; check where the links point (ls -l)"),
    errno.ENAMETOOLONG: (InputUnreadable, "the file name is too long; rename the file or move it to a shorter path"),
    errno.ENXIO: (InputUnreadable, "this is not a regular file (a socket or device); give a document file"),
}

#: what to say about an output the operating system refused, by errno
_OUTPUT: dict[int, str] = {
    errno.ENOSPC: "free some space or write elsewhere",
    errno.EDQUOT: "free some space or write elsewhere",
    errno.EACCES: "check the folder is writable, or write elsewhere",
    errno.EPERM: "check the folder is writable, or write elsewhere",
    errno.EROFS: "the file system is read-only; write elsewhere",
    errno.ENOTDIR: "a part of the path is a file, not a folder; check the path",
    errno.EEXIST: "a part of the path is a file, not a folder; check the path",
    errno.EISDIR: "it is a directory; give a file name",
    errno.ENAMETOOLONG: "the name is too long; give a shorter path",
    errno.ELOOP: "the path is a loop of symbolic links; check where the links point",
    errno.ENOENT: "check the folder exists",
}


def input_error(path: str, exc: OSError) -> BudgetxError:
    """The error to report when the operating system refuses to give ``path``'s bytes."""
    known = _INPUT.get(exc.errno or 0)
    if known is not None:
        cls, message = known
        return cls(path, message)
    return InputUnreadable(path, f"cannot be read ({exc.strerror or exc}); check the file and its disk")


def output_error(path: str, exc: OSError) -> OutputError:
    """The error to report when the operating system refuses to write ``path``."""
    advice = _OUTPUT.get(exc.errno or 0, "check the folder exists and is writable")
    return OutputError(path, f"cannot write the output ({exc.strerror or exc}); {advice}")


#: exit code → error class, for the README table and the CLI's help
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "validation found errors (budgetx validate), or a batch had failed documents",
    2: "wrong usage: unknown option, missing argument, - with nothing piped in (or stdin closed)",
    InputNotFound.exit_code: "the input file does not exist (or a part of its path is a file)",
    InputIsDirectory.exit_code: "the input is a directory (use budgetx batch)",
    EmptyInput.exit_code: "the input file is empty",
    UnsupportedFormat.exit_code: "the input is not a PDF or text document (binary or unknown extension)",
    UndecodableText.exit_code: "the text is in no encoding budgetx knows (UTF-8, GB18030)",
    NoTablesFound.exit_code: "the document holds no budget table",
    CorruptDocument.exit_code: "the PDF is damaged or truncated",
    BudgetxError.exit_code: "other input error",
    EncryptedDocument.exit_code: "the PDF is encrypted and no (right) --password was given",
    NoTextLayer.exit_code: "a scan with no text to read: `--ocr never` was given, or OCR found no text on its pages",
    OutputError.exit_code: "the output could not be written: a read-only folder, a full disk, a closed stdout …",
    OverBudget.exit_code: "reading the document went past its time or memory budget (--timeout, --max-memory)",
    InputUnreadable.exit_code: "the input cannot be read: permission denied, a symlink loop, a name too long, "
    "or not a regular file (a FIFO, socket or device)",
    NoPageImage.exit_code: "the input has no page image to draw on (budgetx show of a text file)",
    130: "interrupted (Ctrl-C or SIGTERM); a batch keeps every document it finished",
}


class BadPageSelection(BudgetxError):
    """``pages=`` (``--pages``) names no page of the document: past its last page, or pages a text has not."""

    exit_code = 2
