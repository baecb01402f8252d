"""Tables printed without rules come out as from the ruled original.

``tests/fixtures/unruled/`` holds pages cut from corpus documents twice with ``tools/unrule.py``:
``NAME.ruled.pdf`` as printed, ``NAME.pdf`` with every rule and cell border removed (the same
text at the same places).  Each pair must give the same tables: titles, pages, kinds, units,
flattened column names, and every row's cells.  The layouts:

- ``jiangsu_zhengxie_p4``: a two-block 收支总表 (收入 | 支出), a group header (支出用途) over two
  columns of the 支出 block, headers centred in wide cells over left-aligned names;
- ``huzhou_caizheng_p20``: a group header (基本支出) over two of nine columns, headers wrapped over
  three lines in narrow columns, columns printed empty, a ``** ** 1 2 3`` counter row;
- ``wuxi_jiaoyu_p16``: a 收入总表 of nineteen columns continued on the next page without its
  header, where most columns print nothing (their cells stay in place), a name wrapped over two
  lines above its row's figures, a 合计 label centred over 部门代码 | 部门名称, two adjacent columns
  printed empty under one group header, their headers wrapped side by side;
- ``huzhou_weijian_p25``: a two-block 收支预算总表 over two pages, the second printing the title and
  header again; headers spread across their cells (``收          入``, ``项      目``), names indented
  in the 支出 block's name column;
- ``yantai_minzheng_p23``: a 基本支出 table of fifteen columns whose headers are wrapped over two
  or three lines (``部门预算支出经济分类`` over ``科目``, the second line set tight under the first),
  a group header (财政拨款) over four of its columns beside headers centred in the whole header's
  height (合计, 政府预算支出经济分类科目), which stay outside the group;
- ``huzhou_weijian_p36``: a group header (基本支出) centred over the middle one of its three
  columns (小计 | 人员经费 | 公用经费), beside headers centred in the whole header's height (合计,
  项目支出), over two pages;
- ``yantai_guihua_p10``: a group header (财政拨款收入) over four columns, centred over the middle two,
  with headers wrapped over two or three lines beside it (财政专户管理资金收入, 事业收入（不含教育收费）)
  whose cells fill the whole header's height;
- ``jiangsu_zhengxie2019_p9``: a 三公 table with three header levels: “三公”经费 over six columns,
  centred over the two under it where a group of the level below (公务用车购置及运行维护费) spans
  three, beside 合计 | 会议费 | 培训费 centred in the whole header's height;
- ``putuo_shangwu_p10``: a group header (收入预算) over five columns, centred over them though
  printed over one, a header under it wrapped over two lines (事业单位经营收入) beside one-line ones;
- ``putuo_bangongshi_p9``: amounts in yuan as wide as their cells, two of them a space apart on
  every row (合计 | 财政拨款收入);
- ``suzhou_jiaotong_p9``: two group headers side by side (本年收入 over ten columns of unequal
  widths, 上年结转结余 over six), each centred over its run though not over the middle column,
  headers wrapped over two to three lines under them;
- ``huzhou_jiaotong_p36``: a group header (本年政府性基金预算支出) over 合计 | 基本支出 | 项目支出, printed
  over the middle one and centred over the three only as closely as the text shows their cells;
- ``yantai_shenji_p8``: a two-block 收支总体情况表 whose lower part (上级补助收入 … 收入总计) prints
  apart under the 本年合计 row, its figures left-aligned in the columns above: the same table, not
  a block of its own with its figure-less lines taken as its header.
- ``changchun_p6``: a two-block 收支总表 whose group headers are two glyphs spread across their
  cells, ``收`` and ``入`` fifteen glyphs apart, each over another column;
- ``changchun_p7``: a 收入总表 whose narrow columns print their headers one glyph a line, the lines
  of neighbouring cells interleaved at half a line's pitch (sixteen lines of header), under two
  group headers side by side, 编制预算 centred over two of its ten narrow columns as well as over
  the ten;
- ``changchun_p10``: amounts wrapped in narrow cells (``1682.7`` over ``6``, ``0.0`` over ``0``)
  with the row's other figures on a line between, the unit wrapped in its cell (``单位：万`` over
  ``元``, the 预算单位 line printed between), headers one glyph a line (``小`` / ``计``), a group
  header (基本支出) under a group header over more columns than its own;
- ``changchun_p11``: group headers (当年预算, 上年结转结余) each printed over the middle one of its
  three columns, centred over the headers under them more closely than over the cells the text
  shows.
- ``changchun_p12``: a 三公 table with three header levels under 当年预算 | 上年结转结余, group
  headers side by side (因公出国（境）费 | 公务用车购置及运行费) whose runs, as first tiled, overlap;
  “三公”经费合计 wrapped over four lines over the header's whole height;
- ``changchun_p14``: a 项目支出表 whose rows are tall: the first row's 类型 printed one glyph a line
  over the row's whole height (its first glyphs above the first figures are no header lines),
  names and units wrapped over up to six lines around their figures, 本年财政拨款 | 财政拨款结转 each
  centred over the three columns under it, the second printed over its middle one.
- ``jiangsu_zhengxie2017_p1``: a three-block 收支总表 whose rows, set evenly at twice a line's
  pitch, have figures on a few of them only; labels (当年支出小计, 支出合计) centred over the merged
  cells of 功能科目名称 | 金额 | 项目名称, reaching across the gap between the names and their amounts;
- ``jiangsu_jianchayuan2017_p11``: a 收入预算总表 whose categories (一般公共预算资金, 其他资金) are
  printed once, centred on the rows they group (a cell merged down), 收入总计 centred over two
  columns though printed a little left of the names; headers wrapped side by side in narrow cells
  (单位预留机动经 / 费 beside 结转下年资 / 金) over a column printed empty;
- ``jiangsu_jianchayuan2017_p16``: a 三公 table whose headers wrapped in narrow cells are set most
  of a glyph apart, and a 政府采购 table over two pages whose names, wrapped over up to four lines
  at a wide pitch in a narrow cell, are centred on their row's one line of figures.

The benchmark's comparison (``benchmarks/unruled.py``) is tested on small tables, and the
columns, rows and header of an unruled table on a synthetic page.
"""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import budgetx
from budgetx.readers.pdf import align
from tests.conftest import FIXTURES, ROOT

