"""Table kinds: the model's ``TableKind`` names exactly the kinds that ``kind_of`` gives."""

from __future__ import annotations

from typing import get_args

from budgetx.model import TableKind
from budgetx.tables.kinds import ALL_KINDS, KINDS, NARRATIVE, kind_of


def test_table_kind_is_every_kind_kind_of_returns():
    # kind_of returns a kind of KINDS, or "other" for a title none matches
    returned = [kind for kind, _, _ in KINDS] + [kind_of("")]
    assert kind_of("") == "other"
    # the same members, in the same order as the JSON schema's enum and `budgetx kinds`, and the
    # kind segmentation gives a small table of the narrative
    assert list(get_args(TableKind)) == [*returned, NARRATIVE] == ALL_KINDS
    assert len(set(returned)) == len(returned)
