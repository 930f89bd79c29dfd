"""Obligations: every milestone of the plan turned into things owed by a date, with their state.

The rules, one per deadline kind (README, "Trễ hạn / overdue"):

- quarter, half, year, by, date, span: one obligation, due the last day of its period (a span:
  of its last period). It is late from the day after, unless done or dropped by the as-of date.
  One due before the decision took effect (1.1 and 2.10, "Quý III-2008", before 24/10/2008) is
  still owed, from that day (`owed_from`): late the day after it, its days counted from it.
- recurring, a *task duty* (1.2 "every year"): one obligation per period of the obligation
  period (the quarter the decision was signed, 2008-Q4, to 2010-Q4), judged by
  `responsibility.occurrence`: met when every lead says done for it (in that period, or late
  after it); "in progress" never meets it, a supporting unit never closes it.
- the row that stands for the reporting regime (plan.yaml `reporting.units_from`, row 8) is
  no task obligation: reports are their own ledger (`reporting`).
- ongoing: never late; "stale" when no entry was recorded for the task in the last ended
  quarter (within the obligation period).
- after <event>: counts only once the event is recorded (on or before the as-of date); then
  due at the end of the quarter after the event's quarter.
- none, on-demand ("Khi có phát sinh"): never late (an on-demand row is in a review only when worked on).
- month (2025-06): as a quarter, due the month's last day; every half / every month, and the
  open-ended `2025..` (every year from 2025 to the plan's end): as a recurring duty.

Everything here is pure: a Ledger and a date in, plain values out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from hoinhap_cli.judgement import responsibility
from hoinhap_cli.judgement.responsibility import occurrence
from hoinhap_cli.ledger.ledger import EntryView, Ledger
from hoinhap_cli.rules.reporting import report_tasks
from hoinhap_cli.words.periods import Deadline, Kind, Period, event_due, quarter_of
from hoinhap_cli.words.vocab import Status

if TYPE_CHECKING:
    from hoinhap_cli.model.records import Task

@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to build, and there are 10,000s of these
class Obligation:
    task: Task
    index: int  # the milestone, 0-based (files and JSON say index + 1)
    kind: Kind
    due_date: date | None  # None: ongoing, none, or an event not yet recorded
    start_date: date | None = None
    period: Period | None = None  # recurring: the period it is owed for
    unit: str | None = None  # kept for the JSON records: always None (reports: see `reporting`)
    status: Status = Status.NOT_STARTED  # as of the as-of date; DONE means met
    entry: EntryView | None = None  # the entry the status comes from, if any
    order: tuple[int, int, str] = (0, 0, "")  # (the task's place in plan order, index, unit): ties in due date
    as_of: date | None = None  # the date it was judged on
    is_late: bool = False  # as of that date (the rule: `_late`), judged once when built
    late_days: int = 0  # how many days late as of that date (from `owed_from` when set); 0 when not late
    owed_from: date | None = None  # due before the decision took effect: owed from the day it did

    @property
    def milestone(self) -> int:
        return self.index + 1

    @property
    def leads(self) -> tuple[str, ...]:
        return (self.unit,) if self.unit else tuple(self.task.lead or ())

    @property
    def open(self) -> bool:
        return not self.status.closed

    @property
    def reason(self) -> str | None:
        return self.entry.reason if self.entry else None

    @property
    def done_late(self) -> date | None:
        """The day it was recorded done, when that was after its due date (else None)."""
        e, due = self.entry, self.due_date
        return e.date if self.status is Status.DONE and e is not None and due is not None and e.date > due else None

    def late(self, as_of: date) -> bool:
        """Late as of a date: the carried judgement for the date it was built for."""
        return self.is_late if as_of == self.as_of else _late(self.owed_from or self.due_date, self.status, as_of)

    def days_late(self, as_of: date) -> int:
        """Days from the due date (or from the day the decision took effect, when it was due
        before: nobody was late for a deadline the decision had not yet set) to the date."""
        since = self.owed_from or self.due_date
        return (as_of - since).days if since else 0

    @property
    def due_label(self) -> str:
        """What the row says is due: the period for a recurring duty, else the notation."""
        return self.period.label if self.period else str(self.task.milestones[self.index].due)


def _late(due: date | None, status: Status, as_of: date) -> bool:
    """The rule: due before the as-of date and neither done nor dropped by then (`due`: the day the
    decision took effect for a milestone it set earlier)."""
    return due is not None and due < as_of and not status.closed


def _judged(task: Task, i: int, kind: Kind, due: date | None, start: date | None, period: Period | None,
            unit: str | None, status: Status, entry: EntryView | None, order: tuple[int, int, str],
            as_of: date, late: bool, effective: date | None = None) -> Obligation:
    """An obligation carrying its lateness as of the date (`late`: `_late`, judged once by the caller,
    which may skip building it); `effective`: the day the decision took effect, when `due` is before it."""
    return Obligation(task, i, kind, due, start, period, unit, status, entry, order, as_of, late,
                      (as_of - (effective or due)).days if late else 0,  # type: ignore[operator]  # late: a due date
                      effective)


def obligations(ledger: Ledger, as_of: date, late_only: bool = False) -> list[Obligation]:
    """Every obligation of the plan, with its state as of the as-of date, in plan order; with
    `late_only`, only those late by then (what `overdue` lists: the others are not built)."""
    seen = _Seen.of(ledger, as_of, late_only)
    out: list[Obligation] = []
    recurring = Kind.RECURRING
    reports = report_tasks(ledger)
    for place, task in enumerate(ledger.tasks.values()):
        if task.id in reports:
            continue
        for i, m in enumerate(task.milestones):  # milestone_obligations, unrolled: it runs 10,000s of times
            if m.due.kind is recurring:
                out += _recurring(ledger, task, i, as_of, seen, place)
            else:
                one = _single(ledger, task, i, m.due, as_of, seen, place)
                if one is not None:
                    out.append(one)
    return out


@dataclass(frozen=True)
class _Seen:
    """What the ledger records as of a date: events that happened; and, for one pass over the
    plan, what recurring deadlines expand to (many milestones share one)."""

    events: dict[str, date]
    late_only: bool = False  # build only the obligations late as of the date
    effective: date = date.min  # the day the decision took effect (a deadline before it is owed from it)
    _periods: dict[Deadline, list[Period]] = field(default_factory=dict)

    @classmethod
    def of(cls, ledger: Ledger, as_of: date, late_only: bool = False) -> _Seen:
        return cls({eid: ev.date for eid, ev in ledger.events().items() if ev.date <= as_of}, late_only,
                   ledger.effective_on)

    def periods(self, ledger: Ledger, task: Task, i: int) -> list[Period]:
        """A recurring milestone's periods."""
        due = task.milestones[i].due
        found = self._periods.get(due)
        if found is None:
            found = self._periods[due] = ledger.recurrences(task, i)
        return found


