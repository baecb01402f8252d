"""The errors budgetx raises for bad input, each with its own exit code.

Every message names the file and says what the user can do about it.  The CLI
prints ``str(error)`` on one line and exits with ``error.exit_code``.
"""

from __future__ import annotations


class BudgetxError(Exception):
    """Base of every error budgetx reports to its user."""

    exit_code = 10

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
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


#: exit code → error class, for the README table and the CLI's help
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "validation found errors (budgetx validate), or a batch had failed documents",
    2: "wrong usage: unknown option, missing argument",
    InputNotFound.exit_code: "the input file does not exist",
    InputIsDirectory.exit_code: "the input is a directory (use budgetx batch)",
    EmptyInput.exit_code: "the input file is empty",
    UnsupportedFormat.exit_code: "the input is not a PDF or text document (binary or unknown extension)",
    UndecodableText.exit_code: "the text is in no encoding budgetx knows (UTF-8, GB18030)",
    NoTablesFound.exit_code: "the document holds no budget table",
    CorruptDocument.exit_code: "the PDF is damaged or truncated",
    BudgetxError.exit_code: "other input error",
    EncryptedDocument.exit_code: "the PDF is encrypted and no (right) --password was given",
    NoTextLayer.exit_code: "the PDF has no text layer (a scan); OCR it first",
    OutputError.exit_code: "the output could not be written",
    OverBudget.exit_code: "reading the document went past its time or memory budget (--timeout, --max-memory)",
    130: "interrupted (Ctrl-C or SIGTERM); a batch keeps every document it finished",
}
