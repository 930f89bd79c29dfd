"""`ledger.load` with the content-hash cache around it: the same signature, the same answers.

Per data folder (and current folder: files and warnings are named as the user sees them,
relative to where the command runs), the cache keeps a snapshot of the last checked ledger:
its warnings, its status index and the names of its report files, keyed by every file's name
and hash and by today's date; the plan (records, tasks, units) is stored apart under the hash
of the plan's bytes, so an edit of report files, which rewrites the snapshot, leaves it as it
is (at 10,000 tasks two thirds of the snapshot, 0.08 s of writing an edit would repeat).

- Same files and day: the answer, in one load — at 10,000 tasks instead of 2,557 entry loads,
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

import hashlib
import os
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hoinhap_cli import guard, records
from hoinhap_cli.cache import Cache
from hoinhap_cli.ledger import MAX_BYTES, EntryView, HeldEntries, Ledger, Report, StatusIndex, named_reports, up_to
from hoinhap_cli.ledger import load as load_uncached
from hoinhap_cli.paths import DataDir
from hoinhap_cli.problems import DataError, Problem, errors
from hoinhap_cli.records import Task, Unit

_Named = list[tuple[str, str]]  # each report file's name as displayed, and its full path
_Piece = tuple[records.ReportHeader, tuple[EntryView, ...]]  # a report file's entry in the cache (see reading)


@dataclass(frozen=True)
class FileHashes:
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
    def of(cls, data: DataDir, today: date, known: FileHashes | None = None) -> FileHashes | None:
        trust = os.name == "posix"
        settled = time.time_ns() - SETTLED_NS  # before any file is read
        old_stats = known.stats if known is not None and trust else {}
        old_hashes = known.hashes if known is not None else {}
        hashes, stats = {}, {}
        whole = hashlib.sha256(today.isoformat().encode())  # the report checks compare dates with today
        try:
            named = [(data.display(data.plan_file), str(data.plan_file))]
            named += [(name, full) for name, _, full in named_reports(data)]
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



@dataclass(frozen=True)
class _Snapshot:
    """What the cache keeps of a checked ledger, but its plan and its entries (see the module)."""

    files: FileHashes
    warnings: list[Problem]
    index: StatusIndex
    reports: _Named
    excluded: tuple[Problem, ...] = ()  # the problems of the report files left out (ledger.Ledger.excluded)
    lang: str = ""  # the language those problems are worded in (guard.LANG): another re-reads them

    def piece(self, cache: Cache, name: str) -> _Piece | None:
        """A report file's header and entries as this snapshot read them (None: no longer cached)."""
        digest = self.files.hashes.get(name)
        piece = cache.get(cache.key_of("report", digest)) if digest is not None and cache.enabled else None
        return piece if isinstance(piece, tuple) and len(piece) == 2 else None

    def same_plan(self, now: FileHashes, plan_name: str) -> bool:
        return now.today == self.files.today and now.hashes.get(plan_name) == self.files.hashes.get(plan_name)


@dataclass(frozen=True)
class _Plan:
    """The plan part of a snapshot, stored under the hash of the plan's bytes."""

    plan: records.Plan
    tasks: dict[str, Task]
    units: dict[str, Unit]

    @staticmethod
    def key(cache: Cache, files: FileHashes, plan_name: str) -> str:
        return cache.key_of("ledger-plan", files.hashes[plan_name])

    @classmethod
    def of(cls, ledger: Ledger) -> _Plan:
        return cls(ledger.plan, ledger.tasks, ledger.units)


def load(data: DataDir, today: date, cache: Cache, *,
         max_bytes: int = MAX_BYTES) -> tuple[Ledger | None, list[Problem]]:
    """`ledger.load`, answered from the cache when the files are those of the last snapshot."""
    if not cache.enabled:
        return load_uncached(data, today, max_bytes=max_bytes)
    where = f"{data.plan_file.resolve()}\0{os.getcwd()}"
    slot = cache.key("ledger", where.encode())
    plan_name = data.display(data.plan_file)
    old = cache.get_snapshot(slot)
    part = None
    if isinstance(old, _Snapshot) and plan_name in old.files.hashes:
        part = cache.get(_Plan.key(cache, old.files, plan_name))
    if not isinstance(old, _Snapshot) or not isinstance(part, _Plan):
        old = part = None  # a snapshot without its plan is of no use
    files = FileHashes.of(data, today, old.files if old is not None else None)
    if old is not None and part is not None and files is not None and old.files.digest == files.digest \
            and (not old.excluded or old.lang == (guard.LANG.get() or "")):
        return (_ledger(data, part, old, _CachedEntries(cache, old, part, data, today, max_bytes)),
                list(old.warnings) + list(old.excluded))
    edit = None
    if old is not None and part is not None and files is not None and old.same_plan(files, plan_name):
        edit = _edited(old, part, files, data, today, cache, max_bytes)
    ledger, problems = edit if edit is not None else _built(data, today, cache, max_bytes)
    if ledger is not None and files is not None:
        source = ledger.source
        named = source.snapshot.reports if isinstance(source, _CachedEntries) else \
            [(r.file, r.path) for r in ledger.reports]
        if edit is None:  # the plan was read: its part may be new
            key = _Plan.key(cache, files, plan_name)
            if not cache.has(key):
                cache.put(key, _Plan.of(ledger))
        cache.put_snapshot(slot, _Snapshot(files, ledger.warnings, ledger.index, named, tuple(ledger.excluded),
                                           guard.LANG.get() or ""))
    return ledger, problems


