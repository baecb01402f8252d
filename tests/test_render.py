"""Drawing what was read over the page: boxes in the model, marks, colours at known cells, crops."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from conftest import SAMPLE_PDF, SAMPLE_TXT
from PIL import Image

import budgetx
from budgetx.errors import NoPageImage
from budgetx.model import Finding
from budgetx.render.marks import column_marks, finding_marks, table_marks
from budgetx.render.overlay import SEVERITY_COLOURS, STYLES
from budgetx.render.page import PageImages, check_drawable
from budgetx.render.report import Checked, crops, report_page
from budgetx.render.show import draw_pages
from budgetx.validate import run as run_validation

DPI = 100
SCALE = DPI / 72


@pytest.fixture(scope="module")
def pdf_doc():
    return budgetx.extract(SAMPLE_PDF)


@pytest.fixture(scope="module")
def pages():
    with PageImages(SAMPLE_PDF, dpi=DPI) as pdf:
        yield pdf


def table2(doc):
    """表2 of the sample, on page 5: 科目编码 | 科目名称 | 小计 | 基本支出 | 项目支出."""
    return next(t for t in doc.tables if t.number == "表2")


def row(table, code):
    return next(r for r in table.rows if r.code == code)


def test_rows_know_where_their_cells_are_printed(pdf_doc):
    t = table2(pdf_doc)
    r = row(t, "2080505")  # checked on the page: the row's band, and the rules between its five cells
    assert r.page == 5
    assert r.bbox == pytest.approx((50.0, 219.36, 545.28, 239.36), abs=0.01)
    assert r.edges == pytest.approx((50.0, 127.04, 314.15, 391.19, 468.23, 545.28), abs=0.01)
    assert r.cell_box(2) == pytest.approx((314.15, 219.36, 391.19, 239.36), abs=0.01)
    # the table's box holds its header and rows; the header band ends where the first row starts
    assert list(t.boxes) == [5] and list(t.header_boxes) == [5]
    assert t.header_boxes[5][3] == pytest.approx(t.rows[0].bbox[1])
    assert t.boxes[5][1] == t.header_boxes[5][1] and t.boxes[5][3] == pytest.approx(t.rows[-1].bbox[3])


def test_a_text_document_has_rows_without_boxes():
    doc = budgetx.extract(SAMPLE_TXT)
    assert all(r.bbox is None and r.cell_box(0) is None for t in doc.tables for r in t.rows)
    assert all(not t.boxes for t in doc.tables)
    with pytest.raises(NoPageImage) as err:
        check_drawable(doc)
    assert err.value.exit_code == 16


def test_a_sum_finding_points_at_its_figure_and_the_figures_it_adds(pdf_doc):
    import copy

    doc = copy.deepcopy(pdf_doc)
    t = table2(doc)
    child = row(t, "2080505")
    child.cells[2] = Decimal("13.54")  # 20805 prints 18.81 = 12.54 + 6.27
    findings = [f for f in run_validation(doc) if f.rule == "hierarchy.sum" and f.code == "20805"]
    assert findings, "the changed child no longer adds up to its parent"
    f = next(f for f in findings if f.column and f.column.endswith("小计"))
    parent = row(t, "20805")
    assert f.cells[0] == (5, parent.cell_box(2))
    assert (5, child.cell_box(2)) in f.cells[1:]
    assert (5, row(t, "2080506").cell_box(2)) in f.cells[1:]


def test_marks_of_a_table_follow_its_columns_types(pdf_doc):
    t = table2(pdf_doc)
    kinds = [m.kind for m in column_marks(t)]
    assert kinds == ["code", "name", "amount", "amount", "amount"]
    marks = table_marks(t)
    assert sum(m.kind == "table" for m in marks) == 1
    assert sum(m.kind == "header" for m in marks) == 1
    assert sum(m.kind == "row" for m in marks) == len(t.rows)


def _pixel(image, x_pt, y_pt):
    return image.getpixel((round(x_pt * SCALE), round(y_pt * SCALE)))


def _tinted(drawn, bare, colour):
    """The drawn pixel is the bare (white) one tinted towards ``colour``."""
    assert min(bare) > 245, "the test point is not on white paper"
    shift = [b - d for d, b in zip(drawn, bare, strict=True)]
    towards = [255 - c for c in colour]  # how far the colour is below white, per channel
    # the channel the colour lacks most is darkened most
    assert shift.index(max(shift)) == towards.index(max(towards)), (drawn, colour)
    assert max(shift) > 15


def test_columns_are_filled_in_their_types_colour(pdf_doc, pages):
    t = table2(pdf_doc)
    [page] = draw_pages(pdf_doc, pages, [t], [5])
    bare = pages.image(5)
    r = row(t, "210")  # 210 卫生健康支出 11.00 11.00 (no finding)
    middle = (r.bbox[1] + r.bbox[3]) / 2
    code_point = (r.edges[1] - 4, middle)  # right of the short code
    name_point = (r.edges[2] - 4, middle)  # right of the name
    amount_point = (r.edges[2] + 4, middle)  # left of the figure
    for (x, y), kind in ((code_point, "code"), (name_point, "name"), (amount_point, "amount")):
        _tinted(_pixel(page.image, x, y), _pixel(bare, x, y), STYLES[kind][0])


def test_a_findings_cell_is_framed_in_its_severitys_colour_and_numbered(pdf_doc, pages):
    t = table2(pdf_doc)
    box = row(t, "215").cell_box(4)
    doc = _with_findings(pdf_doc, [_finding("error", [(5, box)])])
    [page] = draw_pages(doc, pages, [table2(doc)], [5])
    red = SEVERITY_COLOURS["error"]
    frame = _pixel(page.image, box[2], (box[1] + box[3]) / 2)  # on the right edge of the frame
    assert all(abs(a - b) < 40 for a, b in zip(frame, red, strict=True)), frame
    assert page.findings[0][0] == 1
    assert [m.label for m in finding_marks(doc.findings)] == ["1"]
    # the page's image ends with a line per finding drawn on it
    assert page.image.size[1] > pages.image(5).size[1]


def test_crops_frame_the_cells_of_findings_of_warning_or_worse(pdf_doc, pages):
    t = table2(pdf_doc)
    box = row(t, "215").cell_box(4)
    findings = [_finding("error", [(5, box)]), _finding("info", [(5, box)]), _finding("warning", [])]
    made = crops(pdf_doc, findings, pages)
    assert list(made) == [0]
    image = Image.open(io.BytesIO(made[0])).convert("RGB")
    # the table's width and a margin, a few rows high
    assert image.size[0] == pytest.approx((t.boxes[5][2] - t.boxes[5][0] + 48) * SCALE, abs=3)
    assert image.size[1] < 120 * SCALE
    red = SEVERITY_COLOURS["error"]
    assert any(
        all(abs(a - b) < 40 for a, b in zip(image.getpixel((x, image.size[1] // 2)), red, strict=True))
        for x in range(image.size[0])
    )
    html = report_page([Checked(str(SAMPLE_PDF), pdf_doc, findings=findings, crops=made)])
    assert html.count("data:image/png;base64,") == 1
    assert "printed <b" in html and "http" not in html.replace("http-equiv", "")


def _finding(severity, cells):
    return Finding(
        rule="test.rule",
        severity=severity,
        message="测试",
        message_en="test",
        table=2,
        page=5,
        expected=Decimal("1.00"),
        actual=Decimal("2.00"),
        difference=Decimal("1.00"),
        cells=cells,
    )


def _with_findings(doc, findings):
    import copy

    out = copy.copy(doc)
    out.findings = findings
    return out


def test_pages_render_from_bytes_as_from_the_file(pages):
    with PageImages(SAMPLE_PDF.read_bytes(), dpi=DPI) as piped:
        assert len(piped) == len(pages)
        image = piped.image(5)
    assert image.size == pages.image(5).size == (827, 1170)  # A4 (595 × 842 pt) at 100 dpi, rounded up
