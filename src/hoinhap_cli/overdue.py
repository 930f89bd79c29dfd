"""What is late: the overdue report — late obligations and stale ongoing tasks, grouped as asked.

`overdue_report()` selects (deadlines judges lateness; a TaskFilter says whose); the report it
returns is drawn by render.Output.report in every format. No I/O here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from hoinhap_cli import deadlines
from hoinhap_cli.deadlines import Obligation, Stale
from hoinhap_cli.i18n import t
from hoinhap_cli.ledger import Ledger
from hoinhap_cli.periods import Period
from hoinhap_cli.render import Listing, Note
from hoinhap_cli.review import (
    columns,
    obligation_columns,
    obligation_listing,
    obligation_record,
    obligation_row,
    status_word,
    unit_names,
)
from hoinhap_cli.selection import TaskFilter, in_program
from hoinhap_cli.text import collation_key

GROUPINGS = ("none", "unit", "program")
OVERDUE_COLS = ["task", "product", "due", "due_date", "days_late", "lead", "status", "reason"]
STALE_COLS = ["task", "product", "quarter", "last_entry", "lead", "status", "reason"]


def kept(ledger: Ledger, f: TaskFilter, o: Obligation) -> bool:
    """A reporting obligation belongs to its one unit; any other to the task's units."""
    if o.unit is None:
        return f.matches(ledger, o.task)
    if f.program is not None and not in_program(o.task, f.program):
        return False
    return not f.units or (o.unit in f.units and f.role != "support")


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

    def record(self) -> dict[str, Any]:
        """The report as docs/json-contract.md describes it."""
        ledger, day = self.ledger, self.as_of
        payload: dict[str, Any] = {
            "as_of": day.isoformat(),
            "stale_quarter": self.stale_quarter.label if self.stale_quarter else None,
            "overdue": [obligation_record(ledger, o, day) for o in self.late],
            "stale": [_stale_record(ledger, s) for s in self.stale],
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
        out.append(Note(t("overdue.count", lang, count=count, as_of=self.as_of.isoformat()) if count
                        else t("overdue.none", lang, as_of=self.as_of.isoformat())))
        return out

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
        return Listing(cols, rows)


def overdue_report(ledger: Ledger, as_of: date, f: TaskFilter, group_by: str = "none",
                   with_stale: bool = True) -> OverdueReport:
    """What is late as of a date for the tasks the filter selects, and (`with_stale`) which
    ongoing tasks had no update in the last ended quarter; one section per group asked for."""
    late = deadlines.overdue(deadlines.obligations(ledger, as_of, late_only=True), as_of)
    stale = deadlines.stale(ledger, as_of) if with_stale else []
    if not f.everything:
        late = [o for o in late if kept(ledger, f, o)]
        stale = [s for s in stale if f.matches(ledger, s.task)]
    quarter = deadlines.last_ended_quarter(ledger, as_of) if with_stale else None
    sections = [Section("", "", late, stale)] if group_by == "none" else _groups(ledger, f, group_by, late, stale)
    return OverdueReport(ledger, as_of, late, stale, quarter, group_by, sections)


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
