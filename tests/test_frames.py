"""pandas DataFrames: Table.to_pandas, Document.to_pandas, budgetx.read_dataset; short reprs."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from decimal import Decimal

import pytest

import budgetx
from budgetx.export.long import FIELDS as LONG_FIELDS
from budgetx.export.long import dumps as long_dumps
from budgetx.frames import LONG_COLUMNS
from budgetx.model import Row
from tests.builders import make_doc, make_table
from tests.conftest import ROOT, SAMPLE_TXT

pd = pytest.importorskip("pandas")


def test_reprs_are_short(sample_doc):
    assert repr(sample_doc) == "<Document 重庆市潼南区大数据应用发展管理局 2021 预算: 15 tables>"
    assert (
        repr(sample_doc.tables[1])
        == "<Table 表2 …一般公共预算财政拨款支出预算表 general_function: 19 rows × 5 columns>"
    )
    table = make_table("部门“三公”经费和机关运行经费预算表", "three_public", [("合计", "amount")], pages=[3, 4])
    assert repr(table) == "<Table …三公”经费和机关运行经费预算表 three_public p.3-4: 0 rows × 1 columns>"
    assert len(repr(sample_doc.tables)) < 2000


def test_table_frame_keeps_codes_as_text_and_amounts_exact(sample_doc):
    frame = sample_doc.tables[1].to_pandas()
    assert list(frame.columns) == [c.name for c in sample_doc.tables[1].columns]
    assert str(frame["功能分类科目 / 科目编码"].dtype) == "string"
    assert frame["2021年预算数 / 小计"].iloc[0] == Decimal("426.37")
    assert isinstance(frame["2021年预算数 / 小计"].iloc[0], Decimal)
    assert frame.attrs["kind"] == "general_function" and frame.attrs["unit"] == "万元"
    floats = sample_doc.tables[1].to_pandas(amounts="float")
    assert floats["2021年预算数 / 小计"].dtype == "float64"
    assert floats["2021年预算数 / 小计"].iloc[0] == pytest.approx(426.37)
    assert pd.isna(floats["2021年预算数 / 项目支出"].iloc[1])


def test_codes_with_leading_zeros_and_repeated_names():
    table = make_table(
        "收支总表",
        "summary",
        [("项目", "name", 0), ("金额", "amount", 0), ("项目", "name", 1), ("金额", "amount", 1)],
        [Row(cells=["01", Decimal("1.50"), "一般公共服务支出", Decimal("0.00")])],
    )
    frame = table.to_pandas()
    assert list(frame.columns) == ["项目", "金额", "项目 (2)", "金额 (2)"]
    assert frame.iloc[0].tolist() == ["01", Decimal("1.50"), "一般公共服务支出", Decimal("0.00")]
    with pytest.raises(ValueError, match="decimal"):
        table.to_pandas(amounts="int")  # type: ignore[arg-type]


def test_long_frame_is_the_long_csv(sample_doc):
    frame = sample_doc.to_pandas()
    assert list(frame.columns) == LONG_COLUMNS == LONG_FIELDS
    rows = list(csv.DictReader(io.StringIO(long_dumps(sample_doc, sample_doc.tables).decode("utf-8-sig"))))
    assert len(frame) == len(rows) == 203
    for (_, got), want in zip(frame.iterrows(), rows, strict=True):
        assert str(got["value"]) == want["value"]
        assert (got["code"] if not pd.isna(got["code"]) else "") == want["code"]
        assert (got["measure"] if not pd.isna(got["measure"]) else "") == want["measure"]
    assert str(frame["code"].dtype) == "string" and str(frame["level"].dtype) == "Int64"
    three = frame[frame["measure"] == "three_public.total"]
    assert three["value"].tolist() == [Decimal("3.5")]
    assert frame.attrs["year"] == 2021


def test_document_frames_by_table(sample_doc):
    frames = sample_doc.to_pandas(long=False)
    assert list(frames) == [t.index for t in sample_doc.tables]
    assert frames[2].attrs["number"] == "表2"


def test_long_csv_read_back_keeps_codes_as_text(tmp_path, sample_doc):
    path = tmp_path / "amounts.long.csv"
    path.write_bytes(long_dumps(sample_doc, sample_doc.tables))
    frame = pd.read_csv(path, dtype={"code": str})  # as README says
    assert "2080505" in set(frame["code"].dropna())
    assert frame["unit"].unique().tolist() == ["万元"]


def test_read_dataset(tmp_path):
    from budgetx.batch import BatchOptions, run_batch

    docs = tmp_path / "in"
    docs.mkdir()
    (docs / SAMPLE_TXT.name).write_bytes(SAMPLE_TXT.read_bytes())
    run_batch([str(docs)], BatchOptions(tmp_path / "out", jobs=1))
    data = budgetx.read_dataset(tmp_path / "out")
    assert {"documents", "tables", "amounts", "findings"} <= set(data)
    amounts = data["amounts"]
    assert str(amounts["code"].dtype) == "string"
    assert isinstance(amounts["value"].iloc[0], Decimal)
    assert str(amounts["level"].dtype) == "Int64"
    assert data["documents"]["year"].tolist() == [2021]
    same = budgetx.read_dataset(tmp_path / "out" / "budget.sqlite", amounts="float")
    assert same["amounts"]["value"].dtype == "float64"
    with pytest.raises(FileNotFoundError, match="budgetx batch"):
        budgetx.read_dataset(tmp_path / "in")


def test_without_pandas_to_pandas_names_the_extra(sample_doc, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'budgetx\[pandas\]'"):
        sample_doc.tables[1].to_pandas()


def test_importing_budgetx_does_not_import_pandas_and_extracted_documents_convert():
    code = (
        "import sys\n"
        "import budgetx\n"
        f"doc = budgetx.extract({str(ROOT / 'samples' / '重庆市潼南区大数据应用发展管理局2021年部门预算.txt')!r})\n"
        "assert 'pandas' not in sys.modules\n"
        "import budgetx.frames\n"
        "from budgetx.model import Table\n"
        "assert doc.tables[0].to_pandas().shape[0] > 0\n"
        "print(Table(index=1, title='t', kind='other').to_pandas().shape)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "(0, 0)"


def test_doc_repr_without_metadata():
    doc = make_doc(path="/tmp/x.txt")
    assert repr(doc) == "<Document /tmp/x.txt: 0 tables>"
