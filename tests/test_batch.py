"""budgetx batch: inputs, the dataset, failures, reruns, --force, the datapackage, SQL on the result."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetx.batch import BatchOptions, expand_inputs, run_batch
from budgetx.batch.fiscal import direction, phase, region
from budgetx.batch.schema import TABLES
from budgetx.cli import app
from tests.conftest import SAMPLE_TXT

SAMPLE_DEPARTMENT = "重庆市潼南区大数据应用发展管理局"
DEPARTMENTS = ("重庆市潼南区大数据应用发展管理局", "上海市普陀区财政局", "江苏省人民检察院")
#: columns that say when and how fast, not what: they differ between two runs of the same batch
VOLATILE = {"seconds", "processed_at", "file", "json"}


def make_documents(folder: Path, departments=DEPARTMENTS, years=(2021, 2022)) -> list[Path]:
    """Variants of the sample text, one per department and year (different bytes, different documents)."""
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for dep in departments:
        for year in years:
            path = folder / f"{dep}{year}年部门预算.txt"
            path.write_text(text.replace(SAMPLE_DEPARTMENT, dep).replace("2021", str(year)), encoding="utf-8")
            paths.append(path)
    return paths


def dataset_rows(outdir: Path) -> dict[str, list[tuple]]:
    """Every table of a batch's SQLite dataset, without the columns that vary between runs."""
    conn = sqlite3.connect(outdir / "budget.sqlite")
    try:
        out = {}
        for table in TABLES:
            cols = [c for c in table.names if c not in VOLATILE]
            sql = f"SELECT {', '.join(cols)} FROM {table.name} ORDER BY {', '.join(table.primary_key)}"
            out[table.name] = conn.execute(sql).fetchall()
        return out
    finally:
        conn.close()


def make_older(db: Path, drop: dict[str, tuple[str, ...]]) -> None:
    """Turn the dataset ``db`` into one an older budgetx wrote: no views, search indexes or columns table,
    and its tables without the columns ``drop`` names (with the indexes on them)."""
    conn = sqlite3.connect(db)
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger')").fetchall():
        conn.execute(f"DROP {kind.upper()} {name}")
    conn.execute("DROP TABLE amounts_fts")
    conn.execute("DROP TABLE tables_fts")
    conn.execute("DROP TABLE columns")
    for table, columns in drop.items():
        for (index,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
        ).fetchall():
            if {row[2] for row in conn.execute(f"PRAGMA index_info({index})")} & set(columns):
                conn.execute(f"DROP INDEX {index}")
        for column in columns:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.commit()
    conn.close()


def part_files(outdir: Path) -> list[Path]:
    return [p for p in outdir.rglob("*") if p.name.endswith(".part")]


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("in")
    make_documents(folder, DEPARTMENTS[:2])
    (folder / "sub").mkdir()
    make_documents(folder / "sub", DEPARTMENTS[2:], years=(2021,))
    (folder / "corrupt.txt").write_bytes(b"\x00\x01\x02\xff garbage " * 50)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "readme.json").write_text("{}")  # not a document: skipped in folders
    (folder / ".hidden.txt").write_text("hidden")  # hidden: skipped
    return folder


