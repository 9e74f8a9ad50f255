"""The companion package as a whole: its import graph and the data it must not hold.

* The import graph (every ``import``, also inside functions, read with
  ``ast``) has no cycle, and ``companion.data`` never imports
  ``companion.book`` or ``companion.derive``: data flows data/ -> package ->
  notebooks, never back.
* No string literal of 40 characters or more in the package appears
  verbatim in the report: quotes live in data/, with provenance.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from companion.data import report
from companion.paths import repo_root
from tests.requirements import require_report_text

PACKAGE = repo_root() / "companion"
LONG_LITERAL = 40

def module_name(path: Path, root: Path) -> str:
    """``companion/data/tables.py`` -> ``companion.data.tables``; packages by their folder."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Which modules of the package at ``root`` each of its modules imports.

    ``from a.b import c`` counts as importing ``a.b.c`` when that is a module
    of the package, else ``a.b``. Relative imports are resolved. Imports of
    other packages are left out.
    """
    modules = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]  # `import a.b.c` of a non-module attribute
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _write_package(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


# ---------------------------------------------------------------- the checks on a toy package


def test_a_cycle_hidden_inside_a_function_is_found(tmp_path: Path):
    root = _write_package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from pkg.b import thing\n",
        "pkg/b.py": "def thing():\n    from pkg import a\n",
        "pkg/c.py": "import pkg.a\nimport os\n",
    })
    graph = import_graph(root)
    assert graph["pkg.a"] == {"pkg.b"}
    assert graph["pkg.b"] == {"pkg.a"}
    assert graph["pkg.c"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.b"]]


def test_relative_imports_are_resolved(tmp_path: Path):
    root = _write_package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/sub/__init__.py": "",
        "pkg/sub/x.py": "from . import y\nfrom ..top import name\n",
        "pkg/sub/y.py": "",
        "pkg/top.py": "name = 1\n",
    })
    graph = import_graph(root)
    assert graph["pkg.sub.x"] == {"pkg.sub.y", "pkg.top"}
    assert cycles(graph) == []


# ---------------------------------------------------------------- the package itself


def test_the_package_has_no_import_cycle():
    graph = import_graph(PACKAGE)
    assert "companion.derive.checks" in graph and "companion.book.meeting" in graph  # the walk found the tree
    assert cycles(graph) == []


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("companion.data", ("companion.book", "companion.derive", "companion.cite")),
    ("companion.derive", ("companion.book", "companion.cite")),
])
def test_lower_layers_do_not_import_higher_ones(layer: str, forbidden: tuple[str, ...]):
    graph = import_graph(PACKAGE)
    members = [name for name in graph if name == layer or name.startswith(layer + ".")]
    assert members, f"no modules under {layer}"
    wrong = sorted(
        f"{name} imports {target}"
        for name in members
        for target in graph[name]
        if any(target == upper or target.startswith(upper + ".") for upper in forbidden)
    )
    assert wrong == []


def _long_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string constant of LONG_LITERAL or more characters,
    the constant parts of f-strings included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= LONG_LITERAL
    ]


def test_no_long_literal_of_the_package_is_a_quote_from_the_report():
    text = report.normalize(require_report_text())
    quoted = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).as_posix()
        for line, literal in _long_literals(path):
            if report.normalize(literal) in text:
                quoted.append(f"{relative}:{line}: {literal[:80]!r}")
    assert quoted == [], "report text in code; move it to a table in data/ with its provenance:\n" + "\n".join(quoted)


def test_the_literal_scan_sees_f_strings_and_docstrings(tmp_path: Path):
    path = tmp_path / "sample.py"
    path.write_text(
        '"""A docstring of more than forty characters, to be scanned."""\n'
        'x = f"{1} and a constant part that is longer than forty characters"\n'
        'y = "short"\n',
        encoding="utf-8",
    )
    found = [literal for _, literal in _long_literals(path)]
    assert found == [
        "A docstring of more than forty characters, to be scanned.",
        " and a constant part that is longer than forty characters",
    ]
