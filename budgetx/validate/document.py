"""The document as a whole: its standard tables, its years, no template placeholders left.

- ``document.missing_table`` (warning): a 决算 lacks one of the nine tables of the national
  决算 template (收入支出决算总表 … “三公”经费支出决算表).  A table without data is still
  printed with a note, so a missing one is an omission.
- ``document.placeholder`` (warning): a title or the text still holds a template placeholder
  ("上海市普陀区XX局", "××单位").
- ``document.empty_note`` (warning): a table's note says it is empty ("故本表为空表", "本表无数据") but
  the table prints figures: either the note or the figures are wrong.
- ``document.year`` (warning): a heading names another year's 部门预算/决算 ("2023年度部门决算情况说明"
  in a 2024 决算), or a 决算's 国有资产 date is not in its own year ("截至2023年12月31日 … 车辆"
  in a 2024 决算).
- ``document.unread_line`` (warning): a line of the text far longer than any table row or sentence
  (a million characters of one run) was passed over by the reader
  (:data:`budgetx.readers.limits.MAX_LINE`); the finding names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetx import patterns
from budgetx.model import Finding, Table, TableKind
from budgetx.validate.base import Context, Place
from budgetx.validate.queries import narrative_text

MISSING = "document.missing_table"
PLACEHOLDER = "document.placeholder"
YEAR = "document.year"
EMPTY_NOTE = "document.empty_note"
UNREAD = "document.unread_line"

#: the national 决算 template's tables, by kind, with their usual titles
FINAL_TABLES: list[tuple[TableKind, str]] = [
    ("summary", "收入支出决算总表"),
    ("income", "收入决算表"),
    ("expenditure", "支出决算表"),
    ("fiscal_summary", "财政拨款收入支出决算总表"),
    ("general_function", "一般公共预算财政拨款支出决算表"),
    ("general_basic_economic", "一般公共预算财政拨款基本支出决算表"),
    ("government_fund", "政府性基金预算财政拨款收入支出决算表"),
    ("state_capital", "国有资本经营预算财政拨款收入支出决算表"),
    ("three_public", "财政拨款“三公”经费支出决算表"),
]

#: a note saying the table has no data
_EMPTY = patterns.compile(r"空表|表为空|表无数据|此表无数据")
#: (the first form is tried only where a run of X starts: it takes the whole run, so that
#: a long run of X not followed by an office's name is read once, not once a position)
_PLACEHOLDER = patterns.compile(r"(?<![XＸ×x])[XＸ×x]{2,}+(?=[局委办厅部院所站中心处室会社队街镇])|×{2,}|[XＸ]{3,}")
_STAGE_YEAR = patterns.compile(r"(\d{4})年度?部门(预算|决算)")
_ASSETS = patterns.compile(r"截[至止](\d{4})年(\d{1,2})月(?:(\d{1,2})日)?[^。]{0,40}?(?:车辆|国有资产|资产)")


def check(ctx: Context) -> Iterator[Finding]:
    yield from _missing(ctx)
    yield from _placeholders(ctx)
    yield from _years(ctx)
    yield from _empty_notes(ctx)
    yield from _unread_lines(ctx)


def _note(
    ctx: Context, rule: str, zh: str, en: str, *, page: int | None, line: int | None, table: Table | None = None
) -> Finding:
    return ctx.note(rule, "warning", Place(table, page=page, line=line), (zh, en))


def _missing(ctx: Context) -> Iterator[Finding]:
    doc = ctx.doc
    if doc.info.stage != "决算" or not doc.tables:
        return
    kinds = {t.kind for t in doc.tables}
    if len(kinds & {k for k, _ in FINAL_TABLES}) < 3:
        return  # not a 决算 in the national template (or a fragment of one)
    for kind, title in FINAL_TABLES:
        if kind not in kinds:
            yield _note(
                ctx,
                MISSING,
                f"缺少决算公开表「{title}」",
                f"the 决算 lacks its table {title} ({kind})",
                page=None,
                line=None,
            )


def _placeholders(ctx: Context) -> Iterator[Finding]:
    for t in ctx.doc.tables:
        m = _PLACEHOLDER.search(t.title or "")
        if m:
            yield _note(
                ctx,
                PLACEHOLDER,
                f"表题「{t.title}」含模板占位符「{m.group(0)}」",
                f"the title {t.title!r} holds the placeholder {m.group(0)!r}",
                page=t.pages[0] if t.pages else None,
                line=t.rows[0].lineno if t.rows else None,
                table=t,
            )
    text = narrative_text(ctx.doc)
    pages: set[int | None] = set()
    for m in _PLACEHOLDER.finditer(text.text):
        page, line = text.locate(m.start())
        if page is not None and page in pages:
            continue  # one a page is enough to point at a template left unfilled
        pages.add(page)
        snippet = text.text[max(0, m.start() - 12) : m.end() + 12].replace("\n", " ")
        yield _note(
            ctx,
            PLACEHOLDER,
            f"正文「…{snippet}…」含模板占位符「{m.group(0)}」",
            f"the text '…{snippet}…' holds the placeholder {m.group(0)!r}",
            page=page,
            line=line,
        )


def _years(ctx: Context) -> Iterator[Finding]:
    year, stage = ctx.doc.info.year, ctx.doc.info.stage
    if not year:
        return
    text = narrative_text(ctx.doc)
    for m in _STAGE_YEAR.finditer(text.text):
        if int(m.group(1)) != year and m.group(2) == stage:
            page, line = text.locate(m.start())
            yield _note(
                ctx,
                YEAR,
                f"正文「{m.group(0)}」的年度与本文件（{year}年{stage}）不符",
                f"the text names {m.group(0)!r}, but this is the {year} {stage}",
                page=page,
                line=line,
            )
    if stage != "决算":
        return  # a 预算 reports its assets at some date of the year before: no fixed rule
    want = year
    for m in _ASSETS.finditer(text.text):
        printed = int(m.group(1))
        if printed != want:
            page, line = text.locate(m.start())
            yield _note(
                ctx,
                YEAR,
                f"国有资产情况「{m.group(0)[:16]}」应截至{want}年（本文件为{year}年{stage}）",
                f"the assets are reported as of {printed}; a {year} {stage} reports them as of {want}",
                page=page,
                line=line,
            )


def _empty_notes(ctx: Context) -> Iterator[Finding]:
    for t in ctx.doc.tables:
        if not t.note or not _EMPTY.search(t.note):
            continue
        figures = [c for r in t.rows for c in r.cells if isinstance(c, Decimal) and c != 0]
        if not figures:
            continue
        printed = "、".join(format(x, "f") for x in figures[:6]) + ("…" if len(figures) > 6 else "")
        note = t.note.split("\n")[0]
        yield _note(
            ctx,
            EMPTY_NOTE,
            f"表注称「{note}」，但表中印有{len(figures)}个非零数字（{printed}）",
            f"the note says {note!r}, but the table prints {len(figures)} figures other than zero ({printed})",
            page=t.pages[-1] if t.pages else None,
            line=t.rows[0].lineno if t.rows else None,
            table=t,
        )


def _unread_lines(ctx: Context) -> Iterator[Finding]:
    for ln in ctx.doc.narrative:
        if ln.unread:
            yield _note(
                ctx,
                UNREAD,
                f"第{ln.lineno}行长{ln.unread:,}字符，不是表格的行也不是正文的句子，未读取",
                f"line {ln.lineno} is {ln.unread:,} characters long, too long for a table row or a sentence: "
                "it was not read",
                page=ln.page,
                line=ln.lineno,
            )
