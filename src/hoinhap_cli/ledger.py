"""The ledger: the plan and the report files, validated, cross-checked, with the status index.

`load(data, today)` is the pure pipeline: it reads every file (see `reading`), validates it,
checks each report against the plan and today, and returns `(ledger, problems)`: a ledger
whenever the plan is usable. A report file with an error is left out of the ledger, not the
reason for none (`Ledger.excluded` holds its problems, so every answer can say its figures
exclude it); entries dated after today are outside the view. Nothing reads the data folder
after it returns.
`snapshot.load` has the same signature and the content-hash cache around it.

A `Ledger` is one shape of plain data: the plan as records, the warnings, the status index
(what every listing asks: each task's and milestone's latest status, the first date of each
event, who submitted which quarter) and an `EntrySource` that hands out the report files
with their entries. The pure pipeline's source holds the list; a snapshot's reads them from
the cache when a command first asks (log, show, summary, or a look back before a task's last
entry): the status index answers every other question without them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any, NamedTuple, Protocol

from hoinhap_cli import records
from hoinhap_cli.paths import DataDir, listed_reports
from hoinhap_cli.periods import Kind, Period, event_due, occurrences, quarter_of
from hoinhap_cli.problems import Problem, errors
from hoinhap_cli.records import EventEntry, ReportHeader, Task, Unit
from hoinhap_cli.text import natural_key
from hoinhap_cli.vocab import Status

# Files of 10 MiB at most: reading costs ~30 bytes of memory per byte of YAML (a 16 MiB plan
# peaks at ~500 MB); the real plan is ~0.1 MiB. Callers may pass another limit.
MAX_BYTES = 10 * 2**20


class EntryView(NamedTuple):
    """A validated progress entry, as the ledger holds it: the fields of `model.Entry`, read the same
    way (`e.task`, `e.status`, `e.date`, …), in a plain tuple.

    The warm path loads the whole ledger from one pickle; a pydantic `Entry` costs ~570 bytes
    and a Python `__setstate__` call to unpickle, this ~120 bytes and none (100,000 entries:
    ~245 ms and ~107 MiB against ~50 ms and ~20 MiB, strings included). Entries are validated
    as `Entry` first, so nothing about them changes but their class; the cold and the cached
    paths both hand out views, so the answers are the same."""

    task: str
    milestone: int | None
    status: Status
    date: date
    note: str | None
    reason: str | None
    evidence: str | None
    forced: bool


@dataclass(frozen=True)
class Report:
    """A report file: `content` is its header and events as a record (its `entries` list left
    empty; see records), and `entries` its progress entries as views (see EntryView)."""

    file: str  # as displayed
    path: str  # in full, as listed
    content: ReportHeader
    entries: tuple[EntryView, ...] = ()


class StatusView(NamedTuple):
    status: Status
    entry: EntryView | None  # the latest entry, if any


_NOT_STARTED = StatusView(Status.NOT_STARTED, None)
Pair = tuple[Report, EntryView]
# A task's place in the status index: its last entry's date, its status, each milestone's.
Latest = tuple[date, StatusView, tuple[StatusView | None, ...]]


class EntrySource(Protocol):
    """Where a ledger's report files, with their entries, come from: asked once, on first use."""

    def reports(self) -> list[Report]: ...


@dataclass(frozen=True)
class HeldEntries:
    """Report files already in hand (the pure pipeline's)."""

    held: list[Report]

    def reports(self) -> list[Report]:
        return self.held


@dataclass(frozen=True)
class StatusIndex:
    """What every listing asks, answerable without the entries themselves; indexed once, since
    status questions are asked per milestone and period, many times per command."""

    latest: dict[str, Latest]
    dated: dict[str, tuple[EntryView, ...]]  # tasks with recurring or ongoing duties: their entries
    events: dict[str, EventEntry]  # the first recorded date of each awaited event
    submitted: dict[tuple[str, str], date | None]  # (unit, quarter label) -> submitted on

    @classmethod
    def of(cls, tasks: dict[str, Task], reports: list[Report]) -> StatusIndex:
        by_task = _grouped(_by_date(reports))
        repeating = (Kind.RECURRING, Kind.ONGOING)
        dated = {t.id: tuple(e for _, e in by_task.get(t.id, ())) for t in tasks.values()
                 if any(m.due.kind in repeating for m in t.milestones)}
        return cls({tid: _latest(tasks.get(tid), pairs) for tid, pairs in by_task.items()}, dated,
                   *_headers(reports))

    def updated(self, tasks: dict[str, Task], reports: list[Report], changed: set[str]) -> StatusIndex:
        """The index of `reports`, which differ from this index's files only in the entries of
        the `changed` tasks: worked out again for those alone (an edit of one file on 100,000
        tasks names a few hundred)."""
        by_task = _grouped(_by_date(reports, changed))
        latest, dated = dict(self.latest), dict(self.dated)
        for tid in changed:
            pairs = by_task.get(tid)
            if pairs:
                latest[tid] = _latest(tasks.get(tid), pairs)
            else:
                latest.pop(tid, None)
            if tid in dated:
                dated[tid] = tuple(e for _, e in pairs or ())
        return StatusIndex(latest, dated, *_headers(reports))

    def resubmitted(self, reports: list[Report]) -> StatusIndex:
        """This index with the submitted dates of `reports`, whose entries and events are unchanged."""
        return replace(self, submitted={**self.submitted, **_headers(reports)[1]})


