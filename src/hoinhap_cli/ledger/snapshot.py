"""`ledger.load` with the content-hash cache around it: the same signature, the same answers.

The pipeline is the one of `ledger.load`: the plan read and checked, each report file read,
validated and checked against the plan and the day, each file's part of the status index
(`statusindex.part_of`), and their fold (`statusindex.fold`). Here the same steps run with the
cache wrapped around the pure ones, each keyed by everything it reads (and, as every key, a hash
of the whole package, see `cache`):

- the plan's records and warnings, by the hash of its bytes (`_Plan`);
- a report file's validated content, by the hash of its bytes (`Piece`, see `reading`);
- the whole answer (the problems, the folded index, the files held), by the hash of every
  file's bytes, the day and the size limit (`Scan`), per data folder and current folder (files
  are named as the user sees them): the snapshot. Beside it, one entry keeps each report file's
  checks and part of the index (`_Checked`), each packed apart and decoded only when folded
  again: the answer of a pure function of the file's bytes, the plan's, the day and the file's
  name, which the next load takes for each file whose bytes, plan and day are the same. (One entry
  per data file would double the files the cache holds; inside the snapshot, every warm run would
  read them.)

Same files and day: the snapshot is the answer. Anything else runs the pipeline, each step
answered from the cache where its inputs are known: an edit of one file checks that file again;
each task's place in the index (`statusindex.fold_task`, a function of the plan, the day and the
files holding the task's entries) is the last snapshot's where those are the same (`_task_key`),
and is folded again from its files' entries where not — the tasks the changed file holds. No
step differs from a cold read, so the cached answer is the uncached one by construction
(tests/test_cache.py checks it too).

The entries are not in the snapshot: the ledger gets them from `_CachedEntries`, each file's from
the entry of its bytes, when a command first asks (log, show, summary, a look back). An entry gone
meanwhile is worked out again from the file, provided it still holds those bytes; else `DataError`
says the data changed (the one error a ledger from here can raise after loading).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

import msgspec

from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.judgement.responsibility import StatusView
from hoinhap_cli.ledger.cache import Cache, unpack
from hoinhap_cli.ledger.cache import packed as packed_value
from hoinhap_cli.ledger.ledger import Ledger, in_plan_order, split_excluded
from hoinhap_cli.ledger.ledger import load as load_uncached
from hoinhap_cli.ledger.scan import FileHashes, Scan
from hoinhap_cli.ledger.statusindex import (
    Filed,
    FilePart,
    Latest,
    Said,
    StatusIndex,
    TaskIndex,
    assemble,
    fold_task,
    part_of,
)
from hoinhap_cli.model import records
from hoinhap_cli.model.records import EventEntry, Task, Unit
from hoinhap_cli.model.reportfiles import MAX_BYTES, Piece, Report, named_reports, seen
from hoinhap_cli.words.problems import LANG, DataError, Problem, errors, words

ATTEMPTS = 3  # loads tried while the files keep changing under the command
REWRITE_SHARE = 1 / 16  # a warm run that hashed this share of the data's bytes stores their stats
CHANGED = words("snapshot.changed")  # the data changed while this command read it: run it again

_Held = list[tuple[str, str, bytes]]  # each report file the ledger holds: its name as displayed, full path, sha256


class _Checked(NamedTuple):
    """A report file's problems against the plan and the day, and its part of the index (None: it
    has an error, and is left out). Errors may be worded when found: `lang` is the language."""

    problems: list[Problem]
    part: FilePart | None
    lang: str = ""
    header: records.ReportHeader | None = None  # as of the day, when it has a part


class _Kept(NamedTuple):
    """Each report file's checks as the last load worked them out, packed apart (cache.packed): by
    name, the sha256 of the bytes checked and their `_Checked`; for the plan's bytes and the day."""

    plan: bytes  # the sha256 of the plan's bytes
    today: date
    parts: dict[str, tuple[bytes, msgspec.Raw]]


