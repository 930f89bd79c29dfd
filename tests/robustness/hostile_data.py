"""What the issue-19 tests share: a data folder with the shipped plan, a run that must leave it
untouched (links, FIFOs and devices compared by lstat, never opened), and the report to edit."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any

from conftest import hoinhap
from plan_cases import SHIPPED

TODAY = "2009-05-20"
QUARTER = "2009-Q2"
REPORT = Path("reports") / QUARTER / "phong-kinh-te.yaml"
ENTRY = 'unit: phong-kinh-te\nperiod: 2009-Q2\nentries:\n  - task: "2.10"\n    status: in-progress\n' \
        '    date: 2009-04-02\n    note: "đã khảo sát"\n'
RECORD = ["record", "2.10", "--status", "done", "--unit", "phong-kinh-te", "--date", "2009-05-02"]


def make_data(folder: Path, report: str | None = ENTRY) -> Path:
    """`folder`/data: the shipped plan, and (unless None) one report for 2009-Q2."""
    data = folder / "data"
    (data / REPORT).parent.mkdir(parents=True)
    (data / "plan.yaml").write_text(SHIPPED, encoding="utf-8")
    if report is not None:
        (data / REPORT).write_text(report, encoding="utf-8")
    return data


def snapshot(folder: Path) -> dict[str, Any]:
    """Every entry below `folder` by lstat: regular files by the hash of their bytes, links by
    their target, anything else by its type. Nothing but regular files is opened. Lock files
    and reports/.gitignore are left out: a writer makes them before it reads anything."""
    out: dict[str, Any] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root, name)
            st = path.lstat()
            if stat.S_ISREG(st.st_mode) and (name.endswith(".lock") or name == ".gitignore"):
                continue  # a writer's lock file and reports/.gitignore are made before any check
            if stat.S_ISREG(st.st_mode):
                out[str(path)] = (hashlib.sha256(path.read_bytes()).hexdigest(), stat.S_IMODE(st.st_mode))
            elif stat.S_ISLNK(st.st_mode):
                out[str(path)] = "link " + os.readlink(path)
            else:
                out[str(path)] = stat.S_IFMT(st.st_mode)
    return out


def run(argv: list[str], folder: Path, code: int, env: dict[str, str] | None = None,
        input: str | None = None) -> Any:
    """The CLI on hostile input: exit `code`, no traceback, nothing changed under `folder`."""
    before = snapshot(folder)
    result = hoinhap(*argv, env={"HOINHAP_TODAY": TODAY, **(env or {})}, input=input)
    output = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output, output
    assert snapshot(folder) == before, "a file was changed, added or removed"
    assert result.exit_code == code, output
    return result
