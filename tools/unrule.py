"""Make an unruled copy of a PDF: the same text at the same places, no ruling lines or filled boxes.

    python tools/unrule.py SRC.pdf DST.pdf
    python tools/unrule.py SRC.pdf DST.pdf --pages 3-4    # only those pages (1-based, inclusive)
    python tools/unrule.py SRC.pdf DST.pdf --pages 3 --keep-rules   # the same pages, rules kept

Every page's content streams, and every Form XObject they draw, are rewritten without their
path operations: path construction (``m l c v y h re``), painting (``S s f F f* B B* b b* n``)
and clipping (``W W*``, which only ever applies to a path, so it goes with the path). Text,
text state, graphics state, colours, images and shadings are kept as they are, so a text layer
read from the copy is the text of the original, glyph for glyph, at the same positions; what is
gone is every rule and cell background a table printed. Fonts (Type 3 glyph procedures) and
annotations are left alone.

This is how budgetx's reader of tables without rules is measured: ``benchmarks/unruled.py``
extracts the corpus's documents and their unruled copies and compares the tables. It needs
pikepdf and fontTools (``pip install -e '.[tools]'``). With ``--pages``, the fonts
are cut down to the glyphs the pages print, so that a page makes a small test fixture.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

#: operators that build, paint or clip a path
PATH_OPERATORS = frozenset(
    ["m", "l", "c", "v", "y", "h", "re", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", "W", "W*"]
)


def unrule(src: Path, dst: Path, pages: tuple[int, int] | None = None, *, keep_rules: bool = False) -> int:
    """Write the unruled copy of ``src`` to ``dst`` (only ``pages``, when given; with ``keep_rules``
    the pages as they are, the ruled original of an unruled fixture); the number of operators removed."""
    import pikepdf

    removed = 0
    with pikepdf.open(src) as pdf:
        if pages is not None:
            first, last = pages
            keep = list(range(first - 1, min(last, len(pdf.pages))))
            for k in reversed(range(len(pdf.pages))):
                if k not in keep:
                    del pdf.pages[k]
            for key in ("/Outlines", "/Names"):  # they name the pages cut away, and keep their fonts
                if key in pdf.Root:
                    del pdf.Root[key]
        seen: set[tuple[int, int]] = set()
        for page in pdf.pages:
            if not keep_rules:
                removed += _rewrite(pdf, page.obj, seen, is_page=True)
        pdf.remove_unreferenced_resources()
        if pages is not None:
            _subset_fonts(pdf)
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


def _subset_fonts(pdf: Any) -> None:
    """Keep, of each embedded TrueType CID font the pages' own content uses, only the glyphs it
    prints (glyph ids kept), so that a page cut from a document is a small file."""
    import io

    import pikepdf
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # tables it drops are not a problem here
    used: dict[tuple[int, int], set[int]] = {}
    files: dict[tuple[int, int], Any] = {}
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        current = None
        for ins in pikepdf.parse_content_stream(page):
            op = str(ins.operator)
            if op == "Tf":
                current = _cid_font_file(fonts.get(ins.operands[0]))
                if current is not None:
                    files[current.objgen] = current
                    used.setdefault(current.objgen, {0})
            elif op in ("Tj", "'", '"', "TJ") and current is not None:
                strings = ins.operands[0] if op == "TJ" else [ins.operands[-1]]
                for text in strings:
                    if isinstance(text, pikepdf.String):
                        b = bytes(text)
                        used[current.objgen].update((b[i] << 8) | b[i + 1] for i in range(0, len(b) - 1, 2))
    for key, stream in files.items():
        font = TTFont(io.BytesIO(stream.read_bytes()))
        options = subset.Options()
        options.retain_gids = True
        options.notdef_outline = True
        options.name_IDs = ["*"]
        options.layout_features = []
        options.recalc_bounds = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(gids=sorted(g for g in used[key] if g < font["maxp"].numGlyphs))
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        stream.write(out.getvalue())
        stream.Length1 = len(out.getvalue())


def _cid_font_file(font: Any) -> Any:
    """The FontFile2 of a Type0 font with Identity-H encoding and identity glyph ids, else None."""
    if font is None or font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
        return None
    descendant = font.DescendantFonts[0]
    gid_map = descendant.get("/CIDToGIDMap")
    if gid_map is not None and gid_map != "/Identity":
        return None
    return descendant.get("/FontDescriptor", {}).get("/FontFile2")


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
    parser.add_argument("--keep-rules", action="store_true", help="only cut the pages, rules kept")
    args = parser.parse_args(argv)
    try:
        n = unrule(args.src, args.dst, args.pages, keep_rules=args.keep_rules)
    except Exception as exc:  # a tool: one line, not a traceback
        print(f"{args.src}: cannot make an unruled copy ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 1
    print(f"{args.dst}: {n} path operators removed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
