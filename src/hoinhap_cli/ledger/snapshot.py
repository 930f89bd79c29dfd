"""`ledger.load` with the content-hash cache around it: the same signature, the same answers.

Per data folder (and current folder: files and warnings are named as the user sees them,
relative to where the command runs), the cache keeps a snapshot of the last checked ledger: its
warnings, its status index and the names of its report files, keyed by every file's name and
hash, today's date and the size limit (and, as every key, the package's code); the plan
(records, tasks, units) is stored apart under the hash of the plan's bytes, so an edit of
report files, which rewrites the snapshot, leaves it as it is (most of a snapshot's bytes,
which writing an edit would otherwise repeat).

- Same files and day: the answer, in one load — instead of one entry load per report file,
  the report cross-checks and the indexing. The entries are not in the snapshot: the ledger
  gets them from a `_CachedEntries` source, each file's from the cache entry of its bytes,
  when a command first asks (log, show, summary, a look back before a task's last entry).
- Some report files changed, same plan and day: only they are read and cross-checked, and the
  status index is updated for the tasks they name (`_edited`).
- Anything else: every file is read (each file's validated content may still come from the
  cache entry of its bytes, see `reading`).

Those per-file entries are written before any snapshot naming them, and the entry of given
bytes is never another's: a snapshot is never read with entries from another version of its
files. If one is gone when asked for, the files are read again, provided they are still the
bytes the ledger was checked from; else `DataError` says the data changed meanwhile (the one
error a ledger from here can raise after loading, and only while reading its entries).
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import msgspec

from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.ledger.cache import Cache
from hoinhap_cli.ledger.indexstore import StoredIndex
from hoinhap_cli.ledger.ledger import HeldEntries, Ledger, StatusIndex
from hoinhap_cli.ledger.ledger import load as load_uncached
from hoinhap_cli.ledger.scan import FileHashes, Scan
from hoinhap_cli.model import records
from hoinhap_cli.model.records import Task, Unit
from hoinhap_cli.model.reportfiles import MAX_BYTES, Piece, Report, header_up_to, named_reports, seen
from hoinhap_cli.words.problems import LANG, DataError, Problem, errors, words

_Named = list[tuple[str, str]]  # each report file's name as displayed, and its full path
_Head = tuple[records.ReportHeader, msgspec.Raw, msgspec.Raw]  # a Piece, its entries and tail not decoded


ATTEMPTS = 3  # loads tried while the files keep changing under the command
REWRITE_SHARE = 1 / 16  # a warm run that hashed this share of the data's bytes stores their stats
CHANGED = words("snapshot.changed")  # the data changed while this command read it: run it again


@dataclass(frozen=True)
class _Snapshot:
    """What the cache keeps of a checked ledger, but its plan and its entries (see the module)."""

    files: FileHashes
    warnings: list[Problem]
    index: StoredIndex  # each task's part decoded when asked (indexstore)
    excluded: tuple[Problem, ...] = ()  # the problems of the report files left out (ledger.Ledger.excluded)
    lang: str = ""  # the language those problems are worded in (problems.LANG): another re-reads them
    held: tuple[str, ...] = ()  # the report files the ledger holds (Ledger.report_files), as it named them

    def reports(self, data: DataDir) -> _Named:
        """The report files of the ledger (every file but the plan and those left out), each name
        as displayed and its full path, as `named_reports` lists them."""
        shown = data.display(data.reports)
        prefix, root = ("" if shown == "." else shown + os.sep), str(data.reports)
        return [(name, os.path.join(root, name[len(prefix):])) for name in self.names()]

    def names(self) -> list[str]:
        """The report files the ledger holds, as the ledger listed them: not the plan, not those
        left out, not those listed only to be warned about (`.YAML`)."""
        return list(self.held)

    def head(self, cache: Cache, name: str) -> records.ReportHeader | None:
        """A report file's header as this snapshot read it, its entries left undecoded."""
        found = self._entry(cache, name, _Head)
        return found[0] if found is not None else None

    def piece(self, cache: Cache, name: str) -> Piece | None:
        """A report file's header and entries as this snapshot read them (None: no longer cached)."""
        found: Piece | None = self._entry(cache, name, Piece)
        return found

    def _entry(self, cache: Cache, name: str, kind: Any) -> Any:
        """The cache entry of a report file's bytes as this snapshot read them, decoded as `kind`."""
        digest = self.files.hashes.get(name)
        return cache.get(cache.report_key(digest), kind) if digest is not None and cache.enabled else None

    def same_plan(self, now: FileHashes, plan_name: str) -> bool:
        return now.today == self.files.today and now.hashes.get(plan_name) == self.files.hashes.get(plan_name)

    def refs(self, cache: Cache, plan_name: str) -> list[str]:
        """The cache entries this snapshot reads: its plan's and its report files'."""
        hashes = self.files.hashes
        return [_Plan.key(cache, self.files, plan_name)] + \
            [cache.report_key(digest) for digest in list(hashes.values())[1:]]


