"""Make an unruled copy of a PDF: the same text at the same places, no ruling lines or filled boxes.

    python tools/unrule.py SRC.pdf DST.pdf
    python tools/unrule.py SRC.pdf DST.pdf --pages 3-4    # only those pages (1-based, inclusive)

Every page's content streams, and every Form XObject they draw, are rewritten without their
path operations: path construction (``m l c v y h re``), painting (``S s f F f* B B* b b* n``)
and clipping (``W W*``, which only ever applies to a path, so it goes with the path). Text,
text state, graphics state, colours, images and shadings are kept as they are, so a text layer
read from the copy is the text of the original, glyph for glyph, at the same positions; what is
gone is every rule and cell background a table printed. Fonts (Type 3 glyph procedures) and
annotations are left alone.

This is how budgetx's reader of tables without rules is measured: ``benchmarks/unruled.py``
extracts the corpus's documents and their unruled copies and compares the tables. It needs
pikepdf (``pip install -e '.[tools]'``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

#: operators that build, paint or clip a path
PATH_OPERATORS = frozenset(
    ["m", "l", "c", "v", "y", "h", "re", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", "W", "W*"]
)


def unrule(src: Path, dst: Path, pages: tuple[int, int] | None = None) -> int:
    """Write the unruled copy of ``src`` to ``dst``; the number of operators removed."""
    import pikepdf

    removed = 0
    with pikepdf.open(src) as pdf:
        if pages is not None:
            first, last = pages
            keep = list(range(first - 1, min(last, len(pdf.pages))))
            for k in reversed(range(len(pdf.pages))):
                if k not in keep:
                    del pdf.pages[k]
        seen: set[tuple[int, int]] = set()
        for page in pdf.pages:
            removed += _rewrite(pdf, page.obj, seen, is_page=True)
        pdf.remove_unreferenced_resources()
        pdf.save(dst, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return removed


def _rewrite(pdf: Any, obj: Any, seen: set[tuple[int, int]], *, is_page: bool) -> int:
    """Rewrite one page or Form XObject, then the forms its resources name."""
    import pikepdf

    if obj.is_indirect:
        key = obj.objgen
        if key in seen:
            return 0
        seen.add(key)
    removed = 0
    if is_page:
        page = pikepdf.Page(obj)
        instructions = pikepdf.parse_content_stream(page)
        kept = [ins for ins in instructions if not _is_path(ins)]
        removed += len(instructions) - len(kept)
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
    else:
        instructions = pikepdf.parse_content_stream(obj)
        kept = [ins for ins in instructions if not _is_path(ins)]
        removed += len(instructions) - len(kept)
        obj.write(pikepdf.unparse_content_stream(kept))
    resources = obj.get("/Resources")
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is not None:
        for name in list(xobjects.keys()):
            xo = xobjects[name]
            if isinstance(xo, pikepdf.Stream) and xo.get("/Subtype") == pikepdf.Name.Form:
                removed += _rewrite(pdf, xo, seen, is_page=False)
    return removed


def _is_path(instruction: Any) -> bool:
    op = getattr(instruction, "operator", None)
    return op is not None and str(op) in PATH_OPERATORS


def _pages(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--pages", type=_pages, help="only these pages, e.g. 3 or 3-4 (1-based)")
    args = parser.parse_args(argv)
    try:
        n = unrule(args.src, args.dst, args.pages)
    except Exception as exc:  # a tool: one line, not a traceback
        print(f"{args.src}: cannot make an unruled copy ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 1
    print(f"{args.dst}: {n} path operators removed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
