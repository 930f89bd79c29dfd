"""The timeline: tasks against quarters, each milestone drawn where it falls, as of a date.

Data, no drawing: `build()` turns a Ledger into a Grid (one row per task, one cell per quarter,
each cell holding the marks and the span body that fall in it). The drawings read the Grid:
views/timelineview.py (lines that fit a terminal) and views/dashboard.py (an HTML table).

Every mark is a distinct character, so the chart reads without colour, and every one is in
DejaVu Sans Mono (Debian's default terminal font) — an hourglass ⧗ is not, hence ◷ for waiting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.rules import deadlines
from hoinhap_cli.words.periods import Kind, Period, next_quarter, quarter_of
from hoinhap_cli.words.vocab import Status

if TYPE_CHECKING:
    from hoinhap_cli.model.records import Task


class State(str, Enum):
    DONE = "done"
    IN_PROGRESS = "in-progress"
    LATE = "late"
    UPCOMING = "upcoming"
    DROPPED = "dropped"
    ONGOING = "ongoing"
    RECURRING = "recurring"
    EVENT = "event"  # waits for an event not yet recorded: no date yet
    NONE = "none"  # the document gives no time


MARKS: dict[State, str] = {
    State.DONE: "✔",
    State.IN_PROGRESS: "▶",
    State.LATE: "✖",
    State.UPCOMING: "○",
    State.DROPPED: "⊘",
    State.ONGOING: "≈",
    State.RECURRING: "↻",
    State.EVENT: "◷",
    State.NONE: "?",
}
SPAN = "─"


def milestone_state(ledger: Ledger, task: Task, index: int, as_of: date) -> State:
    """One milestone's state on a date, judged by deadlines (the same rules as `overdue`).

    Ongoing and recurring milestones as a whole have their own marks; a recurring duty's
    occurrences are judged one by one in `build()`.
    """
    kind = task.milestones[index].due.kind
    if kind is Kind.ONGOING:
        return State.ONGOING
    if kind is Kind.RECURRING:
        return State.RECURRING
    return obligation_state(deadlines.milestone_obligations(ledger, task, index, as_of)[0], as_of)


def obligation_state(o: deadlines.Obligation, as_of: date) -> State:
    """The mark of one obligation: late exactly when `overdue` lists it."""
    if o.status is Status.DONE:
        return State.DONE
    if o.status is Status.DROPPED:
        return State.DROPPED
    if o.late(as_of):
        return State.LATE
    if o.due_date is None:
        return State.EVENT if o.kind is Kind.EVENT else State.NONE
    if o.status is Status.IN_PROGRESS:
        return State.IN_PROGRESS
    return State.UPCOMING


def occurrence_state(obs: list[deadlines.Obligation], as_of: date) -> State:
    """One period of a recurring duty (several units may owe it): late if any is, done if all are."""
    states = {obligation_state(o, as_of) for o in obs}
    if State.LATE in states:
        return State.LATE
    if states and states <= {State.DONE, State.DROPPED}:
        return State.DONE if State.DONE in states else State.DROPPED
    return State.RECURRING


# ------------------------------------------------------------------ the grid


@dataclass
class Cell:
    marks: list[State] = field(default_factory=list)
    body: str = ""  # SPAN, the ongoing mark, or "" — what fills the cell behind the marks
    body_ends: bool = False  # the span ends in this cell (its mark sits here)


@dataclass
class Row:
    task: Task
    cells: list[Cell]
    before: list[State] = field(default_factory=list)  # marks that fall before the range shown
    after: list[State] = field(default_factory=list)  # … and after it
    undated: list[State] = field(default_factory=list)  # event-bound (not yet dated) or no time
    states: list[State] = field(default_factory=list)  # every milestone's state, in order


@dataclass
class Grid:
    quarters: list[Period]
    rows: list[Row]
    as_of: date
    program_titles: dict[str, str]
    counts: deadlines.Counts = deadlines.Counts()  # the milestones of the tasks shown, as of the date

    @property
    def as_of_column(self) -> int | None:
        for i, q in enumerate(self.quarters):
            if as_of_in(q, self.as_of):
                return i
        return None


def as_of_in(q: Period, day: date) -> bool:
    return q.start <= day <= q.end


def quarters(first: Period, last: Period) -> list[Period]:
    """Every quarter from the one `first` starts in to the one `last` ends in."""
    out = []
    q = quarter_of(first.start)
    while q.start <= last.end:
        out.append(q)
        q = next_quarter(q)
    return out


def build(ledger: Ledger, tasks: list[Task], shown: list[Period], as_of: date,
          judged: list[deadlines.Obligation] | None = None) -> Grid:
    """The grid of `tasks` over the quarters `shown`; `judged`: the plan's obligations as of the
    date, when the caller has them already (the dashboard), so they are built once."""
    index = {q.label: i for i, q in enumerate(shown)}
    first, last = shown[0], shown[-1]
    plan_quarters = [index[q.label] for q in quarters(ledger.period, ledger.period) if q.label in index]
    obs: dict[tuple[str, int], list[deadlines.Obligation]] = {}
    shown_ids = {task.id for task in tasks}
    for o in deadlines.obligations(ledger, as_of) if judged is None else judged:
        obs.setdefault((o.task.id, o.index), []).append(o)
    counts = deadlines.count([o for mine in obs.values() for o in mine if o.task.id in shown_ids], as_of)
    rows = []
    for task in tasks:
        row = Row(task, [Cell() for _ in shown])

        def place(day: date, state: State, row: Row = row) -> int | None:
            if day < first.start:
                row.before.append(state)
            elif day > last.end:
                row.after.append(state)
            else:
                return index[quarter_of(day).label]
            return None

        for i, milestone in enumerate(task.milestones):
            deadline = milestone.due
            mine = obs.get((task.id, i), [])
            if deadline.kind is Kind.ONGOING:
                row.states.append(State.ONGOING)
                for q_col in plan_quarters:
                    row.cells[q_col].body = MARKS[State.ONGOING]
                continue
            if deadline.kind is Kind.RECURRING:
                row.states.append(State.RECURRING)
                for occurrence in ledger.recurrences(task, i):
                    state = occurrence_state([o for o in mine if o.period == occurrence], as_of)
                    col = place(occurrence.end, state)
                    if col is not None:
                        row.cells[col].marks.append(state)
                continue
            state = obligation_state(mine[0], as_of)
            row.states.append(state)
            due = mine[0].due_date
            if due is None or state is State.EVENT:
                row.undated.append(state)
                continue
            col = place(due, state)
            if col is not None:
                row.cells[col].marks.append(state)
            if deadline.start is not None and quarter_of(deadline.start) != quarter_of(due):
                for q_col, q in enumerate(shown):
                    if q.end >= deadline.start and q.start <= due:
                        row.cells[q_col].body = SPAN
                        row.cells[q_col].body_ends = q_col == col
        rows.append(row)
    titles = {p.id: p.appendix_title or p.title for p in ledger.plan.programs}  # the appendix groups tasks
    return Grid(shown, rows, as_of, titles, counts)