@pytest.fixture(scope="module")
def batch(documents, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("out")
    report = run_batch([str(documents)], BatchOptions(outdir, jobs=1))
    return outdir, report


# --- inputs --------------------------------------------------------------------------------------


def test_inputs_folders_globs_files_and_stdin(documents, tmp_path):
    found = expand_inputs([str(documents)])
    names = sorted(p.name for p in found.paths)
    assert len(names) == 7  # 5 documents + corrupt.txt + empty.txt, recursively
    assert "readme.json" not in names and ".hidden.txt" not in names

    globbed = expand_inputs([str(documents / "**" / "*2021年部门预算.txt")])
    assert sorted(p.name for p in globbed.paths) == sorted(f"{d}2021年部门预算.txt" for d in DEPARTMENTS)

    # a file named outright is kept, whatever its extension; each document once
    listed = io.StringIO(f"# my list\n{documents / 'readme.json'}\n\n{documents / 'corrupt.txt'}\n{documents}\n")
    found = expand_inputs(["-", str(documents / "corrupt.txt")], stdin=listed)
    assert found.paths[0].name == "readme.json" and found.paths[1].name == "corrupt.txt"
    assert len(found.paths) == 8 and not found.missing

    missing = expand_inputs([str(tmp_path / "nope.pdf"), str(tmp_path / "*.pdf")])
    assert [why for _, why in missing.missing] == ["no such file or directory", "no document matches this pattern"]


def test_inputs_exclude_the_output_folder(tmp_path):
    make_documents(tmp_path, DEPARTMENTS[:1], years=(2021,))
    out = tmp_path / "out"
    make_documents(out, DEPARTMENTS[:1], years=(2022,))
    assert [p.name for p in expand_inputs([str(tmp_path)], exclude=[out]).paths] == [
        f"{DEPARTMENTS[0]}2021年部门预算.txt"
    ]


# --- one batch -----------------------------------------------------------------------------------


def test_a_bad_document_is_recorded_and_the_batch_goes_on(batch):
    outdir, report = batch
    assert report.count("failed") == 2 and report.count("ok") + report.count("findings") == 5
    assert report.exit_code == 1
    conn = sqlite3.connect(outdir / "budget.sqlite")
    failed = dict(conn.execute("SELECT file, reason FROM documents WHERE status = 'failed'").fetchall())
    assert {Path(f).name for f in failed} == {"corrupt.txt", "empty.txt"}
    assert "binary" in failed[next(f for f in failed if f.endswith("corrupt.txt"))]
    assert "empty" in failed[next(f for f in failed if f.endswith("empty.txt"))]
    # nothing of a failed document but its row
    assert conn.execute(
        "SELECT count(*) FROM amounts JOIN documents d ON d.sha256 = document WHERE d.status = 'failed'"
    ).fetchone() == (0,)


def test_each_document_has_its_json_and_its_rows(batch):
    outdir, _ = batch
    conn = sqlite3.connect(outdir / "budget.sqlite")
    docs = conn.execute(
        "SELECT sha256, department, year, stage, phase, region, tables, amounts, json FROM documents "
        "WHERE status = 'ok' ORDER BY department, year"
    ).fetchall()
    assert [(d[1], d[2]) for d in docs] == [
        ("上海市普陀区财政局", 2021),
        ("上海市普陀区财政局", 2022),
        ("江苏省人民检察院", 2021),
        ("重庆市潼南区大数据应用发展管理局", 2021),
        ("重庆市潼南区大数据应用发展管理局", 2022),
    ]
    assert {d[5] for d in docs} == {"上海市普陀区", "江苏省", "重庆市潼南区"}
    assert {(d[3], d[4]) for d in docs} == {("预算", "approved")}
    for sha, *_, n_tables, n_amounts, json_path in docs:
        data = json.loads((outdir / json_path).read_text(encoding="utf-8"))
        assert data["source"]["sha256"] == sha and json_path.startswith(f"documents/{sha[:12]}_")
        assert n_tables == len(data["tables"]) == 15
        assert conn.execute("SELECT count(*) FROM tables WHERE document = ?", (sha,)).fetchone() == (n_tables,)
        assert conn.execute("SELECT count(*) FROM amounts WHERE document = ?", (sha,)).fetchone() == (n_amounts,)
    assert not part_files(outdir)


def test_amounts_are_exact_in_yuan_and_fen(batch):
    outdir, _ = batch
    conn = sqlite3.connect(outdir / "budget.sqlite")
    rows = conn.execute(
        "SELECT a.value, a.unit, a.value_yuan, a.value_fen, a.direction, a.block, a.name FROM amounts a "
        "JOIN documents d ON d.sha256 = a.document "
        "WHERE d.department = ? AND d.year = 2021 AND a.kind = 'fiscal_summary' AND a.row = 1 ORDER BY a.seq",
        (SAMPLE_DEPARTMENT,),
    ).fetchall()
    # 表1's first row: 一、本年收入 426.37 (收入, left block) | 一、本年支出 426.37 (支出, right block)
    assert rows[0] == ("426.37", "万元", "4263700.00", 426370000, "revenue", 0, "一、本年收入")
    assert rows[1][:5] == ("426.37", "万元", "4263700.00", 426370000, "expenditure")
    assert rows[1][6] == "一、本年支出"


# --- SQL on the result (the README's queries) ----------------------------------------------------

BASIC_BY_DEPARTMENT_YEAR = """
SELECT d.department, d.year, printf('%.2f', sum(a.value_fen) / 100.0) AS basic_yuan
FROM amounts a JOIN documents d ON d.sha256 = a.document
WHERE a.kind = 'general_function' AND a.level = 1 AND a.column_name LIKE '%基本支出'
GROUP BY d.department, d.year ORDER BY d.department, d.year
"""

ITEMS_UNDER_208 = """
SELECT d.department, d.year, a.code, a.name, a.value
FROM amounts a JOIN documents d ON d.sha256 = a.document
WHERE a.code LIKE '208%' AND a.level = 3 AND a.kind = 'general_function' AND a.column_name LIKE '%小计'
ORDER BY d.department, d.year, a.code
"""


def test_sql_queries_on_the_dataset(batch):
    outdir, _ = batch
    conn = sqlite3.connect(outdir / "budget.sqlite")
    basic = conn.execute(BASIC_BY_DEPARTMENT_YEAR).fetchall()
    assert len(basic) == 5
    # the sample's 表2: 基本支出 of the 类 rows add up to its 总计, 223.37 万元
    assert (SAMPLE_DEPARTMENT, 2021, "2233700.00") in basic
    items = conn.execute(ITEMS_UNDER_208).fetchall()
    sample = [r[2:] for r in items if r[0] == SAMPLE_DEPARTMENT and r[1] == 2021]
    assert sample == [
        ("2080505", "机关事业单位基本养老", "12.54"),
        ("2080506", "机关事业单位职业年金", "6.27"),
    ]
    # the indexes the obvious queries use
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"amounts_code", "amounts_kind", "amounts_document_table_index", "documents_year", "tables_kind"} <= indexes


