"""What a page read by OCR gets wrong in a general way, mended: found on scans of the corpus
(``python benchmarks/ocr.py --corpus``), each rebuilt here without the model, so these tests run
without the OCR wheels."""

from __future__ import annotations

from decimal import Decimal

from budgetx.model import Line, OcrReading
from budgetx.readers.ocr import digits
from budgetx.readers.ocr.engine import Glyph, Word
from budgetx.tables.headers import like_header_row
from budgetx.tables.segment import segment


def _word(text: str) -> Word:
    glyphs = tuple(Glyph(ch, (10.0 * k, 0.0, 10.0 * k + 9, 12.0), 0.99) for k, ch in enumerate(text) if ch.strip())
    return Word(text, (0.0, 0.0, 10.0 * len(text), 12.0), 0.99, glyphs, alternative=text.replace("8", "3"))


def test_a_thousands_comma_read_as_a_point_is_put_back():
    # 苏州交通运输局 公开02表 at 200 dpi: 3,868.38 read "3.868.38", which is no amount, and its column
    # was then typed as text, every amount of it lost
    assert digits.amounts("3.868.38") == "3,868.38"
    assert digits.amounts("1.234.567.89") == "1,234,567.89"
    assert digits.amounts("1,043,86") == "1,043.86"
    assert digits.amounts("3.868.38 1.043.86") == "3,868.38 1,043.86"
    word = digits.mend(_word("3.868.38"))
    assert word.text == "3,868.38"
    assert "".join(g.text for g in word.glyphs) == "3,868.38"
    assert word.alternative == "3,363.33"


def test_a_figure_with_one_separator_or_no_grouping_is_left_as_read():
    for text in ("3.868", "3,868", "12.5", "249,977.11", "0.00", "2026.01.01", "1.043.861", "表3.1.2"):
        assert digits.amounts(text) == text
    word = _word("3,868")
    assert digits.mend(word) is word


def _row(page: int, *cells: str, ocr: bool = True) -> Line:
    return Line(
        page=page,
        lineno=None,
        cells=list(cells),
        grid=page,
        ocr=tuple(OcrReading(0.99) if c else None for c in cells) if ocr else (),
    )


def _two_pages(repeat: tuple[str, ...], ocr: bool = True) -> list[Line]:
    return [
        Line(page=1, lineno=None, text="收支预算总表", bbox=(0, 10, 100, 22)),
        Line(page=1, lineno=None, text="单位：万元", bbox=(0, 30, 100, 42)),
        _row(1, "收入", "", "支出", "", ocr=ocr),
        _row(1, "项目", "预算数", "项目", "预算数", ocr=ocr),
        _row(1, "一般公共预算", "10.00", "教育支出", "10.00", ocr=ocr),
        _row(2, "收入", "", "支出", "", ocr=ocr),
        _row(2, *repeat, ocr=ocr),
        _row(2, "", "", "科学技术支出", "5.00", ocr=ocr),
    ]


def test_a_repeated_header_read_by_ocr_with_a_character_missed_is_dropped():
    # 湖州卫生健康委 表01 page 3: the model missed the lone 项 of the 支出 side's "项 目"; the row was
    # kept as data, 预算数 then typed its amount column as text, and the table lost every amount
    tables, _ = segment(_two_pages(("项目", "预算数", "目", "预算数")))
    (t,) = tables
    assert [r.cells for r in t.rows] == [
        ["一般公共预算", Decimal("10.00"), "教育支出", Decimal("10.00")],
        [None, None, "科学技术支出", Decimal("5.00")],
    ]


def test_a_text_layers_header_row_must_repeat_exactly():
    tables, _ = segment(_two_pages(("项目", "预算数", "目", "预算数"), ocr=False))
    assert ["项目", "预算数", "目", "预算数"] in [r.cells for r in tables[0].rows]


def test_a_header_row_read_by_ocr_is_like_the_printed_one_but_for_a_character_or_two():
    printed = ["类", "款", "项", "科目名称", "合计", "小计", "一般公共预算收入", "政府性基金预算收入"]
    assert like_header_row(
        ["类", "款", "项", "科目名称", "合计", "小计", "般公共预算收入", "政府性基金预算收入"], printed
    )
    assert like_header_row(["项目", "预算数", "目", "预算数"], ["项目", "预算数", "项目", "预算数"])
    assert not like_header_row(["项目", "预算数"], ["项目", "预算数", "项目", "预算数"])
    assert not like_header_row(["合计", "基本支出", "项目支出"], ["合计", "人员经费", "公用经费"])


