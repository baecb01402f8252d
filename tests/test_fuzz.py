"""Seeded mutations of small real PDFs: every one ends, as a result or a clean error, and loses nothing silently.

A few dozen cases run here; ``benchmarks/fuzz.py`` runs a thousand and more,
each as a ``budgetx`` process, and counts the outcomes.
"""

from __future__ import annotations

import functools

import pytest

import budgetx
from tests.conftest import FIXTURES, ROOT
from tests.mutations import ERROR, OVER, RESULT, measure, mutate, run_in_process

SEEDS = [
    ROOT / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.pdf",
    FIXTURES / "pdf" / "table1.pdf",
    FIXTURES / "pdf" / "unruled.pdf",
    FIXTURES / "reliability" / "jiangsu-2019.pdf",
]
CASES = 48


@functools.cache
def _original(k: int) -> tuple[bytes, tuple[int, int]]:
    path = SEEDS[k]
    return path.read_bytes(), measure(budgetx.extract(path, validate=False))


@pytest.mark.parametrize("seed", range(CASES))
def test_a_mutated_pdf_ends_cleanly_and_loses_nothing_silently(seed):
    k = seed % len(SEEDS)
    data, original = _original(k)
    kind, mutated = mutate(data, seed)
    outcome, detail = run_in_process(f"{SEEDS[k].stem}-{kind}-{seed}.pdf", mutated, original)
    assert outcome in (RESULT, ERROR, OVER), f"{kind} (seed {seed}) of {SEEDS[k].name}: {outcome} {detail}"
