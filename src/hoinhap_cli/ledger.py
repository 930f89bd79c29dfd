"""The ledger: the plan and the report files, validated, cross-checked, with the status index.

`load(data, today)` is the pure pipeline: it reads every file (see `reading`), validates it,
checks each report against the plan and today, and returns `(ledger, problems)`: a ledger
whenever the plan is usable. A report file with an error is left out of the ledger, not the
reason for none (`Ledger.excluded` holds its problems, so every answer can say its figures
exclude it); what is dated after today (entries, events, submissions) is outside the view
(`seen`). Nothing reads the data folder after it returns.
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
from collections.abc import Collection, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any, NamedTuple, Protocol

from hoinhap_cli import records
from hoinhap_cli.paths import DataDir, listed_reports
from hoinhap_cli.periods import Kind, Period, event_due, occurrences, plan_period, quarter_of, signed_day
from hoinhap_cli.problems import Problem, errors
from hoinhap_cli.records import EntryView, EventEntry, ReportHeader, Task, Unit
from hoinhap_cli.responsibility import Slot, StatusView, combine, judge, occurrence, slots
from hoinhap_cli.text import natural_key
from hoinhap_cli.vocab import Status

# Files of 10 MiB at most: reading costs ~30 bytes of memory per byte of YAML (a 16 MiB plan
# peaks at ~500 MB); the real plan is ~0.1 MiB. Callers may pass another limit.
MAX_BYTES = 10 * 2**20


class Tail(NamedTuple):
    """Where a report file's `entries` list ends, for a writer appending to it without parsing the
    whole file again (see yamldump.tail): the byte offset of the line its last item starts on, and
    the column of its dashes."""

    start: int
    column: int


# A report file's cache entry, by the hash of its bytes (see reading): its header (its entries
# list left empty), its entries, and where they end (None: not at the end of a plain file).
Piece = tuple[ReportHeader, tuple[EntryView, ...], Tail | None]


@dataclass(frozen=True)
class Report:
    """A report file: `content` is its header and events as a record (its `entries` list left
    empty; see records), and `entries` its progress entries as views (see EntryView)."""

    file: str  # as displayed
    path: str  # in full, as listed
    content: ReportHeader
    entries: tuple[EntryView, ...] = ()


_NOT_STARTED = StatusView(Status.NOT_STARTED, None)
Pair = tuple[Report, EntryView]
# Each unit's latest entry on a milestone, in the order units first reported (plain data).
ByUnit = tuple[tuple[str, EntryView], ...]
# An entry with the unit whose report holds it.
Said = tuple[str, EntryView]
# A task's place in the status index: its last entry (by date, then order in the files) and its date.
Latest = tuple[date, EntryView]
# What a report file says was sent: (duty id, "" for the file's own quarterly report; unit; period
# label; the day; the document number) — read by `reporting` without the files' entries.
Filed = tuple[tuple[str, str, str, date, str | None], ...]


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


@dataclass(frozen=True)
class StatusIndex:
    """What every listing asks, answerable without the entries themselves; indexed once, since
    status questions are asked per milestone and period, many times per command."""

    latest: Mapping[str, Latest]
    dated: Mapping[str, tuple[Said, ...]]  # tasks with recurring or ongoing duties: their entries, with their units
    events: dict[str, EventEntry]  # the first recorded date of each awaited event
    submitted: dict[tuple[str, str], date | None]  # (unit, quarter label) -> submitted on
    filed: dict[str, Filed] = field(default_factory=dict)  # report file -> what it says was sent
    # Each milestone of a task with entries, judged as of now (responsibility.judge): what every
    # listing asks first, stored with the index so that a warm run does not judge 16,000 milestones
    # (10,000 tasks: 0.05 s to load against 0.2 s to judge).
    judged: Mapping[str, tuple[StatusView, ...]] = field(default_factory=dict)
    holders: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # task -> the files with its entries

    @classmethod
    def of(cls, tasks: dict[str, Task], units: dict[str, Unit], reports: list[Report]) -> StatusIndex:
        by_task = _grouped(_by_date(reports))
        repeating = (Kind.RECURRING, Kind.ONGOING)
        dated = {t.id: _said(by_task.get(t.id, ())) for t in tasks.values()
                 if any(m.due.kind in repeating for m in t.milestones)}
        latest = {tid: (pairs[-1][1].date, pairs[-1][1]) for tid, pairs in by_task.items()}
        return cls(latest, dated, *_headers(reports), _judged(tasks, units, by_task), _holders(reports))

    def updated(self, tasks: dict[str, Task], units: dict[str, Unit], reports: list[Report],
                changed: set[str]) -> StatusIndex:
        """The index of `reports`, which differ from this index's files only in the entries of
        the `changed` tasks: worked out again for those alone (an edit of one file on 100,000
        tasks names a few hundred)."""
        by_task = _grouped(_by_date(reports, changed))
        latest, dated, judged, holders = (_copied(m) for m in (self.latest, self.dated, self.judged, self.holders))
        for tid in changed:
            pairs = by_task.get(tid)
            if pairs:
                latest[tid] = (pairs[-1][1].date, pairs[-1][1])
            else:
                latest.pop(tid, None)
                judged.pop(tid, None)
                holders.pop(tid, None)
            if tid in dated:
                dated[tid] = _said(pairs or ())
        judged.update(_judged(tasks, units, by_task))
        holders.update(_holders(reports, changed))
        return StatusIndex(latest, dated, *_headers(reports), judged, holders)


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
        plan_units = {u.id: u for u in plan.units}
        return cls(data, plan, tasks, plan_units, kept, StatusIndex.of(tasks, plan_units, reports),
                   HeldEntries(reports), [r.file for r in reports], excluded)

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
    def _views(self) -> dict[tuple[str, int], StatusView]:  # milestone_status, asked per obligation
        return {}

    @cached_property
    def _said(self) -> dict[str, tuple[Said, ...]]:  # each unit's words on a task the index does not hold
        return {}

    @cached_property
    def _slots(self) -> dict[str, tuple[Slot, ...]]:
        return {}

    @cached_property
    def _past(self) -> dict[tuple[str, date], tuple[tuple[ByUnit, ...], dict[int, StatusView]]]:
        return {}  # a look back: each task's words as of a day, and its milestones judged from them

    @cached_property
    def _statuses(self) -> dict[str, StatusView]:  # task_status as of now, asked more than once per row
        return {}

    @cached_property
    def _recurring(self) -> dict[tuple[str, int], list[Period]]:  # recurrences, asked per row and per period
        return {}

    @cached_property
    def _places(self) -> dict[str, int]:  # asked only for one task at a time (the timeline)
        return {tid: n for n, tid in enumerate(self.tasks)}

    # ------------------------------------------------------------ facts about the plan
    @property
    def period(self) -> Period:
        p = self.plan.plan.period
        if p is None:
            return self._derived_period
        return Period(p.start, p.end, f"{p.start.year}–{p.end.year}")

    @cached_property
    def _derived_period(self) -> Period:  # no `plan.period`: from the deadlines (a valid plan has one)
        p = plan_period(self.plan)
        assert p is not None, "validation refuses a plan with no period and no dated deadline"
        return Period(p.start, p.end, f"{p.start.year}–{p.end.year}")

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
        key = (task.id, index)
        found = self._recurring.get(key)
        if found is None:
            found = self._recurring[key] = occurrences(task.milestones[index].due, self.obligation_period)
        return list(found)

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
        """A task's entries by date (then order in the files), read from its files alone unless
        every file's entries are in hand already."""
        if "_by_task" in self.__dict__:
            return list(self._by_task.get(task_id, ()))
        return _by_date(self.source.some(set(self.index.holders.get(task_id, ()))), {task_id})

    def place(self, task_id: str) -> int:
        """A task's place in plan order (the order of `tasks`: 2.9 before 2.10)."""
        return self._places[task_id]

    def repeating(self) -> list[Task]:
        """The tasks with a recurring or an ongoing milestone, in id order (a few in a hundred)."""
        return [self.tasks[tid] for tid in self.index.dated]

    def dated(self, task_id: str) -> tuple[EntryView, ...]:
        """A task's entries by date (the history without the files)."""
        found = self.index.dated.get(task_id)
        if found is not None:
            return tuple(e for _, e in found)
        return tuple(e for _, e in self._by_task.get(task_id, ()))

    def filed(self) -> list[tuple[str, str, str, date, str | None]]:
        """Every report sent, as the files say (see `Filed`), without reading their entries."""
        return [one for sent in self.index.filed.values() for one in sent]

    def submitted(self) -> dict[tuple[str, str], date | None]:
        """(unit, quarter label) -> the date its report was submitted (None: the file exists, not submitted)."""
        return self.index.submitted

    def slots(self, task: Task) -> tuple[Slot, ...]:
        """The task's lead slots (responsibility.slots), worked out once per task."""
        found = self._slots.get(task.id)
        if found is None:
            found = self._slots[task.id] = slots(task, self.units)
        return found

    def milestone_status(self, task_id: str, index: int, as_of: date | None = None) -> StatusView:
        """A milestone's status as of a date (`judged`); a recurring one is done only when each of
        its occurrences is (responsibility.occurrence): a lead's "done" in 2009 leaves 2010's open,
        and then the leads' part shown is that of the first occurrence still owed.

        The one entry point every query asks (deadlines, overdue, summary, listings)."""
        view = self.judged(task_id, index, as_of)
        task = self.tasks.get(task_id)
        if view.status is not Status.DONE or task is None or task.milestones[index].due.kind is not Kind.RECURRING:
            return view
        said = self.said(task_id, index + 1, as_of)
        task_slots = self.slots(task)
        first_open = next((v for v in (occurrence(task_slots, said, p.start) for p in self.recurrences(task, index))
                           if v.status is not Status.DONE), None)
        if first_open is None:
            return view
        # the leads' part of the first year still owed; begun, since an earlier one is done
        status = Status.IN_PROGRESS if first_open.status is Status.NOT_STARTED else first_open.status
        return first_open._replace(status=status, entry=view.entry)

    def said(self, task_id: str, milestone: int, as_of: date | None = None) -> list[tuple[str, EntryView]]:
        """What each unit said on a milestone (its entries and those naming no milestone), by date,
        up to the date: (unit, entry)."""
        pairs = self.index.dated.get(task_id)  # every task with a recurring duty: no file read
        if pairs is None:
            pairs = self._said.get(task_id)
        if pairs is None:
            pairs = self._said[task_id] = _said(self.history(task_id))
        return [(unit, e) for unit, e in pairs
                if e.milestone in (None, milestone) and (as_of is None or e.date <= as_of)]

    def judged(self, task_id: str, index: int, as_of: date | None = None) -> StatusView:
        """A milestone's status as of a date, from each unit's latest entry naming it (or naming the
        whole task), judged by responsibility.judge: done only when every lead has said done.
        Queries ask `milestone_status`, which adds the rule of a recurring duty's occurrences."""
        key = (task_id, index)
        found = self._views.get(key)
        latest = self.index.latest.get(task_id)
        if found is not None and (as_of is None or latest is None or as_of >= latest[0]):
            return found
        task = self.tasks.get(task_id)
        if task is None:
            return _NOT_STARTED
        if as_of is None or latest is None or as_of >= latest[0]:  # every entry counts: the index knows
            judged = self.index.judged.get(task_id)
            if judged is not None and index < len(judged):
                return judged[index]
            found = self._views[key] = judge(self.slots(task), ())  # no entry names the task
            return found
        past = self._past.get((task_id, as_of))
        if past is None:  # once per task and day: a review asks every milestone of it, many twice
            words = _words(self._by_task.get(task_id, ()), len(task.milestones), as_of)
            past = self._past[task_id, as_of] = (words, {})
        words, views = past
        found = views.get(index)
        if found is None:
            found = views[index] = judge(self.slots(task), words[index] if index < len(words) else ())
        return found

    def task_status(self, task_id: str, as_of: date | None = None) -> StatusView:
        """The task's status (responsibility.combine of its milestones'), its latest entry by then,
        and the per-unit detail of its current milestone (the first not closed; else the last)."""
        found = self._statuses.get(task_id) if as_of is None else None
        if found is not None:
            return found
        task = self.tasks.get(task_id)
        if task is None or not task.milestones:
            return _NOT_STARTED
        views = [self.milestone_status(task_id, i, as_of) for i in range(len(task.milestones))]
        current = next((v for v in views if not v.status.closed), views[-1])
        found = StatusView(combine(views), self.last_entry(task_id, as_of), current.by_unit, current.done, current.of)
        if as_of is None:
            self._statuses[task_id] = found
        return found

    def current_milestone(self, task_id: str, as_of: date | None = None) -> int:
        """The first milestone (0-based) not done nor dropped as of the date; the last when all are."""
        n = len(self.tasks[task_id].milestones)
        return next((i for i in range(n) if not self.milestone_status(task_id, i, as_of).status.closed), n - 1)

    def last_entry(self, task_id: str, as_of: date | None = None) -> EntryView | None:
        """The task's latest entry (by date, then order in the files) on or before the date."""
        latest = self.index.latest.get(task_id)
        if latest is None:
            return None
        if as_of is None or as_of >= latest[0]:
            return latest[1]
        before = [e for _, e in self._by_task.get(task_id, ()) if e.date <= as_of]
        return before[-1] if before else None

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


