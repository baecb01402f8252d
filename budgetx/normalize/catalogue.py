"""The catalogue of subject codes (政府收支分类科目) shipped with budgetx.

``budgetx/data/codes.csv`` holds one row per (classification, code, name) with
the years in which sources attest that name: ``valid_from`` is the first year a
source prints it, ``valid_to`` the last year before a source prints another
name for the same code (empty: the name is still current as far as the sources
go).  Every row names its sources; the file's header comment cites them, in
sections that say what they are: ``# Sources [edition]:`` editions of the
Ministry of Finance catalogue (and notices amending it), ``# Sources [observed]:``
printed documents (budgets, final accounts, templates).  From them each entry
knows its provenance: the catalogue editions that print its name
(:attr:`Entry.editions`), and the documents it is observed in
(:attr:`Entry.observed_in`, :attr:`Entry.observed_years`).

The catalogue is loaded once, lazily, from the package's data folder (:func:`_shipped`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import filterfalse
from pathlib import Path
from typing import Literal

from budgetx import patterns
from budgetx.normalize import codes
from budgetx.normalize.names import compact as _compact

Classification = Literal["function", "economic_dept", "economic_gov", "revenue"]
NameMatch = Literal["same", "shortened", "qualified", "different"]

CLASSIFICATIONS: tuple[Classification, ...] = ("function", "economic_dept", "economic_gov", "revenue")

#: Chinese labels of the classifications, for display
LABELS: dict[str, str] = {
    "function": "支出功能分类",
    "economic_dept": "部门预算支出经济分类",
    "economic_gov": "政府预算支出经济分类",
    "revenue": "收入分类",
}

#: table kinds whose codes are economic-classification codes (3xx / 5xx)
ECONOMIC_KINDS = frozenset({"general_basic_economic", "fiscal_basic_economic", "basic_economic"})

_BY_FIRST_DIGIT: dict[str, Classification] = {
    "2": "function",
    "3": "economic_dept",
    "5": "economic_gov",
    "1": "revenue",
}


@dataclass(frozen=True)
class Entry:
    """One name of one code, and the years in which sources attest it."""

    classification: Classification
    code: str
    level: int
    name: str
    parent: str | None
    valid_from: int | None
    valid_to: int | None
    sources: tuple[str, ...] = ()
    #: years of the catalogue editions (Ministry of Finance texts) that print this name
    editions: tuple[int, ...] = ()
    #: how many printed documents print this name for the code, and their years
    observed_in: int = 0
    observed_years: tuple[int, ...] = ()

    @property
    def edition(self) -> bool:
        """True when a catalogue edition prints this name; False when it is only observed in documents."""
        return bool(self.editions)

    @property
    def provenance(self) -> str:
        """Where the name comes from: "catalogue edition 2024", "observed in 3 documents (2025-2026)", or both."""
        parts = []
        if self.editions:
            label = "catalogue edition" if len(self.editions) == 1 else "catalogue editions"
            parts.append(f"{label} {year_list(self.editions)}")
        if self.observed_in:
            docs = "document" if self.observed_in == 1 else "documents"
            parts.append(f"observed in {self.observed_in} {docs} ({year_list(self.observed_years)})")
        return "; ".join(parts) or "no source"

    def holds_in(self, year: int) -> bool:
        """True when the sources attest this name for ``year``."""
        if self.valid_from is not None and year < self.valid_from:
            return False
        return not (self.valid_to is not None and year > self.valid_to)

    @property
    def years(self) -> str:
        """The attested range as text: "2017-2019", "2021-", "2017"."""
        a = "" if self.valid_from is None else str(self.valid_from)
        if self.valid_to is None:
            return f"{a}-" if a else ""
        b = str(self.valid_to)
        return a if a == b else f"{a}-{b}"


@dataclass(frozen=True)
class Match:
    """A search result: an entry and how well the query matched it (0-1)."""

    entry: Entry
    score: float


class Catalogue:
    """The codes of the shipped catalogue, indexed by classification and code."""

    def __init__(
        self, entries: list[Entry], sources: dict[str, str] | None = None, editions: frozenset[str] = frozenset()
    ) -> None:
        self.entries = entries
        self.sources = dict(sources or {})
        #: the ids of the sources that are catalogue editions (the others are printed documents)
        self.editions = editions
        self._by_code: dict[tuple[str, str], list[Entry]] = {}
        self._by_name: dict[tuple[str, str], frozenset[str]] | None = None
        for e in entries:
            self._by_code.setdefault((e.classification, e.code), []).append(e)
        for names in self._by_code.values():
            if len(names) > 1:
                names.sort(key=lambda e: (e.valid_from or 0, e.valid_to or 9999))

    # -- lookup -------------------------------------------------------------

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and any(c == code for (_, c) in self._by_code)

    def names(self, code: str, classification: str | None = None) -> list[Entry]:
        """Every name the catalogue knows for ``code``, oldest first."""
        cls = classification or classify(code)
        if cls is None:
            return []
        return list(self._by_code.get((cls, code), []))

    def lookup(self, code: str, year: int | None = None, classification: str | None = None) -> Entry | None:
        """The entry for ``code`` whose name holds in ``year``.

        Without a year, the current (latest) name.  With a year, the name whose
        attested range covers it, or ``None``: a year before the first source
        that prints the code (30113 did not exist in 2017), or between two
        different names (20805 in 2020) is not guessed.
        """
        names = self.names(code, classification)
        if not names:
            return None
        if year is None:
            return names[-1]
        for e in names:
            if e.holds_in(year):
                return e
        return None

    def name(self, code: str, year: int | None = None, classification: str | None = None) -> str | None:
        e = self.lookup(code, year, classification)
        return e.name if e else None

    def path(self, code: str, year: int | None = None, classification: str | None = None) -> list[Entry]:
        """The entries from the root 类 down to ``code`` (208 › 20805 › 2080505).

        A level the catalogue does not know for ``year`` is left out.
        """
        cls = classification or classify(code)
        out: list[Entry] = []
        for n in (3, 5, 7):
            if len(code) < n:
                break
            e = self.lookup(code[:n], year, cls)
            if e is not None:
                out.append(e)
        return out

    def children(self, code: str, year: int | None = None, classification: str | None = None) -> list[Entry]:
        cls = classification or classify(code)
        seen: dict[str, Entry] = {}
        for (c_cls, c), _ in self._by_code.items():
            if c_cls == cls and len(c) == len(code) + 2 and c.startswith(code):
                e = self.lookup(c, year, c_cls)
                if e is not None:
                    seen[c] = e
        return [seen[c] for c in sorted(seen)]

    def codes_named(self, name: str, classification: str) -> frozenset[str]:
        """Every code of ``classification`` that any source names exactly ``name`` (spaces aside)."""
        if self._by_name is None:
            index: dict[tuple[str, str], set[str]] = {}
            for e in self.entries:
                index.setdefault((e.classification, _compact(e.name)), set()).add(e.code)
            self._by_name = {key: frozenset(found) for key, found in index.items()}
        return self._by_name.get((classification, _compact(name)), frozenset())

    # -- search -------------------------------------------------------------

    def search(
        self, query: str, year: int | None = None, classification: str | None = None, limit: int = 10
    ) -> list[Match]:
        """Codes whose name matches ``query`` (Chinese, fuzzy), best first.

        A name containing the query (or contained in it) ranks first; then
        names sharing characters with it, by character overlap and
        :mod:`difflib` ratio.  With ``year``, only names that hold in that year.
        """
        q = _norm(query)
        if not q:
            return []
        best: dict[tuple[str, str], Match] = {}
        for e in self.entries:
            if classification and e.classification != classification:
                continue
            if year is not None and self.lookup(e.code, year, e.classification) is not e:
                continue
            score = _score(q, _norm(e.name))
            if score <= 0:
                continue
            key = (e.classification, e.code)
            if key not in best or score > best[key].score:
                best[key] = Match(e, score)
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.entry.level, m.entry.code))
        return ranked[:limit]


# -- loading ------------------------------------------------------------------


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The shipped catalogue, loaded once."""
    return parse(_shipped("codes.csv"))


