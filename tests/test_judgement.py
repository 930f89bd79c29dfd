"""The ledger is frozen data and the judgement one module of functions: an answer depends on the
ledger, the milestone and the day, never on what was asked before.

Checked on a scripted 2009 of the shipped plan (tests/scripted2009.py, built by commands) and on
rows of the decision: 1.3 names two lead units (Phòng Nội vụ, Phòng Tư pháp), 1.2 recurs every
year, 6.3 is dropped in September 2009.
"""

from __future__ import annotations

import dataclasses
import gc
from datetime import date
from functools import cached_property
from pathlib import Path

import pytest

from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.judgement import responsibility
from hoinhap_cli.ledger.ledger import Ledger, load
from hoinhap_cli.words.vocab import Status
from scripted2009 import build

DAYS = (date(2009, 2, 1), date(2009, 3, 31), date(2009, 6, 30), date(2009, 9, 20), date(2009, 12, 31), None)


@pytest.fixture(scope="module")
def year2009(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("scripted") / "data")


def fresh(data: Path) -> Ledger:
    ledger, _ = load(DataDir(data, data / "plan.yaml", "option"), date(2010, 1, 31))
    assert ledger is not None
    return ledger


def answers(ledger: Ledger, order: list[tuple[str, int, date | None]]) -> dict[tuple[str, int, date | None], tuple]:
    out = {}
    for tid, i, day in order:
        out[tid, i, day] = (responsibility.milestone_status(ledger, tid, i, day),
                            responsibility.task_status(ledger, tid, day),
                            responsibility.last_entry(ledger, tid, day),
                            responsibility.current_milestone(ledger, tid, day))
    return out


def test_the_ledger_type_holds_no_memo() -> None:
    """No field or property of the type remembers an answer: its fields are the data."""
    assert not [name for name, value in vars(Ledger).items() if isinstance(value, cached_property)]
    names = {f.name for f in dataclasses.fields(Ledger)}
    assert names == {"data", "plan", "tasks", "units", "warnings", "index", "source", "files", "excluded",
                     "places", "period", "occurring"}


def test_asking_leaves_the_ledger_as_it_was(year2009: Path) -> None:
    ledger = fresh(year2009)
    before = dict(vars(ledger))
    for tid, task in ledger.tasks.items():
        for i in range(len(task.milestones)):
            responsibility.milestone_status(ledger, tid, i, date(2009, 6, 30))
        responsibility.task_status(ledger, tid)
    assert vars(ledger) == before and all(vars(ledger)[k] is v for k, v in before.items())
    with pytest.raises(dataclasses.FrozenInstanceError):
        ledger.tasks = {}  # type: ignore[misc]


def test_every_answer_is_the_same_whatever_was_asked_before(year2009: Path) -> None:
    """Two ledgers of the same files, asked every milestone on every day in opposite orders (a look
    back first, or "now" first), give the same answers."""
    first = fresh(year2009)
    order = [(tid, i, day) for day in DAYS for tid, task in first.tasks.items() for i in range(len(task.milestones))]
    forward = answers(first, order)
    backward = answers(fresh(year2009), order[::-1])
    assert forward == backward
    # and the rows of the decision, as the script recorded them
    view = forward["1.3", 0, None][0]
    assert (view.status, view.done, view.of) == (Status.IN_PROGRESS, 1, 2)  # Nội vụ done, Tư pháp not yet
    assert [u.unit for u in view.by_unit[:2]] == ["phong-noi-vu", "phong-tu-phap"]
    assert forward["6.3", 0, date(2009, 9, 20)][0].status is Status.DROPPED
    assert forward["6.3", 0, date(2009, 6, 30)][0].status is Status.NOT_STARTED
    assert forward["1.2", 0, None][0].status is Status.IN_PROGRESS  # begun in March: 2009's year still open
    assert forward["3.1.3", 0, date(2009, 6, 30)][0].status is Status.BLOCKED  # unblocked in October
    assert forward["3.1.3", 0, None][0].status is Status.IN_PROGRESS
    assert forward["3.1.3", 0, date(2009, 2, 1)][0].status is Status.NOT_STARTED  # blocked from March


def test_a_ledgers_memo_goes_with_it(year2009: Path) -> None:
    ledger = fresh(year2009)
    responsibility.task_status(ledger, "1.3", date(2009, 6, 30))
    held = len(responsibility._MEMOS)
    assert ledger in responsibility._MEMOS
    del ledger
    gc.collect()
    assert len(responsibility._MEMOS) == held - 1
