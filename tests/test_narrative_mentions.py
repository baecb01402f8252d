"""The narrative's mentions of a 类's figure are found as the lookbehind pattern finds them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetx.validate.narrative import _NUMBER, _UNIT, _class_mentions

BASES = ["卫生健康", "社会保障和就业", "住房保障"]


def reference(text: str, base: str) -> list[tuple[int, int, str]]:
    """What the single pattern with the lookbehind finds."""
    pattern = re.compile(
        rf"(?<![\u4e00-\u9fff（(]){re.escape(base)}(?:支出)?(?:[（(]类[)）])?(?:预算|决算)?(?:数)?(?:为)?\n?{_NUMBER}\n?{_UNIT}"
    )
    return [(m.start(), m.end(), m.group("num")) for m in pattern.finditer(text)]


def found(text: str, base: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("num")) for m in _class_mentions(text, base)]


PIECES = st.sampled_from(
    [
        *BASES,
        "支出",
        "（类）",
        "(类)",
        "预算",
        "决算",
        "数",
        "为",
        "\n",
        "1,234.56",
        "12",
        "0.5",
        "万元",
        "元",
        "亿元",
        "，",
        "。",
        "（",
        "(",
        "其他",
        "公共",
        "a",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=14), st.sampled_from(BASES))
def test_same_matches_as_the_lookbehind_pattern(pieces, base):
    text = "".join(pieces)
    assert found(text, base) == reference(text, base)


def test_a_longer_name_ending_in_the_base_is_not_a_mention():
    text = "城乡社区住房保障支出10万元，住房保障支出（类）预算为1,234.56万元"
    assert found(text, "住房保障") == [(15, 37, "1,234.56")] == reference(text, "住房保障")