def _shipped(name: str) -> str:
    """A data file shipped in ``budgetx/data``: read beside the package where it is installed as files (the
    usual case, and cheap), else through :mod:`importlib.resources` (a zipped install)."""
    try:
        return (Path(__file__).resolve().parent.parent / "data" / name).read_text(encoding="utf-8")
    except OSError:
        from importlib import resources

        return resources.files("budgetx").joinpath(f"data/{name}").read_text(encoding="utf-8")


#: what a row's ``sources`` say: the ids, the years of the editions among them, how many are
#: printed documents and their years (:attr:`Entry.sources`, ``editions``, ``observed_in``, ``observed_years``)
_Provenance = tuple[tuple[str, ...], tuple[int, ...], int, tuple[int, ...]]
_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def _provenance(listed: str, editions: set[str], years: dict[str, int]) -> _Provenance:
    """What the ``sources`` cell ``listed`` ("C01;F1;P1") says; the ids are sorted out by set
    operations and :func:`map`, not a Python loop per id, as some rows cite sixty sources."""
    ids = tuple(filter(None, listed.split(";")))
    seen = list(filterfalse(editions.__contains__, ids))
    edition_years = {years[s] for s in editions.intersection(ids) if s in years}
    seen_years = set(map(years.__getitem__, years.keys() & seen))
    return ids, tuple(sorted(edition_years)), len(seen), tuple(sorted(seen_years))


