"""budgetx's patterns compiled from their kept programs are re.compile's patterns."""

from __future__ import annotations

import importlib
import marshal
import pkgutil
import re
import sys

import pytest

import budgetx
from budgetx import patterns


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """The programs' file in a temporary folder, nothing read or compiled yet."""
    path = tmp_path / "__pycache__" / "patterns.re"
    monkeypatch.setattr(patterns, "cache_file", lambda: path)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    patterns._reset()
    yield path
    patterns._reset()


def test_every_pattern_of_budgetx_equals_re_compiles():
    for module in pkgutil.walk_packages(budgetx.__path__, "budgetx."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    compiled = dict(patterns._compiled)
    assert len(compiled) > 150
    for (pattern, flags), found in compiled.items():
        expected = re.compile(pattern, flags)
        assert found == expected, pattern  # equal patterns have the same program
        assert (found.flags, found.groups, found.groupindex) == (expected.flags, expected.groups, expected.groupindex)


def test_a_program_kept_is_read_back_by_the_next_process(cache):
    text, flags = r"(?P<code>\d{3})\s*[\u4e00-\u9fff]+", re.IGNORECASE
    first = patterns.compile(text, flags)
    patterns._save()
    assert cache.exists()
    patterns._reset()
    again = patterns.compile(text, flags)
    assert (text, int(flags)) in patterns._load() and not patterns._new  # read from the file, nothing to write
    assert again == first == re.compile(text, flags)
    match = again.match("101 一般公共服务")
    assert match is not None and match.group("code") == "101"
    assert patterns.compile(rb"[0-7]{1,3}") == re.compile(rb"[0-7]{1,3}")


def test_nothing_is_written_when_nothing_new_was_compiled_or_bytecode_is_not(cache, monkeypatch):
    patterns._save()
    assert not cache.exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    patterns.compile(r"表\d+")
    patterns._save()
    assert not cache.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"not marshal data",
        marshal.dumps((("another python", 0, 0), {("x", 0): (0, [1, 2], 0, {}, (None,))})),
        marshal.dumps((patterns._STAMP, {(r"表\d+", 0): (0, [999999], 0, {}, (None,))})),  # refused by the engine
    ],
)
def test_an_unreadable_or_foreign_file_is_compiled_afresh(cache, content):
    cache.parent.mkdir()
    cache.write_bytes(content)
    assert patterns.compile(r"表\d+") == re.compile(r"表\d+")
    assert patterns.compile("x") == re.compile("x")


def test_past_the_limit_the_file_starts_afresh(cache, monkeypatch):
    monkeypatch.setattr(patterns, "LIMIT", 3)
    for k in range(5):
        patterns.compile(f"表{k}")
    assert sorted(patterns._load()) == [("表3", 0), ("表4", 0)]
