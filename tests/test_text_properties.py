"""Property tests: the text reader never crashes, amounts round-trip, tab rows keep their cells."""

from __future__ import annotations

import contextlib
import os
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import budgetx
from budgetx.errors import BudgetxError
from budgetx.normalize.amounts import format_amount, is_amount, parse_amount
from budgetx.readers.text import layout, markdown, parse_lines, split_lines
from budgetx.readers.text.decode import decode
from tests.conftest import FIXTURES

FAST = settings(
    max_examples=int(os.environ.get("BUDGETX_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

#: characters a budget text is made of: CJK, digits, punctuation, the separators
_ALPHABET = st.sampled_from(
    list("合计科目编码名称支出收入预算数基本项目表单位万元：:（）()、，。一二三")
    + list("0123456789.,-—")
    + [" ", "  ", "   ", "\t", "|", "\\", "\f", "\u3000", "\r", "\n", "*", "<br>", "#", "表2", "单位：万元"]
)
budget_text = st.lists(_ALPHABET, max_size=200).map("".join)
sample_lines = (FIXTURES / "text" / "sample_tables.layout.txt").read_text(encoding="utf-8").split("\n")


def _mutations() -> st.SearchStrategy[str]:
    """Real layout lines, cut, shuffled and with characters swapped."""
    return (
        st.lists(st.sampled_from(sample_lines), max_size=30)
        .flatmap(
            lambda lines: st.tuples(st.just(lines), st.lists(st.tuples(st.integers(0, 200), _ALPHABET), max_size=8))
        )
        .map(_mutate)
    )


def _mutate(arg: tuple[list[str], list[tuple[int, str]]]) -> str:
    lines, edits = arg
    text = "\n".join(lines)
    for pos, s in edits:
        pos = pos % (len(text) + 1)
        text = text[:pos] + s + text[pos + 1 :]
    return text


@FAST
@given(st.binary(max_size=400))
@example(b"")
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe")
@example(b"\xff\xfe\x00")
@example(b"\x00" * 10)
@example("表1\t\n\t\t\n".encode())
def test_extract_on_arbitrary_bytes_raises_only_budgetx_errors(data):
    try:
        doc = budgetx.extract("any.txt", data=data, validate=False)
    except BudgetxError:
        return
    assert doc.tables


@FAST
@given(budget_text)
def test_extract_on_budget_like_text_raises_only_budgetx_errors(text):
    for data in (text.encode("utf-8"), text.encode("gb18030")):
        with contextlib.suppress(BudgetxError):
            budgetx.extract("any.txt", data=data)


@FAST
@given(_mutations())
def test_layout_lines_mangled_never_crash_the_reader(text):
    lines = parse_lines(split_lines(text))
    for line in lines:
        assert (line.text is None) != (line.cells is None)
        assert line.lineno is None or 1 <= line.lineno <= max(1, len(split_lines(text)))
    with contextlib.suppress(BudgetxError):
        budgetx.extract("mangled.txt", data=text.encode())


@FAST
@given(st.lists(budget_text.map(lambda s: s.replace("\n", "").replace("\r", "").replace("\f", "")), max_size=20))
def test_parse_lines_keeps_every_line_number_in_order(raw):
    lines = parse_lines(raw)
    numbers = [x.lineno for x in lines]
    assert numbers == sorted(numbers)
    assert all(1 <= n <= len(raw) for n in numbers)
    # a line that is neither blank nor in a table block comes out as its text
    # (a title wrapped over two lines as one)
    if not any(x.cells is not None for x in lines):
        assert "".join(x.text or "" for x in lines) == "".join(r.strip() for r in raw if r.strip())


@FAST
@given(st.binary(max_size=300))
def test_decode_returns_text_or_raises_undecodable(data):
    try:
        text = decode(data, "x")
    except BudgetxError:
        return
    assert isinstance(text, str)


# -- amounts -----------------------------------------------------------------

amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False)


@FAST
@given(amounts)
def test_amounts_round_trip_exactly(value):
    printed = format_amount(value)
    assert is_amount(printed)
    assert parse_amount(printed) == value
    assert str(parse_amount(printed)) == printed  # as printed: the decimals too


@FAST
@given(st.decimals(min_value=Decimal(0), max_value=Decimal("1e12"), places=2, allow_nan=False))
def test_amounts_with_thousands_separators_round_trip(value):
    whole, _, frac = format_amount(value).partition(".")
    grouped = f"{int(whole):,}" + ("." + frac if frac else "")
    assert is_amount(grouped)
    assert parse_amount(grouped) == value


@FAST
@given(st.text(max_size=20))
def test_is_amount_agrees_with_parse_amount(text):
    if is_amount(text):
        assert isinstance(parse_amount(text), Decimal)
    else:
        try:
            value = parse_amount(text)
        except ValueError:
            return
        assert value is None  # empty or a dash: nothing, not an amount


# -- tab rows ----------------------------------------------------------------

cell = st.text(alphabet=st.sampled_from(list("合计科目208.5 —-（）")), max_size=8).map(str.strip)


@FAST
@given(st.lists(st.lists(cell, min_size=2, max_size=9), min_size=1, max_size=12))
def test_tab_rows_round_trip_cell_counts(rows):
    raw = ["\t".join(r) for r in rows]
    lines = parse_lines(raw)
    assert [x.cells for x in lines] == rows
    assert [x.lineno for x in lines] == list(range(1, len(rows) + 1))


@FAST
@given(st.lists(st.lists(cell.filter(lambda c: "\\" not in c), min_size=2, max_size=9), min_size=1, max_size=12))
def test_markdown_rows_round_trip_cells(rows):
    raw = ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    assert [markdown.split_row(r) for r in raw] == rows


@FAST
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list("合计科目编码支出0123456789.")), min_size=1, max_size=8),
        min_size=2,
        max_size=8,
    )
)
def test_layout_chunks_find_cells_spaced_apart(cells):
    line = "   ".join(cells)
    found = [c.text for c in layout.chunks(line)]
    assert "".join(found) == "".join(cells)
    assert len(found) >= len(cells)
    for c in layout.chunks(line):
        assert line[c.start : c.end] == c.text
