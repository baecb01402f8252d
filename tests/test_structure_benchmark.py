"""The counting functions of benchmarks/structure.py on a small hand-built document (no corpus needed)."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

from budgetx.model import Column, Document, DocumentInfo, Finding, Row, Source, Table

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("budgetx_bench_structure", ROOT / "benchmarks" / "structure.py")
assert _spec and _spec.loader
st = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = st  # dataclasses look their module up
_spec.loader.exec_module(st)

D = Decimal
COLUMNS = [
    Column("科目编码", "code"),
    Column("科目名称", "name"),
    Column("合计", "amount"),
    Column("基本支出", "amount"),
]


def row(code: str | None, name: str, total: str | None, basic: str | None, page: int = 5) -> Row:
    level = {3: 1, 5: 2, 7: 3}.get(len(code)) if code else None
    parent = code[:-2] if code and len(code) > 3 else None
    amounts = [D(total) if total else None, D(basic) if basic else None]
    return Row([code, name, *amounts], page=page, code=code, name=name, level=level, parent=parent)


def function_table() -> Table:
    """类 201 › 款 20101 (wrong: 90 printed, its 项 add up to 100 in 合计) and 20102; 合计 = Σ 类."""
    rows = [
        row(None, "合计", "150.00", "50.00"),
        row("201", "一般公共服务支出", "150.00", "50.00"),
        row("20101", "人大事务", "90.00", "30.00"),
        row("2010101", "行政运行", "60.00", "30.00"),
        row("2010102", "一般行政管理事务", "40.00", None),
        row("20102", "政协事务", "60.00", "20.00"),
        row("2010201", "行政运行", "60.00", "20.00"),
    ]
    return Table(index=1, title="一般公共预算支出表", kind="general_function", number="表1", columns=COLUMNS, rows=rows)


def test_one_wrong_parent_is_one_failed_check_at_its_level():
    checks = st.hierarchy_checks(function_table())
    failed = [c for c in checks if not c.ok]
    assert [(c.level, c.code, c.column, c.printed, c.children) for c in failed] == [
        (2, "20101", "合计", D("90.00"), D("100.00"))
    ]
    by_level = {lv: sum(1 for c in checks if c.level == lv and c.ok) for lv in (0, 1, 2)}
    # 类 201 = 20101 + 20102 as printed, in both columns; 20102 in both; 20101's 基本支出; 合计 in both
    assert by_level == {0: 2, 1: 2, 2: 3}


def test_a_parent_and_children_all_empty_in_a_column_is_no_check():
    t = Table(
        index=1,
        title="t",
        kind="other",
        columns=COLUMNS,
        rows=[row("208", "社会保障和就业支出", "10.00", None), row("20805", "养老", "10.00", None)],
    )
    assert [(c.level, c.column, c.ok) for c in st.hierarchy_checks(t)] == [(1, "合计", True)]


def test_children_are_looked_for_under_their_parent_only():
    """Two units print the same 类 in one table: each 类 is checked against its own 款."""
    t = Table(
        index=1,
        title="t",
        kind="other",
        columns=COLUMNS,
        rows=[
            row("201", "一般公共服务支出", "10.00", None),
            row("20101", "人大事务", "10.00", None),
            row(None, "某单位", None, None),
            row("201", "一般公共服务支出", "5.00", None),
            row("20101", "人大事务", "5.00", None),
        ],
    )
    assert [(c.level, c.ok) for c in st.hierarchy_checks(t)] == [(1, True), (1, True)]


def test_codes_left_in_text():
    t = Table(
        index=2,
        title="支出表",
        kind="other",
        columns=COLUMNS,
        rows=[
            Row([None, "[201]一般公共服务支出", D("1.00"), None], name="[201]一般公共服务支出"),
            Row(["05", "人大事务", D("1.00"), None], name="人大事务"),  # a staircase 款 under its 类
            Row([None, "合计", D("1.00"), None], name="合计"),
            Row([None, "500万元", D("1.00"), None]),
            row("201", "一般公共服务支出", "1.00", None),
        ],
    )
    found = [st.code_left_in_text(t, r) is not None for r in t.rows]
    assert found == [True, True, False, False, False]


def test_text_has_code():
    for s in (
        "[201]一般公共服务支出",
        "201-一般公共服务支出",
        "2010101 行政运行",
        "【30101】基本工资",
        "其中：20101 人大事务",
    ):
        assert st.text_has_code(s), s
    for s in ("2026年预算数", "500万元", "360 天", "100人", "合计", "一、一般公共服务支出", "123001 某单位本级"):
        assert not st.text_has_code(s), s


def document() -> Document:
    untitled = Table(index=3, title="", kind="other", columns=[], rows=[])
    info = DocumentInfo(title="某局2026年部门预算", department="某 局", year=2026, stage="预算")
    if hasattr(info, "publication"):  # compared only when the model has it
        info.publication = "部门"
    return Document(
        source=Source(path="x.pdf", sha256="0", format="pdf", pages=9),
        info=info,
        tables=[function_table(), untitled],
        findings=[
            Finding(
                "hierarchy.sum",
                "error",
                "…",
                "…",
                page=5,
                code="20101",
                column="合计",
                expected=D("100.00"),
                actual=D("90.00"),
            ),
            Finding("row.subtotal", "error", "…", "…", page=6, column="合计", expected=D("1"), actual=D("2")),
            Finding("hierarchy.sum", "warning", "…", "…", page=5),
        ],
    )


def test_measure_a_document():
    known = [
        {
            "rule": "hierarchy.sum",
            "severity": "error",
            "page": 5,
            "code": "20101",
            "column": "合计",
            "expected": "100.00",
            "actual": "90.00",
        },
    ]
    expected = {"department": "某局", "year": 2026, "stage": "决算", "publication": "部门"}
    r = st.measure(document(), "x.pdf", known, expected)
    assert (r.errors, r.confirmed, len(r.unconfirmed)) == (2, 1, 1)
    assert r.checks == {0: [2, 0], 1: [2, 0], 2: [3, 1]}
    assert (r.tables, len(r.untitled), len(r.columnless), r.numbered) == (2, 1, 1, 1)
    assert r.data_rows == 7 and r.code_in_text == []
    assert r.meta_wrong == {"stage": ("预算", "决算")}  # department compared without whitespace


def test_a_document_absent_from_the_fixture_confirms_no_error():
    assert st.count_errors(document(), None)[:2] == (2, 0)