@dataclass(frozen=True)
class _Plan:
    """The plan part of a snapshot, stored under the hash of the plan's bytes: the plan's records
    (its tasks and units held apart, typed), the natural order of its tasks, its own warnings."""

    header: records.Record  # the plan without its tasks and units
    tasks: list[Task]  # in plan order
    units: list[Unit]
    order: list[int]  # the tasks in natural order of ids
    warnings: list[Problem]

    @staticmethod
    def key(cache: Cache, files: FileHashes, plan_name: str) -> str:
        return cache.key_of("ledger-plan", files.hashes[plan_name])

    @classmethod
    def of(cls, ledger: Ledger, plan_name: str) -> _Plan:
        place = {tid: n for n, tid in enumerate(t.id for t in ledger.plan.tasks)}
        header = records.Record({**ledger.plan.__dict__, "tasks": [], "units": []})
        return cls(header, list(ledger.plan.tasks), list(ledger.plan.units), [place[tid] for tid in ledger.tasks],
                   [p for p in ledger.warnings if p.file == plan_name])

    def plan(self) -> records.Plan:
        return records.Plan({**self.header.__dict__, "tasks": self.tasks, "units": self.units})


@dataclass(frozen=True)
class _Parts:
    """A stored plan part, rebuilt once per load."""

    plan: records.Plan
    tasks: dict[str, Task]
    units: dict[str, Unit]
    warnings: list[Problem]

    @classmethod
    def of(cls, part: _Plan) -> _Parts:
        tasks = part.tasks
        return cls(part.plan(), {tasks[n].id: tasks[n] for n in part.order}, {u.id: u for u in part.units},
                   part.warnings)


def load(data: DataDir, today: date, cache: Cache, *,
         max_bytes: int = MAX_BYTES) -> tuple[Ledger | None, list[Problem]]:
    """`ledger.load`, answered from the cache when the files are those of the last snapshot.

    A file that changes while the command reads it makes it start again (`Scan`); after
    `ATTEMPTS` the command says the data keeps changing (the CLI exits 2)."""
    if not cache.enabled:
        return load_uncached(data, today, max_bytes=max_bytes)
    for _ in range(ATTEMPTS):
        found = _load_once(data, today, cache, max_bytes)
        if found is not None:
            return found
    return None, [Problem(data.display(data.root), None, None, CHANGED)]


def _load_once(data: DataDir, today: date, cache: Cache,
               max_bytes: int) -> tuple[Ledger | None, list[Problem]] | None:
    where = f"{data.plan_file.resolve()}\0{os.getcwd()}\0{max_bytes}"  # a limit's answers are its own
    slot = cache.key("ledger", where.encode())
    plan_name = data.display(data.plan_file)
    old = cache.get_snapshot(slot, _Snapshot)
    stored = cache.get(_Plan.key(cache, old.files, plan_name), _Plan) \
        if isinstance(old, _Snapshot) and plan_name in old.files.hashes else None
    if not isinstance(old, _Snapshot) or not isinstance(stored, _Plan):
        old = stored = None  # a snapshot without its plan is of no use
    scan = Scan.of(data, today, old.files if old is not None else None, max_bytes)
    if scan is None or scan.too_big:
        return load_uncached(data, today, max_bytes=max_bytes)  # it says what is wrong; nothing stored
    files = scan.files
    if old is not None and stored is not None and old.files.digest == files.digest \
            and (not old.excluded or old.lang == (LANG.get() or "")):
        if scan.hashed >= REWRITE_SHARE and files.stats != old.files.stats and scan.consistent(data):
            # Many files hashed (a clone, a copy, a checkout): store what is now known of their
            # stats, so that the runs after the next trust them. A few are hashed on every run
            # until the next edit stores them: cheaper than writing the snapshot again.
            old = replace(old, files=files)
            cache.put_snapshot(slot, old, old.refs(cache, plan_name))
        part = _Parts.of(stored)
        return (_ledger(data, part, old, _CachedEntries(cache, old, part, data, today, max_bytes)),
                list(old.warnings) + list(old.excluded))
    edit = None
    if old is not None and stored is not None and old.same_plan(files, plan_name):
        edit = _edited(old, _Parts.of(stored), scan, data, today, cache, max_bytes)
    ledger, problems = edit if edit is not None else _built(data, today, cache, max_bytes, scan)
    if not scan.consistent(data):
        return None  # read while it changed: perhaps not one version of the data
    if ledger is not None:
        key = _Plan.key(cache, files, plan_name)
        if not cache.has(key):
            cache.put(key, _Plan.of(ledger, plan_name))
        now = _Snapshot(files, ledger.warnings, StoredIndex.of(ledger.index), tuple(ledger.excluded),
                        LANG.get() or "", tuple(ledger.report_files()))
        cache.put_snapshot(slot, now, now.refs(cache, plan_name))
    return ledger, problems


