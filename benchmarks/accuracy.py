"""Accuracy of budgetx on the real corpus: tables found, hierarchy identities, golden cells.

For every document of ``tests/fixtures/corpus_expected.json`` (the 29 real corpus
documents and the sample PDF) this runs ``budgetx.extract`` and prints, per
document and in total:

- tables found vs expected: an expected table is found when an extracted table
  has its kind and its label or title (or shares a page with it); for each found
  table the title, unit and pages are checked against the expectation, and its
  printed "no data" note and number of data rows where the expectation gives them;
  extracted tables that match nothing are counted as extra; the year and stage;
- hierarchy identities: in every extracted table with codes, each parent code's
  amounts = Σ its children's, column by column and block by block (passed/failed;
  a failure the expectation file lists as printed in the document is told apart);
- golden cells: for the documents with a file in ``tests/golden/corpus/``, the
  transcribed cells (codes, text, amounts) that the extraction reproduces, and the
  tables whose flattened column names and types it reproduces.

A document that fails to extract is reported with its error; the run goes on.

    python benchmarks/accuracy.py                 # whole corpus
    python benchmarks/accuracy.py --only 普陀 -v    # documents whose path contains 普陀, with details
    python benchmarks/accuracy.py --json out.json  # also write the figures as JSON

Each document is extracted in a child process (``--timeout`` seconds at most), so that a crash or a
hang is reported as that document's error; ``--in-process`` extracts in this process instead.

``tests/test_corpus_golden.py`` imports the comparison functions from here.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import re
import sys
import time
import traceback
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
EXPECTED = ROOT / "tests" / "fixtures" / "corpus_expected.json"
GOLDEN = ROOT / "tests" / "golden" / "corpus"

_WS = re.compile(r"\s+")
_QUOTES = str.maketrans({'"': "“", "＂": "“", "”": "“", "‘": "“", "’": "“", "'": "“"})


# --------------------------------------------------------------------------- loading


def load_expected(path: Path = EXPECTED) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def load_golden(directory: Path = GOLDEN) -> dict[str, dict[str, Any]]:
    """Golden documents by their ``file`` (relative to the corpus), each with its ``short`` name."""
    out: dict[str, dict[str, Any]] = {}
    for p in sorted(directory.glob("*.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        g["short"] = p.stem
        out[g["file"]] = g
    return out


def document_path(entry: dict[str, Any]) -> Path:
    return (ROOT if entry.get("root") == "repo" else CORPUS) / entry["file"]


# --------------------------------------------------------------------------- normalising


def norm_text(s: object) -> str:
    """Text compared without whitespace and with one kind of quote mark."""
    return _WS.sub("", str(s)).translate(_QUOTES) if s is not None else ""


def norm_label(s: str | None) -> str | None:
    return _WS.sub("", s) if s else None


def amount_str(v: object) -> str | None:
    """An amount cell as the exact decimal string golden files use ("12345.67"), or None."""
    if v is None:
        return None
    if isinstance(v, Decimal):
        return format(v, "f")
    s = _WS.sub("", str(v)).replace(",", "")
    return s or None


def to_decimal(v: object) -> Decimal | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        return v
    s = _WS.sub("", str(v)).replace(",", "")
    if s in ("", "-", "—", "－"):
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _block_code(parts: list[str]) -> str | None:
    """The code of one block from its code cells: split 类 | 款 | 项 parts joined, else the longest."""
    parts = [p for p in parts if p]
    if not parts:
        return None
    if len(parts) > 1 and all(len(p) <= 3 for p in parts):
        return "".join([parts[0]] + [p.zfill(2) for p in parts[1:]])  # 款/项 "2" printed without its 0
    return max(parts, key=len)


# --------------------------------------------------------------------------- rows as signatures


@dataclass
class Sig:
    codes: list[str | None]
    texts: list[str]
    amounts: list[str | None]

    @property
    def code(self) -> str | None:
        return next((c for c in self.codes if c), None)


def golden_sig(columns: list[dict[str, Any]], row: dict[str, Any]) -> Sig:
    blocks = sorted({c["block"] for c in columns if c["type"] == "code"})
    codes = row.get("codes") or ([row["code"]] if blocks else [])
    texts = [
        norm_text(v)
        for c, v in zip(columns, row["cells"], strict=False)
        if c["type"] in ("name", "text") and v is not None
    ]
    amounts = [v for c, v in zip(columns, row["cells"], strict=False) if c["type"] == "amount"]
    return Sig(list(codes), [t for t in texts if t], amounts)


def extracted_sig(table: Any, row: Any) -> Sig:
    cols = table.columns
    blocks = sorted({c.block for c in cols if c.type == "code"})
    cells = list(row.cells) + [None] * max(0, len(cols) - len(row.cells))
    codes: list[str | None] = []
    for b in blocks:
        parts = [
            norm_text(v)
            for c, v in zip(cols, cells, strict=False)
            if c.type == "code" and c.block == b and v is not None
        ]
        code = _block_code([p for p in parts if p.isdigit()])
        if b == blocks[0] and getattr(row, "code", None):
            code = row.code
        codes.append(code)
    if not blocks and getattr(row, "code", None):
        codes = [row.code]
    texts = []
    for c, v in zip(cols, cells, strict=False):
        if v is None:
            continue
        t = norm_text(v)
        # a label printed across the code and name cells (合计) counts as text wherever it was put
        if c.type in ("name", "text") or (c.type == "code" and t and not t.isdigit()):
            texts.append(t)
    amounts = [amount_str(v) for c, v in zip(cols, cells, strict=False) if c.type == "amount"]
    return Sig(codes, [t for t in texts if t], amounts)


# --------------------------------------------------------------------------- table matching


def _title_key(title: str | None) -> str:
    t = norm_text(title)
    return re.sub(r"^([一二三四五六七八九十]+、)", "", t)


def match_tables(expected: list[dict[str, Any]], extracted: list[Any]) -> list[Any | None]:
    """For each expected table, the extracted table that is it (same kind, and same label, title or page)."""
    used: set[int] = set()
    out: list[Any | None] = []
    for e in expected:
        best: tuple[int, int] | None = None
        for i, t in enumerate(extracted):
            if i in used or t.kind != e["kind"]:
                continue
            score = 0
            if e.get("label") and norm_label(t.number) == norm_label(e["label"]):
                score += 4
            if _title_key(t.title) == _title_key(e["title"]):
                score += 2
            if set(t.pages or []) & set(e["pages"]):
                score += 1
            if t.pages and t.pages[0] == e["pages"][0]:
                score += 1
            if score and (best is None or score > best[0]):
                best = (score, i)
        if best is None:
            out.append(None)
        else:
            used.add(best[1])
            out.append(extracted[best[1]])
    return out


@dataclass
class TableCheck:
    expected: dict[str, Any]
    found: bool
    title_ok: bool = False
    unit_ok: bool = False
    pages_ok: bool = False
    label_ok: bool = False
    note_ok: bool = False
    #: the number of data rows is the expected one (None when the expectation gives no count)
    rows_ok: bool | None = None
    got: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.found and self.title_ok and self.unit_ok and self.pages_ok


def check_table(e: dict[str, Any], t: Any | None, ignore_pages: list[int] | tuple[int, ...] = ()) -> TableCheck:
    if t is None:
        return TableCheck(e, False)
    ign = set(ignore_pages)
    pages_got = [p for p in (t.pages or []) if p not in ign]
    pages_exp = [p for p in e["pages"] if p not in ign]
    note_exp = norm_text(e.get("note")) if e.get("note") else ""
    return TableCheck(
        e,
        True,
        title_ok=_title_key(t.title) == _title_key(e["title"]),
        unit_ok=(t.unit or None) == e["unit"],
        pages_ok=pages_got == pages_exp,
        label_ok=norm_label(t.number) == norm_label(e.get("label")),
        note_ok=(note_exp in norm_text(t.note)) if note_exp else True,
        rows_ok=(len(t.rows) == e["rows"]) if "rows" in e else None,
        got={"title": t.title, "unit": t.unit, "pages": t.pages, "number": t.number, "rows": len(t.rows)},
    )


# --------------------------------------------------------------------------- golden cells


@dataclass
class CellScore:
    matched: int = 0
    total: int = 0
    rows_missing: int = 0
    mismatches: list[str] = field(default_factory=list)

    def add(self, other: CellScore) -> None:
        self.matched += other.matched
        self.total += other.total
        self.rows_missing += other.rows_missing
        self.mismatches += other.mismatches


def compare_golden_table(g: dict[str, Any], t: Any | None) -> CellScore:
    """Golden cells of one table that the extracted table ``t`` reproduces."""
    score = CellScore()
    gsigs = [(r, golden_sig(g["columns"], r)) for r in g["rows"]]
    for _r, s in gsigs:
        score.total += len([c for c in s.codes if c]) + len(s.texts) + len(s.amounts)
    if t is None:
        score.rows_missing = len(gsigs)
        score.mismatches.append(f"table not found: {g['title']}")
        return score
    xsigs = [extracted_sig(t, row) for row in t.rows]
    used: set[int] = set()
    nxt = 0

    def take(pred: Any) -> int | None:
        for rng in (range(nxt, len(xsigs)), range(0, nxt)):
            for i in rng:
                if i not in used and pred(xsigs[i]):
                    return i
        return None

    for r, s in gsigs:
        accept = {s.code, *r.get("code_accept", [])} - {None}
        i: int | None
        if len([c for c in s.codes if c]) > 1:
            i = take(lambda x, s=s: [c for c in x.codes] == s.codes)
        elif s.code:
            i = take(lambda x, a=accept: x.code in a)
        elif s.texts:
            i = take(lambda x, s=s: bool(x.texts) and x.texts[0] == s.texts[0] and not x.code)
        else:
            i = nxt if nxt < len(xsigs) and nxt not in used else None
        if i is None:
            score.rows_missing += 1
            score.mismatches.append(f"row missing: {s.code or (s.texts[0] if s.texts else s.amounts)}")
            continue
        used.add(i)
        nxt = i + 1
        x = xsigs[i]
        bad: list[str] = []
        for k, c in enumerate(s.codes):
            if not c:
                continue
            got = x.codes[k] if k < len(x.codes) else None
            ok_codes = {c, *r.get("code_accept", [])} if k == 0 else {c}
            if got in ok_codes:
                score.matched += 1
            else:
                bad.append(f"code {c}≠{got}")
        for k, v in enumerate(s.texts):
            got_t = x.texts[k] if k < len(x.texts) else None
            if got_t == v:
                score.matched += 1
            else:
                bad.append(f"text {v}≠{got_t}")
        for k, v in enumerate(s.amounts):
            got_a = x.amounts[k] if k < len(x.amounts) else "<no column>"
            if got_a == v:
                score.matched += 1
            else:
                bad.append(f"amount[{k}] {v}≠{got_a}")
        if bad:
            score.mismatches.append(f"{s.code or (s.texts[0] if s.texts else '')}: " + "; ".join(bad))
    return score


def golden_tables(golden: dict[str, Any], doc: Any | None) -> list[tuple[dict[str, Any], Any | None]]:
    """Each golden table with the extracted table it corresponds to (or None)."""
    extracted = doc.tables if doc is not None else []
    found = match_tables(golden["tables"], extracted)
    return list(zip(golden["tables"], found, strict=True))


def header_diff(g: dict[str, Any], t: Any | None) -> str:
    """The columns where a golden table's flattened header and the extracted one differ."""
    if t is None:
        return "table not found"
    want = [(norm_text(c["name"]), c["type"]) for c in g["columns"]]
    got = [(norm_text(c.name), c.type) for c in t.columns]
    diffs = [f"[{i}] {w} ≠ {x}" for i, (w, x) in enumerate(zip(want, got, strict=False)) if w != x]
    if len(want) != len(got):
        diffs.append(f"{len(want)} columns ≠ {len(got)}")
    return "; ".join(diffs[:4])