# --- reruns --------------------------------------------------------------------------------------


def test_rerun_skips_what_is_done_and_force_redoes_it(documents, tmp_path):
    outdir = tmp_path / "out"
    first = run_batch([str(documents)], BatchOptions(outdir, jobs=1))
    before = dataset_rows(outdir)
    again = run_batch([str(documents)], BatchOptions(outdir, jobs=1))
    assert again.processed == [] and again.skipped == 7
    # the documents that failed before still fail the run, and are named
    assert again.exit_code == 1 and {Path(f).name for f, _ in again.failed_before} == {"corrupt.txt", "empty.txt"}
    retried = run_batch([str(documents)], BatchOptions(outdir, jobs=1, retry_failed=True))
    assert sorted(Path(d.file).name for d in retried.processed) == ["corrupt.txt", "empty.txt"]
    forced = run_batch([str(documents)], BatchOptions(outdir, jobs=1, force=True))
    assert len(forced.processed) == 7 and forced.skipped == 0
    assert dataset_rows(outdir) == before
    assert len(first.processed) == 7


def test_duplicates_are_read_once(tmp_path):
    [doc] = make_documents(tmp_path / "in", DEPARTMENTS[:1], years=(2021,))
    copy = tmp_path / "in" / "copy.txt"
    copy.write_bytes(doc.read_bytes())
    report = run_batch([str(tmp_path / "in")], BatchOptions(tmp_path / "out", jobs=1))
    assert len(report.processed) == 1 and len(report.duplicates) == 1 and report.exit_code == 0


def test_parallel_workers_give_the_same_dataset(documents, batch, tmp_path):
    outdir = tmp_path / "out"
    report = run_batch([str(documents)], BatchOptions(outdir, jobs=2))
    assert report.workers == 2 and len({d.pid for d in report.processed}) == 2
    assert all(d.peak_rss_kib > 0 for d in report.processed)
    assert dataset_rows(outdir) == dataset_rows(batch[0])


