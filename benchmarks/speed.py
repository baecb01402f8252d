"""Speed and memory of budgetx against bare pdfplumber and Camelot, in one run.

For every real corpus document (and the sample PDF) this times, each in a fresh
worker process so that peak memory is its own:

  (a) budgetx: full extraction (read, segment, normalise, validate) and JSON out;
  (b) pdfplumber: ``page.extract_tables()`` over every page of the same document;
  (c) Camelot lattice over the same pages, when ``camelot`` is installed
      (``pip install -e '.[bench]'``; never a runtime dependency).

It prints per document the seconds, seconds per page, peak RSS, and the ratios
a/b and a/c, then the medians and the overall ratio (total a / total b).  The
text path is timed on the sample and on a generated 1,000-table text document.
Each worker imports its tool's modules before its clock starts (budgetx: the
package, its PDF reader with pdfplumber, and validation; pdfplumber: the
package); the import times are printed on their own line.

    python benchmarks/speed.py                 # whole corpus, one repeat
    python benchmarks/speed.py --repeat 3 --only 江苏省委办公厅
    python benchmarks/speed.py --no-camelot --text-only
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLE_TXT = ROOT / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"
SAMPLE_PDF = SAMPLE_TXT.with_suffix(".pdf")


def corpus_documents() -> list[Path]:
    docs = [SAMPLE_PDF] if SAMPLE_PDF.exists() else []
    manifest = CORPUS / "MANIFEST.tsv"
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) > 1 and parts[1] == "real":
                docs.append(CORPUS / parts[0])
    return docs


# -- the measured jobs; each runs in a fresh process ---------------------------------


def _job_budgetx(path: str) -> tuple[float, int]:
    import pdfplumber  # noqa: F401  # the PDF reader's libraries, imported before the clock as in (b)

    import budgetx
    import budgetx.readers.pdf
    import budgetx.validate
    from budgetx.export.json import dumps

    start = time.perf_counter()
    doc = budgetx.extract(path)
    dumps(doc, doc.tables)
    return time.perf_counter() - start, doc.source.pages or 0


def _job_pdfplumber(path: str) -> tuple[float, int]:
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        n = len(pdf.pages)
        for page in pdf.pages:
            page.extract_tables()
            page.close()
    return time.perf_counter() - start, n


def _job_camelot(path: str) -> tuple[float, int]:
    import camelot  # type: ignore[import-not-found]

    start = time.perf_counter()
    tables = camelot.read_pdf(path, pages="all", flavor="lattice")
    n = max((t.page for t in tables), default=0) if hasattr(tables, "__iter__") else 0
    return time.perf_counter() - start, int(n)


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    Read from /proc (VmHWM), which starts afresh at exec; ``ru_maxrss`` would
    carry the parent's peak into a spawned child.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _job_import_budgetx(path: str) -> tuple[float, int]:
    start = time.perf_counter()
    import pdfplumber  # noqa: F401

    import budgetx
    import budgetx.readers.pdf
    import budgetx.validate  # noqa: F401
    from budgetx.export.json import dumps  # noqa: F401

    return time.perf_counter() - start, 0


def _job_import_pdfplumber(path: str) -> tuple[float, int]:
    start = time.perf_counter()
    import pdfplumber  # noqa: F401

    return time.perf_counter() - start, 0


JOBS = {
    "budgetx": _job_budgetx,
    "pdfplumber": _job_pdfplumber,
    "camelot": _job_camelot,
    "import budgetx": _job_import_budgetx,
    "import pdfplumber": _job_import_pdfplumber,
}


def _child(name: str, path: str, out: mp.Queue) -> None:  # type: ignore[type-arg]
    try:
        seconds, pages = JOBS[name](path)
        out.put((seconds, pages, peak_rss_mb(), None))
    except Exception as exc:  # a failed document is reported, not fatal
        out.put((None, 0, 0.0, f"{type(exc).__name__}: {exc}"))


def measure(name: str, path: Path, repeat: int) -> tuple[float | None, int, float, str | None]:
    """Median seconds over ``repeat`` fresh processes, pages, peak RSS (MB), error."""
    ctx = mp.get_context("spawn")
    runs, peak, pages, error = [], 0.0, 0, None
    for _ in range(repeat):
        q: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
        p = ctx.Process(target=_child, args=(name, str(path), q))
        p.start()
        seconds, n, mb, error = q.get()
        p.join()
        if seconds is None:
            break
        runs.append(seconds)
        peak = max(peak, mb)
        pages = n or pages
    return (statistics.median(runs) if runs else None), pages, peak, error


def pdf_benchmark(docs: list[Path], repeat: int, camelot: bool) -> None:
    tools = ["budgetx", "pdfplumber"] + (["camelot"] if camelot else [])
    totals = {t: 0.0 for t in tools}
    ratios_b: list[float] = []
    ratios_c: list[float] = []
    per_page = {t: [] for t in tools}  # type: dict[str, list[float]]
    peaks = {t: 0.0 for t in tools}
    print(f"{'document':44} {'pages':>5} " + " ".join(f"{t + ' s':>12} {'MB':>6}" for t in tools) + "   a/b   a/c")
    for doc in docs:
        results = {t: measure(t, doc, repeat) for t in tools}
        pages = results["pdfplumber"][1] or results["budgetx"][1]
        row = f"{doc.name[:44]:44} {pages:>5} "
        for t in tools:
            seconds, _, mb, _err = results[t]
            row += f"{(f'{seconds:.2f}' if seconds is not None else 'FAIL'):>12} {mb:>6.0f}"
            peaks[t] = max(peaks[t], mb)
        a, b = results["budgetx"][0], results["pdfplumber"][0]
        ab = f"{a / b:5.2f}" if a and b else "    -"
        ac = "    -"
        if camelot and a and results["camelot"][0]:
            ac = f"{a / results['camelot'][0]:5.2f}"
        print(row + f" {ab} {ac}")
        if all(results[t][0] is not None for t in tools):
            for t in tools:
                totals[t] += results[t][0]  # type: ignore[operator]
                if pages:
                    per_page[t].append(results[t][0] / pages)  # type: ignore[operator]
            ratios_b.append(a / b)  # type: ignore[operator]
            if camelot:
                ratios_c.append(a / results["camelot"][0])  # type: ignore[operator]
        for t in tools:
            if results[t][3]:
                print(f"    {t} failed: {results[t][3]}")
    print()
    for t in tools:
        med = statistics.median(per_page[t]) * 1000 if per_page[t] else float("nan")
        print(f"{t:10} total {totals[t]:8.2f} s   median {med:7.1f} ms/page   peak RSS {peaks[t]:6.0f} MB")
    if ratios_b:
        print(
            f"budgetx / pdfplumber: overall {totals['budgetx'] / totals['pdfplumber']:.2f}, "
            f"median per document {statistics.median(ratios_b):.2f}"
        )
    if ratios_c:
        print(
            f"budgetx / camelot:    overall {totals['budgetx'] / totals['camelot']:.2f}, "
            f"median per document {statistics.median(ratios_c):.2f}"
        )


def generated_text(tables: int) -> str:
    """A text document of ``tables`` tables built from the sample's table section."""
    lines = SAMPLE_TXT.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "表 1")
    end = next(i for i, ln in enumerate(lines) if ln.strip() == "表 10")
    block = lines[start:end]  # 表1 … 表8: 8 tables
    copies = -(-tables // 8)
    return "\n".join(["重庆市潼南区大数据应用发展管理局", "2021 年部门预算情况说明", *block * copies]) + "\n"


def text_benchmark(repeat: int) -> None:
    import budgetx

    def timed(data: bytes, name: str) -> tuple[float, int]:
        best = []
        doc = None
        for _ in range(repeat):
            start = time.perf_counter()
            doc = budgetx.extract(name, data=data)
            best.append(time.perf_counter() - start)
        assert doc is not None
        return statistics.median(best), len(doc.tables)

    sample = SAMPLE_TXT.read_bytes()
    s_time, s_tables = timed(sample, str(SAMPLE_TXT))
    big = generated_text(1000).encode("utf-8")
    b_time, b_tables = timed(big, "generated-1000.txt")
    print(f"text: sample            {s_tables:5} tables  {s_time * 1000:8.1f} ms")
    print(
        f"text: generated         {b_tables:5} tables  {b_time * 1000:8.1f} ms  = {b_time / b_tables * 100:.3f} s per 100 tables"
    )
    print(f"text: per-table ratio generated/sample {(b_time / b_tables) / (s_time / s_tables):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=1, help="runs per tool and document (the median is kept)")
    ap.add_argument("--only", help="only documents whose file name contains this")
    ap.add_argument("--no-camelot", action="store_true", help="skip Camelot even when installed")
    ap.add_argument("--text-only", action="store_true", help="only the text path")
    args = ap.parse_args()
    print(f"machine: {mp.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}")
    text_benchmark(max(args.repeat, 3))
    if args.text_only:
        return
    camelot = not args.no_camelot
    try:
        import camelot as _  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        camelot = False
        print("camelot not installed: (c) skipped (pip install -e '.[bench]')")
    docs = [d for d in corpus_documents() if not args.only or args.only in d.name]
    if not docs:
        print("no corpus documents found under", CORPUS, file=sys.stderr)
        return
    print()
    imports = {t: measure(f"import {t}", docs[0], max(args.repeat, 3))[0] for t in ("budgetx", "pdfplumber")}
    print(
        "imports, outside the timings below (fresh process, median): "
        + ", ".join(f"{t} {s:.2f} s" for t, s in imports.items() if s is not None)
    )
    print()
    pdf_benchmark(docs, args.repeat, camelot)


if __name__ == "__main__":
    main()
