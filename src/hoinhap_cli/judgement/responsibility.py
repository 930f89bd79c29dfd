"""The judgement: who answers for a milestone, and when their words close it, as of a day.

The rule, in one place (README, "Tình trạng theo đơn vị"):

- **Lead slots.** Each lead unit the task names is one slot. A lead *group* with fixed members
  (kind `nhóm`: "UBND 11 phường") is one slot per member ward; the group's own entry speaks for
  every ward that has not reported later. A *vague* lead with members ("UBND các phường liên
  quan": which wards is not said) is one slot, filled by the latest entry of the unit itself or
  of any of its members — the tool cannot demand a word from wards the document never named.
- **Done** when every slot's latest entry is done: until then "1/2 đơn vị xong", "3/11 phường xong".
- **Dropped** as soon as one lead's latest entry is dropped (a reason is required to record it):
  dropping is a decision about the milestone, which one lead recording it is enough to show.
- Else **blocked** when a lead's latest entry is blocked; else **in progress** when anyone
  (lead or support) has reported work; else **not started**.
- **Supporting units** (and units recording with `forced: true`) are listed after the leads;
  their entries make a milestone "in progress" at most and never close it.
- A task naming no lead: the latest entry of any unit decides, as before.
- **A recurring duty's occurrence** (1.2 "every year": 2009's, 2010's) is judged the same way from
  the words said for it (`occurrence`): each unit's entries dated from the occurrence's first day,
  its first "done" if it said one (done late when dated after the occurrence), else its latest.
  "In progress" never meets an occurrence, and a supporting unit never closes one.
- **A task** is done when every milestone is (`combine`): one still open keeps it open.

Pure functions over plain records and views. The questions the queries ask of a ledger —
`milestone_status`, `task_status`, `current_milestone`, `last_entry`, `said` — are functions of
(ledger, milestone, day) here too: the ledger is data, and the answers to "as of now" come from
its status index (judged with these rules when it was built). What they work out on the way (a
task's lead slots, a look back to a past day) is remembered per ledger in a memo kept beside
the ledger, never inside it, and dropped with it.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, Protocol

from hoinhap_cli.model.records import EntryView  # at run time: the cache decodes a StatusView by its fields' types
from hoinhap_cli.words.periods import Kind
from hoinhap_cli.words.vocab import Status, UnitKind

if TYPE_CHECKING:
    from hoinhap_cli.model.records import Task, Unit
    from hoinhap_cli.words.periods import Period

ByUnit = tuple[tuple[str, EntryView], ...]  # each unit's latest entry (ledger.ByUnit)


class UnitStatus(NamedTuple):
    """One responsible unit's latest word on a milestone."""

    unit: str  # a lead unit, a ward of a lead group, a vague lead; or a unit reporting as support
    role: str  # "lead" (its "done" counts towards closing) or "support" (shown, never closes)
    status: Status
    entry: EntryView | None  # its latest entry, if any
    by: str | None = None  # the unit whose report holds the entry (a group's own entry, a member's)
    via: str | None = None  # the lead group this ward is counted for (UBND 11 phường)


class StatusView(NamedTuple):
    """A milestone's (or a task's) status, with each responsible unit's part."""

    status: Status
    entry: EntryView | None  # the entry the status comes from (the latest that decides it), if any
    by_unit: tuple[UnitStatus, ...] = ()  # each lead's status, then the supporting units that reported
    done: int = 0  # lead units done
    of: int = 0  # lead units in all (0: the task names no lead; then the latest entry decides)


class Slot(NamedTuple):
    """One lead's place: `unit` must say done; the entries of `accepts` speak for it."""

    unit: str
    accepts: tuple[str, ...]  # the unit first: on one day, its own word wins over its group's
    via: str | None  # the lead group a ward is counted for


def slots(task: Task, units: Mapping[str, Unit]) -> tuple[Slot, ...]:
    """The task's lead slots, in the order the task names its leads (a group: its members' order)."""
    out: dict[str, Slot] = {}
    for uid in task.lead or ():
        unit = units.get(uid)
        if unit is not None and unit.members and unit.kind is UnitKind.NHOM:
            for member in unit.members:
                out.setdefault(member, Slot(member, (member, uid), uid))
        elif unit is not None and unit.members:
            out.setdefault(uid, Slot(uid, (uid, *unit.members), None))
        else:
            out.setdefault(uid, Slot(uid, (uid,), None))
    return tuple(out.values())


