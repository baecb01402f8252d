"""CSV on the Web sidecars: what a table's CSV cannot say (title, unit, pages, datatypes), beside it.

The sample's 表2 as printed (page 5, ``pdftotext -layout -f 5 -l 5``)::

    表2
    重庆市潼南区大数据应用发展管理局一般公共预算财政拨款支出预算表
                                                          单位：万元
                  功能分类科目                     2021年预算数
         科目编码            科目名称   小计            基本支出        项目支出
                总计：              426.37          223.37     203.00
    ...
    2080505     机关事业单位基本养老        12.54           12.54
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import pytest
from builders import make_doc, make_table
from conftest import SAMPLE_PDF
from typer.testing import CliRunner

from budgetx.cli.app import app
from budgetx.export.csv import dumps, sidecar, write_dir
from budgetx.export.csvw import column_name
from budgetx.model import Row

T2 = "02_表2_一般公共预算财政拨款支出预算表.csv"


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["extract", *map(str, args)])


@pytest.fixture(scope="module")
def pdf_doc():
    from budgetx.extract import extract

    return extract(SAMPLE_PDF)


def meta_of(path: Path) -> dict:
    return json.loads(path.with_name(path.name + "-metadata.json").read_text(encoding="utf-8"))


def header_of(path: Path) -> list[str]:
    return next(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_table2_sidecar_says_what_the_page_prints(pdf_doc, tmp_path):
    write_dir(pdf_doc, pdf_doc.tables[1:2], tmp_path)
    meta = meta_of(tmp_path / T2)
    assert meta["@context"] == "http://www.w3.org/ns/csvw"
    assert meta["url"] == T2
    assert meta["dc:title"] == "重庆市潼南区大数据应用发展管理局一般公共预算财政拨款支出预算表"
    assert meta["dc:source"] == pdf_doc.source.path
    assert meta["budgetx:number"] == "表2"
    assert meta["budgetx:kind"] == "general_function"
    assert meta["budgetx:unit"] == "万元"  # 单位：万元
    assert meta["budgetx:pages"] == [5]
    assert (meta["budgetx:department"], meta["budgetx:year"], meta["budgetx:stage"]) == (
        "重庆市潼南区大数据应用发展管理局",
        2021,
        "预算",
    )
    assert meta["budgetx:department_key"] == "重庆市潼南区大数据应用发展管理局"
    columns = meta["tableSchema"]["columns"]
    assert [(c["titles"], c["datatype"], c["budgetx:type"], c.get("budgetx:role")) for c in columns] == [
        ("功能分类科目 / 科目编码", "string", "code", None),
        ("功能分类科目 / 科目名称", "string", "name", None),
        ("2021年预算数 / 小计", "decimal", "amount", "total"),
        ("2021年预算数 / 基本支出", "decimal", "amount", "component"),
        ("2021年预算数 / 项目支出", "decimal", "amount", "component"),
    ]
    assert columns[3]["budgetx:of"] == columns[4]["budgetx:of"] == "2021年预算数 / 小计"
    # the titles are the CSV's header line, cell for cell, and each name is its title percent-encoded
    assert [c["titles"] for c in columns] == header_of(tmp_path / T2)
    assert [unquote(c["name"]) for c in columns] == [c["titles"] for c in columns]
    assert all(
        set(c["name"]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_%") for c in columns
    )


def test_the_text_gives_table2_the_same_sidecar_without_pages(sample_doc, pdf_doc, tmp_path):
    write_dir(sample_doc, sample_doc.tables[1:2], tmp_path / "txt")
    write_dir(pdf_doc, pdf_doc.tables[1:2], tmp_path / "pdf")
    from_text, from_pdf = meta_of(tmp_path / "txt" / T2), meta_of(tmp_path / "pdf" / T2)
    assert from_text["budgetx:pages"] == []  # a text without form feeds has no pages
    assert from_text["tableSchema"] == from_pdf["tableSchema"]
    assert from_text["budgetx:unit"] == "万元"


def test_the_index_lists_every_table(pdf_doc, tmp_path):
    write_dir(pdf_doc, pdf_doc.tables, tmp_path)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "tables.csv").read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 15
    assert rows[1] == {
        "file": T2,
        "index": "2",
        "number": "表2",
        "title": "重庆市潼南区大数据应用发展管理局一般公共预算财政拨款支出预算表",
        "kind": "general_function",
        "unit": "万元",
        "pages": "5",
        "rows": "19",
    }
    assert rows[2]["pages"] == "6-7"  # 表3 runs over two pages
    assert all((tmp_path / r["file"]).exists() and (tmp_path / (r["file"] + "-metadata.json")).exists() for r in rows)
    meta = meta_of(tmp_path / "tables.csv")
    assert meta["url"] == "tables.csv" and meta["dc:source"] == pdf_doc.source.path
    assert [c["titles"] for c in meta["tableSchema"]["columns"]] == list(rows[0])


def test_a_form_describes_its_fields_and_a_two_block_table_its_blocks(sample_doc, tmp_path):
    write_dir(sample_doc, sample_doc.tables, tmp_path)
    form = meta_of(next(tmp_path.glob("10_*.csv")))
    columns = form["tableSchema"]["columns"]
    assert columns[0] == {
        "titles": "项目名称",
        "name": column_name("项目名称", set()),
        "datatype": "string",
        "budgetx:type": "field",
    }
    assert form["budgetx:unit"] is None and form["budgetx:number"] is None
    summary = meta_of(next(tmp_path.glob("01_*.csv")))  # 表1: 收入 | 支出
    columns = summary["tableSchema"]["columns"]
    assert {c["budgetx:block"] for c in columns} == {0, 1}
    assert len({c["name"] for c in columns}) == len(columns)  # a repeated header gets its own name


def test_column_names_are_unique_and_valid():
    taken: set[str] = set()
    assert column_name("项目", taken) == "%E9%A1%B9%E7%9B%AE"
    assert column_name("项目", taken) == "%E9%A1%B9%E7%9B%AE_2"
    assert column_name("a-b.c", taken) == "a%2Db%2Ec"
    assert column_name("", taken) == "col"
    assert column_name("_x", taken) == "x"  # CSVW reserves names that begin with _


def test_pandas_keeps_codes_as_text_and_amounts_exact_with_the_sidecar(tmp_path):
    pd = pytest.importorskip("pandas")
    columns = [("类", "code"), ("款", "code"), ("项", "code"), ("科目名称", "name"), ("合计", "amount")]
    rows = [
        Row(cells=["208", "05", "05", "机关事业单位基本养老保险缴费支出", Decimal("12.50")], code="2080505"),
        Row(cells=["201", "01", "01", "行政运行", Decimal("0.10")], code="2010101"),
        Row(cells=["", "", "", "合计", Decimal("12.60")]),
    ]
    table = make_table(
        "某部门一般公共预算支出表", "general_function", columns, rows, unit="万元", number="表2", pages=[3]
    )
    doc = make_doc(table)
    path = tmp_path / "t.csv"
    target, data = sidecar(doc, [table], path)
    path.write_bytes(dumps(doc, [table]))
    target.write_bytes(data)

    # the README's recipe
    meta = json.loads(Path(f"{path}-metadata.json").read_text(encoding="utf-8"))
    cols = meta["tableSchema"]["columns"]
    frame = pd.read_csv(
        path,
        dtype={c["titles"]: "string" for c in cols if c["datatype"] == "string"},
        converters={c["titles"]: lambda s: Decimal(s) if s else None for c in cols if c["datatype"] == "decimal"},
    )

    assert list(frame["款"][:2]) == list(frame["项"][:2]) == ["05", "01"]
    assert frame["款"].isna()[2]
    assert frame["类"].dtype == "string"
    assert list(frame["合计"]) == [Decimal("12.50"), Decimal("0.10"), Decimal("12.60")]
    assert str(frame["合计"][0]) == "12.50"  # the printed digits, not 12.5

    # without the sidecar pandas reads the same codes as numbers and loses the zeros
    plain = pd.read_csv(path)
    assert list(plain["款"][:2]) != ["05", "01"]


def test_pandas_reads_table2_codes_as_printed(sample_doc, tmp_path):
    pd = pytest.importorskip("pandas")
    write_dir(sample_doc, sample_doc.tables[1:2], tmp_path)
    path = tmp_path / T2
    cols = meta_of(path)["tableSchema"]["columns"]
    frame = pd.read_csv(
        path,
        dtype={c["titles"]: "string" for c in cols if c["datatype"] == "string"},
        converters={c["titles"]: lambda s: Decimal(s) if s else None for c in cols if c["datatype"] == "decimal"},
    )
    codes = frame["功能分类科目 / 科目编码"]
    assert codes.dtype == "string" and "2080505" in set(codes.dropna())
    row = frame[codes == "2080505"].iloc[0]
    assert row["2021年预算数 / 小计"] == Decimal("12.54") and row["2021年预算数 / 项目支出"] is None


# the CLI


def test_directory_mode_writes_sidecars_and_the_index(run, tmp_path):
    out = tmp_path / "tables"
    r = run(SAMPLE_PDF, "-o", str(out), "-t", "2", "-t", "4")
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        T2,
        T2 + "-metadata.json",
        "04_表4_一般公共预算“三公”经费支出表.csv",
        "04_表4_一般公共预算“三公”经费支出表.csv-metadata.json",
        "tables.csv",
        "tables.csv-metadata.json",
    ]
    assert meta_of(out / T2)["budgetx:pages"] == [5]
    assert not list(out.glob(".*.part"))


def test_one_table_to_a_file_gets_a_sidecar_when_asked(run, tmp_path):
    path = tmp_path / "t2.csv"
    r = run(SAMPLE_PDF, "-t", "2", "-o", str(path))
    assert r.exit_code == 0, r.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["t2.csv"]  # none unless asked
    r = run(SAMPLE_PDF, "-t", "2", "-o", str(path), "--sidecar")
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t2.csv", "t2.csv-metadata.json"]
    meta = meta_of(path)
    assert meta["url"] == "t2.csv" and meta["budgetx:unit"] == "万元"
    assert [c["titles"] for c in meta["tableSchema"]["columns"]] == header_of(path)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-t", "2", "-f", "csv"], "-o t2.csv"),  # stdout: nothing to sit beside
        (["-t", "2", "-o", "-", "-f", "csv"], "-o t2.csv"),
        (["-o", "doc.json"], "--format json"),
        (["-f", "long", "-o", "a.long.csv"], "--format long"),
    ],
)
def test_sidecar_without_a_csv_file_is_a_usage_error(run, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    r = run(SAMPLE_PDF, *args, "--sidecar")
    assert r.exit_code == 2
    assert message in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_help_says_how_to_get_a_sidecar(run):
    r = run("--help")
    assert "--sidecar" in r.stdout and "metadata.json" in r.stdout
