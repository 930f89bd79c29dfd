"""Who answers for a milestone, and when their words close it (issue 15, "status per responsible unit").

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

Pure functions over plain records and views; `ledger.Ledger.milestone_status` is the one caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from hoinhap_cli.records import EntryView  # at run time: the cache decodes a StatusView by its fields' types
from hoinhap_cli.vocab import Status, UnitKind

if TYPE_CHECKING:
    from hoinhap_cli.records import Task, Unit

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