# --- files and datapackage -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_dataset_files_and_datapackage_validate(tmp_path, fmt):
    frictionless = pytest.importorskip("frictionless")
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    outdir = tmp_path / "out"
    docs = make_documents(tmp_path / "in", DEPARTMENTS[:1], years=(2021,))
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    report = run_batch([str(docs[0].parent)], BatchOptions(outdir, jobs=1, format=fmt))
    assert {p.name for p in report.written} == {
        "budget.sqlite",
        "metadata.json",
        f"documents.{fmt}",
        f"tables.{fmt}",
        f"amounts.{fmt}",
        f"findings.{fmt}",
        f"columns.{fmt}",
        "datapackage.json",
        "report.html",
    }
    package = json.loads((outdir / "datapackage.json").read_text(encoding="utf-8"))
    measure = package["model"]["measures"]["value_yuan"]
    assert (measure["currency"], measure["factor"], measure["phase"]) == ("CNY", 1, "approved")
    assert package["fiscalPeriod"] == {"start": "2021-01-01", "end": "2021-12-31"}
    result = frictionless.validate(str(outdir / "datapackage.json"))
    assert result.valid, result.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    if fmt == "csv":
        import csv

        with open(outdir / "amounts.csv", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == sum(1 for _ in sqlite3.connect(outdir / "budget.sqlite").execute("SELECT 1 FROM amounts"))
        # a damaged file no longer matches the package
        with open(outdir / "amounts.csv", "a", encoding="utf-8") as fh:
            fh.write(rows[0]["document"] + ",999999,1,x,1,0,,,,,1,元,1,100,,,\n")
        assert not frictionless.validate(str(outdir / "datapackage.json")).valid


def test_per_document_exports(documents, tmp_path):
    from budgetx.export import exporters

    wanted = [f for f in ("csv", "xlsx", "long") if f in exporters()]
    if not wanted:
        pytest.skip("no CSV or Excel exporter registered yet")
    outdir = tmp_path / "out"
    doc = next(documents.glob("上海*2021*.txt"))
    report = run_batch([str(doc)], BatchOptions(outdir, jobs=1, exports=tuple(wanted)))
    assert report.exit_code == 0
    names = {p.name for p in (outdir / "documents").iterdir()}
    stem = f"{report.processed[0].sha256[:12]}_{doc.stem}"
    assert f"{stem}.json" in names
    if "csv" in wanted:
        assert (outdir / "documents" / stem).is_dir() and any((outdir / "documents" / stem).iterdir())
    if "xlsx" in wanted:
        assert f"{stem}.xlsx" in names
    if "long" in wanted:
        assert f"{stem}.long.csv" in names
    # redone: each file (and the folder of CSV files) is replaced whole
    again = run_batch([str(doc)], BatchOptions(outdir, jobs=1, exports=tuple(wanted), force=True))
    assert again.exit_code == 0 and {p.name for p in (outdir / "documents").iterdir()} == names
    assert not part_files(outdir)


# --- the command ---------------------------------------------------------------------------------


def test_cli_reads_a_list_on_stdin_and_exits_1_on_a_failure(documents, tmp_path):
    listed = "\n".join(str(p) for p in sorted(documents.glob("*.txt"))) + "\n"
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", "-", "-o", str(out), "-j", "1"], input=listed)
    assert result.exit_code == 1, result.output
    # every file listed is read, whatever its name: 4 documents, corrupt.txt, empty.txt, .hidden.txt
    assert "7 processed (" in result.output and "with findings, 3 failed)" in result.output
    assert "corrupt.txt" in result.output
    conn = sqlite3.connect(out / "budget.sqlite")
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (7,)
    quiet = CliRunner().invoke(app, ["batch", "-", "-o", str(out), "-q"], input=listed)
    assert quiet.exit_code == 1 and quiet.output == ""


def test_cli_all_ok_exits_0_and_names_what_it_wrote(tmp_path):
    make_documents(tmp_path / "in", DEPARTMENTS[:1], years=(2021,))
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert "datapackage.json" in result.output


def test_cli_usage_errors(tmp_path):
    runner = CliRunner()
    assert runner.invoke(app, ["batch", str(tmp_path), "-o", str(tmp_path / "o"), "-f", "xml"]).exit_code == 2
    assert runner.invoke(app, ["batch", str(tmp_path)]).exit_code == 2  # no -o
    bad = runner.invoke(app, ["batch", str(tmp_path), "-o", str(tmp_path / "o"), "-e", "nope"])
    assert bad.exit_code == 13 and "no such per-document format" in bad.output


# --- what the dataset derives --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("department", "path", "expected"),
    [
        ("上海市普陀区财政局", None, "上海市普陀区"),
        ("上海市普陀区人民政府万里街道办事处", None, "上海市普陀区"),
        ("江苏省人民检察院", None, "江苏省"),
        ("中共江苏省委办公厅", None, "江苏省"),
        ("江苏省人大常委会办公厅", None, "江苏省"),
        ("重庆市潼南区大数据应用发展管理局", None, "重庆市潼南区"),
        ("北京市城市管理委员会", None, "北京市"),
        ("上海市人民政府办公厅", None, "上海市"),
        (None, "corpus/jiangsu/江苏省政协办公厅2019年预算公开表.pdf", "江苏省"),
        (None, "corpus/jiangsu/2019年度部门预算公开.pdf", None),
        ("某某局", None, None),
    ],
)
def test_region(department, path, expected):
    assert region(department, path) == expected


