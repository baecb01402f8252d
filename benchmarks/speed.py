"""Speed and memory of budgetx against bare pdfplumber, PyMuPDF, pdfium and Camelot.

Two measures.  ``--process`` times whole commands as a user meets them: the
interpreter's start, the imports, reading and writing, each command a fresh
process (its bytecode cached, as after ``pip install``), the tools interleaved
document by document and repeated (the median is kept):

  budgetx    ``budgetx extract doc.pdf -q -o out.json``;
  pdfplumber a bare script: ``page.extract_tables()`` for every page;
  pymupdf    a bare script: ``page.find_tables()`` for every page (``pip install -e '.[bench]'``);
  pdfium     the character floor: pypdfium2 opens the file and, on every page, makes the
             text page and asks ``get_charbox`` of every character (``.[bench]``);
  library    budgetx's in-process time for the same document (``budgetx.extract`` and the
             JSON, imports excluded, as below), for the command's overhead.

It prints per document the seconds and peak RSS of each (``os.wait4``), the medians of
the per-document ratios budgetx/pdfplumber, budgetx/pymupdf, budgetx/pdfium and of
budgetx's overhead (whole process / library), and a start-up line: ``python -c pass``,
``budgetx --version`` and ``budgetx extract`` of the sample text (median of 20 each).
By default a representative subset of the corpus (the sample PDF and, for each region,
its document of median length); ``--all`` for every document.

Without ``--process``, the library in one process with imports excluded: for every
real corpus document (and the sample PDF) this times, each in a fresh
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
    python benchmarks/speed.py --process       # whole commands: start-up, then a subset of the corpus
    python benchmarks/speed.py --process --all --repeat 5
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing as mp
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's budgetx, in this process and its workers
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLE_TXT = ROOT / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"
SAMPLE_PDF = SAMPLE_TXT.with_suffix(".pdf")


def _manifest() -> list[list[str]]:
    """The real documents' rows of the corpus manifest (file, kind, region, …, pages, …)."""
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    rows = [line.split("\t") for line in manifest.read_text(encoding="utf-8").splitlines()[1:]]
    return [r for r in rows if len(r) > 6 and r[1] == "real"]


def corpus_documents() -> list[Path]:
    docs = [SAMPLE_PDF] if SAMPLE_PDF.exists() else []
    return docs + [CORPUS / r[0] for r in _manifest()]


