"""Structure of every corpus document as budgetx reads it: codes, hierarchy, titles, numbers, metadata.

For every PDF under ``../shared/corpus`` (all of them, ``not-publications/`` included) this runs
``budgetx.extract`` and prints, per document and in total:

- error findings: how many findings of severity ``error`` the document gets, how many of them are
  confirmed (an entry of ``tests/fixtures/validate_corpus_findings.json`` for that document, matched the
  way ``tests/test_validate_corpus.py`` matches them: rule, severity, page, code, column, expected,
  actual; each entry confirms one finding) and how many are not; a document the fixture does not list
  counts all its errors as not confirmed;
- rows with a code left in text: data rows (of the grids, not the performance forms) whose ``code`` is
  None although a text cell of the row's item (a name or text column of block 0) starts with a subject
  code ("[201]一般公共服务支出", "201-一般公共服务支出", "2010101 行政运行", also after a space or a
  colon inside the cell; not a quantity such as "500万元"), or a code column of block 0 holds digits
  (a staircase 款/项 segment such as "05" under its 类; columns of unit codes, 部门代码/单位代码, left out);
- parent = Σ children by level: in every table, block by block (the amount columns of block 0, where
  ``row.code`` belongs; rows grouped by ``row.entity`` when the model has it), each row with a 类
  (level 1) or 款 (level 2) code whose children (rows with ``parent`` = its code, printed after it and
  before the next row of its level or above) exist is compared column by column (exact decimals, an
  empty cell is zero; a column where the parent and all children are empty is no check) with the sum
  of its children: passed/failed per level; and each 合计/总计 row without a code against the sum of
  the 类 rows it heads (level 0). Columns of row numbers, rates and shares are left out. The counts go
  up as more codes are read, and a failure is either a printed inconsistency or a misread row;
- tables: untitled ones (empty title), those without column names (no columns, or all names empty),
  and those with a printed number (``number`` not None), of all tables;
- metadata: department (compared without whitespace), year, stage, and publication (部门/单位, when the
  document info has that attribute) against ``tests/fixtures/corpus_metadata.json``.

A document that fails to extract (an error, a crash of the process, a hang past ``--timeout``) is
reported with its error; the run goes on.

    python benchmarks/structure.py                   # the whole corpus
    python benchmarks/structure.py --only 烟台 -v      # documents whose path contains 烟台, with details
    python benchmarks/structure.py --json out.json    # also write the figures as JSON

Documents are extracted and measured in child processes, ``--jobs`` (2) at a time, each with
``--timeout`` seconds at most; ``--in-process`` runs everything in this process instead (for a
debugger). ``tests/test_structure_benchmark.py`` tests the counting functions.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing as mp
import re
import sys
import time
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field
from decimal import Decimal
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FINDINGS = ROOT / "tests" / "fixtures" / "validate_corpus_findings.json"
METADATA = ROOT / "tests" / "fixtures" / "corpus_metadata.json"

_WS = re.compile(r"\s+")

#: a subject code at the start of a text cell, or after a space or colon inside it: 3, 5 or 7 digits,
#: maybe in brackets, then maybe a dash or spaces, then the name ("[201]一般公共服务支出", "201-…",
#: "2010101 行政运行")
CODE_IN_TEXT = re.compile(
    r"(?:^|(?<=[\s:：、]))"
    r"(?P<open>[\[【(（])?(?P<code>[1-9]\d{2}(?:\d{2}){0,2})(?!\d)(?P<close>[\]】)）])?"
    r"(?P<sep>[-－—\s]*)(?P<next>\S)"
)
#: what follows a number that is a quantity or a date, not a code ("500万元", "360 天", "3.5"); and what
#: does only when printed against the number ("100人"), as it may also start an item ("20101 人大事务")
_QUANTITY = re.compile(r"[年月日万亿元天辆吨岁%％.,，·]")
_QUANTITY_JOINED = re.compile(r"[千百个人次项户名家台套件平米公里小时分秒]")

#: a row that totals its block (合计, 总计, 人员经费合计), not a line of a 收支总表 (本年收入合计)
TOTAL_LABEL = re.compile(r"^.{0,6}(?:合计|总计)$")
NOT_TOTAL_LABEL = re.compile(r"^(?:本年|收入|支出|[一二三四五六七八九十]+[、.．])")
#: a code column of units, not of subjects (部门代码 123001, 单位代码 313001)
UNIT_CODE_COLUMN = re.compile(r"(?:单位|部门)(?:代码|编码)")
#: columns whose figures do not add up: row numbers, rates, shares
NOT_ADDITIVE = re.compile(r"行次|栏次|序号|%|％|率|比例|占比|比重")

LEVELS = {0: "合计", 1: "类", 2: "款"}


# --------------------------------------------------------------------------- loading


def corpus_documents(corpus: Path = CORPUS) -> list[str]:
    """Every PDF of the corpus, as a path relative to it."""
    return sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*.pdf"))


def load_findings(path: Path = FINDINGS) -> dict[str, list[dict[str, Any]]]:
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def load_metadata(path: Path = METADATA) -> dict[str, dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def _finding_keys() -> tuple[Any, Any]:
    """The finding keys of tests/test_validate_corpus.py (its ``_key``, ``_fixture_key``), or the same here."""
    try:
        spec = importlib.util.spec_from_file_location(
            "budgetx_test_validate_corpus", ROOT / "tests" / "test_validate_corpus.py"
        )
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod._key, mod._fixture_key
    except Exception:  # the test moved or cannot be imported here: its matching, copied
        amount = lambda x: None if x is None else Decimal(str(x))  # noqa: E731

        def key(f: Any) -> tuple[object, ...]:
            return (f.rule, f.severity, f.page, f.code, f.column, f.expected, f.actual)

        def fixture_key(d: dict[str, Any]) -> tuple[object, ...]:
            return (
                d["rule"],
                d["severity"],
                d["page"],
                d["code"],
                d["column"],
                amount(d["expected"]),
                amount(d["actual"]),
            )

        return key, fixture_key


finding_key, fixture_key = _finding_keys()


# --------------------------------------------------------------------------- counting


def norm(s: object) -> str:
    return _WS.sub("", str(s)) if s is not None else ""


def count_errors(doc: Any, known: list[dict[str, Any]] | None) -> tuple[int, int, list[Any]]:
    """(errors, confirmed, the errors not confirmed) of ``doc`` against its fixture entries.

    ``known`` None: the document is not in the fixture, no error is confirmed.
    """
    errors = [f for f in doc.findings if f.severity == "error"]
    pool = Counter(fixture_key(d) for d in known or [] if d["severity"] == "error")
    confirmed = 0
    unconfirmed = []
    for f in errors:
        k = finding_key(f)
        if pool[k] > 0:
            pool[k] -= 1
            confirmed += 1
        else:
            unconfirmed.append(f)
    return len(errors), confirmed, unconfirmed


def text_has_code(text: str | None) -> bool:
    """True when ``text`` carries a subject code before a name ("[201]一般公共服务支出", "201-…")."""
    if not text:
        return False
    s = text.strip()
    for m in CODE_IN_TEXT.finditer(s):
        nxt = m["next"]
        if nxt.isdigit() or _QUANTITY.match(nxt):
            continue
        if not (m["open"] or m["close"] or m["sep"]) and _QUANTITY_JOINED.match(nxt):
            continue
        return True
    return False


def is_form(table: Any) -> bool:
    return str(getattr(table, "kind", "") or "").startswith("performance_")


def grid_rows(table: Any) -> list[Any]:
    """The data rows this benchmark counts: those of grids, not of performance forms."""
    return [] if is_form(table) else list(table.rows)


def code_left_in_text(table: Any, row: Any) -> str | None:
    """Why ``row`` has a code that was not read (``row.code`` is None), or None."""
    if getattr(row, "code", None):
        return None
    cells = list(row.cells)
    unit = getattr(row, "entity", None)
    for j, col in enumerate(table.columns):
        if col.block != 0 or j >= len(cells) or not isinstance(cells[j], str) or cells[j] == unit:
            continue
        if col.type == "code" and re.search(r"\d", cells[j]) and not UNIT_CODE_COLUMN.search(col.name or ""):
            return f"code column {col.name!r} holds {cells[j]!r}"
        if col.type in ("name", "text") and text_has_code(cells[j]) and _subject_class(cells[j]):
            return f"text {cells[j]!r}"
    return None


def _subject_class(text: str) -> bool:
    """True when the number before the name opens with a 类 of the catalogue: "341-湖州市财政局" is a
    department's code and "12328电话…" a hotline, not subject codes."""
    from budgetx.normalize.catalogue import catalogue

    m = re.search(r"[1-9]\d{2}", text)
    return bool(m) and m.group(0) in catalogue()


