"""Every broken plan in the catalogue, fed to `check` and to `export`.

For each case and each command: the promised exit code (check 1, export 2), every output
line about the plan names file:line:col (file:line where the problem has no column), the
case's own line/column carries the expected words, no traceback, and nothing on disk changed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_untouched
from plan_cases import CASES, Case

PLAN = "data/plan.yaml"
LOCATED = re.compile(rf"^{re.escape(PLAN)}:(\d+)(?::(\d+))?: ")
COMMANDS = {"check": (["check", "--data", "data"], 1), "export": (["export", "--data", "data"], 2)}



def run_case(case: Case, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    raw = case.build()
    (data / "plan.yaml").write_bytes(raw)
    monkeypatch.chdir(tmp_path)
    argv, code = COMMANDS[command]
    result = run_untouched(argv, tmp_path, code)
    if command == "export":
        assert result.stdout == "", "export printed data from a broken plan"
    return result.stdout + result.stderr, code


def test_the_catalogue_is_large_and_its_names_unique() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 30


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_broken_plan(case: Case, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOINHAP_LANG", "en")  # the catalogue's fragments are the English wording
    output, _ = run_case(case, command, tmp_path, monkeypatch)
    about_plan = [line for line in output.splitlines() if "plan.yaml" in line]
    assert about_plan, output
    for line in about_plan:
        assert LOCATED.match(line), f"no file:line[:col] in: {line}"
    line, col = case.position(case.build())
    where = f"{PLAN}:{line}:{col}: " if col is not None else f"{PLAN}:{line}: "
    hits = [text for text in about_plan if text.startswith(where)]
    assert hits, f"expected a problem at {where!r}, got:\n{output}"
    assert any(case.fragment in text for text in hits), f"expected {case.fragment!r} at {where!r}, got:\n{output}"


def test_the_python_tag_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = next(c for c in CASES if c.name == "yaml-tag-python-object")
    run_case(case, "check", tmp_path, monkeypatch)
    assert not (tmp_path / "pwned").exists()
