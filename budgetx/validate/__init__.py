"""Validation: the identities a correct document satisfies, as findings.

Each rule is a small function ``rule(ctx) -> Iterable[Finding]`` in its own
module; :data:`RULES` lists them in the order their findings are reported.
A rule that cannot find the tables or figures it needs reports nothing: a
finding always points at printed figures that disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal

from budgetx.model import Document, Finding
from budgetx.readers import unreadable
from budgetx.validate import (
    blocks,
    crosstable,
    document,
    hierarchy,
    names,
    narrative,
    percent,
    rowsums,
    suspects,
    wording,
)
from budgetx.validate.base import DEFAULT_TOLERANCE, Context

Rule = Callable[[Context], Iterable[Finding]]

#: (module name, rule function), in report order
RULES: list[tuple[str, Rule]] = [
    ("hierarchy", hierarchy.check),
    ("rowsums", rowsums.check),
    ("blocks", blocks.check),
    ("crosstable", crosstable.check),
    ("narrative", narrative.check),
    ("percent", percent.check),
    ("names", names.check),
    ("document", document.check),
    ("wording", wording.check),
]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def run(
    doc: Document, tolerance: Decimal | str | float = DEFAULT_TOLERANCE, *, checks: Counter[str] | None = None
) -> list[Finding]:
    """Every finding for ``doc``.

    ``tolerance`` is the largest difference (in the compared table's unit, the
    coarser one when two units meet) that rounding explains: such a difference
    is a warning, a larger one an error.  Pass a ``Counter`` as ``checks`` to
    learn how many pairs of figures each rule compared.
    """
    ctx = Context(doc, Decimal(str(tolerance)))
    findings: list[Finding] = unreadable.findings(doc.source)
    seen: set[tuple[object, ...]] = set()
    for name, rule in RULES:
        try:
            produced = list(rule(ctx))
        except Exception as exc:  # a rule's bug must not cost the user the extraction
            produced = [_crashed(name, exc)]
        for f in produced:
            key = (f.rule, f.table, f.code, f.row_name, f.column, f.page, f.line, f.expected, f.actual)
            if key in seen:
                continue
            seen.add(key)
            findings.append(f)
    if checks is not None:
        checks.update(ctx.checks)
    return suspects.revise(doc, findings)


def _crashed(name: str, exc: Exception) -> Finding:
    return Finding(
        rule="validate.crashed",
        severity="warning",
        message=f"校验规则 {name} 出错，未能完成：{type(exc).__name__}: {exc}",
        message_en=f"the {name} rules failed and checked nothing more: {type(exc).__name__}: {exc}; please report it",
    )


def with_narrative(doc: Document, narrative: Document) -> Document:
    """``doc`` with the narrative of another file of the same publication.

    Jiangsu publishes the 情况说明 and the tables as two files: validating the
    tables file with the narrative file's text lets the narrative rules compare
    its figures.  The narrative's pages are those of its own file.
    """
    return replace(doc, narrative=list(narrative.narrative), findings=[])


__all__ = ["DEFAULT_TOLERANCE", "RULES", "SEVERITY_ORDER", "run", "with_narrative"]