def columns_ok(g: dict[str, Any], t: Any | None) -> bool:
    """The flattened column names (whitespace aside) and types of a golden table are the extracted ones."""
    if t is None:
        return False
    return [(norm_text(c["name"]), c["type"]) for c in g["columns"]] == [(norm_text(c.name), c.type) for c in t.columns]


# --------------------------------------------------------------------------- hierarchy


@dataclass
class HierarchyScore:
    passed: int = 0
    failed: int = 0
    #: failed identities: title, page, code, column, printed, children, known (listed as printed in the expectation)
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def unexplained(self) -> int:
        return sum(not f["known"] for f in self.failures)

    def add(self, other: HierarchyScore) -> None:
        self.passed += other.passed
        self.failed += other.failed
        self.failures += other.failures


def _parent(code: str) -> str | None:
    return code[:-2] if len(code) in (5, 7) and code.isdigit() else None


def _cell(row: Any, j: int) -> object:
    return row.cells[j] if j < len(row.cells) else None


def known_inconsistencies(entry: dict[str, Any]) -> set[tuple[str, str, str, str]]:
    """The printed hierarchy inconsistencies the expectation file lists for a document."""
    return {
        (norm_text(i["title"]), i["code"], norm_text(i["column"]), i["printed"])
        for i in entry.get("printed_inconsistencies", [])
        if i.get("rule") == "hierarchy"
    }


