"""What is late: the overdue report — late task milestones and stale ongoing tasks, grouped as
asked, then the late reporting periods and the units missing from them (`reporting`).

`overdue_report()` selects (deadlines judges lateness; a TaskFilter says whose; reporting
judges the reports); the report it returns is plain data with its JSON record, drawn by
`views/overdueview.py` (`overdueview.Drawn`, for render.Output.report). No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries.review import obligation_record
from hoinhap_cli.rules import deadlines, reporting
from hoinhap_cli.rules.deadlines import Counts, Obligation, Stale
from hoinhap_cli.rules.reporting import LatePeriod, ReportLedger, ReportRow, State
from hoinhap_cli.rules.selection import TaskFilter
from hoinhap_cli.words.periods import Period
from hoinhap_cli.words.text import collation_key

GROUPINGS = ("none", "unit", "program")


@dataclass(frozen=True)
class Section:
    """One group of the report (the whole report when not grouped: no key, no name)."""

    key: str
    name: str
    late: list[Obligation]
    stale: list[Stale]


@dataclass(frozen=True)
class OverdueReport:
    ledger: Ledger
    as_of: date
    late: list[Obligation]  # the oldest first
    stale: list[Stale]
    stale_quarter: Period | None  # the quarter judged for staleness; None when not asked or none ended
    group_by: str  # one of GROUPINGS
    sections: list[Section]
    reports: ReportLedger | None = None  # the reports judged on the same date (None: not asked)
    counts: Counts = Counts()  # the selected tasks' milestones on that date: `late` counted, and the completion rate

    @property
    def late_reports(self) -> list[LatePeriod]:
        return self.reports.late_periods if self.reports is not None else []

    @property
    def missing_reports(self) -> list[ReportRow]:
        """One row per unit and late period (what --reports lists)."""
        rows = [r for r in self.reports.rows if r.state is State.MISSING] if self.reports is not None else []
        return sorted(rows, key=lambda r: r.due)  # stable: duty, period and unit in plan order

    @property
    def anything_late(self) -> bool:
        """A task milestone or a report late: what the exit code says, shown or not."""
        return bool(self.late or self.late_reports)

    def record(self) -> dict[str, Any]:
        """The report as docs/json-contract.md describes it."""
        ledger, day = self.ledger, self.as_of
        payload: dict[str, Any] = {
            "as_of": day.isoformat(),
            "stale_quarter": self.stale_quarter.label if self.stale_quarter else None,
            "overdue": [obligation_record(ledger, o, day) for o in self.late],
            "stale": [_stale_record(ledger, s) for s in self.stale],
            "late_reports": [lp.record() for lp in self.late_reports],
            "milestones": self.counts.as_dict(),
        }
        if self.group_by != "none":
            payload["group_by"] = self.group_by
            payload["groups"] = [{"id": g.key, "name": g.name,
                                  "overdue": [obligation_record(ledger, o, day) for o in g.late],
                                  "stale": [_stale_record(ledger, s) for s in g.stale]} for g in self.sections]
        return payload


def overdue_report(ledger: Ledger, as_of: date, f: TaskFilter, group_by: str = "none",
                   with_stale: bool = True) -> OverdueReport:
    """What is late as of a date for the tasks the filter selects, and (`with_stale`) which
    ongoing tasks had no update in the last ended quarter; one section per group asked for;
    then the reports late by then — of the filter's units, none when it names a programme."""
    judged = deadlines.obligations(ledger, as_of)  # all of them: the completion rate counts them
    stale = deadlines.stale(ledger, as_of) if with_stale else []
    if not f.everything:
        chosen = {task.id for task in ledger.tasks.values() if f.matches(ledger, task)}
        judged = [o for o in judged if o.task.id in chosen]
        stale = [s for s in stale if s.task.id in chosen]
    late = deadlines.overdue(judged, as_of)
    quarter = deadlines.last_ended_quarter(ledger, as_of) if with_stale else None
    sections = [Section("", "", late, stale)] if group_by == "none" else _groups(ledger, f, group_by, late, stale)
    reports = None
    if f.program is None and f.role != "support":
        reports = reporting.report_ledger(ledger, as_of)
        if f.units:
            rows = [r for r in reports.rows if r.unit in f.units]
            reports = ReportLedger(ledger, as_of, None, None, reports.regime, rows, reporting.counted(rows),
                                   reporting.late_periods(rows))
    return OverdueReport(ledger, as_of, late, stale, quarter, group_by, sections, reports,
                         deadlines.count(judged, as_of))


def _groups(ledger: Ledger, f: TaskFilter, by: str, late: list[Obligation], stale: list[Stale]) -> list[Section]:
    """One section per programme in plan order, or per unit by name; one item may sit in several."""
    if by == "program":
        out = [Section(p.id, f"{p.id}. {p.appendix_title or p.title}", [o for o in late if o.task.program == p.id],
                       [s for s in stale if s.task.program == p.id]) for p in ledger.plan.programs]
        return [g for g in out if g.late or g.stale]
    wanted = set(f.units)

    def shown(uid: str) -> bool:  # with --unit: that unit, or a group it belongs to
        return not wanted or uid in wanted or bool(wanted & set(ledger.units[uid].members))

    out = []
    for uid, unit in ledger.units.items():
        mine = Section(uid, unit.name, [o for o in late if uid in o.leads], [s for s in stale if uid in s.leads])
        if (mine.late or mine.stale) and shown(uid):
            out.append(mine)
    return sorted(out, key=lambda group: collation_key(group.name))  # units by name, in Vietnamese order


def _stale_record(ledger: Ledger, s: Stale) -> dict[str, Any]:
    return {"task": s.task.id, "program": s.task.program, "milestone": s.index + 1, "quarter": s.quarter.label,
            "product": list(s.task.products), "lead": [{"id": u, "name": ledger.units[u].name} for u in s.leads],
            "status": s.status.value, "last_entry_date": s.entry.date.isoformat() if s.entry else None,
            "reason": s.entry.reason if s.entry else None}