def _entry(*values: object) -> Entry:
    """An :class:`Entry` of ``values`` (its fields in order), equal to ``Entry(*values)``.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, eleven calls per
    entry, more than the rest of reading its row; the entry's ``__dict__`` is filled at once instead.
    """
    entry = object.__new__(Entry)
    entry.__dict__.update(zip(_ENTRY_FIELDS, values, strict=True))
    return entry


_SECTION = patterns.compile(r"#\s*Sources\s*\[(edition|observed)\]")
_SOURCE = patterns.compile(r"#\s*\[([A-Za-z0-9_-]+)\]\s*(.+)")
_YEAR = patterns.compile(r"(\d{4})\b")


def parse(text: str) -> Catalogue:
    """Read a catalogue CSV: '#' comment lines, then the table.

    Sources are cited as ``# [ID] YEAR …`` under a section line ``# Sources [edition]: …`` (catalogue
    editions) or ``# Sources [observed]: …`` (printed documents); a source outside such a section counts
    as a printed document.

    Every extraction reads the catalogue once, so this is start-up time: the columns are found by their
    header names once and read by position (:func:`csv.reader`, not a dict per row), and what a row's
    ``sources`` say (editions, documents, their years) is worked out once per distinct list of sources
    (a few hundred rows share some two hundred lists).
    """
    sources: dict[str, str] = {}
    years: dict[str, int] = {}
    editions: set[str] = set()
    section = "observed"
    body: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            sec = _SECTION.match(line)
            if sec:
                section = sec.group(1)
            m = _SOURCE.match(line)
            if m:
                sources[m.group(1)] = m.group(2).strip()
                year = _YEAR.match(m.group(2))
                if year:
                    years[m.group(1)] = int(year.group(1))
                if section == "edition":
                    editions.add(m.group(1))
            continue
        if line.strip():
            body.append(line)
    rows = csv.reader(body)
    header = next(rows, None)
    if header is None:
        return Catalogue([], sources, frozenset(editions))
    column = {name: i for i, name in enumerate(header)}
    i_cls, i_code, i_level, i_name = column["classification"], column["code"], column["level"], column["name"]
    i_parent, i_from, i_to = column["parent"], column["valid_from"], column["valid_to"]
    i_sources = column.get("sources")
    cited: dict[str, _Provenance] = {}
    entries: list[Entry] = []
    for row in rows:
        if not row:
            continue
        listed = row[i_sources] if i_sources is not None and i_sources < len(row) else ""
        provenance = cited.get(listed)
        if provenance is None:
            provenance = cited[listed] = _provenance(listed, editions, years)
        valid_from, valid_to = row[i_from].strip(), row[i_to].strip()
        entries.append(
            _entry(
                row[i_cls].strip(),
                row[i_code].strip(),
                int(row[i_level]),
                row[i_name].strip(),
                row[i_parent].strip() or None,
                int(valid_from) if valid_from else None,
                int(valid_to) if valid_to else None,
                *provenance,
            )
        )
    return Catalogue(entries, sources, frozenset(editions))


