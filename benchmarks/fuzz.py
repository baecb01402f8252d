"""Seeded mutations of real PDFs: how budgetx ends on each, counted by outcome.

    python benchmarks/fuzz.py                  # 1,200 cases over 6 PDFs (the corpus's if present)
    python benchmarks/fuzz.py -n 200 -j 2      # fewer cases
    python benchmarks/fuzz.py --seed-from 5000 # other seeds

Each case is one mutation (``tests/mutations.py``: byte flips, truncation, a
destroyed cross-reference table, a zeroed run inside a stream, an object
defined twice, junk in a content stream) of one PDF, read by ``budgetx.extract``
under its default budget in a worker process.  The parent gives every case the
budget's time and a grace; a worker that has not answered by then is killed
and the case counted as a hang.  Outcomes:

- result: read, everything the original holds or the loss reported
  (``document.page_unreadable``);
- clean error / over budget: a ``BudgetxError`` (one line and an exit code);
- hang: the worker did not end within the budget and its grace;
- traceback: any other exception (a bug);
- silent loss: fewer tables or amounts than the original, and no finding.

The last three must be 0.  A line per failing case says how to reproduce it.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing as mp
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mutations import HANG, OUTCOMES, measure, mutate, run_in_process  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
#: small PDFs of six generators: Jiangsu (two templates), Shanghai district, Shanghai city unit, Chongqing
CORPUS_SEEDS = [
    "jiangsu/江苏省人大常委会办公厅2019年部门预算公开表.pdf",
    "jiangsu/江苏省委办公厅2019年度部门预算公开表格.pdf",
    "shanghai/上海市普陀区人民政府办公室25年预算.pdf",
    "shanghai/上海市普陀区社会福利院2024年预算.pdf",
    "cities/shanghai/上海_交通运输局_上海交通职业技术学院2026年度预算.pdf",
]
REPO_SEEDS = [
    "samples/重庆市潼南区大数据应用发展管理局2021年部门预算.pdf",
    "tests/fixtures/reliability/jiangsu-2019.pdf",
    "tests/fixtures/pdf/table1.pdf",
    "tests/fixtures/pdf/unruled.pdf",
]
#: seconds a case may take (the budget), and the grace before the worker is killed
BUDGET_SECONDS = 120.0
GRACE = 30.0


def seeds() -> list[Path]:
    found = [CORPUS / p for p in CORPUS_SEEDS if (CORPUS / p).is_file()]
    return [*found, ROOT / REPO_SEEDS[0]] if found else [ROOT / p for p in REPO_SEEDS]


def _worker(conn: mp.connection.Connection, paths: list[str]) -> None:
    import budgetx
    from budgetx.budget import DEFAULT, limit_memory

    limit_memory(DEFAULT)
    originals = {}
    for p in paths:
        data = Path(p).read_bytes()
        originals[p] = (data, measure(budgetx.extract(p, validate=False)))
    conn.send("ready")
    while True:
        case = conn.recv()
        if case is None:
            return
        path, seed = case
        data, original = originals[path]
        kind, mutated = mutate(data, seed)
        start = time.monotonic()
        outcome, detail = run_in_process(f"{Path(path).stem}-{seed}.pdf", mutated, original, BUDGET_SECONDS)
        conn.send((kind, outcome, detail, time.monotonic() - start))


class Runner:
    """One worker process, replaced when a case hangs."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        self.start()

    def start(self) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, self.paths), daemon=True)
        self.proc.start()
        if not self.conn.poll(600) or self.conn.recv() != "ready":
            raise SystemExit("a fuzz worker did not start")

    def run(self, path: str, seed: int) -> tuple[str, str, str, float]:
        self.conn.send((path, seed))
        if self.conn.poll(BUDGET_SECONDS + GRACE):
            try:
                result: tuple[str, str, str, float] = self.conn.recv()
                return result
            except EOFError:
                pass  # the worker died: the OOM killer, a crash in C
        self.proc.kill()
        self.proc.join()
        code = self.proc.exitcode
        self.start()
        return "?", HANG, f"worker ended with {code}", BUDGET_SECONDS + GRACE

    def close(self) -> None:
        self.conn.send(None)
        self.proc.join(10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1200, help="number of cases (default 1200)")
    ap.add_argument("-j", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--seed-from", type=int, default=0, help="first seed (default 0)")
    args = ap.parse_args()

    paths = [str(p) for p in seeds()]
    cases = [(paths[k % len(paths)], args.seed_from + k) for k in range(args.n)]
    print(f"{len(cases)} cases over {len(paths)} PDFs, {args.j} workers")
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    failures: list[str] = []
    slowest = [0.0, ""]
    lock = threading.Lock()
    todo = iter(cases)
    started = time.monotonic()

    def drive() -> None:
        runner = Runner(paths)
        while True:
            with lock:
                case = next(todo, None)
            if case is None:
                break
            path, seed = case
            kind, outcome, detail, seconds = runner.run(path, seed)
            with lock:
                counts[kind][outcome] += 1
                if seconds > slowest[0]:
                    slowest[:] = [seconds, f"{Path(path).name} seed {seed} ({kind})"]
                if outcome in (HANG, "traceback", "silent loss"):
                    failures.append(f"{outcome}: {kind} seed {seed} of {path}: {detail}")
        runner.close()

    threads = [threading.Thread(target=drive) for _ in range(args.j)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started

    width = max(len(o) for o in OUTCOMES)
    kinds = sorted(counts)
    print(f"{'mutation':<10}" + "".join(f"{o:>{width + 2}}" for o in OUTCOMES))
    total: collections.Counter[str] = collections.Counter()
    for kind in kinds:
        total.update(counts[kind])
        print(f"{kind:<10}" + "".join(f"{counts[kind][o]:>{width + 2}}" for o in OUTCOMES))
    print(f"{'total':<10}" + "".join(f"{total[o]:>{width + 2}}" for o in OUTCOMES))
    print(f"{len(cases)} cases in {elapsed:.0f} s; slowest case {slowest[0]:.1f} s: {slowest[1]}")
    for line in failures:
        print(line)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
