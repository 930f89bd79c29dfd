"""The house's limits (issue 14), so a change that breaks one fails here instead of in a review:
no module in src/ over 500 lines, no cli/ module over 120, no function over 60, and imports
inside functions few (under 30) and each with a one-line reason."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

SRC = ROOT / "src" / "hoinhap_cli"


def _modules() -> list[tuple[Path, str, ast.Module]]:
    texts = [(p, p.read_text(encoding="utf-8")) for p in sorted(SRC.rglob("*.py"))]
    return [(p, text, ast.parse(text)) for p, text in texts]


def test_modules_are_small() -> None:
    too_big = [(p.relative_to(SRC), n) for p, text, _ in _modules()
               if (n := len(text.splitlines())) > (120 if p.parent.name == "cli" else 500)]
    assert too_big == []


def test_functions_are_short() -> None:
    long = [(f"{p.relative_to(SRC)}:{node.lineno} {node.name}", node.end_lineno - node.lineno + 1)
            for p, _, tree in _modules() for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 60]
    assert long == []


def test_imports_inside_functions_are_few_and_explained() -> None:
    inner: dict[str, bool] = {}  # "file:line" -> explained (a set: nested functions are walked twice)
    for p, text, tree in _modules():
        lines = text.splitlines()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for sub in ast.walk(node):
                    if isinstance(sub, (ast.Import, ast.ImportFrom)):
                        inner[f"{p.relative_to(SRC)}:{sub.lineno}"] = _explained(lines, sub.lineno)
    assert len(inner) < 30
    assert [where for where, ok in inner.items() if not ok] == []


def _explained(lines: list[str], lineno: int) -> bool:
    """A comment on the import's line, or above it (over a group of imports: `# rich (these three): …`)."""
    if "#" in lines[lineno - 1]:
        return True
    i = lineno - 2
    while i >= 0 and lines[i].strip().startswith(("from ", "import ")):
        i -= 1
    return i >= 0 and lines[i].strip().startswith("#")
