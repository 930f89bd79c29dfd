"""The ledger: the plan and the report files, validated, cross-checked, with the status index.

`load(data, today)` is the pure pipeline: it reads every file (see `reading`), validates it,
checks each report against the plan and today, and returns `(ledger, problems)`: a ledger
whenever the plan is usable. A report file with an error is left out of the ledger, not the
reason for none (`Ledger.excluded` holds its problems, so every answer can say its figures
exclude it); what is dated after today (entries, events, submissions) is outside the view
(`seen`). Nothing reads the data folder after it returns.
`snapshot.load` has the same signature and the content-hash cache around it.

A `Ledger` is one shape of frozen, plain data: the plan as records, the warnings, the status
index (what every listing asks: each task's and milestone's latest status, the first date of
each event, who submitted which quarter) and an `EntrySource` that hands out the report files
with their entries. The pure pipeline's source holds the list; a snapshot's reads them from
the cache when a command first asks (log, show, summary, or a look back before a task's last
entry): the status index answers every other question without them. The ledger answers no
question of judgement: `responsibility` does, as functions of (ledger, milestone, day).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.ledger.statusindex import FilePart, StatusIndex, fold, part_of
from hoinhap_cli.model import records
from hoinhap_cli.model.records import EntryView, EventEntry, Task, Unit
from hoinhap_cli.model.reportfiles import (
    MAX_BYTES,
    Report,
)
from hoinhap_cli.words.periods import Kind, Period, event_due, occurrences, plan_period, quarter_of, signed_day
from hoinhap_cli.words.problems import Problem, errors
from hoinhap_cli.words.text import natural_key

Pair = tuple[Report, EntryView]


class EntrySource(Protocol):
    """Where a ledger's report files, with their entries, come from: all of them, asked once, on
    first use; or some, by name (`show`: the few files holding one task's entries)."""

    def reports(self) -> list[Report]: ...

    def some(self, names: Collection[str]) -> list[Report]: ...


@dataclass(frozen=True)
class HeldEntries:
    """Report files already in hand (the pure pipeline's)."""

    held: list[Report]

    def reports(self) -> list[Report]:
        return self.held

    def some(self, names: Collection[str]) -> list[Report]:
        return [r for r in self.held if r.file in names]


@dataclass(frozen=True, eq=False)
class Ledger:
    """The validated data: build one with `Ledger.of`, or get one from `load`. Plain data: what is
    derived from it (plan order, the plan period, each recurring milestone's occurrences) is worked
    out once, when it is built; judging it (a milestone's status as of a day) is `rules`' work."""

    data: DataDir
    plan: records.Plan
    tasks: dict[str, Task]  # in plan order (natural order of ids: 2.9 before 2.10)
    units: dict[str, Unit]
    warnings: list[Problem]
    index: StatusIndex
    source: EntrySource = field(repr=False, compare=False)
    files: list[str] = field(default_factory=list)  # the report files' names, as displayed
    excluded: list[Problem] = field(default_factory=list)  # every problem of the files left out
    places: dict[str, int] = field(init=False, repr=False)  # each task's place in plan order
    period: Period = field(init=False, repr=False)  # the plan period (stated, else from the deadlines)
    occurring: dict[tuple[str, int], tuple[Period, ...]] = field(init=False, repr=False)  # recurring milestones

    def __post_init__(self) -> None:
        object.__setattr__(self, "places", {tid: n for n, tid in enumerate(self.tasks)})
        object.__setattr__(self, "period", _period_of(self.plan))
        within = self.obligation_period
        object.__setattr__(self, "occurring", {
            (task.id, i): tuple(occurrences(m.due, within))
            for task in self.tasks.values() for i, m in enumerate(task.milestones) if m.due.kind is Kind.RECURRING})

    @classmethod
    def of(cls, data: DataDir, plan: Any, reports: list[Report], warnings: list[Problem] | None = None) -> Ledger:
        """The ledger of a validated plan (a model, or records) and its validated report files;
        `warnings`: every problem found, those of files left out (with an error) kept apart."""
        plan = records.of(plan)  # plain records from here on (see records)
        tasks = in_plan_order(plan.tasks)
        return cls.folded(data, plan, tasks, reports, [part_of(r, tasks) for r in reports], warnings,
                          HeldEntries(reports))

    @classmethod
    def folded(cls, data: DataDir, plan: records.Plan, tasks: dict[str, Task], reports: list[Report],
               parts: list[FilePart], warnings: list[Problem] | None, source: EntrySource) -> Ledger:
        """The ledger of a plan (records; `tasks`: its tasks `in_plan_order`), the report files it
        holds, in order, and their parts (`statusindex.part_of`): the status index is their fold.
        Later, the files' entries come from `source`."""
        units = {u.id: u for u in plan.units}
        return cls.indexed(data, plan, tasks, [r.file for r in reports], fold(tasks, units, reports, parts),
                           warnings, source)

    @classmethod
    def indexed(cls, data: DataDir, plan: records.Plan, tasks: dict[str, Task], files: list[str], index: StatusIndex,
                warnings: list[Problem] | None, source: EntrySource) -> Ledger:
        """The ledger of a plan, the names of the report files it holds and their status index;
        `warnings`: every problem found, those of files left out (with an error) kept apart."""
        kept, excluded = split_excluded(list(warnings or []))
        return cls(data, plan, tasks, {u.id: u for u in plan.units}, kept, index, source, files, excluded)

    def excluded_files(self) -> list[str]:
        """The report files left out of every figure (each has an error), by name."""
        return sorted({p.file for p in self.excluded})

    @property
    def reports(self) -> list[Report]:
        """The report files with their entries (a snapshot's source reads them on first use)."""
        return self.source.reports()

    # ------------------------------------------------------------ facts about the plan
    @property
    def period_derived(self) -> bool:
        """Whether the plan states no period, so that `period` comes from the deadlines."""
        return self.plan.plan.period is None

    @property
    def signed_on(self) -> date:
        """The day the document was signed, or (left blank in the source) the plan period's start."""
        return signed_day(self.plan, self.period)

    @property
    def effective_on(self) -> date:
        """The day the decision took effect: signed, plus the days it says (Article 5: 7 days); a
        plan that states no effect article takes effect the day it is signed."""
        return self.signed_on + timedelta(days=self.plan.decision.effective_after_days or 0)

    @property
    def obligation_period(self) -> Period:
        """Recurring duties count from the quarter the decision was signed in to the plan's end."""
        start = max(self.period.start, quarter_of(self.signed_on).start)
        return Period(start, self.period.end, "obligations")

    def recurrences(self, task: Task, index: int) -> list[Period]:
        """The periods a milestone recurs in within `obligation_period` (none: not recurring)."""
        return list(self.occurring.get((task.id, index), ()))

    # ------------------------------------------------------------ progress
    def report_files(self) -> list[str]:
        """The report files' names, as displayed, without reading their entries."""
        return list(self.files)

    def entries(self) -> list[Pair]:
        """Every entry, ordered by date, then by order in the files."""
        return by_date(self.reports)

    def events(self) -> dict[str, EventEntry]:
        """The first recorded date of each awaited event."""
        return dict(self.index.events)

    def history(self, task_id: str) -> list[Pair]:
        """A task's entries by date (then order in the files), from the files holding them."""
        return by_date(self.source.some(set(self.index.holders.get(task_id, ()))), {task_id})

    def place(self, task_id: str) -> int:
        """A task's place in plan order (the order of `tasks`: 2.9 before 2.10)."""
        return self.places[task_id]

    def repeating(self) -> list[Task]:
        """The tasks with a recurring or an ongoing milestone, in id order (a few in a hundred)."""
        return [self.tasks[tid] for tid in self.index.dated]

    def dated(self, task_id: str) -> tuple[EntryView, ...]:
        """A task's entries by date (the history without the files)."""
        found = self.index.dated.get(task_id)
        if found is not None:
            return tuple(e for _, e in found)
        return tuple(e for _, e in self.history(task_id))

    def filed(self) -> list[tuple[str, str, str, date, str | None]]:
        """Every report sent, as the files say (see `Filed`), without reading their entries."""
        return [one for sent in self.index.filed.values() for one in sent]

    def submitted(self) -> dict[tuple[str, str], date | None]:
        """(unit, quarter label) -> the date its report was submitted (None: the file exists, not submitted)."""
        return self.index.submitted

    def due_date(self, task: Task, index: int) -> date | None:
        """A milestone's due date; an event-bound one once its event is recorded."""
        d = task.milestones[index].due
        if d.kind is Kind.EVENT:
            ev = self.index.events.get(d.event or "")
            return event_due(ev.date) if ev is not None else None
        return d.due


def _period_of(plan: records.Plan) -> Period:
    """The plan period: stated, else from the deadlines (a valid plan has one)."""
    p = plan.plan.period
    if p is None:
        p = plan_period(plan)
        assert p is not None, "validation refuses a plan with no period and no dated deadline"
    return Period(p.start, p.end, f"{p.start.year}–{p.end.year}")


def by_date(reports: list[Report], tasks: set[str] | None = None) -> list[Pair]:
    """Every entry (of `tasks`, if given) ordered by date, then by order in the files."""
    if tasks is None:
        pairs = [(r, e) for r in reports for e in r.entries]
    else:
        pairs = [(r, e) for r in reports for e in r.entries if e.task in tasks]
    pairs.sort(key=lambda pair: pair[1].date)  # stable: file order breaks ties
    return pairs


def in_plan_order(tasks: list[Task]) -> dict[str, Task]:
    """A plan's tasks by id, in natural order of ids (2.9 before 2.10)."""
    return {t.id: t for t in sorted(tasks, key=lambda t: natural_key(t.id))}


def split_excluded(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """The problems of the files still read, and those of the files left out: a file with an
    error is left out whole, its warnings with it."""
    bad = {p.file for p in errors(problems)}
    return [p for p in problems if p.file not in bad], [p for p in problems if p.file in bad]


def load(data: DataDir, today: date, *, max_bytes: int = MAX_BYTES) -> tuple[Ledger | None, list[Problem]]:
    """Everything wrong with the data, errors and warnings, and the ledger when the plan is
    usable (report files with an error left out, see `Ledger.excluded`). Files over
    `max_bytes` are refused before they are read."""
    # The one seam: reading imports PyYAML and pydantic, which a warm run never needs.
    from hoinhap_cli.ledger import reading

    plan, problems = reading.load_plan(data, max_bytes=max_bytes)
    if plan is None:
        return None, problems
    reports, found = reading.load_reports(data, plan, today, max_bytes=max_bytes)
    problems = problems + found  # the plan's are warnings: a report file's errors leave it out
    return Ledger.of(data, plan, reports, problems), problems
