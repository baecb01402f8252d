"""Build ``budgetx/data/codes.csv``, the catalogue of 政府收支分类科目, from its sources.

    python tools/catalogue/build.py                 # write budgetx/data/codes.csv
    python tools/catalogue/build.py --check         # exit 1 when the committed file differs
    python tools/catalogue/build.py --corpus DIR --out FILE

Sources (see README.md here):

* the official publications of the corpus (``../shared/corpus``, every PDF of kind "real" in its
  MANIFEST.tsv, read with ``pdftotext -layout``) and the sample's page text: every code printed in their
  tables, with the document's year (the layouts read are listed in ``corpus.py``);
* the texts in ``sources/``: publications whose page text is stored in a public repository, and
  public copies of the Ministry of Finance catalogue, transcribed as printed with their citations.

Nothing is invented: every row lists the ids of the sources that print its name for its code. The CSV
header cites them in sections marked ``[edition]`` (the Ministry of Finance texts: catalogue editions and
the notices amending them) or ``[observed]`` (printed documents), so that each name says whether it comes
from a catalogue edition or is only observed in documents, and in how many.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import corpus as corpus_mod  # noqa: E402
import sources as sources_mod  # noqa: E402

from budgetx.normalize.catalogue import compare_name  # noqa: E402

# -- editorial decisions ------------------------------------------------------------------
#: corrections read by eye from the page text (cells wrapped over lines): (code, name, doc id, year)
MANUAL = [
    ("31007", "信息网络及软件购置更新", "S09", 2024),  # wrapped and spaced: 信息 网络 及软件 购置 / 31007 / 更新
    ("310", "资本性支出", "S09", 2024),  # "310资本性支出" (no space)
]
#: names read from the page text that are not names: (code, name) -> reason
DROP = {
    ("30211", "国内差旅费"): "only the 2021 sample prints it; every other source (2017-2025) prints 差旅费",
    # misprints of 长春市信访局 2026 [M16], against every other source of 2017-2026
    ("30208", "物业管理费"): "only 长春市信访局 2026 prints it at 30208 (beside 取暖费); every other source at 30209",
    ("30213", "维护（护）费"): "only 长春市信访局 2026 prints it; every other source prints 维修（护）费",
}
#: codes whose sources disagree for the same year: left out entirely
DISPUTED = {
    "2111101": "2025: 生态环境监测与信息 (F4, 普陀区生态环境局 决算) vs 减排专项支出 (石泉路街道 决算; 宜川路街道 决算 [F6] prints 减排专项支出 at 2111103)",
}

CLS = {"1": "revenue", "2": "function", "3": "economic_dept", "5": "economic_gov"}
FIELDS = ["classification", "code", "level", "name", "parent", "valid_from", "valid_to", "sources"]

HEADER = """\
# budgetx catalogue of 政府收支分类科目 (Chinese government revenue and expenditure classification codes)
# One row per (classification, code, name). valid_from: first year a source prints this name for this code;
# valid_to: last year before a source prints another name for the code (empty = still current as far as the
# sources go). A name printed only by the 2007 source ends at 2007; a 款 of 301/302/303 missing from the 2024 决算
# template [T01], which prints all of them, ends with the last year a source prints it (30104, 30312).
# level: 类 1 (3 digits), 款 2 (5), 项 3 (7).
# classification: function (支出功能分类, 2xx), economic_dept (部门预算支出经济分类, 3xx),
# economic_gov (政府预算支出经济分类, 5xx), revenue (收入分类, 1xx).
# Nothing here is invented: every row comes from the sources below (column 'sources').
# Printed names that are shortenings of a longer printing of the same code in the same year
# (e.g. 表2 "机关事业单位基本养老" for 2080505) are folded into the full name.
# Provenance: a name printed by a source of the section "Sources [edition]" comes from an edition of the
# Ministry of Finance catalogue (or a notice amending it); a name printed only by sources of the sections
# "Sources [observed]" is observed in printed documents (budgetx codes says which, and in how many).
{skipped}
# Sources [observed]: official publications (the codes and names they print; year = the budget/final-account year)"""
SECTIONS = {
    "repo": "# Sources [observed]: official publications as stored in a public repository "
    "(page text of the PDF; year = the budget/final-account year)",
    "pages": "# Sources [edition]: public copies of the Ministry of Finance catalogue "
    "(pages, as stored by the search corpus; year = the edition or the page date)",
}


