"""Load the plan and the report files into a Ledger: validated, cross-checked, with status.

`load()` is the one entry for reading data. After it returns, everything is plain data and
no command reads the data folder again (except `record`, which writes through one function).
A ledger answered from the cache reads its report files' entries when first asked for them,
from the cache's entry of each file's bytes (see _Snapshot); the data files only if one of
those is gone, and only if they are still the files the ledger was validated from
(_TailLoader).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hoinhap_cli import guard, records
from hoinhap_cli.cache import NO_CACHE, Cache
from hoinhap_cli.paths import DataDir, listed_reports, parse_report_name
from hoinhap_cli.periods import Kind, Period, event_due, occurrences, quarter_of
from hoinhap_cli.problems import DataError, Problem, errors
from hoinhap_cli.text import natural_key
from hoinhap_cli.vocab import Status

if TYPE_CHECKING:
    from hoinhap_cli import yamlio
    from hoinhap_cli.model import Entry, EventEntry, Plan, ReportFile, Task, Unit


# Parsing and validating are imported when a file must be read: a warm run, answered from
# the cache, needs neither PyYAML nor the validators (~25 ms of imports on every start).
def _yamlio():  # noqa: ANN202
    from hoinhap_cli import yamlio

    return yamlio


def plan_problems(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201
    from hoinhap_cli.validation import plan_problems

    return plan_problems(*args, **kwargs)


def report_problems(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201
    from hoinhap_cli.validation import report_problems

    return report_problems(*args, **kwargs)


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


def _views(entries: list[Entry], same: dict) -> tuple[EntryView, ...]:
    """Entries as views; equal task ids, dates and texts share one object (`same`: across a load),
    so a snapshot stores and rebuilds each once (pickle keeps shared objects shared)."""
    def one(v):  # noqa: ANN001, ANN202
        return v if v is None else same.setdefault(v, v)
    return tuple(EntryView(one(e.task), e.milestone, e.status, one(e.date), one(e.note), one(e.reason),
                           one(e.evidence), e.forced) for e in entries)


@dataclass(frozen=True)
class Report:
    """A report file: `content` is its header and events as a record (its `entries` list left
    empty; see records), and `entries` its progress entries as views (see EntryView)."""

    file: str  # as displayed
    path: str  # in full, as listed
    content: ReportFile
    entries: tuple[EntryView, ...] = ()


def _piece(content: ReportFile, same: dict) -> tuple[ReportFile, tuple[EntryView, ...]]:
    """What the cache keeps of a validated report file: its header as a record, its entries as views."""
    return records.of(content, leave_out="entries"), _views(content.entries, same)


class _Checked:
    """A cached report as the cross-checks read it: the header's fields, with its entries."""

    def __init__(self, header: ReportFile, entries: tuple[EntryView, ...]):
        self._header, self.entries = header, entries

    def __getattr__(self, name: str) -> object:
        return getattr(self._header, name)


class StatusView(NamedTuple):
    status: Status
    entry: EntryView | None  # the latest entry, if any


_NOT_STARTED = StatusView(Status.NOT_STARTED, None)
_TAIL = ("reports", "_entries", "_by_task")  # what a cached ledger reads only when asked (see _Snapshot)
_PLAN = ("plan", "tasks", "units")  # what a snapshot stores apart, by the plan's bytes (see _Snapshot)