def words(said: Iterable[tuple[str, EntryView]], n: int, until: date | None = None) -> tuple[ByUnit, ...]:
    """Each unit's latest entry (on or before `until`) on each of a task's `n` milestones, from
    (unit, entry) by date; an entry naming no milestone speaks for every one."""
    each: list[dict[str, EntryView]] = [{} for _ in range(n)]
    for unit, e in said:
        if until is not None and e.date > until:
            break
        if e.milestone is None:
            for one in each:
                one[unit] = e
        elif 0 < e.milestone <= n:
            each[e.milestone - 1][unit] = e
    return tuple(tuple(one.items()) for one in each)


def judge(task_slots: tuple[Slot, ...], words: ByUnit) -> StatusView:
    """A milestone's status from each unit's latest word on it (`words`, in first-reported order)."""
    said = dict(words)
    leads: list[UnitStatus] = []
    claimed: set[str] = set()
    for slot in task_slots:
        best, by = None, None
        for uid in slot.accepts:
            entry = said.get(uid)
            if entry is not None and (best is None or entry.date > best.date):
                best, by = entry, uid
        claimed.update(slot.accepts)
        leads.append(UnitStatus(slot.unit, "lead", best.status if best else Status.NOT_STARTED, best, by, slot.via))
    support = [UnitStatus(uid, "support", entry.status, entry, uid) for uid, entry in words if uid not in claimed]
    if not leads:  # no lead named: the latest word decides
        latest = _latest(support)
        return StatusView(latest.status if latest else Status.NOT_STARTED, latest.entry if latest else None,
                          tuple(support), 0, 0)
    status, decided = _decide(leads, support)
    done = sum(1 for row in leads if row.status is Status.DONE)
    return StatusView(status, decided.entry if decided else None, (*leads, *support), done, len(leads))


def _decide(leads: list[UnitStatus], support: list[UnitStatus]) -> tuple[Status, UnitStatus | None]:
    """The module's rule: dropped, done, blocked, in progress, not started — and whose entry says so."""
    dropped = [row for row in leads if row.status is Status.DROPPED]
    if dropped:
        return Status.DROPPED, _latest(dropped)
    if all(row.status is Status.DONE for row in leads):
        return Status.DONE, _latest(leads)
    blocked = [row for row in leads if row.status is Status.BLOCKED]
    if blocked:
        return Status.BLOCKED, _latest(blocked)
    said = [row for row in (*leads, *support) if row.entry is not None]
    if any(row.status is not Status.NOT_STARTED for row in said):
        return Status.IN_PROGRESS, _latest(said)
    return Status.NOT_STARTED, _latest(said)


def _latest(rows: Iterable[UnitStatus]) -> UnitStatus | None:
    """The row with the latest entry (the last of equal dates)."""
    found = None
    for row in rows:
        if row.entry is not None and (found is None or found.entry is None or row.entry.date >= found.entry.date):
            found = row
    return found


def occurrence(task_slots: tuple[Slot, ...], said: Iterable[tuple[str, EntryView]], start: date) -> StatusView:
    """One occurrence of a recurring milestone, from `said` ((unit, entry) by date, the entries on
    that milestone up to the day judged): each unit's first "done" dated on or after `start`, else
    its latest entry from then; judged by `judge`, so only the leads' "done" close it."""
    words: dict[str, EntryView] = {}
    for uid, entry in said:
        if entry.date < start:
            continue
        kept = words.get(uid)
        if kept is None or kept.status is not Status.DONE:
            words[uid] = entry
    return judge(task_slots, tuple(words.items()))


def combine(views: list[StatusView]) -> Status:
    """A task's status from its milestones' (`combine_states`)."""
    return combine_states([v.status for v in views])


