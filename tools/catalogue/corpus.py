"""The official publications of the corpus, their page text, and the codes their tables print.

Page text comes from ``pdftotext -layout`` (poppler), run here on the PDFs and cached in a temporary
directory; the sample is read from its checked-in text (``samples/*.txt``); the blank xlsx templates'
example rows are read with openpyxl.

The layouts read (see :func:`scan`):

* a code in one column, joined (``201``, ``20101``, ``2010101``), then its name;
* 类 | 款 | 项 in separate columns with the parents repeated (``205 03 02 中等职业教育``);
* the staircase of Yantai: under a ``类 款 项`` heading each row prints only its own segment
  (``201 …``, then ``05 …`` in the 款 column, then ``01 …`` in the 项 column); the parents are carried down,
  across page breaks too;
* two codes on one line, e.g. the department economic code beside the government one
  (``301 01 基本工资 501 01 工资奖金津补贴``): each is read with its own name;
* a name wrapped over lines: the text lines right above and below the code row, within its name column,
  are joined to it when they belong to no other row. When they could belong to the row above or below
  (no blank line between), the occurrence is skipped and counted, not recorded with a cut name.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

#: attestations: code -> name -> {(source id, year)}
Attestations = defaultdict  # defaultdict[str, defaultdict[str, set[tuple[str, int]]]]

#: official publications of the corpus (+ the official blank 决算 template): (source id, file under the corpus).
#: Every PDF of kind "real" in MANIFEST.tsv must be listed here (:func:`check_listed`).
DOCS: list[tuple[str, str]] = [
    ("J01", "jiangsu/2017年度部门预算公开表.pdf"),
    ("J02", "jiangsu/2017年省检察院部门预算.pdf"),
    ("J03", "jiangsu/2018年省检察院部门预算公开.pdf"),
    ("J04", "jiangsu/2019年度部门预算公开.pdf"),
    ("J05", "jiangsu/江苏省人大办公厅2017年度预算公开.pdf"),
    ("J06", "jiangsu/江苏省人大常委会办公厅2019年部门预算公开表.pdf"),
    ("J07", "jiangsu/江苏省委办公厅2017年预算公开表格.pdf"),
    ("J08", "jiangsu/江苏省委办公厅2018年度部门预算公开表.pdf"),
    ("J09", "jiangsu/江苏省委办公厅2019年度部门预算公开表格.pdf"),
    ("J10", "jiangsu/江苏省政协办公厅2018度部门预算公开表.pdf"),
    ("J11", "jiangsu/江苏省政协办公厅2019年预算公开表.pdf"),
    ("J12", "jiangsu/省人大办公厅2018预算公开.pdf"),
    ("S01", "shanghai/上海市普陀区万里街道办事处2023年预算.pdf"),
    ("S02", "shanghai/上海市普陀区人民政府万里街道办事处24年预算.pdf"),
    ("S03", "shanghai/上海市普陀区人民政府万里街道办事处25年预算.pdf"),
    ("S04", "shanghai/上海市普陀区人民政府办公室25年预算.pdf"),
    ("S05", "shanghai/上海市普陀区人民政府办公室单位25年预算.pdf"),
    ("S06", "shanghai/上海市普陀区商务委员会25年预算.pdf"),
    ("S07", "shanghai/上海市普陀区财政局2024年度部门决算.pdf"),
    ("S08", "shanghai/上海市普陀区财政局部门25年预算.pdf"),
    ("S09", "shanghai/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"),
    ("T01", "not-publications/附件2：部门决算模板.pdf"),
    (
        "S10",
        "shanghai/上海市普陀区社会福利院2024年预算.pdf",
    ),  # function codes only: its 302/303 款 are numbered its own way
    # the narrative documents (部门预算 公开文件) of Jiangsu, beside the tables above
    ("J13", "jiangsu/江苏省人大常委会2019年度部门预算公开.pdf"),
    ("J14", "jiangsu/江苏省委办公厅2017年部门预算.pdf"),
    ("J15", "jiangsu/江苏省委办公厅2018年度部门预算公开文件.pdf"),
    ("J16", "jiangsu/江苏省委办公厅2019年度部门预算公开文件.pdf"),
    ("J17", "jiangsu/江苏省政协办公厅2017年度部门预算.pdf"),
    ("J18", "jiangsu/江苏省政协办公厅2018年度部门预算.pdf"),
    ("J19", "jiangsu/江苏省政协办公厅2019年度部门预算.pdf"),
    # city-level 2026 预算 (cities/)
    ("M01", "cities/shanghai/上海_商务局_上海钻石宝玉石交易联合管理办公室2026年度预算.pdf"),
    ("M02", "cities/shanghai/上海_民政局_上海市福利彩票发行中心2026年预算公开.pdf"),
    ("M03", "cities/shanghai/上海_交通运输局_上海交通职业技术学院2026年度预算.pdf"),
    ("M04", "cities/jiangsu/苏州_交通运输局_苏州市交通运输局2026年度部门预算公开.pdf"),
    ("M05", "cities/jiangsu/苏州_规划和自然资源局_苏州市自然资源和规划局2026年度部门预算公开.pdf"),
    ("M06", "cities/jiangsu/苏州_规划和自然资源局_苏州市自然资源和规划局（本级）2026年度单位预算公开.pdf"),
    ("M07", "cities/jiangsu/无锡_交通运输局_无锡市交通运输局（本级）2026年度单位预算公开.pdf"),
    ("M08", "cities/jiangsu/无锡_教育局_2026年部门预算.pdf"),
    ("M09", "cities/jiangsu/无锡_城市管理和综合执法局_2026年部门预算.pdf"),
    ("M10", "cities/shandong/烟台_住房和建设局_2026年部门预算.pdf"),
    ("M11", "cities/shandong/烟台_民政局_2026年部门预算.pdf"),
    ("M12", "cities/shandong/烟台_统计局_2026年部门预算.pdf"),
    ("M13", "cities/zhejiang/湖州_卫生健康委员会_2026年部门预算.pdf"),
    ("M14", "cities/zhejiang/湖州_交通运输局_2026年部门预算.pdf"),
    ("M15", "cities/zhejiang/湖州_财政局_2026年部门预算.pdf"),
    ("M16", "cities/jilin/长春_信访局_2026年部门预算.pdf"),
    ("M17", "cities/shanghai/上海_规划和自然资源局_上海市自然资源确权登记事务中心2026年度预算.pdf"),
    ("M18", "cities/shanghai/上海_发展和改革局_上海市域外农场管理办公室2026年度预算.pdf"),
    ("M19", "cities/shanghai/上海_医疗保障局_上海市医疗保险事业管理中心2026年度预算.pdf"),
    ("M20", "cities/shanghai/上海_司法局_上海市戒毒康复中心2026年度预算.pdf"),
    ("M21", "cities/shanghai/上海_公安局_上海市刑事科学技术研究院2026年度单位预算.pdf"),
    ("M22", "cities/shandong/烟台_规划和自然资源局_2026年部门预算.pdf"),
    ("M23", "cities/shandong/烟台_交通运输局_2026年部门预算.pdf"),
    ("M24", "cities/shandong/烟台_审计局_2026年部门预算.pdf"),
    ("M25", "cities/zhejiang/湖州_退役军人事务局_2026年部门预算.pdf"),
    ("M26", "cities/jiangsu/苏州_水务局_苏州市水务局2026年度单位预算公开.pdf"),
    ("M27", "cities/jiangsu/无锡_人力资源和社会保障局_2026年部门预算.pdf"),
    ("M28", "cities/jiangsu/无锡_住房和建设局_无锡市住房和城乡建设局（本级）2026年度单位预算公开.pdf"),
]
#: blank xlsx templates of the corpus whose example rows print codes with their names: (source id, file)
XLSX_TEMPLATES: list[tuple[str, str]] = [
    ("T02", "not-publications/department_budget_template.xlsx"),
    ("T03", "not-publications/unit_budget_template.xlsx"),
]
#: documents of which only some classifications are read (first digit of the code)
ONLY = {"S10": "2"}

#: the sample (its checked-in page text), id and year
SAMPLE_ID = "C01"
SAMPLE_TEXT = "samples/重庆市潼南区大数据应用发展管理局2021年部门预算.txt"
SAMPLE_YEAR = 2021

_NAME_CHARS = r"\u4e00-\u9fff（）()、“”\-—A-Za-z0-9"
NAME = r"[\u4e00-\u9fff（(“][" + _NAME_CHARS + r"]*?"
END = r"(?=\s{2,}|\t|$|\s+[\d,.\-]+(?:\s|$)|\s*\d{5,7})"
#: a code, joined (201, 20101, 2010101) or split over columns (208 05, 208 05 05), then its name if printed
ROW = re.compile(
    r"(?<!\S)(?P<code>[1-5]\d{4}(?:\d{2})?|[1-5]\d{2}(?:[ \t]+\d{2}){0,2})(?![\d.,%])[ \t]*(?P<name>"
    + NAME
    + r")?"
    + END
)
#: a staircase row: only its own segment (款 or 项, two digits) at the start of the line, then its name if printed
STAIR = re.compile(r"^[ ]*(?P<code>\d{2})(?![\d.,%])[ \t]*(?P<name>" + NAME + r")?" + END)
#: the column heading of a staircase table ("类 款 项", or "款 项" under a "类" printed higher): where the segments sit
STAIR_HEAD = re.compile(r"(?<![\u4e00-\u9fff])款[ ]+项(?![\u4e00-\u9fff])")
#: a line holding only a piece of text that may be part of a wrapped name
FRAGMENT = re.compile(r"^[ ]*([\u4e00-\u9fff（）()、“”\-—]+)[ ]*$")
#: pieces of text that are column headings or titles, not parts of a name
HEADING = re.compile(r"科目|名称|合计|总计|^项目$|功能分类|经济分类|编码|代码|表$")
#: printed words that are not names
NOT_NAME = re.compile(r"万元|名、|编制|项目性质")
#: a 6-digit unit code starting a line (305001 无锡市教育局（本级）): its first three digits are a department code
#: (305 无锡市教育局), not a subject code
UNIT_CODE = re.compile(r"(?m)^[ \t]*([1-5]\d{2})\d{3}[ \t]")
#: how many columns a staircase segment may sit away from its heading
STAIR_SLACK = 3
FAR = 10**6


@dataclass
class Skipped:
    """Printed occurrences of a code whose name was not recorded: (doc id, code, what was printed)."""

    #: the name is wrapped over lines and the pieces could belong to the row above or below
    wrapped: list[tuple[str, str, str]] = field(default_factory=list)
    #: the name is cut short (a strict prefix of the name the same document prints elsewhere for the code)
    clipped: list[tuple[str, str, str]] = field(default_factory=list)
    #: not read as subject codes: a 类 the document prints nothing under, or a code whose 类 it does not print
    #: (the hotline 12328, 104国道)
    unrooted: list[tuple[str, str, str]] = field(default_factory=list)
    #: code rows with no name on or next to their line (not counted in ``total``)
    unnamed: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.wrapped) + len(self.clipped)


@dataclass
class _Row:
    code: str  # "" for a staircase segment whose column or parent is unknown
    name: str  # the name printed on the code's own line ("" when none)
    lo: int  # the name's columns [lo, hi): where the wrapped pieces of the name sit
    hi: int
    text: str = ""
    rooted: bool = False  # the row prints its 类 itself (split columns) or under it (staircase)


@dataclass
class _Line:
    rows: list[_Row] = field(default_factory=list)
    piece: str = ""  # a piece of text alone on its line (FRAGMENT)
    col: int = 0  # its column
    blank: bool = False


@dataclass
class _Stair:
    """A document's staircase state: the 类 and 款 carried down (across pages) and the heading's columns."""

    lei: str | None = None
    kuan: str | None = None
    cols: tuple[int, int] | None = None  # columns of 款 and 项, on the current page below the heading

    def carry(self, code: str) -> None:
        self.lei = code[:3]
        self.kuan = code[:5] if len(code) >= 5 else None

    def place(self, seg: str, col: int) -> str:
        """The full code of a segment printed at ``col``; "" when its column or parent is unknown."""
        if self.cols is None:
            return ""
        dk, dx = abs(col - self.cols[0]), abs(col - self.cols[1])
        if min(dk, dx) > STAIR_SLACK or dk == dx:
            return ""
        if dk < dx:
            if self.lei is None:
                return ""
            self.kuan = self.lei + seg
            return self.kuan
        return self.kuan + seg if self.kuan else ""


def manifest(corpus: Path) -> dict[str, dict[str, str]]:
    with open(corpus / "MANIFEST.tsv", encoding="utf-8") as f:
        return {r["file"]: r for r in csv.DictReader(f, delimiter="\t")}


def check_listed(mani: dict[str, dict[str, str]]) -> None:
    """Every official publication (kind "real") of the manifest is in DOCS, and every DOCS file is in it."""
    listed = {f for _, f in DOCS}
    real = {f for f, r in mani.items() if r["kind"] == "real" and f.endswith(".pdf")}
    if real - listed or listed - set(mani):
        raise ValueError(
            f"corpus.DOCS out of step with MANIFEST.tsv: not listed {sorted(real - listed)}, "
            f"not in the manifest {sorted(listed - set(mani))}"
        )


def cache_dir() -> Path:
    d = Path(os.environ.get("BUDGETX_CATALOGUE_CACHE") or Path(tempfile.gettempdir()) / "budgetx-catalogue")
    d.mkdir(parents=True, exist_ok=True)
    return d


def page_text(pdf: Path) -> str:
    """``pdftotext -layout`` of ``pdf``, cached by the PDF's content hash."""
    data = pdf.read_bytes()
    key = hashlib.sha256(data).hexdigest()[:24]
    out = cache_dir() / f"{key}.txt"
    if not out.exists():
        tmp = out.with_suffix(".part")
        subprocess.run(["pdftotext", "-layout", str(pdf), str(tmp)], check=True, stderr=subprocess.DEVNULL)
        tmp.replace(out)
    return out.read_text(encoding="utf-8", errors="replace")


