"""The reports ledger: who owes which report for which period, and whether it came in on time.

Kept apart from the tasks (deadlines): a task's milestone is work done; a report is a document
sent to someone by a day. The regime is data (plan.yaml `reporting:`, docs/plan-format.md):

- each duty has owners (absent: every *reporting unit*), a frequency (quarter, half, year,
  month) and a due rule: the grace day (default `reporting.grace_day`, 5) of the month after the
  period ends (`due: after`), or after it starts (`due: start`: a plan or a budget for the
  period; the first year's counts from the month after the decision was signed); or fixed days
  of the year (`on:`), the n-th period's report due on the n-th day of its year;
- an ad-hoc duty ("đột xuất khi có yêu cầu") has no periods: it is listed, never late;
- the reporting units are `reporting.units`, else the leads of the `units_from` row (row 8):
  a group gives its members, a vague lead ("các phòng ban, đơn vị trực thuộc quận") every
  unit of kind phòng, ban, trung tâm, văn phòng (section III: "các phòng, ban, trung tâm");
- a duty's periods are those of the obligation period (the quarter the decision was signed
  to the plan's end);
- what answers a duty: the `submitted:` day of a unit's quarterly file answers the reporting
  units' quarterly duty (the first quarterly duty without owners); any other duty is answered
  by a `submissions:` item (duty, period, date, number) in any of the unit's files.

One (duty, unit, period) is a row; as of a date it is submitted on time, submitted late (by
N days), not submitted (late by N days), or not yet due (sent early or not). A review's rows are
its period's and those of the periods overlapping it that fall due in it (`in_review`). A due
day the plan marks `assumed:` is the encoder's, not the decision's (`Duty.due_assumed`).
Pure: a Ledger and a date in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from hoinhap_cli.words.periods import (
    Period,
    frequency,
    half,
    month_day,
    months_between,
    quarter_of,
    quarters_between,
    year,
)
from hoinhap_cli.words.problems import UsageError, words
from hoinhap_cli.words.vocab import UnitKind

if TYPE_CHECKING:
    from hoinhap_cli.ledger.ledger import Ledger
    from hoinhap_cli.model.records import Task

OFFICE_KINDS = (UnitKind.PHONG, UnitKind.BAN, UnitKind.TRUNG_TAM, UnitKind.VAN_PHONG)
"""What a vague "các phòng ban, đơn vị trực thuộc quận" stands for when someone must report."""


class State(str, Enum):
    SUBMITTED = "submitted"  # on or before its due day
    SUBMITTED_LATE = "submitted_late"
    MISSING = "missing"  # due before the as-of date, not submitted by then
    NOT_DUE = "not_due"  # not submitted, not yet due


@dataclass(frozen=True)
class Duty:
    """One duty of the regime, its owners resolved to concrete units."""

    id: str
    name: str
    what: str
    to: str
    every: str  # quarter, half, year, month, ad-hoc
    on: tuple[tuple[int, int], ...] = field(default=(), kw_only=True)  # fixed days (month, day), one per period
    owners: tuple[str, ...]
    by_reporting_units: bool  # owed by every reporting unit (no `owners:` in the plan)
    due: str  # after, start
    grace_day: int
    with_year: str | None
    source: str
    due_assumed: bool = False  # the decision gives no due day: the plan's is the encoder's (`assumed:`)
    to_assumed: bool = False  # the decision does not say to whom

    def due_date(self, period: Period, signed: date) -> date:
        """The grace day of the month after the period ends (`after`) or starts (`start`); with
        fixed days, the day of the period's place in its year (H2's report: the second day)."""
        if self.on:
            month, day = self.on[_place_in_year(period, self.every)]
            return date(period.start.year, month, day)
        anchor = period.end if self.due == "after" else max(period.start, signed)
        month = anchor.month % 12 + 1
        return date(anchor.year + (anchor.month == 12), month, self.grace_day)


@dataclass(frozen=True)
class Regime:
    duties: tuple[Duty, ...]
    reporting_units: tuple[str, ...]

    def duty(self, duty_id: str) -> Duty | None:
        return next((d for d in self.duties if d.id == duty_id), None)

    @property
    def header_duty(self) -> Duty | None:
        """The duty a quarterly file's `submitted:` answers: the reporting units' quarterly report."""
        return next((d for d in self.duties if d.by_reporting_units and d.every == "quarter"), None)


def reporting_units(ledger: Ledger, task: Task | None = None) -> list[str]:
    """The concrete units that owe a report: `reporting.units`, else the leads of the row named
    by `units_from` (or `task`): groups give their members, vague leads the district's offices."""
    return _reporters(ledger.plan.reporting, ledger.tasks, ledger.units, task)


