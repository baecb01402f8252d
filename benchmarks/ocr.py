"""OCR accuracy and speed: text PDFs scanned at several resolutions, read back, compared with their text layer.

Each chosen page of a PDF is rendered by pdftoppm in grey at each ``--dpi``, turned by a random
angle within ±1°, given noise and saved as JPEG (quality 60), and the pages are wrapped as one
image-only PDF (img2pdf), as a scanner gives. The scan is read by ``budgetx.extract`` in a child
process (its time and peak RSS measured there), and its tables are compared with the text layer's,
the same pages read in the same run (the baseline):

- tables: a table of the text layer is *found* when the scan has a table starting on the same page
  with as many columns;
- amounts: an amount of the text layer is *placed* when the found table has the same amount at the
  same row and column (rows paired by their code, else in order: a longest common subsequence);
- wrong: a cell of a paired row where the scan has another amount than the text layer (or an amount
  where it has none, or none where it has one), split into those an ``ocr.suspect`` finding frames
  (*flagged*), those that break no identity the document prints (the text layer with the wrong amount
  put in its place gives no new ``hierarchy.*``/``row.*``/``block.*``/``cross.*`` finding) and those
  that break one but are not flagged (*unflagged*: the figure to keep at 0);
- suspect: the ``ocr.suspect`` findings, beside the sum findings (``hierarchy.*``, ``row.*``) of the text
  layer (the document's own roundings, which a scan reports as suspects too);
- seconds per page (wall clock, and CPU: user + system, which another process's load changes less) and
  peak RSS of the scan's reading, and the ratio of the wall clock to reading the text layer.

    python benchmarks/ocr.py                                  # the sample, 150/200/300 dpi
    python benchmarks/ocr.py --pdf doc.pdf --pages 3-9 --dpi 200
    python benchmarks/ocr.py --corpus --dpi 200               # a document of each corpus group
    python benchmarks/ocr.py --corpus --all --dpi 150 -v      # every document, each wrong amount listed

``--corpus`` takes a document of each group of the corpus (``MANIFEST.tsv``: the first published one
of each region, and the sample) and its table pages (the pages where the text layer finds tables, the
first ``--max-pages`` of them), one resolution after another.

Needs poppler-utils and img2pdf (Debian packages); OpenCV comes with budgetx's OCR dependency.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.pdf"
CORPUS = Path(os.environ.get("BUDGETX_CORPUS", "/work/shared/corpus"))
#: the rules whose findings mean an identity the document prints does not hold
_IDENTITIES = ("hierarchy.", "row.", "block.", "cross.")

#: the child that reads one document: its tables (page, columns, rows, the cells an ``ocr.suspect``
#: frames), suspects, seconds, CPU, peak RSS; or, with ``--pages``, only the pages its tables are on
_CHILD = """
import json, resource, sys, time
from decimal import Decimal
import budgetx
from budgetx.budget import Budget
t = time.perf_counter()
doc = budgetx.extract(sys.argv[1], budget=Budget(seconds=None))
seconds = time.perf_counter() - t
if sys.argv[2:] == ["--pages"]:
    print(json.dumps(sorted({p for t in doc.tables for p in t.pages})))
    raise SystemExit
framed = {(p, tuple(box)) for f in doc.findings if f.rule == "ocr.suspect" for p, box in f.cells}
tables = [
    {"page": t.pages[0], "columns": len(t.columns), "title": t.number or t.title,
     "names": [c.name for c in t.columns],
     "rows": [[r.code or "", [str(c) if isinstance(c, Decimal) else None for c in r.cells], r.name or "",
               [j for j in range(len(r.cells)) if r.cell_box(j) is not None
                and (r.page, tuple(r.cell_box(j))) in framed]]
              for r in t.rows]}
    for t in doc.tables
]
suspect = sum(1 for f in doc.findings if f.rule == "ocr.suspect")
sums = sum(1 for f in doc.findings if f.rule.startswith(("hierarchy.", "row.")))
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"tables": tables, "suspect": suspect, "sums": sums, "seconds": seconds, "cpu": use.ru_utime + use.ru_stime,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

