"""Tables printed without rules: every corpus PDF against its own unruled copy.

For every PDF under ``../shared/corpus`` this makes an unruled copy (``tools/unrule.py``: the same
text at the same places, every path — rules, cell borders, shaded boxes — removed), extracts the
original and the copy with ``budgetx.extract`` and compares the copy's tables with the original's:

- tables: a table of the original is *found* when the copy has a table with the same title
  (compared without whitespace) starting on the same page, each table of the copy matched once,
  in order; *same pages* counts the found tables that also span the same pages, *same columns*
  those whose flattened column names (without whitespace) and blocks are the same;
- amounts: every amount cell of the original (a ``Decimal``, ``0.00`` included) is *placed* when
  the matched table of the copy has the same amount at the same row and column. Rows are matched
  by their (code, name) in order (a longest-common-subsequence alignment, so a row missing from
  the copy shifts no other row; rows between two matched rows whose counts agree are paired in
  order); columns by their flattened name and block (the n-th column of a name to the n-th).
  *Extra* counts the amounts of the copy's found tables that match no amount of the original.

Unruled copies are cached under ``--cache`` (default: ``budgetx-unruled`` in the temporary
directory) by the original's sha256. Documents are extracted in child processes, ``--jobs`` (2) at
a time, each with ``--timeout`` seconds at most.

    python benchmarks/unruled.py                      # the whole corpus
    python benchmarks/unruled.py --only 苏州 -v         # documents whose path contains 苏州, with details
    python benchmarks/unruled.py --json figures.json   # also write the figures as JSON

Needs pikepdf (``pip install -e '.[tools]'``).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import importlib.util
import json
import multiprocessing as mp
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CACHE = Path(tempfile.gettempdir()) / "budgetx-unruled"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this checkout's budgetx, in this process and its children

_SPACE = re.compile(r"\s+")


def norm(text: object) -> str:
    return _SPACE.sub("", str(text or ""))


def _unrule_module() -> Any:
    spec = importlib.util.spec_from_file_location("unrule", ROOT / "tools" / "unrule.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unruled_copy(pdf: Path, cache: Path = CACHE) -> Path:
    """The cached unruled copy of ``pdf``, made when missing."""
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:20]
    out = cache / f"{digest}.pdf"
    if not out.exists():
        cache.mkdir(parents=True, exist_ok=True)
        part = out.with_suffix(".part")
        _unrule_module().unrule(pdf, part)
        part.replace(out)
    return out


# --- what is compared of a document -------------------------------------------------------------


def summary(doc: Any) -> list[dict[str, Any]]:
    """A document's tables as plain data: title, pages, columns and rows (amounts as strings)."""
    from decimal import Decimal

    out = []
    for t in doc.tables:
        rows = []
        for r in t.rows:
            cells = [("$" + str(c)) if isinstance(c, Decimal) else c for c in r.cells]
            rows.append({"key": [r.code or "", norm(r.name)], "cells": cells})
        out.append(
            {
                "title": t.title,
                "pages": list(t.pages),
                "columns": [[norm(c.name), c.block] for c in t.columns],
                "rows": rows,
            }
        )
    return out


def amounts(table: dict[str, Any]) -> int:
    return sum(1 for r in table["rows"] for c in r["cells"] if isinstance(c, str) and c.startswith("$"))


def match_tables(ruled: list[dict[str, Any]], unruled: list[dict[str, Any]]) -> list[int | None]:
    """For each table of the original, the index of the copy's table with its title and first page."""
    used: set[int] = set()
    out: list[int | None] = []
    for t in ruled:
        hit = None
        for k, u in enumerate(unruled):
            if k in used or norm(u["title"]) != norm(t["title"]):
                continue
            if (u["pages"][:1] or [None]) == (t["pages"][:1] or [None]):
                hit = k
                break
        if hit is not None:
            used.add(hit)
        out.append(hit)
    return out


