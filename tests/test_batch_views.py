"""The dataset for reading: datasette's metadata.json, full-text search kept in step, the views."""

from __future__ import annotations

import json
import sqlite3

from budgetx.batch import BatchOptions, run_batch
from budgetx.batch.schema import SEARCH, TABLES, VIEWS
from tests.test_batch import SAMPLE_DEPARTMENT, make_documents


def _unit_publication(folder, year=2021):
    """The sample as its department's 单位 publication: the same department, year and figures."""
    (path,) = make_documents(folder, (SAMPLE_DEPARTMENT,), years=(year,))
    unit = folder / f"{SAMPLE_DEPARTMENT}{year}年单位预算.txt"
    unit.write_text(path.read_text(encoding="utf-8").replace("部门预算", "单位预算"), encoding="utf-8")
    return path, unit


def test_metadata_describes_every_table_column_and_view(tmp_path):
    make_documents(tmp_path / "in", (SAMPLE_DEPARTMENT,), years=(2021,))
    report = run_batch([str(tmp_path / "in")], BatchOptions(tmp_path / "out", jobs=1))
    assert tmp_path / "out" / "metadata.json" in report.written
    meta = json.loads((tmp_path / "out" / "metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["budget"]["tables"]
    conn = sqlite3.connect(tmp_path / "out" / "budget.sqlite")
    for name in [t.name for t in TABLES] + [v.name for v in VIEWS]:
        have = [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]
        assert set(tables[name]["columns"]) == set(have), name
        assert tables[name]["title"] and tables[name]["description"]
    assert tables["amounts"]["columns"]["value_yuan"].endswith("[in 元]")
    assert tables["documents"]["units"] == {"seconds": "s"}  # the one unit datasette (Pint) reads
    assert tables["documents"]["label_column"] == "label"
    assert tables["amounts"]["fts_table"] == "amounts_fts"
    assert all(tables[s.name] == {"hidden": True} for s in SEARCH)
    # a document is named by its label, not its hash, where another table names it
    label = conn.execute("SELECT label FROM documents").fetchone()[0]
    assert label == f"{SAMPLE_DEPARTMENT} 2021 预算 部门 · {SAMPLE_DEPARTMENT}2021年部门预算.txt"
    fks = {row[2] for row in conn.execute("PRAGMA foreign_key_list(amounts)") if row[3] == "document"}
    assert "documents" in fks


def _search(conn, table, query):
    return conn.execute(f"SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH ?", (query,)).fetchone()[0]


def _in_step(conn):
    for s in SEARCH:  # an external-content index checked against its table
        conn.execute(f"INSERT INTO {s.name}({s.name}) VALUES ('integrity-check')")


def test_search_follows_documents_added_replaced_and_pruned(tmp_path):
    docs = make_documents(tmp_path / "in", (SAMPLE_DEPARTMENT,), years=(2021, 2022))
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    conn = sqlite3.connect(out / "budget.sqlite")
    per_document = _search(conn, "amounts", "公务接待") // 2
    assert per_document > 0
    titled = conn.execute("SELECT count(*) FROM tables WHERE title LIKE '%财政拨款%'").fetchone()[0]
    assert _search(conn, "tables", "财政拨款") == titled > 0
    _in_step(conn)
    conn.close()
    # a document corrected in place is replaced: its old rows leave the index with it
    docs[0].write_text(docs[0].read_text(encoding="utf-8").replace("公务接待费", "公务招待费"), encoding="utf-8")
    run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    conn = sqlite3.connect(out / "budget.sqlite")
    assert _search(conn, "amounts", "公务接待") == per_document
    assert _search(conn, "amounts", "公务招待") > 0
    _in_step(conn)
    conn.close()
    # a document whose file is gone, pruned
    docs[1].unlink()
    run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1, prune=True))
    conn = sqlite3.connect(out / "budget.sqlite")
    assert _search(conn, "amounts", "公务接待") == 0
    assert _search(conn, "tables", "财政拨款") == titled // 2
    _in_step(conn)
    found = conn.execute(
        "SELECT DISTINCT a.name, a.column_name FROM amounts a JOIN amounts_fts f ON f.rowid = a.rowid "
        "WHERE amounts_fts MATCH '招待费'"
    ).fetchall()
    assert found and all("招待费" in f"{name} {column}" for name, column in found)


