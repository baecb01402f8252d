"""budgetx batch keeps the dataset true to the files: a file corrected in place replaces its old
version (no double count), a deleted file is reported (and removed with --prune), a moved file keeps
its document, and a name that is not UTF-8 is read and stored printable."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetx.batch import BatchOptions, run_batch
from budgetx.batch.schema import ADDED_COLUMNS
from budgetx.cli import app
from tests.conftest import SAMPLE_TXT
from tests.test_batch import DEPARTMENTS, SAMPLE_DEPARTMENT, dataset_rows, make_documents, make_older

#: 表1's first row: 一、本年收入 426.37 (its first amount is corrected below)
FIRST = "一、本年收入\t426.37"


def total_fen(outdir: Path) -> int:
    conn = sqlite3.connect(outdir / "budget.sqlite")
    try:
        return conn.execute("SELECT coalesce(sum(value_fen), 0) FROM amounts").fetchone()[0]
    finally:
        conn.close()


def files(outdir: Path) -> list[str]:
    conn = sqlite3.connect(outdir / "budget.sqlite")
    try:
        return sorted(Path(f).name for (f,) in conn.execute("SELECT file FROM documents"))
    finally:
        conn.close()


def test_a_file_corrected_in_place_replaces_its_old_version(tmp_path):
    docs = make_documents(tmp_path / "in", DEPARTMENTS[:2], years=(2021,))
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    before = total_fen(out)

    text = docs[0].read_text(encoding="utf-8")
    assert FIRST in text
    docs[0].write_text(text.replace(FIRST, "一、本年收入\t526.37", 1), encoding="utf-8")  # one amount corrected
    report = run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    assert [Path(f).name for f in report.changed] == [docs[0].name]
    assert len(report.processed) == 1 and report.skipped == 1
    assert files(out) == sorted(p.name for p in docs)  # one document a file, never two
    assert total_fen(out) == before + 100 * 10000 * 100  # 100 万元 more, counted once
    # the same as a batch that only ever saw the corrected file; its old JSON is gone too
    reference = tmp_path / "reference"
    run_batch([str(tmp_path / "in")], BatchOptions(reference, jobs=1))
    assert dataset_rows(out) == dataset_rows(reference)
    assert sorted(p.name for p in (out / "documents").iterdir()) == sorted(
        p.name for p in (reference / "documents").iterdir()
    )

    # back to a content the dataset holds under another file: its old version goes, nothing is read
    docs[0].write_bytes(docs[1].read_bytes())
    again = run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    assert again.processed == [] and len(again.duplicates) == 1 and len(again.changed) == 1
    assert files(out) == [docs[1].name]


def test_a_deleted_file_is_reported_and_removed_with_prune(tmp_path):
    docs = make_documents(tmp_path / "in", DEPARTMENTS, years=(2021,))
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    docs[0].unlink()
    runner = CliRunner()
    kept = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(out)])
    assert kept.exit_code == 0, kept.output
    assert "1 document whose file is gone: kept; --prune removes them" in kept.output
    assert len(files(out)) == 3
    pruned = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(out), "--prune"])
    assert pruned.exit_code == 0 and "1 document whose file is gone: removed" in pruned.output
    assert files(out) == sorted(p.name for p in docs[1:])
    assert "gone" not in runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(out)]).output


def test_a_moved_file_keeps_its_document_and_a_subset_keeps_the_others(tmp_path):
    docs = make_documents(tmp_path / "in", DEPARTMENTS[:2], years=(2021,))
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    moved = tmp_path / "in" / "renamed.txt"
    docs[0].rename(moved)
    report = run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    assert report.processed == [] and not report.gone and not report.changed
    assert files(out) == sorted(["renamed.txt", docs[1].name])
    # a batch of one file leaves the documents of the others alone
    report = run_batch([str(moved)], BatchOptions(out, jobs=1, prune=True))
    assert not report.gone and len(files(out)) == 2


def test_a_name_that_is_not_utf8_is_read_and_stored_printable(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    gbk = folder / os.fsdecode("部门".encode("gbk") + b".txt")  # 部门.txt, as a Windows archive unzips it
    try:
        gbk.write_text(SAMPLE_TXT.read_text(encoding="utf-8"), encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    for i, dep in enumerate(DEPARTMENTS[1:], start=1):  # names that sort after it
        (folder / f"\uff5a{i}.txt").write_text(text.replace(SAMPLE_DEPARTMENT, dep), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "3 processed (3 ok" in result.output
    conn = sqlite3.connect(out / "budget.sqlite")
    stored = {Path(f).name: (j, p) for f, j, p in conn.execute("SELECT file, json, path FROM documents")}
    assert set(stored) == {"\\xb2\\xbf\\xc3\\xc5.txt", "\uff5a1.txt", "\uff5a2.txt"}
    json_name, path = stored["\\xb2\\xbf\\xc3\\xc5.txt"]
    assert (out / json_name).is_file() and "\\" not in Path(json_name).name
    assert path.endswith("\\xb2\\xbf\\xc3\\xc5.txt")
    # and the rerun knows it: nothing redone, nothing gone
    again = CliRunner().invoke(app, ["batch", str(folder), "-o", str(out)])
    assert again.exit_code == 0 and "3 already done" in again.output and "gone" not in again.output


def test_a_changed_file_whose_new_content_another_file_also_holds(tmp_path):
    docs = make_documents(tmp_path / "in", DEPARTMENTS[:2], years=(2021,))
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    new = docs[0].read_text(encoding="utf-8").replace(FIRST, "一、本年收入\t526.37", 1)
    docs[0].write_text(new, encoding="utf-8")
    (tmp_path / "in" / "a-copy.txt").write_text(new, encoding="utf-8")  # listed before it
    report = run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    assert len(report.processed) == 1 and len(report.duplicates) == 1
    assert files(out) == sorted(["a-copy.txt", docs[1].name])  # the old version is gone in the same run


def test_a_dataset_from_before_the_path_column_gets_it(tmp_path):
    docs = make_documents(tmp_path / "in", DEPARTMENTS[:1], years=(2021,))
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    # a dataset from before every column added to documents
    make_older(out / "budget.sqlite", {"documents": ADDED_COLUMNS["documents"]})
    report = run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    assert report.skipped == 1 and not report.gone and not report.changed
    conn = sqlite3.connect(out / "budget.sqlite")
    assert conn.execute("SELECT path FROM documents").fetchall() == [(str(docs[0].resolve()),)]
    # the department's key and the document's label are filled in from what the dataset holds
    assert conn.execute("SELECT department_key, label FROM documents").fetchall() == [
        (SAMPLE_DEPARTMENT, f"{SAMPLE_DEPARTMENT} 2021 预算 · {docs[0].name}")
    ]
