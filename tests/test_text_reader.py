"""The text reader's parts: encodings, Markdown rows, pdftotext -layout blocks."""

from __future__ import annotations

import pytest

import budgetx
from budgetx.errors import UndecodableText, UnsupportedFormat
from budgetx.readers.text import layout, markdown, parse_lines, read, split_lines
from budgetx.readers.text.decode import decode, detect, looks_binary
from tests.conftest import FIXTURES

TEXT = FIXTURES / "text"


# -- encodings ---------------------------------------------------------------


def test_utf8_bom_and_gb18030_are_detected():
    assert detect((TEXT / "sample_tables.tsv.txt").read_bytes()) == "utf-8"
    assert detect((TEXT / "sample_tables.bom.txt").read_bytes()) == "utf-8-sig"
    assert detect((TEXT / "sample_tables.gb18030.txt").read_bytes()) == "gb18030"
    text = (TEXT / "sample_tables.tsv.txt").read_text(encoding="utf-8")
    assert decode((TEXT / "sample_tables.bom.txt").read_bytes(), "x") == text  # the BOM is gone
    assert decode((TEXT / "sample_tables.gb18030.txt").read_bytes(), "x") == text


def test_gbk_is_read_as_gb18030():
    data = "单位：万元\n合计\t426.37\n".encode("gbk")
    assert detect(data) == "gb18030"
    assert decode(data, "x") == "单位：万元\n合计\t426.37\n"


def test_gbk_bytes_that_are_also_valid_utf8_are_read_as_chinese():
    # every character here is a GBK lead byte C2-DF and a trail byte 80-BF: the
    # bytes are valid UTF-8 too, and read as UTF-8 they are Hebrew/Arabic letters
    text = "专业\t住院\t印刷\t系统\t时效\t营业\t医院\n"
    data = text.encode("gbk")
    assert data.decode("utf-8")  # valid UTF-8 indeed, and no Chinese in it
    assert detect(data) == "gb18030"
    assert decode(data, "x") == text


def _utf8_valid_gbk(ch: str) -> bool:
    b = ch.encode("gbk")
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_a_gbk_text_valid_as_utf8_found_by_search():
    # find a real two-character GBK word whose bytes decode as UTF-8
    found = [c for c in (chr(x) for x in range(0x4E00, 0x9FA6)) if _utf8_valid_gbk(c)]
    assert len(found) > 100  # not a corner case: hundreds of common characters
    data = "".join(found[:20]).encode("gbk")
    assert detect(data) == "gb18030"


def test_utf8_text_with_latin_signs_stays_utf8():
    data = "指标值\t≥360 天\t36.5°\t× 2\n".encode()
    assert detect(data) == "utf-8"
    data = "Café budget".encode()  # no Chinese, no GB18030 reading with Chinese
    assert detect(data) == "utf-8"


def test_utf16_with_bom_is_read():
    text = "表2\n科目编码\t科目名称\t合计\n208\t社会保障和就业支出\t18.81\n"
    for enc in ("utf-16-le", "utf-16-be"):
        bom = b"\xff\xfe" if enc.endswith("le") else b"\xfe\xff"
        data = bom + text.encode(enc)
        assert not looks_binary(data)
        assert decode(data, "x") == text


def test_binary_garbage_is_an_unsupported_format():
    data = bytes(range(256)) * 8
    with pytest.raises(UnsupportedFormat):
        read(data, "junk.txt")
    with pytest.raises(UnsupportedFormat):
        budgetx.extract("junk.txt", data=b"\x00\x01\x02PK\x03\x04" * 100)


def test_text_in_an_unknown_encoding_is_undecodable():
    data = "Budget général de l'État : dépenses réalisées\n".encode("latin-1") * 3
    assert not looks_binary(data)
    with pytest.raises(UndecodableText) as info:
        budgetx.extract("fr.txt", data=data)
    assert "fr.txt" in str(info.value) and "UTF-8" in str(info.value)
    assert info.value.exit_code == UndecodableText.exit_code