UNRULED = FIXTURES / "unruled"
PAIRS = sorted(p.name.removesuffix(".ruled.pdf") for p in UNRULED.glob("*.ruled.pdf"))

_spec = importlib.util.spec_from_file_location("budgetx_bench_unruled", ROOT / "benchmarks" / "unruled.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # dataclasses look their module up
_spec.loader.exec_module(bench)


def test_fixtures_are_small_and_paired() -> None:
    assert PAIRS
    for name in PAIRS:
        for path in (UNRULED / f"{name}.pdf", UNRULED / f"{name}.ruled.pdf"):
            assert path.stat().st_size < 100_000, path


@pytest.mark.parametrize("name", PAIRS)
def test_unruled_page_gives_the_ruled_tables(name: str) -> None:
    ruled = budgetx.extract(UNRULED / f"{name}.ruled.pdf")
    unruled = budgetx.extract(UNRULED / f"{name}.pdf")
    assert ruled.tables
    assert [(t.title, t.pages, t.kind, t.unit) for t in unruled.tables] == [
        (t.title, t.pages, t.kind, t.unit) for t in ruled.tables
    ]
    for r, u in zip(ruled.tables, unruled.tables, strict=True):
        assert [(c.name, c.type, c.block) for c in u.columns] == [(c.name, c.type, c.block) for c in r.columns]
        assert [(row.code, row.name, row.cells) for row in u.rows] == [
            (row.code, row.name, row.cells) for row in r.rows
        ]


def test_continuation_page_keeps_the_columns_printed_empty() -> None:
    """The page without a header: its figures in the columns of the page before, not shifted left."""
    unruled = budgetx.extract(UNRULED / "wuxi_jiaoyu_p16.pdf")
    [table] = unruled.tables
    assert table.pages == [1, 2]
    names = [c.name for c in table.columns]
    row = next(r for r in table.rows if r.cells[0] == "305046")
    assert row.name == "无锡学院"
    assert row.cells[names.index("本年收入 / 事业收入")] == Decimal("6577.00")
    assert row.cells[names.index("本年收入 / 其他收入")] is None
    wrapped = next(r for r in table.rows if r.cells[0] == "305025")
    assert wrapped.name == "江苏省无锡师范学校附属小学"
    assert {len(r.cells) for r in table.rows} == {19}


def test_continuation_needs_the_page_before() -> None:
    """A layout remembered from another page, or lines that fit no column of it: read on their own."""
    layout = align.Layout()
    header = _line(_chars("科目名称", 40, 100), _chars("合计", 150, 100), _chars("基本", 230, 100))
    body = [
        _line(_chars("行政运行", 40, 120 + 18 * k), _chars("1,234.50", 190, 120 + 18 * k, right=True)) for k in range(3)
    ]
    blocks, _ = align.tables([header, *body], 1, layout)
    assert [len(r.cells) for r in blocks[0]] == [3, 3, 3, 3]
    assert layout.continues(2) and not layout.continues(3)
    # the next page: figures only in the first column of figures, no header
    more = [_line(_chars("机关服务", 40, 60 + 18 * k), _chars("10.00", 190, 60 + 18 * k, right=True)) for k in range(2)]
    blocks, _ = align.tables(more, 2, layout)
    assert [r.cells for r in blocks[0]] == [["机关服务", "10.00", ""], ["机关服务", "10.00", ""]]
    # figures ending where no column of the table ended: another table
    layout.page = 2
    other = [
        _line(_chars("机关服务", 40, 60 + 18 * k), _chars("10.00", 215, 60 + 18 * k, right=True)) for k in range(2)
    ]
    blocks, _ = align.tables(other, 3, layout)
    assert [r.cells for r in blocks[0]] == [["机关服务", "10.00"], ["机关服务", "10.00"]]


# --- the benchmark's comparison --------------------------------------------------------------


def _table(title: str, columns: list[str], rows: list[tuple[str, str, list[Any]]]) -> dict[str, Any]:
    return {
        "title": title,
        "pages": [3],
        "columns": [[c, 0] for c in columns],
        "rows": [{"key": [code, name], "cells": cells} for code, name, cells in rows],
    }


def test_compare_counts_amounts_at_their_row_and_column() -> None:
    ruled = [
        _table(
            "支出表",
            ["科目编码", "科目名称", "合计", "基本支出"],
            [
                ("201", "一般公共服务支出", ["201", "一般公共服务支出", "$10.00", "$4.00"]),
                ("", "合计", [None, "合计", "$10.00", None]),
            ],
        )
    ]
    # the copy misses a row, swaps two columns and misreads one amount
    unruled = [
        _table(
            "支 出 表",
            ["科目编码", "科目名称", "基本支出", "合计"],
            [("", "合计", [None, "合计", None, "$10.01"])],
        )
    ]
    f = bench.compare(ruled, unruled)
    assert (f.tables, f.found, f.same_columns, f.amounts, f.placed, f.extra) == (1, 1, 0, 3, 0, 1)
    unruled[0]["rows"][0]["cells"][3] = "$10.00"
    assert bench.compare(ruled, unruled).placed == 1


def test_compare_needs_title_and_first_page() -> None:
    ruled = [_table("收入表", ["项目", "金额"], [("", "合计", ["合计", "$1.00"])])]
    moved = [_table("收入表", ["项目", "金额"], [("", "合计", ["合计", "$1.00"])])]
    moved[0]["pages"] = [4]
    f = bench.compare(ruled, moved)
    assert (f.found, f.placed) == (0, 0)
    assert f.missing == ["p[3] 收入表 (1 amounts)"]


def test_header_printed_again_keeps_the_columns() -> None:
    """The second page prints the header again: its rows in the columns of the first page, the
    header not read as rows; a name indented in the 支出 block stays in its column."""
    unruled = budgetx.extract(UNRULED / "huzhou_weijian_p25.pdf")
    [table] = unruled.tables
    assert table.pages == [1, 2]
    assert [(c.name, c.type, c.block) for c in table.columns] == [
        ("收入 / 项目", "name", 0),
        ("收入 / 预算数", "amount", 0),
        ("支出 / 项目", "name", 1),
        ("支出 / 预算数", "amount", 1),
    ]
    assert not any(r.name in ("项目", "收入", "支出") for r in table.rows)
    row = next(r for r in table.rows if r.cells[2] == "机关事业单位基本养老保险缴费支出")
    assert row.cells[1] is None
    assert row.cells[3] == Decimal("12501.32")
    assert all(isinstance(r.cells[1], Decimal) or r.cells[1] is None for r in table.rows)
    assert {r.page for r in table.rows} == {1, 2}


# --- a synthetic page ------------------------------------------------------------------------


def _chars(text: str, x: float, top: float, size: float = 10.0, right: bool = False) -> list[dict[str, Any]]:
    """The chars of ``text`` starting at ``x`` (ending at ``x`` when ``right``); figures half a glyph wide."""
    widths = [size / 2 if ch.isascii() else size for ch in text]
    if right:
        x -= sum(widths)
    out = []
    for ch, w in zip(text, widths, strict=True):
        out.append({"text": ch, "x0": x, "x1": x + w, "top": top, "bottom": top + size, "size": size})
        x += w
    return out


def _line(*parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((c for p in parts for c in p), key=lambda c: c["x0"])


def test_group_header_wrapped_header_and_empty_column() -> None:
    """收入 over 项目 | 金额, a header wrapped in a narrow column, a column printed empty."""
    lines = [
        _line(_chars("收入", 90, 100), _chars("其他", 262, 100)),
        _line(_chars("项目", 60, 114), _chars("金额", 150, 114), _chars("备注", 200, 114), _chars("收入", 262, 114)),
        _line(_chars("一、财政拨款", 40, 132), _chars("426.37", 180, 132, right=True)),
        _line(_chars("二、事业收入", 40, 150), _chars("1,200.00", 180, 150, right=True), _chars("说明", 200, 150)),
    ]
    blocks, used = align.tables(lines, 1)
    assert used == {0, 1, 2, 3}
    [rows] = blocks
    assert [r.cells for r in rows] == [
        ["收入", "", "", "其他收入"],
        ["项目", "金额", "备注", ""],
        ["一、财政拨款", "426.37", "", ""],
        ["二、事业收入", "1,200.00", "说明", ""],
    ]


def test_headers_centred_in_wide_cells_name_their_columns() -> None:
    """科目编码 | 科目名称 | 金额 each centred in a wide cell, far from the left-aligned codes and names
    and the right-aligned amounts under them; a 合计 label centred in the names' cell is no column."""
    lines = [
        _line(_chars("科目编码", 160, 100), _chars("科目名称", 390, 100), _chars("金额", 630, 100)),
        _line(_chars("合计", 385, 124), _chars("9,964.07", 760, 124, right=True)),
        _line(_chars("301", 80, 148), _chars("工资福利支出", 310, 148), _chars("3,920.22", 760, 148, right=True)),
        _line(_chars("30101", 80, 172), _chars("基本工资", 310, 172), _chars("1,309.12", 760, 172, right=True)),
        _line(_chars("30102", 80, 196), _chars("津贴补贴", 310, 196), _chars("2,296.92", 760, 196, right=True)),
    ]
    [rows], _ = align.tables(lines, 1)
    assert [r.cells for r in rows] == [
        ["科目编码", "科目名称", "金额"],
        ["", "合计", "9,964.07"],
        ["301", "工资福利支出", "3,920.22"],
        ["30101", "基本工资", "1,309.12"],
        ["30102", "津贴补贴", "2,296.92"],
    ]


def test_amount_set_right_against_the_next_name_is_a_row() -> None:
    """The first rows of a 收入 | 支出 table print each amount right against the 支出 name beside it
    (a gap narrower than a cell gap): they are rows, not header lines."""
    lines = [
        _line(
            _chars("项目", 80, 100), _chars("预算数", 150, 100), _chars("项目", 250, 100), _chars("预算数", 350, 100)
        ),
        _line(
            _chars("一、财政拨款", 40, 120), _chars("41,966.15", 190, 120, right=True), _chars("一、教育支出", 192, 120)
        ),
        _line(
            _chars("二、事业收入", 40, 140), _chars("3,806.19", 190, 140, right=True), _chars("二、外交支出", 192, 140)
        ),
        _line(_chars("三、卫生健康支出", 192, 160), _chars("45,772.34", 390, 160, right=True)),
    ]
    [rows], used = align.tables(lines, 1)
    assert used == {0, 1, 2, 3}
    assert [r.cells for r in rows] == [
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款", "41,966.15", "一、教育支出", ""],
        ["二、事业收入", "3,806.19", "二、外交支出", ""],
        ["", "", "三、卫生健康支出", "45,772.34"],
    ]


def test_numbered_items_without_figures_close_under_a_row_are_rows() -> None:
    """Rows set one line apart, most of them without figures (二、 … 四、 under 一、 with its amount):
    a line starting the next numbered item is a row of its own, not the name above wrapped; a name
    wrapped under its row's figures still joins the row."""
    lines = [
        _line(
            _chars("项目", 80, 100), _chars("预算数", 150, 100), _chars("项目", 250, 100), _chars("预算数", 350, 100)
        ),
        _line(
            _chars("一、财政拨款", 40, 112), _chars("41,966.15", 190, 112, right=True), _chars("一、教育支出", 200, 112)
        ),
        _line(_chars("二、事业收入", 40, 124), _chars("二、外交支出", 200, 124)),
        _line(
            _chars("三、其他收入", 40, 136),
            _chars("三、卫生健康支", 200, 136),
            _chars("45,772.34", 390, 136, right=True),
        ),
        _line(_chars("出", 200, 148)),
        _line(_chars("四、住房保障支出", 200, 160)),
        _line(_chars("本年收入合计", 40, 180), _chars("41,966.15", 190, 180, right=True)),
    ]
    [rows], _ = align.tables(lines, 1)
    assert [r.cells for r in rows] == [
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款", "41,966.15", "一、教育支出", ""],
        ["二、事业收入", "", "二、外交支出", ""],
        ["三、其他收入", "", "三、卫生健康支出", "45,772.34"],
        ["", "", "四、住房保障支出", ""],
        ["本年收入合计", "41,966.15", "", ""],
    ]


def test_letter_spaced_group_header_over_two_columns_is_one_word() -> None:
    """``支  出`` letter-spaced over the 支出 block, its glyphs over different columns: one group header
    over 项目 | 预算数 (the headers of narrow columns, 类 | 款, have nothing printed under them)."""
    lines = [
        _line(_chars("收入", 100, 100), _chars("支", 255, 100), _chars("出", 278, 100)),
        _line(
            _chars("项目", 50, 114), _chars("预算数", 140, 114), _chars("项目", 232, 114), _chars("预算数", 285, 114)
        ),
        _line(
            _chars("一、财政拨款", 40, 132),
            _chars("426.37", 180, 132, right=True),
            _chars("一、教育支出", 200, 132),
            _chars("300.00", 330, 132, right=True),
        ),
        _line(
            _chars("二、事业收入", 40, 150),
            _chars("1,200.00", 180, 150, right=True),
            _chars("二、外交支出", 200, 150),
            _chars("1,326.37", 330, 150, right=True),
        ),
    ]
    [rows], _ = align.tables(lines, 1)
    assert [[c.replace(" ", "") for c in r.cells] for r in rows[:2]] == [
        ["收入", "", "支出", ""],
        ["项目", "预算数", "项目", "预算数"],
    ]


def test_group_header_over_no_column_centred_over_the_cells_under_it() -> None:
    """``支  出`` spread over the 支出 block prints over no column, and is centred over the cells under
    it (项目 centred in a wide cell over short names, 预算数 over right-aligned amounts) rather than
    over their headers: a group header, not a column printed empty."""
    lines = [
        _line(_chars("收入", 122, 100), _chars("支", 350, 100), _chars("出", 415, 100)),
        _line(
            _chars("项目", 60, 114), _chars("预算数", 190, 114), _chars("项目", 310, 114), _chars("预算数", 480, 114)
        ),
        _line(
            _chars("一、财政拨款", 40, 132),
            _chars("426.37", 225, 132, right=True),
            _chars("社会保障和就业支出", 250, 132),
            _chars("300.00", 520, 132, right=True),
        ),
        _line(
            _chars("二、事业收入", 40, 150),
            _chars("1,200.00", 225, 150, right=True),
            _chars("住房保障支出", 250, 150),
            _chars("1,326.37", 520, 150, right=True),
        ),
    ]
    [rows], _ = align.tables(lines, 1)
    assert [[c.replace(" ", "") for c in r.cells] for r in rows] == [
        ["收入", "", "支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款", "426.37", "社会保障和就业支出", "300.00"],
        ["二、事业收入", "1,200.00", "住房保障支出", "1,326.37"],
    ]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["行政运行", "一般行政管理事务", "机关服务", "其他支出"]),
            st.lists(st.one_of(st.none(), st.decimals(0, 99999, places=2)), min_size=3, max_size=3),
        ),
        min_size=2,
        max_size=8,
    ).filter(
        lambda rows: (
            any(v is not None for v in rows[0][1]) and sum(any(v is not None for v in vs) for _, vs in rows) >= 2
        )
    )
)
def test_rows_and_columns_come_back(rows: list[tuple[str, list[Decimal | None]]]) -> None:
    """Names left-aligned, amounts right-aligned in three columns: every cell back in its place
    (the first row prints a figure: a row of text only right under the header reads as header)."""
    header = _line(
        _chars("科目名称", 40, 100), *[_chars(h, 150 + 80 * j, 100) for j, h in enumerate(["合计", "基本", "项目"])]
    )
    lines = [header]
    for k, (name, values) in enumerate(rows):
        parts = [_chars(name, 40, 120 + 18 * k)]
        parts += [
            _chars(f"{v:,.2f}", 190 + 80 * j, 120 + 18 * k, right=True) for j, v in enumerate(values) if v is not None
        ]
        lines.append(_line(*parts))
    blocks, _ = align.tables(lines, 1)
    [block] = blocks
    assert block[0].cells == ["科目名称", "合计", "基本", "项目"]
    assert [r.cells for r in block[1:]] == [
        [name, *("" if v is None else f"{v:,.2f}" for v in values)] for name, values in rows
    ]


