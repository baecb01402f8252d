"""Amounts as exact decimals, parsed once, as printed."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from budgetx import patterns

#: cells that print "nothing" in an amount column
NOTHING = frozenset({"-", "—", "–", "--", "——", "－", "/", "…", "0-"})

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
#: an amount, negative with a minus sign ("-", full-width "－", "−") or in brackets ("(12.54)", "（12.54）")
_AMOUNT = patterns.compile(rf"^(?:[-－−]?\s?{_DIGITS}|\({_DIGITS}\)|（{_DIGITS}）)$")


def clean(text: str) -> str:
    """Remove what a printed amount may carry around its digits."""
    return text.strip().replace(" ", "").replace("\u00a0", "").replace("，", ",")


def is_amount(text: str) -> bool:
    """True for a printed amount ("426.37", "27,664.22", "0.00", "3.5", "12", "-3.00", "(3.00)")."""
    t = clean(text)
    return bool(t) and bool(_AMOUNT.match(t))


def is_decimal(text: str) -> bool:
    """True for a printed amount with a fraction ("426.37", "27,664.22", "(3.50)"; not "12")."""
    return is_amount(text) and "." in text


def is_nothing(text: str) -> bool:
    """True for the dash glyphs that stand for an empty amount."""
    return clean(text) in NOTHING


def parse_amount(text: str) -> Decimal | None:
    """The exact value of a printed amount, ``None`` for an empty or dash cell.

    Raises ``ValueError`` when ``text`` is not an amount.
    """
    t = clean(text)
    if not t or t in NOTHING:
        return None
    if not _AMOUNT.match(t):
        raise ValueError(f"not an amount: {text!r}")
    negative = t[0] in "-－−(（"
    digits = t.strip("-－−()（）").replace(",", "")
    try:
        value = Decimal(digits)
        return -value if negative else value
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only decimals
        raise ValueError(f"not an amount: {text!r}") from exc


def format_amount(value: Decimal) -> str:
    """The amount as printed (never in exponent notation)."""
    return format(value, "f")


#: how many 元 one unit is worth
UNIT_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(100000000),
}


def to_yuan(value: Decimal, unit: str | None) -> Decimal | None:
    """``value`` in 元, exact; ``None`` when the unit is unknown."""
    if unit is None or unit not in UNIT_FACTORS:
        return None
    return value * UNIT_FACTORS[unit]
