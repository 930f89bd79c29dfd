"""Hostile plans that try to exhaust the machine: an alias bomb, a 50 MB file.

The work and memory figures here are safety bounds, far above what is measured (the bomb is
refused after ~30,000 Python calls with ~1 MB; the 50 MB plan at ~36 MB RSS): a failure means
the input is being expanded or read, not that the machine is slow. Work is counted in calls,
not timed, so a loaded machine cannot fail these tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import Cli
from hoinhap_cli.files import yamlio
from plan_cases import SHIPPED, alias_bomb

MiB = 2**20
CALLS = 1_000_000  # Python function calls the bomb's refusal may take (measured: ~30,000)


class OverBudget(BaseException):
    """Raised inside the run that passes its budget, so an expanding bomb stops at once (a
    BaseException: CliRunner, which catches Exception, lets it through to the test)."""


@contextmanager
def call_budget(limit: int) -> Iterator[list[int]]:
    """Count the Python function calls made inside the block (a list of one number); raise
    OverBudget at the call that passes `limit`. Counts, not seconds: the same on any machine."""
    calls = [0]

    def count(frame: object, event: str, arg: object) -> None:
        if event == "call":
            calls[0] += 1
            if calls[0] > limit:
                raise OverBudget(f"more than {limit:,} Python calls")

    sys.setprofile(count)
    try:
        yield calls
    finally:
        sys.setprofile(None)


def write_padded(path: Path, mib: float) -> int:
    """The shipped plan followed by comment lines, up to `mib` MiB: valid, only big."""
    line = ("# " + "chú thích đệm " * 8 + "\n").encode("utf-8")
    chunk = line * (MiB // len(line))
    head = SHIPPED.encode("utf-8")
    size = len(head)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        f.write(head)
        while size < mib * MiB:
            f.write(chunk)
            size += len(chunk)
    return size


def test_alias_bomb_is_refused_fast_and_small(tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch,
                                              cli: Cli) -> None:
    # a first run on a good plan imports pydantic and the models: their cost is not the bomb's
    assert cli("check", "--data", str(mini)).exit_code == 0
    data = tmp_path / "bomb"
    data.mkdir()
    (data / "plan.yaml").write_text(alias_bomb(9), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    tracemalloc.start()
    try:
        with call_budget(CALLS) as calls:
            result = cli("check", "--data", "bomb", "--lang", "en")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1
    assert "bomb/plan.yaml:1:4: anchors (&) and aliases (*) are not allowed" in result.stdout
    assert calls[0] < CALLS, f"the alias bomb took {calls[0]:,} Python calls"
    assert peak < 50 * MiB, f"the alias bomb took {peak / MiB:.1f} MiB"


def test_alias_bomb_in_parse_never_expands() -> None:
    """Even the library call, without the CLI, refuses before building 9**9 strings."""
    doc, problems = yamlio.parse(alias_bomb(9).encode(), "bomb.yaml")
    assert doc is None
    assert [(p.line, p.col) for p in problems] == [(1, 4)]


@pytest.fixture(scope="module")
def plan_50mb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big")
    write_padded(root / "data" / "plan.yaml", 50)
    return root


@pytest.mark.parametrize("command,code", [("check", 1), ("export", 2)])
def test_50mb_plan_is_refused_with_its_size_and_the_way_out(plan_50mb: Path, command: str, code: int,
                                                            monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.chdir(plan_50mb)
    before = (plan_50mb / "data" / "plan.yaml").stat()
    monkeypatch.setenv("HOINHAP_LANG", "en")  # the wording compared below
    result = cli(command, "--data", "data")
    assert result.exit_code == code
    line = next(x for x in (result.stdout + result.stderr).splitlines() if "plan.yaml" in x)
    assert line.startswith("data/plan.yaml:1: the file is 50.1 MiB, over the 10 MiB limit")
    assert "HOINHAP_MAX_MB=51" in line
    after = (plan_50mb / "data" / "plan.yaml").stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_50mb_plan_costs_little_memory(plan_50mb: Path) -> None:
    """Peak RSS of a real `hoinhap check` process: the file is refused before it is read.

    Measured from a small wrapper process: a child forked straight from pytest would report
    pytest's own resident size as its peak (Linux counts the pages it had before exec)."""
    wrapper = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True); "
               "sys.stdout.write(p.stdout.decode()); "
               "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(p.returncode)")
    proc = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "hoinhap_cli", "check", "--data",
                           "data"], cwd=plan_50mb, capture_output=True, text=True,
                          env={**os.environ, "HOINHAP_LANG": "en"})
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "over the 10 MiB limit" in out
    peak_mb = int(out.rsplit("PEAK_KB", 1)[1].split()[0]) / 1024  # kilobytes on Linux
    assert peak_mb < 150, f"hoinhap check on a 50 MB plan peaked at {peak_mb:.0f} MB"


def test_the_limit_can_be_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    write_padded(tmp_path / "data" / "plan.yaml", 11)
    monkeypatch.chdir(tmp_path)
    refused = cli("check", "--data", "data")
    assert refused.exit_code == 1 and "HOINHAP_MAX_MB=12" in refused.stdout
    monkeypatch.setenv("HOINHAP_MAX_MB", "12")
    accepted = cli("check", "--data", "data")
    assert accepted.exit_code == 0, accepted.stdout + accepted.stderr


@pytest.mark.parametrize("value", ["abc", "0", "-5", "inf", "nan"])
def test_a_bad_limit_is_a_usage_error(value: str, mini: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("HOINHAP_MAX_MB", value)
    result = cli("check", "--data", str(mini))
    assert result.exit_code == 2
    assert "HOINHAP_MAX_MB" in result.stderr and "Traceback" not in result.stderr
