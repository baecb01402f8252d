"""The text reader: a budget document as text, in one of three shapes.

* tab-separated rows (one table row a line, merged header cells left empty);
* space-aligned columns as ``pdftotext -layout`` prints them;
* Markdown pipe tables.

The encoding (UTF-8, UTF-8 with BOM, GB18030/GBK) is detected.
"""

from __future__ import annotations

from budgetx.errors import UnsupportedFormat
from budgetx.model import Line
from budgetx.readers import Reader, ReadResult, register
from budgetx.readers.text import layout, markdown
from budgetx.readers.text.decode import decode, looks_binary

EXTENSIONS = (".txt", ".text", ".tsv", ".md", ".markdown", "")


def read(data: bytes, path: str, *, password: str | None = None) -> ReadResult:
    if looks_binary(data):
        raise UnsupportedFormat(
            path, "this is a binary file, not a PDF or a text document; give budgetx the published PDF or its text"
        )
    text = decode(data, path)
    return ReadResult(format="text", lines=parse_lines(text.splitlines()))


def parse_lines(raw: list[str]) -> list[Line]:
    """Turn the text's lines into text items and grid rows."""
    out: list[Line] = []
    i = 0
    n = len(raw)
    while i < n:
        line = raw[i]
        if "\t" in line:
            out.append(Line(page=None, lineno=i + 1, cells=line.split("\t")))
            i += 1
        elif markdown.is_pipe_row(line):
            j = i
            while j < n and markdown.is_pipe_row(raw[j]):
                j += 1
            out.extend(markdown.parse_block(raw[i:j], first_lineno=i + 1))
            i = j
        elif layout.is_layout_row(line):
            j = i
            while j < n and (layout.is_layout_row(raw[j]) or layout.continues_block(raw, j)):
                j += 1
            out.extend(layout.parse_block(raw[i:j], first_lineno=i + 1))
            i = j
        else:
            if line.strip():
                out.append(Line(page=None, lineno=i + 1, text=line.strip()))
            i += 1
    return out


def _sniff(data: bytes) -> bool:
    return False  # text is recognised by extension or as the fallback in reader_for


register(Reader(format="text", extensions=EXTENSIONS, sniff=_sniff, read=read))
