"""Text input in time linear in its size, and inputs no document is.

Each regression test runs a pattern or step that once took time quadratic (or
worse) in the length of a line on a 200,000-character line built to hit it:
before, each took minutes; now a fraction of a second.  The patterns rewritten
for it are checked against the patterns they replace on generated text: they
find the same matches.  A line longer than ``MAX_LINE`` is passed over and
named by a finding; binary input and endless streams end with a clear error.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import budgetx
from budgetx.errors import OverBudget, UnsupportedFormat
from budgetx.normalize import captions
from budgetx.readers import limits
from budgetx.readers.text import layout, parse_lines
from budgetx.validate import document, narrative, percent
from budgetx.validate.queries import Text
from tests.conftest import SAMPLE_TXT

N = 200_000
FAST = settings(
    max_examples=int(os.environ.get("BUDGETX_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _line(unit: str, n: int = N) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _with_line(line: str) -> bytes:
    base = SAMPLE_TXT.read_text(encoding="utf-8").split("\n")
    return "\n".join([*base[:12], line, *base[12:]]).encode("utf-8")


# -- the once-quadratic patterns, on a 200 kB line ------------------------------------


@pytest.mark.parametrize("unit", ["部门预算支出情况说明", "一、", "万元", "1、2"])
def test_item_pattern_reads_a_long_run_once(unit: str) -> None:
    # the 类 name was tried from each character of the run, each try reading to its end
    assert list(narrative._item_matches(_line(unit) + "（类）")) == []


@pytest.mark.parametrize("unit", ["1234567890", "1,", "0", "1 "])
@pytest.mark.parametrize("pattern", [percent._CHANGE, percent._SHARE_TOTAL, percent._SHARE_PART])
def test_percent_figures_start_once_per_run_of_digits(pattern: re.Pattern[str], unit: str) -> None:
    # a figure was tried from each digit of a run, each try reading to the run's end
    assert list(pattern.finditer(_line(unit))) == []


def test_section_headings_are_found_once() -> None:
    text = "\n".join(["（一）财政拨款收支情况", "一般公共服务支出（类）1万元" * 5] * 4000)
    sections = narrative._Sections(text)
    assert sections.heading_before(len(text)) == "（一）财政拨款收支情况"
    assert sections.heading_before(3) == "（一）"  # cut where the figure stands


def test_placeholder_reads_a_run_of_x_once() -> None:
    assert list(document._PLACEHOLDER.finditer(_line("x") + "。")) == []


def test_note_reads_a_line_once() -> None:
    assert not captions.is_note(_line("无收支"))
    assert captions.is_note(_line("无收支") + "收支，故")


def test_label_after_a_title_reads_a_run_of_spaces_once() -> None:
    assert captions.split_title(_line(" ") + "０") is None


def test_single_spaced_cells_are_split_in_one_pass() -> None:
    # each cut joined the rest of the words again, and recursed once a cut (RecursionError):
    # full-width digits are an amount, and start with a character of the CJK blocks
    parts = layout.chunks("合计  " + _line("１.５ "))
    assert len(parts) > 40_000
    assert [p.text for p in parts[:3]] == ["合计", "１.５", "１.５"]


def test_narrative_rules_on_a_long_line() -> None:
    doc = budgetx.extract("long.txt", data=_with_line(_line("基本支出1234567890，比增加")[: limits.MAX_LINE]))
    assert not any(f.rule == "document.unread_line" for f in doc.findings)
    assert not any(f.rule == "validate.crashed" for f in doc.findings)


# -- the rewritten patterns find what the old ones found --------------------------------

_OLD_ITEM = re.compile(
    r"([^，,。；;（）()\n]+?)[（(]类[)）]([^，,。；;（）()\n]+?)[（(]款[)）]([^，,。；;（）()\n]+?)[（(]项[)）]"
    r"(?:支出)?(?:预算|决算)?(?:数)?(?:为)?\n?(?P<num>\d[\d,]*(?:\.\d+)?)(?P<unit>亿元|万元|千元|元)"
)
_OLD_PLACEHOLDER = re.compile(r"[XＸ×x]{2,}(?=[局委办厅部院所站中心处室会社队街镇])|×{2,}|[XＸ]{3,}")
_OLD_NOTE_PART = re.compile(r"无.*(收支|支出|收入|数据)[，,。].*故")
_OLD_SECTION = re.compile(r"(?m)^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])[^\n]{0,60}")

_ITEM_TOKENS = st.sampled_from(
    [
        "（类）",
        "(类)",
        "（款）",
        "（项）",
        "一般",
        "公共",
        "支出",
        "预算",
        "为",
        "12.5",
        "3",
        "万元",
        "元",
        "，",
        "。",
        "（",
        "）",
        "\n",
        "科技",
        "是",
    ]
)
_X_TOKENS = st.sampled_from(["X", "Ｘ", "×", "x", "局", "办", "单位", "，", "XX", "××"])
_NOTE_TOKENS = st.sampled_from(["无", "收支", "支出", "数据", "，", "。", "故", "本", "表", "其"])
_HEADING_TOKENS = st.sampled_from(["\n", "一、", "（二）", "十", "财政拨款", "一般公共预算", "说明", "（", "）"])


@FAST
@given(st.lists(_ITEM_TOKENS, max_size=60).map("".join))
def test_item_matches_are_finditers(text: str) -> None:
    spans = [(m.span(), m.groups()) for m in narrative._item_matches(text)]
    assert spans == [(m.span(), m.groups()) for m in _OLD_ITEM.finditer(text)]


@FAST
@given(st.lists(_X_TOKENS, max_size=40).map("".join))
def test_placeholder_finds_the_same(text: str) -> None:
    assert [m.span() for m in document._PLACEHOLDER.finditer(text)] == [
        m.span() for m in _OLD_PLACEHOLDER.finditer(text)
    ]


@FAST
@given(st.lists(_NOTE_TOKENS, max_size=40).map("".join))
def test_note_finds_the_same(text: str) -> None:
    assert captions.is_note(text) == bool(captions.NOTE.search(text) or _OLD_NOTE_PART.search(text))
    if _OLD_NOTE_PART.search(text):
        assert captions.is_note(text)


@FAST
@given(st.lists(_HEADING_TOKENS, max_size=40).map("".join), st.integers(0, 200))
def test_section_heading_before_is_the_last_heading_found_before(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    found = list(_OLD_SECTION.finditer(text, 0, pos))
    old = re.sub(r"\s+", "", found[-1].group(0)) if found else ""
    assert narrative._Sections(text).heading_before(pos) == old


@FAST
@given(
    st.lists(st.sampled_from(["1", "2", ",", ".", "万元", "，", "比", "增加", "增长", "%", "其中", "占"]), max_size=50)
)
def test_percent_figures_find_the_same(tokens: list[str]) -> None:
    text = "".join(tokens)
    for pattern in (percent._CHANGE, percent._SHARE_TOTAL, percent._SHARE_PART):
        old = re.compile(pattern.pattern.replace(percent._START, ""))
        if ",,," in text:
            continue  # a figure after three commas and no digit: not taken (no document prints one)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in old.finditer(text)]


def test_items_of_a_text_keep_their_place() -> None:
    text = Text("（一）财政拨款\n一般公共服务支出（类）财政事务（款）信息化建设（项）166.66万元", [0], [(None, 1)])
    (m,) = narrative._item_matches(text.text)
    assert m.group(3) == "信息化建设" and m.group("num") == "166.66"


# -- lines and cells no document prints --------------------------------------------------


def test_a_line_too_long_is_passed_over_and_named() -> None:
    doc = budgetx.extract("long.txt", data=_with_line(_line("一", limits.MAX_LINE + 1)))
    (f,) = [f for f in doc.findings if f.rule == "document.unread_line"]
    assert f.line == 13 and f.severity == "warning"
    assert "100,001" in f.message and "line 13" in f.message_en
    plain = budgetx.extract("plain.txt", data=_with_line(""))
    assert [t.title for t in doc.tables] == [t.title for t in plain.tables]


def test_a_line_of_the_limit_is_read() -> None:
    lines = parse_lines(["一" * limits.MAX_LINE, "二" * (limits.MAX_LINE + 1)])
    assert [(ln.lineno, ln.unread, len(ln.text or "")) for ln in lines] == [
        (1, 0, limits.MAX_LINE),
        (2, limits.MAX_LINE + 1, 0),
    ]


@pytest.mark.parametrize("line", ["1\t" * 5000, "| 1 " * 5000 + "|", "12.00  " * 5000])
def test_a_line_of_too_many_cells_is_text(line: str) -> None:
    (item,) = parse_lines([line])
    assert item.cells is None and item.text == line.strip()


def test_a_wide_line_ends_a_block_of_table_lines() -> None:
    lines = parse_lines(["2010101   行政运行   12.54   12.54", "12.00  " * 500, "2010102   一般行政   1.00   1.00"])
    assert [ln.cells is not None for ln in lines] == [True, False, True]


# -- reading the bytes -----------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_binary_after_one_block() -> None:
    with pytest.raises(UnsupportedFormat, match="binary"):
        limits.read_file("/dev/zero")


def test_a_file_of_nul_bytes_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "zeros"
    path.write_bytes(bytes(3 * 1024 * 1024))
    with pytest.raises(UnsupportedFormat, match="binary"):
        limits.read_file(path)


def test_a_text_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(SAMPLE_TXT.read_bytes())
    assert limits.read_file(path) == SAMPLE_TXT.read_bytes()


class _Endless(io.RawIOBase):
    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        b[:] = b"a\n" * (len(b) // 2) + b"a" * (len(b) % 2)
        return len(b)


def test_an_endless_stream_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 3 * 1024 * 1024)
    with pytest.raises(OverBudget, match="without an end"):
        limits.read_stream(io.BufferedReader(_Endless()), "<stdin>")


def test_a_pdf_file_is_not_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 1024)
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(5000))
    assert len(limits.read_file(path)) == 5009