def representative_documents() -> list[Path]:
    """The sample PDF, and for each region of the corpus its document of median page count."""
    by_region: dict[str, list[tuple[int, str]]] = {}
    for r in _manifest():
        region = r[2].split(" ")[0]
        by_region.setdefault(region, []).append((int(r[6]) if r[6].isdigit() else 0, r[0]))
    docs = [SAMPLE_PDF] if SAMPLE_PDF.exists() else []
    for region in sorted(by_region):
        ranked = sorted(by_region[region])
        docs.append(CORPUS / ranked[(len(ranked) - 1) // 2][1])
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


# -- whole processes: what a user waits for ------------------------------------------

#: the bare tools, each a script run as ``python -c SCRIPT doc.pdf``
SCRIPTS = {
    "pdfplumber": (
        "pdfplumber",
        "import sys, pdfplumber\n"
        "with pdfplumber.open(sys.argv[1]) as pdf:\n"
        "    for page in pdf.pages:\n"
        "        page.extract_tables()\n"
        "        page.close()\n",
    ),
    "pymupdf": (
        "pymupdf",
        "import sys, pymupdf\n"
        "with pymupdf.open(sys.argv[1]) as doc:\n"
        "    for page in doc:\n"
        "        page.find_tables()\n",
    ),
    "pdfium": (
        "pypdfium2",
        "import sys, pypdfium2\n"
        "pdf = pypdfium2.PdfDocument(sys.argv[1])\n"
        "for i in range(len(pdf)):\n"
        "    page = pdf[i]\n"
        "    text = page.get_textpage()\n"
        "    for c in range(text.count_chars()):\n"
        "        text.get_charbox(c)\n"
        "    text.close()\n"
        "    page.close()\n"
        "pdf.close()\n",
    ),
}


def _child_env() -> dict[str, str]:
    """The environment of a measured command: bytecode cached and used, as after ``pip install``."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def run_process(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one command, run to its end."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, env=_child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(argv[:4])} … exited {proc.returncode}: {err.decode(errors='replace')[-300:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def budgetx_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "budgetx", *args]


def startup_benchmark(runs: int) -> None:
    """``python -c pass``, ``budgetx --version`` and ``budgetx extract`` of the sample text, interleaved."""
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "x.json")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "budgetx --version": budgetx_command("--version"),
            "budgetx extract sample.txt": budgetx_command("extract", str(SAMPLE_TXT), "-q", "-o", out),
        }
        for argv in commands.values():
            run_process(argv)  # writes the bytecode caches; not counted
        walls: dict[str, list[float]] = {k: [] for k in commands}
        cpus: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(runs):
            for name, argv in commands.items():
                wall, cpu, _mb = run_process(argv)
                walls[name].append(wall)
                cpus[name].append(cpu)
    base_wall, base_cpu = statistics.median(walls["python -c pass"]), statistics.median(cpus["python -c pass"])
    print(f"start-up, median of {runs} runs each, interleaved (wall; CPU = user + system):")
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        extra = "" if name == "python -c pass" else f"   +{wall - base_wall:.3f} s wall, +{cpu - base_cpu:.3f} s CPU"
        print(f"  {name:28} {wall:6.3f} s wall  {cpu:6.3f} s CPU{extra}")


def _pages(path: Path) -> int:
    for r in _manifest():
        if CORPUS / r[0] == path and r[6].isdigit():
            return int(r[6])
    import pypdfium2

    return len(pypdfium2.PdfDocument(str(path)))


def _one_document(doc: Path, tools: list[str], repeat: int, out: str) -> tuple[dict[str, dict[str, float]], str | None]:
    """Each tool's median wall and CPU seconds and peak RSS on ``doc``, the tools interleaved ``repeat`` times."""
    argv = {"budgetx": budgetx_command("extract", str(doc), "-q", "-o", out)}
    argv.update({t: [sys.executable, "-c", SCRIPTS[t][1], str(doc)] for t in tools[1:]})
    runs: dict[str, list[tuple[float, float, float]]] = {t: [] for t in [*tools, "library"]}
    error = None
    for _ in range(repeat):
        for t in tools:
            try:
                runs[t].append(run_process(argv[t]))
            except RuntimeError as exc:
                error = f"{t}: {exc}"
        lib, _, rss, lib_error = measure("budgetx", doc, 1)  # the library in-process, imports excluded
        if lib is not None:
            runs["library"].append((lib, float("nan"), rss))
        error = error or lib_error
    medians = {
        t: {
            "wall": statistics.median(r[0] for r in v),
            "cpu": statistics.median(r[1] for r in v),
            "mb": max(r[2] for r in v),
        }
        for t, v in runs.items()
        if v
    }
    return medians, error


def process_benchmark(docs: list[Path], repeat: int) -> None:
    """Whole commands per document, the tools interleaved: medians, ratios, peak RSS, budgetx's overhead."""
    tools = ["budgetx"] + [t for t, (module, _) in SCRIPTS.items() if importlib.util.find_spec(module)]
    missing = [t for t in SCRIPTS if t not in tools]
    if missing:
        print(f"not installed, skipped: {', '.join(missing)} (pip install -e '.[bench]')")
    columns = [*tools, "library"]
    others = columns[1:]
    wall_ratios: dict[str, list[float]] = {t: [] for t in others}
    cpu_ratios: dict[str, list[float]] = {t: [] for t in others}
    peaks = {t: 0.0 for t in columns}
    totals = {t: 0.0 for t in columns}
    print(f"whole processes, wall seconds (median of {repeat}, interleaved) and peak RSS; ratios budgetx / tool")
    print(
        f"{'document':40} {'pages':>5} "
        + " ".join(f"{t + ' s':>12} {'MB':>5}" for t in columns)
        + "  "
        + " ".join(f"{'/' + t[:7]:>8}" for t in others)
    )
    with tempfile.TemporaryDirectory() as tmp:
        for doc in docs:
            med, error = _one_document(doc, tools, repeat, str(Path(tmp) / "x.json"))
            row = f"{doc.name[:40]:40} {_pages(doc):>5} "
            row += " ".join(
                f"{med[t]['wall']:>12.2f} {med[t]['mb']:>5.0f}" if t in med else f"{'FAIL':>12} {'':>5}"
                for t in columns
            )
            cells = []
            for t in others:
                if "budgetx" in med and t in med:
                    wall_ratios[t].append(med["budgetx"]["wall"] / med[t]["wall"])
                    if t != "library":
                        cpu_ratios[t].append(med["budgetx"]["cpu"] / med[t]["cpu"])
                    cells.append(f"{wall_ratios[t][-1]:8.2f}")
                else:
                    cells.append(f"{'-':>8}")
            print(row + "  " + " ".join(cells))
            if error:
                print(f"    failed: {error}")
            if all(t in med for t in columns):
                for t in columns:
                    totals[t] += med[t]["wall"]
                    peaks[t] = max(peaks[t], med[t]["mb"])
    print()
    for t in columns:
        print(f"{t:10} total {totals[t]:8.2f} s   peak RSS {peaks[t]:6.0f} MB")
    for t in others[:-1]:
        if wall_ratios[t]:
            print(
                f"budgetx / {t:10}  median per document {statistics.median(wall_ratios[t]):.2f} wall, "
                f"{statistics.median(cpu_ratios[t]):.2f} CPU; overall {totals['budgetx'] / totals[t]:.2f} wall"
            )
    if wall_ratios["library"]:
        n = len(wall_ratios["library"])
        print(
            f"overhead of the command (whole process / library in-process): median per document "
            f"{statistics.median(wall_ratios['library']):.2f}, overall {totals['budgetx'] / totals['library']:.2f}, "
            f"{(totals['budgetx'] - totals['library']) / n:.2f} s per document"
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
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per tool and document (the median is kept; at least 3 with --process)",
    )
    ap.add_argument("--only", help="only documents whose file name contains this")
    ap.add_argument("--no-camelot", action="store_true", help="skip Camelot even when installed")
    ap.add_argument("--text-only", action="store_true", help="only the text path")
    ap.add_argument("--process", action="store_true", help="time whole commands (start-up included) instead")
    ap.add_argument("--all", action="store_true", help="with --process: every corpus document, not a subset")
    ap.add_argument("--startup-runs", type=int, default=20, help="with --process: runs of each start-up command")
    args = ap.parse_args()
    print(f"machine: {mp.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}")
    if args.process:
        startup_benchmark(args.startup_runs)
        if args.text_only:
            return
        pool = corpus_documents() if args.all or args.only else representative_documents()
        docs = [d for d in pool if not args.only or args.only in d.name]
        if not docs:
            print("no corpus documents found under", CORPUS, file=sys.stderr)
            return
        print()
        process_benchmark(docs, max(args.repeat, 3))
        return
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