def test_letter_spaced_header_words() -> None:
    """合  计 and 收 … 入 spread across a cell are one word each; 类 | 款 over their own columns of
    codes stay two, however close."""
    from budgetx.readers.pdf.aligned_columns import header_words

    line = _line(_chars("合", 100, 10), _chars("计", 120, 10), _chars("收", 200, 10), _chars("入", 300, 10))
    columns = [[95.0, 131.0], [150.0, 215.0]]
    assert ["".join(c["text"] for c in w) for w in header_words(line, align.GAP, columns)] == ["合计", "收入"]
    codes = _line(_chars("类", 100, 10), _chars("款", 122, 10))
    columns = [[98.0, 112.0], [120.0, 134.0]]
    assert ["".join(c["text"] for c in w) for w in header_words(codes, align.GAP, columns)] == ["类", "款"]
    assert len(header_words(_line(_chars("收", 200, 10), _chars("入", 300, 10)), align.GAP)) == 2


def test_name_wrapped_over_three_lines_around_its_figures_is_one_row() -> None:
    """A name wrapped over three lines, about as far apart as rows of one line, with its row's figures
    and a two-line cell centred between them (lines set half a line apart): one row, not a line of
    the name taken as a row of its own."""
    lines = [
        _line(_chars("名称", 40, 76), _chars("方式", 120, 76), _chars("金额", 200, 76)),
        _line(_chars("打印机", 40, 94), _chars("分散采购", 120, 94), _chars("5.00", 230, 94, right=True)),
        _line(_chars("复印机", 40, 120), _chars("分散采购", 120, 120), _chars("8.00", 230, 120, right=True)),
        _line(_chars("台式计算机", 40, 140)),
        _line(_chars("部门集中", 120, 147.8)),
        _line(_chars("（20万以", 40, 155.6), _chars("27.00", 230, 155.6, right=True)),
        _line(_chars("采购", 120, 163.4)),
        _line(_chars("上）", 40, 171.2)),
        _line(_chars("家具用具", 40, 188), _chars("分散采购", 120, 188), _chars("20.00", 230, 188, right=True)),
    ]
    [rows], _ = align.tables(lines, 1)
    assert [[c.replace(" ", "") for c in r.cells] for r in rows] == [
        ["名称", "方式", "金额"],
        ["打印机", "分散采购", "5.00"],
        ["复印机", "分散采购", "8.00"],
        ["台式计算机（20万以上）", "部门集中采购", "27.00"],
        ["家具用具", "分散采购", "20.00"],
    ]