def _said(pairs: Iterable[Pair]) -> tuple[Said, ...]:
    """Entries with the unit of the report holding each."""
    return tuple((r.content.unit, e) for r, e in pairs)


def _grouped(pairs: list[Pair]) -> dict[str, list[Pair]]:
    """Each task's entries, in the order given."""
    by_task: dict[str, list[Pair]] = {}
    for pair in pairs:
        by_task.setdefault(pair[1].task, []).append(pair)
    return by_task


def _copied(found: Mapping[str, Any]) -> MutableMapping[str, Any]:
    """A changeable copy of one of the index's maps: an index read from the cache copies its own
    way, without decoding every task (indexstore.PerTask)."""
    copy = getattr(found, "copy", None)
    return copy() if copy is not None else dict(found)


def _holders(reports: list[Report], tasks: set[str] | None = None) -> dict[str, tuple[str, ...]]:
    """The report files holding each task's entries (of `tasks`, if given), in the order of `reports`."""
    out: dict[str, dict[str, None]] = {}
    for r in reports:
        for e in r.entries:
            if tasks is None or e.task in tasks:
                out.setdefault(e.task, {})[r.file] = None
    return {tid: tuple(files) for tid, files in out.items()}


def _judged(tasks: dict[str, Task], units: dict[str, Unit],
            by_task: dict[str, list[Pair]]) -> dict[str, tuple[StatusView, ...]]:
    """Each milestone of the tasks given with their entries, judged from each unit's latest word."""
    out = {}
    for tid, pairs in by_task.items():
        task = tasks.get(tid)
        if task is not None:
            task_slots = slots(task, units)
            out[tid] = tuple(judge(task_slots, words) for words in _words(pairs, len(task.milestones)))
    return out


