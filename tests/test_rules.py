"""Each rule with one home, tested once here: whether a unit takes part in a task, finding a
task, "is this a quarter"; and refusals raised in domain words, worded in both languages."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import hoinhap
from hoinhap_cli.model.units import takes_part
from hoinhap_cli.rules.selection import Involvement, find_task, involvement
from hoinhap_cli.words.periods import is_quarter, parse_period
from hoinhap_cli.words.problems import InvisibleCharacter, NeedsReason, NotInvolved, UnknownTask, words


def _unit(uid: str, *members: str) -> SimpleNamespace:
    return SimpleNamespace(id=uid, members=list(members))


def test_a_unit_takes_part_itself_or_through_its_group() -> None:
    units = {u.id: u for u in (_unit("ubnd-11-phuong", "ubnd-phuong-cat-lai"), _unit("ubnd-phuong-cat-lai"),
                               _unit("phong-kinh-te"), _unit("phong-qldt"))}
    task = SimpleNamespace(lead=["ubnd-11-phuong"], support=["phong-kinh-te"])
    assert involvement(units, task, "ubnd-phuong-cat-lai") == [
        Involvement("ubnd-phuong-cat-lai", "lead", via="ubnd-11-phuong")]
    assert involvement(units, task, "phong-kinh-te") == [Involvement("phong-kinh-te", "support")]
    assert involvement(units, task, "ubnd-11-phuong") == [Involvement("ubnd-11-phuong", "lead")]
    assert [takes_part(units, task, u) for u in units] == [True, True, True, False]


def test_a_task_is_found_by_a_loose_id_or_refused_with_the_nearest() -> None:
    tasks = {tid: SimpleNamespace(id=tid) for tid in ("1.1", "2.10", "2.1", "3.2.4a")}
    assert find_task(tasks, " 3.2.4A ").id == "3.2.4a"
    assert find_task(tasks, "2,10").id == "2.10"
    with pytest.raises(UnknownTask) as err:
        find_task(tasks, " 2.100 ")
    assert (err.value.task, err.value.near[0]) == ("2.100", "2.10")
    assert err.value.text("vi") == "không có nhiệm vụ số '2.100'"
    assert err.value.text("en") == "no task numbered '2.100'"
    assert err.value.hint_texts("en")[0].startswith("did you mean: 2.10")
    with pytest.raises(InvisibleCharacter) as hidden:
        find_task(tasks, "2.10\u200b")
    assert hidden.value.text("en").startswith("task id '2.10·' contains an invisible ZERO WIDTH SPACE (U+200B)")


def test_a_quarter_is_written_yyyy_qn() -> None:
    assert is_quarter("2009-Q1") and is_quarter(parse_period(" 2009-q4 ").label)
    for text in ("2009-q1", "2009-Q5", "2009Q1", "2009", "2009-H1", "2009-Q1..2009-Q2", " 2009-Q1", "2009-Q1\n"):
        assert not is_quarter(text), text


def test_refusals_carry_facts_and_are_worded_in_both_languages() -> None:
    reason = NeedsReason("blocked")
    assert reason.status == "blocked"
    assert reason.text("en") == "status blocked needs --reason: the plan asks why work was not done"
    assert reason.text("vi") == "tình trạng blocked cần --reason: kế hoạch yêu cầu nêu lý do việc chưa làm được"
    alone = NotInvolved("phong-qldt", "1.1", [])  # a value that is itself words ("none") is worded too
    assert alone.text("en").endswith("(units: none)") and alone.text("vi").endswith("(đơn vị: không có)")
    assert words("task.unknown", text="9").text("en") == "no task numbered '9'"


def test_the_cli_words_a_refusal_in_the_language_asked(mini: Path) -> None:
    args = ["record", "1.1", "-s", "blocked", "--data", str(mini)]
    vi, en = hoinhap(*args), hoinhap(*args, "--lang", "en")
    assert (vi.exit_code, en.exit_code) == (2, 2)
    assert vi.stderr == "hoinhap: tình trạng blocked cần --reason: kế hoạch yêu cầu nêu lý do việc chưa làm được\n"
    assert en.stderr == "hoinhap: status blocked needs --reason: the plan asks why work was not done\n"
