"""Limits on the ``budgetx`` process itself.

A process-wide memory limit (:func:`budgetx.budget.limit_memory`) turns a
runaway allocation into a clean error instead of the machine's OOM killer; it
is set only when budgetx owns the process — started as the ``budgetx``
command — never in a program that calls the CLI in-process (a test runner).
"""

from __future__ import annotations

from budgetx.budget import Budget, limit_memory

_owned = False


def own() -> None:
    """This process is the ``budgetx`` command: its limits are budgetx's to set."""
    global _owned
    _owned = True


def limit(budget: Budget) -> None:
    """Cap the process's memory at ``budget`` when budgetx owns the process."""
    if _owned:
        limit_memory(budget)
