"""The catalogue is built by tools/catalogue/build.py from cited sources: reproducibility and coverage."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from budgetx.normalize.catalogue import catalogue

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools" / "catalogue"
CSV = ROOT / "budgetx" / "data" / "codes.csv"


@pytest.fixture(scope="module")
def cat():
    return catalogue()


def _load(name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, TOOLS / file)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    # loaded by path: "build" is also the name of a PyPI package
    return _load("budgetx_catalogue_build", "build.py"), _load("budgetx_catalogue_sources", "sources.py")


# -- reproducibility ----------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.slow
def test_the_build_reproduces_the_committed_csv_byte_for_byte(tool, corpus):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    build, _ = tool
    assert build.build(corpus) == CSV.read_text(encoding="utf-8")


def test_every_source_file_is_listed_and_has_a_citation(tool):
    _, sources = tool
    listed = sources.load()
    assert len({s.id for s in listed}) == len(listed)
    for s in listed:
        assert s.items, s.path
        assert s.group in ("repo", "pages"), s.path
        assert ("@" in s.cite) if s.group == "repo" else ("http" in s.cite), s.cite
        for code, name in s.items:
            assert code.isdigit() and len(code) in (3, 5, 7) and name, (s.id, code, name)


def test_every_source_file_is_cited_in_the_csv_header(tool, cat):
    _, sources = tool
    for s in sources.load():
        assert cat.sources.get(s.id) == s.cite, s.id


def test_every_cited_row_source_is_defined_in_the_header(cat):
    used = {sid for e in cat.entries for sid in e.sources}
    assert used <= set(cat.sources)


def test_editorial_decisions_are_listed_in_the_header(tool):
    build, _ = tool
    header = [line for line in CSV.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    for code in build.DISPUTED:
        assert any(line.startswith(f"# Left out, sources disagree: {code} ") for line in header), code
    for code, name in build.DROP:
        assert f"# Left out: {code} {name} " in "\n".join(header) + " ", (code, name)


def test_left_out_codes_are_absent(tool, cat):
    build, _ = tool
    for code in build.DISPUTED:
        assert cat.names(code) == [], code
    for code, name in build.DROP:
        assert name not in {e.name for e in cat.names(code)}, (code, name)


# -- coverage -----------------------------------------------------------------------------


def test_every_kuan_and_xiang_has_its_parents(cat):
    for e in cat.entries:
        for n in (3, 5):
            if len(e.code) > n:
                assert cat.names(e.code[:n], e.classification), f"{e.code}: no {e.code[:n]}"


@pytest.mark.parametrize(
    "code,name",
    [
        # 2025 决算 宜川路街道 [F6]
        ("2013899", "其他市场监督管理事务"),
        ("2080799", "其他就业补助支出"),
        ("2111103", "减排专项支出"),
        ("22198", "超长期特别国债安排的支出"),
        ("2219899", "其他住房保障支出"),
        # 2025 决算 文化和旅游局 [F7]
        ("20709", "旅游发展基金支出"),
        ("2070904", "地方旅游开发项目补助"),
        ("21219", "国有土地使用权出让收入对应专项债务收入安排的支出"),
        ("2121999", "其他国有土地使用权出让收入对应专项债务收入安排的支出"),
    ],
)
def test_codes_of_the_2025_final_accounts(cat, code, name):
    e = cat.lookup(code, 2025, "function")
    assert e is not None and e.name == name, (code, e)
    assert {"F6", "F7"} & set(e.sources)


# every 款 that the 2025 决算 form (一般公共预算财政拨款基本支出决算表) prints for 301, 302, 303 and 310
ECONOMIC_2025 = {
    "301": "30101 30102 30103 30106 30107 30108 30109 30110 30111 30112 30113 30114 30199",
    "302": "30201 30202 30203 30204 30205 30206 30207 30208 30209 30211 30212 30213 30214 30215 30216 30217 "
    "30218 30224 30225 30226 30227 30228 30229 30231 30239 30240 30299",
    "303": "30301 30302 30303 30304 30305 30306 30307 30308 30309 30310 30311 30399",
    "310": "31001 31002 31003 31007 31013 31019 31021 31022 31099",
}


@pytest.mark.parametrize("lei", sorted(ECONOMIC_2025))
def test_every_economic_kuan_of_the_2025_form_has_a_current_name(cat, lei):
    expected = set(ECONOMIC_2025[lei].split())
    current = {e.code for e in cat.children(lei, 2025, "economic_dept")}
    assert expected <= current, sorted(expected - current)
    for code in expected:
        assert cat.lookup(code, 2025, "economic_dept").valid_to is None, code


def test_every_lei_has_a_name(cat):
    lei = [e for e in cat.entries if e.level == 1]
    assert {e.code for e in lei} >= {"101", "102", "103", "104", "105", "110", "201", "208", "212", "221", "301", "501"}
    for e in lei:
        assert e.name and e.sources, e


def test_current_function_lei_names_printed_by_recent_publications(cat):
    # names as printed by the 2023-2026 publications of the corpus and the stored page texts
    for code, name in {
        "201": "一般公共服务支出",
        "204": "公共安全支出",
        "205": "教育支出",
        "206": "科学技术支出",
        "207": "文化旅游体育与传媒支出",
        "208": "社会保障和就业支出",
        "210": "卫生健康支出",
        "211": "节能环保支出",
        "212": "城乡社区支出",
        "213": "农林水支出",
        "215": "资源勘探工业信息等支出",
        "221": "住房保障支出",
        "224": "灾害防治及应急管理支出",
    }.items():
        assert cat.name(code, 2025, "function") == name, code


# -- Ministry of Finance notices (P6-P9) ------------------------------------------------------


def test_lei_220_and_its_kuan_from_the_2024_notice(cat):
    assert cat.name("220", 2024, "function") == "自然资源海洋气象等支出"
    assert cat.name("22006", 2024, "function") == "耕地保护考核奖惩基金支出"
    assert [e.code for e in cat.path("2300412", 2024)] == ["23004", "2300412"]  # 230 转移性支出 is a 2007 name


def test_revenue_kuan_under_103_and_110(cat):
    kuan = {e.code: e for e in cat.entries if e.classification == "revenue" and e.level == 2}
    assert {"10301", "10302", "10304", "10306", "11004"} <= set(kuan)
    assert {e.parent for e in kuan.values()} <= {"101", "102", "103", "104", "105", "110"}
    assert cat.name("10301", 2024, "revenue") == "政府性基金收入"
    assert cat.name("10306", 2025, "revenue") == "国有资本经营收入"
    # printed only by the 2007 notice: not known to hold later
    assert cat.lookup("10304", 2007, "revenue").valid_to == 2007
    assert cat.lookup("10304", 2024, "revenue") is None


def test_a_code_whose_parent_no_source_names_is_left_out(tool, cat):
    build, _ = tool
    att = {"229": {"其他支出": {("X", 2025)}}, "22911": {"a": {("X", 2025)}}, "23107": {"b": {("X", 2025)}}}
    assert build.orphans(att) == {"23107": (["231"], ["b"], ["X"])}
    header = CSV.read_text(encoding="utf-8")
    for code in ("1050303", "1050305", "2170404", "23107"):
        assert cat.names(code) == [], code
        assert f": {code} " in header, code
    assert cat.name("22911", 2025, "function") == "中央金融机构注资特别国债财务基金支出"


# -- reading the corpus's layouts (tools/catalogue/corpus.py) ---------------------------------


@pytest.fixture(scope="module")
def reader():
    return _load("budgetx_catalogue_corpus", "corpus.py")


def _scan(reader, text: str, year: int = 2026):
    att: defaultdict = defaultdict(lambda: defaultdict(set))
    skipped = reader.Skipped()
    reader.scan(att, "X", text, year, skipped=skipped)
    return {code: sorted(names) for code, names in att.items()}, skipped


# Yantai's staircase: under a "类 款 项" heading each row prints only its own segment, in its column;
# the next page repeats the heading (here over two lines) and goes on under the 款 of the last page
STAIRCASE = """\
                                  收入总体情况表
  科目编码
