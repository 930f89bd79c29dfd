"""What is late: the overdue report — late task milestones and stale ongoing tasks, grouped as
asked, then the late reporting periods (one line each, or one row per unit; `reporting`).

`overdue_report()` selects (deadlines judges lateness; a TaskFilter says whose; reporting
judges the reports); the report it returns is drawn by render.Output.report in every format.
No I/O here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries.review import (
    columns,
    obligation_columns,
    obligation_listing,
    obligation_record,
    obligation_row,
    status_word,
    unit_names,
)
from hoinhap_cli.render import bars, reportview
from hoinhap_cli.render.render import Listing, Note
from hoinhap_cli.rules import deadlines, reporting
from hoinhap_cli.rules.deadlines import Counts, Obligation, Stale
from hoinhap_cli.rules.reporting import LatePeriod, ReportLedger, ReportRow, State
from hoinhap_cli.rules.selection import TaskFilter
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.periods import Period
from hoinhap_cli.words.text import collation_key

GROUPINGS = ("none", "unit", "program")
REPORTS = ("lines", "full", "hidden")  # late reporting periods: one line each, one row per unit, or not shown
OVERDUE_COLS = ["task", "product", "due", "due_date", "days_late", "lead", "status", "reason"]
STALE_COLS = ["task", "product", "quarter", "last_entry", "lead", "status", "reason"]


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
    show_reports: str = "lines"  # one of REPORTS
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

    def parts(self, fmt: str, lang: str) -> Sequence[str | Listing | Note]:
        if fmt == "csv":
            return [self._flat(lang)]
        md = fmt == "md"
        out: list[str | Listing | Note] = []
        for g in self.sections:
            if g.name:
                out.append(f"## {g.name}\n" if md else f"■ {g.name}")
            if g.late:
                out.append(obligation_listing(fmt, OVERDUE_COLS, obligation_columns(self.ledger, g.late, self.as_of,
                                                                                     lang),
                                              t("overdue.title", lang, as_of=self.as_of.isoformat())))
            if g.stale and self.stale_quarter is not None:
                out += [""] if md else []
                out.append(Listing(columns(STALE_COLS), [_stale_row(self.ledger, s, lang) for s in g.stale],
                                   t("overdue.stale_title", lang, quarter=self.stale_quarter.label)))
            out += [""] if md else []
        count = len(self.late)
        out += self._report_parts(md, lang)
        out.append(Note(t("overdue.count", lang, count=count, as_of=self.as_of.isoformat()) if count
                        else t("overdue.none", lang, as_of=self.as_of.isoformat())))
        c = self.counts
        out.append(Note(bars.figures(self.as_of.isoformat(), c.late, c.done, c.total, lang)))
        if self.late_reports:
            out.append(Note(t("overdue.reports_count", lang, count=len(self.late_reports),
                              units=len(self.missing_reports))))
        return out

    def _report_parts(self, md: bool, lang: str) -> list[str | Listing | Note]:
        """The late reporting periods after the tasks: a line each, or (full) one row per unit."""
        if self.show_reports == "hidden" or not self.late_reports:
            return []
        title = t("reports.late_title", lang)
        if self.show_reports == "full":
            return [reportview.flat_listing(self.ledger, self.missing_reports, lang, title)]
        lines = [("- " if md else "  ") + reportview.late_line(self.ledger, lp, lang) for lp in self.late_reports]
        return [f"## {title}\n" if md else f"■ {title}", *lines, *([""] if md else [])]

    def _flat(self, lang: str) -> Listing:
        """Every section in one table, a column saying which list (and group) a row is in."""
        cols = columns(["list", *OVERDUE_COLS[:-1], "quarter", "last_entry", "reason"])
        if self.group_by != "none":
            cols.insert(0, columns([self.group_by])[0])
        rows = []
        late, stale = t("review.list.overdue", lang), t("review.list.stale", lang)
        for g in self.sections:
            for o in g.late:
                rows.append({**obligation_row(self.ledger, o, self.as_of, lang), "list": late,
                             "unit": g.key, "program": g.key})
            for s in g.stale:
                rows.append({**_stale_row(self.ledger, s, lang), "list": stale, "unit": g.key, "program": g.key})
        if self.show_reports != "hidden":
            rows += self._report_rows(lang)
        return Listing(cols, rows)

    def _report_rows(self, lang: str) -> list[dict[str, Any]]:
        """CSV: a late period per row (lead: the units missing), or with `full` a unit per row."""
        listed, ledger = t("reports.late_title", lang), self.ledger
        if self.show_reports == "full":
            return [{"list": listed, "task": f"{r.duty.name} {reportview.period_words(r.period, lang)}",
                     "due_date": r.due.isoformat(), "days_late": r.days_late, "lead": [ledger.units[r.unit].name],
                     "status": reportview.cell(r, lang)} for r in self.missing_reports]
        return [{"list": listed, "task": f"{lp.duty.name} {reportview.period_words(lp.period, lang)}",
                 "due_date": lp.due.isoformat(), "days_late": lp.days_late,
                 "lead": [ledger.units[u].name for u in lp.missing],
                 "status": t("overdue.reports_missing", lang, n=len(lp.missing), owed=lp.owed)}
                for lp in self.late_reports]


def overdue_report(ledger: Ledger, as_of: date, f: TaskFilter, group_by: str = "none",
                   with_stale: bool = True, show_reports: str = "lines") -> OverdueReport:
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
    return OverdueReport(ledger, as_of, late, stale, quarter, group_by, sections, reports, show_reports,
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


def _stale_row(ledger: Ledger, s: Stale, lang: str) -> dict[str, Any]:
    return {"task": s.task.id, "product": list(s.task.products), "quarter": s.quarter.label,
            "last_entry": s.entry.date.isoformat() if s.entry else None,
            "lead": unit_names(ledger, s.leads), "status": status_word(s.status, lang),
            "reason": s.entry.reason if s.entry else None}


def _stale_record(ledger: Ledger, s: Stale) -> dict[str, Any]:
    return {"task": s.task.id, "program": s.task.program, "milestone": s.index + 1, "quarter": s.quarter.label,
            "product": list(s.task.products), "lead": [{"id": u, "name": ledger.units[u].name} for u in s.leads],
            "status": s.status.value, "last_entry_date": s.entry.date.isoformat() if s.entry else None,
            "reason": s.entry.reason if s.entry else None}
