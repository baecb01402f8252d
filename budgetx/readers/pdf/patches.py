"""Attributes of pdfminer replaced while budgetx reads a PDF, and put back after.

budgetx changes a few of pdfminer's module attributes and methods for the time
it reads (its per-token debug loggers silenced, its inflating and reference
resolution made safe); a program that uses pdfminer itself, before or after,
sees pdfminer unchanged.  Readings nest and may run in several threads: the
attributes are replaced when the first reading begins and put back when the
last one ends.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

#: (owner, attribute name, the value it takes while active)
Patch = tuple[Any, str, Any]


class Patches:
    """A set of replacements, active while any :meth:`active` context is open."""

    def __init__(self, make: Callable[[], list[Patch]]) -> None:
        #: the replacements, computed when the first context opens (the modules loaded then)
        self.make = make
        self.lock = threading.Lock()
        self.depth = 0
        self.saved: list[Patch] = []

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        with self.lock:
            if self.depth == 0:
                for owner, name, value in self.make():
                    if hasattr(owner, name):
                        self.saved.append((owner, name, getattr(owner, name)))
                        setattr(owner, name, value)
            self.depth += 1
        try:
            yield
        finally:
            with self.lock:
                self.depth -= 1
                if self.depth == 0:
                    for owner, name, value in self.saved:
                        setattr(owner, name, value)
                    self.saved.clear()