@dataclass
class Ledger:
    """The validated data: build one with `Ledger.of`, or get one from `load`."""

    data: DataDir
    plan: records.Plan
    tasks: dict[str, Task]  # in plan order (natural order of ids: 2.9 before 2.10)
    units: dict[str, Unit]
    warnings: list[Problem]
    index: StatusIndex
    source: EntrySource = field(repr=False, compare=False)
    files: list[str] = field(default_factory=list)  # the report files' names, as displayed
    excluded: list[Problem] = field(default_factory=list)  # every problem of the files left out

    @classmethod
    def of(cls, data: DataDir, plan: Any, reports: list[Report], warnings: list[Problem] | None = None) -> Ledger:
        """The ledger of a validated plan (a model, or records) and its validated report files;
        `warnings`: every problem found, those of files left out (with an error) kept apart."""
        plan = records.of(plan)  # plain records from here on (see records)
        tasks = {t.id: t for t in sorted(plan.tasks, key=lambda t: natural_key(t.id))}
        kept, excluded = split_excluded(list(warnings or []))
        return cls(data, plan, tasks, {u.id: u for u in plan.units}, kept,
                   StatusIndex.of(tasks, reports), HeldEntries(reports), [r.file for r in reports], excluded)

    def excluded_files(self) -> list[str]:
        """The report files left out of every figure (each has an error), by name."""
        return sorted({p.file for p in self.excluded})

    @cached_property
    def reports(self) -> list[Report]:
        """The report files with their entries (read from the source on first use)."""
        return self.source.reports()

    @cached_property
    def _entries(self) -> list[Pair]:
        return _by_date(self.reports)

    @cached_property
    def _by_task(self) -> dict[str, list[Pair]]:  # only `show` and a look back (--as-of) need it
        return _grouped(self._entries)

    @cached_property
    def _places(self) -> dict[str, int]:  # asked only for one task at a time (the timeline)
        return {tid: n for n, tid in enumerate(self.tasks)}

    # ------------------------------------------------------------ facts about the plan
    @property
    def period(self) -> Period:
        p = self.plan.plan.period
        return Period(p.start, p.end, f"{p.start.year}–{p.end.year}")

    @property
    def obligation_period(self) -> Period:
        """Recurring duties count from the quarter the decision was signed in to the plan's end."""
        start = max(self.period.start, quarter_of(self.plan.decision.signed_on).start)
        return Period(start, self.period.end, "obligations")

    def recurrences(self, task: Task, index: int) -> list[Period]:
        return occurrences(task.milestones[index].due, self.obligation_period)

    # ------------------------------------------------------------ progress
    def report_files(self) -> list[str]:
        """The report files' names, as displayed, without reading their entries."""
        return list(self.files)

    def entries(self) -> list[Pair]:
        """Every entry, ordered by date, then by order in the files."""
        return list(self._entries)

    def events(self) -> dict[str, EventEntry]:
        """The first recorded date of each awaited event."""
        return dict(self.index.events)

    def history(self, task_id: str) -> list[Pair]:
        return list(self._by_task.get(task_id, ()))

    def place(self, task_id: str) -> int:
        """A task's place in plan order (the order of `tasks`: 2.9 before 2.10)."""
        return self._places[task_id]

    def repeating(self) -> list[Task]:
        """The tasks with a recurring or an ongoing milestone, in id order (a few in a hundred)."""
        return [self.tasks[tid] for tid in self.index.dated]

    def dated(self, task_id: str) -> tuple[EntryView, ...]:
        """A task's entries by date (the history without the files)."""
        found = self.index.dated.get(task_id)
        return found if found is not None else tuple(e for _, e in self._by_task.get(task_id, ()))

    def submitted(self) -> dict[tuple[str, str], date | None]:
        """(unit, quarter label) -> the date its report was submitted (None: the file exists, not submitted)."""
        return self.index.submitted

    def task_status(self, task_id: str, as_of: date | None = None) -> StatusView:
        latest = self.index.latest.get(task_id)
        if latest is None:
            return _NOT_STARTED
        if as_of is None or as_of >= latest[0]:  # every entry counts: the index knows the answer
            return latest[1]
        for _, entry in reversed(self._by_task.get(task_id, ())):  # by date: the first from the end
            if entry.date <= as_of:
                return StatusView(entry.status, entry)
        return _NOT_STARTED

    def milestone_status(self, task_id: str, index: int, as_of: date | None = None) -> StatusView:
        """Latest entry naming this milestone (1-based in files) or naming the whole task."""
        latest = self.index.latest.get(task_id)
        if latest is None:
            return _NOT_STARTED
        if as_of is None or as_of >= latest[0]:
            each = latest[2]
            return (each[index] if index < len(each) else None) or _NOT_STARTED
        for _, entry in reversed(self._by_task.get(task_id, ())):
            if (entry.milestone is None or entry.milestone == index + 1) and entry.date <= as_of:
                return StatusView(entry.status, entry)
        return _NOT_STARTED

    def due_date(self, task: Task, index: int) -> date | None:
        """A milestone's due date; an event-bound one once its event is recorded."""
        d = task.milestones[index].due
        if d.kind is Kind.EVENT:
            ev = self.index.events.get(d.event or "")
            return event_due(ev.date) if ev is not None else None
        return d.due


