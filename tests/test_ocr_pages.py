"""OCR with a page selection (``--pages``) and in ``validate -j``'s worker processes."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

import budgetx
from budgetx.checking import CheckJob, check_file
from budgetx.cli import app
from budgetx.errors import BadPageSelection, NoTextLayer
from budgetx.pages import selection
from budgetx.readers import READERS
from budgetx.validate import DEFAULT_TOLERANCE

pytest.importorskip("rapidocr_onnxruntime")

HERE = Path(__file__).parent / "fixtures" / "ocr"
SCAN = HERE / "sample_p5_150dpi.pdf"
#: page 1 has a text layer, page 2 is a scan
MIXED = HERE / "mixed_p4_p5.pdf"


def test_every_ocr_reader_takes_a_page_selection():
    assert all(r.paged for r in READERS if r.format in ("pdf", "image"))


def test_a_selected_text_page_of_a_mixed_pdf_reads_no_page_by_ocr():
    calls: list[tuple[int, int, int]] = []
    doc = budgetx.extract(MIXED, pages="1", progress=lambda *a: calls.append(a))
    assert doc.tables and not calls
    assert not any(r.ocr for t in doc.tables for r in t.rows)


def test_a_selected_scanned_page_is_read_by_ocr_and_the_progress_counts_the_selection():
    calls: list[tuple[int, int, int]] = []
    doc = budgetx.extract(MIXED, pages="2", progress=lambda *a: calls.append(a))
    assert doc.tables and all(t.pages == [2] for t in doc.tables)
    amounts = [r for t in doc.tables for r in t.rows if any(isinstance(c, Decimal) for c in r.cells)]
    assert amounts and all(r.ocr for r in amounts)
    assert calls == [(0, 0, 1), (1, 1, 1)]


def test_the_pages_of_a_multi_page_tiff_are_selected(monkeypatch):
    import cv2
    import numpy as np

    from budgetx.readers import ocr
    from budgetx.readers.ocr import page

    blank = np.full((60, 80), 255, dtype=np.uint8)
    ok, buf = cv2.imencodemulti(".tiff", [blank, blank, blank])
    assert ok
    read: list[int] = []
    monkeypatch.setattr(page, "read", lambda picture, number, state, **_: read.append(number) or [])
    result = ocr.read(buf.tobytes(), "scan.tif", pages=selection("2-3"))
    assert read == [2, 3] and result.pages == 3 and result.empty_pages == [2, 3]
    with pytest.raises(BadPageSelection):
        ocr.read(buf.tobytes(), "scan.tif", pages=selection("4"))


def test_the_ocr_mode_travels_in_a_check_job():
    checked = check_file(CheckJob(0, str(SCAN), DEFAULT_TOLERANCE, ocr="never"))
    assert checked.exit_code == NoTextLayer.exit_code and "--ocr auto" in (checked.error or "")


def test_validate_j_reads_by_the_ocr_mode_given(tmp_path):
    files = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for f in files:
        shutil.copy(SCAN, f)
    result = CliRunner().invoke(app, ["validate", "-j", "2", "--ocr", "never", "-q", *map(str, files)])
    assert result.exit_code == NoTextLayer.exit_code
    assert result.stderr.count("--ocr auto") == 2


def test_the_model_loads_under_a_workers_memory_cap_which_then_allows_for_it():
    # a worker caps its address space at its budget; the model and onnxruntime's threads map more while they
    # start than they keep, and are no document's cost: the cap is lifted while they load, then raised by them
    import subprocess
    import sys

    code = """
import resource
import cv2, numpy  # a worker has them before the model: a page is decoded first
from budgetx.budget import Budget, limit_memory
from budgetx.readers.ocr import engine
limit_memory(Budget(memory_mb=128))
soft = resource.getrlimit(resource.RLIMIT_AS)[0]
engine._model()
print(resource.getrlimit(resource.RLIMIT_AS)[0] > soft)
"""
    root = Path(__file__).parent.parent
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "True"


@pytest.mark.parametrize("mode", ["auto", "always"])
def test_a_pdf_pdfium_refuses_is_no_scan_and_no_traceback(mode):
    """A file pdfium cannot open (damaged beyond its repair; the text layer's reader may still read it and
    report the damage): no page of it is taken for a scan, none is rendered, nothing is raised."""
    from budgetx.readers.ocr import scan, settings

    with settings.using(settings.Settings(mode=mode)):
        scanner = scan.Scanner(b"%PDF-1.4\nnot a document", None, 2)
        assert not scanner.wants(1, []) and not scanner.wants(2, [])
        scanner.close()


@pytest.mark.corpus
def test_a_flipped_byte_pdfium_refuses_is_read_with_its_damage_named(corpus):
    """benchmarks/fuzz.py, flip seed 332: pdfium refused the file and the scan check raised its error."""
    from tests.mutations import mutate

    path = corpus / "shanghai" / "上海市普陀区人民政府办公室25年预算.pdf"
    kind, data = mutate(path.read_bytes(), 332)
    assert kind == "flip"
    doc = budgetx.extract(path, data=data)
    assert doc.source.unreadable