def _level(row: Any) -> int | None:
    lv = getattr(row, "level", None)
    if lv is None and getattr(row, "code", None):
        lv = {3: 1, 5: 2, 7: 3}.get(len(row.code))
    return lv


def additive_columns(table: Any, block: int = 0) -> list[int]:
    return [
        j
        for j, c in enumerate(table.columns)
        if c.type == "amount" and c.block == block and not NOT_ADDITIVE.search(c.name or "")
    ]


def _value(row: Any, j: int) -> Decimal | None:
    v = row.cells[j] if j < len(row.cells) else None
    return v if isinstance(v, Decimal) else None


def _label(table: Any, row: Any) -> str:
    """The printed item of a row without code: its name, else the first text of block 0."""
    if getattr(row, "name", None):
        return norm(row.name)
    for j, col in enumerate(table.columns):
        v = row.cells[j] if j < len(row.cells) else None
        if col.block == 0 and col.type in ("code", "name", "text") and isinstance(v, str) and v.strip():
            return norm(v)
    return ""


def is_total_row(table: Any, row: Any) -> bool:
    if getattr(row, "code", None):
        return False
    label = _label(table, row)
    return bool(TOTAL_LABEL.match(label)) and not NOT_TOTAL_LABEL.match(label)


@dataclass
class Check:
    """One parent = Σ children comparison in one column."""

    level: int  # 0 合计 = Σ 类, 1 类 = Σ 款, 2 款 = Σ 项
    ok: bool
    table: str
    page: int | None
    code: str | None
    column: str
    printed: Decimal
    children: Decimal

    def describe(self) -> str:
        what = self.code or "合计"
        return (
            f"{LEVELS[self.level]} {self.table} p{self.page}: {what} {self.column} = {self.printed}, "
            f"Σ children = {self.children}"
        )