def milestone_obligations(ledger: Ledger, task: Task, i: int, as_of: date,
                          seen: _Seen | None = None) -> list[Obligation]:
    """What one milestone owes as of a date: one obligation, or one per period if recurring; none
    for the row that stands for the reporting regime (its reports: `reporting`).

    The one place a milestone's state is judged: `overdue`, `summary`, `programs`, the timeline
    and the dashboard all read it from here.
    """
    if task.id in report_tasks(ledger):
        return []
    seen = seen or _Seen.of(ledger, as_of)
    d = task.milestones[i].due
    place = ledger.place(task.id)
    if d.kind is Kind.RECURRING:
        return _recurring(ledger, task, i, as_of, seen, place)
    one = _single(ledger, task, i, d, as_of, seen, place)
    return [one] if one is not None else []


def _single(ledger: Ledger, task: Task, i: int, d: Deadline, as_of: date, seen: _Seen,
            place: int) -> Obligation | None:
    view = responsibility.milestone_status(ledger, task.id, i, as_of)
    status, entry = view.status, view.entry
    due = d.due
    if d.kind is Kind.EVENT:
        day = seen.events.get(d.event or "")
        due = event_due(day) if day else None
    owed_from = seen.effective if due is not None and due < seen.effective else None
    late = _late(owed_from or due, status, as_of)
    if seen.late_only and not late:
        return None
    return _judged(task, i, d.kind, due, d.start, None, None, status, entry, (place, i, ""), as_of, late, owed_from)


def _recurring(ledger: Ledger, task: Task, i: int, as_of: date, seen: _Seen, place: int) -> list[Obligation]:
    out = []
    periods = seen.periods(ledger, task, i)
    late_only = seen.late_only
    overall = responsibility.milestone_status(ledger, task.id, i, as_of)
    said = responsibility.said(ledger, task.id, i + 1, as_of)
    task_slots = responsibility.task_slots(ledger, task)
    for p in periods:
        if overall.status is Status.DROPPED:
            status, entry = Status.DROPPED, overall.entry
        else:
            view = occurrence(task_slots, said, p.start)
            status, entry = view.status, view.entry
        late = _late(p.end, status, as_of)
        if late_only and not late:
            continue
        out.append(_judged(task, i, Kind.RECURRING, p.end, p.start, p, None, status, entry, (place, i, ""),
                           as_of, late))
    return out


