"""The command table (cli.commands): one import seam, its summaries true to the docstrings."""

from __future__ import annotations

import importlib
import inspect

import pytest

from conftest import hoinhap
from hoinhap_cli.cli.commands import COMMANDS


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_summary_is_the_first_line_of_its_docstring(name: str) -> None:
    target, summary = COMMANDS[name]
    module, function = target.split(":")
    doc = inspect.getdoc(getattr(importlib.import_module(module), function)) or ""
    assert doc.split("\n\n")[0] == summary  # the whole first paragraph: click shortens nothing else


def test_completion_lists_every_command_from_the_table() -> None:
    result = hoinhap(env={"_HOINHAP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "hoinhap "},
                     prog_name="hoinhap")
    offered = [line.split('"')[1] for line in result.stdout.splitlines() if '":"' in line]
    assert offered == list(COMMANDS)


def test_a_misspelt_command_is_suggested_from_the_table() -> None:
    result = hoinhap("overdu")
    assert result.exit_code == 2 and "Có phải 'overdue'?" in result.output
    result = hoinhap("overdu", env={"HOINHAP_LANG": "en"})
    assert result.exit_code == 2 and "Did you mean 'overdue'?" in result.output