def year_list(years: tuple[int, ...] | list[int]) -> str:
    """Years as short text, runs joined: (2017, 2018, 2019, 2021, 2026) -> "2017-2019, 2021, 2026"."""
    out: list[str] = []
    ys = sorted(set(years))
    i = 0
    while i < len(ys):
        j = i
        while j + 1 < len(ys) and ys[j + 1] == ys[j] + 1:
            j += 1
        out.append(str(ys[i]) if i == j else f"{ys[i]}-{ys[j]}")
        i = j + 1
    return ", ".join(out)


# -- classification -------------------------------------------------------------


def classify(code: str, kind: str | None = None) -> Classification | None:
    """The classification a code belongs to.

    The table kind decides when it is known: the rows of an economic table
    (``general_basic_economic``, ``fiscal_basic_economic``, ``basic_economic``)
    carry economic codes (3xx department version, 5xx government version).
    Otherwise the first digit: 2 function, 3 department economic, 5
    government economic, 1 revenue.
    """
    if not code or not code.isdigit() or codes.level(code) is None:
        return None
    first = code[0]
    if kind in ECONOMIC_KINDS:
        if first == "3":
            return "economic_dept"
        if first == "5":
            return "economic_gov"
        return None
    return _BY_FIRST_DIGIT.get(first)


# -- names ----------------------------------------------------------------------

_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "（", "]": "）", "【": "（", "】": "）"})
_NOISE = patterns.compile(r"[\s\u3000\"'“”‘’、·•:：,，.。;；]")
_PAREN_PART = patterns.compile(r"（[^（）]*）")


def _norm(name: str | None) -> str:
    return _NOISE.sub("", (name or "").translate(_BRACKETS))


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def compare_name(printed: str | None, standard: str | None) -> NameMatch:
    """How a printed item name relates to the catalogue's standard name.

    * ``"same"``: equal once spacing, bracket widths and punctuation are ignored
      ("维修(护)费" vs "维修（护）费").
    * ``"shortened"``: the same item written shorter, as tables do in narrow
      cells: a prefix ("机关事业单位基本养老" of "机关事业单位基本养老保险缴费支出"),
      a contiguous part of four characters or more ("职业年金缴费"), the name
      without a bracketed or trailing part ("因公出国费用"), or the name with a
      character dropped ("机关事业单位基本养老保险费").
    * ``"qualified"``: the whole name with a qualifier added ("国内差旅费" for
      "差旅费"): the same item, worded longer.
    * ``"different"``: anything else, e.g. "退休费" for 离休费, "电费" for 邮电费,
      or "其他…" for the item itself ("其他商品和服务支出" for 302 商品和服务支出).
    """
    p, s = _norm(printed), _norm(standard)
    if not p or not s:
        return "different"
    if p == s:
        return "same"
    if p.startswith("其他") != s.startswith("其他"):
        return "different"
    if _PAREN_PART.sub("", p) == _PAREN_PART.sub("", s):
        return "shortened"
    if len(p) < len(s):
        if s.startswith(p) and len(p) >= 2:
            return "shortened"
        if p in s and len(p) >= 4:
            return "shortened"
        if p[0] == s[0] and len(p) >= 3 and len(p) >= 0.6 * len(s) and _is_subsequence(p, s):
            return "shortened"
        bare = _PAREN_PART.sub("", s)
        if bare.startswith(p) and len(p) >= 2:
            return "shortened"
        return "different"
    if s in p and len(s) >= 3:
        return "qualified"
    return "different"


def _score(q: str, name: str) -> float:
    if not name:
        return 0.0
    if q == name:
        return 1.0
    if q in name:
        return 0.9 + 0.09 * len(q) / len(name)
    if name in q:
        return 0.8 + 0.09 * len(name) / len(q)
    overlap = len(set(q) & set(name)) / len(set(q))
    import difflib  # only for searching

    ratio = difflib.SequenceMatcher(None, q, name).ratio()
    score = 0.5 * overlap + 0.3 * ratio
    return score if overlap >= 0.5 else 0.0
