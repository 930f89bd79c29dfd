"""Load the plan and the report files into a Ledger: validated, cross-checked, with status.

`load()` is the one entry for reading data. After it returns, everything is plain data and
no command reads the data folder again (except `record`, which writes through one function).
A ledger answered from the cache may read the cache's second part when first asked for its
entries (see _Snapshot); the data files only if that part is gone, and only if they are
still the files the ledger was validated from (_TailLoader).
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple

from hoinhap_cli import records
from hoinhap_cli.cache import NO_CACHE, Cache
from hoinhap_cli.paths import DataDir, listed_reports, parse_report_name
from hoinhap_cli.periods import Kind, Period, event_due, occurrences, quarter_of
from hoinhap_cli.problems import DataError, Problem, errors
from hoinhap_cli.text import natural_key
from hoinhap_cli.vocab import Status

if TYPE_CHECKING:
    from hoinhap_cli import yamlio
    from hoinhap_cli.model import Entry, EventEntry, Plan, ReportFile, Task, Unit
    from hoinhap_cli.validation import PlanIndex


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
    path: Path
    content: ReportFile
    entries: tuple[EntryView, ...] = ()

    @classmethod
    def of(cls, file: str, path: Path, content: ReportFile, same: dict | None = None) -> Report:
        views = _views(content.entries, {} if same is None else same)
        return cls(file, path, records.of(content, leave_out="entries"), views)


class StatusView(NamedTuple):
    status: Status
    entry: EntryView | None  # the latest entry, if any


_NOT_STARTED = StatusView(Status.NOT_STARTED, None)
_TAIL = ("reports", "_entries", "_by_task")  # what a cached ledger reads only when asked (see _Snapshot)


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
    _tail: Callable[[], tuple] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.plan = records.of(self.plan)  # validated: plain records from here on (see records)
        self.tasks = {t.id: t for t in sorted(self.plan.tasks, key=lambda t: natural_key(t.id))}
        self.units = {u.id: u for u in self.plan.units}
        # Indexed once: status questions are asked per milestone and period, many times per command.
        pairs = [(r, e) for r in self.reports for e in r.entries]
        self._entries = sorted(pairs, key=lambda pair: pair[1].date)  # stable: file order breaks ties
        self._by_task = {}
        for pair in self._entries:
            self._by_task.setdefault(pair[1].task, []).append(pair)
        self._events = {}
        for report in self.reports:
            for ev in report.content.events:
                if ev.event not in self._events or ev.date < self._events[ev.event].date:
                    self._events[ev.event] = ev
        self._submitted = {(r.content.unit, r.content.period.label): r.content.submitted for r in self.reports}
        self._latest = {}  # task -> (its last entry's date, its status, each milestone's status)
        for tid, pairs in self._by_task.items():
            task = self.tasks.get(tid)
            n = len(task.milestones) if task is not None else 0
            overall, each = _NOT_STARTED, [None] * n
            for _, e in pairs:  # by date: the last one naming a milestone (or the whole task) wins
                overall = StatusView(e.status, e)
                if e.milestone is None:
                    each = [overall] * n
                elif 0 < e.milestone <= n:
                    each[e.milestone - 1] = overall
            self._latest[tid] = (pairs[-1][1].date, overall, tuple(each))
        repeating = (Kind.RECURRING, Kind.ONGOING)
        self._dated = {t.id: tuple(e for _, e in self._by_task.get(t.id, ())) for t in self.tasks.values()
                       if any(m.due.kind in repeating for m in t.milestones)}

    def __getattr__(self, name: str) -> object:
        """A ledger read from a snapshot has its entries apart (see _Snapshot): read on first use."""
        loader = self.__dict__.get("_tail")
        if name not in _TAIL or loader is None:
            raise AttributeError(name)
        self.__dict__.update(zip(_TAIL, loader()))
        self._tail = None
        return self.__dict__[name]

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


def load_reports(data: DataDir, plan: Plan, today: date, cache: Cache = NO_CACHE,
                 unchanged: dict[str, tuple[Report, list[Problem]]] | None = None) -> tuple[list[Report], list[Problem]]:
    """Every report file, each validated on its own (cached by its bytes), then checked against
    the plan and today — unless `unchanged` holds the file already checked against the same
    plan bytes on the same day (the last snapshot, see check)."""
    reports, problems = [], []
    from hoinhap_cli.validation import PlanIndex

    index = PlanIndex.of(plan)
    limit = _yamlio().max_bytes_from_env()  # read once, not once per file
    unchanged = unchanged or {}
    same: dict = {}  # equal values of entries share one object (see EntryView)
    for name, relative, full in _named_reports(data):
        if name in unchanged:
            report, found = unchanged[name]
            reports.append(report if str(report.path) == full else replace(report, path=Path(full)))
            problems += found
            continue
        path = Path(full)
        unit, period = parse_report_name(relative)
        if period is None:
            problems.append(Problem(name, None, None, "a report file belongs in reports/<YYYY-Qn>/<unit-id>.yaml"))
            continue
        if path.suffix != ".yaml":  # record writes <unit>.yaml: a .yml twin would count its entries twice
            problems.append(Problem(name, None, None, f"report files end in .yaml: rename it to {path.stem}.yaml "
                                                      "(merge it into that file if it exists)"))
            continue
        raw, found = _yamlio().read_bytes(path, name, limit)
        if raw is None:
            problems += found
            continue
        key = cache.key("report", raw) if cache.enabled else ""
        content = cache.get(key) if key else None
        doc: object = None
        if content is None:
            doc, found = _yamlio().parse(raw, name)
            if doc is None:
                problems += found
                continue
            content, found = _validate(_models().ReportFile, doc)  # type: ignore[arg-type]
            if content is None:
                problems += found
                continue
            if key:
                cache.put(key, content)
        found = report_problems(content, doc or _Deferred(raw, name), plan, unit, period, today,  # type: ignore[arg-type]
                                index)
        problems += found
        if content is not None and not errors(found):
            reports.append(Report.of(name, path, content, same))
    return reports, problems


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
        if not isinstance(old, _Snapshot):
            old = None
        else:
            old.ledger._tail = _TailLoader(cache, slot, old.files.digest, data, today)
        files = _Files.of(data, today, old.files if old is not None else None) if slot else None
        if old is not None and files is not None and old.files.digest == files.digest:
            old.ledger.data = data  # nothing changed: the ledger as it was validated
            return old.ledger, list(old.ledger.warnings)
        plan_name = data.display(data.plan_file)
        if old is not None and files is not None and old.same_plan(files, plan_name):
            plan, problems = old.ledger.plan, [p for p in old.ledger.warnings if p.file == plan_name]
        else:
            plan, problems = load_plan(data, cache)
        if plan is None:
            return None, problems
        reuse = old.unchanged(files, plan_name) if old is not None and files else {}
        reports, found = load_reports(data, plan, today, cache, reuse)
        problems = problems + found
        if errors(problems):
            return None, problems
        ledger = Ledger(data, plan, reports, warnings=problems)
        if slot and files is not None:
            head, tail = _Snapshot(files, ledger).parts()
            cache.put_snapshot(slot, head, tail)
    return ledger, problems


def _named_reports(data: DataDir) -> list[tuple[str, str, str]]:
    """Every report file: its name as displayed (relative to the current folder when below it),
    its path relative to reports/, and its full path."""
    shown = data.display(data.reports)  # resolved once, not once per file
    prefix = "" if shown == "." else shown + os.sep
    return [(prefix + rel, rel, full) for rel, full in listed_reports(data)]


class _TailLoader:
    """Reads a cached ledger's entries when first asked (see Ledger.__getattr__): from the
    snapshot's second part when it belongs to the same files, else from the files themselves
    — provided they are still the ones the first part was validated from."""

    def __init__(self, cache: Cache, slot: str, digest: bytes, data: DataDir, today: date):
        self.cache, self.slot, self.digest, self.data, self.today = cache, slot, digest, data, today

    def __call__(self) -> tuple:
        with _collector_paused():
            stored = self.cache.get_snapshot_tail(self.slot)
            if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == self.digest:
                return stored[1]
            files = _Files.of(self.data, self.today)
            if files is None or files.digest != self.digest:
                raise DataError([Problem(self.data.display(self.data.root), None, None,
                                         "the data changed while this command read it: run it again")])
            plan, _ = load_plan(self.data, self.cache)
            reports, _ = load_reports(self.data, plan, self.today, self.cache)  # type: ignore[arg-type]
            fresh = Ledger(self.data, plan, reports)  # type: ignore[arg-type]
            tail = tuple(getattr(fresh, name) for name in _TAIL)
            self.cache.put_snapshot(self.slot, None, (self.digest, tail))  # mended for the next run
            return tail


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
                    hashes[name] = hashlib.sha256(Path(full).read_bytes()).digest()
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
    the report cross-checks and the ledger's indexing. Some files changed, same plan and day:
    the unchanged report files are taken from it with their warnings, cross-checks done, so an
    edit re-reads and re-checks only the edited file."""

    files: _Files
    ledger: Ledger

    def parts(self) -> tuple[_Snapshot, tuple[bytes, tuple]]:
        """The snapshot in two: what every command reads (the plan, warnings and the status
        index), and the entries, read only by commands that list them (log, show, summary)
        or look back before the last entry (--as-of). At 10,000 tasks the first is about half
        of the whole to read. The second carries the files' digest: a pair from two different
        writes never matches."""
        head = object.__new__(Ledger)
        head.__dict__.update({k: v for k, v in self.ledger.__dict__.items() if k not in _TAIL})
        head._tail = None
        return _Snapshot(self.files, head), (self.files.digest, tuple(getattr(self.ledger, k) for k in _TAIL))

    def same_plan(self, now: _Files, plan_name: str) -> bool:
        return now.today == self.files.today and now.hashes.get(plan_name) == self.files.hashes.get(plan_name)

    def unchanged(self, now: _Files, plan_name: str) -> dict[str, tuple[Report, list[Problem]]]:
        if not self.same_plan(now, plan_name):
            return {}
        warnings: dict[str, list[Problem]] = {}
        for p in self.ledger.warnings:
            warnings.setdefault(p.file, []).append(p)
        try:
            reports = self.ledger.reports
        except DataError:  # its entries were rewritten by another run meanwhile: read every file
            return {}
        return {r.file: (r, warnings.get(r.file, [])) for r in reports
                if r.file in now.hashes and now.hashes[r.file] == self.files.hashes.get(r.file)}


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