def orphans(att: defaultdict) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """Codes whose 类 or 款 no source names: code -> (missing parents, names, source ids)."""
    named = {c for c, names in att.items() if any(names.values())}
    out = {}
    for code in sorted(named):
        missing = [code[:n] for n in (3, 5) if len(code) > n and code[:n] not in named]
        if missing:
            names = sorted(n for n, v in att[code].items() if v)
            ids = sorted({d for n in names for d, _ in att[code][n]})
            out[code] = (missing, names, ids)
    return out


def attest(corpus: Path, skipped: corpus_mod.Skipped | None = None) -> tuple[defaultdict, dict, list, dict]:
    att: defaultdict = defaultdict(lambda: defaultdict(set))  # code -> name -> {(source id, year)}
    mani = corpus_mod.scan_corpus(att, corpus, REPO, skipped)
    for code, name, did, year in MANUAL:
        att[code][name].add((did, year))
    srcs = sources_mod.load()
    for src in srcs:
        for code, name in src.items:
            att[code][name].add((src.id, src.year))
    for code, name in DROP:
        att[code].pop(name, None)
    for code in DISPUTED:
        att.pop(code, None)
    # a code is kept only when its 类 and 款 are named by some source: nothing is guessed above it
    left = orphans(att)
    for code in left:
        att.pop(code, None)
    return att, mani, srcs, left


def rows_of(att: defaultdict) -> list[dict]:
    t01_kuan = {c for c, names in att.items() if len(c) == 5 and any(d == "T01" for v in names.values() for d, _ in v)}
    rows: list[dict] = []
    for code in sorted(att, key=lambda c: (CLS[c[0]], c)):
        names = {n: v for n, v in att[code].items() if v}
        # fold shortened forms into the longest name they shorten, when attested in the same years
        canon: dict[str, set] = {}
        for n in sorted(names, key=len, reverse=True):
            target = None
            for full in canon:
                if (
                    compare_name(n, full) == "shortened"
                    and len(n) < len(full)
                    and {y for _, y in names[n]} <= {y for _, y in canon[full]}
                ):
                    target = full
                    break
            if target:
                continue  # a shortened printing; the full name carries the attestation
            canon[n] = set(names[n])
        spans = []
        for n, v in canon.items():
            ys = sorted({y for _, y in v})
            spans.append((ys[0], ys[-1], n, sorted({d for d, _ in v})))
        spans.sort()
        for i in range(1, len(spans)):
            if spans[i][0] <= spans[i - 1][1]:
                print("OVERLAP", code, spans[i - 1], spans[i], file=sys.stderr)
        for i, (a, b, n, ds) in enumerate(spans):
            last = i == len(spans) - 1
            # a name printed only by sources of 2007 is not known to hold after 2007
            valid_to = "" if last and b > 2007 else str(b)
            # the 2024 决算 template (T01) prints every 款 of 301, 302 and 303: a 款 of those 类 missing
            # from it no longer exists, so its last name ends with the last year a source prints it
            if (
                last
                and valid_to == ""
                and len(code) == 5
                and code[:3] in ("301", "302", "303")
                and code not in t01_kuan
                and b < 2024
            ):
                valid_to = str(b)
            rows.append(
                {
                    "classification": CLS[code[0]],
                    "code": code,
                    "level": {3: 1, 5: 2, 7: 3}[len(code)],
                    "name": n,
                    "parent": code[:-2] if len(code) > 3 else "",
                    "valid_from": a,
                    "valid_to": valid_to,
                    "sources": ";".join(ds),
                }
            )
    return rows


