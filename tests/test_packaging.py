"""What a fresh machine installs: ``make sample`` the runtime only, ``make install`` the dev tools too;
every runtime dependency is imported by budgetx."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

tomllib = pytest.importorskip("tomllib")

#: a distribution's name → the module budgetx imports
MODULE = {"pdfminer.six": "pdfminer", "Pillow": "PIL"}


def target(name: str) -> tuple[str, str]:
    """(prerequisites, recipe) of the Makefile's target ``name``."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(rf"^{name}:(.*)\n((?:\t.*\n)*)", text, flags=re.M)
    assert m is not None, name
    return m.group(1).strip(), m.group(2)


def test_make_sample_installs_only_what_budgetx_needs_to_run():
    prerequisites, recipe = target("sample")
    assert prerequisites == "runtime" and "budgetx extract" in recipe
    _, runtime = target("runtime")
    assert "pip install -q -e .\n" in runtime and "[dev]" not in runtime


def test_make_install_brings_the_dev_tools():
    _, recipe = target("install")
    assert "-e '.[dev]'" in recipe


def test_every_runtime_dependency_is_imported():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "budgetx").rglob("*.py"))
    for requirement in project["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0)
        module = MODULE.get(name, name.replace("-", "_"))
        assert re.search(rf"^\s*(?:import|from) {re.escape(module)}\b", source, flags=re.M), requirement
