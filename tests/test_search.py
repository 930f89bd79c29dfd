"""Search by words (issue 16): every word, in any order, punctuation, case and diacritics
ignored, in the task and in what was recorded for it, saying where; options given twice
combine or are refused, never narrowed to the last."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.core import TyperOption

from conftest import SHIPPED, Cli
from hoinhap_cli.cli.commands import COMMANDS
from hoinhap_cli.cli.group import HoinhapGroup


def found(cli: Cli, *argv: str, data: Path = SHIPPED) -> dict[str, list[str]]:
    result = cli("tasks", *argv, "--format", "json", data=data)
    assert result.exit_code == 0, result.output
    return {r["id"]: r.get("matched_in", []) for r in json.loads(result.stdout)}


@pytest.mark.parametrize("words", ["cho sieu thi", "sieu thi, cho", "CHỢ  SIÊU-THỊ", "thi sieu cho"])
def test_words_in_any_order_find_2_4(cli: Cli, words: str) -> None:
    hits = found(cli, "--search", words)
    assert "2.4" in hits  # "… mạng lưới chợ, siêu thị, trung tâm thương mại …" (the comma between)
    assert hits["2.4"][0] == "title"


def test_every_word_must_match(cli: Cli) -> None:
    assert found(cli, "--search", "cho sieu thi khonghecotu") == {}


def test_a_table_says_where(cli: Cli) -> None:
    result = cli("tasks", "--search", "cum cong nghiep", "--lang", "en", data=SHIPPED, columns=160)
    assert result.exit_code == 0 and "Found in" in result.stdout


@pytest.fixture
def recorded(tmp_path: Path, cli: Cli) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    day = {"HOINHAP_TODAY": "2009-06-30"}
    assert cli("record", "1.3", "--status", "blocked", "--reason", "Chưa có kinh phí năm 2009",
               "--date", "2009-05-04", data=data, env=day).exit_code == 0
    assert cli("record", "6.3", "--status", "in-progress", "--evidence", "Biên bản nghiệm thu trạm",
               "--note", "Đã lắp hai trạm", "--date", "2009-05-05", data=data, env=day).exit_code == 0
    return data


def test_recorded_reasons_notes_and_evidence_are_searched(recorded: Path, cli: Cli) -> None:
    assert found(cli, "--search", "kinh phi", data=recorded)["1.3"] == ["reason"]
    assert found(cli, "--search", "nghiem thu", data=recorded)["6.3"] == ["evidence"]
    assert "entry_note" in found(cli, "--search", "da lap", data=recorded)["6.3"]
    assert "1.3" not in found(cli, "--search", "kinh phi", data=SHIPPED)


def test_a_one_value_option_given_twice_is_refused(cli: Cli) -> None:
    result = cli("tasks", "--program", "1", "--program", "2", "--lang", "en", data=SHIPPED)
    assert result.exit_code == 2
    assert "--program takes one value but was given twice ('1', '2')" in result.stderr
    assert cli("overdue", "--as-of=2009-01-01", "--as-of", "2009-02-01", data=SHIPPED).exit_code == 2


def test_repeatable_options_combine(cli: Cli) -> None:
    one = found(cli, "--unit", "qldt", "--search", "quy hoach")
    other = found(cli, "--unit", "phong noi vu", "--search", "cong chuc")
    both = found(cli, "--unit", "qldt", "--unit", "phong noi vu", "--search", "quy hoach")
    assert one and other and set(one) <= set(both)
    assert set(found(cli, "--unit", "qldt", "--unit", "phong noi vu")) > set(found(cli, "--unit", "qldt"))


def test_every_command_refuses_or_combines(cli: Cli) -> None:
    """Each command's one-value options: given twice, exit 2 (the audit, command by command)."""
    group = HoinhapGroup()
    for name in COMMANDS:
        command = group.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        for param in command.params:
            if isinstance(param, TyperOption) and not (param.multiple or param.count or param.is_flag):
                option = max(param.opts, key=len)
                result = cli(name, option, "x", option, "y", "--help")
                assert result.exit_code == 2, (name, option, result.output)