def hierarchy(doc: Any, known: set[tuple[str, str, str, str]] | None = None) -> HierarchyScore:
    """Each parent code's amounts = Σ its children's, per table, block and amount column."""
    known = known or set()
    score = HierarchyScore()
    for t in doc.tables:
        code_blocks = sorted({c.block for c in t.columns if c.type == "code"})
        for b in sorted({c.block for c in t.columns}) or [0]:
            amount_cols = [j for j, c in enumerate(t.columns) if c.type == "amount" and c.block == b]
            if not amount_cols:
                continue
            # a row is placed by its code, within the other classification's 类 where the table
            # cross-lists two (301 under 501, and 301 again under 505)
            rows: dict[tuple[str | None, str], Any] = {}
            for row in t.rows:
                code = None
                if b in code_blocks:
                    code = extracted_sig(t, row).codes[code_blocks.index(b)]
                elif b == 0 and not code_blocks:
                    code = getattr(row, "code", None)
                others = [c for c in getattr(row, "codes", {}).values() if c != code] if b == 0 else []
                key = (others[0][:3] if others else None, code)
                if code and code.isdigit() and key not in rows:
                    rows[key] = row
            for (entity, code), row in rows.items():
                kids = [k for k in rows if k[0] == entity and _parent(k[1]) == code]
                if not kids:
                    continue
                for j in amount_cols:
                    vals = [_cell(row, j)] + [_cell(rows[k], j) for k in kids]
                    if all(v is None for v in vals):
                        continue
                    parent = to_decimal(_cell(row, j)) or Decimal(0)
                    total = sum((to_decimal(_cell(rows[k], j)) or Decimal(0) for k in kids), Decimal(0))
                    if parent == total:
                        score.passed += 1
                        continue
                    score.failed += 1
                    printed = amount_str(_cell(row, j)) or "0"
                    col = t.columns[j].name
                    score.failures.append(
                        {
                            "title": t.title,
                            "page": row.page,
                            "code": code,
                            "column": col,
                            "printed": printed,
                            "children": format(total, "f"),
                            "known": (norm_text(t.title), code, norm_text(col), printed) in known,
                        }
                    )
    return score