@dataclass(frozen=True)
class _Plan:
    """The plan's part of the cache, by the hash of its bytes: its records (its tasks and units held
    apart, typed), the natural order of its tasks, its own warnings."""

    header: records.Record  # the plan without its tasks and units
    tasks: list[Task]  # as the plan lists them
    units: list[Unit]
    order: list[int]  # the tasks in natural order of ids
    warnings: list[Problem]

    @staticmethod
    def key(cache: Cache, files: FileHashes, plan_name: str) -> str:
        return cache.key_of("ledger-plan", files.hashes[plan_name])

    @classmethod
    def of(cls, plan: records.Plan, tasks: dict[str, Task], warnings: list[Problem]) -> _Plan:
        place = {t.id: n for n, t in enumerate(plan.tasks)}
        header = records.Record({**plan.__dict__, "tasks": [], "units": []})
        return cls(header, list(plan.tasks), list(plan.units), [place[tid] for tid in tasks], warnings)

    def plan(self) -> records.Plan:
        return records.Plan({**self.header.__dict__, "tasks": self.tasks, "units": self.units})

    def in_order(self) -> dict[str, Task]:
        return {self.tasks[n].id: self.tasks[n] for n in self.order}


@dataclass(frozen=True)
class _Snapshot:
    """The whole answer: every problem (in the order of a read), the files the ledger holds, and
    its status index as folded (the holders of a task as places in `held`)."""

    files: FileHashes
    problems: list[Problem]
    lang: str  # the language errors were worded in (see _Checked)
    held: tuple[str, ...]  # the report files the ledger holds (Ledger.files)
    refs: tuple[str, ...]  # the cache entries it reads: the plan's, and each report file's
    latest: dict[str, Latest]
    dated: dict[str, tuple[Said, ...]]
    judged: dict[str, tuple[StatusView, ...]]
    holders: dict[str, tuple[int, ...]]
    keys: dict[str, bytes]  # each task's place in the index, by the key of all it was folded from (_task_key)
    events: dict[str, EventEntry]
    submitted: dict[tuple[str, str], date | None]
    filed: dict[str, Filed]

    @classmethod
    def of(cls, files: FileHashes, ledger: Ledger, problems: list[Problem], lang: str, refs: list[str],
           keys: dict[str, bytes]) -> _Snapshot:
        ix, place = ledger.index, {name: n for n, name in enumerate(ledger.files)}
        return cls(files, problems, lang, tuple(ledger.files), tuple(refs), dict(ix.latest), dict(ix.dated),
                   dict(ix.judged), {tid: tuple(place[f] for f in found) for tid, found in ix.holders.items()}, keys,
                   ix.events, ix.submitted, ix.filed)

    def index(self) -> StatusIndex:
        held = self.held
        return StatusIndex(self.latest, self.dated, self.events, self.submitted, self.filed, self.judged,
                           {tid: tuple(held[n] for n in places) for tid, places in self.holders.items()})