def sheet_text(xlsx: Path) -> str:
    """The cells of every sheet of ``xlsx``, a row a line, non-empty cells separated by tabs."""
    import openpyxl

    wb = openpyxl.load_workbook(xlsx, read_only=True, data_only=True)
    lines = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            cells = [str(v).strip() for v in row if v is not None and str(v).strip()]
            if cells:
                lines.append("\t".join(cells))
    wb.close()
    return "\n".join(lines)


# -- reading the tables of a text -------------------------------------------------------------


def _next_cell(line: str, pos: int) -> int:
    """The column where the next cell after ``pos`` starts, or FAR when nothing follows."""
    m = re.compile(r"\S").search(line, pos)
    return m.start() if m else FAR


def _read_line(line: str, stair: _Stair, units: set[str]) -> _Line:
    """What one line holds: code rows (left to right), a piece of text alone, or nothing."""
    if not line.strip():
        return _Line(blank=True)
    head = STAIR_HEAD.search(line)
    if head:
        stair.cols = (head.start(), head.end() - 1)
    matches: list[re.Match[str]] = []
    codes: list[str] = []
    step = STAIR.match(line) if stair.cols else None
    if step:  # a staircase segment starts the line: the rest of it is names and figures
        matches, codes = [step], [stair.place(step.group("code"), step.start("code"))]
    else:
        for m in ROW.finditer(line):
            # a 3-digit department code (above its units' 6-digit codes); a number inside the line with
            # no name after it is a figure
            if (len(m.group("code")) == 3 and m.group("code") in units) or (
                not m.group("name") and line[: m.start()].strip()
            ):
                continue
            matches.append(m)
            codes.append(re.sub(r"\s+", "", m.group("code")))
    rows = []
    for i, (m, code) in enumerate(zip(matches, codes, strict=True)):
        if m.re is ROW:
            stair.carry(code)
        name = m.group("name") or ""
        after = m.end("name") if name else m.end("code")
        limit = matches[i + 1].start() if i + 1 < len(matches) else FAR
        rooted = m.re is STAIR or len(code) < len(m.group("code"))
        rows.append(_Row(code, name, m.end("code"), min(_next_cell(line, after), limit), line.strip(), rooted))
    if rows:
        return _Line(rows=rows)
    piece = FRAGMENT.match(line)
    if piece and not HEADING.search(piece.group(1)):
        return _Line(piece=piece.group(1), col=piece.start(1))
    return _Line()


