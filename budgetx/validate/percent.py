"""Percentages the narrative quotes, against the amounts it quotes with them.

The text of a 情况说明 states most of its figures twice: as amounts and as a
percentage computed from them.  The percentage can be checked from the same
sentence, without the tables:

- ``narrative.change``: "支出12081.46万元，与上年相比增加1343.28万元，增长12.51%"
  (the rate of change is the change over last year's figure, this year's
  minus the increase or plus the decrease); "2023年当年预算执行数为14.62万元，
  2024年预算安排13.52万元，比2023年预算执行数减少7.52%".
- ``narrative.share``: "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，
  占99.79%；其他收入6.2万元，占0.21%" (each part over the total before 其中).
- ``narrative.completion``: "年初预算为2993.92万元，支出决算为2940.05万元，完成年初
  预算的98.20%".

Every printed figure is rounded, so each check takes the range of
percentages that the printed amounts allow (each amount ± half a unit of its
last printed digit) and the range the printed percentage stands for (± half
a unit of its last digit).  Ranges that meet: no finding.  A percentage one
unit of its last digit away from the computed one is a warning (rounded the
other way, truncated, or evened out so that shares add up to 100%); further
off, an error.  The direction words count too:
"增加…，下降5%" is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budgetx import patterns
from budgetx.model import Finding, Severity
from budgetx.normalize.amounts import UNIT_FACTORS
from budgetx.validate.base import Context, Figure, Place
from budgetx.validate.queries import Text, narrative_text

CHANGE = "narrative.change"
SHARE = "narrative.share"
COMPLETION = "narrative.completion"

HUNDRED = Decimal(100)

_NUM = r"\d[\d,]*(?:\.\d+)?"
#: a figure that opens a pattern starts where no figure has begun: not right after a
#: digit, nor after a digit and one or two commas (nor after three commas).  Without it
#: a pattern that fails on a long run of digits is tried again from each of them, which
#: takes time quadratic in the run; a start inside a figure never finds what the
#: figure's first digit did not.
_START = r"(?<!\d)(?<!\d,)(?<!\d,,)(?<!,,,)"
#: a line break of the joined text (a sentence that runs on after a page break)
_BR = r"\n?"
_UNIT = r"(?:亿元|万元|千元|元)"
#: a few words, or a year, but no figure and no sentence end
_WORDS = r"(?:\d{4}年度?|[^\d。；;%％])"
_UP = ("增加", "增长", "上升", "提高")
_DOWN = ("减少", "下降", "降低")

#: this year's figure, "与上年相比" (or 比/较 …), the change, the rate
_CHANGE = patterns.compile(
    rf"{_START}(?P<a>{_NUM})(?P<ua>{_UNIT})[，,。]?{_BR}(?:与|比|较|同比){_WORDS}{{0,30}}?"
    rf"(?P<d1>增加|减少){_BR}(?P<d>{_NUM})(?P<ud>{_UNIT})[，,]?{_BR}(?P<d2>增长|下降|减少|增加|降低|上升){_BR}(?P<x>{_NUM})[%％]"
)
#: last year's figure, this year's, and the rate ("执行数为P万元，2024年预算安排C万元，比…减少7.52%")
_CHANGE_FROM = patterns.compile(
    rf"(?:执行数|决算数|预算数)为?(?P<p>{_NUM})(?P<up>{_UNIT})[，,]{_BR}\d{{4}}年度?预算安排(?:为)?(?P<c>{_NUM})(?P<uc>{_UNIT})"
    rf"[，,]?{_BR}比{_WORDS}{{0,20}}?(?P<d2>增加|增长|减少|下降){_BR}(?P<x>{_NUM})[%％]"
)
#: a heading at the start of a line of the joined text ("三、支出决算情况说明", "（二）", "2、")
_HEADING = r"\n(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d))"
#: the total before 其中, and the rest of the sentence after it (not past a heading)
_SHARE_TOTAL = patterns.compile(
    rf"{_START}(?P<t>{_NUM})(?P<ut>{_UNIT})[，,]?其中[:：，,]?(?P<rest>(?:(?!{_HEADING})[^。])*)"
)
#: a part of it with its share ("财政拨款收入2940.05万元，占99.79%"); 占 directly before the figure
_SHARE_PART = patterns.compile(rf"{_START}(?P<b>{_NUM})(?P<ub>{_UNIT})[，,]?{_BR}占{_BR}(?P<x>{_NUM})[%％]")
#: "年初预算为A万元，支出决算为B万元，完成年初预算的X%"
_COMPLETION = patterns.compile(
    rf"预算(?:数)?为{_BR}(?P<a>{_NUM})(?P<ua>{_UNIT})[，,]{_BR}(?:支出)?决算(?:数)?为{_BR}(?P<b>{_NUM})(?P<ub>{_UNIT})[，,。]?{_BR}"
    rf"完成[^，,。；\d%]{{0,10}}?(?P<x>{_NUM})[%％]"
)


def check(ctx: Context) -> Iterator[Finding]:
    text = narrative_text(ctx.doc)
    yield from _changes(ctx, text)
    yield from _changes_from(ctx, text)
    yield from _shares(ctx, text)
    yield from _completions(ctx, text)


# -- printed figures as ranges -------------------------------------------------------


def _number(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


def _half(s: str) -> Decimal:
    """Half a unit of the last printed digit of ``s``."""
    exponent = _number(s).as_tuple().exponent
    return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)


def _yuan(num: str, unit: str) -> tuple[Decimal, Decimal]:
    """An amount in 元 and half a unit of its last printed digit, in 元."""
    factor = UNIT_FACTORS.get(unit, Decimal(1))
    return _number(num) * factor, _half(num) * factor


def _ratio_range(
    top: tuple[Decimal, Decimal], bottom: tuple[Decimal, Decimal], shift: int = 0
) -> tuple[Decimal, Decimal] | None:
    """min and max of 100·t/(b + shift·t) over the printed ranges of t and b; None when b may be 0."""
    (t, ht), (b, hb) = top, bottom
    values = []
    for tt in (t - ht, t + ht):
        for bb in (b - hb, b + hb):
            base = bb + shift * tt
            if base <= 0:
                return None
            values.append(HUNDRED * max(tt, Decimal(0)) / base)
    return min(values), max(values)


def _judge(
    ctx: Context,
    text: Text,
    rule: str,
    m: re.Match[str],
    allowed: tuple[Decimal, Decimal] | None,
    what: tuple[str, str],
) -> Finding | None:
    if allowed is None:
        return None
    printed = _number(m.group("x"))
    half = _half(m.group("x"))
    lo, hi = allowed
    ctx.checks[rule] += 1
    if printed + half >= lo and printed - half <= hi:
        return None
    exponent = printed.as_tuple().exponent
    unit = Decimal(1).scaleb(exponent) if isinstance(exponent, int) else Decimal(1)
    expected = ((lo + hi) / 2).quantize(unit)
    # one unit of the last digit off: rounded the other way, truncated, or evened out to sum to 100%
    severity: Severity = "warning" if abs(printed - expected) <= unit else "error"
    # a whole percent ("4.0%", "95.00%") that the rate, cut off to the whole percent, gives: the text
    # truncates its rates (4.48% → 4.0%), a habit of the document, not a figure it contradicts
    truncated = printed == printed.to_integral_value() and hi >= printed and lo < printed + 1
    if truncated:
        severity = "info"
    page, line = text.locate(m.start("x"))
    where = Figure(printed, "%", Place(page=page, line=line, label=f"情况说明「{m.group(0)}」"))
    f = ctx.finding(rule, severity, where, expected, printed - expected, what)
    if truncated:
        f.message += "（正文将比率截至整数百分点）"
        f.message_en += " (the text cuts its rates off to the whole percent)"
    return f


def _direction_error(ctx: Context, text: Text, rule: str, m: re.Match[str], up: bool) -> Finding:
    printed = _number(m.group("x"))
    page, line = text.locate(m.start("d2"))
    where = Figure(printed, "%", Place(page=page, line=line, label=f"情况说明「{m.group(0)}」"))
    word = m.group("d2")
    zh = f"「{word}」与金额的{'增加' if up else '减少'}方向相反"
    en = f"{word!r} says the opposite of the amounts, which {'rise' if up else 'fall'}"
    f = ctx.finding(rule, "error", where, None, None, (zh, en))
    return f


# -- the rules ---------------------------------------------------------------------------


def _changes(ctx: Context, text: Text) -> Iterator[Finding]:
    for m in _CHANGE.finditer(text.text):
        up = m.group("d1") == "增加"
        if (m.group("d2") in _UP) != up:
            yield _direction_error(ctx, text, CHANGE, m, up)
            continue
        a = _yuan(m.group("a"), m.group("ua"))
        d = _yuan(m.group("d"), m.group("ud"))
        # last year = this year − increase (or + decrease); rate = change / last year
        allowed = _ratio_range(d, a, -1 if up else 1)
        f = _judge(
            ctx,
            text,
            CHANGE,
            m,
            allowed,
            ("按本年数与增减额计算的增减幅度", "the rate of change that this year's figure and the change give"),
        )
        if f is not None:
            yield f


def _changes_from(ctx: Context, text: Text) -> Iterator[Finding]:
    for m in _CHANGE_FROM.finditer(text.text):
        p = _yuan(m.group("p"), m.group("up"))
        c = _yuan(m.group("c"), m.group("uc"))
        if p[0] == c[0]:
            continue
        up = c[0] > p[0]
        if (m.group("d2") in _UP) != up:
            yield _direction_error(ctx, text, CHANGE, m, up)
            continue
        change = (abs(c[0] - p[0]), p[1] + c[1])
        allowed = _ratio_range(change, p)
        f = _judge(
            ctx,
            text,
            CHANGE,
            m,
            allowed,
            ("按两年金额计算的增减幅度", "the rate of change that the two years' figures give"),
        )
        if f is not None:
            yield f


def _shares(ctx: Context, text: Text) -> Iterator[Finding]:
    for m in _SHARE_TOTAL.finditer(text.text):
        total = _yuan(m.group("t"), m.group("ut"))
        # searched in place, so that offsets stay those of the whole text
        for part in _SHARE_PART.finditer(text.text, m.start("rest"), m.end("rest")):
            f = _judge(
                ctx,
                text,
                SHARE,
                part,
                _ratio_range(_yuan(part.group("b"), part.group("ub")), total),
                (
                    f"占其中之前的合计 {m.group('t')}{m.group('ut')} 的比例",
                    f"its share of the total {m.group('t')}{m.group('ut')} before 其中",
                ),
            )
            if f is not None:
                yield f


def _completions(ctx: Context, text: Text) -> Iterator[Finding]:
    for m in _COMPLETION.finditer(text.text):
        allowed = _ratio_range(_yuan(m.group("b"), m.group("ub")), _yuan(m.group("a"), m.group("ua")))
        f = _judge(
            ctx,
            text,
            COMPLETION,
            m,
            allowed,
            ("决算数占预算数的比例", "the final figure over the budgeted one"),
        )
        if f is not None:
            yield f
