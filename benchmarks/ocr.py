"""OCR accuracy and speed: text PDFs scanned at several resolutions, read back, compared with their text layer.

Each page of the chosen PDFs (default: the table pages of the shipped sample) is rendered by
pdftoppm in grey at each ``--dpi``, turned by a random angle within ±1°, given noise and saved as
JPEG (quality 60), and the pages are wrapped as one image-only PDF (img2pdf), as a scanner gives.
The scan is read by ``budgetx.extract`` in a child process (its time and peak RSS measured
there), and its tables are compared with the text layer's, read in the same run (the baseline):

- tables: a table of the text layer is *found* when the scan has a table starting on the same page
  with as many columns;
- amounts: an amount of the text layer is *placed* when the found table has the same amount at the
  same row and column (rows paired by their code, else in order: a longest common subsequence);
- suspect: the amounts an ``ocr.suspect`` finding names;
- seconds per page (wall clock, and CPU: user + system, which another process's load changes less) and
  peak RSS of the scan's reading, and the ratio of the wall clock to reading the text layer.

    python benchmarks/ocr.py                                  # the sample, 150/200/300 dpi
    python benchmarks/ocr.py --pdf doc.pdf --pages 3-9 --dpi 200

Needs poppler-utils and img2pdf (Debian packages); OpenCV comes with budgetx's OCR dependency.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.pdf"

#: the child that reads one document: its tables (page, columns, rows), suspects, seconds, peak RSS
_CHILD = """
import json, resource, sys, time
from decimal import Decimal
import budgetx
from budgetx.budget import Budget
t = time.perf_counter()
doc = budgetx.extract(sys.argv[1], budget=Budget(seconds=None))
seconds = time.perf_counter() - t
tables = [
    {"page": t.pages[0], "columns": len(t.columns),
     "rows": [[r.code or "", [str(c) if isinstance(c, Decimal) else None for c in r.cells]] for r in t.rows]}
    for t in doc.tables
]
suspect = sum(1 for f in doc.findings if f.rule == "ocr.suspect")
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"tables": tables, "suspect": suspect, "seconds": seconds, "cpu": use.ru_utime + use.ru_stime,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def read(path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"{path}: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout.splitlines()[-1])


def scan(pdf: Path, pages: tuple[int, int], dpi: int, out: Path, seed: int) -> Path:
    """The pages of ``pdf`` as an image-only PDF at ``dpi``."""
    import cv2
    import numpy as np

    rng = np.random.default_rng(seed)
    tmp = out.parent / f"r{dpi}"
    tmp.mkdir()
    first, last = pages
    subprocess.run(
        ["pdftoppm", "-f", str(first), "-l", str(last), "-r", str(dpi), "-gray", "-png", str(pdf), str(tmp / "p")],
        check=True,
    )
    jpegs = []
    for png in sorted(tmp.glob("p*.png")):
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


def text_pages(pdf: Path, pages: tuple[int, int], out: Path) -> Path:
    """The same pages with their text layer (the baseline reads exactly these)."""
    first, last = pages
    parts = out.parent / "text"
    parts.mkdir()
    subprocess.run(["pdfseparate", "-f", str(first), "-l", str(last), str(pdf), str(parts / "%d.pdf")], check=True)
    files = [str(parts / f"{k}.pdf") for k in range(first, last + 1)]
    if len(files) == 1:
        return Path(files[0])
    subprocess.run(["pdfunite", *files, str(out)], check=True)
    return out


def compare(truth: dict, got: dict) -> tuple[int, int, int, int]:
    """(tables of the text layer, found; amounts of the text layer, placed)."""
    tables = found = amounts = placed = 0
    used: set[int] = set()
    for t in truth["tables"]:
        tables += 1
        total = sum(1 for _, cells in t["rows"] for c in cells if c is not None)
        amounts += total
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
        found += 1
        g = got["tables"][match]
        keys_t = [code or str(k) for k, (code, _) in enumerate(t["rows"])]
        keys_g = [code or str(k) for k, (code, _) in enumerate(g["rows"])]
        sm = difflib.SequenceMatcher(a=keys_t, b=keys_g, autojunk=False)
        for block in sm.get_matching_blocks():
            for k in range(block.size):
                want = t["rows"][block.a + k][1]
                have = g["rows"][block.b + k][1]
                placed += sum(
                    1
                    for a, b in zip(want, have, strict=False)
                    if a is not None and b is not None and Decimal(a) == Decimal(b)
                )
    return tables, found, amounts, placed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pdf", type=Path, default=SAMPLE)
    ap.add_argument("--pages", default="4-12", help="first-last page (1-based)")
    ap.add_argument("--dpi", default="150,200,300")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    first, _, last = args.pages.partition("-")
    pages = (int(first), int(last or first))
    n = pages[1] - pages[0] + 1
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
            tables, found, amounts, placed = compare(truth, got)
            per_page = got["seconds"] / n
            print(
                f"{dpi:>4} {found:>4}/{tables:<4} {placed:>7}/{amounts:<5} {100 * placed / max(amounts, 1):5.1f}% "
                f"{got['suspect']:>8} {per_page:>7.2f} {got['cpu'] / n:>10.2f} {per_page / max(truth['seconds'] / n, 1e-9):>7.0f} "
                f"{got['rss_mb']:>6.0f} MB"
            )


if __name__ == "__main__":
    main()