def format_failure(f: dict[str, Any]) -> str:
    tag = "printed" if f["known"] else "UNEXPLAINED"
    return (
        f"[{tag}] {f['title']} p{f['page']}: {f['code']} {f['column']} = {f['printed']}, Σ children = {f['children']}"
    )


# --------------------------------------------------------------------------- running


@dataclass
class DocResult:
    entry: dict[str, Any]
    seconds: float = 0.0
    error: str | None = None
    tables: list[TableCheck] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    hierarchy: HierarchyScore = field(default_factory=HierarchyScore)
    golden: CellScore | None = None
    #: golden tables whose flattened column names and types the extraction reproduces, and their number
    headers: tuple[int, int] = (0, 0)
    info_ok: dict[str, bool] = field(default_factory=dict)


def extract(path: Path) -> Any:
    import budgetx

    return budgetx.extract(path)


class ExtractionFailed(Exception):
    """The extraction of one document raised, died or hung; ``name`` is what went wrong."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def _worker(path: str, conn: Any) -> None:
    try:
        conn.send(("ok", extract(Path(path))))
    except BaseException as exc:  # sent to the parent, which reports it
        conn.send(("error", (type(exc).__name__, str(exc))))
    finally:
        conn.close()


def extract_isolated(path: Path, timeout: float) -> Any:
    """``extract(path)`` in a child process: a crash or a hang costs one document, not the run."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(str(path), child), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise ExtractionFailed("Timeout", f"no result after {timeout:.0f} s")
        try:
            kind, value = parent.recv()
        except EOFError:
            proc.join(5)
            raise ExtractionFailed("WorkerDied", f"the extraction process died (exit code {proc.exitcode})") from None
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(5)
        parent.close()
    if kind == "error":
        raise ExtractionFailed(*value)
    return value