def test_a_bom_with_invalid_utf8_is_undecodable():
    with pytest.raises(UndecodableText):
        decode(b"\xef\xbb\xbf\xff\xfe\xfd abc", "x")


# -- lines and pages ---------------------------------------------------------


def test_split_lines_numbers_lines_as_an_editor_does():
    assert split_lines("a\r\nb\rc\nd\n") == ["a", "b", "c", "d"]
    assert split_lines("a\fb\n") == ["a\fb"]  # a form feed is a page break, not a line break
    assert split_lines("") == []


def test_form_feeds_count_pages():
    lines = parse_lines(["表1", "a\tb", "\f表2", "c\td", "\f"])
    assert [(x.page, x.lineno) for x in lines] == [(1, 1), (1, 2), (2, 3), (2, 4)]
    assert all(x.page is None for x in parse_lines(["表1", "a\tb"]))


def test_tab_rows_keep_their_cell_count():
    (row,) = parse_lines(["\t\t二、结转下年\t0.00\t0.00\t0.00\t0.00"])
    assert row.cells == ["", "", "二、结转下年", "0.00", "0.00", "0.00", "0.00"]


# -- Markdown ----------------------------------------------------------------


def test_markdown_separator_lines_are_dropped():
    for sep in ("|---|---|", "| :--- | ---: |", "|:-:|:-:|", "| - | - |"):
        rows = markdown.parse_block(["| 科目编码 | 科目名称 |", sep, "| 208 | 社会保障和就业支出 |"], 1)
        assert [r.cells for r in rows] == [["科目编码", "科目名称"], ["208", "社会保障和就业支出"]]
        assert [r.lineno for r in rows] == [1, 3]


def test_markdown_escaped_pipes_and_empty_cells():
    assert markdown.split_row(r"| a \| b | | c |") == ["a | b", "", "c"]
    assert markdown.split_row("|  |  | 二、结转下年 | 0.00 |") == ["", "", "二、结转下年", "0.00"]
    assert markdown.split_row(r"| a\\| b |") == ["a\\", "b"]
    assert markdown.split_row(r"| ends with pipe \| |") == ["ends with pipe |"]
    assert markdown.split_row("| **合计** | 机关事业单位基本养老<br>保险缴费支出 |") == [
        "合计",
        "机关事业单位基本养老保险缴费支出",
    ]
    assert not markdown.is_pipe_row("| only one cell")
    assert not markdown.is_pipe_row("no pipe here")


def test_a_markdown_table_goes_through_header_detection():
    text = "\n".join(
        [
            "表2",
            "",
            "重庆市潼南区大数据应用发展管理局一般公共预算财政拨款支出预算表",
            "",
            "单位：万元",
            "",
            "| 功能分类科目 |  | 2021年预算数 |  |  |",
            "|---|---|---|---|---|",
            "| 科目编码 | 科目名称 | 小计 | 基本支出 | 项目支出 |",
            "|  | 总计： | 426.37 | 223.37 | 203.00 |",
            "| 208 | 社会保障和就业支出 | 18.81 | 18.81 |  |",
        ]
    )
    doc = budgetx.extract("t.md", data=text.encode())
    (t,) = doc.tables
    assert [c.name for c in t.columns][2:] == [
        "2021年预算数 / 小计",
        "2021年预算数 / 基本支出",
        "2021年预算数 / 项目支出",
    ]
    assert len(t.rows) == 2 and t.rows[1].code == "208" and t.rows[1].cells[4] is None


# -- pdftotext -layout -------------------------------------------------------


def test_chunks_split_an_amount_from_the_item_after_it():
    cs = layout.chunks("一、本年收入         426.37 一、本年支出       426.37     426.37")
    assert [c.text for c in cs] == ["一、本年收入", "426.37", "一、本年支出", "426.37", "426.37"]
    # a figure with its unit stays one cell
    assert [c.text for c in layout.chunks("支出预算总量      426.37 万元")] == ["支出预算总量", "426.37 万元"]
    assert [c.text for c in layout.chunks("项目起始时间    2021. 1. 1    项目终止时间")] == [
        "项目起始时间",
        "2021. 1. 1",
        "项目终止时间",
    ]
    assert [c.text for c in layout.chunks("2150503 机关服务              64.59")] == ["2150503", "机关服务", "64.59"]


