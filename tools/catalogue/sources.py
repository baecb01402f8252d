"""Third-party texts checked into ``tools/catalogue/sources/``: the codes and names they print.

Each file starts with ``#`` header lines::

    # id: F1                      the source id used in the CSV's 'sources' column
    # year: 2026                  the year (edition, budget year) the source attests
    # group: repo                 header section: repo (publication stored in a public repository)
    #                             or pages (public copy of the Ministry of Finance catalogue)
    # cite: <citation>            the citation printed in the CSV header after "[id] "

then one ``code name`` a line (other ``#`` lines are comments).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent / "sources"

#: the order in which the sources are cited in the CSV header
ORDER: list[str] = [
    "F1_chengguan_2026.txt",
    "F2_jianguanwei_2026.txt",
    "F3_wenlvju_2026.txt",
    "F4_shengtai_2025.txt",
    "F5_shiquan_2025.txt",
    "F6_yichuan_2025.txt",
    "F7_wenlv_2025.txt",
    "P1_econ_dept_2020.txt",
    "P2_econ_duizhao_2020.txt",
    "P3_func_20809_2023.txt",
    "P5_func_21305_2024.txt",
    "P4_reform_2007.txt",
    "P6_notice_2024.txt",
    "P7_notice_2025.txt",
    "P8_notice_2007.txt",
    "P9_notice_2008.txt",
]


@dataclass
class Source:
    id: str
    year: int
    group: str
    cite: str
    items: list[tuple[str, str]] = field(default_factory=list)
    path: Path | None = None


def read(path: Path) -> Source:
    meta: dict[str, str] = {}
    items: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            key, sep, value = line[1:].strip().partition(":")
            if sep and key.strip() in ("id", "year", "group", "cite") and key.strip() not in meta:
                meta[key.strip()] = value.strip()
            continue
        code, name = line.split(" ", 1)
        if not code.isdigit() or len(code) not in (3, 5, 7):
            raise ValueError(f"{path.name}: not a code: {line!r}")
        items.append((code, name.strip()))
    missing = {"id", "year", "group", "cite"} - set(meta)
    if missing:
        raise ValueError(f"{path.name}: header lacks {sorted(missing)}")
    return Source(meta["id"], int(meta["year"]), meta["group"], meta["cite"], items, path)


def load() -> list[Source]:
    listed = [HERE / n for n in ORDER]
    extra = sorted(p.name for p in HERE.glob("*.txt") if p.name not in ORDER)
    if extra:
        raise ValueError(f"sources not listed in sources.ORDER: {extra}")
    return [read(p) for p in listed]