def _by_date(reports: list[Report], tasks: set[str] | None = None) -> list[Pair]:
    """Every entry (of `tasks`, if given) ordered by date, then by order in the files."""
    if tasks is None:
        pairs = [(r, e) for r in reports for e in r.entries]
    else:
        pairs = [(r, e) for r in reports for e in r.entries if e.task in tasks]
    pairs.sort(key=lambda pair: pair[1].date)  # stable: file order breaks ties
    return pairs


def _grouped(pairs: list[Pair]) -> dict[str, list[Pair]]:
    """Each task's entries, in the order given."""
    by_task: dict[str, list[Pair]] = {}
    for pair in pairs:
        by_task.setdefault(pair[1].task, []).append(pair)
    return by_task


def _latest(task: Task | None, pairs: list[Pair]) -> Latest:
    """A task's entry in the status index: its last entry's date, its status, each milestone's."""
    n = len(task.milestones) if task is not None else 0
    overall = _NOT_STARTED
    each: list[StatusView | None] = [None] * n
    for _, e in pairs:  # by date: the last one naming a milestone (or the whole task) wins
        overall = StatusView(e.status, e)
        if e.milestone is None:
            each = [overall] * n
        elif 0 < e.milestone <= n:
            each[e.milestone - 1] = overall
    return pairs[-1][1].date, overall, tuple(each)


def _headers(reports: list[Report]) -> tuple[dict[str, EventEntry], dict[tuple[str, str], date | None]]:
    """The first recorded date of each event, and when each unit's quarter was submitted."""
    events: dict[str, EventEntry] = {}
    for report in reports:
        for ev in report.content.events:
            if ev.event not in events or ev.date < events[ev.event].date:
                events[ev.event] = ev
    return events, {(r.content.unit, r.content.period.label): r.content.submitted for r in reports}


def split_excluded(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """The problems of the files still read, and those of the files left out: a file with an
    error is left out whole, its warnings with it."""
    bad = {p.file for p in errors(problems)}
    return [p for p in problems if p.file not in bad], [p for p in problems if p.file in bad]


def up_to(entries: tuple[EntryView, ...], today: date) -> tuple[EntryView, ...]:
    """The entries dated on or before `today`: a later one is outside the view (not an error)."""
    if all(e.date <= today for e in entries):
        return entries
    return tuple(e for e in entries if e.date <= today)


def named_reports(data: DataDir) -> list[tuple[str, str, str]]:
    """Every report file: its name as displayed (relative to the current folder when below it),
    its path relative to reports/, and its full path."""
    shown = data.display(data.reports)  # resolved once, not once per file
    prefix = "" if shown == "." else shown + os.sep
    return [(prefix + rel, rel, full) for rel, full in listed_reports(data)]


def load(data: DataDir, today: date, *, max_bytes: int = MAX_BYTES) -> tuple[Ledger | None, list[Problem]]:
    """Everything wrong with the data, errors and warnings, and the ledger when the plan is
    usable (report files with an error left out, see `Ledger.excluded`). Files over
    `max_bytes` are refused before they are read."""
    # The one seam: reading imports PyYAML and pydantic (~25 ms), which a warm run never needs.
    from hoinhap_cli import reading

    plan, problems = reading.load_plan(data, max_bytes=max_bytes)
    if plan is None:
        return None, problems
    reports, found = reading.load_reports(data, plan, today, max_bytes=max_bytes)
    problems = problems + found  # the plan's are warnings: a report file's errors leave it out
    return Ledger.of(data, plan, reports, problems), problems