#: the child that puts each wrong amount, one at a time, into the text layer's tables and gives the
#: rules of the findings it adds (argv: the text PDF, then the JSON [[table, row, column, value], ...])
_BREAKS = """
import json, sys
from decimal import Decimal
import budgetx
from budgetx import validate
from budgetx.budget import Budget
doc = budgetx.extract(sys.argv[1], budget=Budget(seconds=None))
def keys(findings):
    return {(f.rule, f.table, f.code, f.row_name, f.column, f.page, f.line, f.expected, f.actual) for f in findings}
base = keys(validate.run(doc))
out = []
for t, r, j, value in json.loads(sys.argv[2]):
    row = doc.tables[t].rows[r]
    kept = row.cells[j]
    row.cells[j] = None if value is None else Decimal(value)
    out.append(sorted({k[0] for k in keys(validate.run(doc)) - base}))
    row.cells[j] = kept
print(json.dumps(out))
"""


def _child(code: str, *args: str) -> object:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"{args[0]}: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout.splitlines()[-1])


def read(path: Path) -> dict:
    out = _child(_CHILD, str(path))
    assert isinstance(out, dict)
    return out


def table_pages(pdf: Path) -> list[int]:
    """The pages (1-based) on which the text layer of ``pdf`` finds tables."""
    out = _child(_CHILD, str(pdf), "--pages")
    assert isinstance(out, list)
    return out


def scan(pdf: Path, pages: list[int], dpi: int, out: Path, seed: int) -> Path:
    """The ``pages`` of ``pdf`` as an image-only PDF at ``dpi``."""
    import cv2
    import numpy as np

    rng = np.random.default_rng(seed)
    tmp = out.parent / f"r{dpi}"
    tmp.mkdir()
    jpegs = []
    for k, number in enumerate(pages):
        stem = tmp / f"p{k:04d}"
        render = ["pdftoppm", "-f", str(number), "-l", str(number), "-r", str(dpi), "-gray", "-png", "-singlefile"]
        subprocess.run([*render, str(pdf), str(stem)], check=True)
        png = stem.with_suffix(".png")
        image = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
        h, w = image.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(rng.uniform(-1, 1)), 1.0)
        image = cv2.warpAffine(image, m, (w, h), borderValue=255, flags=cv2.INTER_LINEAR)
        image = np.clip(image.astype(np.int16) + rng.normal(0, 6, image.shape), 0, 255).astype(np.uint8)
        jpeg = png.with_suffix(".jpg")
        cv2.imwrite(str(jpeg), image, [cv2.IMWRITE_JPEG_QUALITY, 60])
        jpegs.append(str(jpeg))
    subprocess.run(["img2pdf", "--imgsize", f"{dpi}dpi", *jpegs, "-o", str(out)], check=True)
    return out


def text_pages(pdf: Path, pages: list[int], out: Path) -> Path:
    """The same pages with their text layer (the baseline reads exactly these)."""
    parts = out.parent / "text"
    parts.mkdir()
    files = []
    for number in pages:
        part = parts / f"{number}.pdf"
        subprocess.run(["pdfseparate", "-f", str(number), "-l", str(number), str(pdf), str(part)], check=True)
        files.append(str(part))
    if len(files) == 1:
        return Path(files[0])
    subprocess.run(["pdfunite", *files, str(out)], check=True)
    return out


@dataclass
class Wrong:
    """A cell of a paired row whose amount the scan reads otherwise than the text layer."""

    table: int
    row: int
    column: int
    want: str | None
    have: str | None
    flagged: bool
    where: str
    breaks: list[str] = field(default_factory=list)


@dataclass
class Result:
    tables: int = 0
    found: int = 0
    amounts: int = 0
    placed: int = 0
    wrong: list[Wrong] = field(default_factory=list)