def header(mani: dict, srcs: list, left: dict, skipped: corpus_mod.Skipped) -> list[str]:
    lines = [
        HEADER.format(
            skipped=f"# Printed occurrences of a code whose name the build cannot be sure of are skipped, not recorded "
            f"cut short:\n# {skipped.total} in the official publications ({len(skipped.wrapped)} names wrapped over "
            f"lines that could belong to the row above or below,\n# {len(skipped.clipped)} names printed cut short "
            "where the same document prints them whole)."
        )
    ]
    lines.append(
        f"# [{corpus_mod.SAMPLE_ID}] 2021 预算 重庆市潼南区大数据应用发展管理局: {corpus_mod.SAMPLE_TEXT} "
        "(text of corpus/shanghai/重庆市潼南区大数据应用发展管理局2021年部门预算.pdf)"
    )
    for did, f in corpus_mod.DOCS:
        if did == "T01":
            continue
        m = mani[f]
        note = " [function codes only: it numbers its 302/303 款 its own way]" if did == "S10" else ""
        who = m["department"] or f"{m['region']} {Path(f).stem}"
        lines.append(f"# [{did}] {m['year']} {m['stage']} {who}: corpus/{f} (from {m['source']}){note}")
    t01 = "not-publications/附件2：部门决算模板.pdf"
    lines.append(
        f"# [T01] 2024 决算 上海市 部门决算模板 (official blank template, 附件2): corpus/{t01} (from {mani[t01]['source']})"
    )
    for did, f in corpus_mod.XLSX_TEMPLATES:
        what = "部门预算" if "department" in f else "单位预算"
        lines.append(
            f"# [{did}] {mani[f]['year']} 预算 上海市普陀区 {what} blank template, the codes of its example rows: "
            f"corpus/{f} (from {mani[f]['source']})"
        )
    group = None
    for src in srcs:
        if src.group != group:
            group = src.group
            lines.append(SECTIONS[group])
        lines.append(f"# [{src.id}] {src.cite}")
    for code, why in DISPUTED.items():
        lines.append(f"# Left out, sources disagree: {code} ({why})")
    for (code, name), why in DROP.items():
        lines.append(f"# Left out: {code} {name} ({why})")
    for code, (missing, names, ids) in left.items():
        lines.append(
            f"# Left out, no source names its parent {'/'.join(missing)}: {code} {'/'.join(names)} [{';'.join(ids)}]"
        )
    return lines


def build(corpus: Path, skipped: corpus_mod.Skipped | None = None) -> str:
    skipped = skipped if skipped is not None else corpus_mod.Skipped()
    att, mani, srcs, left = attest(corpus, skipped)
    rows = rows_of(att)
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return "\n".join(header(mani, srcs, left, skipped)) + "\n" + out.getvalue()


def report(skipped: corpus_mod.Skipped) -> None:
    """What the corpus scan left out, on stderr."""
    print(
        f"skipped {skipped.total} printed occurrences whose name is not certain: {len(skipped.wrapped)} wrapped, "
        f"{len(skipped.clipped)} cut short; {len(skipped.unnamed)} code rows without a name beside them; "
        f"{len(skipped.unrooted)} numbers not read as codes (no 类 printed with them)",
        file=sys.stderr,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus", help="the corpus directory")
    ap.add_argument("--out", type=Path, default=REPO / "budgetx" / "data" / "codes.csv")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 when --out differs from the build")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every skipped occurrence on stderr")
    args = ap.parse_args(argv)
    skipped = corpus_mod.Skipped()
    text = build(args.corpus, skipped)
    report(skipped)
    if args.verbose:
        for what, items in (
            ("wrapped", skipped.wrapped),
            ("clipped", skipped.clipped),
            ("not a code", skipped.unrooted),
        ):
            for did, code, printed in items:
                print(f"  {what}\t{did}\t{code}\t{printed}", file=sys.stderr)
    if args.check:
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if old == text:
            print(f"{args.out}: up to date")
            return 0
        sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True), str(args.out), "build"))
        return 1
    args.out.write_text(text, encoding="utf-8")
    n = text.count("\n") - sum(1 for line in text.splitlines() if line.startswith("#")) - 1
    print(f"{args.out}: {n} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