def _ledger(data: DataDir, part: _Plan, snapshot: _Snapshot, source: _CachedEntries) -> Ledger:
    return Ledger(data, part.plan, part.tasks, part.units, list(snapshot.warnings), snapshot.index, source,
                  [name for name, _ in snapshot.reports], list(snapshot.excluded))


def _built(data: DataDir, today: date, cache: Cache, max_bytes: int) -> tuple[Ledger | None, list[Problem]]:
    """`ledger.load`, each file's validated content from the cache entry of its bytes when known."""
    from hoinhap_cli import reading  # PyYAML and pydantic: only when a file must be read

    plan, problems = reading.load_plan(data, cache, max_bytes=max_bytes)
    if plan is None:
        return None, problems
    reports, found = reading.load_reports(data, plan, today, cache, max_bytes=max_bytes)
    problems = problems + found  # a report file with an error is left out (ledger.load)
    return Ledger.of(data, plan, reports, problems), problems


def _edited(old: _Snapshot, part: _Plan, files: FileHashes, data: DataDir, today: date, cache: Cache,
            max_bytes: int) -> tuple[Ledger | None, list[Problem]] | None:
    """The last snapshot brought up to date when only report files changed (same plan, same day):
    the changed files are read and checked, every other keeps its report and its warnings, and
    the status index is worked out again only for the tasks the changed files name, before or
    after the edit. None when the snapshot cannot tell (an entry of the cache is gone): then
    everything is read."""
    from hoinhap_cli import reading  # PyYAML and pydantic: only when a file must be read

    named = named_reports(data)
    changed = [(name, rel, full) for name, rel, full in named if files.hashes.get(name) != old.files.hashes.get(name)]
    fresh = reading.read_reports(changed, part.plan, today, cache, max_bytes)
    problems = _warnings(old.warnings + list(old.excluded), {name: found for name, (_, found) in fresh.items()},
                         data.display(data.plan_file), [name for name, _, _ in named])
    if errors(problems):
        return None  # a file left out: read everything (ledger.load), each file still from its cache entry
    # Past the errors, every changed file has its report; `replaced`: the old files changed or gone.
    reread = {name: report for name, (report, _) in fresh.items() if report is not None}
    replaced = [name for name, _ in old.reports if name in reread or name not in files.hashes]
    before = {name: old.piece(cache, name) for name in replaced}
    if any(piece is None for piece in before.values()):
        return None
    if before.keys() == reread.keys() and all(
            (reread[name].entries, reread[name].content.events) == (piece[1], piece[0].events)
            for name, piece in before.items() if piece is not None):
        # Not one entry or event changed (a comment, a submitted date): nothing to re-index, and
        # the entries are left unread. The snapshot names the same files, some with new bytes.
        index = old.index.resubmitted(list(reread.values()))
        now = _Snapshot(files, problems, index, old.reports)
        return _ledger(data, part, now, _CachedEntries(cache, now, part, data, today, max_bytes)), problems
    try:  # every other file's, from the cache
        reports = {r.file: r for r in _CachedEntries(cache, old, part, data, today, max_bytes).reports()}
    except DataError:  # its files changed since, and a cache entry is gone: read everything
        return None
    tasks = {e.task for name in replaced for e in reports[name].entries}
    for name, report in reread.items():
        reports[name] = report
        tasks.update(e.task for e in report.entries)
    now_reports = [reports[name] for name, _, _ in named if name in reports]
    index = old.index.updated(part.tasks, now_reports, tasks)
    ledger = Ledger(data, part.plan, part.tasks, part.units, problems, index, HeldEntries(now_reports),
                    [r.file for r in now_reports])
    return ledger, problems


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

    def __init__(self, cache: Cache, snapshot: _Snapshot, part: _Plan, data: DataDir, today: date, max_bytes: int):
        self.cache, self.snapshot, self.part = cache, snapshot, part
        self.data, self.today, self.max_bytes = data, today, max_bytes

    def reports(self) -> list[Report]:
        reports = []
        for name, full in self.snapshot.reports:
            piece = self.snapshot.piece(self.cache, name)
            if piece is None:
                return self._from_files()
            reports.append(Report(name, full, piece[0], up_to(piece[1], self.today)))
        return reports

    def _from_files(self) -> list[Report]:
        from hoinhap_cli import reading  # PyYAML and pydantic: only when a file must be read

        files = FileHashes.of(self.data, self.today)
        if files is None or files.digest != self.snapshot.files.digest:
            raise DataError([Problem(self.data.display(self.data.root), None, None,
                                     "the data changed while this command read it: run it again")])
        reports, _ = reading.load_reports(self.data, self.part.plan, self.today, self.cache,
                                          max_bytes=self.max_bytes)  # fills the cache
        return reports
