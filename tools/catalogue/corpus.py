"""The official publications of the corpus, their page text, and the codes their tables print.

Page text comes from ``pdftotext -layout`` (poppler), run here on the PDFs and cached in a temporary
directory; the sample is read from its checked-in text (``samples/*.txt``); the blank xlsx templates'
example rows are read with openpyxl.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

#: attestations: code -> name -> {(source id, year)}
Attestations = defaultdict  # defaultdict[str, defaultdict[str, set[tuple[str, int]]]]

#: official publications of the corpus (+ the official blank 决算 template): (source id, file under the corpus)
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

NAME = r"([\u4e00-\u9fff（(“][\u4e00-\u9fff（）()、“”\-—A-Za-z0-9]*?)"
END = r"(?=\s{2,}|\t|$|\s+[\d,.\-]+(?:\s|$)|\s*\d{5,7})"
#: a joined code (201, 20101, 2010101) then its name
JOINED = re.compile(r"(?:(?<=\s)|^)([1-5]\d{2}(?:\d{2}){0,2})\s*" + NAME + END)
#: 类 | 款 | 项 in separate columns, then the name
SPLIT3 = re.compile(r"(?:(?<=\s)|^)([1-5]\d{2})\s+(\d{2})\s+(\d{2})\s+" + NAME + END)
SPLIT2 = re.compile(r"(?:(?<=\s)|^)([1-5]\d{2})\s+(\d{2})\s+" + NAME + END)


def manifest(corpus: Path) -> dict[str, dict[str, str]]:
    with open(corpus / "MANIFEST.tsv", encoding="utf-8") as f:
        return {r["file"]: r for r in csv.DictReader(f, delimiter="\t")}


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


def scan(att: Attestations, did: str, text: str, year: int, only: str | None = None) -> None:
    """Add every (code, name) that the tables of ``text`` print."""
    for line in text.split("\n"):  # not splitlines(): a form feed (page break) stays in its line
        hits = [(m.group(1) + m.group(2) + m.group(3), m.group(4)) for m in SPLIT3.finditer(line)]
        if not hits:
            hits = [(m.group(1) + m.group(2), m.group(3)) for m in SPLIT2.finditer(line)]
        if not hits:
            hits = [(m.group(1), m.group(2)) for m in JOINED.finditer(line)]
        for code, name in hits:
            if code[0] not in "1235" or (only and code[0] not in only):
                continue
            name = name.strip()
            if len(name) < 2 or not re.search(r"[\u4e00-\u9fff]", name):
                continue
            if re.search(r"万元|名、|编制|项目性质", name):
                continue
            att[code][name.replace("(", "（").replace(")", "）")].add((did, year))


def scan_corpus(att: Attestations, corpus: Path, repo: Path) -> dict[str, dict[str, str]]:
    """Scan the official publications of the corpus and the sample; return the corpus manifest."""
    mani = manifest(corpus)
    for did, f in DOCS:
        scan(att, did, page_text(corpus / f), int(mani[f]["year"]), ONLY.get(did))
    for did, f in XLSX_TEMPLATES:
        scan(att, did, sheet_text(corpus / f), int(mani[f]["year"]))
    sample = (repo / SAMPLE_TEXT).read_text(encoding="utf-8", errors="replace")
    scan(att, SAMPLE_ID, sample, SAMPLE_YEAR)
    return mani
