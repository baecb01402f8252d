"""The two PDF backends side by side: same output, pages read, time per page.

For every PDF of the corpus (``../shared/corpus``, every ``*.pdf`` below it)
and the sample, in one process, budgetx extracts the document with
``BUDGETX_PDF_BACKEND=pdfminer`` and with ``BUDGETX_PDF_BACKEND=pdfium`` and
compares the JSON (``budgetx.export.json.dumps``, tables and findings) byte for
byte; a document budgetx refuses must be refused with the same message by
both.  Per document it prints: same or DIFFERENT, the pages, the pages pdfium
read (the others went to pdfminer, with the reasons), and each backend's
milliseconds per page (best of ``--repeat``).  Then the totals:

- documents identical / total, pages on the pdfium path / total;
- each backend's time per page over the whole corpus, for the full extraction
  and, with ``--reader``, for the PDF reader alone (``budgetx.readers.pdf.read``);
- what opening the document with pdfplumber costs per page (pdfminer parsing
  the xref and the page tree, pdfplumber building each ``Page``), which the
  pdfium backend pays only for a document with a page pdfium leaves to pdfminer.

    python benchmarks/backends.py                      # the whole corpus
    python benchmarks/backends.py --only 江苏 --repeat 3
    python benchmarks/backends.py --diff               # show the first differing lines

Exits 1 when a document differs.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLE_PDF = ROOT / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.pdf"
ENV = "BUDGETX_PDF_BACKEND"


def documents(corpus: Path = CORPUS) -> list[Path]:
    docs = [SAMPLE_PDF] if SAMPLE_PDF.exists() else []
    if corpus.exists():
        docs.extend(sorted(corpus.rglob("*.pdf")))
    return docs


class _Counting:
    """Collects the pdfium readers budgetx opens, to count the pages they read."""

    def __init__(self) -> None:
        from budgetx.readers.pdf import pdfium

        self.readers: list[Any] = []
        real = pdfium.Reader.__init__
        counting = self

        def init(reader: Any, *args: Any, **kwargs: Any) -> None:
            real(reader, *args, **kwargs)
            counting.readers.append(reader)

        pdfium.Reader.__init__ = init  # type: ignore[method-assign]

    def take(self) -> tuple[int, Counter[str]]:
        fast = sum(r.stats.fast for r in self.readers)
        reasons: Counter[str] = Counter()
        for r in self.readers:
            reasons.update(r.stats.fallback)
        self.readers.clear()
        return fast, reasons


def _extract(path: Path, backend: str) -> tuple[bytes, float, int]:
    """(JSON or the refusal, seconds, pages) for one document with one backend."""
    import budgetx
    from budgetx.errors import BudgetxError
    from budgetx.export.json import dumps

    os.environ[ENV] = backend
    start = time.perf_counter()
    try:
        doc = budgetx.extract(path)
        out = dumps(doc, doc.tables)
        pages = doc.source.pages or 0
    except BudgetxError as exc:
        out = f"refused: {type(exc).__name__}: {exc}".encode()
        pages = 0
    return out, time.perf_counter() - start, pages


def _read(path: Path, backend: str) -> float:
    from budgetx.errors import BudgetxError
    from budgetx.readers.pdf import read

    os.environ[ENV] = backend
    data = path.read_bytes()
    start = time.perf_counter()
    with contextlib.suppress(BudgetxError):
        read(data, str(path))
    return time.perf_counter() - start


def _open_only(path: Path) -> tuple[float, int]:
    """Seconds for pdfplumber to open the document and build its pages (no content read)."""
    import pdfplumber

    data = path.read_bytes()
    start = time.perf_counter()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        n = 0
        for page in pdf.pages:
            _ = page.mediabox, page.rotation
            n += 1
    return time.perf_counter() - start, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="only documents whose path contains this text")
    ap.add_argument("--repeat", type=int, default=1, help="time each backend this many times, keep the best")
    ap.add_argument("--diff", action="store_true", help="print the first lines that differ")
    ap.add_argument("--reader", action="store_true", help="also time the PDF reader alone with each backend")
    args = ap.parse_args(argv)

    from budgetx.readers.pdf import pdfium
    from budgetx.readers.pdf.objects import quiet_pdfminer

    if not pdfium.available():
        print("pypdfium2 is not installed: pip install pypdfium2", file=sys.stderr)
        return 2
    docs = [d for d in documents() if not args.only or args.only in str(d)]
    if not docs:
        print(f"no PDF found (corpus: {CORPUS})", file=sys.stderr)
        return 2
    counting = _Counting()
    saved = os.environ.get(ENV)
    same = total_pages = fast_pages = 0
    reasons: Counter[str] = Counter()
    times = {"pdfminer": 0.0, "pdfium": 0.0}
    reads = {"pdfminer": 0.0, "pdfium": 0.0}
    opening = 0.0
    differing: list[str] = []
    try:
        for path in docs:
            name = str(path.relative_to(CORPUS)) if path.is_relative_to(CORPUS) else path.name
            outs: dict[str, bytes] = {}
            best: dict[str, float] = {}
            pages = 0
            fast, why = 0, Counter[str]()
            for backend in ("pdfminer", "pdfium"):
                for _ in range(max(args.repeat, 1)):
                    out, secs, pages = _extract(path, backend)
                    outs[backend] = out
                    best[backend] = min(best.get(backend, secs), secs)
                    fast, why = counting.take()  # the last run's pages
            with quiet_pdfminer():
                if args.reader:
                    for backend in ("pdfminer", "pdfium"):
                        reads[backend] += min(_read(path, backend) for _ in range(max(args.repeat, 1)))
                    counting.take()
                secs, n = _open_only(path)
            opening += secs
            pages = pages or n
            ok = outs["pdfminer"] == outs["pdfium"]
            same += ok
            total_pages += pages
            fast_pages += fast
            reasons.update(why)
            for backend in times:
                times[backend] += best[backend]
            per = {b: 1000 * best[b] / max(pages, 1) for b in best}
            print(
                f"{'same     ' if ok else 'DIFFERENT'} {pages:4d} pages, pdfium {fast:4d}"
                f"  pdfminer {per['pdfminer']:6.1f} ms/page  pdfium {per['pdfium']:6.1f} ms/page  {name}"
                + (f"  (to pdfminer: {dict(why)})" if why else ""),
                flush=True,
            )
            if not ok:
                differing.append(name)
                if args.diff:
                    a = outs["pdfminer"].decode("utf-8", "replace").splitlines()
                    b = outs["pdfium"].decode("utf-8", "replace").splitlines()
                    lines = list(difflib.unified_diff(a, b, "pdfminer", "pdfium", n=1, lineterm=""))
                    print("\n".join("    " + ln for ln in lines[:40]))
    finally:
        if saved is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = saved
    print()
    print(f"documents identical: {same} / {len(docs)}")
    print(
        f"pages on the pdfium path: {fast_pages} / {total_pages}"
        + (f"  (to pdfminer: {dict(reasons)})" if reasons else "")
    )
    for label, table in (("extraction", times), ("PDF reader", reads))[: 2 if args.reader else 1]:
        print(
            f"{label:10s}: pdfminer {1000 * table['pdfminer'] / total_pages:5.1f} ms/page,"
            f" pdfium {1000 * table['pdfium'] / total_pages:5.1f} ms/page"
            f"  (x{table['pdfminer'] / max(table['pdfium'], 1e-9):.2f})"
        )
    print(f"pdfplumber opening the documents (xref, page tree, pages): {1000 * opening / total_pages:5.1f} ms/page")
    if differing:
        print("different:", ", ".join(differing))
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