def test_phase_and_direction():
    assert (phase("预算"), phase("决算"), phase(None)) == ("approved", "executed", None)
    assert direction("income", 0) == "revenue"
    assert (direction("summary", 0), direction("summary", 1)) == ("revenue", "expenditure")
    assert direction("general_function", 0) == "expenditure"
    assert direction("performance_project", 0) is None


# --- README ----------------------------------------------------------------------------------------


def _readme_batch_sql() -> list[str]:
    """The SQL blocks of README's "Batch" section."""
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Batch", 1)[1].split("\n## ", 1)[0] if "\n## Batch" in readme else ""
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_readme_queries_run_on_the_dataset(batch):
    queries = _readme_batch_sql()
    if not queries:
        pytest.skip("README has no Batch section with SQL yet")
    conn = sqlite3.connect(batch[0] / "budget.sqlite")
    search, three_public, basic, items = (conn.execute(q).fetchall() for q in queries[:4])
    assert search and all("公务接待" in f"{name} {column}" for name, column, _, _ in search)
    assert (SAMPLE_DEPARTMENT, 2021, "预算", "部门", "35000.0") in three_public
    assert (SAMPLE_DEPARTMENT, 2021, "预算", "2233700.00") in basic
    assert ("2080505", "机关事业单位基本养老", 5, "627000.00") in items


# --- a worker that dies --------------------------------------------------------------------------


def crash_on_bomb(job):
    """A task that kills its worker process on a file named *bomb* (as a segfault or the OOM killer would)."""
    import os

    from budgetx.batch import worker

    if "bomb" in job.path:
        os._exit(1)
    return worker.process(job)


def test_a_worker_that_dies_fails_its_document_only(tmp_path):
    from budgetx.batch.pool import run_pool
    from budgetx.batch.worker import Job

    docs = make_documents(tmp_path / "in", DEPARTMENTS, years=(2021,))
    bomb = tmp_path / "in" / "bomb.txt"
    bomb.write_bytes(docs[0].read_bytes() + b"\n")
    jobs = [Job(str(p), str(tmp_path / "out")) for p in [docs[0], bomb, docs[1], docs[2]]]
    results = []
    run_pool(jobs, 2, results.append, lambda path: None, task=crash_on_bomb)
    by_name = {Path(r.file).name: r for r in results}
    assert len(results) == 4
    assert by_name["bomb.txt"].status == "failed" and "worker process crashed" in by_name["bomb.txt"].reason
    assert by_name["bomb.txt"].document is not None  # recorded, with its sha256
    assert all(r.ok for name, r in by_name.items() if name != "bomb.txt")