def test_three_public_view_one_row_per_department_and_year_the_department_publication_first(tmp_path):
    folder = tmp_path / "in"
    department, unit = _unit_publication(folder)
    make_documents(folder, (SAMPLE_DEPARTMENT, "江苏省人民检察院"), years=(2022,))
    run_batch([str(folder)], BatchOptions(tmp_path / "out", jobs=1))
    conn = sqlite3.connect(tmp_path / "out" / "budget.sqlite")
    assert conn.execute("SELECT publication FROM documents WHERE file LIKE '%单位预算%'").fetchone() == ("单位",)
    rows = conn.execute(
        "SELECT department_key, year, stage, publication, value_yuan, reception_yuan, outbound_yuan, label "
        "FROM three_public"
    ).fetchall()
    # the sample prints 公务接待费 3.5 万元 and leaves 因公出国（境）费 empty
    assert [r[:7] for r in rows] == [
        ("江苏省人民检察院", 2022, "预算", "部门", "35000.0", "35000.0", None),
        (SAMPLE_DEPARTMENT, 2021, "预算", "部门", "35000.0", "35000.0", None),
        (SAMPLE_DEPARTMENT, 2022, "预算", "部门", "35000.0", "35000.0", None),
    ]
    assert department.name in rows[1][7]
    # without its 部门 publication, the 单位 one stands for the department
    conn.execute("DELETE FROM documents WHERE publication = '部门' AND year = 2021")
    assert conn.execute("SELECT publication, label FROM three_public WHERE year = 2021").fetchall() == [
        ("单位", f"{SAMPLE_DEPARTMENT} 2021 预算 单位 · {unit.name}")
    ]


def test_findings_by_document_view(tmp_path):
    make_documents(tmp_path / "in", (SAMPLE_DEPARTMENT,), years=(2021,))
    run_batch([str(tmp_path / "in")], BatchOptions(tmp_path / "out", jobs=1))
    conn = sqlite3.connect(tmp_path / "out" / "budget.sqlite")
    count = conn.execute("SELECT count(*) FROM findings").fetchone()[0]
    rows = conn.execute("SELECT department_key, label, severity, rule FROM findings_by_document").fetchall()
    assert len(rows) == count
    assert all(r[0] == SAMPLE_DEPARTMENT and r[1].startswith(SAMPLE_DEPARTMENT) for r in rows)


def test_columns_and_roles_are_stored(tmp_path):
    make_documents(tmp_path / "in", (SAMPLE_DEPARTMENT,), years=(2021,))
    run_batch([str(tmp_path / "in")], BatchOptions(tmp_path / "out", jobs=1))
    conn = sqlite3.connect(tmp_path / "out" / "budget.sqlite")
    import budgetx

    doc = budgetx.extract(next((tmp_path / "in").iterdir()))
    expected = [
        (t.index, j, c.name, c.type, c.block, c.role, c.of) for t in doc.tables for j, c in enumerate(t.columns)
    ]
    stored = conn.execute(
        "SELECT table_index, column_index, name, type, block, role, of FROM columns ORDER BY table_index, column_index"
    ).fetchall()
    assert stored == expected
    # each amount names its column, and carries the column's role
    mismatched = conn.execute(
        "SELECT count(*) FROM amounts a JOIN columns c USING (document, table_index, column_index) "
        "WHERE c.name IS NOT a.column_name OR c.role IS NOT a.role"
    ).fetchone()
    assert mismatched == (0,)
    assert conn.execute("SELECT count(*) FROM amounts WHERE level = 3 AND parent IS NULL").fetchone() == (0,)
