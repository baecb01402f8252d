"""Geometric check of the golden amount columns, independent of pdfplumber's table finder.

For every golden table with two or more amount columns: on each row's printed line (found by its
code, name or first amount), the numbers printed as words, in x order, must be the row's non-empty
amounts; and the numbers of one amount column must share one right edge, left edge or centre (within
10 pt; columns are 40-80 pt apart) without overlapping the next column. This places every amount in
its column, next to empty cells too. Rows whose line cannot be found (a name split into several
words, lines pdftotext and pdfplumber misalign) are listed; they were checked on the page image.

    python tests/golden/corpus/make/check_columns.py
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import OUT, pdf

NUM = re.compile(r"^-?[\d,]+(\.\d+)?$")
SAME = 10.0


def check(g: dict, t: dict) -> list[str]:
    acols = [i for i, c in enumerate(t["columns"]) if c["type"] == "amount"]
    words = {p: pdf(g["file"]).pages[p - 1].extract_words() for p in t["pages"]}
    xs: dict[int, list[tuple[float, float]]] = defaultdict(list)
    problems = []
    for r in t["rows"]:
        amts = [(i, r["cells"][i]) for i in acols if r["cells"][i] is not None]
        if not amts:
            continue
        codes = [v for c, v in zip(t["columns"], r["cells"], strict=True) if c["type"] == "code" and v]
        keys = [v for c, v in zip(t["columns"], r["cells"], strict=True) if c["type"] != "amount" and v]
        found = None
        for p in [r["page"]] if r.get("page") else t["pages"]:
            ws = words[p]
            tops = []
            for k in keys[:1]:
                for w in ws:
                    text = re.sub(r"\s", "", w["text"])
                    if text == k or (len(k) > 4 and text.startswith(k[:4])):
                        tops.append(w["top"])
            tops += [w["top"] for w in ws if w["text"].replace(",", "") == amts[0][1]]
            for top in tops:
                line = sorted(
                    (w for w in ws if abs(w["top"] - top) < 4 and NUM.match(w["text"]) and w["text"] not in codes),
                    key=lambda w: w["x0"],
                )
                if [w["text"].replace(",", "") for w in line] == [v for _, v in amts]:
                    found = line
                    break
            if found:
                break
        if not found:
            problems.append(f"row {r['code'] or r['name']}: line not found")
            continue
        for (i, _), w in zip(amts, found, strict=True):
            xs[i].append((w["x0"], w["x1"]))
    spans = []
    for i in acols:
        if not xs[i]:
            continue
        x0s = [a for a, _ in xs[i]]
        x1s = [b for _, b in xs[i]]
        mids = [(a + b) / 2 for a, b in xs[i]]
        if not any(max(v) - min(v) < SAME for v in (x0s, x1s, mids)):
            problems.append(f"column {t['columns'][i]['name']}: right edges {min(x1s):.0f}..{max(x1s):.0f}")
        spans.append((min(x0s), max(x1s), t["columns"][i]["block"]))
    for (_, a1, ab), (b0, _, bb) in itertools.pairwise(spans):
        if ab == bb and a1 > b0 + 0.5:
            problems.append(f"columns overlap at x {b0:.0f}-{a1:.0f}")
    return problems


def main() -> int:
    bad = 0
    for gf in sorted(OUT.glob("*.json")):
        g = json.loads(gf.read_text(encoding="utf-8"))
        for t in g["tables"]:
            if sum(c["type"] == "amount" for c in t["columns"]) < 2 or not t["rows"]:
                continue
            problems = check(g, t)
            bad += bool(problems)
            print(
                ("XX " if problems else "OK ")
                + f"{gf.name} {t['title']}"
                + (" | " + "; ".join(problems[:4]) if problems else "")
            )
    print("tables to read on the page image:", bad)
    return 0


if __name__ == "__main__":
    sys.exit(main())
