"""Exit codes survive pipes (issue 16): when the reader closes the pipe (`overdue | head -1`),
the exit code is still the answer's, with no traceback and no "Broken pipe" line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED


def closed_early(argv: list[str], env: dict[str, str], keep: int) -> tuple[int, str]:
    """Run hoinhap with stdout a pipe whose read end is closed after `keep` bytes, like `| head -c`."""
    proc = subprocess.Popen([sys.executable, "-m", "hoinhap_cli", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(keep)
    proc.stdout.close()  # the reader goes away, most of the answer unread
    err = proc.stderr.read().decode("utf-8", "replace")
    return proc.wait(timeout=120), err


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "HOINHAP_TODAY": "2009-06-30", "HOINHAP_CACHE_DIR": str(tmp_path / "cache"),
            "COLUMNS": "80"}


@pytest.mark.slow  # three CLI processes fed to a reader that leaves: .ci/run runs them with `-m slow`
@pytest.mark.parametrize("argv,keep", [
    (["overdue"], 1),
    (["overdue", "--format", "json"], 100),
    (["overdue", "--format", "csv"], 10),
])
def test_late_is_1_when_the_reader_leaves(env: dict[str, str], argv: list[str], keep: int) -> None:
    codes = []
    for _ in range(20):
        code, err = closed_early([*argv, "--data", str(SHIPPED)], env, keep)
        assert "Traceback" not in err and "Broken pipe" not in err and "BrokenPipe" not in err, err
        codes.append(code)
    assert codes == [1] * 20


def test_nothing_late_is_0_when_the_reader_leaves(env: dict[str, str]) -> None:
    for _ in range(5):
        code, err = closed_early(["tasks", "--data", str(SHIPPED)], env, 1)
        assert code == 0 and "Traceback" not in err, err
