"""The timeline (issue 9): milestone states, the grid, the text layout, golden files, the CLI."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from conftest import Cli
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger.ledger import Ledger, load
from hoinhap_cli.queries.timeline import MARKS, SPAN, State, build, milestone_state, quarters
from hoinhap_cli.render.render import Output
from hoinhap_cli.views.timelineview import STYLES, layout, plain, widths
from hoinhap_cli.words.periods import parse_period

GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2009-06-30"


@pytest.fixture
def ledger(shipped_progress: Path) -> Ledger:
    return load(locate(str(shipped_progress)), date(2026, 11, 27))[0]


def state(ledger: Ledger, task_id: str, milestone: int, day: str) -> State:
    return milestone_state(ledger, ledger.tasks[task_id], milestone - 1, date.fromisoformat(day))


# ------------------------------------------------------------------ states


def test_done_and_in_progress_come_from_the_reports(ledger: Ledger) -> None:
    assert state(ledger, "2.10", 1, AS_OF) is State.DONE
    assert state(ledger, "2.5", 1, AS_OF) is State.IN_PROGRESS  # due 2009-06-30: not yet late
    assert state(ledger, "1.1", 2, AS_OF) is State.DROPPED


def test_late_wins_over_in_progress_once_the_due_date_has_passed(ledger: Ledger) -> None:
    assert state(ledger, "2.10", 2, AS_OF) is State.LATE  # in progress since 2008-12-15, due 2008-12-31
    assert state(ledger, "2.5", 1, "2009-07-01") is State.LATE


def test_state_is_judged_on_the_as_of_date(ledger: Ledger) -> None:
    assert state(ledger, "1.3", 1, "2009-03-19") is State.UPCOMING  # done on 2009-03-20
    assert state(ledger, "1.3", 1, "2009-03-20") is State.DONE
    assert state(ledger, "2.10", 1, "2008-11-01") is State.LATE  # due 2008-09-30, done 2008-11-20
    assert state(ledger, "2.10", 2, "2008-12-01") is State.UPCOMING  # in progress from 2008-12-15
    assert state(ledger, "2.10", 2, "2008-12-20") is State.IN_PROGRESS


def test_kinds_without_a_date_have_their_own_marks(ledger: Ledger) -> None:
    assert state(ledger, "2.2", 1, AS_OF) is State.ONGOING
    assert state(ledger, "8", 1, AS_OF) is State.RECURRING
    assert state(ledger, "6.3", 1, AS_OF) is State.NONE
    # 2.4 waits for an event recorded on 2009-02-10: undated before, due 2009-06-30 after
    assert state(ledger, "2.4", 1, "2009-01-31") is State.EVENT
    assert state(ledger, "2.4", 1, AS_OF) is State.UPCOMING
    assert state(ledger, "2.4", 1, "2009-07-01") is State.LATE


# ------------------------------------------------------------------ the grid


def grid_for(ledger: Ledger, first: str = "2008-Q1", last: str = "2010-Q4", day: str = AS_OF):
    shown = quarters(parse_period(first), parse_period(last))
    return build(ledger, list(ledger.tasks.values()), shown, date.fromisoformat(day))


def row(grid, task_id: str):
    return next(r for r in grid.rows if r.task.id == task_id)


def test_a_span_is_drawn_from_its_first_quarter_to_its_due_quarter(ledger: Ledger) -> None:
    grid = grid_for(ledger)
    labels = [q.label for q in grid.quarters]
    r = row(grid, "2.5")  # 2008-Q4..2009-Q2
    spanned = [labels[i] for i, c in enumerate(r.cells) if c.body == SPAN]
    assert spanned == ["2008-Q4", "2009-Q1", "2009-Q2"]
    assert r.cells[labels.index("2009-Q2")].marks == [State.IN_PROGRESS]


def test_ongoing_recurring_and_undated_milestones_are_placed(ledger: Ledger) -> None:
    grid = grid_for(ledger)
    assert all(c.body == MARKS[State.ONGOING] for c in row(grid, "2.2").cells)
    recurring = [grid.quarters[i].label for i, c in enumerate(row(grid, "8").cells) if c.marks]
    assert recurring[0] == "2008-Q4" and recurring[-1] == "2010-Q4" and len(recurring) == 9
    assert row(grid, "6.3").undated == [State.NONE]
    assert row(grid_for(ledger, day="2009-01-31"), "2.4").undated == [State.EVENT]


def test_milestones_outside_the_range_go_to_the_edges(ledger: Ledger) -> None:
    grid = grid_for(ledger, "2009-Q1", "2009-Q4")
    r = row(grid, "2.10")  # 2008-Q3, 2008-Q4, 2009-Q3, 2009-Q4
    assert r.before == [State.DONE, State.LATE]
    assert sum(len(c.marks) for c in r.cells) == 2
    assert row(grid, "2.1").after  # 2010 is after 2009-Q4


def test_the_as_of_column(ledger: Ledger) -> None:
    assert grid_for(ledger).as_of_column == 5  # 2009-Q2
    assert grid_for(ledger, day="2012-01-01").as_of_column is None


# ------------------------------------------------------------------ layout


@pytest.mark.parametrize("width", [100, 80, 120])
def test_every_line_fits_the_width(ledger: Ledger, width: int) -> None:
    grid = grid_for(ledger)
    lines = plain(layout(grid, width, "vi")).splitlines()
    assert max(len(line) for line in lines) <= width
    assert widths(grid, width).title >= 16


def test_narrow_widths_shrink_the_cells_before_the_text(ledger: Ledger) -> None:
    grid = grid_for(ledger)
    assert widths(grid, 100).cell == 4
    assert widths(grid, 60).cell == 2


def test_colour_only_when_asked(ledger: Ledger) -> None:
    lines = layout(grid_for(ledger), 100, "vi")
    coloured, bare = io.StringIO(), io.StringIO()
    Output(color=True, out=coloured).styled(lines, STYLES)
    Output(color=False, out=bare).styled(lines, STYLES)
    assert "\x1b[" in coloured.getvalue()
    assert "\x1b[" not in bare.getvalue()
    assert bare.getvalue() == plain(lines)


# ------------------------------------------------------------------ golden files


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run pytest --update-golden once, then review the file"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from the golden file; if the change is intended, " \
                             "run pytest --update-golden and review the diff"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_golden_timeline(shipped_progress: Path, update_golden: bool, lang: str, cli: Cli) -> None:
    result = cli("timeline", "--as-of", AS_OF, "--lang", lang, data=shipped_progress, columns=100)
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    check_golden(f"timeline-{lang}.txt", result.stdout, update_golden)


# ------------------------------------------------------------------ the command


def test_filters_by_unit_alias_and_programme(shipped_progress: Path, cli: Cli) -> None:
    result = cli("timeline", "--unit", "QLĐT", "--program", "3.2", "--as-of", AS_OF, data=shipped_progress, columns=100)
    assert result.exit_code == 0, result.output
    ids = {line.split()[0] for line in result.stdout.splitlines() if line[:1].isdigit()}
    assert ids and all(i.startswith("3.2.") for i in ids)
    assert "2.10" not in ids


def test_range_narrows_the_columns(shipped_progress: Path, cli: Cli) -> None:
    result = cli("timeline", "--from", "2009-Q1", "--to", "2009-Q4", "--as-of", AS_OF, "--lang", "en",
                 data=shipped_progress, columns=100)
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[1]
    assert header.split("│")[1].split() == ["Q1", "Q2", "Q3", "Q4"]


@pytest.mark.parametrize("args, fragment", [
    (["--program", "9"], "không có chương trình"),
    (["--unit", "Phòng Không Có"], "Phòng Không Có"),
    (["--from", "2010-Q1", "--to", "2009-Q4"], "--from"),
    (["--as-of", "30/06/2009"], "--as-of"),
    (["--from", "2009-Q5"], "--from"),
])
def test_wrong_options_exit_2(shipped_progress: Path, args: list[str], fragment: str, cli: Cli) -> None:
    result = cli("timeline", *args, data=shipped_progress, columns=100)
    assert result.exit_code == 2
    assert fragment in result.stderr


def test_no_matching_task_is_not_an_error(mini: Path, cli: Cli) -> None:
    result = cli("timeline", "--unit", "Cát Lái", "--program", "3", data=mini, columns=100)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "không có nhiệm vụ" in result.stderr