def combine_states(states: list[Status]) -> Status:
    """A task's status from its milestones' (or their occurrences'): done when each is done or
    dropped (one done at least), dropped when all are, blocked when one is, in progress when one
    is begun or done, else not started (a dropped milestone is no work begun)."""
    if states and all(s.closed for s in states):
        return Status.DONE if Status.DONE in states else Status.DROPPED
    if Status.BLOCKED in states:
        return Status.BLOCKED
    if Status.IN_PROGRESS in states or Status.DONE in states:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def closed_for(view: StatusView, unit: str) -> bool:
    """Whether a unit's own part of a milestone is done or dropped: its row (or, for a group, every
    ward counted through it) says so."""
    rows = [row for row in view.by_unit if unit in (row.unit, row.by, row.via)]
    return bool(rows) and all(row.status.closed for row in rows)


# ---------------------------------------------------------------- a ledger's milestones, as of a day

_NOT_STARTED = StatusView(Status.NOT_STARTED, None)
Said = tuple[str, EntryView]


class _Index(Protocol):
    """What the rules read of a ledger's status index (ledger.StatusIndex)."""

    @property
    def latest(self) -> Mapping[str, tuple[date, EntryView]]: ...
    @property
    def dated(self) -> Mapping[str, tuple[Said, ...]]: ...
    @property
    def judged(self) -> Mapping[str, tuple[StatusView, ...]]: ...


class _Report(Protocol):
    @property
    def content(self) -> _Header: ...


class _Header(Protocol):
    @property
    def unit(self) -> str: ...


class Ledger(Protocol):
    """What the rules read of a ledger (ledger.Ledger, which sits above them: the status index it
    holds is judged by them)."""

    @property
    def tasks(self) -> Mapping[str, Task]: ...
    @property
    def units(self) -> Mapping[str, Unit]: ...
    @property
    def index(self) -> _Index: ...
    def history(self, task_id: str) -> Iterable[tuple[_Report, EntryView]]: ...
    def entries(self) -> Iterable[tuple[_Report, EntryView]]: ...
    def recurrences(self, task: Task, index: int) -> list[Period]: ...


class _Memo:
    """What the functions below work out for one ledger, kept for its next question."""

    __slots__ = ("__weakref__", "by_task", "past", "said", "slots", "statuses", "views")

    def __init__(self) -> None:
        self.slots: dict[str, tuple[Slot, ...]] = {}
        self.views: dict[tuple[str, int], StatusView] = {}  # milestones no entry names, as of now
        self.said: dict[str, tuple[Said, ...]] = {}  # each unit's words on a task the index does not hold
        self.statuses: dict[str, StatusView] = {}  # task_status as of now
        self.past: dict[tuple[str, date], tuple[tuple[ByUnit, ...], dict[int, StatusView]]] = {}
        self.by_task: dict[str, list[Said]] | None = None  # every entry by task, for a look back


_MEMOS: weakref.WeakKeyDictionary[Ledger, _Memo] = weakref.WeakKeyDictionary()


def _memo(ledger: Ledger) -> _Memo:
    found = _MEMOS.get(ledger)
    if found is None:
        found = _MEMOS[ledger] = _Memo()
    return found


def _by_task(ledger: Ledger) -> dict[str, list[Said]]:
    """Every entry of the ledger by task, by date (a look back before a task's last entry)."""
    memo = _memo(ledger)
    if memo.by_task is None:
        out: dict[str, list[Said]] = {}
        for report, e in ledger.entries():
            out.setdefault(e.task, []).append((report.content.unit, e))
        memo.by_task = out
    return memo.by_task


def task_slots(ledger: Ledger, task: Task) -> tuple[Slot, ...]:
    """The task's lead slots (`slots`) among the ledger's units."""
    memo = _memo(ledger).slots
    found = memo.get(task.id)
    if found is None:
        found = memo[task.id] = slots(task, ledger.units)
    return found


def said(ledger: Ledger, task_id: str, milestone: int, as_of: date | None = None) -> list[Said]:
    """What each unit said on a milestone (its entries and those naming no milestone), by date,
    up to the date: (unit, entry)."""
    pairs = ledger.index.dated.get(task_id)  # every task with a recurring duty: no file read
    if pairs is None:
        memo = _memo(ledger).said
        pairs = memo.get(task_id)
        if pairs is None:
            pairs = memo[task_id] = tuple((r.content.unit, e) for r, e in ledger.history(task_id))
    return [(unit, e) for unit, e in pairs if e.milestone in (None, milestone) and (as_of is None or e.date <= as_of)]