类     款    项                          科目名称        合计
                合   计           2,123.11

201             一般公共服务支出        1,506.40

      05         统计信息事务         1,506.40

           01       行政运行         588.75

208             社会保障和就业支出        292.73

      05         行政事业单位养老支出      292.73

           05     机关事业单位基本养老保    145.32
                险缴费支出

                                    —7—
\f                                  收入总体情况表
类
       款    项                          小计

           06       机关事业单位职业年金缴费支出     25.00

221             住房保障支出             124.48

      02         住房改革支出            124.48

           01       住房公积金          124.48
"""


def test_staircase_rows_carry_their_parents_down_and_across_pages(reader):
    found, skipped = _scan(reader, STAIRCASE)
    assert found == {
        "201": ["一般公共服务支出"],
        "20105": ["统计信息事务"],
        "2010501": ["行政运行"],
        "208": ["社会保障和就业支出"],
        "20805": ["行政事业单位养老支出"],
        "2080505": ["机关事业单位基本养老保险缴费支出"],  # wrapped: the piece below is joined
        "2080506": ["机关事业单位职业年金缴费支出"],  # first row of the next page: 20805 carried over
        "221": ["住房保障支出"],
        "22102": ["住房改革支出"],
        "2210201": ["住房公积金"],
    }
    assert skipped.total == 0


def test_a_wrapped_name_that_could_belong_to_two_rows_is_skipped_and_counted(reader):
    text = """\
