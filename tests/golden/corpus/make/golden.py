"""Helpers that drafted the golden tables of ``tests/golden/corpus/`` and cross-checked them.

Not budgetx: an independent reading of the page. ``raw()`` gives pdfplumber's ruled-table cells of
one page; each ``make/<doc>.py`` picks the rows and names the columns by hand (from the page image),
``rows()`` normalises the cells (whitespace out, thousands separators out, empty -> None),
``crosscheck()`` compares every row with its line in ``pdftotext -layout``, and ``save()`` writes
the golden JSON. Every table was then checked on the page image (see ../README.md).

    python tests/golden/corpus/make/pt_wl_2023.py     # rewrites pt-wl-2023-dept.json

Needs the corpus (../shared/corpus), pdfplumber and poppler's pdftotext.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber

ROOT = Path(__file__).resolve().parents[4]
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = Path(__file__).resolve().parent.parent
AMT = re.compile(r"^-?[\d,]+(\.\d+)?$")
NUM = re.compile(
    r"(?<![\d.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.])|(?<![\d.,])-?\d+\.\d+(?![\d.])|(?<=\s)-?\d+(?=\s|$)"
)
_pdfs: dict[str, Any] = {}

Column = tuple  # (name, type) or (name, type, block)


def path_of(f: str) -> Path:
    """A document by its path in the corpus, or under the repository for ``samples/…``."""
    return ROOT / f if f.startswith("samples/") else CORPUS / f


def pdf(f: str) -> Any:
    if f not in _pdfs:
        _pdfs[f] = pdfplumber.open(path_of(f))
    return _pdfs[f]


def raw(f: str, page: int, idx: int = 0) -> list[list[str | None]]:
    """The cells of the ``idx``-th ruled table pdfplumber finds on ``page`` (1-based)."""
    return pdf(f).pages[page - 1].extract_tables()[idx]


def clean_text(s: str | None) -> str | None:
    if s is None:
        return None
    s = re.sub(r"\s+", "", s)
    return s or None


def clean_amt(s: str | None) -> str | None:
    if s is None:
        return None
    s = re.sub(r"\s+", "", s)
    if not s:
        return None
    s2 = s.replace(",", "")
    assert AMT.match(s2) or s2 in ("-", "—"), repr(s)
    return s2


def _block(c: Column) -> int:
    return c[2] if len(c) > 2 else 0


def rows(columns: list[Column], data: list[list[str | None]], page: int | None = None) -> list[dict[str, Any]]:
    """Golden rows from printed rows aligned with ``columns``; blank grid rows are left out."""
    out = []
    for r in data:
        if all(v is None or not str(v).strip() for v in r):
            continue  # a printed but blank grid row
        assert len(r) == len(columns), (r, columns)
        cells = [clean_amt(v) if c[1] == "amount" else clean_text(v) for c, v in zip(columns, r, strict=True)]
        for k, c in enumerate(columns):
            if c[1] == "code" and cells[k] and not cells[k].isdigit():
                # a label merged over the code and name cells (合计): it is the name
                nk = next(j for j, cc in enumerate(columns) if cc[1] == "name" and j > k)
                assert cells[nk] is None, cells
                cells[nk], cells[k] = cells[k], None
        blocks = sorted({_block(c) for c in columns if c[1] == "code"})

        def joined(b: int, cells: list[str | None] = cells) -> str | None:
            parts = [v for c, v in zip(columns, cells, strict=True) if c[1] == "code" and v and _block(c) == b]
            # split 类 | 款 | 项: 款 and 项 are two digits; a leading zero the export dropped ("2") is put back
            return "".join([parts[0]] + [p.zfill(2) for p in parts[1:]]) if parts else None

        per = [joined(b) for b in blocks]
        names = [v for c, v in zip(columns, cells, strict=True) if c[1] == "name" and v] or [
            v for c, v in zip(columns, cells, strict=True) if c[1] == "text" and v
        ]
        row: dict[str, Any] = {
            "code": next((x for x in per if x), None),
            "name": names[0] if names else None,
            "cells": cells,
        }
        if len(blocks) > 1:
            row["codes"] = per
        if page:
            row["page"] = page
        out.append(row)
    return out


def cols(columns: list[Column]) -> list[dict[str, Any]]:
    return [{"name": c[0], "type": c[1], "block": _block(c)} for c in columns]


def layout(f: str, page: int) -> str:
    args = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path_of(f)), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def crosscheck(f: str, table: dict[str, Any]) -> int:
    """Every row's non-empty amounts, in order, must be the numbers on its ``pdftotext -layout`` line.

    Prints the rows it cannot confirm (wrapped names, misaligned lines): those were read on the
    page image instead. Returns their number.
    """
    problems = checked = 0
    texts = {p: layout(f, p) for p in table["pages"]}
    for r in table["rows"]:
        amts = [v for c, v in zip(table["columns"], r["cells"], strict=True) if c["type"] == "amount" and v is not None]
        parts = [v for c, v in zip(table["columns"], r["cells"], strict=True) if c["type"] == "code" and v]
        cre = r"\s+".join(parts)
        key = r["code"] or r["name"]
        pages = [r["page"]] if r.get("page") else table["pages"]
        cands = []
        for p in pages:
            for line in texts[p].splitlines():
                flat = re.sub(r"\s+", "", line)
                if (
                    (r["code"] and re.search(r"(^|\s)" + cre + r"(\s|$)", line))
                    or (not r["code"] and key and key in flat)
                    or not key
                ):
                    cands.append(line)
        if not cands:
            print("  ? no layout line for", key, amts)
            problems += 1
            continue
        ok = False
        for line in cands:
            rest = re.sub(r"(^|\s)" + cre + r"(?=\s|$)", " ", line, count=1) if r["code"] else line
            nums = [n.replace(",", "") for n in NUM.findall(" " + rest)]
            # a multi-block row: the line may carry the other blocks' amounts after this row's
            if nums == amts or (not r["code"] and len(cands) == 1 and nums[: len(amts)] == amts):
                ok = True
                break
        checked += 1
        if not ok:
            problems += 1
            print("  ! mismatch", key, amts, "| layout:", [re.sub(r"\s+", " ", c) for c in cands])
    print(f"  crosscheck {table['title']}: {checked} rows, {problems} problems")
    return problems


def save(short: str, doc: dict[str, Any]) -> Path:
    """Write ``<short>.json``: one line per column and per row."""
    p = OUT / f"{short}.json"
    lines = ["{"]
    for k, v in doc.items():
        if k != "tables":
            lines.append(f" {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append(' "tables": [')
    for ti, t in enumerate(doc["tables"]):
        lines.append("  {")
        for k, v in t.items():
            if k not in ("columns", "rows"):
                lines.append(f"   {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)},")
        lines.append('   "columns": [')
        lines.append(",\n".join("    " + json.dumps(c, ensure_ascii=False) for c in t["columns"]))
        lines.append("   ],")
        lines.append('   "rows": [' + ("" if t["rows"] else "]"))
        if t["rows"]:
            lines.append(",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in t["rows"]))
            lines.append("   ]")
        lines.append("  }" + ("," if ti < len(doc["tables"]) - 1 else ""))
    lines.append(" ]")
    lines.append("}")
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    json.loads(p.read_text(encoding="utf-8"))
    print("saved", p.name, sum(len(t["rows"]) for t in doc["tables"]), "rows")
    return p