def _run(lines: list[_Line], i: int, row: _Row, step: int, claimed: set[int]) -> tuple[list[int], bool]:
    """The lines of text pieces right above (step -1) or below (+1) line ``i`` within the row's name columns.

    With it, whether the run is bounded by another row: a code row, a piece claimed by another row or
    outside these columns (the pieces could then belong to that row) rather than a blank line, a line of
    other text (headings, figures) or the page's edge.
    """
    run: list[int] = []
    j = i + step
    while 0 <= j < len(lines) and j not in claimed and lines[j].piece and row.lo <= lines[j].col < row.hi:
        run.append(j)
        j += step
    bounded = 0 <= j < len(lines) and (bool(lines[j].rows) or bool(lines[j].piece) or j in claimed)
    return (run[::-1] if step < 0 else run), bounded


def _centred(lines: list[_Line], i: int, row: _Row, claimed: set[int]) -> str | None:
    """The name of a row printed without one, in two pieces: one right above the code, one right below.

    A cell whose text wraps is centred on its row, so a row with no name on its line has as many pieces
    above as below; one piece each side, between rows that print a name on their own line (or blank
    lines), is taken as the two halves of its name. Anything else is left to :func:`_names`.
    """
    above, _ = _run(lines, i, row, -1, claimed)
    below, _ = _run(lines, i, row, 1, claimed)
    if len(above) != 1 or len(below) != 1:
        return None
    for j in (above[0] - 1, below[0] + 1):
        if 0 <= j < len(lines) and (lines[j].piece or any(not r.name for r in lines[j].rows)):
            return None
    claimed.update((above[0], below[0]))
    return lines[above[0]].piece + lines[below[0]].piece