@dataclass
class Ledger:
    data: DataDir
    plan: Plan
    reports: list[Report]
    warnings: list[Problem] = field(default_factory=list)
    tasks: dict[str, Task] = field(init=False)
    units: dict[str, Unit] = field(init=False)
    _entries: list[tuple[Report, EntryView]] = field(init=False, repr=False)
    _by_task: dict[str, list[tuple[Report, EntryView]]] = field(init=False, repr=False)
    _events: dict[str, EventEntry] = field(init=False, repr=False)
    # The status index: what every listing asks, answerable without the entries themselves.
    _latest: dict[str, tuple[date, StatusView, tuple[StatusView | None, ...]]] = field(init=False, repr=False)
    _dated: dict[str, tuple[EntryView, ...]] = field(init=False, repr=False)  # tasks with recurring/ongoing duties
    _submitted: dict[tuple[str, str], date | None] = field(init=False, repr=False)
    _tail: Callable[[], list[Report]] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.plan = records.of(self.plan)  # validated: plain records from here on (see records)
        self.tasks = {t.id: t for t in sorted(self.plan.tasks, key=lambda t: natural_key(t.id))}
        self.units = {u.id: u for u in self.plan.units}
        # Indexed once: status questions are asked per milestone and period, many times per command.
        self._entries = _by_date(self.reports)
        self._by_task = _grouped(self._entries)
        self._events, self._submitted = _headers(self.reports)
        self._latest = {tid: _latest(self.tasks.get(tid), pairs) for tid, pairs in self._by_task.items()}
        repeating = (Kind.RECURRING, Kind.ONGOING)
        self._dated = {t.id: tuple(e for _, e in self._by_task.get(t.id, ())) for t in self.tasks.values()
                       if any(m.due.kind in repeating for m in t.milestones)}

    def __getattr__(self, name: str) -> object:
        """A ledger read from a snapshot has its entries apart (see _Snapshot): read on first use."""
        known = self.__dict__
        if name == "reports" and known.get("_tail") is not None:
            known["reports"], known["_tail"] = known["_tail"](), None
            return known["reports"]
        if name == "_entries" and ("reports" in known or known.get("_tail") is not None):
            known["_entries"] = _by_date(self.reports)
            return known[name]
        if name == "_by_task" and ("reports" in known or known.get("_tail") is not None):
            known["_by_task"] = _grouped(self._entries)  # only `show` and a look back (--as-of) need it
            return known[name]
        raise AttributeError(name)

    def without_entries(self) -> Ledger:
        """A copy with everything but the entries (_TAIL): what a snapshot stores."""
        head = object.__new__(Ledger)
        head.__dict__.update({k: v for k, v in self.__dict__.items() if k not in _TAIL})
        head._tail = None
        return head

    def edited(self, reports: list[Report], warnings: list[Problem], tasks: set[str]) -> Ledger:
        """This ledger with other report files, differing only in the entries of `tasks`: the
        status index is worked out again for those tasks alone, not the whole ledger (an edit
        of one file on 100,000 tasks names a few hundred)."""
        new = self.without_entries()
        new.reports, new.warnings = reports, warnings
        by_task = _grouped(_by_date(reports, tasks))
        new._latest, new._dated = dict(self._latest), dict(self._dated)
        for tid in tasks:
            pairs = by_task.get(tid)
            if pairs:
                new._latest[tid] = _latest(self.tasks.get(tid), pairs)
            else:
                new._latest.pop(tid, None)
            if tid in new._dated:
                new._dated[tid] = tuple(e for _, e in pairs or ())
        new._events, new._submitted = _headers(reports)
        return new

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
        loader = self.__dict__.get("_tail")
        if "reports" not in self.__dict__ and isinstance(loader, _TailLoader):
            return [name for name, _ in loader.snapshot.reports]
        return [r.file for r in self.reports]

    def entries(self) -> list[tuple[Report, EntryView]]:
        """Every entry, ordered by date, then by order in the files."""
        return list(self._entries)

    def events(self) -> dict[str, EventEntry]:
        """The first recorded date of each awaited event."""
        return dict(self._events)

    def history(self, task_id: str) -> list[tuple[Report, EntryView]]:
        return list(self._by_task.get(task_id, ()))

    def place(self, task_id: str) -> int:
        """A task's place in plan order (the order of `tasks`: 2.9 before 2.10)."""
        places = self.__dict__.get("_places")
        if places is None:  # asked only for one task at a time (the timeline): built on first use
            places = self.__dict__["_places"] = {tid: n for n, tid in enumerate(self.tasks)}
        return places[task_id]

    def repeating(self) -> list[Task]:
        """The tasks with a recurring or an ongoing milestone, in id order (a few in a hundred)."""
        return [self.tasks[tid] for tid in self._dated]

    def dated(self, task_id: str) -> tuple[EntryView, ...]:
        """A task's entries by date (the history without the files)."""
        found = self._dated.get(task_id)
        return found if found is not None else tuple(e for _, e in self._by_task.get(task_id, ()))

    def submitted(self) -> dict[tuple[str, str], date | None]:
        """(unit, quarter label) -> the date its report was submitted (None: the file exists, not submitted)."""
        return self._submitted

    def task_status(self, task_id: str, as_of: date | None = None) -> StatusView:
        latest = self._latest.get(task_id)
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
        latest = self._latest.get(task_id)
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
            ev = self._events.get(d.event or "")
            return event_due(ev.date) if ev else None
        return d.due