def match_rows(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs of row indices: equal (code, name) keys in order, then equal-sized gaps in order."""
    ka = [tuple(r["key"]) for r in a]
    kb = [tuple(r["key"]) for r in b]
    pairs: list[tuple[int, int]] = []
    sm = difflib.SequenceMatcher(a=ka, b=kb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
    return pairs


def match_columns(a: list[list[Any]], b: list[list[Any]]) -> dict[int, int]:
    """Column index of the original → column index of the copy, by name and block (n-th to n-th)."""
    where: dict[tuple[str, int], list[int]] = {}
    for k, (name, block) in enumerate(b):
        where.setdefault((name, block), []).append(k)
    seen: Counter[tuple[str, int]] = Counter()
    out: dict[int, int] = {}
    for j, (name, block) in enumerate(a):
        key = (name, block)
        ks = where.get(key, [])
        if seen[key] < len(ks):
            out[j] = ks[seen[key]]
        seen[key] += 1
    return out


@dataclass
class Figures:
    tables: int = 0
    found: int = 0
    same_pages: int = 0
    same_columns: int = 0
    amounts: int = 0
    placed: int = 0
    extra: int = 0
    missing: list[str] = field(default_factory=list)
    #: the found tables with amounts not placed: "p[pages] title: placed/amounts placed"
    losses: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        for k in ("tables", "found", "same_pages", "same_columns", "amounts", "placed", "extra"):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def compare(ruled: list[dict[str, Any]], unruled: list[dict[str, Any]]) -> Figures:
    f = Figures(tables=len(ruled))
    for t, k in zip(ruled, match_tables(ruled, unruled), strict=True):
        n = amounts(t)
        f.amounts += n
        if k is None:
            f.missing.append(f"p{t['pages'][:1]} {t['title']} ({n} amounts)")
            continue
        u = unruled[k]
        f.found += 1
        f.same_pages += u["pages"] == t["pages"]
        f.same_columns += u["columns"] == t["columns"]
        cols = match_columns(t["columns"], u["columns"])
        placed = 0
        for i, i2 in match_rows(t["rows"], u["rows"]):
            ca, cb = t["rows"][i]["cells"], u["rows"][i2]["cells"]
            for j, c in enumerate(ca):
                if not (isinstance(c, str) and c.startswith("$")):
                    continue
                j2 = cols.get(j)
                if j2 is not None and j2 < len(cb) and cb[j2] == c:
                    placed += 1
        f.placed += placed
        f.extra += amounts(u) - placed
        if placed < n:
            f.losses.append(f"p{t['pages']} {t['title']}: {placed}/{n} placed")
    return f


# --- running -------------------------------------------------------------------------------------


def _extract(path: str) -> list[dict[str, Any]]:
    import budgetx

    return summary(budgetx.extract(path))


def _ruled(pdf: str, cache: str, reuse: bool) -> list[dict[str, Any]]:
    """The original's tables; with ``reuse``, as an earlier run with ``--reuse-ruled`` stored them."""
    if not reuse:
        return _extract(pdf)
    digest = hashlib.sha256(Path(pdf).read_bytes()).hexdigest()[:20]
    stored = Path(cache) / f"{digest}.ruled.json"
    if stored.exists():
        return list(json.loads(stored.read_text(encoding="utf-8")))
    ruled = _extract(pdf)
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_text(json.dumps(ruled, ensure_ascii=False), encoding="utf-8")
    return ruled


def _job(pdf: str, cache: str, reuse: bool) -> dict[str, Any]:
    try:
        copy = unruled_copy(Path(pdf), Path(cache))
        ruled = _ruled(pdf, cache, reuse)
        unruled = _extract(str(copy))
        return {"ok": True, "figures": asdict(compare(ruled, unruled))}
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()}


def corpus_documents(corpus: Path = CORPUS) -> list[Path]:
    return sorted(corpus.rglob("*.pdf"))


def run(docs: list[Path], cache: Path, jobs: int, timeout: float, reuse: bool = False) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    ctx = mp.get_context("spawn")
    with ctx.Pool(jobs, maxtasksperchild=1) as pool:
        pending = {str(d): pool.apply_async(_job, (str(d), str(cache), reuse)) for d in docs}
        for name, res in pending.items():
            try:
                results[name] = res.get(timeout=timeout)
            except mp.TimeoutError:
                results[name] = {"ok": False, "error": f"timed out after {timeout:.0f} s"}
    return results


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   - "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--only", action="append", default=[], help="documents whose path contains this")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument(
        "--reuse-ruled",
        action="store_true",
        help="keep the originals' tables in the cache and reuse them (while the reading of ruled tables is unchanged)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list the tables not found, and those with amounts not placed"
    )
    args = parser.parse_args(argv)
    docs = [d for d in corpus_documents(args.corpus) if not args.only or any(o in str(d) for o in args.only)]
    if not docs:
        print(f"no PDF under {args.corpus}", file=sys.stderr)
        return 1
    start = time.monotonic()
    results = run(docs, args.cache, args.jobs, args.timeout, args.reuse_ruled)
    total = Figures()
    print(f"{'tables':>6} {'found':>6} {'pages':>6} {'cols':>6} {'amounts':>7} {'placed':>7} {'extra':>6}  document")
    for d in docs:
        r = results[str(d)]
        name = str(d.relative_to(args.corpus)) if d.is_relative_to(args.corpus) else str(d)
        if not r["ok"]:
            print(f"{'':>50}  {name}: {r['error']}")
            continue
        f = Figures(**r["figures"])
        total.add(f)
        print(
            f"{f.tables:>6} {f.found:>6} {f.same_pages:>6} {f.same_columns:>6} {f.amounts:>7} {f.placed:>7} {f.extra:>6}  "
            f"{name}  {_pct(f.placed, f.amounts)}"
        )
        if args.verbose:
            for m in f.missing:
                print(f"{'':>50}    not found: {m}")
            for m in f.losses:
                print(f"{'':>50}    {m}")
    print(
        f"{total.tables:>6} {total.found:>6} {total.same_pages:>6} {total.same_columns:>6} {total.amounts:>7} "
        f"{total.placed:>7} {total.extra:>6}  total of {len(docs)} documents"
    )
    print(
        f"tables found {_pct(total.found, total.tables)}, same pages {_pct(total.same_pages, total.tables)}, "
        f"same columns {_pct(total.same_columns, total.tables)}; amounts placed {_pct(total.placed, total.amounts)}; "
        f"extra amounts {total.extra}  ({time.monotonic() - start:.0f} s)"
    )
    if args.json:
        args.json.write_text(
            json.dumps({"total": asdict(total), "documents": results}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
