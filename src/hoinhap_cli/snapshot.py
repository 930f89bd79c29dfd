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

import hashlib
import os
import stat
import time
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from hoinhap_cli import guard, records
from hoinhap_cli.cache import Cache
from hoinhap_cli.indexstore import StoredIndex
from hoinhap_cli.ledger import (
    MAX_BYTES,
    HeldEntries,
    Ledger,
    Piece,
    Report,
    StatusIndex,
    header_up_to,
    named_reports,
    seen,
)
from hoinhap_cli.ledger import load as load_uncached
from hoinhap_cli.paths import DataDir
from hoinhap_cli.problems import DataError, Problem, errors, words
from hoinhap_cli.records import Task, Unit

_Named = list[tuple[str, str]]  # each report file's name as displayed, and its full path
_Head = tuple[records.ReportHeader, msgspec.Raw, msgspec.Raw]  # a Piece, its entries and tail not decoded


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
    same times), so a stat is trusted only once the file's bytes were read at least
    `SETTLED_NS` after its change time — on the clock that stamped it, which may not be ours (a
    file share's clock may run behind). Two ways to know: the change time is that much older
    than the earlier of our clock and the newest change time among the folder's files (stamped
    by the share, and past when we read); or the same stat was already hashed by a run at least
    `SETTLED_NS` earlier by our clock (clocks differ by an offset, not a rate: the share's has
    moved on as much), and the file is hashed again now. Until then the file is hashed on every
    run. Only on POSIX, where st_ctime is the change time (on Windows it is the creation time);
    elsewhere every file is hashed every time. Files over the size limit are never read, and the
    limit is part of `digest`: an answer worked out under one limit is never the answer under
    another."""

    today: date
    hashes: dict[str, bytes]
    digest: bytes
    # In the order of `hashes`: each file's stat and since when it is known (see `_Known`).
    stats: list[tuple[tuple[int, int, int, int], int] | None] = field(default_factory=list)

    @classmethod
    def of(cls, data: DataDir, today: date, known: FileHashes | None = None,
           max_bytes: int = MAX_BYTES) -> FileHashes | None:
        scan = Scan.of(data, today, known, max_bytes)
        return scan.files if scan is not None else None


SETTLED_NS = 2_000_000_000  # a file's times must be this much older than its reading to store its stat
ATTEMPTS = 3  # loads tried while the files keep changing under the command
REWRITE_SHARE = 1 / 16  # a warm run that hashed this share of the data's bytes stores their stats
CHANGED = words("snapshot.changed")  # the data changed while this command read it: run it again
_Sig = tuple[int, int, int, int]
# A file's stat as last hashed, and 0 if its hash may be taken from that stat, else the time (our
# clock) just after that stat was first taken: a run starting `SETTLED_NS` later reads the file
# after the share's clock has moved as much past its change time; it hashes it again and trusts it.
_Known = tuple[_Sig, int]


@dataclass
class Scan:
    """One look at the data folder: each file's hash, from bytes read once and handed to the
    parser (`take`), so the bytes hashed are the bytes parsed. A file read again (its hash came
    from its stat) is checked against its hash (`check`); `consistent` tells whether what was read
    is the folder as it was at one moment. If not, the answer is not stored, and the load starts
    again."""

    files: FileHashes
    seen: dict[str, _Sig]  # every file's stat, as hashed (names in reading order)
    held: dict[str, bytes]  # the bytes read to hash them, until parsed
    too_big: bool = False  # a file over the size limit: the full read says so
    changed: bool = False
    hashed: float = 0.0  # the share of the data's bytes read to hash them (their stat not trusted)

    @classmethod
    def of(cls, data: DataDir, today: date, known: FileHashes | None, max_bytes: int) -> Scan | None:
        trust = os.name == "posix"
        now = time.time_ns()  # before any file is read
        old_stats = dict(zip(known.hashes, known.stats)) if known is not None and trust else {}
        old_hashes = known.hashes if known is not None else {}
        hashes: dict[str, bytes] = {}
        stats: list[_Known | None] = []
        held: dict[str, bytes] = {}
        too_big = False
        # The report checks compare dates with today; what is read depends on the size limit.
        whole = hashlib.sha256(f"{today.isoformat()}\0{max_bytes}".encode())
        try:
            seen = _stats(data)  # every file's stat before any is read (see `consistent`)
            if seen is None:
                return None  # a FIFO would block: the full read says what is wrong
            looked = time.time_ns()  # every stat taken: a run from this + SETTLED_NS on may trust them
            # The share's clock, at least: no file's change time is later than its "now".
            settled = min(now, max((sig[3] for _, sig in seen.values()), default=0)) - SETTLED_NS
            for name, (full, sig) in seen.items():
                known_as = old_stats.get(name)
                if sig[0] > max_bytes:
                    too_big, hashes[name] = True, b""
                elif known_as == (sig, 0) and name in old_hashes:
                    hashes[name] = old_hashes[name]
                else:
                    held[name] = Path(full).read_bytes()
                    hashes[name] = hashlib.sha256(held[name]).digest()
                    if max(sig[2], sig[3]) >= settled:  # not yet known to be settled
                        since = known_as[1] if known_as is not None and known_as[0] == sig else 0
                        known_as = (sig, 0 if 0 < since <= now - SETTLED_NS else since or looked)
                    else:
                        known_as = (sig, 0)
                stats.append(known_as if trust else None)
                whole.update(f"\0{name}\0".encode() + hashes[name])
        except OSError:
            return None  # the full read says what is wrong
        total = sum(sig[0] for _, sig in seen.values())
        return cls(FileHashes(today, hashes, whole.digest(), stats), {n: sig for n, (_, sig) in seen.items()},
                   held, too_big, hashed=sum(map(len, held.values())) / total if total else 0.0)

    def take(self, name: str) -> bytes | None:
        """The bytes of a file as hashed, once (then forgotten); None: read it and `check` it."""
        return self.held.pop(name, None)

    def check(self, name: str, raw: bytes) -> None:
        if hashlib.sha256(raw).digest() != self.files.hashes.get(name):
            self.changed = True

    def consistent(self, data: DataDir) -> bool:
        """What was read is the folder as it was at one moment: no file the scan did not read
        changed under it (`check`), and at most one file changed, appeared or went between the
        first look at every file and now. Every other file held the same bytes all along, so
        the one that changed was read as it was at its reading, beside them; two that changed
        may have been read one before and one after a `git checkout`."""
        if self.changed:
            return False
        now = _stats(data)
        if now is None:
            return False
        sigs = {name: sig for name, (_, sig) in now.items()}
        moved = self.seen.keys() ^ sigs.keys()
        return len(moved) + sum(1 for name, sig in sigs.items() if self.seen.get(name, sig) != sig) <= 1


def _stats(data: DataDir) -> dict[str, tuple[str, _Sig]] | None:
    """Each file's full path and stat (size, inode, modification and change time), by name; None
    when one is not a regular file, or cannot be looked at."""
    found = {}
    try:
        for name, full in _named(data):
            st = os.stat(full)
            if not stat.S_ISREG(st.st_mode):
                return None
            found[name] = (full, _sig(st))
    except OSError:
        return None
    return found


def _sig(st: os.stat_result) -> _Sig:
    """What a file's stat must keep for its stored hash to stand: size, inode, modification and
    change time (nanoseconds, as fine as the file system stamps them)."""
    return st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns


def _named(data: DataDir) -> _Named:
    return [(data.display(data.plan_file), str(data.plan_file))] + [(n, f) for n, _, f in named_reports(data)]


@dataclass(frozen=True)
class _Snapshot:
    """What the cache keeps of a checked ledger, but its plan and its entries (see the module)."""

    files: FileHashes
    warnings: list[Problem]
    index: StoredIndex  # each task's part decoded when asked (indexstore)
    excluded: tuple[Problem, ...] = ()  # the problems of the report files left out (ledger.Ledger.excluded)
    lang: str = ""  # the language those problems are worded in (guard.LANG): another re-reads them
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
            and (not old.excluded or old.lang == (guard.LANG.get() or "")):
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
                        guard.LANG.get() or "", tuple(ledger.report_files()))
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
    from hoinhap_cli import reading  # PyYAML and pydantic: only when a file must be read

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
    from hoinhap_cli import reading  # PyYAML and pydantic: only when a file must be read

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

    def reports(self) -> list[Report]:
        return self._named(None)

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
        from hoinhap_cli import reading  # PyYAML and pydantic: only when a file must be read

        scan = Scan.of(self.data, self.today, None, self.max_bytes)
        if scan is None or scan.files.digest != self.snapshot.files.digest:
            raise DataError([Problem(self.data.display(self.data.root), None, None, CHANGED)])
        reports, _ = reading.load_reports(self.data, self.part.plan, self.today, self.cache,
                                          max_bytes=self.max_bytes, given=scan)  # fills the cache
        if not scan.consistent(self.data):
            raise DataError([Problem(self.data.display(self.data.root), None, None, CHANGED)])
        return reports
