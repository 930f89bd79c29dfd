"""The timeline: tasks against quarters, each milestone drawn where it falls, as of a date.

Two pure steps, no I/O and no rich: `build()` turns a Ledger into a Grid (one row per task, one
cell per quarter, each cell holding the marks and the span body that fall in it), and
`layout()` turns a Grid into lines of (text, style) segments that fit a width. The terminal
(render.Output.styled) and the HTML dashboard both draw from the same Grid.

Every mark is a distinct character, so the chart reads without colour, and every one is in
DejaVu Sans Mono (Debian's default terminal font) — an hourglass ⧗ is not, hence ◷ for waiting.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING

from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.render import bars
from hoinhap_cli.rules import deadlines
from hoinhap_cli.words.i18n import t
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
AS_OF = "┊"
AS_OF_HEAD = "▼"
BEFORE, AFTER = "‹", "›"

# which mark shows when a cell has more than fits: the one that needs attention first
_PRIORITY = [State.LATE, State.IN_PROGRESS, State.UPCOMING, State.EVENT, State.NONE, State.DONE,
             State.DROPPED, State.RECURRING, State.ONGOING]


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


# ------------------------------------------------------------------ text layout

Segment = tuple[str, str | None]  # text and a style key (see STYLES), None for plain
Line = list[Segment]

STYLES: dict[str, str] = {  # rich styles, used only when colour is on
    State.DONE.value: "green",
    State.IN_PROGRESS.value: "bold cyan",
    State.LATE.value: "bold red",
    State.UPCOMING.value: "",
    State.DROPPED.value: "dim",
    State.ONGOING.value: "blue",
    State.RECURRING.value: "magenta",
    State.EVENT.value: "yellow",
    State.NONE.value: "yellow",
    "span": "dim",
    "as-of": "bold magenta",
    "head": "bold",
    "program": "bold",
    "id": "bold",
}

ROMAN = ["I", "II", "III", "IV"]
ID_WIDTH_MAX = 7
MAX_TITLE_LINES = 2


@dataclass(frozen=True)
class Widths:
    id: int
    title: int
    cell: int

    def total(self, n: int) -> int:
        return self.id + self.title + n * self.cell + 8


def widths(grid: Grid, width: int) -> Widths:
    """Cells as wide as fit (4 down to 2 characters), the task text takes what is left."""
    n = len(grid.quarters)
    id_w = min(ID_WIDTH_MAX, max([len(r.task.id) for r in grid.rows] + [2]))
    for cell in (4, 3, 2):
        title = width - id_w - n * cell - 8
        if title >= 16 or cell == 2:
            return Widths(id_w, max(8, min(60, title)), cell)
    raise AssertionError("unreachable")


def fits(grid: Grid, width: int) -> bool:
    """Readable at this width: at most 20 characters wider than it, not merely tight."""
    return widths(grid, width).total(len(grid.quarters)) <= width + 20


def _slot(cell_w: int) -> int:
    return (cell_w - 1) // 2


def _cell_segments(cell: Cell, cell_w: int, as_of_here: bool) -> tuple[Segment, ...]:
    return _segments(cell.body, cell.body_ends, tuple(cell.marks), cell_w, as_of_here)


@lru_cache(maxsize=1024)  # 10,000 tasks × 12 quarters are 120,000 cells of a few dozen kinds
def _segments(body: str, body_ends: bool, cell_marks: tuple[State, ...], cell_w: int,
              as_of_here: bool) -> tuple[Segment, ...]:
    m = _slot(cell_w)
    chars: list[Segment] = []
    body_style = "span" if body == SPAN else State.ONGOING.value
    for pos in range(cell_w):
        if body and (not body_ends or pos < m):
            chars.append((body, body_style))
        elif as_of_here and pos == m and not cell_marks:
            chars.append((AS_OF, "as-of"))
        else:
            chars.append((" ", None))
    room = cell_w - m
    marks = sorted(set(cell_marks), key=_PRIORITY.index)
    if len(marks) > room:
        marks = marks[: room - 1] + [None]  # type: ignore[list-item]
    for k, state in enumerate(marks):
        chars[m + k] = ("+", None) if state is None else (MARKS[state], state.value)
    return tuple(chars)


def _gutter(states: list[State], arrow: str) -> Segment:
    if not states:
        return (" ", None)
    worst = min(states, key=_PRIORITY.index)
    return (arrow, worst.value)


def _merge(line: Line) -> Line:
    """Join neighbouring segments of one style (smaller output, same text)."""
    out: Line = []
    for text, style in line:
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + text, style)
        else:
            out.append((text, style))
    return out


def _pad(text: str, width: int) -> str:
    return text[:width].ljust(width)


def header(grid: Grid, w: Widths, lang: str) -> list[Line]:
    n = len(grid.quarters)
    lead = " " * (w.id + 1 + w.title + 1)
    # years, centred over their quarters
    years: Line = [(_pad(t("timeline.task", lang), w.id + 1 + w.title + 1), "head"), ("│ ", None)]
    i = 0
    while i < n:
        y = grid.quarters[i].start.year
        j = i
        while j < n and grid.quarters[j].start.year == y:
            j += 1
        span = (j - i) * w.cell
        label = str(y) if span >= 5 else str(y)[-2:]
        years.append((label.center(span)[:span], "head"))
        i = j
    years.append((" │", None))
    # quarters
    qs: Line = [(lead, None), ("│ ", None)]
    for q in grid.quarters:
        number = (q.start.month - 1) // 3
        label = (ROMAN[number] if w.cell >= 4 else str(number + 1)) if lang != "en" else (
            f"Q{number + 1}" if w.cell >= 3 else str(number + 1))
        qs.append((label.center(w.cell)[: w.cell], "head"))
    qs.append((" │", None))
    # the as-of marker
    col = grid.as_of_column
    note = t("timeline.as_of", lang, date=grid.as_of.isoformat())
    marker: Line = [(_pad(note, w.id + 1 + w.title + 1), "as-of"), ("│", None)]
    if col is None:
        before = grid.as_of < grid.quarters[0].start
        marker += [((BEFORE if before else " "), "as-of"), (" " * (n * w.cell), None),
                   ((" " if before else AFTER), "as-of")]
    else:
        m = _slot(w.cell)
        marker += [(" " * (1 + col * w.cell + m), None), (AS_OF_HEAD, "as-of"),
                   (" " * (w.cell - m - 1 + (n - col - 1) * w.cell + 1), None)]
    marker.append(("│", None))
    rule: Line = [("─" * (w.id + 1 + w.title + 1) + "┼" + "─" * (n * w.cell + 2) + "┼" + "─" * 2, None)]
    return [years, qs, marker, rule]


def task_lines(row: Row, w: Widths, col: int | None, lang: str) -> list[Line]:
    title = row.task.title.lstrip("-–• ")  # the appendix's bullet dash says nothing in a column
    text = textwrap.wrap(title, w.title, max_lines=MAX_TITLE_LINES, placeholder=" …") or [""]
    first: Line = [(_pad(row.task.id, w.id), "id"), (" ", None), (_pad(text[0], w.title), None), (" │", None),
                   _gutter(row.before, BEFORE)]
    for k, cell in enumerate(row.cells):
        first += _cell_segments(cell, w.cell, k == col)
    first += [_gutter(row.after, AFTER), ("│", None)]
    undated = sorted(set(row.undated), key=_PRIORITY.index)[:2]
    first += [(" ", None)] + [(MARKS[s], s.value) for s in undated]
    lines = [first]
    for more in text[1:]:
        line: Line = [(" " * (w.id + 1), None), (_pad(more, w.title), None), (" │ ", None)]
        for k, _ in enumerate(row.cells):
            m = _slot(w.cell)
            line.append((" " * m + (AS_OF if k == col else " ") + " " * (w.cell - m - 1),
                         "as-of" if k == col else None))
        line.append((" │", None))
        lines.append(line)
    return lines


def legend(lang: str, width: int) -> list[Line]:
    items: list[tuple[str, str | None, str]] = [(MARKS[s], s.value, t(f"timeline.state.{s.value}", lang))
                                               for s in State]
    items += [(SPAN, "span", t("timeline.legend.span", lang)),
              (AS_OF, "as-of", t("timeline.legend.as_of", lang)),
              (f"{BEFORE} {AFTER}", None, t("timeline.legend.outside", lang)),
              ("+", None, t("timeline.legend.more", lang))]
    lines: list[Line] = []
    line: Line = [(t("timeline.legend", lang) + ":", "head")]
    used = len(line[0][0])
    for mark, style, label in items:
        piece = len(mark) + 1 + len(label) + 3
        if used + piece > width and used > 0:
            lines.append(line)
            line, used = [(" ", None)], 1
        line += [("  ", None), (mark, style), (" " + label, None)]
        used += piece
    lines.append(line)
    return lines


def layout(grid: Grid, width: int, lang: str) -> list[Line]:
    """The whole chart as lines of styled segments, at most `width` characters each when it fits."""
    w = widths(grid, width)
    col = grid.as_of_column
    lines = header(grid, w, lang)
    program = None
    full = w.total(len(grid.quarters))
    for row in grid.rows:
        if row.task.program != program:
            program = row.task.program
            title = f"{t('timeline.program', lang)} {program}. {grid.program_titles.get(program, '')}"
            lines.append([(textwrap.shorten(title, full, placeholder=" …"), "program")])
        lines += task_lines(row, w, col, lang)
    lines.append([])
    lines += legend(lang, full)
    c = grid.counts
    said = bars.figures(grid.as_of.isoformat(), c.late, c.done, c.total, lang)
    lines += [[(text, None)] for text in textwrap.wrap(said, max(full, 20), break_long_words=False)]
    return [_merge(line) for line in lines]


def plain(lines: list[Line]) -> str:
    """The chart as text without colour, trailing spaces removed."""
    return "\n".join("".join(text for text, _ in line).rstrip() for line in lines) + "\n"