def test_a_layout_block_fills_empty_cells_in_their_columns():
    block = [
        "     科目编码            科目名称   小计            基本支出        项目支出",
        "",
        "2150501     行政运行             119.57          119.57",
        "",
        "2150599     其他工业和信息产业        203.00                     203.00",
    ]
    rows = layout.parse_block(block, 1)
    assert [r.cells for r in rows] == [
        ["科目编码", "科目名称", "小计", "基本支出", "项目支出"],
        ["2150501", "行政运行", "119.57", "119.57", ""],
        ["2150599", "其他工业和信息产业", "203.00", "", "203.00"],
    ]
    assert [r.lineno for r in rows] == [1, 3, 5]


def test_a_wrapped_name_is_joined_to_its_row():
    block = [
        "科目编码      科目名称        合计         一般公共预算",
        "",
        "          机关事业单位基本养老保险",
        "2080505                   12.54          12.54",
        "          缴费支出",
        "",
        "210       卫生健康支出          11.00          11.00",
    ]
    rows = layout.parse_block(block, 1)
    assert rows[1].cells == ["2080505", "机关事业单位基本养老保险缴费支出", "12.54", "12.54"]
    assert rows[1].lineno == 4
    assert rows[2].cells == ["210", "卫生健康支出", "11.00", "11.00"]


def test_merged_group_headers_go_to_the_leftmost_column_they_span():
    block = [
        "              功能分类科目                     2021年预算数",
        "",
        "     科目编码            科目名称   小计            基本支出        项目支出",
        "",
        "208         社会保障和就业支出            18.81        18.81",
    ]
    rows = layout.parse_block(block, 1)
    assert rows[0].cells == ["功能分类科目", "", "2021年预算数", "", ""]


def test_a_header_cell_centred_on_two_header_rows():
    block = [
        "                            本年政府性基金预算财政拨款支出",
        "     科目编码   科目名称",
        "                       合计        基本支出         项目支出",
    ]
    rows = layout.parse_block(block, 1)
    assert [r.cells for r in rows] == [
        ["科目编码", "科目名称", "本年政府性基金预算财政拨款支出", "", ""],
        ["", "", "合计", "基本支出", "项目支出"],
    ]


def test_a_header_cell_wrapped_over_three_lines():
    block = [
        "                                             一般公共      政府性基     国有资本",
        "     项目        预算数           项目    合计        预算财政      金预算财     经营预算",
        "                                              拨款        政拨款     财政拨款",
        "",
        "一、本年收入         426.37 一、本年支出       426.37     426.37",
    ]
    rows = layout.parse_block(block, 1)
    assert rows[0].cells == [
        "项目",
        "预算数",
        "项目",
        "合计",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ]
    assert rows[1].cells == ["一、本年收入", "426.37", "一、本年支出", "426.37", "426.37", "", ""]


def test_narrative_stays_text_and_captions_end_a_block():
    raw = [
        "  部门预算公开联系人：  杨艳",
        "表2",
        "重庆市潼南区大数据应用发展管理局一般公共预算财政拨款支出预算表",
        "                                                      单位：万元",
        "     科目编码            科目名称   小计",
        "208         社会保障和就业支出            18.81",
        "（备注：本单位无政府性基金收支，故此表无数据。）",
    ]
    lines = parse_lines(raw)
    assert [x.text for x in lines[:4]] == [
        "部门预算公开联系人：  杨艳",
        "表2",
        "重庆市潼南区大数据应用发展管理局一般公共预算财政拨款支出预算表",
        "单位：万元",
    ]
    assert [x.cells for x in lines[4:6]] == [["科目编码", "科目名称", "小计"], ["208", "社会保障和就业支出", "18.81"]]
    assert lines[6].text == "（备注：本单位无政府性基金收支，故此表无数据。）"