def _compare(level: int, table: Any, parent: Any, kids: list[Any], cols: list[int], out: list[Check]) -> None:
    for j in cols:
        values = [_value(parent, j)] + [_value(k, j) for k in kids]
        if all(v is None for v in values):
            continue
        printed = values[0] or Decimal(0)
        total = sum((v or Decimal(0) for v in values[1:]), Decimal(0))
        out.append(
            Check(
                level,
                printed == total,
                table.title or "",
                parent.page,
                getattr(parent, "code", None),
                table.columns[j].name,
                printed,
                total,
            )
        )


def hierarchy_checks(table: Any) -> list[Check]:
    """Every parent = Σ children check of ``table`` (see the module's docstring)."""
    out: list[Check] = []
    if is_form(table):
        return out
    cols = additive_columns(table, 0)
    if not cols:
        return out
    groups: dict[Any, list[Any]] = {}
    for row in table.rows:
        groups.setdefault(getattr(row, "entity", None), []).append(row)
    for rows in groups.values():
        for i, row in enumerate(rows):
            code, lv = getattr(row, "code", None), _level(row)
            if not code or lv not in (1, 2):
                continue
            kids = []
            for other in rows[i + 1 :]:
                olv = _level(other) if getattr(other, "code", None) else None
                if olv is not None and olv <= lv:
                    break
                if getattr(other, "parent", None) == code:
                    kids.append(other)
            if kids:
                _compare(lv, table, row, kids, cols, out)
        # 合计 = Σ 类: each total row against the 类 rows it heads (or closes, when printed below them)
        totals = [i for i, r in enumerate(rows) if is_total_row(table, r)]
        tops = [i for i, r in enumerate(rows) if getattr(r, "code", None) and _level(r) == 1]
        if not totals or not tops:
            continue
        above = totals[0] < tops[0]
        for n, t in enumerate(totals):
            if above:
                lo, hi = t, totals[n + 1] if n + 1 < len(totals) else len(rows)
            else:
                lo, hi = totals[n - 1] if n else -1, t
            kids = [rows[i] for i in tops if lo < i < hi]
            if kids:
                _compare(0, table, rows[t], kids, cols, out)
    return out


