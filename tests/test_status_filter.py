"""`tasks --status` filters on the derived status: the latest entry recorded for the task."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hoinhap_cli.cli import app

runner = CliRunner()


def hoinhap(data: Path, *args: str) -> object:
    return runner.invoke(app, [*args, "--data", str(data)])


def ids(data: Path, *args: str) -> list[str]:
    result = hoinhap(data, "tasks", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [task["id"] for task in json.loads(result.stdout)]


def test_status_follows_the_latest_entry(mini: Path) -> None:
    assert hoinhap(mini, "record", "1.1", "--status", "in-progress", "--date", "2009-01-10").exit_code == 0
    assert hoinhap(mini, "record", "1.1", "--status", "done", "--date", "2009-02-10").exit_code == 0
    assert hoinhap(mini, "record", "3.2.4", "--status", "blocked", "--reason", "thiếu vốn",
                   "--date", "2009-02-11").exit_code == 0

    assert ids(mini, "--status", "done") == ["1.1"]
    assert ids(mini, "--status", "in-progress") == []  # superseded by the later 'done'
    assert ids(mini, "--status", "vuong mac") == ["3.2.4"]  # Vietnamese, without diacritics
    assert ids(mini, "--status", "chưa thực hiện") == ["3.2.4a"]  # no entry: not started
    assert ids(mini, "--status", "done", "--status", "blocked") == ["1.1", "3.2.4"]


def test_unknown_status_is_a_usage_error(mini: Path) -> None:
    result = hoinhap(mini, "tasks", "--status", "donee")
    assert result.exit_code == 2
    assert "donee" in result.stderr and "done" in result.stderr
    assert "Traceback" not in result.output