def _by_date(reports: list[Report], tasks: set[str] | None = None) -> list[tuple[Report, EntryView]]:
    """Every entry (of `tasks`, if given) ordered by date, then by order in the files."""
    if tasks is None:
        pairs = [(r, e) for r in reports for e in r.entries]
    else:
        pairs = [(r, e) for r in reports for e in r.entries if e.task in tasks]
    pairs.sort(key=lambda pair: pair[1].date)  # stable: file order breaks ties
    return pairs


def _grouped(pairs: list[tuple[Report, EntryView]]) -> dict[str, list[tuple[Report, EntryView]]]:
    """Each task's entries, in the order given."""
    by_task: dict[str, list[tuple[Report, EntryView]]] = {}
    for pair in pairs:
        by_task.setdefault(pair[1].task, []).append(pair)
    return by_task


def _latest(task: Task | None, pairs: list[tuple[Report, EntryView]]) -> tuple[date, StatusView, tuple]:
    """A task's entry in the status index: its last entry's date, its status, each milestone's."""
    n = len(task.milestones) if task is not None else 0
    overall, each = _NOT_STARTED, [None] * n
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


def _validate(model: type, doc: yamlio.Located) -> tuple[object | None, list[Problem]]:
    if doc.data is None:
        return None, [Problem(doc.file, 1, 1, "the file is empty: it holds no YAML data")]
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        return None, [Problem(doc.file, 1, 1, f"the file holds {kind}; it must be a mapping of keys "
                              f"({', '.join(model.model_fields)})")]
    from pydantic import ValidationError

    from hoinhap_cli.validation import schema_problems

    try:
        return model.model_validate(doc.data), []
    except ValidationError as err:
        return None, schema_problems(err, doc, model)


def _models():  # noqa: ANN202
    from hoinhap_cli import model

    return model


def load_plan(data: DataDir, cache: Cache = NO_CACHE) -> tuple[Plan | None, list[Problem]]:
    """The validated plan and its own problems; from the cache when the file's bytes are known."""
    name = data.display(data.plan_file)
    raw, problems = _yamlio().read_bytes(data.plan_file, name)
    if raw is None:
        return None, problems
    key = cache.key("plan", raw) if cache.enabled else ""
    hit = cache.get(key) if key else None
    if hit is not None:
        plan, warnings = hit
        return plan, [replace(p, file=name) for p in warnings]  # the name depends on the current folder
    plan, problems = parse_plan(raw, name)
    if plan is not None and key:
        cache.put(key, (plan, problems))
    return plan, problems


def parse_plan(raw: bytes | str, name: str) -> tuple[Plan | None, list[Problem]]:
    """Validate a plan that is not a file in the data folder (e.g. `git show REV:data/plan.yaml`).

    `name` is how its problems name it, e.g. "HEAD~1:data/plan.yaml".
    """
    doc, problems = _yamlio().parse(raw, name)
    if doc is None:
        return None, problems
    return _plan_from(doc)


def _plan_from(doc: yamlio.Located) -> tuple[Plan | None, list[Problem]]:
    plan, problems = _validate(_models().Plan, doc)
    if plan is None:
        return None, problems
    problems = plan_problems(plan, doc)  # type: ignore[arg-type]
    if errors(problems):
        return None, problems
    return _resolve_units(plan), problems  # type: ignore[arg-type]