def is_untitled(table: Any) -> bool:
    return not norm(getattr(table, "title", None))


def is_columnless(table: Any) -> bool:
    return not table.columns or all(not norm(c.name) for c in table.columns)


def metadata_wrong(doc: Any, expected: dict[str, Any] | None) -> dict[str, tuple[Any, Any]]:
    """The wrong fields of the document info: {field: (got, expected)}; publication only if the info has it."""
    if expected is None:
        return {}
    info = doc.info
    wrong: dict[str, tuple[Any, Any]] = {}
    dep = getattr(info, "department", None)
    if (norm(dep) or None) != (norm(expected["department"]) or None):
        wrong["department"] = (dep, expected["department"])
    for name in ("year", "stage"):
        if getattr(info, name, None) != expected[name]:
            wrong[name] = (getattr(info, name, None), expected[name])
    if hasattr(info, "publication") and info.publication != expected["publication"]:
        wrong["publication"] = (info.publication, expected["publication"])
    return wrong


# --------------------------------------------------------------------------- one document


@dataclass
class DocResult:
    file: str
    seconds: float = 0.0
    error: str | None = None
    errors: int = 0
    confirmed: int = 0
    unconfirmed: list[str] = field(default_factory=list)
    data_rows: int = 0
    code_in_text: list[str] = field(default_factory=list)
    #: level → [passed, failed]
    checks: dict[int, list[int]] = field(default_factory=lambda: {0: [0, 0], 1: [0, 0], 2: [0, 0]})
    failures: list[str] = field(default_factory=list)
    tables: int = 0
    untitled: list[str] = field(default_factory=list)
    columnless: list[str] = field(default_factory=list)
    numbered: int = 0
    #: None: no expectation for the document; else the wrong fields
    meta_wrong: dict[str, tuple[Any, Any]] | None = None
    meta_fields: int = 0


def _where(t: Any) -> str:
    return f"#{t.index} {t.number or ''}{t.title or '(untitled)'} p{t.pages[:1] or '?'}"


def measure(doc: Any, file: str, known: list[dict[str, Any]] | None, expected: dict[str, Any] | None) -> DocResult:
    """Everything this benchmark counts about one extracted document."""
    res = DocResult(file)
    res.errors, res.confirmed, unconfirmed = count_errors(doc, known)
    res.unconfirmed = [
        f"{f.rule} p{f.page} {f.code or ''} {f.column or ''}: expected {f.expected}, actual {f.actual}"
        for f in unconfirmed
    ]
    for t in doc.tables:
        res.tables += 1
        res.numbered += t.number is not None
        if is_untitled(t):
            res.untitled.append(_where(t))
        if is_columnless(t):
            res.columnless.append(_where(t))
        for row in grid_rows(t):
            res.data_rows += 1
            why = code_left_in_text(t, row)
            if why:
                res.code_in_text.append(f"{t.title or '(untitled)'} p{row.page}: {why}")
        for c in hierarchy_checks(t):
            res.checks[c.level][0 if c.ok else 1] += 1
            if not c.ok:
                res.failures.append(c.describe())
    if expected is not None:
        res.meta_wrong = metadata_wrong(doc, expected)
        res.meta_fields = 3 + hasattr(doc.info, "publication")
    return res