def test_cli_progress_bar_on_a_terminal(tmp_path, monkeypatch):
    import budgetx.cli.batch as cli_batch

    monkeypatch.setattr(cli_batch, "stderr_is_terminal", lambda: True)
    make_documents(tmp_path / "in", DEPARTMENTS[:1], years=(2021, 2022))
    out = tmp_path / "out"
    first = CliRunner().invoke(app, ["batch", str(tmp_path / "in"), "-o", str(out), "-j", "1"])
    assert first.exit_code == 0, first.output
    assert "2/2" in first.output and "ok 2" in first.output and "failed 0" in first.output
    assert "2 processed (2 ok" in first.output
    again = CliRunner().invoke(app, ["batch", str(tmp_path / "in"), "-o", str(out)])
    assert "2 of 2 documents already in the dataset" in again.output and "2 already done" in again.output


# --- what is missing, or busy ---------------------------------------------------------------------


def test_a_second_batch_on_the_same_folder_is_refused(tmp_path):
    import fcntl

    from budgetx.errors import OutputError

    make_documents(tmp_path / "in", DEPARTMENTS[:1], years=(2021,))
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".budgetx-batch.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(OutputError, match="another budgetx batch"):
            run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1))
    assert run_batch([str(tmp_path / "in")], BatchOptions(out, jobs=1)).exit_code == 0


def test_missing_optional_packages_are_named(tmp_path, monkeypatch):
    import sys

    make_documents(tmp_path / "in", DEPARTMENTS[:1], years=(2021,))
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    runner = CliRunner()
    parquet = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "a"), "-f", "parquet"])
    assert parquet.exit_code == 13 and "budgetx[parquet]" in parquet.output
    dask = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "b"), "--scheduler", "tcp://x:1"])
    assert dask.exit_code == 10 and "budgetx[dask]" in dask.output


# --- measures: one query across documents ---------------------------------------------------------

THREE_PUBLIC_BY_DEPARTMENT_YEAR = """
SELECT d.department, d.year, a.value_yuan
FROM amounts a JOIN documents d ON d.sha256 = a.document
WHERE a.measure = 'three_public.total'
ORDER BY d.department, d.year
"""


def test_three_public_of_every_department_and_year_is_one_query(batch):
    """The sample prints its “三公”经费 合计 as 3.5 万元 (表4, line 182 of the text): one row per document."""
    outdir, _ = batch
    conn = sqlite3.connect(outdir / "budget.sqlite")
    rows = conn.execute(THREE_PUBLIC_BY_DEPARTMENT_YEAR).fetchall()
    expected = [(dep, year, "35000.0") for dep in DEPARTMENTS[:2] for year in (2021, 2022)]
    assert sorted(rows) == sorted([*expected, (DEPARTMENTS[2], 2021, "35000.0")])
    assert conn.execute("SELECT DISTINCT publication FROM documents WHERE status = 'ok'").fetchall() == [("部门",)]
    measures = {m for (m,) in conn.execute("SELECT DISTINCT measure FROM amounts WHERE measure IS NOT NULL")}
    assert {"three_public.total", "three_public.reception"} <= measures


def test_a_dataset_made_before_measures_gets_the_column(tmp_path):
    from budgetx.batch.dataset import Dataset
    from budgetx.batch.schema import ADDED_COLUMNS, AMOUNTS

    make_documents(tmp_path / "in", DEPARTMENTS[:1], years=(2021,))
    run_batch([str(tmp_path / "in")], BatchOptions(tmp_path / "out", jobs=1))
    make_older(tmp_path / "out" / "budget.sqlite", {"amounts": ADDED_COLUMNS["amounts"]})
    Dataset(tmp_path / "out").close()
    conn = sqlite3.connect(tmp_path / "out" / "budget.sqlite")
    assert [row[1] for row in conn.execute("PRAGMA table_info(amounts)")] == AMOUNTS.names
    assert conn.execute("SELECT count(*) FROM amounts WHERE measure IS NOT NULL").fetchone() == (0,)
    # the views are there, and the search index takes in the rows read before it existed
    assert conn.execute("SELECT count(*) FROM three_public").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM amounts_fts WHERE amounts_fts MATCH '公务接待'").fetchone()[0] > 0
