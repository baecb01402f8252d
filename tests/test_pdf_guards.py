"""Hostile and damaged PDFs: bounded time and memory, and nothing lost without a word.

The fixtures under ``fixtures/reliability/`` are real cases: a reference
cycle, a page whose content stream is zeroed, a content stream that inflates
to 256 MiB, 64 million tiny operators.
"""

from __future__ import annotations

import threading
import time
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer import pdftypes
from typer.testing import CliRunner

import budgetx
from budgetx.budget import DEFAULT, Budget, watch
from budgetx.cli import app
from budgetx.errors import CorruptDocument, OverBudget
from budgetx.export.json import document_dict
from budgetx.readers.pdf import content, guards
from budgetx.readers.unreadable import RULE
from tests.conftest import CORPUS, FIXTURES

HOSTILE = FIXTURES / "reliability"
SMALL = Budget(seconds=60, memory_mb=256)  # caps: 16 MiB streams, 200,000 tokens a page


# -- the content-stream tokenizer ------------------------------------------------------


def test_a_long_run_of_whitespace_and_comments_is_read_in_one_step():
    data = b" " * 2_000_000 + b"%" + b"x" * 1_000_000 + b"\n" + b"\x00" * 1_000_000 + b"1 0 0 RG"
    assert content.tokens(data)[:3] == [1, 0, 0]


def test_a_page_with_more_tokens_than_its_budget_is_refused():
    data = b"0 0 m 1 1 l\n" * 10_000
    assert len(content.objects([data], limit=100_000)) == 60_000
    with pytest.raises(content.TooManyTokens):
        content.objects([data, data], limit=100_000)


# -- inflating -------------------------------------------------------------------------


def _pdfminer_salvage(data: bytes) -> bytes | None:
    try:
        return pdftypes.decompress_corrupted(data)
    except zlib.error:
        return None


def _salvage(data: bytes) -> bytes | None:
    try:
        return guards._salvage(data)
    except zlib.error:
        return None


@settings(max_examples=60, deadline=None)
@given(
    st.binary(min_size=0, max_size=3000),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 255)), max_size=3),
    st.integers(0, 40),
)
def test_salvaging_a_damaged_stream_gives_what_pdfminer_gives(payload, flips, cut):
    data = bytearray(zlib.compress(payload * 3))
    for at, xor in flips:
        data[at % len(data)] ^= xor
    damaged = bytes(data[: max(1, len(data) - cut)])
    assert _salvage(damaged) == _pdfminer_salvage(damaged)


def test_salvaging_is_linear_on_a_large_damaged_stream():
    data = bytearray(zlib.compress(bytes(range(256)) * 20_000))  # 5 MB inflated
    data[-2] ^= 0xFF  # the checksum: pdfminer feeds it byte by byte, concatenating
    with guards.guarded(DEFAULT):
        assert guards._salvage(bytes(data)) == bytes(range(256)) * 20_000
        assert guards.damage() == ["a compressed stream that fails its checksum: its content is altered"]


def test_a_stream_inflating_past_the_cap_is_refused():
    bomb = zlib.compress(b"\0" * (20 * 1024 * 1024))
    with guards.guarded(SMALL), pytest.raises(guards.StreamTooLarge):
        guards._inflate(bomb)
    with guards.guarded(DEFAULT):
        assert len(guards._inflate(bomb)) == 20 * 1024 * 1024


def test_the_guards_are_put_back_after_reading():
    with guards.guarded(DEFAULT):
        assert pdftypes.decompress_corrupted is guards._salvage
    assert pdftypes.decompress_corrupted is not guards._salvage
    assert pdftypes.zlib is zlib


# -- whole documents -------------------------------------------------------------------


def test_a_reference_cycle_is_a_damaged_pdf_not_a_hang():
    with pytest.raises(CorruptDocument, match="cycle of references"):
        budgetx.extract(HOSTILE / "cycle-self-ref.pdf", budget=SMALL)


def test_a_page_that_cannot_be_read_is_an_error_finding_naming_it():
    doc = budgetx.extract(HOSTILE / "zeroed-page-stream.pdf")
    assert doc.source.unreadable == [(1, "a damaged compressed stream (object 6)")]
    lost = [f for f in doc.findings if f.rule == RULE]
    assert [(f.severity, f.page) for f in lost] == [("error", 1)]
    assert "公开表一" not in [t.number for t in doc.tables] and len(doc.tables) == 11
    assert document_dict(doc)["source"]["unreadable"] == [
        {"page": 1, "reason": "a damaged compressed stream (object 6)"}
    ]
    no_checks = budgetx.extract(HOSTILE / "zeroed-page-stream.pdf", validate=False)
    assert [f.rule for f in no_checks.findings] == [RULE]


def test_extract_exits_damaged_unless_keep_going(tmp_path):
    runner = CliRunner()
    path = str(HOSTILE / "zeroed-page-stream.pdf")
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", path, "-o", str(out)])
    assert result.exit_code == CorruptDocument.exit_code
    assert "page 1" in result.output and "--keep-going" in result.output and not out.exists()
    result = runner.invoke(app, ["extract", path, "-o", str(out), "--keep-going"])
    assert result.exit_code == 0
    assert "could not read page 1" in result.output and '"unreadable"' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["bomb-content-256m.pdf", "bomb-ops-64m.pdf"])
def test_bombs_end_over_budget(name):
    with pytest.raises(OverBudget, match="page 1"):
        budgetx.extract(HOSTILE / name, budget=SMALL)


def test_over_budget_has_its_exit_code():
    result = CliRunner().invoke(app, ["extract", str(HOSTILE / "bomb-ops-64m.pdf"), "--max-memory", "256"])
    assert result.exit_code == OverBudget.exit_code == 14
    assert "bomb-ops-64m.pdf" in result.output and "Traceback" not in result.output


# -- the watchdog ----------------------------------------------------------------------


def test_the_watchdog_ends_a_runaway_loop_and_leaves_nothing_pending():
    start = time.monotonic()
    with pytest.raises(OverBudget, match=r"longer than 0\.2 s"), watch("spin.pdf", Budget(seconds=0.2)):
        while True:
            pass
    assert time.monotonic() - start < 5
    with watch("quick.pdf", Budget(seconds=0.05)):
        pass
    time.sleep(0.2)  # a timer that was stopped never fires


def test_the_watchdog_works_in_any_thread():
    caught: list[BaseException] = []

    def spin() -> None:
        try:
            with watch("spin.pdf", Budget(seconds=0.2)):
                while True:
                    pass
        except OverBudget as exc:
            caught.append(exc)

    t = threading.Thread(target=spin)
    t.start()
    t.join(10)
    assert not t.is_alive() and len(caught) == 1


@pytest.mark.skipif(not (CORPUS.parent / "reliability").is_dir(), reason="the shared reliability inputs are absent")
def test_a_damaged_font_no_longer_takes_minutes():
    """One byte flipped in an embedded font's stream: pdfminer salvaged it byte by byte for 9 minutes."""
    doc = budgetx.extract(
        CORPUS.parent / "reliability" / "hang-byteflip.pdf", validate=False, budget=Budget(seconds=60)
    )
    assert len(doc.tables) == 10  # the damage changes nothing read here, but the file is damaged: it is said
    assert doc.source.unreadable and all("fails its checksum" in why for _, why in doc.source.unreadable)
