"""The status index: what every listing asks of the report files, as a fold of one part per file.

Each report file, as it stood on the day, gives a `FilePart` (`part_of`): for each task it
names, its last entry, the file's last word on each milestone (a file is one unit's) with the
day it first spoke of it, and, for a task with a recurring or ongoing duty, its entries — each
as a place in the file's entries. `fold_task` folds one task over the files holding it (their
entries with their parts), in file order, and judges each of its milestones as of now
(`responsibility.judge`); `assemble` puts the tasks' places together with what the files'
headers say; `fold` is both, for every task.

The pure pipeline (`ledger.load`) folds the parts of the files it has just read; the cache
(`snapshot`) calls the same functions, taking a file's part, or a task's place, from where it
kept it for the same inputs. An edit has no rules of its own, and what the index says does not
depend on where its parts came from. Plain functions over plain data; no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from hoinhap_cli.judgement.responsibility import StatusView, judge, slots
from hoinhap_cli.model.records import EntryView, EventEntry, Task, Unit
from hoinhap_cli.model.reportfiles import Report
from hoinhap_cli.words.periods import Kind

# An entry with the unit whose report holds it.
Said = tuple[str, EntryView]
# A task's place in the status index: its last entry (by date, then order in the files) and its date.
Latest = tuple[date, EntryView]
# What a report file says was sent: (duty id, "" for the file's own quarterly report; unit; period
# label; the day; the document number) — read by `reporting` without the files' entries.
Filed = tuple[tuple[str, str, str, date, str | None], ...]

_REPEATING = (Kind.RECURRING, Kind.ONGOING)


class TaskPart(NamedTuple):
    """What one report file says of one task; each entry as its place in the file's entries (as
    of the day: `Report.entries`)."""

    latest: int  # its last entry on the task (of the latest date, the last in the file)
    words: tuple[tuple[date, int] | None, ...]  # per milestone: the day the file first spoke of it, its last word
    entries: tuple[int, ...] | None  # a task with a recurring or ongoing duty: every entry, in file order


class FilePart(NamedTuple):
    """What one report file, as it stood on the day, adds to the status index beside its header:
    the tasks it has entries on, in the order they first appear. Places, not entries: the part
    is small, and read with the file's own entries."""

    tasks: dict[str, TaskPart]


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
    # listing asks first, worked out once when the index is folded.
    judged: Mapping[str, tuple[StatusView, ...]] = field(default_factory=dict)
    holders: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # task -> the files with its entries


def part_of(report: Report, tasks: Mapping[str, Task]) -> FilePart:
    """A report file's part of the index (`tasks`: the plan's, for the number of milestones and
    which tasks recur)."""
    entries = report.entries
    by_task: dict[str, list[int]] = {}
    for k, e in enumerate(entries):
        by_task.setdefault(e.task, []).append(k)
    out = {}
    for tid, places in by_task.items():
        task = tasks.get(tid)
        n = len(task.milestones) if task is not None else 0
        ordered = sorted(places, key=lambda k: entries[k].date)  # stable: file order breaks ties
        words: list[tuple[date, int] | None] = [None] * n
        for k in ordered:
            e = entries[k]
            for i in (range(n) if e.milestone is None else (e.milestone - 1,) if 0 < e.milestone <= n else ()):
                had = words[i]
                words[i] = (had[0] if had is not None else e.date, k)
        repeating = task is not None and any(m.due.kind in _REPEATING for m in task.milestones)
        out[tid] = TaskPart(ordered[-1], tuple(words), tuple(places) if repeating else None)
    return FilePart(out)


class TaskIndex(NamedTuple):
    """One task's place in each map of the index: the fold of the files holding its entries."""

    latest: Latest
    dated: tuple[Said, ...] | None  # a task with a recurring or ongoing duty: its entries by date
    judged: tuple[StatusView, ...] | None  # each milestone as of now (None: a task the plan does not hold)
    holders: tuple[str, ...]


# A task's share of the files holding its entries, in file order: each file with its part on the task.
Held = list[tuple[Report, TaskPart]]


def fold(tasks: Mapping[str, Task], units: Mapping[str, Unit], reports: Sequence[Report],
         parts: Sequence[FilePart]) -> StatusIndex:
    """The status index of report files (as of the day) from their parts (`part_of` each), in the
    order of the files: each task's place (`fold_task`) from the files holding it, and what the
    files' headers say."""
    return assemble(tasks, reports, {tid: fold_task(tasks.get(tid), units, held)
                                     for tid, held in holdings(reports, parts).items()})