def judged(ledger: Ledger, task_id: str, index: int, as_of: date | None = None) -> StatusView:
    """A milestone's status as of a date, from each unit's latest entry naming it (or naming the
    whole task), judged by `judge`: done only when every lead has said done. As of now (or of a
    day past the task's last entry) the status index holds it; `milestone_status` adds the rule
    of a recurring duty's occurrences."""
    task = ledger.tasks.get(task_id)
    if task is None:
        return _NOT_STARTED
    latest = ledger.index.latest.get(task_id)
    if as_of is None or latest is None or as_of >= latest[0]:  # every entry counts: the index knows
        stored = ledger.index.judged.get(task_id)
        if stored is not None and index < len(stored):
            return stored[index]
        views = _memo(ledger).views
        found = views.get((task_id, index))
        if found is None:  # no entry names the task
            found = views[task_id, index] = judge(task_slots(ledger, task), ())
        return found
    memo = _memo(ledger).past
    past = memo.get((task_id, as_of))
    if past is None:  # once per task and day: a review asks every milestone of it, many twice
        past = memo[task_id, as_of] = (words(_by_task(ledger).get(task_id, ()), len(task.milestones), as_of), {})
    each, views_then = past
    found = views_then.get(index)
    if found is None:
        found = views_then[index] = judge(task_slots(ledger, task), each[index] if index < len(each) else ())
    return found


def milestone_status(ledger: Ledger, task_id: str, index: int, as_of: date | None = None) -> StatusView:
    """A milestone's status as of a date (`judged`); a recurring one is done only when each of
    its occurrences is (`occurrence`): a lead's "done" in 2009 leaves 2010's open, and then the
    leads' part shown is that of the first occurrence still owed.

    The one entry point every query asks (deadlines, overdue, summary, listings)."""
    view = judged(ledger, task_id, index, as_of)
    task = ledger.tasks.get(task_id)
    if view.status is not Status.DONE or task is None or task.milestones[index].due.kind is not Kind.RECURRING:
        return view
    words_on = said(ledger, task_id, index + 1, as_of)
    leads = task_slots(ledger, task)
    first_open = next((v for v in (occurrence(leads, words_on, p.start) for p in ledger.recurrences(task, index))
                       if v.status is not Status.DONE), None)
    if first_open is None:
        return view
    # the leads' part of the first year still owed; begun, since an earlier one is done
    status = Status.IN_PROGRESS if first_open.status is Status.NOT_STARTED else first_open.status
    return first_open._replace(status=status, entry=view.entry)


def task_status(ledger: Ledger, task_id: str, as_of: date | None = None) -> StatusView:
    """The task's status (`combine` of its milestones'), its latest entry by then, and the
    per-unit detail of its current milestone (the first not closed; else the last)."""
    memo = _memo(ledger).statuses
    found = memo.get(task_id) if as_of is None else None
    if found is not None:
        return found
    task = ledger.tasks.get(task_id)
    if task is None or not task.milestones:
        return _NOT_STARTED
    views = [milestone_status(ledger, task_id, i, as_of) for i in range(len(task.milestones))]
    current = next((v for v in views if not v.status.closed), views[-1])
    found = StatusView(combine(views), last_entry(ledger, task_id, as_of), current.by_unit, current.done, current.of)
    if as_of is None:
        memo[task_id] = found
    return found


def current_milestone(ledger: Ledger, task_id: str, as_of: date | None = None) -> int:
    """The first milestone (0-based) not done nor dropped as of the date; the last when all are."""
    n = len(ledger.tasks[task_id].milestones)
    return next((i for i in range(n) if not milestone_status(ledger, task_id, i, as_of).status.closed), n - 1)


def last_entry(ledger: Ledger, task_id: str, as_of: date | None = None) -> EntryView | None:
    """The task's latest entry (by date, then order in the files) on or before the date."""
    latest = ledger.index.latest.get(task_id)
    if latest is None:
        return None
    if as_of is None or as_of >= latest[0]:
        return latest[1]
    before = [e for _, e in _by_task(ledger).get(task_id, ()) if e.date <= as_of]
    return before[-1] if before else None