def _names(text: str, did: str, skipped: Skipped) -> tuple[list[tuple[str, str, bool]], set[str]]:
    """Every (code, name, rooted) printed in the tables of ``text``, in order, and every code printed."""
    out: list[tuple[str, str, bool]] = []
    printed: set[str] = set()
    stair = _Stair()
    for page in text.split("\f"):
        stair.cols = None
        units = set(UNIT_CODE.findall(page))
        lines = [_read_line(line, stair, units) for line in page.split("\n")]
        rows = [(i, row) for i, line in enumerate(lines) for row in line.rows if len(row.code) in (3, 5, 7)]
        printed.update(row.code for _, row in rows)
        claimed: set[int] = set()
        centred = {id(row): _centred(lines, i, row, claimed) for i, row in rows if not row.name}
        for i, row in rows:
            name = centred.get(id(row))
            if name is None:
                above, over = _run(lines, i, row, -1, claimed)
                below, under = _run(lines, i, row, 1, claimed)
                if (above and over) or (below and under):
                    skipped.wrapped.append((did, row.code, row.text))
                    continue
                name = "".join([*(lines[j].piece for j in above), row.name, *(lines[j].piece for j in below)])
            if name:
                out.append((row.code, name, row.rooted))
            else:
                skipped.unnamed.append((did, row.code, row.text))
    return out, printed