def extract(path: Path) -> Any:
    import budgetx

    return budgetx.extract(path)


def evaluate(
    file: str,
    known: list[dict[str, Any]] | None,
    expected: dict[str, Any] | None,
    corpus: Path = CORPUS,
) -> DocResult:
    """Extract and measure one document in this process; an extraction error is the result's ``error``."""
    t0 = time.perf_counter()
    try:
        doc = extract(corpus / file)
    except Exception as exc:  # report and go on
        res = DocResult(file, seconds=time.perf_counter() - t0)
        res.error = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        return res
    seconds = time.perf_counter() - t0
    try:
        res = measure(doc, file, known, expected)
    except Exception:  # a bug of the benchmark itself: show it, go on
        res = DocResult(file, error="benchmark error: " + traceback.format_exc().splitlines()[-1])
    res.seconds = seconds
    return res


def _worker(args: tuple[str, Any, Any, str], conn: Any) -> None:
    file, known, expected, corpus = args
    try:
        conn.send(evaluate(file, known, expected, Path(corpus)))
    except BaseException as exc:  # e.g. a result that cannot be sent
        conn.send(DocResult(file, error=f"{type(exc).__name__}: {exc}".splitlines()[0][:200]))
    finally:
        conn.close()


def run_isolated(jobs: list[tuple[str, Any, Any, str]], processes: int, timeout: float) -> dict[str, DocResult]:
    """Each job in its own child process, ``processes`` at a time: a crash or a hang costs one document."""
    ctx = mp.get_context("fork")
    pending = deque(jobs)
    running: dict[Any, tuple[str, Any, float]] = {}
    out: dict[str, DocResult] = {}
    while pending or running:
        while pending and len(running) < processes:
            job = pending.popleft()
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_worker, args=(job, child), daemon=True)
            proc.start()
            child.close()
            running[parent] = (job[0], proc, time.monotonic())
        now = time.monotonic()
        left = min(start + timeout - now for _, _, start in running.values())
        for conn in wait(list(running), timeout=max(0.0, left)):
            file, proc, start = running.pop(conn)
            try:
                out[file] = conn.recv()
            except EOFError:
                proc.join(5)
                out[file] = DocResult(
                    file,
                    seconds=time.monotonic() - start,
                    error=f"WorkerDied: the extraction process died (exit code {proc.exitcode})",
                )
            conn.close()
            proc.join(5)
        now = time.monotonic()
        for conn, (file, proc, start) in list(running.items()):
            if now - start >= timeout:
                proc.terminate()
                proc.join(5)
                conn.close()
                del running[conn]
                out[file] = DocResult(file, seconds=now - start, error=f"Timeout: no result after {timeout:.0f} s")
    return out


# --------------------------------------------------------------------------- report


def _short(file: str) -> str:
    name = Path(file).stem.replace(" ", "")
    return name if len(name) <= 26 else name[:25] + "…"


_ABBREV = {"department": "dep", "year": "year", "stage": "stg", "publication": "pub"}


def _pf(p: list[int]) -> str:
    return f"{p[0]}/{p[1]}"


