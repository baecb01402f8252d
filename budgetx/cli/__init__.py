"""The command-line interface: thin typer commands over the library.

A command runs once and keeps most of what it allocates to its end (the modules it
imports, a page's chars, the tables read): Python's cyclic collector, run every 700
new containers by default, finds little to free there.  The command runs it every
100,000 (as mypy does for the same reason), some 2–3 % of a PDF extraction;
reference counting still frees everything that is not in a cycle at once.
"""

import gc

gc.set_threshold(100_000, 50, 100)

from budgetx.cli.app import app, main  # noqa: E402 (after the collector's thresholds: the imports allocate most)

__all__ = ["app", "main"]