def test_group_header_printed_over_the_amounts_under_it_is_no_column() -> None:
    """支出 centred over its two blocks prints right over the first block's amounts, where that
    column's own header (金额, centred in its cell) does not: 金额 names the column, 支出 heads the
    group."""
    lines = [
        _line(_chars("收入", 70, 100), _chars("支出", 300, 100)),
        _line(
            _chars("项目", 40, 114),
            _chars("金额", 120, 114),
            _chars("项目", 200, 114),
            _chars("金额", 270, 114),
            _chars("项目", 340, 114),
            _chars("金额", 420, 114),
        ),
        _line(
            _chars("一、财政拨款", 40, 132),
            _chars("426.37", 160, 132, right=True),
            _chars("一、教育支出", 200, 132),
            _chars("300.00", 320, 132, right=True),
            _chars("一、基本支出", 340, 132),
            _chars("126.37", 460, 132, right=True),
        ),
        _line(
            _chars("二、事业收入", 40, 150),
            _chars("1,200.00", 160, 150, right=True),
            _chars("二、外交支出", 200, 150),
            _chars("1,326.37", 320, 150, right=True),
            _chars("二、项目支出", 340, 150),
            _chars("1,500.00", 460, 150, right=True),
        ),
    ]
    [rows], _ = align.tables(lines, 1)
    assert [c.replace(" ", "") for c in rows[1].cells] == ["项目", "金额", "项目", "金额", "项目", "金额"]
    assert rows[2].cells[3] == "300.00"