def _resolve_units(plan: Plan) -> Plan:
    """Tasks that continue a merged cell take lead and support from the task they name."""
    by_id = {t.id: t for t in plan.tasks}
    tasks = []
    for t in plan.tasks:
        if t.units_from is not None:
            source = by_id[t.units_from]
            t = t.model_copy(update={"lead": list(source.lead or []), "support": list(source.support or [])})
        elif t.support is None:
            t = t.model_copy(update={"support": []})
        tasks.append(t)
    return plan.model_copy(update={"tasks": tasks})


class _Deferred:
    """A cached report's positions: parsed again only if a cross-check has a problem to place."""

    def __init__(self, raw: bytes, file: str):
        self._bytes, self.file = raw, file
        self._doc: yamlio.Located | None = None

    def __getattr__(self, attr: str) -> object:
        if self._doc is None:
            self._doc, _ = _yamlio().parse(self._bytes, self.file)  # the same bytes parsed fine before
        return getattr(self._doc, attr)


def load_reports(data: DataDir, plan: Plan, today: date, cache: Cache = NO_CACHE) -> tuple[list[Report], list[Problem]]:
    """Every report file, each validated on its own (cached by its bytes), then checked against
    the plan and today."""
    found = _read_reports(_named_reports(data), plan, today, cache)
    return [r for r, _ in found.values() if r is not None], [p for _, problems in found.values() for p in problems]


def _read_reports(named: list[tuple[str, str, str]], plan: Plan, today: date,
                  cache: Cache) -> dict[str, tuple[Report | None, list[Problem]]]:
    """These report files (name, path in reports/, full path), each read, validated (or taken
    from the cache entry of its bytes) and checked: by name, its report (None if it has
    errors) and its problems."""
    import hashlib

    from hoinhap_cli.validation import PlanIndex

    index = PlanIndex.of(plan)
    limit = _yamlio().max_bytes_from_env()  # read once, not once per file
    same: dict = {}  # equal values of entries share one object (see EntryView)
    out: dict[str, tuple[Report | None, list[Problem]]] = {}
    for name, relative, full in named:
        odd = guard.report_problem(name, full)  # a link, a FIFO, `.YAML`, a name not UTF-8
        if odd is not None:
            out[name] = None, [odd]
            continue
        unit, period = parse_report_name(relative)
        if period is None:
            out[name] = None, [Problem(name, None, None, "a report file belongs in reports/<YYYY-Qn>/<unit-id>.yaml")]
            continue
        if not full.endswith(".yaml"):  # record writes <unit>.yaml: a .yml twin would count its entries twice
            out[name] = None, [Problem(name, None, None, f"report files end in .yaml: rename it to "
                                                         f"{Path(full).stem}.yaml (merge it into that file if it exists)")]
            continue
        raw, found = _yamlio().read_bytes(full, name, limit)
        if raw is None:
            out[name] = None, found
            continue
        key = cache.key_of("report", hashlib.sha256(raw).digest()) if cache.enabled else ""
        piece = cache.get(key) if key else None
        if isinstance(piece, tuple) and len(piece) == 2:
            header, views = piece
            content, doc = _Checked(header, views), _Deferred(raw, name)
        else:
            doc, found = _yamlio().parse(raw, name)
            if doc is None:
                out[name] = None, found
                continue
            content, found = _validate(_models().ReportFile, doc)  # type: ignore[arg-type]
            if content is None:
                out[name] = None, found
                continue
            header, views = _piece(content, same)  # type: ignore[arg-type]
            if key:
                cache.put(key, (header, views))
        found = report_problems(content, doc, plan, unit, period, today, index)  # type: ignore[arg-type]
        out[name] = (None if errors(found) else Report(name, full, header, views)), found
    return out


def validate_report(doc: yamlio.Located, plan: Plan, unit: str | None, period: str | None,
                    today: date) -> tuple[ReportFile | None, list[Problem]]:
    """One parsed report file: the schema, then the checks against the plan and its place on disk."""
    content, found = _validate(_models().ReportFile, doc)
    if content is None:
        return None, found
    return content, report_problems(content, doc, plan, unit, period, today)  # type: ignore[arg-type]