def test_a_row_with_one_filled_cell_keeps_its_place():
    block = [
        "一般公共预算拨款       426.37 社会保障和就业支出     18.81      18.81",
        "",
        "一般公共预算拨款",
        "",
        "                     二、结转下年          0.00       0.00",
    ]
    rows = layout.parse_block(block, 1)
    assert [r.cells for r in rows] == [
        ["一般公共预算拨款", "426.37", "社会保障和就业支出", "18.81", "18.81"],
        ["一般公共预算拨款", "", "", "", ""],
        ["", "", "二、结转下年", "0.00", "0.00"],
    ]


def test_a_title_wrapped_over_two_lines_is_joined():
    raw = [
        "十一、一般公共预算“三公”经费、会议费、培训费支出预",
        "算表",
        "部门：         江苏省人民检察院                                                       单位：万元",
    ]
    lines = parse_lines(raw)
    assert lines[0].text == "十一、一般公共预算“三公”经费、会议费、培训费支出预算表"
    assert lines[0].lineno == 1 and len(lines) == 2
    # never across a page break
    assert len(parse_lines(["其中：动用上年结转和结余资金", "\f支出预算总表"])) == 2


def test_an_empty_layout_table_keeps_its_header_and_note():
    raw = [
        "表七",
        "                        财政拨款政府性基金支出预算表",
        "部门：江苏省政协办公厅                                   单位：万元",
        "",
        "        功能科目代码               功能科目名称      金额",
        "",
        "                               合计",
        "",
        "注：我单位无2017年政府性基金支出安排。",
    ]
    doc = budgetx.extract("empty.txt", data="\n".join(raw).encode())
    (t,) = doc.tables
    assert (t.number, t.title, t.unit, t.kind) == ("表七", "财政拨款政府性基金支出预算表", "万元", "government_fund")
    # as from the tab shape of it: the 合计 row without a figure reads as a header row
    tab = "\n".join([*raw[:3], "功能科目代码\t功能科目名称\t金额", "\t合计\t", raw[-1]])
    (same,) = budgetx.extract("empty.tsv", data=tab.encode()).tables
    assert [c.name for c in t.columns] == [c.name for c in same.columns]
    assert t.columns[0].name == "功能科目代码" and len(t.columns) == 3
    assert [r.cells for r in t.rows] == [r.cells for r in same.rows]
    assert t.note == "注：我单位无2017年政府性基金支出安排。"


def test_split_code_columns_under_a_wrapped_header():
    # Putuo 万里街道 2024 基本支出 table, as pdftotext -layout prints it (page 29)
    block = [
        "                      项目                       一般公共预算基本支出",
        "部门预算经济分类科目",
        "    编码                     经济分类科目名称   合计           人员经费         公用经费",
        " 类     款",
        "",
        " 301         工资福利支出                   88,282,511   88,282,511            0",
        "",
        " 301   01    基本工资                      5,873,551    5,873,551            0",
        "",
        " 301   2     津贴补贴                     16,623,810   16,623,810            0",
        "",
        " 301   7     绩效工资                     11,447,100   11,447,100            0",
        "",
        " 301   08    机关事业单位基本养老保险缴费            4,608,515    4,608,515            0",
        "",
        " 301   09    职业年金缴费                    2,302,815    2,302,815            0",
        "",
        " 301   10    职工基本医疗保险缴费                3,023,657    3,023,657            0",
        "",
        " 301   12    其他社会保障缴费                    216,087      216,087            0",
        "",
        " 301   13    住房公积金                     3,503,499    3,503,499            0",
        "",
        " 301   99    其他工资福利支出                 40,683,477   40,683,477            0",
    ]
    rows = layout.parse_block(block, 1)
    assert rows[0].cells == ["部门预算经济分类科目编码", "", "项目", "一般公共预算基本支出", "", ""]
    assert rows[1].cells == ["", "", "经济分类科目名称", "合计", "人员经费", "公用经费"]
    assert rows[2].cells == ["类", "款", "", "", "", ""]
    assert rows[3].cells == ["301", "", "工资福利支出", "88,282,511", "88,282,511", "0"]
    assert rows[4].cells == ["301", "01", "基本工资", "5,873,551", "5,873,551", "0"]
    assert rows[-1].cells == ["301", "99", "其他工资福利支出", "40,683,477", "40,683,477", "0"]


