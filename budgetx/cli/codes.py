"""``budgetx codes QUERY``: look up a subject code (政府收支分类科目) or search the names.

A code (``2080505``, or split ``208 05 05``) prints its path from the 类 down;
anything else is searched among the names (substring first, then fuzzy), best
matches first.  Each result says where its name comes from: a catalogue
edition (the Ministry of Finance texts) or only printed documents ("observed
in 3 documents (2026)").  ``--year`` picks the edition, ``--json`` prints JSON.
Exit code 1 when nothing matches.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.text import Text

from budgetx import patterns
from budgetx.cli.console import err_console
from budgetx.normalize.catalogue import LABELS, Catalogue, Entry, catalogue, classify

NOT_FOUND_EXIT = 1

_CODE = patterns.compile(r"^[1-5]\d{2}(?:\d{2}){0,2}$")


def codes_command(
    query: Annotated[str, typer.Argument(help="A code (2080505, or 208 05 05) or words of a name (养老, 住房公积金).")],
    year: Annotated[
        Optional[int], typer.Option("--year", "-y", help="The edition: names as they were in this year.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many name matches.")] = 10,
) -> None:
    """Look up a subject code, or search the catalogue by name."""
    cat = catalogue()
    compact = re.sub(r"[\s|›>/.\-]+", "", query)
    if _CODE.match(compact):
        results = _by_code(cat, compact, year)
        if not results:
            _nothing(cat, compact, year, is_code=True)
    else:
        results = [m.entry for m in cat.search(query, year=year, limit=limit)]
        if not results:
            _nothing(cat, query, year, is_code=False)
    if as_json:
        payload = [_as_dict(cat, e, year) for e in results]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    out = Console(highlight=False, soft_wrap=True)
    for e in results:
        out.print(_path_text(cat, e, year))
        out.print(Text(f"    {LABELS[e.classification]} · {_history(cat, e)}", style="dim"))
        out.print(Text(f"    {e.name}: {_provenance(e)}", style="dim"))


def _by_code(cat: Catalogue, code: str, year: int | None) -> list[Entry]:
    found = []
    for cls in dict.fromkeys([classify(code), "economic_dept", "economic_gov", "function", "revenue"]):
        if cls is None:
            continue
        e = cat.lookup(code, year, cls)
        if e is not None:
            found.append(e)
            break
    return found


def _path_text(cat: Catalogue, e: Entry, year: int | None) -> Text:
    text = Text()
    path = cat.path(e.code, year if year is not None else _year_of(e), e.classification)
    for i, step in enumerate(path):
        if i:
            text.append(" › ", style="dim")
        text.append(step.code, style="bold cyan")
        text.append(" ")
        text.append(step.name, style="bold" if step.code == e.code else "")
    return text


def _year_of(e: Entry) -> int | None:
    """The year whose names make a consistent path for ``e`` (its latest attested year)."""
    return e.valid_to if e.valid_to is not None else None


def _history(cat: Catalogue, e: Entry) -> str:
    names = cat.names(e.code, e.classification)
    return "; ".join(f"{n.name} ({n.years or '?'})" for n in names)


#: at most this many source ids are listed after the provenance (the JSON lists them all)
_FEW = 5


def _provenance(e: Entry) -> str:
    """The provenance of the name, with its source ids when there are few: "observed in 1 document (2026) [M02]"."""
    ids = f" [{' '.join(e.sources)}]" if e.sources and len(e.sources) <= _FEW else ""
    return e.provenance + ids


def _origin(e: Entry) -> dict[str, Any]:
    return {
        "provenance": e.provenance,
        "edition": e.edition,
        "editions": list(e.editions),
        "observed_in": e.observed_in,
        "observed_years": list(e.observed_years),
    }


def _as_dict(cat: Catalogue, e: Entry, year: int | None) -> dict[str, Any]:
    path_year = year if year is not None else _year_of(e)
    return {
        "code": e.code,
        "classification": e.classification,
        "level": e.level,
        "name": e.name,
        "parent": e.parent,
        "valid_from": e.valid_from,
        "valid_to": e.valid_to,
        "path": [{"code": p.code, "name": p.name} for p in cat.path(e.code, path_year, e.classification)],
        "names": [
            {
                "name": n.name,
                "valid_from": n.valid_from,
                "valid_to": n.valid_to,
                "sources": list(n.sources),
                **_origin(n),
            }
            for n in cat.names(e.code, e.classification)
        ],
        "sources": list(e.sources),
        **_origin(e),
    }


def _nothing(cat: Catalogue, query: str, year: int | None, *, is_code: bool) -> None:
    when = f" in {year}" if year is not None else ""
    if is_code:
        known = cat.names(query)
        if known:
            names = "; ".join(f"{n.name} ({n.years})" for n in known)
            msg = f"code {query} has no name attested for {year} in the catalogue (known: {names})"
        else:
            msg = f"code {query} is not in the catalogue{when}; try a name, e.g. budgetx codes 养老"
    else:
        msg = f"no name in the catalogue matches {query!r}{when}; try fewer characters or a code"
    err_console.print(Text("error: ", style="bold red") + Text(msg))
    raise typer.Exit(NOT_FOUND_EXIT)


EXAMPLES = """Examples:

\b
  budgetx codes 2080505                  # 208 › 20805 › 2080505 机关事业单位基本养老保险缴费支出
  budgetx codes "208 05 05" --year 2018  # the names of 2018
  budgetx codes 养老 --year 2021          # search by name, best matches first
  budgetx codes 30311 --json             # every name with its years and sources, as JSON
"""


def register(app: typer.Typer) -> None:
    app.command("codes", epilog=EXAMPLES)(codes_command)