def evaluate(
    entry: dict[str, Any],
    golden: dict[str, Any] | None,
    doc: Any | None = None,
    extractor: Any = extract,
) -> DocResult:
    res = DocResult(entry)
    path = document_path(entry)
    if doc is None:
        t0 = time.perf_counter()
        try:
            doc = extractor(path)
        except Exception as exc:  # report and go on: one bad document must not stop the run
            res.seconds = time.perf_counter() - t0
            name = exc.name if isinstance(exc, ExtractionFailed) else type(exc).__name__
            res.error = f"{name}: {exc}".splitlines()[0][:200]
            if not entry["tables"]:
                # a narrative-only document: "no table found" is the right answer
                res.error = None if name == "NoTablesFound" else res.error
            if golden is not None:
                res.golden = CellScore()
                for g in golden["tables"]:
                    res.golden.add(compare_golden_table(g, None))
            res.tables = [TableCheck(e, False) for e in entry["tables"]]
            return res
        res.seconds = time.perf_counter() - t0
    found = match_tables(entry["tables"], doc.tables)
    res.tables = [check_table(e, t, entry.get("ignore_pages", [])) for e, t in zip(entry["tables"], found, strict=True)]
    matched_ids = {id(t) for t in found if t is not None}
    res.extra = [f"{t.number or ''}{t.title} ({t.kind}, p{t.pages})" for t in doc.tables if id(t) not in matched_ids]
    res.hierarchy = hierarchy(doc, known_inconsistencies(entry))
    res.info_ok = {
        "year": doc.info.year == entry["year"],
        "stage": doc.info.stage == entry["stage"],
    }
    if golden is not None:
        res.golden = CellScore()
        ok = 0
        for g, t in golden_tables(golden, doc):
            res.golden.add(compare_golden_table(g, t))
            if columns_ok(g, t):
                ok += 1
            else:
                res.golden.mismatches.append(f"header of {g['title']}: " + header_diff(g, t))
        res.headers = (ok, len(golden["tables"]))
    return res


def _short(entry: dict[str, Any]) -> str:
    name = Path(entry["file"]).stem.replace(" ", "")
    return name if len(name) <= 26 else name[:25] + "…"