def check(data: DataDir, today: date, cache: Cache = NO_CACHE) -> tuple[Ledger | None, list[Problem]]:
    """Everything wrong with the data, errors and warnings, and the ledger when it is usable."""
    with _collector_paused():
        # One snapshot per data folder *and* current folder: files and warnings are named as the
        # user sees them, relative to where the command runs (a snapshot shared by two folders
        # would be rebuilt by each in turn).
        where = f"{data.plan_file.resolve()}\0{os.getcwd()}"
        slot = cache.key("ledger", where.encode()) if cache.enabled else ""
        old = cache.get_snapshot(slot) if slot else None
        if not isinstance(old, _Snapshot) or not old.with_plan(cache):
            old = None
        else:
            old.ledger._tail = _TailLoader(cache, old, data, today)
        files = _Files.of(data, today, old.files if old is not None else None) if slot else None
        if old is not None and files is not None and old.files.digest == files.digest:
            old.ledger.data = data  # nothing changed: the ledger as it was validated
            return old.ledger, list(old.ledger.warnings)
        plan_name = data.display(data.plan_file)
        edit = None
        if old is not None and files is not None and old.same_plan(files, plan_name):
            edit = _edited(old, files, data, today, cache, plan_name)
        ledger, problems = edit if edit is not None else _built(data, today, cache)
        if ledger is not None and slot and files is not None:
            snapshot = _Snapshot.of(files, ledger)
            if edit is None:  # the plan was read: its part may be new
                snapshot.put_plan(cache)
            cache.put_snapshot(slot, snapshot)
    return ledger, problems


def _built(data: DataDir, today: date, cache: Cache) -> tuple[Ledger | None, list[Problem]]:
    """The ledger from its files (each file's validated content may come from the cache)."""
    plan, problems = load_plan(data, cache)
    if plan is None:
        return None, problems
    reports, found = load_reports(data, plan, today, cache)
    problems = problems + found
    if errors(problems):
        return None, problems
    return Ledger(data, plan, reports, warnings=problems), problems


def _edited(old: _Snapshot, files: _Files, data: DataDir, today: date, cache: Cache,
            plan_name: str) -> tuple[Ledger | None, list[Problem]] | None:
    """The last snapshot brought up to date when only report files changed (same plan, same day):
    the changed files are read and checked, every other keeps its report and its warnings, and
    the status index is worked out again only for the tasks the changed files name, before or
    after the edit. None when the snapshot cannot tell (an entry of the cache is gone): then
    everything is read."""
    named = _named_reports(data)
    changed = [(name, rel, full) for name, rel, full in named if files.hashes.get(name) != old.files.hashes.get(name)]
    fresh = _read_reports(changed, old.ledger.plan, today, cache)
    warnings: dict[str, list[Problem]] = {}
    for p in old.ledger.warnings:
        warnings.setdefault(p.file, []).append(p)
    for name, (_, found) in fresh.items():
        warnings[name] = found
    problems = warnings.get(plan_name, []) + [p for name, _, _ in named for p in warnings.get(name, ())]
    if errors(problems):
        return None, problems
    # Past the errors, every changed file has its report; `replaced`: the old files changed or gone.
    reread = {name: report for name, (report, _) in fresh.items()}
    replaced = [name for name, _ in old.reports if name in reread or name not in files.hashes]
    before = {name: old.piece(cache, name) for name in replaced}
    if any(piece is None for piece in before.values()):
        return None
    ledger = old.ledger
    if before.keys() == reread.keys() and all(
            (reread[name].entries, reread[name].content.events) == (views, header.events)  # type: ignore[union-attr]
            for name, (header, views) in before.items()):  # type: ignore[misc]
        # Not one entry or event changed (a comment, a submitted date): nothing to re-index, and
        # the entries are left unread. The snapshot names the same files, some with new bytes.
        head = ledger.without_entries()
        head.warnings = problems
        head._submitted = {**ledger._submitted, **_headers(list(reread.values()))[1]}  # type: ignore[arg-type]
        head._tail = _TailLoader(cache, _Snapshot(files, head, old.reports), data, today)
        head.data = data
        return head, problems
    try:
        reports = {r.file: r for r in ledger.reports}  # every other file's, from the cache
    except DataError:  # its files changed since, and a cache entry is gone: read everything
        return None
    tasks = {e.task for name in replaced for e in reports[name].entries}
    for name, report in reread.items():
        reports[name] = report  # type: ignore[assignment]
        tasks.update(e.task for e in report.entries)  # type: ignore[union-attr]
    new = ledger.edited([reports[name] for name, _, _ in named if reports.get(name) is not None], problems, tasks)
    new.data = data
    return new, problems