def compare(truth: dict, got: dict) -> Result:
    """The text layer's tables and amounts, those the scan found and placed, and its wrong amounts."""
    res = Result()
    used: set[int] = set()
    for ti, t in enumerate(truth["tables"]):
        res.tables += 1
        res.amounts += sum(1 for row in t["rows"] for c in row[1] if c is not None)
        match = next(
            (
                k
                for k, g in enumerate(got["tables"])
                if k not in used and g["page"] == t["page"] and g["columns"] == t["columns"]
            ),
            None,
        )
        if match is None:
            continue
        used.add(match)
        res.found += 1
        g = got["tables"][match]
        keys_t = [row[0] or str(k) for k, row in enumerate(t["rows"])]
        keys_g = [row[0] or str(k) for k, row in enumerate(g["rows"])]
        sm = difflib.SequenceMatcher(a=keys_t, b=keys_g, autojunk=False)
        for block in sm.get_matching_blocks():
            for k in range(block.size):
                code, want, name, _ = t["rows"][block.a + k]
                have, framed = g["rows"][block.b + k][1], g["rows"][block.b + k][3]
                for j, (a, b) in enumerate(zip(want, have, strict=False)):
                    if a is not None and b is not None and Decimal(a) == Decimal(b):
                        res.placed += 1
                    elif a is not None or b is not None:
                        where = f"p{t['page']} {t['title'][:14]} | {code} {name[:12]} | {t['names'][j][:12]}"
                        res.wrong.append(Wrong(ti, block.a + k, j, a, b, j in framed, where))
    return res


def classify(text_pdf: Path, res: Result) -> None:
    """Note, for each wrong amount not flagged, the identities it breaks in the text layer's tables."""
    todo = [w for w in res.wrong if not w.flagged]
    if not todo:
        return
    out = _child(_BREAKS, str(text_pdf), json.dumps([[w.table, w.row, w.column, w.have] for w in todo]))
    assert isinstance(out, list)
    for w, rules in zip(todo, out, strict=True):
        w.breaks = [r for r in rules if r.startswith(_IDENTITIES)]


def corpus_documents(every: bool) -> list[tuple[str, Path]]:
    """(group, PDF) for each published document of the corpus, else the first of each group, and the sample."""
    out: list[tuple[str, Path]] = []
    seen: set[str] = set()
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as f:
        for entry in csv.DictReader(f, delimiter="\t"):
            if entry["kind"] != "real" or not entry["file"].endswith(".pdf"):
                continue
            group = entry["region"].split(" (")[0]
            if every or group not in seen:
                seen.add(group)
                out.append((group, CORPUS / entry["file"]))
    out.append(("sample", SAMPLE))
    return out


_HEAD = (
    f"{'dpi':>4} {'pages':>5} {'tables':>9} {'amounts placed':>20} {'suspect':>7} {'(text)':>6} "
    f"{'wrong':>5} {'flagged':>7} {'no id.':>6} {'UNFLAGGED':>9} {'CPU s/page':>10}  document"
)


def corpus(args: argparse.Namespace) -> None:
    only = [s for s in args.only.split(",") if s]
    documents = [(g, p) for g, p in corpus_documents(args.all) if not only or any(s in p.name for s in only)]
    totals: dict[int, list[int]] = {}
    print(_HEAD)
    for dpi in (int(d) for d in args.dpi.split(",")):
        total = totals.setdefault(dpi, [0] * 10)
        for group, pdf in documents:
            pages = table_pages(pdf)[: args.max_pages]
            if not pages:
                continue
            with tempfile.TemporaryDirectory() as tmp:
                base = text_pages(pdf, pages, Path(tmp) / "text.pdf")
                truth = read(base)
                got = read(scan(pdf, pages, dpi, Path(tmp) / "scan.pdf", args.seed))
                res = compare(truth, got)
                classify(base, res)
            flagged = sum(1 for w in res.wrong if w.flagged)
            unflagged = sum(1 for w in res.wrong if not w.flagged and w.breaks)
            quiet = len(res.wrong) - flagged - unflagged
            row = [len(pages), res.tables, res.found, res.amounts, res.placed, got["suspect"], truth["sums"]]
            row.append(len(res.wrong))
            row += [flagged, unflagged]
            total[:] = [a + b for a, b in zip(total, row, strict=True)]
            print(_line(dpi, row, quiet, got["cpu"] / len(pages), f"{group}: {pdf.name}"), flush=True)
            if args.verbose:
                for w in res.wrong:
                    mark = "flagged" if w.flagged else ("UNFLAGGED " + ",".join(w.breaks) if w.breaks else "no id.")
                    print(f"      {w.where} | {w.want} → {w.have} | {mark}", flush=True)
        quiet = total[7] - total[8] - total[9]
        print(_line(dpi, total, quiet, None, "total"), flush=True)


