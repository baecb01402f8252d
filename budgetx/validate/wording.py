"""The wording of the document: slips a reader sees although no figure is wrong.

- ``wording.punctuation`` (info): a punctuation mark printed twice in the text
  ("…财政拨款。。", "…该项支出。 。"), a typing slip left in the published page.
- ``wording.header`` (info): the tables of one document name the function
  classification of their code columns in two ways ("功能分类" on some,
  "支出功能分类" on others).  Documents made from one template word every
  table's header alike, so a table worded otherwise has had its header edited
  by hand.  Every table of the less common wording is reported (every table,
  when the wordings tie): the document alone cannot tell which is meant.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from budgetx import patterns
from budgetx.model import Finding, Table
from budgetx.tables.kinds import is_form
from budgetx.validate.base import Context, Place, segments

PUNCTUATION = "wording.punctuation"
HEADER = "wording.header"

#: one sentence or clause mark twice, with at most spacing between
_DOUBLED = patterns.compile(r"([。，；、：！？])[ \t\u3000]*\1")
#: the mark a line ends with, and the one the next line starts with
_ENDS = patterns.compile(r"([。，；、：！？])[ \t\u3000]*$")
_STARTS = patterns.compile(r"^[ \t\u3000]*([。，；、：！？])")
#: the function classification as a header names it, before 科目/编码 ("支出功能分类科目编码")
_FUNCTION_TERM = patterns.compile(r"^(.*?功能分类)")


def check(ctx: Context) -> Iterator[Finding]:
    yield from _punctuation(ctx)
    yield from _headers(ctx)


def _punctuation(ctx: Context) -> Iterator[Finding]:
    lines = [ln for ln in ctx.doc.narrative if not ln.is_row and ln.text]
    for i, ln in enumerate(lines):
        text = ln.joined()
        hits = [(m.start(), m.group(0)) for m in _DOUBLED.finditer(text)]
        end = _ENDS.search(text)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if end and nxt is not None and nxt.page == ln.page:
            start = _STARTS.match(nxt.joined())
            if start and start.group(1) == end.group(1):
                hits.append((end.start(), end.group(1) * 2))
        for pos, mark in hits:
            before = text[max(0, pos - 14) : pos].strip()
            zh = f"正文「…{before}{mark}」标点重复（{mark.replace(' ', '')}）"
            en = f"the text '…{before}{mark}' prints a punctuation mark twice"
            yield ctx.note(PUNCTUATION, "info", Place(page=ln.page, line=ln.lineno), (zh, en))


def function_term(table: Table) -> str | None:
    """How ``table``'s header names the function classification, if it does."""
    for col in table.columns:
        for seg in segments(col.name):
            m = _FUNCTION_TERM.match(seg)
            if m:
                return m.group(1)
    return None


def _headers(ctx: Context) -> Iterator[Finding]:
    by_term: dict[str, list[Table]] = defaultdict(list)
    for t in ctx.doc.tables:
        if is_form(t.kind):
            continue
        term = function_term(t)
        if term:
            by_term[term].append(t)
    if len(by_term) < 2:
        return
    most = max(len(ts) for ts in by_term.values())
    tied = sum(1 for ts in by_term.values() if len(ts) == most) > 1
    summary = "、".join(f"「{term}」{len(ts)}张" for term, ts in by_term.items())
    summary_en = ", ".join(f"{term!r} on {len(ts)}" for term, ts in by_term.items())
    for term, tables in by_term.items():
        if len(tables) == most and not tied:
            continue
        for t in tables:
            others = "、".join(f"「{x}」" for x in by_term if x != term)
            zh = f"表头的功能分类写作「{term}」，本文件其他表写作{others}（{summary}）"
            en = f"the header names the function classification {term!r}, other tables of the document {others} ({summary_en} tables)"
            yield ctx.note(HEADER, "info", Place(t, page=t.pages[0] if t.pages else None), (zh, en))