def overdue(obs: Iterable[Obligation], as_of: date) -> list[Obligation]:
    """Open obligations whose due date is before the as-of date, the oldest first."""
    late = [o for o in obs if o.late(as_of)]  # the carried judgement when `as_of` is the obligations' date
    late.sort(key=_due_order())
    return late


def upcoming(obs: Iterable[Obligation], as_of: date, within: timedelta) -> list[Obligation]:
    """Open obligations falling due from the as-of date to as-of + within, the soonest first."""
    until = as_of + within
    soon = [o for o in obs if o.open and o.due_date is not None and as_of <= o.due_date <= until]
    soon.sort(key=_due_order())
    return soon


def _due_order() -> attrgetter[Any]:
    """By due date, then task id in plan order (2.9 before 2.10), milestone and unit: each
    obligation carries the last three (`order`), so the key is read in C, not a Python call
    per obligation."""
    return attrgetter("due_date", "order")


@dataclass(frozen=True)
class Stale:
    task: Task
    index: int
    quarter: Period  # the last ended quarter, in which nothing was recorded
    status: Status
    entry: EntryView | None  # the latest entry before the as-of date, if any

    @property
    def leads(self) -> tuple[str, ...]:
        return tuple(self.task.lead or ())


def last_ended_quarter(ledger: Ledger, as_of: date) -> Period | None:
    """The quarter before the as-of date's, clipped to the plan; None before any has ended."""
    previous = quarter_of(quarter_of(as_of).start - timedelta(days=1))
    last = quarter_of(ledger.obligation_period.end)
    if previous.end > last.end:
        previous = last
    if previous.end < ledger.obligation_period.start:
        return None
    return previous


def stale(ledger: Ledger, as_of: date) -> list[Stale]:
    """Open ongoing milestones of tasks with no entry in the last ended quarter."""
    q = last_ended_quarter(ledger, as_of)
    if q is None:
        return []
    out = []
    until = min(q.end, as_of)
    for task in ledger.repeating():
        recorded = None  # asked only of tasks with an ongoing milestone (a few in a hundred)
        for i, m in enumerate(task.milestones):
            if m.due.kind is not Kind.ONGOING:
                continue
            if recorded is None:
                recorded = any(q.start <= e.date <= until for e in ledger.dated(task.id))
            view = responsibility.milestone_status(ledger, task.id, i, as_of)
            if not recorded and not view.status.closed:
                out.append(Stale(task, i, q, view.status, view.entry))
    return out


# The unit of the one completion rate: milestones ("mốc"), a recurring duty's occurrences each
# counted. Milestones, not tasks: the decision sets its deadlines per milestone, the late count is
# of milestones, and a task with a 2010 milestone would show no progress for two years.
SHARE_OF = "milestone"


@dataclass(frozen=True)
class Counts:
    """Progress figures over some obligations, as of a date (what the progress bars draw): the
    late count and the completion rate every command prints."""

    total: int = 0  # can be finished: every obligation but ongoing duties and dropped ones
    done: int = 0
    due: int = 0  # of total, due on or before the as-of date (done or not)
    late: int = 0  # of total, open and due before the as-of date (the rows of `overdue`)
    ongoing: int = 0  # continuous duties ("Thường xuyên"): reported on, never finished
    dropped: int = 0

    @property
    def share_done(self) -> float | None:
        """Done over total, in percent with one decimal; None when nothing can be finished."""
        return round(100 * self.done / self.total, 1) if self.total else None

    def as_dict(self) -> dict[str, int | float | str | None]:
        return {"total": self.total, "done": self.done, "due": self.due, "late": self.late,
                "ongoing": self.ongoing, "dropped": self.dropped, "share_done": self.share_done,
                "share_of": SHARE_OF}


def count(obs: Iterable[Obligation], as_of: date) -> Counts:
    total = done = due = late = ongoing = dropped = 0
    for o in obs:
        if o.kind is Kind.ONGOING:
            ongoing += 1
            continue
        if o.status is Status.DROPPED:
            dropped += 1
            continue
        total += 1
        done += o.status is Status.DONE
        due += o.due_date is not None and o.due_date <= as_of
        late += o.late(as_of)
    return Counts(total, done, due, late, ongoing, dropped)
