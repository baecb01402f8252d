"""CSV: one file per table, amounts as printed, empty cells empty."""

from __future__ import annotations

import csv
import io
import os
import stat

import pytest

from budgetx.errors import OutputError
from budgetx.export import exporters, for_extension, get
from budgetx.export.csv import dumps, file_name, table_rows, write_dir


def read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_registry_has_every_format():
    assert set(exporters()) == {"json", "csv", "long", "jsonl", "jsonl-long", "xlsx"}
    assert for_extension("out.long.csv").format == "long"
    assert for_extension("OUT.CSV").format == "csv"
    assert for_extension("a.xlsx").format == "xlsx"
    assert for_extension("a.json").format == "json"
    assert for_extension("a.docx") is None
    assert for_extension(".csv") is None  # a hidden file, not an extension


def test_one_table_as_printed(sample_doc):
    rows = read(dumps(sample_doc, [sample_doc.tables[1]]))
    assert rows[0] == [
        "功能分类科目 / 科目编码",
        "功能分类科目 / 科目名称",
        "2021年预算数 / 小计",
        "2021年预算数 / 基本支出",
        "2021年预算数 / 项目支出",
    ]
    assert rows[1] == ["", "总计：", "426.37", "223.37", "203.00"]
    assert ["2080505", "机关事业单位基本养老", "12.54", "12.54", ""] in rows
    assert len(rows) == 1 + 19


def test_amounts_keep_their_printed_digits(sample_doc):
    rows = read(dumps(sample_doc, [sample_doc.tables[3]]))  # 表4 prints 3.5, not 3.50
    assert rows[1] == ["3.5", "", "", "", "", "3.5"]
    rows = read(dumps(sample_doc, [sample_doc.tables[0]]))
    assert rows[9][1] == "" and rows[9][3:] == ["0.00", "0.00", "0.00", "0.00"]


def test_empty_table_has_its_header_only(sample_doc):
    rows = read(dumps(sample_doc, [sample_doc.tables[4]]))
    assert rows == [["科目编码", "科目名称"] + [c.name for c in sample_doc.tables[4].columns[2:]]]


def test_form_fields_become_leading_columns(sample_doc):
    form = next(t for t in sample_doc.tables if t.number == "表10")
    rows = read(dumps(sample_doc, [form]))
    keys = list(form.fields)
    assert rows[0] == [*keys, "指标名称", "指标权重", "计量单位", "指标性质", "指标值"]
    assert all(r[: len(keys)] == list(form.fields.values()) for r in rows[1:])
    assert len(rows) == 1 + len(form.rows)


def test_text_with_commas_quotes_and_newlines_round_trips(sample_doc):
    project = next(t for t in sample_doc.tables if t.fields.get("项目名称") == "信息化发展")
    rows = read(dumps(sample_doc, [project]))
    assert rows[1][list(project.fields).index("立项依据")] == project.fields["立项依据"]
    assert table_rows(project)[1] == rows[1]


def test_many_tables_cannot_share_one_stream(sample_doc):
    with pytest.raises(OutputError, match="cannot share one CSV"):
        dumps(sample_doc, sample_doc.tables[:2])


def test_write_dir_names_files_by_index_label_and_title(sample_doc, tmp_path):
    out = tmp_path / "out"
    written = write_dir(sample_doc, sample_doc.tables, out)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in written)
    tables = [n for n in names if n.endswith(".csv") and n != "tables.csv"]
    assert len(tables) == 15 and len(names) == 2 * 15 + 2  # each with its sidecar; the index and its own
    assert names[0] == "01_表1_财政拨款收支总表.csv"
    assert names[1] == "01_表1_财政拨款收支总表.csv-metadata.json"
    assert "05_表5_政府性基金预算支出表.csv" in names
    assert "09_表10_部门整体绩效目标表.csv" in names
    assert "10_区级预算项目绩效目标申报表_竞进拉练.csv" in names
    assert (out / tables[1]).read_bytes() == dumps(sample_doc, [sample_doc.tables[1]])
    assert not list(tmp_path.glob("*.part")) and not list(out.glob("*.part"))
    mode = stat.S_IMODE(out.stat().st_mode)
    assert mode & 0o055, "a new directory is readable by others, as the umask says"


def test_write_dir_into_an_existing_folder_keeps_other_files(sample_doc, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    write_dir(sample_doc, sample_doc.tables[:2], tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "01_表1_财政拨款收支总表.csv",
        "01_表1_财政拨款收支总表.csv-metadata.json",
        "02_表2_一般公共预算财政拨款支出预算表.csv",
        "02_表2_一般公共预算财政拨款支出预算表.csv-metadata.json",
        "notes.txt",
        "tables.csv",
        "tables.csv-metadata.json",
    ]


def test_write_dir_refuses_a_file(sample_doc, tmp_path):
    f = tmp_path / "out"
    f.write_text("x")
    with pytest.raises(OutputError, match="not a directory"):
        write_dir(sample_doc, sample_doc.tables, f)


def test_a_failed_write_dir_leaves_nothing(sample_doc, tmp_path, monkeypatch):
    calls = {"n": 0}
    real = os.replace

    def boom(src, dst):
        calls["n"] += 1
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError, match="No space left"):
        write_dir(sample_doc, sample_doc.tables, tmp_path / "out")
    monkeypatch.setattr(os, "replace", real)
    assert calls["n"] == 1
    assert list(tmp_path.iterdir()) == []


def test_file_names_are_safe(sample_doc):
    for t in sample_doc.tables:
        name = file_name(sample_doc, t)
        assert not set(name) & set('/\\:*?"<>| \t'), name
    assert get("csv").write_dir is not None