类     款    项
208             社会保障和就业支出        292.73

      05         行政事业单位养老支出      292.73

           06     机关事业单位职业年金缴     25.00
                费支出
                    其他行政事业单位养老支
           99                        2.24
                出
"""
    found, skipped = _scan(reader, text)
    assert "2080506" not in found and "2080599" not in found  # never "机关事业单位职业年金缴"
    assert sorted(code for _, code, _ in skipped.wrapped) == ["2080506", "2080599"]
    assert found["20805"] == ["行政事业单位养老支出"]


def test_a_name_centred_around_its_code_is_read_whole(reader):
    # 长春 2026: the name printed above and below the code; 上海 决算 template: one piece each side
    text = """\
                  一般公共服务
201                            1378.41
                  支出

 20140                 信访事务    1378.41

                         行政
      2014001                  903.85
                  运行

301      工资福利支出              302      商品和服务支出
30107    绩效工资                30205    水费
         机关事业单位基本养老保
30108                        30206    电费
        险缴费
30109    职业年金缴费              30207    邮电费
"""
    found, skipped = _scan(reader, text)
    assert found["201"] == ["一般公共服务支出"]
    assert found["2014001"] == ["行政运行"]
    assert found["30108"] == ["机关事业单位基本养老保险缴费"]
    assert found["30107"] == ["绩效工资"] and found["30109"] == ["职业年金缴费"]
    assert skipped.total == 0


def test_department_and_government_economic_codes_side_by_side(reader):
    text = """\
301        工资福利支出            501        机关工资福利支出              705.28        705.28
301   01    基本工资             501   01    工资奖金津补贴              169.28        169.28
301   08    机关事业单位基本养老保险缴费   501   02    社会保障缴费                69.37         69.37
"""
    found, _ = _scan(reader, text)
    assert found == {
        "301": ["工资福利支出"],
        "30101": ["基本工资"],
        "30108": ["机关事业单位基本养老保险缴费"],
        "501": ["机关工资福利支出"],
        "50101": ["工资奖金津补贴"],
        "50102": ["社会保障缴费"],
    }


def test_numbers_outside_a_code_hierarchy_are_not_read_as_codes(reader):
    text = """\
 部门代码      部门名称        合计
305        无锡市教育局        512,434.34
  305001   无锡市教育局（本级）    131,349.60

项目名称                              12328电话运行维护费
104 国道长兴李家巷至湖州施工
"""
    found, skipped = _scan(reader, text)
    assert found == {}
    assert {code for _, code, _ in skipped.unrooted} == {"12328", "104"}


def test_a_name_cut_short_beside_its_whole_printing_is_skipped(reader):
    text = """\
212       城乡社区支出                  67,808.00
21208     国有土地使用权出让收入安排的       67,808.00

21208      国有土地使用权出让收入安排的支出   67,808.00
"""
    found, skipped = _scan(reader, text)
    assert found["21208"] == ["国有土地使用权出让收入安排的支出"]
    assert [name for _, _, name in skipped.clipped] == ["国有土地使用权出让收入安排的"]


def test_every_official_publication_of_the_manifest_is_read(reader, corpus):
    reader.check_listed(reader.manifest(corpus))
    with pytest.raises(ValueError, match="not listed"):
        reader.check_listed({"cities/x/new.pdf": {"kind": "real"}})