def _words(pairs: Iterable[Pair], n: int, until: date | None = None) -> tuple[ByUnit, ...]:
    """Each unit's latest entry (on or before `until`) on each of a task's `n` milestones; an entry
    naming no milestone speaks for every one. `pairs` come by date."""
    each: list[dict[str, EntryView]] = [{} for _ in range(n)]
    for report, e in pairs:
        if until is not None and e.date > until:
            break
        unit = report.content.unit
        if e.milestone is None:
            for said in each:
                said[unit] = e
        elif 0 < e.milestone <= n:
            each[e.milestone - 1][unit] = e
    return tuple(tuple(said.items()) for said in each)


def _headers(reports: list[Report]) -> tuple[dict[str, EventEntry], dict[tuple[str, str], date | None],
                                             dict[str, Filed]]:
    """The first recorded date of each event, when each unit's quarter was submitted, and what
    each file says was sent (its own report and its `submissions:`)."""
    events: dict[str, EventEntry] = {}
    filed: dict[str, Filed] = {}
    for report in reports:
        c = report.content
        for ev in c.events:
            if ev.event not in events or ev.date < events[ev.event].date:
                events[ev.event] = ev
        sent = [("", c.unit, c.period.label, c.submitted, c.number)] if c.submitted is not None else []
        sent += [(s.duty, c.unit, s.period.label, s.date, s.number) for s in c.submissions]
        if sent:
            filed[report.file] = tuple(sent)
    return events, {(r.content.unit, r.content.period.label): r.content.submitted for r in reports}, filed


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


def seen(name: str, full: str, header: ReportHeader, entries: tuple[EntryView, ...], today: date) -> Report:
    """A report file as it stood on `today`: what is dated after it — an entry, an event, a
    submission, the file's own `submitted:` day — is outside the view, item by item; the rest of
    the file is kept."""
    return Report(name, full, header_up_to(header, today), up_to(entries, today))


def header_up_to(header: ReportHeader, today: date) -> ReportHeader:
    """A report file's header without the events and submissions dated after `today` (a quarterly
    report submitted later: not submitted yet, its number with it)."""
    later = header.submitted is not None and header.submitted > today
    if not later and all(e.date <= today for e in header.events) and all(s.date <= today for s in header.submissions):
        return header
    fields = dict(header.__dict__)
    if later:
        fields.update(submitted=None, number=None)
    fields["events"] = [e for e in header.events if e.date <= today]
    fields["submissions"] = [s for s in header.submissions if s.date <= today]
    return records.Record(fields)


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
