"""Check ``tests/golden/sample.json`` against the printed sample, value by value.

    python tests/golden/check_sample_golden.py [-v]

The golden file is what ``budgetx extract --no-validate`` writes for
``samples/重庆市潼南区大数据应用发展管理局2021年部门预算.txt``, with every value
held to the sample text by this script, which shares no code with budgetx (it
reads the text with ``str.split("\\t")``, compares amounts as the printed
strings and text with whitespace removed):

* every table: its label (表N) is a printed line of its own above the table,
  its title is a printed line, its unit is the printed unit line (or the table
  prints none), its note is a printed line under it;
* every column name: each part ("2021年预算数 / 小计") is a printed header
  cell of the table;
* every row of a grid table: the sample's line ``line`` split at tabs holds,
  at each column's position, the golden cell (amounts exactly as printed,
  "0.00" is not "0"), an empty cell where the golden cell is null, and no
  printed cell beyond the table's columns; ``code``/``level``/``parent``/
  ``name`` follow from the printed code and name;
* no printed line of a table is missing: every tab line between a table's
  title and the next table's is a golden row of it, or a header line (no
  figure, no code, the same cells as a header line above the first row);
* forms: each field is a printed label cell followed by its value cell; each
  indicator row's 三级指标 and 指标值 (and 指标名称 … 指标值 of 表10) are
  printed cells of its line, in order; the 一级/二级指标, carried down from
  the rows above by design (merged cells, and rows the sample prints shifted),
  must equal the last level name printed at or above the line: the rows where
  they are not printed on the line itself are listed for checking by eye.

Exit status 0 when every check holds.
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "sample.json"
SAMPLE = ROOT / "samples" / "重庆市潼南区大数据应用发展管理局2021年部门预算.txt"

LEVEL1 = ("产出指标", "效益指标", "满意度指标")
LEVEL2 = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "满意度指标",
)
PARENT_LEVEL = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标",
                "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
                "可持续影响指标": "效益指标"}  # fmt: skip
AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
CODE = re.compile(r"^[1-9]\d{2}(\d{2}){0,2}$")
#: the kind of each printed table, read off its title by hand (DOMAIN.md's families)
KINDS = {
    "表1": "fiscal_summary",  # 财政拨款收支总表
    "表2": "general_function",  # 一般公共预算财政拨款支出预算表 (功能分类)
    "表3": "general_basic_economic",  # 一般公共预算财政拨款基本支出预算表 (经济分类)
    "表4": "three_public",  # 一般公共预算“三公”经费支出表
    "表5": "government_fund",  # 政府性基金预算支出表
    "表6": "summary",  # 部门收支总表
    "表7": "income",  # 部门收入总表
    "表8": "expenditure",  # 部门支出总表
    "表10": "performance_overall",  # 部门整体绩效目标表
    None: "performance_project",  # 项目绩效目标申报表 (no label)
}


def squash(text: object) -> str:
    return re.sub(r"\s+", "", str(text or ""))


class Check:
    def __init__(self, golden: dict, lines: list[str]) -> None:
        self.golden = golden
        self.lines = lines  # 1-based: self.lines[n - 1]
        self.errors: list[str] = []
        self.by_eye: list[str] = []
        self.checked_cells = 0
        self.checked_rows = 0

    def cells(self, n: int) -> list[str]:
        return self.lines[n - 1].split("\t")

    def fail(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    # -- the document ---------------------------------------------------------
    def run(self) -> Check:
        tables = self.golden["tables"]
        starts = [self.title_line(t, after=(self.region_end(tables[k - 1]) if k else 0)) for k, t in enumerate(tables)]
        for k, t in enumerate(tables):
            end = starts[k + 1] if k + 1 < len(tables) else len(self.lines) + 1
            self.table(t, starts[k], end)
        self.document()
        return self

    def region_end(self, t: dict) -> int:
        return max((r["line"] for r in t["rows"]), default=0)

    def title_line(self, t: dict, after: int) -> int:
        """The printed title line of ``t`` (after the previous table's rows)."""
        for n in range(after + 1, len(self.lines) + 1):
            if "\t" not in self.lines[n - 1] and squash(self.lines[n - 1]) == squash(t["title"]):
                return n
        self.fail(f"table {t['index']}", f"title {t['title']!r} is not a printed line")
        return after + 1

    def document(self) -> None:
        d = self.golden["document"]
        head = "\n".join(self.lines[:10])
        if d["department"] not in head or squash(f"{d['year']}年部门预算") not in squash(head):
            self.fail("document", f"department/year {d['department']!r} {d['year']} not on the cover")
        if d["stage"] != "预算" or "预算" not in d["title"] or d["department"] not in d["title"]:
            self.fail("document", f"title/stage {d['title']!r} {d['stage']!r}")
        src = self.golden["source"]
        if src["format"] != "text" or src["pages"] is not None:
            self.fail("source", f"format/pages {src['format']!r} {src['pages']!r}")

    # -- a table --------------------------------------------------------------
    def table(self, t: dict, start: int, end: int) -> None:
        where = f"table {t['index']} ({t['number'] or t['title']})"
        if t["kind"] != KINDS.get(t["number"]):
            self.fail(where, f"kind {t['kind']!r}, the title says {KINDS.get(t['number'])!r}")
        if t["pages"]:
            self.fail(where, f"pages {t['pages']} in a text without page breaks")
        for col in t["columns"]:
            side = col["name"].split(" / ")[0]
            if side in ("收入", "支出") and col["block"] != (0 if side == "收入" else 1):
                self.fail(
                    where, f"column {col['name']!r} in block {col['block']}: the 收入 side is block 0, 支出 block 1"
                )
        above = [squash(x) for x in self.lines[max(0, start - 6) : start - 1]]
        if t["number"] is not None and squash(t["number"]) not in above:
            self.fail(where, f"label {t['number']!r} is not printed above the title")
        if t["number"] is None and any(re.fullmatch(r"表\d+", x) for x in above[-3:]):
            self.fail(where, "a printed label is missing")
        first_row = min((r["line"] for r in t["rows"]), default=end)
        captions = [squash(x) for x in self.lines[start : first_row - 1] if "\t" not in x]
        units = [x for x in captions if x.startswith("单位")]
        if t["unit"] is None:
            if units:
                self.fail(where, f"unit missing, printed {units}")
        elif f"单位：{t['unit']}" not in units and f"单位:{t['unit']}" not in units:
            self.fail(where, f"unit {t['unit']!r} is not the printed unit line {units}")
        region = [n for n in range(start + 1, end) if self.lines[n - 1].strip()]
        if t["note"] is not None:
            if not any(squash(self.lines[n - 1]) == squash(t["note"]) for n in region):
                self.fail(where, f"note {t['note']!r} is not printed under the table")
        elif any("此表无数据" in self.lines[n - 1] or self.lines[n - 1].startswith(("注", "（备注")) for n in region):
            self.fail(where, "a printed note is missing")
        header_lines = [n for n in region if "\t" in self.lines[n - 1] and n < first_row]
        header_cells = {squash(c) for n in header_lines for c in self.cells(n) if c.strip()}
        if t["kind"].startswith("performance_"):
            self.form(t, where, region)
        else:
            for col in t["columns"]:
                for part in col["name"].split(" / "):
                    if squash(part) not in header_cells:
                        self.fail(where, f"column name part {part!r} is not a printed header cell")
            for r in t["rows"]:
                self.grid_row(t, r, where)
        self.completeness(t, where, region, header_lines, first_row)

    def completeness(self, t: dict, where: str, region: list[int], header_lines: list[int], first_row: int) -> None:
        rows = {r["line"] for r in t["rows"]}
        parts = {squash(p) for c in t["columns"] for p in c["name"].split(" / ")} | {"科目编码", "科目名称", "项目"}
        for n in sorted(rows):
            cells = [squash(c) for c in self.cells(n) if c.strip()]
            if cells and all(c in parts for c in cells):
                self.fail(where, f"line {n} is a header line kept as a data row: {self.lines[n - 1]!r}")
        headers = [[squash(c) for c in self.cells(n)] for n in header_lines]
        for n in region:
            line = self.lines[n - 1]
            if "\t" not in line or n in rows or n in header_lines:
                continue
            cells = [c.strip() for c in line.split("\t")]
            printed = [squash(c) for c in cells]
            if any(AMOUNT.match(c) for c in cells if c) or any(CODE.match(c) for c in cells[:2] if c):
                self.fail(where, f"line {n} holds figures or a code and is no golden row: {line!r}")
            elif t["kind"].startswith("performance_") and n < first_row:
                pass  # a form's field rows: checked as fields
            elif printed in headers:
                pass  # the header repeated on a continuation (the sample's 表3)
            else:
                self.fail(where, f"line {n} is no golden row and no header: {line!r}")

    def grid_row(self, t: dict, r: dict, where: str) -> None:
        n = r["line"]
        printed = self.cells(n)
        self.checked_rows += 1
        cols = t["columns"]
        for j, (col, value) in enumerate(zip(cols, r["cells"], strict=True)):
            raw = printed[j].strip() if j < len(printed) else ""
            at = f"{where} line {n} column {j + 1} ({col['name']})"
            self.checked_cells += 1
            if value is None:
                if raw:
                    self.fail(at, f"null but the line prints {raw!r}")
            elif isinstance(value, Decimal):
                if col["type"] != "amount":
                    self.fail(at, f"an amount in a {col['type']} column")
                if format(value, "f") != raw:
                    self.fail(at, f"{format(value, 'f')} but the line prints {raw!r}")
            elif squash(value) != squash(raw) or value != value.strip():
                self.fail(at, f"{value!r} but the line prints {raw!r}")
        for j in range(len(cols), len(printed)):
            if printed[j].strip():
                self.fail(f"{where} line {n}", f"printed cell {j + 1} {printed[j]!r} is beyond the table's columns")
        code_cols = [j for j, c in enumerate(cols) if c["type"] == "code"]
        code = printed[code_cols[0]].strip() if code_cols and code_cols[0] < len(printed) else ""
        if r["code"] != (code or None):
            self.fail(f"{where} line {n}", f"code {r['code']!r} but the line prints {code!r}")
        if CODE.match(code):
            level = {3: 1, 5: 2, 7: 3}[len(code)]
            parent = code[:-2] if len(code) > 3 else None
            if (r["level"], r["parent"]) != (level, parent):
                self.fail(f"{where} line {n}", f"level/parent {r['level']}/{r['parent']} for code {code}")
        names = [j for j, c in enumerate(cols) if c["type"] == "name" and c["block"] == 0]
        if names:
            name = printed[names[0]].strip().rstrip("：:") if names[0] < len(printed) else ""
            if (r["name"] or "") != name:
                self.fail(f"{where} line {n}", f"name {r['name']!r} but the line prints {name!r}")

    # -- a form ---------------------------------------------------------------
    def form(self, t: dict, where: str, region: list[int]) -> None:
        for label, value in t["fields"].items():
            self.checked_cells += 1
            if not any(self.field_printed(n, label, value) for n in region):
                self.fail(where, f"field {label!r} = {value!r} is not a printed label and value")
        names = [c["name"] for c in t["columns"]]
        last1 = last2 = ""
        done = 0
        for r in t["rows"]:
            n = r["line"]
            self.checked_rows += 1
            # the level names printed on the lines since the last row, in order
            for m in range(done + 1 if done else n, n + 1):
                for c in self.cells(m):
                    c = squash(c)
                    if (c in LEVEL1 and c not in LEVEL2) or c == "满意度指标":
                        # 满意度指标 names both levels: budgetx keeps it as the 一级指标
                        last1, last2 = c, ""
                    elif c in LEVEL2:
                        last2 = c
            done = n
            printed = [squash(c) for c in self.cells(n) if c.strip()]
            values = dict(zip(names, r["cells"], strict=True))
            # the cells that are not levels are printed on the line, in order
            own = [squash(v) for k, v in values.items() if v is not None and k not in ("一级指标", "二级指标")]
            self.checked_cells += len(own)
            levelled = "一级指标" in values
            rest = [c for c in printed if not levelled or (c not in LEVEL1 and c not in LEVEL2)]
            if not levelled:
                rest = rest[1:] if rest and rest[0] == "绩效指标" else rest
            if own != rest:
                self.fail(f"{where} line {n}", f"cells {own} but the line prints {rest}")
            if "一级指标" in values:
                l1, l2 = values["一级指标"], values["二级指标"]
                expect1 = last1 or PARENT_LEVEL.get(last2, "")
                if l2 and PARENT_LEVEL.get(l2) and expect1 != PARENT_LEVEL[l2] and not last1:
                    expect1 = PARENT_LEVEL[l2]
                self.checked_cells += 2
                if (l1 or "", l2 or "") != (expect1, last2):
                    self.fail(f"{where} line {n}", f"levels {l1}/{l2} but printed so far {expect1}/{last2}")
                on_line = [c for c in printed if c in LEVEL1 or c in LEVEL2]
                if [x for x in (l1, l2) if x] != on_line:
                    self.by_eye.append(
                        f"{where} line {n}: levels {l1} / {l2} carried down (the line prints {on_line or 'none'}): "
                        f"{self.lines[n - 1]!r}"
                    )

    def field_printed(self, n: int, label: str, value: str) -> bool:
        cells = [squash(c) for c in self.cells(n) if c.strip()]
        base = re.sub(r" \(\d+\)$", "", label)
        for k, c in enumerate(cells):
            if c == squash(base).rstrip("：:") or c == squash(base):
                nxt = cells[k + 1] if k + 1 < len(cells) else ""
                if nxt == squash(re.sub(r"</?p>", "", value)) or squash(value) == re.sub(r"</?p>", "", nxt):
                    return True
                if not value and not nxt:
                    return True
        return False


def check(golden_path: Path | dict = GOLDEN, sample_path: Path = SAMPLE) -> Check:
    """The checks of ``golden_path`` (a path, or the golden document already loaded)."""
    if isinstance(golden_path, dict):
        golden = golden_path
    else:
        golden = json.loads(golden_path.read_text(encoding="utf-8"), parse_float=Decimal)
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    return Check(golden, lines).run()


def main(argv: list[str]) -> int:
    c = check()
    tables = c.golden["tables"]
    print(f"{len(tables)} tables, {c.checked_rows} rows, {c.checked_cells} cells checked against {SAMPLE.name}")
    for e in c.errors:
        print("ERROR", e)
    if "-v" in argv:
        for e in c.by_eye:
            print("BY EYE", e)
    else:
        print(f"{len(c.by_eye)} rows with carried-down levels (-v lists them)")
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