def test_a_figure_at_a_box_edge_read_again_by_the_next_box_is_read_once():
    # 烟台住建局 公开表1 at 200 dpi: the next cell's box began over the last 5 of 59.95 (placed at
    # 807–821 in one box, 815–828 in the other: less than half a glyph shared) and the cell read 59.955
    from budgetx.readers.ocr import page

    def word(text: str, boxes: list[tuple[float, float]]) -> Word:
        glyphs = tuple(Glyph(ch, (x0, 500, x1, 533), 0.99) for ch, (x0, x1) in zip(text, boxes, strict=True))
        return Word(text, (boxes[0][0], 500, boxes[-1][1], 533), 0.99, glyphs)

    amount = word("59.95", [(752, 764), (764, 777), (780, 791), (791, 804), (807, 821)])
    name = word("5四、", [(815, 828), (832, 850), (850, 870)])
    objects = page.objects([amount, name], [], 1, (2000.0, 2000.0), 1.0)
    assert "".join(c["text"] for c in sorted(objects.chars, key=lambda c: c["x0"])) == "59.95四、"


def test_a_cells_amount_read_over_two_boxes_has_its_separators_put_back():
    # 无锡交通运输局 公开02表: 143,999.00 wraps in its narrow cell ("143,999.0" over "0"); the model read
    # the first line with the next cell's figure in one box, "143.999.032,640.0", which no box-level
    # mending can part: the cell "143.999.0 0" is mended
    assert digits.cell("143.999.0 0") == "143,999.00"
    assert digits.cell("143,999.0 0") == "143,999.0 0"
    assert digits.cell("合计") == "合计"
    assert digits.cell("2026.01.01") == "2026.01.01"


def test_the_characters_of_one_text_box_read_without_spaces_stay_together():
    # 长春信访局 预算表10 at 200 dpi: the model placed the title's characters with gaps between them, the
    # title read "国 有资本 经营预算 支出明细表（预算 表10）", was not known as a title, and the table's
    # rows ran on into 预算表9 (whose amount columns its header then turned into text)
    from budgetx.readers.ocr import page

    text = "国有资本（预算表10）"
    xs = [(0, 18), (30, 48), (50, 68), (80, 98), (100, 118), (130, 148), (150, 168), (180, 198)]
    xs += [(200, 210), (212, 222), (224, 240)]
    glyphs = tuple(Glyph(ch, (x0, 0, x1, 24), 0.99) for ch, (x0, x1) in zip(text, xs, strict=True))
    objects = page.objects([Word(text, (0, 0, 240, 24), 0.99, glyphs)], [], 1, (1000.0, 1000.0), 1.0)
    # each character reaches the next; 表 before the digit 1, and the digits, keep their own edges
    assert [c["x1"] for c in objects.chars] == [30, 50, 80, 100, 130, 150, 180, 198, 210, 222, 240]
    two = Word("国 有", (0, 0, 48, 24), 0.99, glyphs[:2])
    assert [c["x1"] for c in page.objects([two], [], 1, (1000.0, 1000.0), 1.0).chars] == [18, 48]
    # a gap much wider than the box's usual one is a cell's side the box runs over: 湖州 表03's
    # "事业单位上缴上级", read as one box over the narrow header cells 事业单位经营支出 and 上缴上级支出
    text = "事业单位上缴上级"
    xs = [(1812, 1837), (1837, 1863), (1863, 1893), (1894, 1925), (1936, 1965), (1965, 1993), (1995, 2023)]
    xs += [(2023, 2052)]
    glyphs = tuple(Glyph(ch, (x0, 406, x1, 438), 0.99) for ch, (x0, x1) in zip(text, xs, strict=True))
    objects = page.objects([Word(text, (1812, 406, 2052, 438), 0.99, glyphs)], [], 1, (3000.0, 3000.0), 1.0)
    assert [c["x1"] for c in objects.chars][3] == 1925
