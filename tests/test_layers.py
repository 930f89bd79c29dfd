"""The package's imports flow one way: no module imports, at any depth, a module that imports it.

The graph is read from the source with `ast`, every module of the package in every folder,
imports at the top of a module and inside its functions alike (a function-level import is still
a dependency, only a later one) and those under `if TYPE_CHECKING:` too (a module that names
another's types depends on it, on paper if not at run time); relative imports are resolved
against the importing module's package. Importing `a.b` runs `a/__init__.py` first; that is
Python's, not an edge of the graph (a package's `__init__` importing its own modules is no circle).
"""

from __future__ import annotations

import ast
from pathlib import Path

import hoinhap_cli

PACKAGE = Path(hoinhap_cli.__file__).parent
NAME = "hoinhap_cli"


def module_name(path: Path, root: Path = PACKAGE, name: str = NAME) -> str:
    """`hoinhap_cli.cli.group` for src/hoinhap_cli/cli/group.py; a package by its folder."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([name, *parts])


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth."""
    return [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


def imported(source: str, module: str, is_package: bool, modules: set[str]) -> set[str]:
    """The package's modules that `module`'s source imports (`from a import b`: the module a.b
    when there is one, else a itself)."""
    base = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _imports(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            if node.level:
                anchor = base.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                stem = ".".join([*anchor, node.module] if node.module else anchor)
            else:
                stem = node.module or ""
            targets = [f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in modules else stem for alias in node.names]
        for target in targets:
            while target and target not in modules:  # `import a.b.c`: the deepest module known
                target = target.rpartition(".")[0]
            if target and target != module:
                found.add(target)
    return found


def graph(root: Path = PACKAGE, name: str = NAME) -> dict[str, set[str]]:
    """Each module of the package (walked recursively) and the package modules it imports."""
    files = {module_name(p, root, name): p for p in sorted(root.rglob("*.py"))}
    modules = set(files)
    return {m: imported(p.read_text(encoding="utf-8"), m, p.name == "__init__.py", modules) for m, p in files.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: each strongly connected set of two modules or more (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(out)


def test_no_module_of_the_package_imports_one_that_imports_it() -> None:
    found = cycles(graph())
    assert not found, "import circles: " + "; ".join(" ↔ ".join(c) for c in found)


def test_the_graph_reads_every_kind_of_import(tmp_path: Path) -> None:
    """The checker itself: a circle closed by a function-level import, a relative import, a
    module in a subfolder or an import for the type checker is found."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from . import deep\n")
    (pkg / "a.py").write_text("from pkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from pkg.sub import deep\n")
    (pkg / "sub" / "deep.py").write_text("from ..a import x\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import d\n")
    (pkg / "d.py").write_text("import pkg.c\n")
    edges = graph(pkg, "pkg")
    assert edges["pkg.sub.deep"] == {"pkg.a"} and edges["pkg.b"] == {"pkg.sub.deep"}
    assert edges["pkg.sub"] == {"pkg.sub.deep"} and edges["pkg.c"] == {"pkg.d"} and edges["pkg.d"] == {"pkg.c"}
    assert cycles(edges) == [["pkg.a", "pkg.b", "pkg.sub.deep"], ["pkg.c", "pkg.d"]]