def _good(name: str) -> bool:
    return len(name) >= 2 and bool(re.search(r"[\u4e00-\u9fff]", name)) and not NOT_NAME.search(name)


def _in_hierarchy(code: str, rooted: bool, printed: set[str]) -> bool:
    """A subject code comes with its hierarchy: a 类 with something printed under it, a 款 or 项 under a
    printed 类 (on its own row, or in the first column of the code's own row)."""
    if len(code) == 3:
        return any(len(c) > 3 and c.startswith(code) for c in printed)
    return rooted or code[:3] in printed


def scan(
    att: Attestations, did: str, text: str, year: int, only: str | None = None, skipped: Skipped | None = None
) -> None:
    """Add every (code, name) that the tables of ``text`` print, with the document's id and year.

    ``skipped`` collects the occurrences left out because their name is not certain.
    """
    skipped = skipped if skipped is not None else Skipped()
    found, printed = _names(text, did, skipped)
    named: dict[str, list[str]] = defaultdict(list)
    for code, name, rooted in found:
        if code[0] not in "1235" or (only and code[0] not in only):
            continue
        name = name.replace("(", "（").replace(")", "）")
        if not _good(name):
            continue
        if _in_hierarchy(code, rooted, printed):
            named[code].append(name)
        else:
            skipped.unrooted.append((did, code, name))
    for code, names in named.items():
        for name in names:
            if any(other != name and other.startswith(name) for other in names):
                skipped.clipped.append((did, code, name))  # the same document prints it whole elsewhere
                continue
            att[code][name].add((did, year))


def scan_corpus(
    att: Attestations, corpus: Path, repo: Path, skipped: Skipped | None = None
) -> dict[str, dict[str, str]]:
    """Scan the official publications of the corpus and the sample; return the corpus manifest."""
    mani = manifest(corpus)
    check_listed(mani)
    for did, f in DOCS:
        scan(att, did, page_text(corpus / f), int(mani[f]["year"]), ONLY.get(did), skipped)
    for did, f in XLSX_TEMPLATES:
        scan(att, did, sheet_text(corpus / f), int(mani[f]["year"]), None, skipped)
    sample = (repo / SAMPLE_TEXT).read_text(encoding="utf-8", errors="replace")
    scan(att, SAMPLE_ID, sample, SAMPLE_YEAR, None, skipped)
    return mani
