"""Pieces of the PDF reader on small synthetic pages: chars, grids, orphan rows, unruled tables."""

from __future__ import annotations

import pytest

from budgetx.readers.pdf import _adopt_orphans, read
from budgetx.readers.pdf.chars import group_lines, join_wrapped, line_text, prepare
from budgetx.readers.pdf.grids import Grid, fill
from tests.conftest import FIXTURES


def char(text, x0, top, size=10.0, width=None):
    w = width if width is not None else (size if ord(text[0]) > 0x2E80 else size * 0.55)
    return {"text": text, "x0": x0, "x1": x0 + w, "top": top, "bottom": top + size, "size": size}


def word(text, x0, top, size=10.0, gap=0.0):
    out, x = [], x0
    for t in text:
        c = char(t, x, top, size)
        out.append(c)
        x = c["x1"] + gap
    return out


def test_fake_bold_doubles_are_removed():
    chars = word("基本工资", 10, 100)
    doubled = chars + [dict(c, x0=c["x0"] + 0.4, x1=c["x1"] + 0.4) for c in chars]
    doubled += [dict(c, x0=c["x0"] + 0.8, x1=c["x1"] + 0.8, top=c["top"] + 0.2) for c in chars]
    kept = prepare(doubled)
    assert "".join(c["text"] for c in kept) == "基本工资"


def test_repeated_digits_are_not_taken_for_doubles():
    kept = prepare(word("100.00", 10, 100))
    assert "".join(c["text"] for c in sorted(kept, key=lambda c: c["x0"])) == "100.00"


def test_letter_spaced_name_keeps_its_words_and_lines_group_by_baseline():
    chars = word("因公出国", 10, 100, gap=6) + word("12.00", 200, 100.5)
    lines = group_lines(prepare(chars))
    assert len(lines) == 1
    assert line_text(lines[0]) == "因 公 出 国 12.00"  # clean_text later removes the CJK spaces


def test_wrapped_cell_lines_join_without_spaces_between_chinese():
    assert join_wrapped(["机关事业单位基本养老保", "险缴费支出"]) == "机关事业单位基本养老保险缴费支出"
    assert join_wrapped(["Total", "amount"]) == "Total amount"


def _grid():
    # 3 columns × 3 rows; the first column's cell spans rows 1-2 (a merged row header)
    xs, ys = [0.0, 100.0, 200.0, 300.0], [0.0, 20.0, 40.0, 60.0]
    cells = [
        (0, 0, 100, 20),
        (100, 0, 200, 20),
        (200, 0, 300, 20),
        (0, 20, 100, 60),
        (100, 20, 200, 40),
        (200, 20, 300, 40),
        (100, 40, 200, 60),
        (200, 40, 300, 60),
    ]
    return Grid(bbox=(0, 0, 300, 60), xs=xs, ys=ys, cells=cells)


def test_merged_row_header_is_carried_down_and_marked():
    g = _grid()
    chars = word("项目", 5, 5) + word("名称", 105, 5) + word("金额", 205, 5)
    chars += word("一般公共预算资金", 5, 35) + word("小计", 105, 25) + word("18.00", 250, 25)
    chars += word("公共财政拨款", 105, 45) + word("18.00", 250, 45)
    fill(g, prepare(chars))
    assert g.rows == [
        ["项目", "名称", "金额"],
        ["一般公共预算资金", "小计", "18.00"],
        ["一般公共预算资金", "公共财政拨款", "18.00"],
    ]
    assert g.carried == [(), (), (0,)]


def test_first_row_without_its_top_rule_is_kept():
    g = _grid()
    fill(g, prepare(word("项目", 5, 5) + word("金额", 205, 5)))
    # a continuation row printed above the grid's first rule: 20805 | 行政事业单位养老支出 | 18.81
    orphan = word("20805", 5, -16) + word("养老支出", 105, -16) + word("18.81", 250, -16)
    title = word("一般公共预算支出表", 60, -60, size=16)
    lines = group_lines(prepare(orphan + title))
    used: set[int] = set()
    _adopt_orphans(g, lines, used)
    assert g.rows[0] == ["20805", "养老支出", "18.81"]
    assert len(used) == 1  # the title is not taken


def test_unruled_table_reads_like_the_ruled_one():
    ruled = read((FIXTURES / "pdf" / "table1.pdf").read_bytes(), "table1.pdf")
    unruled = read((FIXTURES / "pdf" / "unruled.pdf").read_bytes(), "unruled.pdf")
    rows_r = [ln.cells for ln in ruled.lines if ln.cells is not None]
    rows_u = [ln.cells for ln in unruled.lines if ln.cells is not None]
    assert rows_u[1:] == rows_r[1:]  # the group header row ("收入 | 支出") spans columns no rule shows
    assert {ln.grid for ln in unruled.lines if ln.cells is not None} == {1}


@pytest.mark.corpus
def test_cells_keep_their_indentation_without_leading_spaces(corpus):
    """湖州 2026 表01 indents its 支出 items by level with spaces: 类 1.9 pt, 款 11.8, 项 21.6 right of the rule."""
    from budgetx.readers import reader_for

    path = corpus / "cities" / "zhejiang" / "湖州_财政局_2026年部门预算.pdf"
    data = path.read_bytes()
    lines = reader_for(str(path), data).read(data, str(path)).lines
    by_name = {ln.cells[2]: ln.indents[2] for ln in lines if ln.page == 17 and ln.cells and len(ln.indents) > 2}
    levels = [by_name["一般公共服务支出"], by_name["财政事务"], by_name["行政运行"]]
    assert all(x is not None for x in levels)
    assert levels[0] < levels[1] - 5 < levels[2] - 10


def test_each_cell_keeps_how_far_its_text_is_indented():
    g = Grid(
        bbox=(0, 0, 200, 60),
        xs=[0, 100, 200],
        ys=[0, 20, 40, 60],
        cells=[
            (0, 0, 100, 20),
            (100, 0, 200, 20),
            (0, 20, 100, 40),
            (100, 20, 200, 40),
            (0, 40, 100, 60),
            (100, 40, 200, 60),
        ],
    )
    spaces = [char(" ", 2 + 3 * k, 45, width=3) for k in range(4)]
    chars = word("一般公共服务支出", 2, 5) + word("70.00", 150, 5)
    chars += word("财政事务", 12, 25) + word("70.00", 150, 25)
    chars += spaces + word("行政运行", 22, 45) + word("70.00", 150, 45)
    fill(g, prepare(chars))
    assert [round(row[0], 1) for row in g.indents] == [2.0, 12.0, 22.0]  # leading spaces are no text


@pytest.mark.parametrize(
    ("colour", "white"),
    [
        (None, False),
        ((1.0, 1.0, 1.0), True),
        ((0.995, 1.0, 0.99), True),
        ((1.0, 0.5, 1.0), False),
        ((1, 1, 1), True),  # integers: read by the general rule
        ([1.0, 1.0, 1.0], True),
        ((1.0,), True),  # grey
        (0.0, False),
        ((0.0, 0.0, 0.0, 0.0), True),  # CMYK: no ink
        (("P0", "x", "y"), False),  # not numbers: not white
    ],
)
def test_white_rules_are_read_in_every_colour_space(colour, white):
    from budgetx.readers.pdf.grids import _is_white

    assert _is_white(colour) is white
