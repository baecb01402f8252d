"""Throughput and memory of ``budgetx batch``: -j1 against -j2, in one run.

Copies the real corpus PDFs (``../shared/corpus``, the publications the
MANIFEST marks "real"), or the sample text when the corpus or the PDF reader is
not there, into a temporary folder until there are ``--documents`` of them
(each copy made unique, so that none is skipped as a duplicate), then runs the
same batch with each ``--jobs`` value into a fresh output folder and prints
documents/s, pages/s, the CPU time, the peak memory of each worker, whether
that memory stays flat as the batch goes on, the speed-up over the first
``--jobs``, and where the time goes: the CPU seconds of each stage of the
pipeline (reading — with its parts for PDFs: opening, page objects, ruled
grids —, segmentation, normalisation, validation, writing, the dataset's rows),
summed over the documents from the times each worker records
(:mod:`budgetx.stages`), their share of the run's CPU, and the slowest stage.

    python benchmarks/batch.py                           # corpus (or sample), ~500 documents, -j1 and -j2
    python benchmarks/batch.py --source sample           # the sample text, 500 documents
    python benchmarks/batch.py --source corpus -n 60     # the PDFs, twice over
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLE_TXT = ROOT / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"


def corpus_pdfs() -> list[Path]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    docs = []
    for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) > 1 and parts[1] == "real" and (CORPUS / parts[0]).exists():
            docs.append(CORPUS / parts[0])
    return docs


def pdf_reader_works(path: Path) -> bool:
    import budgetx

    try:
        budgetx.extract(path, validate=False)
    except NotImplementedError:
        return False
    except budgetx.BudgetxError:
        return True  # it reads PDFs; this one is just not a budget
    return True


def choose_sources(source: str) -> tuple[str, list[Path]]:
    if source in ("auto", "corpus"):
        pdfs = corpus_pdfs()
        if pdfs and pdf_reader_works(pdfs[0]):
            return "corpus", pdfs
        if source == "corpus":
            sys.exit("the corpus (../shared/corpus) or the PDF reader is not available")
    return "sample", [SAMPLE_TXT]


def make_copies(sources: list[Path], n: int, folder: Path) -> list[Path]:
    """``n`` documents cycling through ``sources``, each with its own bytes.

    A PDF gets a comment after its end (``%`` lines are ignored by readers), a
    text gets trailing blank lines: the tables are the same, the sha256 is not.
    """
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        data = src.read_bytes()
        data += f"\n%budgetx-bench-copy-{i}\n".encode() if src.suffix.lower() == ".pdf" else b"\n" * (i + 1)
        path = folder / f"{i:04d}_{src.name}"
        path.write_bytes(data)
        out.append(path)
    return out


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run(folder: Path, outdir: Path, jobs: int) -> dict[str, object]:
    from budgetx.batch import BatchOptions, run_batch

    start, cpu = time.perf_counter(), cpu_seconds()
    report = run_batch([str(folder)], BatchOptions(outdir, jobs=jobs))
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu
    docs = report.processed
    pages = sum(d.pages or 0 for d in docs)
    by_worker: dict[int, list[int]] = {}
    for d in docs:  # in the order they finished: a worker's peak so far, document after document
        by_worker.setdefault(d.pid, []).append(d.peak_rss_kib)
    return {
        "jobs": jobs,
        "workers": report.workers,
        "documents": len(docs),
        "failed": report.count("failed"),
        "seconds": seconds,
        "cpu": cpu,
        "load": os.getloadavg()[0],
        "docs_per_s": len(docs) / seconds,
        "pages": pages,
        "pages_per_s": pages / seconds if pages else None,
        "median_doc_s": statistics.median(d.seconds for d in docs) if docs else 0.0,
        "peaks_mib": {pid: (p[min(len(p) - 1, 9)] / 1024, p[-1] / 1024, len(p)) for pid, p in by_worker.items()},
        "stages": stage_cpu(docs, cpu),
    }


#: the pipeline's stages in the order a document goes through them (see budgetx.stages)
STAGES = ("reading", "segmentation", "normalisation", "validation", "writing", "rows")
REST = "rest of each document"
BATCH = "the batch's own work"
NOTES = (
    f"{REST}: its file read and hashed, its dataset row; {BATCH}: planning (hashing every file), "
    "the SQLite dataset, the workers' start-up"
)


def stage_cpu(docs: list[Any], cpu: float) -> dict[str, float]:
    """CPU seconds of the run by stage, summed over its documents; what no document's stages account
    for (the parent's planning, the SQLite dataset, workers' start-up) is the batch's own."""
    spent: dict[str, float] = {}
    for d in docs:
        for name, (_wall, seconds) in d.stages.items():
            spent[name] = spent.get(name, 0.0) + seconds
    document = spent.pop("document", 0.0)
    spent[REST] = max(0.0, document - sum(spent.get(s, 0.0) for s in STAGES))
    spent[BATCH] = max(0.0, cpu - document)
    return spent