def _ledger(data: DataDir, part: _Parts, snapshot: _Snapshot, source: _CachedEntries,
            index: StatusIndex | None = None) -> Ledger:
    """The ledger of a snapshot: its index (or `index`, brought up to date), its entries from `source`."""
    if index is None:
        index = _index(snapshot, part, source)
    return Ledger(data, part.plan, part.tasks, part.units, list(snapshot.warnings), index, source,
                  snapshot.names(), list(snapshot.excluded))


def _built(data: DataDir, today: date, cache: Cache, max_bytes: int,
           scan: Scan) -> tuple[Ledger | None, list[Problem]]:
    """`ledger.load` from the bytes the scan hashed, each report file's validated content from the
    cache entry of its bytes when known, the plan's from the stored plan part."""
    from hoinhap_cli.ledger import reading  # PyYAML and pydantic: only when a file must be read

    plan_name = data.display(data.plan_file)
    stored = cache.get(_Plan.key(cache, scan.files, plan_name), _Plan)
    plan: reading.AnyPlan | None
    if isinstance(stored, _Plan):
        scan.take(plan_name)
        plan, problems = stored.plan(), [replace(p, file=plan_name) for p in stored.warnings]
    else:
        plan, problems = reading.load_plan(data, max_bytes=max_bytes, given=scan)
    if plan is None:
        return None, problems
    reports, found = reading.load_reports(data, plan, today, cache, max_bytes=max_bytes, given=scan)
    problems = problems + found  # a report file with an error is left out (ledger.load)
    return Ledger.of(data, plan, reports, problems), problems


def _edited(old: _Snapshot, part: _Parts, scan: Scan, data: DataDir, today: date, cache: Cache,
            max_bytes: int) -> tuple[Ledger | None, list[Problem]] | None:
    """The last snapshot brought up to date when only report files changed (same plan, same day):
    the changed files are read and checked, every other keeps its report and its warnings, and
    the status index is worked out again only for the tasks the changed files name, before or
    after the edit. None when the snapshot cannot tell (an entry of the cache is gone): then
    everything is read."""
    from hoinhap_cli.ledger import reading  # PyYAML and pydantic: only when a file must be read

    files = scan.files
    named = named_reports(data)
    changed = [(name, rel, full) for name, rel, full in named if files.hashes.get(name) != old.files.hashes.get(name)]
    fresh = reading.read_reports(changed, part.plan, today, cache, max_bytes, given=scan)
    problems = _warnings(old.warnings + list(old.excluded), {name: found for name, (_, found) in fresh.items()},
                         data.display(data.plan_file), [name for name, _, _ in named])
    if errors(problems):
        return None  # a file left out: read everything (ledger.load), each file still from its cache entry
    # Past the errors, every changed file has its report; `replaced`: the old files changed or gone.
    reread = {name: report for name, (report, _) in fresh.items() if report is not None}
    old_held = set(old.held)
    held = tuple(name for name, _, _ in named if name in reread or (name in old_held and name not in fresh))
    replaced = [name for name in old.held if name in reread or name not in files.hashes]
    before = {name: old.piece(cache, name) for name in replaced}
    if any(piece is None for piece in before.values()):
        return None
    tasks = {e.task for piece in before.values() if piece is not None for e in piece[1]}
    for report in reread.values():
        tasks.update(e.task for e in report.entries)
    source = _CachedEntries(cache, old, part, data, today, max_bytes)
    old_index = _index(old, part, source)
    # The other files: whole when they hold a changed task's entries, else their headers alone
    # (not every entry of the ledger read to re-index the few tasks one file names).
    kept = source.headed({name for tid in tasks for name in old_index.holders.get(tid, ())})
    if kept is None:
        return None
    reports = {r.file: r for r in kept}
    reports.update(reread)
    now_reports = [reports[name] for name, _, _ in named if name in reports]
    index = old_index.updated(part.tasks, part.units, now_reports, tasks)
    now = _Snapshot(files, problems, old.index, held=held)
    return _ledger(data, part, now, _CachedEntries(cache, now, part, data, today, max_bytes), index), problems


