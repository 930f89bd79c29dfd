"""What is late, drawn: `overdue.OverdueReport`'s sections (late milestones, stale ongoing tasks)
as listings under their group's heading, then the late reporting periods (a line each, or a row
per unit, or hidden), the count and the figures line; CSV as one flat table. No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries.overdue import OverdueReport
from hoinhap_cli.queries.review import obligation_columns, obligation_row, status_word, unit_names
from hoinhap_cli.render import bars, reportview
from hoinhap_cli.render.render import Listing, Note
from hoinhap_cli.rules.deadlines import Stale
from hoinhap_cli.views.obligationview import columns, obligation_listing
from hoinhap_cli.words.i18n import t

REPORTS = ("lines", "full", "hidden")  # late reporting periods: one line each, one row per unit, or not shown
OVERDUE_COLS = ["task", "product", "due", "due_date", "days_late", "lead", "status", "reason"]
STALE_COLS = ["task", "product", "quarter", "last_entry", "lead", "status", "reason"]


@dataclass(frozen=True)
class Drawn:
    """The overdue report as `Output.report` draws it: its record, and its parts in a format."""

    value: OverdueReport
    reports: str = "lines"  # one of REPORTS: how the late reporting periods are shown (the record has them all)

    def record(self) -> dict[str, Any]:
        return self.value.record()

    def parts(self, fmt: str, lang: str) -> list[str | Listing | Note]:
        return parts(self.value, fmt, lang, self.reports)


def parts(r: OverdueReport, fmt: str, lang: str, reports: str = "lines") -> list[str | Listing | Note]:
    if fmt == "csv":
        return [_flat(r, lang, reports)]
    md = fmt == "md"
    out: list[str | Listing | Note] = []
    for g in r.sections:
        if g.name:
            out.append(f"## {g.name}\n" if md else f"■ {g.name}")
        if g.late:
            out.append(obligation_listing(fmt, OVERDUE_COLS, obligation_columns(r.ledger, g.late, r.as_of, lang),
                                          t("overdue.title", lang, as_of=r.as_of.isoformat())))
        if g.stale and r.stale_quarter is not None:
            out += [""] if md else []
            out.append(Listing(columns(STALE_COLS), [_stale_row(r.ledger, s, lang) for s in g.stale],
                               t("overdue.stale_title", lang, quarter=r.stale_quarter.label)))
        out += [""] if md else []
    count = len(r.late)
    out += _report_parts(r, md, lang, reports)
    out.append(Note(t("overdue.count", lang, count=count, as_of=r.as_of.isoformat()) if count
                    else t("overdue.none", lang, as_of=r.as_of.isoformat())))
    c = r.counts
    out.append(Note(bars.figures(r.as_of.isoformat(), c.late, c.done, c.total, lang)))
    if r.late_reports:
        out.append(Note(t("overdue.reports_count", lang, count=len(r.late_reports),
                          units=len(r.missing_reports))))
    return out


def _report_parts(r: OverdueReport, md: bool, lang: str, reports: str) -> list[str | Listing | Note]:
    """The late reporting periods after the tasks: a line each, or (full) one row per unit."""
    if reports == "hidden" or not r.late_reports:
        return []
    title = t("reports.late_title", lang)
    if reports == "full":
        return [reportview.flat_listing(r.ledger, r.missing_reports, lang, title)]
    lines = [("- " if md else "  ") + reportview.late_line(r.ledger, lp, lang) for lp in r.late_reports]
    return [f"## {title}\n" if md else f"■ {title}", *lines, *([""] if md else [])]


def _flat(r: OverdueReport, lang: str, reports: str) -> Listing:
    """Every section in one table, a column saying which list (and group) a row is in."""
    cols = columns(["list", *OVERDUE_COLS[:-1], "quarter", "last_entry", "reason"])
    if r.group_by != "none":
        cols.insert(0, columns([r.group_by])[0])
    rows = []
    late, stale = t("review.list.overdue", lang), t("review.list.stale", lang)
    for g in r.sections:
        for o in g.late:
            rows.append({**obligation_row(r.ledger, o, r.as_of, lang), "list": late,
                         "unit": g.key, "program": g.key})
        for s in g.stale:
            rows.append({**_stale_row(r.ledger, s, lang), "list": stale, "unit": g.key, "program": g.key})
    if reports != "hidden":
        rows += _report_rows(r, lang, reports)
    return Listing(cols, rows)


def _report_rows(r: OverdueReport, lang: str, reports: str) -> list[dict[str, Any]]:
    """CSV: a late period per row (lead: the units missing), or with `full` a unit per row."""
    listed, ledger = t("reports.late_title", lang), r.ledger
    if reports == "full":
        return [{"list": listed, "task": f"{m.duty.name} {reportview.period_words(m.period, lang)}",
                 "due_date": m.due.isoformat(), "days_late": m.days_late, "lead": [ledger.units[m.unit].name],
                 "status": reportview.cell(m, lang)} for m in r.missing_reports]
    return [{"list": listed, "task": f"{lp.duty.name} {reportview.period_words(lp.period, lang)}",
             "due_date": lp.due.isoformat(), "days_late": lp.days_late,
             "lead": [ledger.units[u].name for u in lp.missing],
             "status": t("overdue.reports_missing", lang, n=len(lp.missing), owed=lp.owed)}
            for lp in r.late_reports]


def _stale_row(ledger: Ledger, s: Stale, lang: str) -> dict[str, Any]:
    return {"task": s.task.id, "product": list(s.task.products), "quarter": s.quarter.label,
            "last_entry": s.entry.date.isoformat() if s.entry else None,
            "lead": unit_names(ledger, s.leads), "status": status_word(s.status, lang),
            "reason": s.entry.reason if s.entry else None}
