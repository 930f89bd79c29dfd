"""The pre-commit manifest: it loads, and its entry passes a good plan and fails a broken one."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import MINI_PLAN, ROOT


@pytest.fixture(scope="module")
def hook() -> dict:
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(manifest, list)
    [found] = [h for h in manifest if h["id"] == "hoinhap-check"]
    for key in ("id", "name", "entry", "language"):  # what pre-commit requires of a hook
        assert isinstance(found[key], str) and found[key]
    assert found["language"] == "python"
    assert found["pass_filenames"] is False
    return found


@pytest.mark.parametrize(("path", "matches"), [
    ("data/plan.yaml", True),
    ("plan.yaml", True),
    ("ledger/data/reports/2009-Q1/phong-kinh-te.yaml", True),
    ("data/reports/2009-Q1/phong-kinh-te.yml", True),
    ("data/other.yaml", False),
    ("data/plan.yaml.bak", False),
    ("README.md", False),
])
def test_hook_runs_on_the_plan_and_report_files(hook: dict, path: str, matches: bool) -> None:
    assert bool(re.search(hook["files"], path)) is matches


def run_entry(hook: dict, cwd: Path) -> subprocess.CompletedProcess[str]:
    program, *args = shlex.split(hook["entry"])
    assert program == "hoinhap"
    # the script pre-commit would install, from this interpreter's environment
    command = [sys.executable, "-m", "hoinhap_cli", *args]
    env = {**os.environ, "HOINHAP_TODAY": "2026-11-27"}
    env.pop("HOINHAP_DATA", None)
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=60, check=False)


def test_entry_passes_a_good_plan(hook: dict, mini: Path) -> None:
    done = run_entry(hook, mini.parent)  # pre-commit runs hooks from the repository root
    assert done.returncode == 0, done.stdout + done.stderr


def test_entry_fails_a_broken_plan(hook: dict, mini: Path) -> None:
    (mini / "plan.yaml").write_text(MINI_PLAN.replace("lead: [phong-qldt]", "lead: [phong-khong-co]"),
                                    encoding="utf-8")
    done = run_entry(hook, mini.parent)
    assert done.returncode == 1
    assert "phong-khong-co" in done.stdout and "data/plan.yaml:" in done.stdout
