"""Shared fixtures: the sample, the corpus (skipped when absent), paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_TXT = SAMPLES / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"
SAMPLE_PDF = SAMPLES / "重庆市潼南区大数据应用发展管理局2021年部门预算.pdf"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def sample_doc():
    import budgetx

    return budgetx.extract(SAMPLE_TXT)


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus (../shared/corpus) is not present")
    return CORPUS