def _named_reports(data: DataDir) -> list[tuple[str, str, str]]:
    """Every report file: its name as displayed (relative to the current folder when below it),
    its path relative to reports/, and its full path."""
    shown = data.display(data.reports)  # resolved once, not once per file
    prefix = "" if shown == "." else shown + os.sep
    return [(prefix + rel, rel, full) for rel, full in listed_reports(data)]


@dataclass(frozen=True)
class _Files:
    """What a data folder holds, as of a day: each file's hash by name, and one hash of them all.

    Each file is known by the sha256 of its bytes. To spare reading and hashing thousands of
    unchanged files on every run, the hash is stored with the file's stat — size, inode,
    modification and *change* time — and a file whose stat is exactly the stored one takes
    the stored hash. That is not trusting a modification time: `st_ctime_ns` is the inode's
    change time, which the kernel sets to "now" on every write, truncate, rename onto it and
    every `utime` call, and which no ordinary program can set back; an edit that keeps the
    size and restores the modification time still moves it. Any stat difference reads and
    hashes the file again. Two limits, handled the way git handles "racily clean" files:
    timestamps have a granularity (a write in the same tick as the one we hashed leaves the
    same times), so a stat is stored only for a file whose times are `SETTLED_NS` older than
    the moment its bytes were read; and only on POSIX, where st_ctime is the change time
    (on Windows it is the creation time), elsewhere every file is hashed every time."""

    today: date
    hashes: dict[str, bytes]
    digest: bytes
    stats: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, data: DataDir, today: date, known: _Files | None = None) -> _Files | None:
        import hashlib
        import time

        trust = os.name == "posix"
        settled = time.time_ns() - SETTLED_NS  # before any file is read
        old_stats = known.stats if known is not None and trust else {}
        old_hashes = known.hashes if known is not None else {}
        hashes, stats = {}, {}
        whole = hashlib.sha256(today.isoformat().encode())  # the report checks compare dates with today
        try:
            named = [(data.display(data.plan_file), str(data.plan_file))]
            named += [(name, full) for name, _, full in _named_reports(data)]
            for name, full in named:
                st = os.stat(full) if trust else None
                sig = (st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns) if st is not None else None
                if sig is not None and old_stats.get(name) == sig and name in old_hashes:
                    hashes[name] = old_hashes[name]
                else:
                    hashes[name] = hashlib.sha256(guard.regular(Path(full)).read_bytes()).digest()
                if sig is not None and max(sig[2], sig[3]) < settled:
                    stats[name] = sig
                whole.update(f"\0{name}\0".encode() + hashes[name])
        except OSError:
            return None  # the slow path says what is wrong
        return cls(today, hashes, whole.digest(), stats)


SETTLED_NS = 2_000_000_000  # a file's times must be this much older than its reading to store its stat