def _reporters(reporting: Any, tasks: Mapping[str, Any], units: Mapping[str, Any], task: Any = None) -> list[str]:
    if task is None and reporting is not None and reporting.units is not None:
        return list(reporting.units)
    if task is None:
        row = reporting.units_from if reporting is not None else None
        task = tasks.get(row) if row else None
    if task is None:
        return []
    out: list[str] = []
    for uid in task.lead or ():
        unit = units[uid]
        if unit.members:
            out += unit.members
        elif unit.kind is UnitKind.KHONG_CU_THE:
            out += [u.id for u in units.values() if u.kind in OFFICE_KINDS]
        else:
            out.append(uid)
    order = {uid: i for i, uid in enumerate(units)}
    return sorted(dict.fromkeys(out), key=order.__getitem__)  # each unit once, in plan order


def regime(ledger: Ledger) -> Regime:
    """The plan's reporting regime (empty when the plan has no `reporting:` section)."""
    return regime_of(ledger.plan)


def _place_in_year(period: Period, every: str) -> int:
    """Which period of its year this is, from 0: Q3 → 2, H2 → 1, June → 5, a year → 0."""
    per = {"quarter": 3, "half": 6, "month": 1}.get(every)
    return (period.start.month - 1) // per if per else 0


def _days(on: Any) -> tuple[tuple[int, int], ...]:
    return tuple(d for d in (month_day(text) for text in on or ()) if d is not None)


def regime_of(plan: Any) -> Regime:
    """The regime of a plan, a model or records alike (`submit` has the model)."""
    r = plan.reporting
    if r is None:
        return Regime((), ())
    units = tuple(_reporters(r, {t.id: t for t in plan.tasks}, {u.id: u for u in plan.units}))
    duties = tuple(Duty(d.id, d.name, d.what, d.to, d.every, tuple(d.owners) if d.owners is not None else units,
                        d.owners is None, d.due, d.grace_day or r.grace_day, d.with_year, d.source,
                        _due_assumed(r, d), "to" in d.assumed)
                   for d in r.duties)
    duties = tuple(replace(duty, on=_days(d.on)) if d.on else duty for duty, d in zip(duties, r.duties))
    return Regime(duties, units)


def _due_assumed(r: Any, d: Any) -> bool:
    """Whether a duty's due day is the encoder's: its own rule or day marked `assumed:`, or the
    regime's grace day marked so when the duty has none of its own."""
    return bool({"due", "grace_day"} & set(d.assumed)) or (d.grace_day is None and "grace_day" in r.assumed)


def choose_duty(reg: Regime, unit: str, period: Period, duty_id: str | None) -> Duty:
    """The duty a submission answers: the one named, else the first the unit owes for this kind of
    period (the reporting units' own duties first, in plan order). Refused: a duty the unit does
    not owe, or of another frequency."""
    every = frequency(period.label) or "year"
    if duty_id is not None:
        duty = reg.duty(duty_id)
        if duty is None:
            raise UsageError(words("submit.no_duty", duty=duty_id, known=", ".join(d.id for d in reg.duties)))
        if duty.every != every:
            raise UsageError(words("submit.wrong_period", duty=duty.id, every=duty.every, period=period.label))
    else:
        mine = [d for d in reg.duties if d.every == every and unit in d.owners]
        mine.sort(key=lambda d: not d.by_reporting_units)  # stable: plan order within each
        if not mine:
            raise UsageError(words("submit.none_owed", unit=unit, period=period.label))
        duty = mine[0]
    if unit not in duty.owners:
        raise UsageError(words("submit.not_owner", unit=unit, duty=duty.id))
    return duty