def test_a_total_label_between_columns_is_no_column():
    # the continuation page (30) of the same table: "合计" centred under 类 | 款 | 名称
    block = [
        "302   05   水费               277,500            0      277,500",
        "",
        "302   06   电费               280,000            0      280,000",
        "",
        "302   09   物业管理费          1,090,020            0    1,090,020",
        "",
        "303   02   退休费              254,940      254,940            0",
        "",
        "                    合计   99,706,020   88,537,451   11,168,569",
    ]
    rows = layout.parse_block(block, 1)
    assert {len(r.cells) for r in rows} == {6}
    assert rows[0].cells == ["302", "05", "水费", "277,500", "0", "277,500"]
    assert rows[-1].cells == ["", "", "合计", "99,706,020", "88,537,451", "11,168,569"]


def test_cells_wrapped_round_their_row_and_rows_without_figures():
    # Jiangsu 省检察院 2017 收支预算总表 (two blocks), as pdftotext -layout prints it
    block = [
        "                              功能科目名称          金额         项目名称         金额",
        "",
        "一、财政拨款        17,981.68 一、一般公共服务支出                      一、基本支出    12,323.48",
        "",
        "    1.一般公共预",
        "              17,981.68 二、外交支出                          二、项目支出       5,533.00",
        "算",
        "    2.政府性基金                                             三、单位预留机",
        "                          三、国防支出                                      140.20",
        "预算                                                      动经费",
        "二、财政专户管理",
        "                          四、公共安全支出          13,656.34",
        "资金",
        "",
        "三、其他资金            15.00 五、教育支出",
        "",
        "                          六、科学技术支出",
        "",
        "                          七、文化体育与传媒支出",
        "",
        "                          八、社会保障和就业支出        2,021.18",
        "",
        "                          九、医疗卫生与计划生育支",
        "                          出",
        "",
        "                          十、节能环保支出",
        "",
    ]
    rows = [r.cells for r in layout.parse_block(block, 224)]
    assert rows[2] == ["1.一般公共预算", "17,981.68", "二、外交支出", "", "二、项目支出", "5,533.00"]
    assert rows[3] == ["2.政府性基金预算", "", "三、国防支出", "", "三、单位预留机动经费", "140.20"]
    assert rows[4] == ["二、财政专户管理资金", "", "四、公共安全支出", "13,656.34", "", ""]
    assert rows[6] == ["", "", "六、科学技术支出", "", "", ""]
    assert rows[9] == ["", "", "九、医疗卫生与计划生育支出", "", "", ""]
    assert len(rows) == 11


def test_two_indicators_whose_texts_wrap_round_their_values(tmp_path):
    # 竞进拉练 in the sample PDF, as pdftotext -layout prints it: the 数量指标 level
    # centred between two indicators, each indicator's text wrapped round its value
    import shutil
    import subprocess

    from tests.conftest import SAMPLE_PDF

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path / "form.txt"
    subprocess.run(["pdftotext", "-layout", "-f", "14", "-l", "14", str(SAMPLE_PDF), str(out)], check=True)
    rows = [[c for c in x.cells if c] for x in parse_lines(split_lines(out.read_text(encoding="utf-8"))) if x.cells]
    assert ["数量指标", "指标 1：维护 6 套现场 360° 高清全景拉练视频监控正常使用", "6个"] in rows
    assert ["指标 2：维护 1 套会议室视频会议设备正常使用", "1个"] in rows