def holdings(reports: Sequence[Report], parts: Sequence[FilePart]) -> dict[str, Held]:
    """Each task's files with their parts on it, in file order (tasks in the order they first appear)."""
    out: dict[str, Held] = {}
    for report, part in zip(reports, parts, strict=True):
        for tid, tp in part.tasks.items():
            found = out.get(tid)
            if found is None:
                out[tid] = [(report, tp)]
            else:
                found.append((report, tp))
    return out


def fold_task(task: Task | None, units: Mapping[str, Unit], held: Held) -> TaskIndex:
    """One task's place in the index from the files holding its entries, in file order. What a file
    later in the order says on the same day wins, as it does in a list of every entry sorted by
    date (a stable sort: file order breaks ties)."""
    latest: Latest | None = None
    dated: list[Said] = []
    # Per milestone, each unit's word: (the day it first spoke of it, the file's place, its last entry).
    heard: list[dict[str, tuple[date, int, EntryView]]] = [{} for _ in task.milestones] if task is not None else []
    for n, (report, tp) in enumerate(held):
        unit, entries = report.content.unit, report.entries
        last = entries[tp.latest]
        if latest is None or last.date >= latest[0]:
            latest = (last.date, last)
        if tp.entries is not None:
            dated += [(unit, entries[k]) for k in tp.entries]
        for one, word in zip(heard, tp.words):
            if word is None:
                continue
            first, e = word[0], entries[word[1]]
            had = one.get(unit)
            if had is None:
                one[unit] = (first, n, e)
            else:
                start = had[:2] if had[0] <= first else (first, n)
                one[unit] = (*start, e if e.date >= had[2].date else had[2])
    assert latest is not None, "a task held by no file has no place in the index"
    repeating = task is not None and any(m.due.kind in _REPEATING for m in task.milestones)
    judged = None
    if task is not None:
        task_slots = slots(task, units)
        judged = tuple(judge(task_slots, _in_first_order(one)) for one in heard)
    return TaskIndex(latest, tuple(sorted(dated, key=lambda s: s[1].date)) if repeating else None, judged,
                     tuple(report.file for report, _ in held))


def assemble(tasks: Mapping[str, Task], reports: Sequence[Report], placed: Mapping[str, TaskIndex]) -> StatusIndex:
    """The index from each task's place (`placed`: the tasks with entries) and the files' headers
    (only their headers are read), in file order."""
    dated: dict[str, tuple[Said, ...]] = {t.id: () for t in tasks.values()
                                          if any(m.due.kind in _REPEATING for m in t.milestones)}
    dated.update({tid: one.dated for tid, one in placed.items() if one.dated is not None and tid in dated})
    events, submitted, filed = _headers(reports)
    return StatusIndex({tid: one.latest for tid, one in placed.items()}, dated, events, submitted, filed,
                       {tid: one.judged for tid, one in placed.items() if one.judged is not None},
                       {tid: one.holders for tid, one in placed.items()})


def _in_first_order(words: dict[str, tuple[date, int, EntryView]]) -> tuple[Said, ...]:
    """Each unit's last entry on a milestone, the units in the order they first spoke of it."""
    return tuple((unit, e) for unit, (_, _, e) in sorted(words.items(), key=lambda kv: kv[1][:2]))


def _headers(reports: Sequence[Report]) -> tuple[dict[str, EventEntry], dict[tuple[str, str], date | None],
                                                 dict[str, Filed]]:
    """The first recorded date of each event, when each unit's quarter was submitted, and what
    each file says was sent (its own report and its `submissions:`)."""
    events: dict[str, EventEntry] = {}
    filed: dict[str, Filed] = {}
    submitted: dict[tuple[str, str], date | None] = {}
    for report in reports:
        c = report.content
        for ev in c.events:
            if ev.event not in events or ev.date < events[ev.event].date:
                events[ev.event] = ev
        sent = [("", c.unit, c.period.label, c.submitted, c.number)] if c.submitted is not None else []
        sent += [(s.duty, c.unit, s.period.label, s.date, s.number) for s in c.submissions]
        if sent:
            filed[report.file] = tuple(sent)
        submitted[c.unit, c.period.label] = c.submitted
    return events, submitted, filed