def _two_block_page(top: float) -> list[list[dict[str, Any]]]:
    """The header of a 收入 | 支出 table at ``top``: 收入 | 支出 over 项目 | 预算数 | 项目 | 预算数."""
    return [
        _line(_chars("收入", 125, top), _chars("支出", 365, top)),
        _line(
            _chars("项目", 60, top + 14),
            _chars("预算数", 198, top + 14),
            _chars("项目", 300, top + 14),
            _chars("预算数", 438, top + 14),
        ),
    ]


def test_continuation_whose_only_figures_are_its_last_rows_takes_the_header_printed_again() -> None:
    """The second page prints the title and header again, rows without figures under them, and the
    total row apart further down: one block in the first page's columns, every line a row."""
    layout = align.Layout()
    first = [
        *_two_block_page(100),
        *(
            _line(
                _chars(f"收入{k}", 40, 132 + 18 * k),
                _chars("5,973.01", 230, 132 + 18 * k, right=True),
                _chars(f"支出{k}", 280, 132 + 18 * k),
                _chars("1,000.00", 470, 132 + 18 * k, right=True),
            )
            for k in range(3)
        ),
    ]
    align.tables(first, 1, layout)
    second = [
        _line(_chars("2026年财政拨款收支预算总表", 150, 60)),
        _line(_chars("单位：万元", 420, 84)),
        *_two_block_page(100),
        _line(_chars("上年结转结余", 40, 132)),
        _line(_chars("一般公共预算", 50, 146)),
        _line(_chars("政府性基金预算", 50, 160)),
        _line(
            _chars("收入总计", 80, 200),
            _chars("5,973.01", 230, 200, right=True),
            _chars("支出总计", 320, 200),
            _chars("5,973.01", 470, 200, right=True),
        ),
    ]
    [rows], used = align.tables(second, 2, layout)
    assert used == set(range(2, 8))
    assert [[c.replace(" ", "") for c in r.cells] for r in rows] == [
        ["收入", "", "支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["上年结转结余", "", "", ""],
        ["一般公共预算", "", "", ""],
        ["政府性基金预算", "", "", ""],
        ["收入总计", "5,973.01", "支出总计", "5,973.01"],
    ]


def test_lines_printed_off_the_page_are_no_table() -> None:
    """A sheet drawn taller than its page prints rows under the page's bottom edge: nobody sees
    them, they are no table (and stay text lines)."""
    from budgetx.readers.pdf import _aligned_items, _State

    rows = [
        _line(
            _chars("301", 40, 900 + 20 * k), _chars("工资福利支出", 90, 900 + 20 * k), _chars("9.50", 300, 900 + 20 * k)
        )
        for k in range(3)
    ]
    items, used = _aligned_items(rows, 1, _State(), (0.0, 0.0, 595.0, 842.0))
    assert not items and not used
    items, used = _aligned_items(rows, 1, _State(), (0.0, 0.0, 595.0, 1200.0))
    assert used == {0, 1, 2}


def test_header_a_row_pitch_above_rows_set_far_apart() -> None:
    """Rows set 60 points apart under a header 50 points above the first: the header is the block's."""
    lines = [
        _line(_chars("科目编码", 60, 100), _chars("科目名称", 200, 100), _chars("金额", 400, 100)),
        *(
            _line(
                _chars(f"3010{k}", 80, 160 + 60 * k),
                _chars("基本工资", 200, 160 + 60 * k),
                _chars("15.00", 400, 160 + 60 * k),
            )
            for k in range(3)
        ),
    ]
    [rows], used = align.tables(lines, 1)
    assert used == {0, 1, 2, 3}
    assert rows[0].cells == ["科目编码", "科目名称", "金额"]


def test_rows_numbered_without_figures_are_a_table() -> None:
    """序号 | 单位名称 | 备注 over rows numbered 1, 2, 3 (a 部门决算单位构成): a table without figures,
    a remark with a comma in it no sentence of the narrative."""
    lines = [
        _line(_chars("从预算单位构成看，本部门包括：", 40, 80)),
        _line(_chars("序号", 60, 110), _chars("单位名称", 150, 110), _chars("备注", 330, 110)),
        _line(_chars("1", 70, 124), _chars("上海市某局（本级）", 120, 124)),
        _line(_chars("2", 70, 138), _chars("上海市某局财政所", 120, 138), _chars("预算不单列，并入本级", 300, 138)),
        _line(_chars("3", 70, 152), _chars("上海市某局收付中心", 120, 152), _chars("预算不单列，并入本级", 300, 152)),
    ]
    [rows], used = align.tables(lines, 1)
    assert used == {1, 2, 3, 4}
    assert [r.cells for r in rows] == [
        ["序号", "单位名称", "备注"],
        ["1", "上海市某局（本级）", ""],
        ["2", "上海市某局财政所", "预算不单列，并入本级"],
        ["3", "上海市某局收付中心", "预算不单列，并入本级"],
    ]


def test_one_row_far_under_a_header_of_tall_cells() -> None:
    """A 三公 table of one row of figures set far under its header (tall cells, a group header set
    four lines above the others): the lines between its caption and its figures are its header."""
    lines = [
        _line(_chars("“三公”经费、会议费、培训费支出预算表", 100, 60, size=16)),
        _line(_chars("部门：某厅", 40, 100), _chars("单位：万元", 420, 100)),
        _line(_chars("“三公”经费", 200, 140)),
        _line(
            _chars("合计", 60, 182),
            _chars("小计", 150, 182),
            _chars("公务接待费", 250, 182),
            _chars("会议费", 400, 182),
        ),
        _line(
            _chars("1,852.32", 100, 230, right=True),
            _chars("676.10", 190, 230, right=True),
            _chars("443.50", 320, 230, right=True),
            _chars("1,094.62", 440, 230, right=True),
        ),
    ]
    [rows], used = align.tables(lines, 1)
    assert used == {2, 3, 4}
    assert [c for c in rows[-1].cells if c] == ["1,852.32", "676.10", "443.50", "1,094.62"]
    assert "会议费" in rows[-2].cells


def test_prose_column_beside_the_figures_goes_to_its_rows() -> None:
    """A 项目支出绩效表: each project's 绩效目标 printed as a paragraph beside its figures (set
    around them, one of its lines on the row's own line); the total alone over the counter row."""

    def row(name: str, amount: str, top: float, goal: list[str]) -> list[list[dict[str, Any]]]:
        out = [_line(_chars(g, 435, top + 10 * (k - 1), size=8)) for k, g in enumerate(goal)]
        out[1] = _line(_chars(name, 48, top, size=8), _chars(amount, 430, top, size=8, right=True), out[1])
        return out

    lines = [
        _line(
            _chars("单位名称", 100, 110, size=8),
            _chars("金额", 400, 110, size=8),
            _chars("项目总体绩效目标", 560, 110, size=8),
        ),
        _line(_chars("**", 110, 125, size=8), _chars("**", 405, 125, size=8), _chars("**", 590, 125, size=8)),
        _line(_chars("4,651.90", 430, 145, size=8, right=True)),
        *row("湖州市军供站", "35.00", 180, ["面向部队，提供饮食，", "保障军供饮食配送，", "提供优质保障服务。"]),
        *row("湖州市服务中心", "2.37", 230, ["维护涉军人员权益，", "提供就业创业扶持，", "做好服务保障工作。"]),
        *row("湖州市陵园管理所", "166.50", 280, ["做好烈士纪念设施，", "修缮维护日常管理，", "弘扬烈士精神。"]),
    ]
    [rows], used = align.tables(lines, 1)
    assert used == set(range(len(lines)))
    assert [r.cells for r in rows][:3] == [
        ["单位名称", "金额", "项目总体绩效目标"],
        ["**", "**", "**"],
        ["", "4,651.90", ""],
    ]
    assert rows[3].cells == ["湖州市军供站", "35.00", "面向部队，提供饮食，保障军供饮食配送，提供优质保障服务。"]
    assert rows[5].cells[2] == "做好烈士纪念设施，修缮维护日常管理，弘扬烈士精神。"


def test_department_with_its_unit_alone_is_a_caption() -> None:
    """ "341-湖州市财政局      万元" printed as text over a table: the department and the unit, no prose."""
    from budgetx.tables.segment import _department_and_bare_unit

    assert _department_and_bare_unit("341-湖州市财政局          万元") == "万元"
    assert _department_and_bare_unit("本部门共有单位三个 万元") is None


def test_sentences_going_on_after_their_amounts_are_no_prose_column() -> None:
    """Justified narrative whose sentences go on after an amount ("（一）人员经费  11,257.35  万元。主要
    包括…") starts no column of prose: no table is read from it."""
    lines = [
        _line(
            _chars("（一）人员经费", 122, 100),
            _chars("11,257.35", 250, 100),
            _chars("万元。主要包括：基本工", 330, 100),
        ),
        _line(_chars("资、津贴补贴、奖金、机关事业单位基本养老保险缴费、职", 90, 114)),
        _line(
            _chars("（二）公用经费", 122, 128),
            _chars("2,722.57", 250, 128),
            _chars("万元。主要包括：办公费、", 327, 128),
        ),
        _line(_chars("水费、电费、邮电费、差旅费、维修（护）费、会议费、公", 90, 142)),
        _line(_chars("万元，与上年相比增加", 90, 156), _chars("万元。主要原因是根据省", 329, 156)),
    ]
    assert align._prose_column(lines, [align._cells(ln) for ln in lines]) is None
    blocks, used = align.tables(lines, 1)
    assert not blocks and not used


def test_amounts_wrapped_in_narrow_cells_are_joined() -> None:
    """``1682.7`` over ``6`` in a cell as narrow as the amount, the row's name and other figures on
    a line between them: one row with ``1682.76``."""
    lines = [
        _line(
            _chars("科目名称", 40, 100), _chars("合计", 150, 100), _chars("基本", 230, 100), _chars("项目", 305, 100)
        ),
        _line(_chars("1682.7", 150, 125), _chars("1208.2", 230, 125)),
        _line(_chars("总计", 40, 131), _chars("997.20", 330, 131, right=True)),
        _line(_chars("6", 150, 137), _chars("0", 230, 137)),
        _line(
            _chars("行政运行", 40, 160),
            _chars("903.85", 185, 160, right=True),
            _chars("903.85", 265, 160, right=True),
            _chars("692.85", 330, 160, right=True),
        ),
        _line(
            _chars("机关服务", 40, 185),
            _chars("458.00", 185, 185, right=True),
            _chars("0.00", 265, 185, right=True),
            _chars("0.00", 330, 185, right=True),
        ),
    ]
    [rows], used = align.tables(lines, 1)
    assert used == set(range(6))
    assert [r.cells for r in rows] == [
        ["科目名称", "合计", "基本", "项目"],
        ["总计", "1682.76", "1208.20", "997.20"],
        ["行政运行", "903.85", "903.85", "692.85"],
        ["机关服务", "458.00", "0.00", "0.00"],
    ]


def test_names_wrapped_around_the_figures_of_tall_rows() -> None:
    """Tall rows whose names wrap around their figures: a name's first line printed well below the
    row before and close above its figures continues the table, and the first lines of a name
    wrapped over four lines join their row when they centre the name on its figures."""
    lines = [
        _line(_chars("科目编码", 10, 100), _chars("科目名称", 80, 100), _chars("合计", 200, 100)),
        _line(_chars("总计", 80, 130), _chars("1,682.76", 240, 130, right=True)),
        _line(_chars("一般公共服务", 80, 160)),
        _line(_chars("201", 10, 166), _chars("1,378.41", 240, 166, right=True)),
        _line(_chars("支出", 80, 172)),
        _line(_chars("机关", 80, 190)),
        _line(_chars("事业单位基本", 80, 202)),
        _line(_chars("2080505", 10, 208), _chars("105.80", 240, 208, right=True)),
        _line(_chars("养老保险缴费", 80, 214)),
        _line(_chars("支出", 80, 226)),
    ]
    [rows], used = align.tables(lines, 1)
    assert used == set(range(10))
    assert [r.cells for r in rows] == [
        ["科目编码", "科目名称", "合计"],
        ["", "总计", "1,682.76"],
        ["201", "一般公共服务支出", "1,378.41"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "105.80"],
    ]


def test_group_header_over_narrow_columns_is_no_wrapped_line() -> None:
    """``科目编码`` set tight over ``类 | 款 | 项``, centred over the three and so over ``款``: a group
    header over three columns, not a header wrapped over ``款``; ``小`` over ``计`` is one header."""
    lines = [
        _line(_chars("科目编码", 90, 100), _chars("小", 180, 100), _chars("金额", 230, 100)),
        _line(_chars("类", 69, 114), _chars("款", 105, 114), _chars("项", 141, 114), _chars("计", 180, 113)),
        _line(
            _chars("201", 69, 135),
            _chars("06", 105, 135),
            _chars("01", 141, 135),
            _chars("1.00", 190, 135, right=True),
            _chars("2.00", 260, 135, right=True),
        ),
        _line(
            _chars("201", 69, 155),
            _chars("06", 105, 155),
            _chars("02", 141, 155),
            _chars("3.00", 190, 155, right=True),
            _chars("4.00", 260, 155, right=True),
        ),
    ]
    [rows], _ = align.tables(lines, 1)
    assert [r.cells for r in rows[:2]] == [["科目编码", "", "", "小计", "金额"], ["类", "款", "项", "", ""]]


def _centred(text: str, middle: float, top: float) -> list[dict[str, Any]]:
    """The chars of ``text`` centred on ``middle`` (figures half a glyph wide)."""
    width = sum(5.0 if ch.isascii() else 10.0 for ch in text)
    return _chars(text, middle - width / 2, top)


def test_figures_centred_in_their_cells_continue_on_the_next_page() -> None:
    """Amounts centred in their column (not right-aligned) on a page with its header, then on the
    next page without one and without codes: the second page's rows are the table's, in its columns."""
    layout = align.Layout()
    header = _line(_chars("科目编码", 40, 100), _chars("科目名称", 150, 100), _centred("金额", 340, 100))
    amounts = ["11,960.62", "2,171.78", "180.14"]
    body = [
        _line(
            _chars(f"3010{k}", 40, 120 + 18 * k), _chars("基本工资", 150, 120 + 18 * k), _centred(a, 340, 120 + 18 * k)
        )
        for k, a in enumerate(amounts)
    ]
    align.tables([header, *body], 1, layout)
    more = [
        _line(_chars("办公费", 150, 60 + 18 * k), _centred(a, 340, 60 + 18 * k))
        for k, a in enumerate(["1.05", "426.00"])
    ]
    blocks, _ = align.tables(more, 2, layout)
    assert [r.cells for r in blocks[0]] == [["", "办公费", "1.05"], ["", "办公费", "426.00"]]


def test_letter_spaced_total_is_one_word_of_the_merged_cells() -> None:
    """``合   计`` spread over the cells of 科目编码 | 科目名称: one word, the first column's."""
    header = _line(_chars("科目编码", 40, 100), _chars("科目名称", 160, 100), _chars("金额", 300, 100))
    lines = [
        header,
        _line(_chars("合", 130, 120), _chars("计", 155, 120), _chars("1,500.00", 340, 120, right=True)),
        _line(_chars("301", 40, 138), _chars("工资福利支出", 160, 138), _chars("1,200.00", 340, 138, right=True)),
        _line(_chars("302", 40, 156), _chars("商品和服务支出", 160, 156), _chars("300.00", 340, 156, right=True)),
    ]
    blocks, _ = align.tables(lines, 1)
    assert [r.cells for r in blocks[0][1:]] == [
        ["合计", "", "1,500.00"],
        ["301", "工资福利支出", "1,200.00"],
        ["302", "商品和服务支出", "300.00"],
    ]


def test_one_row_alone_continues_a_table_of_tall_rows() -> None:
    """The first row of a page, far from the next (rows of wrapped names), continues the table of
    the page before: it is no text left out."""
    layout = align.Layout()
    header = _line(_chars("项目名称", 40, 100), _chars("金额", 300, 100))
    body = [_line(_chars("办公费", 40, 120 + 40 * k), _chars("12.50", 340, 120 + 40 * k, right=True)) for k in range(3)]
    align.tables([header, *body], 1, layout)
    blocks, _ = align.tables([_line(_chars("印刷费", 40, 60), _chars("30.00", 340, 60, right=True))], 2, layout)
    assert [r.cells for r in blocks[0]] == [["印刷费", "30.00"]]


def test_a_cell_of_no_width_is_not_filled() -> None:
    """A regression (a mutated file, pdfminer reading it): a cell whose last glyph ends left of its
    first has no cell of its column to measure it by; it is not taken to fill its cell."""
    from budgetx.readers.pdf import aligned_rows

    seg: list[Any] = [{"x0": 100.0, "x1": 109.0, "text": "合"}, {"x0": 20.0, "x1": 29.0, "text": "计"}]
    assert not aligned_rows._fills(seg, [(0, seg)], 9.0)
    wide: list[Any] = [{"x0": 100.0, "x1": 109.0, "text": "合"}, {"x0": 109.0, "x1": 118.0, "text": "计"}]
    assert aligned_rows._fills(wide, [(0, wide)], 9.0)
