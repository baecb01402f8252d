"""How budgetx's text path scales with the length of a line and the number of lines.

Each case is the sample text document with something added to its narrative
(after its first dozen lines): one line of a given length, or a given number
of lines.  Every case runs ``budgetx.extract`` (read, segment, normalise,
validate) in a fresh process, so that its peak memory is its own, and prints
the seconds and the peak resident memory, with the ratio of each to the
smallest case of its series: where the work is linear, ten times the input
takes about ten times the seconds (the memory ratio starts from the
interpreter's own ~60 MB).  A line longer than
:data:`budgetx.readers.text.limits.MAX_LINE` characters is not read (a
finding names it), so the 300 kB and 1 MB lines show the cost of passing
over one.

    python benchmarks/text_scaling.py            # every series
    python benchmarks/text_scaling.py --quick    # up to 100 kB lines and 100,000 lines
    python benchmarks/text_scaling.py --only digits
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_TXT = ROOT / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"

#: one line of about ``n`` characters, by what it repeats
LINE_KINDS: dict[str, str] = {
    "sentences": "基本支出123.45万元，比上年增加1.2万元，增长1.0%；其中：财政拨款收入100万元，占81.0%。",
    "chinese": "部门预算支出情况说明一般公共服务",
    "digits": "1234567890",
    "numbers": "1,234.5 ",
    "punctuation": "、，。（）",
    "ordinals": "一、",
    "wanyuan": "万元",
    "cells": "12.00  ",
}

#: many lines, by what each line is
MANY_KINDS: dict[str, Callable[[list[str]], list[str]]] = {
    "narrative": lambda base: [ln for ln in base[:60] if ln.strip()],
    "tab rows": lambda base: ["2010101\t行政运行\t12.54\t12.54\t"],
    "layout rows": lambda base: ["2010101   行政运行      12.54      12.54"],
}

LINE_LENGTHS = [10_000, 30_000, 100_000, 300_000, 1_000_000]
LINE_COUNTS = [10_000, 100_000, 1_000_000]


def _document(extra: list[str]) -> bytes:
    base = SAMPLE_TXT.read_text(encoding="utf-8").split("\n")
    return "\n".join(base[:12] + extra + base[12:]).encode("utf-8")


def one_line(kind: str, n: int) -> bytes:
    unit = LINE_KINDS[kind]
    return _document([(unit * (n // len(unit) + 1))[:n]])


def many_lines(kind: str, n: int) -> bytes:
    base = SAMPLE_TXT.read_text(encoding="utf-8").split("\n")
    pool = MANY_KINDS[kind](base)
    return _document([pool[k % len(pool)] for k in range(n)])


def _job(make: str, kind: str, n: int) -> tuple[float, float, int, int]:
    import budgetx
    import budgetx.validate  # imported before the clock

    data = one_line(kind, n) if make == "line" else many_lines(kind, n)
    start = time.perf_counter()
    doc = budgetx.extract("scaling.txt", data=data)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return seconds, peak_mb, len(data), len(doc.findings)


def run(make: str, kind: str, n: int) -> tuple[float, float, int, int]:
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(_job, (make, kind, n))


def series(make: str, kind: str, sizes: list[int]) -> None:
    first: tuple[float, float] | None = None
    for n in sizes:
        seconds, peak, size, findings = run(make, kind, n)
        if first is None:
            first = (seconds, peak)
        what = f"{n:>9,} chars" if make == "line" else f"{n:>9,} lines"
        print(
            f"  {what}  {size / 1e6:7.2f} MB in  {seconds:7.2f} s (x{seconds / first[0]:5.1f})"
            f"  {peak:6.0f} MB peak (x{peak / first[1]:4.1f})  {findings} findings",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="lines up to 100 kB, up to 100,000 lines")
    ap.add_argument("--only", help="only the series whose name holds this word")
    args = ap.parse_args(argv)
    lengths = [n for n in LINE_LENGTHS if not args.quick or n <= 100_000]
    counts = [n for n in LINE_COUNTS if not args.quick or n <= 100_000]
    print(f"python {sys.version.split()[0]}; time and peak memory of budgetx.extract, ratio to the first row")
    for kind in LINE_KINDS:
        if args.only and args.only not in kind:
            continue
        print(f"one line of {kind} ({LINE_KINDS[kind][:12]}…):", flush=True)
        series("line", kind, lengths)
    for kind in MANY_KINDS:
        if args.only and args.only not in kind:
            continue
        print(f"many lines: {kind}", flush=True)
        series("many", kind, counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
