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


# --- the layers: one folder each, imports only down (installed with the folder move) ----------
# Bottom first: the one place the order is written. A module may import from its own layer and
# from the layers before it. The package folder's own modules sit outside the order: its
# `__init__` (the version) below every layer, the console script (`startup`, `__main__`) above.
LAYERS = ("words", "files", "model", "judgement", "ledger", "rules", "render", "queries", "views", "office", "importing", "cli")
BELOW_ALL = {NAME}
ABOVE_ALL = {f"{NAME}.__main__", f"{NAME}.startup"}


def layer_of(module: str) -> str:
    return module if module in BELOW_ALL | ABOVE_ALL else module.split(".")[1]


def _rank(module: str) -> int:
    if module in BELOW_ALL:
        return -1
    return len(LAYERS) if module in ABOVE_ALL else LAYERS.index(layer_of(module))


def imports_at(root: Path = PACKAGE, name: str = NAME) -> list[tuple[str, int, str]]:
    """(importer, line, imported module) for every import of the package's modules, read as
    `graph` reads them, at any depth."""
    files = {module_name(p, root, name): p for p in sorted(root.rglob("*.py"))}
    found = []
    for module, path in files.items():
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            one = ast.Module(body=[node], type_ignores=[])
            for target in imported(ast.unparse(one), module, path.name == "__init__.py", set(files)):
                found.append((module, node.lineno, target))
    return sorted(set(found))


def running_up(root: Path = PACKAGE, name: str = NAME) -> list[str]:
    return [f"{a}:{line} imports {b} ({layer_of(b)} is above {layer_of(a)})"
            for a, line, b in imports_at(root, name) if _rank(b) > _rank(a)]


def test_every_module_sits_in_a_layer_folder() -> None:
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    astray = sorted(m for m in modules if m not in BELOW_ALL | ABOVE_ALL and layer_of(m) not in LAYERS)
    assert astray == [], "each module sits in a folder named in LAYERS"
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name not in ("bundled", "__pycache__"))
    assert folders == sorted(LAYERS)


def test_no_import_runs_back_up_a_layer() -> None:
    up = running_up()
    assert not up, f"{len(up)} imports run back up:\n" + "\n".join(up)


def test_the_order_check_names_an_import_that_runs_up(tmp_path: Path) -> None:
    """The checker itself: an import of a higher layer inside a function, and one for the type
    checker, are each named with their line; one down a layer or within it is not."""
    pkg = tmp_path / NAME
    for layer in ("words", "rules", "cli"):
        (pkg / layer).mkdir(parents=True)
        (pkg / layer / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "words" / "text.py").write_text(f"def f():\n    from {NAME}.rules import judge\n")
    (pkg / "words" / "i18n.py").write_text(f"from {NAME}.words import text\n")
    (pkg / "rules" / "judge.py").write_text(
        f"from typing import TYPE_CHECKING\nfrom {NAME}.words.text import f\nif TYPE_CHECKING:\n"
        f"    from {NAME}.cli import app\n")
    (pkg / "cli" / "app.py").write_text(f"from {NAME}.rules import judge\n")
    assert running_up(pkg, NAME) == [
        f"{NAME}.rules.judge:4 imports {NAME}.cli.app (cli is above rules)",
        f"{NAME}.words.text:2 imports {NAME}.rules.judge (rules is above words)",
    ]


def test_the_map_lists_the_folders_in_order() -> None:
    """docs/architecture.md's "Folders" section: each layer, top first, with the modules it holds."""
    text = (PACKAGE.parent.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert "## Folders\n" in text
    section = text.split("## Folders\n", 1)[1].split("\n## ", 1)[0]
    lines = section.splitlines()
    listed = [(line[3:].split("/`")[0], lines[i + 1]) for i, line in enumerate(lines) if line.startswith("- `")]
    assert [layer for layer, _ in listed] == list(reversed(LAYERS))
    for layer, mods in listed:
        held = sorted(p.stem for p in (PACKAGE / layer).glob("*.py") if p.stem != "__init__")
        assert mods.strip().replace("`", "").split(", ") == held, f"docs/architecture.md: the modules of {layer}/"
