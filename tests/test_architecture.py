"""budgetx's import rules, read from its source with :mod:`ast`.

* the readers turn files into lines and know nothing of tables: no module
  under ``budgetx/readers`` imports ``budgetx.tables``;
* ``budgetx.normalize`` is the vocabulary below the readers and the tables: it
  imports no budgetx module but :mod:`budgetx.model` and its own;
* the patterns of amounts, subject codes and captions are written once, in
  ``budgetx/normalize``: no other module binds a module-level name such as
  ``_AMOUNT``, ``_DECIMAL``, ``_CODE``, ``_CAPTION`` or ``_TITLE_END``, nor
  writes a regular expression with the idioms of a grouped amount
  (``,\\d{3}``), a decimal amount (``\\.\\d``) or a subject code
  (``[1-9]\\d{2}``, ``(?:\\d{2}){0,2}``);
* the imports between budgetx modules, function-level ones included, form no
  cycle.

The checks are functions of a source tree, so that the last tests can show
each of them failing on a small tree that breaks its rule.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: import cycles allowed to stand: none (validate's crosstable and narrative share
#: budgetx.validate.queries instead of importing each other)
KNOWN_CYCLES: frozenset[frozenset[str]] = frozenset()

#: packages whose registry is a declared table of plugin modules, imported when a
#: format is first used: the package's function-level imports of its own
#: submodules close no import-time cycle, so they are not counted; any other
#: import between these modules is.
LAZY_REGISTRIES = frozenset({"budgetx.readers", "budgetx.export"})

#: module-level names of a pattern (a string or a compiled regex) that define the
#: vocabulary, allowed in budgetx.normalize only
VOCABULARY_NAME = re.compile(r"_?(?:AMOUNT|DECIMAL|DIGITS|CODE|CAPTION|TITLE_END)")

#: the regex idioms of the vocabulary, as they appear in a pattern's text
IDIOMS = {
    "a grouped amount": re.compile(r",\\d\{3\}"),
    "a decimal amount": re.compile(r"\\\.\\d"),
    "a subject code": re.compile(r"\[1-\d\]\\d\{2\}|\\d\{2\}\)\{0,2\}"),
}

#: packages that read figures inside running text, not printed cells: budgetx.validate
#: finds "426.37万元" in sentences with its own number patterns, so the decimal idiom
#: is allowed there (the grouped-amount and code idioms are not)
PROSE_FIGURES = ("budgetx.validate",)

#: (module, module-level name) of vocabulary outside budgetx.normalize, left for
#: the part of budgetx that owns it: the codes command's query syntax accepts the
#: codes of classes 1-5 only
VOCABULARY_ELSEWHERE = frozenset({("budgetx.cli.codes", "_CODE")})


# -- reading the source ---------------------------------------------------------


def modules(root: Path) -> dict[str, Path]:
    """Every module of the ``budgetx`` package under ``root``, by dotted name (a C extension by its source)."""
    out: dict[str, Path] = {}
    for path in sorted((root / "budgetx").rglob("*.c")):
        out[".".join(path.relative_to(root).with_suffix("").parts)] = path
    for path in sorted((root / "budgetx").rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    #: inside a function (run when called, not when the module is imported)
    lazy: bool


class _ImportVisitor(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, known: dict[str, Path]) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.known = known
        self.depth = 0
        self.found: list[Import] = []

    def _add(self, name: str, node: ast.AST) -> None:
        while name and name not in self.known:
            name = name.rpartition(".")[0]
        if name:
            self.found.append(Import(self.module, name, getattr(node, "lineno", 0), self.depth > 0))

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] == "budgetx":
                self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            source = ".".join([*base, node.module] if node.module else base)
        else:
            source = node.module or ""
        if source.split(".")[0] != "budgetx":
            return
        for alias in node.names:
            sub = f"{source}.{alias.name}"
            self._add(sub if sub in self.known else source, node)

    def visit_Call(self, node: ast.Call) -> None:
        # __import__("budgetx.cli.codes", ...), importlib.import_module("budgetx...")
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in ("__import__", "import_module") and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.startswith("budgetx"):
                self._add(first.value, node)
        self.generic_visit(node)


def imports(known: dict[str, Path]) -> list[Import]:
    """Every import of a budgetx module by a budgetx module, module- and function-level."""
    out: list[Import] = []
    for name, path in known.items():
        if path.suffix != ".py":
            continue  # a C extension imports nothing of budgetx
        visitor = _ImportVisitor(name, path.name == "__init__.py", known)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        out.extend(visitor.found)
    return out


def import_time(edges: list[Import]) -> list[Import]:
    """The imports less a registry package's lazy imports of its own plugins (see LAZY_REGISTRIES)."""
    return [
        e for e in edges if not (e.lazy and e.importer in LAZY_REGISTRIES and e.imported.startswith(e.importer + "."))
    ]