def report_tasks(ledger: Ledger) -> frozenset[str]:
    """The task rows that stand for the reporting regime (`units_from`): not task obligations."""
    r = ledger.plan.reporting
    return frozenset((r.units_from,)) if r is not None and r.units_from else frozenset()


def duty_periods(ledger: Ledger, every: str) -> list[Period]:
    """The periods of a frequency that end inside the obligation period."""
    span = ledger.obligation_period
    if every == "quarter":
        return quarters_between(span.start, span.end)
    if every == "month":
        return months_between(span.start, span.end)
    if every == "ad-hoc":  # on request: nothing is owed by a day
        return []
    years = range(span.start.year, span.end.year + 1)
    found = [half(y, n) for y in years for n in (1, 2)] if every == "half" else [year(y) for y in years]
    return [p for p in found if span.start <= p.end <= span.end]


# ------------------------------------------------------------ what was sent


@dataclass(frozen=True)
class Sent:
    day: date
    number: str | None


def sent(ledger: Ledger, reg: Regime) -> dict[tuple[str, str, str], Sent]:
    """(duty, unit, period label) -> the first submission of it, from the status index (a warm
    run reads no report file's entries for this)."""
    out: dict[tuple[str, str, str], Sent] = {}
    header = reg.header_duty
    for duty, unit, period, day, number in ledger.filed():
        duty = duty or (header.id if header is not None else "")
        key = (duty, unit, period)
        if duty and (key not in out or day < out[key].day):
            out[key] = Sent(day, number)
    return out


# ------------------------------------------------------------ the ledger of reports


@dataclass(frozen=True)
class ReportRow:
    duty: Duty
    unit: str
    period: Period
    due: date
    sent: Sent | None  # as of the as-of date
    state: State
    days_late: int  # submitted late: by how much; missing: as of the as-of date; else 0
    early: bool = False  # submitted, its due day not yet past on the as-of date: not counted as due

    def record(self) -> dict[str, Any]:
        return {"duty": self.duty.id, "unit": self.unit, "period": self.period.label,
                "due_date": self.due.isoformat(), "state": self.state.value,
                "submitted": self.sent.day.isoformat() if self.sent else None,
                "number": self.sent.number if self.sent else None, "days_late": self.days_late,
                "early": self.early}


@dataclass(frozen=True)
class ReportCounts:
    """Report figures (never mixed with the tasks'): rows owed as of the date, and their states.
    `total` = `due` + `not_due`; `due` = `submitted` + `submitted_late` + `missing`; a report
    sent before its due day has come is not due yet (`early`, counted in `not_due`)."""

    total: int = 0  # rows listed, not yet due included
    due: int = 0  # due before the as-of date
    submitted: int = 0  # on time, of those due
    submitted_late: int = 0
    missing: int = 0
    not_due: int = 0  # due day not yet past, sent or not
    early: int = 0  # of those not due, sent already

    def as_dict(self) -> dict[str, int]:
        return {"total": self.total, "due": self.due, "submitted": self.submitted,
                "submitted_late": self.submitted_late, "missing": self.missing, "not_due": self.not_due,
                "early": self.early}


@dataclass(frozen=True)
class LatePeriod:
    """One duty's period with reports missing: "Báo cáo quý I/2009: 12/29 đơn vị chưa nộp"."""

    duty: Duty
    period: Period
    due: date
    missing: tuple[str, ...]  # the units, in plan order
    owed: int  # how many units owe it
    days_late: int

    def record(self) -> dict[str, Any]:
        return {"duty": self.duty.id, "name": self.duty.name, "period": self.period.label,
                "due_date": self.due.isoformat(), "missing": list(self.missing), "owed": self.owed,
                "days_late": self.days_late}