def _line(dpi: int, row: list[int], quiet: int, cpu: float | None, name: str) -> str:
    pages, tables, found, amounts, placed, suspect, sums, wrong, flagged, unflagged = row
    share = 100 * placed / max(amounts, 1)
    cpu_s = f"{cpu:10.2f}" if cpu is not None else " " * 10
    return (
        f"{dpi:>4} {pages:>5} {found:>4}/{tables:<4} {placed:>6}/{amounts:<6} {share:5.1f}% {suspect:>7} {sums:>6} "
        f"{wrong:>5} {flagged:>7} {quiet:>6} {unflagged:>9} {cpu_s}  {name}"
    )


def single(args: argparse.Namespace) -> None:
    first, _, last = args.pages.partition("-")
    pages = list(range(int(first), int(last or first) + 1))
    n = len(pages)
    with tempfile.TemporaryDirectory() as tmp:
        base = text_pages(args.pdf, pages, Path(tmp) / "text.pdf")
        truth = read(base)
        print(
            f"{args.pdf.name} pages {args.pages}: {len(truth['tables'])} tables, "
            f"text layer {truth['seconds'] / n:.2f} s/page (the baseline), peak RSS {truth['rss_mb']:.0f} MB"
        )
        print(
            f"{'dpi':>4} {'tables':>9} {'amounts placed':>18} {'suspect':>8} {'s/page':>7} {'CPU s/page':>10} {'× text':>7} {'peak RSS':>9}"
        )
        for dpi in (int(d) for d in args.dpi.split(",")):
            d = Path(tmp) / f"d{dpi}"
            d.mkdir()
            pdf = scan(args.pdf, pages, dpi, d / "scan.pdf", args.seed)
            got = read(pdf)
            res = compare(truth, got)
            per_page = got["seconds"] / n
            print(
                f"{dpi:>4} {res.found:>4}/{res.tables:<4} {res.placed:>7}/{res.amounts:<5} "
                f"{100 * res.placed / max(res.amounts, 1):5.1f}% "
                f"{got['suspect']:>8} {per_page:>7.2f} {got['cpu'] / n:>10.2f} {per_page / max(truth['seconds'] / n, 1e-9):>7.0f} "
                f"{got['rss_mb']:>6.0f} MB"
            )
            if args.verbose:
                for w in res.wrong:
                    print(f"      {w.where} | {w.want} → {w.have} | {'flagged' if w.flagged else ''}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pdf", type=Path, default=SAMPLE)
    ap.add_argument("--pages", default="4-12", help="first-last page (1-based)")
    ap.add_argument("--dpi", default="150,200,300")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", action="store_true", help="a document of each corpus group, its table pages")
    ap.add_argument("--all", action="store_true", help="with --corpus: every published document")
    ap.add_argument(
        "--only", default="", help="with --corpus: the documents whose name contains one of these (comma-separated)"
    )
    ap.add_argument("--max-pages", type=int, default=10, help="with --corpus: table pages a document")
    ap.add_argument("-v", "--verbose", action="store_true", help="list each wrong amount")
    args = ap.parse_args()
    if args.corpus:
        corpus(args)
    else:
        single(args)


if __name__ == "__main__":
    main()