def report(results: list[DocResult], verbose: bool = False) -> dict[str, Any]:
    head = f"{'document':<28} {'found':>7} {'title':>6} {'unit':>6} {'pages':>6} {'extra':>5} {'hier ok/fail':>12} {'golden cells':>14} {'sec':>6}"
    print(head)
    print("-" * len(head))
    tot: dict[str, Any] = {
        k: 0
        for k in (
            "expected",
            "found",
            "title",
            "unit",
            "pages",
            "extra",
            "hp",
            "hf",
            "hu",
            "gm",
            "gt",
            "se",
            "sf",
            "ne",
            "nf",
            "ho",
            "ht",
            "ro",
            "rt",
            "io",
            "it",
        )
    }
    tot["errors"] = 0
    for r in results:
        n = len(r.tables)
        f = sum(c.found for c in r.tables)
        ti = sum(c.title_ok for c in r.tables)
        un = sum(c.unit_ok for c in r.tables)
        pg = sum(c.pages_ok for c in r.tables)
        g = f"{r.golden.matched}/{r.golden.total}" if r.golden else "-"
        line = (
            f"{_short(r.entry):<28} {f:>3}/{n:<3} {ti:>6} {un:>6} {pg:>6} {len(r.extra):>5} "
            f"{r.hierarchy.passed:>6}/{r.hierarchy.failed:<5} {g:>14} {r.seconds:>6.1f}"
        )
        if r.error:
            line += f"  ERROR {r.error}"
            tot["errors"] += 1
        print(line)
        tot["expected"] += n
        tot["found"] += f
        tot["title"] += ti
        tot["unit"] += un
        tot["pages"] += pg
        tot["extra"] += len(r.extra)
        tot["hp"] += r.hierarchy.passed
        tot["hf"] += r.hierarchy.failed
        tot["hu"] += r.hierarchy.unexplained
        std = [c for c in r.tables if c.expected.get("standard", True)]
        tot["se"] += len(std)
        tot["sf"] += sum(c.ok for c in std)
        if r.info_ok:
            tot["it"] += 1
            tot["io"] += all(r.info_ok.values())
        counted = [c for c in r.tables if c.rows_ok is not None]
        tot["rt"] += sum("rows" in c.expected for c in r.tables)
        tot["ro"] += sum(bool(c.rows_ok) for c in counted)
        noted = [c for c in r.tables if c.expected.get("note")]
        tot["ne"] += len(noted)
        tot["nf"] += sum(c.found and c.note_ok for c in noted)
        if r.golden:
            tot["gm"] += r.golden.matched
            tot["gt"] += r.golden.total
            tot["ho"] += r.headers[0]
            tot["ht"] += r.headers[1]
        if verbose:
            for c in r.tables:
                if not c.ok:
                    e = c.expected
                    what = (
                        "MISSING"
                        if not c.found
                        else (
                            "wrong "
                            + ", ".join(
                                k
                                for k, ok in (("title", c.title_ok), ("unit", c.unit_ok), ("pages", c.pages_ok))
                                if not ok
                            )
                        )
                    )
                    print(f"    {what}: {e.get('label') or ''} {e['title']} {e['unit']} p{e['pages']}  got {c.got}")
            if r.info_ok and not all(r.info_ok.values()):
                print(f"    document info wrong: {', '.join(k for k, ok in r.info_ok.items() if not ok)}")
            for c in r.tables:
                if c.found and c.rows_ok is False:
                    print(f"    rows: {c.expected['title']}: {c.got['rows']} ≠ {c.expected['rows']} expected")
                if c.found and not c.note_ok:
                    print(f"    note missing: {c.expected['title']}: {c.expected['note']}")
            for x in r.extra:
                print(f"    extra table: {x}")
            for h in r.hierarchy.failures[:20]:
                print(f"    hierarchy: {format_failure(h)}")
            if r.golden:
                for m in r.golden.mismatches[:30]:
                    print(f"    golden: {m}")
    print("-" * len(head))
    pct = lambda a, b: f"{100 * a / b:.1f}%" if b else "-"  # noqa: E731
    print(
        f"{'TOTAL':<28} {tot['found']:>3}/{tot['expected']:<3} {tot['title']:>6} {tot['unit']:>6} {tot['pages']:>6} "
        f"{tot['extra']:>5} {tot['hp']:>6}/{tot['hf']:<5} {str(tot['gm']) + '/' + str(tot['gt']):>14}"
    )
    print()
    print(
        f"documents: {len(results)} ({tot['errors']} failed to extract); year and stage right: {tot['io']}/{tot['it']}"
    )
    print(
        f"tables found: {tot['found']}/{tot['expected']} ({pct(tot['found'], tot['expected'])}); "
        f"title ok {tot['title']}, unit ok {tot['unit']}, pages ok {tot['pages']} (of those found); "
        f"extra tables {tot['extra']}"
    )
    print(
        f"standard tables found with the right title, unit and pages: {tot['sf']}/{tot['se']} "
        f"({pct(tot['sf'], tot['se'])}); printed 'no data' notes kept: {tot['nf']}/{tot['ne']}; "
        f"row counts right: {tot['ro']}/{tot['rt']}"
    )
    print(
        f"hierarchy identities: {tot['hp']} passed, {tot['hf']} failed ({pct(tot['hp'], tot['hp'] + tot['hf'])} hold); "
        f"of the failures {tot['hf'] - tot['hu']} are printed inconsistencies listed in the expectation file, "
        f"{tot['hu']} unexplained"
    )
    print(
        f"golden cells: {tot['gm']}/{tot['gt']} matched ({pct(tot['gm'], tot['gt'])}); "
        f"golden headers (flattened column names and types): {tot['ho']}/{tot['ht']}"
    )
    return tot


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="only documents whose path contains this text")
    ap.add_argument(
        "-v", "--verbose", action="store_true", help="list missing tables, failed identities, golden mismatches"
    )
    ap.add_argument("--json", type=Path, help="also write the per-document figures to this JSON file")
    ap.add_argument(
        "--timeout", type=float, default=600, help="seconds a document may take (each runs in its own process)"
    )
    ap.add_argument("--in-process", action="store_true", help="extract in this process (for a debugger)")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"the corpus is not present ({CORPUS}); nothing to measure", file=sys.stderr)
        return 2
    entries = [e for e in load_expected() if not args.only or args.only in e["file"]]
    golden = load_golden()
    results: list[DocResult] = []
    for e in entries:
        try:
            if args.in_process:
                results.append(evaluate(e, golden.get(e["file"])))
            else:
                run = lambda p: extract_isolated(p, args.timeout)  # noqa: E731
                results.append(evaluate(e, golden.get(e["file"]), extractor=run))
        except Exception:  # a bug in the comparison itself: show it, go on
            r = DocResult(e, error="benchmark error: " + traceback.format_exc().splitlines()[-1])
            results.append(r)
        sys.stdout.flush()
    tot = report(results, verbose=args.verbose)
    if args.json:
        out = {
            "total": tot,
            "documents": [
                {
                    "file": r.entry["file"],
                    "error": r.error,
                    "expected": len(r.tables),
                    "found": sum(c.found for c in r.tables),
                    "title_ok": sum(c.title_ok for c in r.tables),
                    "unit_ok": sum(c.unit_ok for c in r.tables),
                    "pages_ok": sum(c.pages_ok for c in r.tables),
                    "extra": r.extra,
                    "hierarchy_passed": r.hierarchy.passed,
                    "hierarchy_failed": r.hierarchy.failures,
                    "hierarchy_unexplained": r.hierarchy.unexplained,
                    "golden_matched": r.golden.matched if r.golden else None,
                    "golden_total": r.golden.total if r.golden else None,
                    "seconds": round(r.seconds, 2),
                }
                for r in results
            ],
        }
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
