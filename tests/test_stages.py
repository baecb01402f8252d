"""Each stage of the pipeline is timed where a recording is open, and nowhere else."""

from __future__ import annotations

from pathlib import Path

import budgetx
from budgetx import stages
from budgetx.batch import worker
from budgetx.batch.runner import DocSummary
from budgetx.batch.worker import Job

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"
SAMPLE_PDF = SAMPLE.with_suffix(".pdf")


def test_extracting_records_each_stage_of_the_pipeline():
    with stages.recording() as times:
        budgetx.extract(SAMPLE)
    assert list(times) == ["reading", "segmentation", "normalisation", "validation"]
    assert all(wall >= 0 and cpu >= 0 for wall, cpu in times.values())


def test_a_pdf_records_the_parts_of_its_reading():
    with stages.recording() as times:
        budgetx.extract(SAMPLE_PDF)
    parts = {"reading: opening", "reading: page objects", "reading: ruled grids"}
    assert parts <= set(times)
    assert sum(times[p][1] for p in parts) <= times["reading"][1] + 1e-3  # parts of the reading, not besides it


def test_without_a_recording_nothing_is_kept():
    with stages.stage("reading"):
        pass
    with stages.recording() as times, stages.stage("reading"), stages.recording() as inner, stages.stage("validation"):
        pass
    assert list(times) == ["reading"] and list(inner) == ["validation"]


def test_a_batch_document_carries_its_stages_to_the_report(tmp_path):
    result = worker.process(Job(str(SAMPLE), str(tmp_path / "out")))
    assert result.ok
    assert {"document", "reading", "segmentation", "normalisation", "validation", "writing", "rows"} <= set(
        result.stages
    )
    cpu = {name: c for name, (_, c) in result.stages.items()}
    assert sum(c for name, c in cpu.items() if name != "document" and ":" not in name) <= cpu["document"] + 1e-3
    assert DocSummary.of(result).stages == result.stages
