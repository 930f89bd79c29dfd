"""Results as data: a query returns a value (plain data and its JSON record); the one place that
draws it for people is a view (views/, render/reportview), whose `Drawn` pairs the value with
its parts for `Output.report`. So nothing in queries/ has a `parts` (drawing itself in a format),
and queries/ imports nothing of render's drawing: no `render.render` (Listing, Note, Column, …),
and from render/ only the few words listed below, each with its reason.

Read from the source with `ast` (as tests/test_layers.py reads the graph: imports at any depth,
for the type checker too), and from the classes themselves (a `parts` inherited counts too).
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import hoinhap_cli
from hoinhap_cli.queries import overdue, programs, summary, upcoming
from hoinhap_cli.render import reportview
from hoinhap_cli.views import overdueview, programview, summaryview, upcomingview

PACKAGE = Path(hoinhap_cli.__file__).parent
QUERIES = PACKAGE / "queries"

# What queries/ may still take from render/: words that are part of the data, not a drawing.
# Shrink this; never grow it (a new need is a sign the drawing belongs in a view).
ALLOWED_FROM_RENDER = {
    ("review_doc", "hoinhap_cli.render.bars"),  # the completion rate in words, a sentence of the document
    ("review_doc", "hoinhap_cli.render.reportview"),  # the decision's name in words (document_name)
}


def drawing_methods(folder: Path) -> list[str]:
    """Every function or method named `parts` defined in the folder's modules, as `module:line`."""
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "parts":
                found.append(f"{path.stem}:{node.lineno}")
    return found


def render_imports(folder: Path, package: str = "hoinhap_cli") -> set[tuple[str, str]]:
    """(module, render module) for each import of render/ by the folder's modules, at any depth;
    `from hoinhap_cli.render import bars` is `hoinhap_cli.render.bars`."""
    render = f"{package}.render"
    found = set()
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module == render:
                targets = [f"{render}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module]
            else:
                continue
            found |= {(path.stem, t) for t in targets if t == render or t.startswith(render + ".")}
    return found


def test_no_value_in_queries_draws_itself() -> None:
    assert drawing_methods(QUERIES) == [], "a query's value is data: its drawing goes in a view's Drawn"
    drawn = []
    for path in sorted(QUERIES.glob("*.py")):
        module = importlib.import_module(f"hoinhap_cli.queries.{path.stem}")
        drawn += [f"{module.__name__}.{name}" for name, cls in vars(module).items()
                  if inspect.isclass(cls) and cls.__module__ == module.__name__ and hasattr(cls, "parts")]
    assert drawn == []


def test_queries_import_no_drawing() -> None:
    found = render_imports(QUERIES)
    assert not {(m, t) for m, t in found if t == "hoinhap_cli.render.render"}, "Listing, Note, Column: a view's"
    assert found <= ALLOWED_FROM_RENDER, f"queries/ imports from render/: {sorted(found - ALLOWED_FROM_RENDER)}"


def test_each_view_draws_a_value_for_output_report() -> None:
    """The values the commands answer with are each drawn by a view's Drawn (a render.Report:
    its record the value's, its parts the view's); the value has a record and no parts."""
    pairs = [(overdueview, overdue.OverdueReport), (upcomingview, upcoming.UpcomingList),
             (programview, programs.ProgramList), (summaryview, summary.Summary)]
    for view, value in pairs:
        assert inspect.get_annotations(view.Drawn)["value"] == value.__name__, view.__name__  # as written
        assert callable(view.Drawn.parts) and callable(view.Drawn.record) and callable(value.record)
        assert not hasattr(value, "parts")
    assert inspect.get_annotations(reportview.Drawn)["value"] == "ReportLedger"


def test_the_checks_name_a_value_that_draws_itself(tmp_path: Path) -> None:
    """The checker itself: a `parts` method, and render's Listing imported every way, are named;
    a record() and an import from elsewhere are not."""
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "late.py").write_text(
        "from hoinhap_cli.render.render import Listing, Note\n"
        "class Late:\n    def record(self): ...\n    def parts(self, fmt, lang): ...\n")
    (folder / "soon.py").write_text(
        "from typing import TYPE_CHECKING\nfrom hoinhap_cli.rules import deadlines\n"
        "if TYPE_CHECKING:\n    from hoinhap_cli.render import render\n"
        "def f():\n    import hoinhap_cli.render.bars\n    from hoinhap_cli.render import reportview\n")
    (folder / "fine.py").write_text("from hoinhap_cli.words.i18n import t\nclass Fine:\n    def record(self): ...\n")
    assert drawing_methods(folder) == ["late:4"]
    assert render_imports(folder) == {
        ("late", "hoinhap_cli.render.render"), ("soon", "hoinhap_cli.render.render"),
        ("soon", "hoinhap_cli.render.bars"), ("soon", "hoinhap_cli.render.reportview")}