def load(data: DataDir, today: date, cache: Cache, *,
         max_bytes: int = MAX_BYTES) -> tuple[Ledger | None, list[Problem]]:
    """`ledger.load`, each step answered from the cache where it can be.

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
    plan_name, lang = data.display(data.plan_file), LANG.get() or ""
    old = cache.get_snapshot(slot, _Snapshot)
    old = old if isinstance(old, _Snapshot) else None
    scan = Scan.of(data, today, old.files if old is not None else None, max_bytes)
    if scan is None or scan.too_big:
        return load_uncached(data, today, max_bytes=max_bytes)  # it says what is wrong; nothing stored
    files = scan.files
    if old is not None and old.files.digest == files.digest and (old.lang == lang or not errors(old.problems)):
        stored = cache.get(_Plan.key(cache, files, plan_name), _Plan)
        if isinstance(stored, _Plan):
            if scan.hashed >= REWRITE_SHARE and files.stats != old.files.stats and scan.consistent(data):
                # Many files hashed (a clone, a copy, a checkout): store what is now known of their
                # stats, so that the runs after the next trust them.
                old = replace(old, files=files)
                cache.put_snapshot(slot, old, list(old.refs))
            return _answer(data, today, cache, max_bytes, stored, old), list(old.problems)
    parts_key = cache.key("ledger-parts", slot.encode())  # the files' checks of the last load
    kept = cache.get(parts_key, _Kept)
    try:
        ledger, problems, refs, checked, keys = _built(data, today, cache, max_bytes, scan, kept, old)
    except DataError:
        return None  # a file whose cache entry was gone no longer holds the bytes hashed: again
    if not scan.consistent(data):
        return None  # read while it changed: perhaps not one version of the data
    if ledger is not None:
        cache.put(parts_key, checked)
        refs.append(parts_key)
        cache.put_snapshot(slot, _Snapshot.of(files, ledger, problems, lang, refs, keys), refs)
    return ledger, problems


def _answer(data: DataDir, today: date, cache: Cache, max_bytes: int, stored: _Plan, snap: _Snapshot) -> Ledger:
    """The ledger of a snapshot."""
    plan = stored.plan()
    kept, excluded = split_excluded(list(snap.problems))
    shown = data.display(data.reports)
    prefix, root = ("" if shown == "." else shown + os.sep), str(data.reports)
    held = [(name, os.path.join(root, name[len(prefix):]), snap.files.hashes[name]) for name in snap.held]
    return Ledger(data, plan, stored.in_order(), {u.id: u for u in plan.units}, kept, snap.index(),
                  _CachedEntries(cache, today, max_bytes, plan, held, data), list(snap.held), excluded)


def _built(data: DataDir, today: date, cache: Cache, max_bytes: int, scan: Scan, kept: _Kept | None,
           old: _Snapshot | None) -> tuple[Ledger | None, list[Problem], list[str], _Kept, dict[str, bytes]]:
    """The pipeline of `ledger.load` on the bytes the scan hashed, each step's answer taken from
    the cache where its inputs are known — each report file's checks from `kept`, the last load's;
    each task's place in the index from `old`, the last snapshot, where it was folded from the
    same files, plan and day (`_task_key`) — and stored where not. Also: the cache entries it used,
    each file's checks, packed, and each task's key."""
    from hoinhap_cli.ledger import reading  # PyYAML and pydantic: only when a file must be read

    hashes, lang = scan.files.hashes, LANG.get() or ""
    plan_name = data.display(data.plan_file)
    plan_key = _Plan.key(cache, scan.files, plan_name)
    stored = cache.get(plan_key, _Plan)
    if isinstance(stored, _Plan):
        scan.take(plan_name)
        plan, tasks, problems = stored.plan(), stored.in_order(), [replace(p, file=plan_name) for p in stored.warnings]
    else:
        model, problems = reading.load_plan(data, max_bytes=max_bytes, given=scan)
        if model is None:
            return None, problems, [], _Kept(b"", today, {}), {}
        plan = records.of(model)
        tasks = in_plan_order(plan.tasks)
        cache.put(plan_key, _Plan.of(plan, tasks, problems))
    named = named_reports(data)
    checked, packed = _kept(kept, scan, plan_name, named, lang)
    fresh = reading.read_reports([n for n in named if n[0] not in checked], plan, today, cache, max_bytes, given=scan)
    for name, (report, found) in fresh.items():
        checked[name] = _Checked(found, *((part_of(report, tasks), lang, report.content) if report is not None
                                          else (None, lang)))
        if name in hashes:  # else it appeared since the scan: read, not kept
            packed[name] = (hashes[name], packed_value(checked[name]))
    problems = problems + [p for name, _, _ in named for p in checked[name].problems]
    # The files the ledger holds: those with a part (and so a header: _Checked has both or neither).
    held = [(name, full, hashes.get(name, b"")) for name, _, full in named if checked[name].part is not None]
    source = _CachedEntries(cache, today, max_bytes, plan, held, data)
    inputs = hashes[plan_name] + today.isoformat().encode()
    placed, keys = _placed(tasks, plan, held, checked, fresh, source, inputs, old)
    headers = [Report(name, full, header) for name, full, _ in held if (header := checked[name].header) is not None]
    ledger = Ledger.indexed(data, plan, tasks, [name for name, _, _ in held], assemble(tasks, headers, placed),
                            problems, source)
    refs = [plan_key, *(cache.report_key(hashes[name]) for name, _, _ in named if name in hashes)]
    return ledger, problems, refs, _Kept(hashes[plan_name], today, packed), keys


def _placed(tasks: dict[str, Task], plan: records.Plan, held: _Held, checked: dict[str, _Checked],
            fresh: dict[str, tuple[Report | None, list[Problem]]], source: _CachedEntries, inputs: bytes,
            old: _Snapshot | None) -> tuple[dict[str, TaskIndex], dict[str, bytes]]:
    """Each task's place in the index (`statusindex.fold_task`) and its key: the last snapshot's
    where the key is the same, else folded from its files' entries (read just now, or from the
    cache entry of their bytes: only the files holding such a task are read)."""
    parts = {name: part for name, _, _ in held if (part := checked[name].part) is not None}
    holders: dict[str, list[tuple[str, bytes]]] = {}
    for name, _, digest in held:
        for tid in parts[name].tasks:
            holders.setdefault(tid, []).append((name, digest))
    keys = {tid: _task_key(inputs, files) for tid, files in holders.items()}
    placed: dict[str, TaskIndex] = {}
    for tid, files in holders.items():
        if old is not None and old.keys.get(tid) == keys[tid] and tid in old.latest:
            placed[tid] = TaskIndex(old.latest[tid], old.dated.get(tid), old.judged.get(tid),
                                    tuple(name for name, _ in files))
    wanted = {name for tid, files in holders.items() if tid not in placed for name, _ in files}
    reports = {}
    for name, full, digest in held:
        if name in wanted:
            read = fresh.get(name, (None, []))[0]
            reports[name] = read if read is not None else source.one(name, full, digest)
    units = {u.id: u for u in plan.units}
    for tid, files in holders.items():
        if tid not in placed:
            held_by = [(reports[name], parts[name].tasks[tid]) for name, _ in files]
            placed[tid] = fold_task(tasks.get(tid), units, held_by)
    return {tid: placed[tid] for tid in holders}, keys


def _task_key(inputs: bytes, files: list[tuple[str, bytes]]) -> bytes:
    """What a task's place in the index is folded from: the plan's bytes and the day (`inputs`), and
    the files holding its entries, in order, by name and bytes (each file's part is a function of
    those; the snapshot holding the key is the code's own)."""
    h = hashlib.sha256(inputs)
    for name, digest in files:
        h.update(b"\0" + name.encode() + b"\0" + digest)
    return h.digest()


def _kept(kept: _Kept | None, scan: Scan, plan_name: str, named: list[tuple[str, str, str]],
          lang: str) -> tuple[dict[str, _Checked], dict[str, tuple[bytes, msgspec.Raw]]]:
    """The checks of the report files the last load kept for the same bytes, plan and day (and
    language, if they hold an error), decoded; and packed as they were."""
    hashes = scan.files.hashes
    if kept is None or kept.today != scan.files.today or kept.plan != hashes.get(plan_name):
        return {}, {}
    checked, packed = {}, {}
    for name, _, _ in named:
        one = kept.parts.get(name)
        if one is None or one[0] != hashes.get(name):
            continue
        try:
            found = unpack(one[1], _Checked)
        except (TypeError, ValueError, msgspec.DecodeError):
            continue  # not a value this code wrote: checked again
        if found.lang == lang or not errors(found.problems):
            checked[name], packed[name] = found, one
    return checked, packed


class _CachedEntries:
    """The report files a ledger holds, with their entries, each from the cache entry of the bytes
    the ledger was checked from, else from the file itself — provided it still holds those bytes."""

    def __init__(self, cache: Cache, today: date, max_bytes: int, plan: records.Plan, held: _Held, data: DataDir):
        self.cache, self.today, self.max_bytes, self.plan = cache, today, max_bytes, plan
        self.held, self.data = held, data
        self.every: list[Report] | None = None  # every file, once read: a command asking again reads none

    def reports(self) -> list[Report]:
        if self.every is None:
            self.every = [self.one(*h) for h in self.held]
        return self.every

    def some(self, names: Collection[str]) -> list[Report]:
        return [self.one(*h) for h in self.held if h[0] in names]

    def one(self, name: str, full: str, digest: bytes) -> Report:
        key = self.cache.report_key(digest)
        piece = self.cache.get(key, Piece)
        if piece is None:
            piece = self._again(name, full, digest)
            self.cache.put(key, piece)
        return seen(name, full, piece[0], piece[1], self.today)

    def _again(self, name: str, full: str, digest: bytes) -> Piece:
        """A file's entry worked out again from its bytes, if they are still those it was checked from."""
        from hoinhap_cli.ledger import reading  # PyYAML and pydantic: only when a file must be read

        raw, _ = reading.read_file(full, name, self.max_bytes, None)
        piece = reading.piece_of_bytes(raw, name, self.plan) \
            if raw is not None and hashlib.sha256(raw).digest() == digest else None
        if piece is None:
            raise DataError([Problem(self.data.display(self.data.root), None, None, CHANGED)])
        return piece