def slowest(spent: dict[str, float]) -> str:
    """The stage (not one of its parts) with the most CPU time."""
    return max((name for name in spent if ":" not in name), key=lambda name: spent[name])


def print_stages(results: list[dict[str, Any]]) -> None:
    """Each stage's CPU seconds and share of the run's CPU, per --jobs value, and the slowest stage."""
    print("where the time goes: CPU seconds by stage, summed over the documents, and share of the run's CPU")
    head = "".join(f"{'-j' + str(r['jobs']) + ' cpu s':>13} {'share':>6}" for r in results)
    print(f"  {'stage':30}{head}")
    names = [*STAGES, *sorted({n for r in results for n in r["stages"] if ":" in n}), REST, BATCH]
    names = sorted(names, key=lambda n: (names.index(n.split(":")[0]) if ":" in n else names.index(n), n))
    for name in names:
        if not any(name in r["stages"] for r in results):
            continue
        label = f"  of which {name.split(': ', 1)[1]}" if ":" in name else name
        cells = ""
        for r in results:
            seconds = r["stages"].get(name, 0.0)
            cells += f"{seconds:>13.1f} {seconds / r['cpu']:>6.0%}"
        print(f"  {label:30}{cells}")
    totals = "".join(f"{r['cpu']:>13.1f} {'100%':>6}" for r in results)
    print(f"  {'total (this process, its workers)':30}{totals}")
    print(f"  ({NOTES})")
    for r in results:
        name = slowest(r["stages"])
        busy = r["cpu"] / r["seconds"]
        print(
            f"  -j{r['jobs']}: slowest stage {name}, {r['stages'][name] / r['cpu']:.0%} of the CPU; "
            f"CPU use {r['cpu']:.1f} s in {r['seconds']:.1f} s, {busy:.2f} cores busy of {os.cpu_count()}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--documents", type=int, default=500, help="documents in the batch (default 500)")
    parser.add_argument("--source", choices=("auto", "corpus", "sample"), default="auto")
    parser.add_argument("-j", "--jobs", type=int, nargs="+", default=[1, 2], help="worker counts to compare")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    kind, sources = choose_sources(args.source)
    tmp = Path(tempfile.mkdtemp(prefix="budgetx-bench-batch-"))
    try:
        docs = make_copies(sources, args.documents, tmp / "in")
        size = sum(p.stat().st_size for p in docs) / 2**20
        print(
            f"load average before: {os.getloadavg()[0]:.1f} (cpu s: this process and its workers; "
            "load: the 1-minute load average at the end of the run, other work on the machine included)"
        )
        print(
            f"budgetx batch benchmark: {len(docs)} documents ({kind}: {len(sources)} distinct, {size:.0f} MiB) "
            f"on {os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}"
        )
        results = [run(tmp / "in", tmp / f"out-j{j}", j) for j in args.jobs]
        base = results[0]
        print()
        print(
            f"{'jobs':>4} {'docs':>5} {'failed':>6} {'seconds':>8} {'docs/s':>7} {'pages/s':>8} "
            f"{'doc median s':>12} {'cpu s':>7} {'load':>5} {'speed-up':>8}"
        )
        for r in results:
            pps = f"{r['pages_per_s']:.1f}" if r["pages_per_s"] else "n/a"
            speedup = base["seconds"] / r["seconds"]  # type: ignore[operator]
            print(
                f"{r['jobs']:>4} {r['documents']:>5} {r['failed']:>6} {r['seconds']:>8.1f} {r['docs_per_s']:>7.2f} "
                f"{pps:>8} {r['median_doc_s']:>12.3f} {r['cpu']:>7.1f} {r['load']:>5.1f} {speedup:>7.2f}x"
            )
        print()
        print("peak resident memory per worker (MiB): after its 10th document -> at its last (documents it read)")
        for r in results:
            peaks = r["peaks_mib"]
            cells = ", ".join(f"{a:.0f} -> {b:.0f} ({n})" for a, b, n in peaks.values())  # type: ignore[union-attr]
            where = "in-process" if r["workers"] == 1 else "worker processes"
            print(f"  -j{r['jobs']} ({where}): {cells}")
        print()
        print_stages(results)
        if len(results) > 1:
            last = results[-1]
            print(f"\nspeed-up -j{last['jobs']}/-j{base['jobs']}: {base['seconds'] / last['seconds']:.2f}x")  # type: ignore[operator]
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
