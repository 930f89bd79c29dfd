"""`tasks --status` filters on the derived status: the latest entry recorded for the task."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Cli, hoinhap


def ids(data: Path, *args: str) -> list[str]:
    result = hoinhap("tasks", "--format", "json", *args, data=data)
    assert result.exit_code == 0, result.output
    return [task["id"] for task in json.loads(result.stdout)]


def test_status_follows_the_latest_entry(mini: Path, cli: Cli) -> None:
    assert cli("record", "1.1", "--status", "in-progress", "--date", "2009-01-10", data=mini).exit_code == 0
    assert cli("record", "1.1", "--status", "done", "--date", "2009-02-10", data=mini).exit_code == 0
    assert cli("record", "3.2.4", "--status", "blocked", "--reason", "thiếu vốn",
               "--date", "2009-02-11", data=mini).exit_code == 0

    assert ids(mini, "--status", "done") == ["1.1"]
    assert ids(mini, "--status", "in-progress") == []  # superseded by the later 'done'
    assert ids(mini, "--status", "vuong mac") == ["3.2.4"]  # Vietnamese, without diacritics
    assert ids(mini, "--status", "chưa thực hiện") == ["3.2.4a"]  # no entry: not started
    assert ids(mini, "--status", "done", "--status", "blocked") == ["1.1", "3.2.4"]


def test_unknown_status_is_a_usage_error(mini: Path, cli: Cli) -> None:
    result = cli("tasks", "--status", "donee", data=mini)
    assert result.exit_code == 2
    assert "donee" in result.stderr and "done" in result.stderr
    assert "Traceback" not in result.output
