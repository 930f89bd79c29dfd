"""What the import tests share: where the plan documents are, an import run in this process,
a draft read back, and a document rendered as HTML (for LibreOffice to turn into .docx)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, hoinhap
from hoinhap_cli.importing.source import Document, read

SEED = ROOT / "tests" / "data" / "decision-02-2008.txt"  # the seed, byte for byte (../shared/seed/000_…)
# CI keeps shared/ beside the clone; a worktree of the clone keeps it one level further up.
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if (p / "plans").is_dir()), None)
NQ03 = "02_chinhphu-03-nq-cp-2025_ctr-hanh-dong-nq57.txt"
KH310 = "05_hanoi-310-kh-ubnd-2025_5g-iot.txt"


def shared_plan(name: str) -> Path:
    if SHARED is None or not (SHARED / "plans" / name).is_file():
        pytest.skip(f"../shared/plans/{name} is not beside the repository (CI copies shared/ there)")
    return SHARED / "plans" / name


def run_import(document: Path, out: Path, *args: str) -> tuple[int, str, str]:
    result = hoinhap("import", str(document), "--out", str(out), *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def draft(out: Path) -> dict[str, Any]:
    loaded = yaml.safe_load((out / "plan.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def tasks_of(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in plan["tasks"]}


def unit_names(plan: dict[str, Any], ids: list[str]) -> list[str]:
    names = {u["id"]: u["name"] for u in plan["units"]}
    return [names[i] for i in ids]


def as_html(doc: Document) -> str:
    """The document's paragraphs and tables as one HTML page, in their order."""
    items: list[tuple[int, int, Any]] = [(n, 0, text) for n, text in doc.paragraphs]
    items += [(t.pos.line or 0, 1, t) for t in doc.tables]
    out = ['<html><head><meta charset="utf-8"></head><body>']
    for _, kind, item in sorted(items, key=lambda x: (x[0], x[1])):
        if kind == 0:
            out.append(f"<p>{html.escape(item)}</p>")
            continue
        out.append('<table border="1">')
        for row in item.rows:
            cells = "".join(f"<td>{html.escape(c.text).replace(chr(10), '<br>')}</td>" for c in row.cells)
            out.append(f"<tr>{cells}</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def html_of(path: Path) -> str:
    return as_html(read(path))