def cycles(edges: list[Import]) -> set[frozenset[str]]:
    """The import cycles: each strongly connected set of modules (Tarjan), or a module importing itself."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        graph.setdefault(e.importer, set()).add(e.imported)
        graph.setdefault(e.imported, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part: set[str] = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                part.add(w)
                if w == v:
                    break
            if len(part) > 1 or v in graph[v]:
                found.add(frozenset(part))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return found


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of bare string statements (docstrings and string comments)."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }


def _strings(node: ast.AST, skip: set[int]) -> Iterator[tuple[int, str]]:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and id(sub) not in skip:
            yield sub.lineno, sub.value


def _bound_names(stmt: ast.stmt) -> list[str]:
    targets: list[ast.expr] = []
    if isinstance(stmt, ast.Assign):
        targets = stmt.targets
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        targets = [stmt.target]
    return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]


def _is_pattern(stmt: ast.stmt) -> bool:
    """A statement that binds a string, a ``re.compile(...)`` or a ``patterns.compile(...)``."""
    value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)) else None
    if isinstance(value, ast.JoinedStr) or (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return True
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "compile"
        and isinstance(value.func.value, ast.Name)
        and value.func.value.id in ("re", "patterns")
    )


def vocabulary_outside_normalize(known: dict[str, Path]) -> list[str]:
    """Where a module outside budgetx.normalize defines amounts, codes or captions itself."""
    found: list[str] = []
    for module, path in known.items():
        if module == "budgetx.normalize" or module.startswith("budgetx.normalize.") or path.suffix != ".py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        skip = _docstrings(tree)
        prose = module.startswith(PROSE_FIGURES)
        for stmt in tree.body:
            names = _bound_names(stmt)
            if any((module, n) in VOCABULARY_ELSEWHERE for n in names):
                continue
            where = f"{module}:{stmt.lineno}"
            if _is_pattern(stmt):
                found.extend(f"{where} binds {n}" for n in names if VOCABULARY_NAME.fullmatch(n))
            for line, text in _strings(stmt, skip):
                for what, idiom in IDIOMS.items():
                    if idiom.search(text) and not (prose and what == "a decimal amount"):
                        found.append(f"{module}:{line} writes the pattern of {what}: {text!r}")
    return found


# -- the rules, on budgetx ----------------------------------------------------------

KNOWN = modules(ROOT)
EDGES = imports(KNOWN)


def test_the_source_is_read():
    assert {"budgetx.readers.pdf", "budgetx.readers.text.layout", "budgetx.normalize.captions"} <= set(KNOWN)
    lazy = {(e.importer, e.imported) for e in EDGES if e.lazy}
    assert ("budgetx.extract", "budgetx.validate") in lazy  # a function-level import is seen
    assert ("budgetx.cli.app", "budgetx.cli.codes") in {(e.importer, e.imported) for e in EDGES}


def test_readers_do_not_import_tables():
    wrong = [
        f"{e.importer}:{e.line} imports {e.imported}"
        for e in EDGES
        if e.importer.startswith("budgetx.readers") and (e.imported + ".").startswith("budgetx.tables.")
    ]
    assert wrong == []


def test_normalize_imports_only_the_model_and_itself():
    wrong = [
        f"{e.importer}:{e.line} imports {e.imported}"
        for e in EDGES
        if e.importer.startswith("budgetx.normalize")
        and not e.imported.startswith("budgetx.normalize")
        and e.imported not in ("budgetx.model", "budgetx.patterns")  # patterns: re.compile, its programs kept
    ]
    assert wrong == []


def test_amounts_codes_and_captions_are_defined_in_normalize_only():
    assert vocabulary_outside_normalize(KNOWN) == []


def test_no_import_cycles():
    found = cycles(import_time(EDGES))
    assert found - KNOWN_CYCLES == set(), sorted(sorted(c) for c in found - KNOWN_CYCLES)


# -- each rule fails on a tree that breaks it ------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> dict[str, Path]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return modules(tmp_path)


def test_the_rules_fail_on_a_tree_that_breaks_them(tmp_path):
    known = _tree(
        tmp_path,
        {
            "budgetx/__init__.py": "",
            "budgetx/readers/__init__.py": "def _load():\n    from budgetx.readers import pdf\n",
            "budgetx/readers/pdf.py": (
                "import re\nfrom budgetx.readers import register\n"
                '_AMOUNT = re.compile(r"^\\d{1,3}(?:,\\d{3})+$")\n'
                'def f(t):\n    return re.fullmatch(r"\\d+\\.\\d+", t)\n'
                '_CODE = patterns.compile(r"[1-9]\\d{2}")\n'
            ),
            "budgetx/readers/text.py": "def f():\n    from budgetx.tables.segment import segment\n",
            "budgetx/tables/__init__.py": "",
            "budgetx/tables/segment.py": "from ..readers import text\n",
            "budgetx/validate/__init__.py": 'NUM = r"\\d[\\d,]*(?:\\.\\d+)?"\nCODE = r"[1-9]\\d{2}"\n',
        },
    )
    edges = imports(known)
    assert [(e.importer, e.imported, e.lazy) for e in edges if e.imported.startswith("budgetx.tables")] == [
        ("budgetx.readers.text", "budgetx.tables.segment", True)
    ]
    # the registry's lazy import of its plugin is no cycle; readers.text <-> tables.segment is one
    assert cycles(import_time(edges)) == {frozenset({"budgetx.readers.text", "budgetx.tables.segment"})}
    assert frozenset({"budgetx.readers", "budgetx.readers.pdf"}) in cycles(edges)
    found = vocabulary_outside_normalize(known)
    assert any("binds _AMOUNT" in f for f in found)
    assert any("binds _CODE" in f for f in found)
    assert any("budgetx.readers.pdf:3 writes the pattern of a grouped amount" in f for f in found)
    assert any("budgetx.readers.pdf:5 writes the pattern of a decimal amount" in f for f in found)
    assert any("budgetx.validate:2 writes the pattern of a subject code" in f for f in found)
    assert not any("budgetx.validate:1" in f for f in found)  # a figure in prose