def report(results: list[DocResult], verbose: bool = False, listed: set[str] | None = None) -> dict[str, Any]:
    """Print the table and the summary; ``listed``: the documents of the findings fixture."""
    head = (
        f"{'document':<28} {'errors':>7} {'conf':>5} {'code-in-text':>13} {'类 ok/fail':>10} "
        f"{'款 ok/fail':>10} {'合计 ok/fail':>11} {'tables':>6} {'untit':>5} {'nocol':>5} {'numbr':>5} "
        f"{'meta':>9} {'sec':>5}"
    )
    print(head)
    print("-" * len(head))
    tot: dict[str, Any] = {
        "documents": len(results),
        "failed": 0,
        "errors": 0,
        "confirmed": 0,
        "unconfirmed": 0,
        "unconfirmed_unlisted": 0,
        "data_rows": 0,
        "code_in_text": 0,
        "checks": {LEVELS[k]: [0, 0] for k in (1, 2, 0)},
        "tables": 0,
        "untitled": 0,
        "columnless": 0,
        "numbered": 0,
        "meta_documents": 0,
        "meta_right": 0,
        "meta_field_right": Counter(),
        "meta_field_total": Counter(),
    }
    for r in results:
        if r.error:
            tot["failed"] += 1
            print(f"{_short(r.file):<28} ERROR {r.error}")
            continue
        if r.meta_wrong is None:
            meta = "-"
        elif not r.meta_wrong:
            meta = "ok"
        else:
            meta = ",".join(_ABBREV[k] for k in r.meta_wrong)
        cit = f"{len(r.code_in_text)}/{r.data_rows}"
        print(
            f"{_short(r.file):<28} {r.errors:>7} {r.confirmed:>5} {cit:>13} {_pf(r.checks[1]):>10} "
            f"{_pf(r.checks[2]):>10} {_pf(r.checks[0]):>11} {r.tables:>6} {len(r.untitled):>5} "
            f"{len(r.columnless):>5} {r.numbered:>5} {meta:>9} {r.seconds:>5.1f}"
        )
        tot["errors"] += r.errors
        tot["confirmed"] += r.confirmed
        tot["unconfirmed"] += len(r.unconfirmed)
        tot["data_rows"] += r.data_rows
        tot["code_in_text"] += len(r.code_in_text)
        for k in (0, 1, 2):
            for i in (0, 1):
                tot["checks"][LEVELS[k]][i] += r.checks[k][i]
        tot["tables"] += r.tables
        tot["untitled"] += len(r.untitled)
        tot["columnless"] += len(r.columnless)
        tot["numbered"] += r.numbered
        if r.meta_wrong is not None:
            tot["meta_documents"] += 1
            tot["meta_right"] += not r.meta_wrong
            for name in ("department", "year", "stage", "publication")[: r.meta_fields]:
                tot["meta_field_total"][name] += 1
                tot["meta_field_right"][name] += name not in r.meta_wrong
        if verbose:
            for name, (got, want) in (r.meta_wrong or {}).items():
                print(f"    metadata {name}: got {got!r}, expected {want!r}")
            for u in r.unconfirmed:
                print(f"    error not confirmed: {u}")
            for x in r.untitled:
                print(f"    untitled: {x}")
            for x in r.columnless:
                print(f"    no column names: {x}")
            for x in r.code_in_text[:15]:
                print(f"    code in text: {x}")
            if len(r.code_in_text) > 15:
                print(f"    code in text: … {len(r.code_in_text) - 15} more")
            for x in r.failures[:20]:
                print(f"    hierarchy failed: {x}")
            if len(r.failures) > 20:
                print(f"    hierarchy failed: … {len(r.failures) - 20} more")
    ch = tot["checks"]
    print("-" * len(head))
    cit = f"{tot['code_in_text']}/{tot['data_rows']}"
    print(
        f"{'TOTAL':<28} {tot['errors']:>7} {tot['confirmed']:>5} {cit:>13} {_pf(ch['类']):>10} "
        f"{_pf(ch['款']):>10} {_pf(ch['合计']):>11} {tot['tables']:>6} {tot['untitled']:>5} "
        f"{tot['columnless']:>5} {tot['numbered']:>5} {str(tot['meta_right']) + '/' + str(tot['meta_documents']):>9}"
    )
    print()
    pct = lambda a, b: f"{100 * a / b:.1f}%" if b else "-"  # noqa: E731
    unlisted = sum(len(r.unconfirmed) for r in results if not r.error and r.file not in (listed or set()))
    tot["unconfirmed_unlisted"] = unlisted
    fields = ", ".join(
        f"{k} {tot['meta_field_right'][k]}/{tot['meta_field_total'][k]}"
        for k in ("department", "year", "stage", "publication")
        if tot["meta_field_total"][k]
    )
    print(
        f"documents: {len(results)} ({tot['failed']} failed to extract); "
        f"metadata right: {tot['meta_right']}/{tot['meta_documents']} ({fields})"
    )
    print(
        f"error findings: {tot['errors']}, confirmed as printed {tot['confirmed']}, not confirmed "
        f"{tot['unconfirmed']} (of which {unlisted} in documents the findings fixture does not list)"
    )
    print(
        f"rows with a code left in text: {tot['code_in_text']} of {tot['data_rows']} data rows "
        f"({pct(tot['code_in_text'], tot['data_rows'])})"
    )
    print(
        "hierarchy: "
        + "; ".join(
            f"{label} {ch[key][0]} passed, {ch[key][1]} failed ({pct(ch[key][0], sum(ch[key]))} hold)"
            for label, key in (("类 = Σ 款", "类"), ("款 = Σ 项", "款"), ("合计 = Σ 类", "合计"))
        )
    )
    print(
        f"tables: {tot['tables']}; untitled {tot['untitled']}, without column names {tot['columnless']}, "
        f"with a number {tot['numbered']} ({pct(tot['numbered'], tot['tables'])})"
    )
    tot["meta_field_right"] = dict(tot["meta_field_right"])
    tot["meta_field_total"] = dict(tot["meta_field_total"])
    return tot


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="only documents whose path contains this text")
    ap.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list wrong metadata, unconfirmed errors, untitled tables, codes left in text, failed identities",
    )
    ap.add_argument("--json", type=Path, help="also write the per-document figures to this JSON file")
    ap.add_argument("--jobs", type=int, default=2, help="documents extracted at the same time (2)")
    ap.add_argument(
        "--timeout", type=float, default=300, help="seconds a document may take (each runs in its own process)"
    )
    ap.add_argument("--in-process", action="store_true", help="extract in this process (for a debugger)")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"the corpus is not present ({CORPUS}); nothing to measure", file=sys.stderr)
        return 2
    known = load_findings()
    meta = load_metadata()
    files = [f for f in corpus_documents() if not args.only or args.only in f]
    jobs = [(f, known.get(f), meta.get(f), str(CORPUS)) for f in files]
    # imported once, before the children are forked, rather than in each child
    import budgetx
    import budgetx.readers.pdf
    import budgetx.validate  # noqa: F401

    if args.in_process:
        done = {f: evaluate(f, k, m) for f, k, m, _ in jobs}
    else:
        done = run_isolated(jobs, max(1, args.jobs), args.timeout)
    results = [done[f] for f in files]
    tot = report(results, verbose=args.verbose, listed=set(known))
    if args.json:
        out = {
            "total": tot,
            "documents": [
                {
                    "file": r.file,
                    "error": r.error,
                    "errors": r.errors,
                    "confirmed": r.confirmed,
                    "unconfirmed": r.unconfirmed,
                    "data_rows": r.data_rows,
                    "code_in_text": r.code_in_text,
                    "checks": {LEVELS[k]: v for k, v in r.checks.items()},
                    "hierarchy_failed": r.failures,
                    "tables": r.tables,
                    "untitled": r.untitled,
                    "columnless": r.columnless,
                    "numbered": r.numbered,
                    "metadata_wrong": None
                    if r.meta_wrong is None
                    else {k: {"got": g, "expected": e} for k, (g, e) in r.meta_wrong.items()},
                    "seconds": round(r.seconds, 2),
                }
                for r in results
            ],
        }
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
