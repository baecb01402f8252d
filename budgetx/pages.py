"""Page selections: ``"3-7,12"`` → the pages of a document to read, 1-based as printed.

A selection is kept as ranges, never expanded (``1-1000000000`` costs two
numbers), and tells whether a page is in it and which of a document's pages
it names.  :func:`parse` reads the written form and raises
:class:`PageSpecError` (a ``ValueError``) with a message that says what is
wrong; :meth:`PageSelection.check` raises
:class:`~budgetx.errors.BadPageSelection` when the selection goes past the
document's last page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from budgetx import patterns
from budgetx.errors import BadPageSelection

_ITEM = patterns.compile(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?")


class PageSpecError(ValueError):
    """A page selection that cannot be read ("0", "7-3", "abc"): ``item`` is the part at fault, ``why`` what is wrong."""

    def __init__(self, item: str, why: str) -> None:
        super().__init__(f"{item!r}: {why}" if item else why)
        self.item = item
        self.why = why


@dataclass(frozen=True)
class PageSelection:
    """Pages as sorted, disjoint, non-adjacent ranges ``(first, last)``, both 1-based and inclusive."""

    ranges: tuple[tuple[int, int], ...]

    def __post_init__(self) -> None:
        if not self.ranges:
            raise PageSpecError("", "no page given")

    def __contains__(self, page: object) -> bool:
        return isinstance(page, int) and any(a <= page <= b for a, b in self.ranges)

    def __str__(self) -> str:
        return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in self.ranges)

    @property
    def last(self) -> int:
        return self.ranges[-1][1]

    def within(self, count: int) -> Iterator[int]:
        """The selected pages of a document of ``count`` pages, in order."""
        for a, b in self.ranges:
            yield from range(a, min(b, count) + 1)

    def check(self, count: int, path: str) -> None:
        """Raise :class:`BadPageSelection` when the selection goes past page ``count``, the document's last."""
        if self.last > count:
            pages = "1 page" if count == 1 else f"{count} pages"
            raise BadPageSelection(path, f"pages {self} asked for, the document has {pages}; give pages 1 to {count}")


def parse(spec: str) -> PageSelection:
    """The selection ``spec`` writes: pages and ranges separated by commas (``3-7,12``), 1-based.

    Overlapping or unordered items are merged (``12,3-7,5`` is ``3-7,12``).
    """
    items: list[tuple[int, int]] = []
    for part in spec.split(","):
        m = _ITEM.fullmatch(part)
        if m is None:
            raise PageSpecError(part.strip(), "not a page or a range; write pages like 3-7,12 (1-based)")
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) is not None else first
        if first < 1:
            raise PageSpecError(part.strip(), "pages are numbered from 1")
        if last < first:
            raise PageSpecError(part.strip(), f"a range goes from the lower page to the higher ({last}-{first})")
        items.append((first, last))
    return PageSelection(_merge(items))


def selection(pages: str | Iterable[int] | PageSelection | None) -> PageSelection | None:
    """``pages`` as a :class:`PageSelection`: a written spec, page numbers, a selection, or None for every page."""
    if pages is None or isinstance(pages, PageSelection):
        return pages
    if isinstance(pages, str):
        return parse(pages)
    numbers = list(pages)
    if any(not isinstance(n, int) or isinstance(n, bool) or n < 1 for n in numbers):
        raise PageSpecError("", f"pages are whole numbers from 1; got {numbers!r}")
    return PageSelection(_merge([(n, n) for n in numbers]))


def _merge(items: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(items):
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return tuple(merged)