@dataclass
class _Snapshot:
    """A data folder's last validated ledger (one cache entry per folder, see cache.put_snapshot).

    Same files and day: the answer, in one load — at 10,000 tasks instead of 2,557 entry loads,
    the report cross-checks and the ledger's indexing. Some report files changed, same plan and
    day: only they are read and cross-checked, and the status index is updated for the tasks
    they name (_edited).

    It holds what every command reads: the plan, the warnings and the status index. Not the
    entries: those are read only by commands that list them (log, show, summary) or look back
    before a task's last entry (--as-of), each file's from the cache entry of its bytes
    (`reports`: each report file's name and path; the hash of its bytes is in `files`). Those
    entries are written before any snapshot naming them, and the entry of given bytes is never
    another's: a snapshot is never read with entries from another version of its files."""

    files: _Files
    ledger: Ledger  # without its entries (_TAIL); stored without its plan (_PLAN)
    reports: list[tuple[str, str]]

    # The plan (its records, tasks and units) is stored apart, under the hash of the plan's
    # bytes: an edit of report files, which rewrites the snapshot, leaves it as it is
    # (at 10,000 tasks two thirds of the snapshot, 0.08 s of writing an edit would repeat).

    def __getstate__(self) -> dict:
        ledger = object.__new__(Ledger)
        ledger.__dict__.update({k: v for k, v in self.ledger.__dict__.items() if k not in _PLAN})
        return {**self.__dict__, "ledger": ledger}

    def _plan_key(self, cache: Cache) -> str:
        return cache.key_of("ledger-plan", self.files.hashes[self.ledger.data.display(self.ledger.data.plan_file)])

    def with_plan(self, cache: Cache) -> bool:
        """Read back with its plan; False if that part is gone (the snapshot is then of no use)."""
        part = cache.get(self._plan_key(cache))
        if not (isinstance(part, tuple) and len(part) == len(_PLAN)):
            return False
        self.ledger.__dict__.update(zip(_PLAN, part))
        return True

    def put_plan(self, cache: Cache) -> None:
        key = self._plan_key(cache)
        if not cache.has(key):
            cache.put(key, tuple(getattr(self.ledger, k) for k in _PLAN))

    @classmethod
    def of(cls, files: _Files, ledger: Ledger) -> _Snapshot:
        if "reports" not in ledger.__dict__ and isinstance(ledger._tail, _TailLoader):
            # an edit that left the entries unread (see _edited): the same files as before
            return cls(files, ledger.without_entries(), ledger._tail.snapshot.reports)
        return cls(files, ledger.without_entries(), [(r.file, r.path) for r in ledger.reports])

    def piece(self, cache: Cache, name: str) -> tuple | None:
        """A report file's header and entries as this snapshot read them (None: no longer cached)."""
        digest = self.files.hashes.get(name)
        piece = cache.get(cache.key_of("report", digest)) if digest is not None and cache.enabled else None
        return piece if isinstance(piece, tuple) and len(piece) == 2 else None

    def same_plan(self, now: _Files, plan_name: str) -> bool:
        return now.today == self.files.today and now.hashes.get(plan_name) == self.files.hashes.get(plan_name)


class _TailLoader:
    """Reads a cached ledger's report files when first asked (see Ledger.__getattr__): each from
    the cache entry of the bytes the ledger was validated from, else from the files themselves
    — provided they are still those bytes."""

    def __init__(self, cache: Cache, snapshot: _Snapshot, data: DataDir, today: date):
        self.cache, self.snapshot, self.data, self.today = cache, snapshot, data, today

    def __call__(self) -> list[Report]:
        with _collector_paused():
            reports = []
            for name, full in self.snapshot.reports:
                piece = self.snapshot.piece(self.cache, name)
                if piece is None:
                    return self._from_files()
                reports.append(Report(name, full, *piece))
            return reports

    def _from_files(self) -> list[Report]:
        files = _Files.of(self.data, self.today)
        if files is None or files.digest != self.snapshot.files.digest:
            raise DataError([Problem(self.data.display(self.data.root), None, None,
                                     "the data changed while this command read it: run it again")])
        reports, _ = load_reports(self.data, self.snapshot.ledger.plan, self.today, self.cache)  # fills the cache
        return reports


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading builds millions of objects and no reference cycles; Python's cyclic garbage
    collector would rescan them again and again (half the time of a large load). Afterwards
    they are frozen out of its sight, or its next full pass costs ~0.8 s at 10,000 tasks;
    reference counting still frees them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def load(data: DataDir, today: date, cache: Cache = NO_CACHE) -> Ledger:
    """The ledger, or DataError with every problem found."""
    ledger, problems = check(data, today, cache)
    if ledger is None:
        raise DataError(errors(problems))
    return ledger