@dataclass(frozen=True)
class ReportLedger:
    ledger: Ledger
    as_of: date
    period: Period | None
    unit: str | None
    regime: Regime
    rows: list[ReportRow] = field(default_factory=list)  # duty in plan order, then period, then unit
    counts: ReportCounts = ReportCounts()
    late_periods: list[LatePeriod] = field(default_factory=list)  # by due date

    def record(self) -> dict[str, Any]:
        """The reports ledger as docs/json-contract.md ("reports") describes it."""
        return {"as_of": self.as_of.isoformat(), "period": self.period.label if self.period else None,
                "unit": self.unit,
                "duties": [{"id": d.id, "name": d.name, "what": d.what, "to": d.to, "every": d.every,
                            "owners": list(d.owners), "due": d.due, "grace_day": d.grace_day, "source": d.source,
                            "due_assumed": d.due_assumed, "to_assumed": d.to_assumed}
                           for d in self.regime.duties],
                "counts": self.counts.as_dict(), "late_periods": [p.record() for p in self.late_periods],
                "rows": [r.record() for r in self.rows]}

def _row(duty: Duty, unit: str, p: Period, due: date, one: Sent | None, as_of: date) -> ReportRow:
    if one is not None and one.day > as_of:
        one = None  # sent after the date judged on
    if one is not None:
        late = max(0, (one.day - due).days)
        return ReportRow(duty, unit, p, due, one, State.SUBMITTED_LATE if late else State.SUBMITTED, late,
                         early=due >= as_of)
    if due < as_of:
        return ReportRow(duty, unit, p, due, None, State.MISSING, (as_of - due).days)
    return ReportRow(duty, unit, p, due, None, State.NOT_DUE, 0)


def report_ledger(ledger: Ledger, as_of: date, period: Period | None = None,
                  unit: str | None = None) -> ReportLedger:
    """Every (duty, unit, period) of the regime as of a date: when `period` is given, the periods
    inside it and those overlapping it that fall due in it (the year's plan, due in its first
    quarter); else every period begun by the as-of date. `unit`: that unit's rows only."""
    reg = regime(ledger)
    got = sent(ledger, reg)
    signed = ledger.signed_on
    rows: list[ReportRow] = []
    for duty in reg.duties:
        for p in duty_periods(ledger, duty.every):
            due = duty.due_date(p, signed)
            if period is not None and not in_review(p, due, period):
                continue
            if period is None and p.start > as_of:
                continue
            rows += [_row(duty, u, p, due, got.get((duty.id, u, p.label)), as_of)
                     for u in duty.owners if unit is None or u == unit]
    return ReportLedger(ledger, as_of, period, unit, reg, rows, counted(rows), late_periods(rows))


def in_review(p: Period, due: date, review: Period) -> bool:
    """Whether a duty's period belongs to a review: inside it, or overlapping it and due in it."""
    if review.start <= p.start and p.end <= review.end:
        return True
    return p.start <= review.end and p.end >= review.start and review.start <= due <= review.end


def counted(rows: Iterable[ReportRow]) -> ReportCounts:
    n = {s: 0 for s in State}
    total = early = 0
    for r in rows:
        total += 1
        if r.early:
            early += 1
        else:
            n[r.state] += 1
    not_due = n[State.NOT_DUE] + early
    return ReportCounts(total, total - not_due, n[State.SUBMITTED], n[State.SUBMITTED_LATE], n[State.MISSING],
                        not_due, early)


def late_periods(rows: Iterable[ReportRow]) -> list[LatePeriod]:
    """One item per duty and period with a report missing, the oldest first."""
    groups: dict[tuple[str, str], list[ReportRow]] = {}
    for r in rows:
        groups.setdefault((r.duty.id, r.period.label), []).append(r)
    out = []
    for group in groups.values():
        missing = tuple(r.unit for r in group if r.state is State.MISSING)
        if missing:
            first = group[0]
            out.append(LatePeriod(first.duty, first.period, first.due, missing, len(group), first.days_late))
    out.sort(key=lambda lp: lp.due)  # stable: duties in plan order on one day
    return out


def quarter_file(period: Period, day: date) -> Period:
    """Which quarterly file a submission of `period` sent on `day` is kept in: the period's last
    quarter, or the quarter it was sent in when that is sooner (a plan sent before its year ends)."""
    last, sent_in = quarter_of(period.end), quarter_of(day)
    return sent_in if sent_in.end < last.end else last