def _index(snapshot: _Snapshot, part: _Parts, source: HeldEntries | _CachedEntries) -> StatusIndex:
    """A snapshot's status index, each task's part decoded when asked; should one be damaged, the
    index of the entries from `source`, as a cold read works it out."""
    return snapshot.index.status(lambda: StatusIndex.of(part.tasks, part.units, source.reports()))


def _warnings(old: list[Problem], fresh: dict[str, list[Problem]], plan_name: str, names: list[str]) -> list[Problem]:
    """The old warnings of the files left as they were, the new problems of the files read again,
    in the order of a full read (the plan's, then each report file's in turn)."""
    by_file: dict[str, list[Problem]] = {}
    for p in old:
        by_file.setdefault(p.file, []).append(p)
    by_file.update(fresh)
    return by_file.get(plan_name, []) + [p for name in names for p in by_file.get(name, ())]


class _CachedEntries:
    """A snapshot's report files with their entries, each from the cache entry of the bytes the
    ledger was checked from, else from the files themselves — provided they are still those bytes."""

    def __init__(self, cache: Cache, snapshot: _Snapshot, part: _Parts, data: DataDir, today: date, max_bytes: int):
        self.cache, self.snapshot, self.part = cache, snapshot, part
        self.data, self.today, self.max_bytes = data, today, max_bytes
        self.held: list[Report] | None = None  # every file, once read: a command asking again reads none

    def reports(self) -> list[Report]:
        if self.held is None:
            self.held = self._named(None)
        return self.held

    def some(self, names: Collection[str]) -> list[Report]:
        return self._named(names)

    def headed(self, whole: Collection[str]) -> list[Report] | None:
        """Every report file: with its entries when named in `whole`, else its header alone (what
        an index update asks of the files an edit did not touch); None: a cache entry is gone."""
        out = []
        for name, full in self.snapshot.reports(self.data):
            if name in whole:
                piece = self.snapshot.piece(self.cache, name)
                if piece is None:
                    return None
                out.append(seen(name, full, piece[0], piece[1], self.today))
            else:
                head = self.snapshot.head(self.cache, name)
                if head is None:
                    return None
                out.append(Report(name, full, header_up_to(head, self.today)))
        return out

    def _named(self, names: Collection[str] | None) -> list[Report]:
        reports = []
        for name, full in self.snapshot.reports(self.data):
            if names is not None and name not in names:
                continue
            piece = self.snapshot.piece(self.cache, name)
            if piece is None:
                return [r for r in self._from_files() if names is None or r.file in names]
            reports.append(seen(name, full, piece[0], piece[1], self.today))
        return reports

    def _from_files(self) -> list[Report]:
        from hoinhap_cli.ledger import reading  # PyYAML and pydantic: only when a file must be read

        scan = Scan.of(self.data, self.today, None, self.max_bytes)
        if scan is None or scan.files.digest != self.snapshot.files.digest:
            raise DataError([Problem(self.data.display(self.data.root), None, None, CHANGED)])
        reports, _ = reading.load_reports(self.data, self.part.plan, self.today, self.cache,
                                          max_bytes=self.max_bytes, given=scan)  # fills the cache
        if not scan.consistent(self.data):
            raise DataError([Problem(self.data.display(self.data.root), None, None, CHANGED)])
        return reports
