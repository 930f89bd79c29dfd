"""The dashboard: one self-contained HTML page answering "where do we stand?".

Pure: a Ledger and a date in, a string of HTML out (no I/O, no network, no scripts). The page
holds the overdue milestones, one progress bar per programme and the timeline as a table;
inline CSS only, laid out for A4 when printed. Every text from the data is escaped.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from hoinhap_cli import bars, deadlines
from hoinhap_cli.deadlines import Obligation
from hoinhap_cli.i18n import t
from hoinhap_cli.ledger import Ledger
from hoinhap_cli.timeline import MARKS, ROMAN, SPAN, Grid, State, build, quarters

# ------------------------------------------------------------------ the figures


def overdue(ledger: Ledger, as_of: date, judged: list[Obligation] | None = None) -> list[dict[str, Any]]:
    """What `hoinhap overdue --as-of` lists, in its order (deadlines.overdue), as rows for the page.
    `judged`: the plan's obligations as of the date, if built already."""
    rows = []
    for o in deadlines.overdue(deadlines.obligations(ledger, as_of) if judged is None else judged, as_of):
        milestone = o.task.milestones[o.index]
        assert o.due_date is not None  # late implies a due date
        rows.append({
            "task": o.task.id,
            "milestone": o.milestone,
            "unit": o.unit,
            "title": o.task.title,
            "lead": [ledger.units[u].name for u in o.leads],
            "due": o.due_label,
            "source": o.period.label if o.period else milestone.source,
            "due_date": o.due_date.isoformat(),
            "days_late": o.late_days,
            "status": o.status.value,
        })
    return rows


@dataclass(frozen=True)
class Progress:
    program: str
    title: str
    counts: deadlines.Counts


def progress(ledger: Ledger, as_of: date, judged: list[Obligation] | None = None) -> list[Progress]:
    """Per programme, the same figures as `hoinhap programs --as-of` (deadlines.count)."""
    obs = deadlines.obligations(ledger, as_of) if judged is None else judged
    return [Progress(p.id, p.appendix_title or p.title,
                     deadlines.count([o for o in obs if o.task.program == p.id], as_of))
            for p in ledger.plan.programs]


# ------------------------------------------------------------------ the page

CSS = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1b1b1b;
       margin: 0 auto; padding: 24px; max-width: 1180px; font-size: 14px; line-height: 1.35; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 22px 0 8px; border-bottom: 2px solid #333; padding-bottom: 2px; }
.sub { color: #555; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 3px 6px; border-bottom: 1px solid #ddd; }
th { background: #f0f0f0; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
.id { font-weight: 600; white-space: nowrap; }
.late { color: #b00020; font-weight: 600; }
.none { color: #555; font-style: italic; }
.bar { display: flex; height: 14px; width: 100%; background: #e4e4e4; border: 1px solid #999; }
.bar span { display: block; height: 100%; }
.bar .done { background: #2e7d32; }
.bar .overdue { background: #c62828; }
.key { display: inline-block; width: 10px; height: 10px; border: 1px solid #999; margin: 0 3px 0 10px; }
table.progress td.bar-cell { width: 38%; vertical-align: middle; }
table.timeline { font-size: 10.5px; table-layout: fixed; }
table.timeline th, table.timeline td { padding: 1px 2px; border: 1px solid #e2e2e2; }
table.timeline td.q, table.timeline th.q { text-align: center; overflow: hidden; }
table.timeline col.tid { width: 5%; }
table.timeline col.ttl { width: 40%; }
table.timeline td.prog { background: #f6f6f6; font-weight: 600; }
table.timeline .asof { background: #fbe9f7; }
table.timeline th.asof { color: #8e0f74; }
td.q.span { background-image: linear-gradient(#777, #777); background-size: 100% 2px;
            background-position: center; background-repeat: no-repeat; }
td.q.ongoing { background: #e3ecfa; color: #1a4f9c; }
.m-done { color: #2e7d32; } .m-in-progress { color: #00838f; font-weight: 700; }
.m-late { color: #c62828; font-weight: 700; } .m-event, .m-none { color: #a66b00; }
.m-recurring { color: #8e0f74; } .m-dropped { color: #777; }
td.q span.m { background: #fff; padding: 0 1px; }
.legend { font-size: 12px; margin-top: 6px; }
.legend span { margin-right: 14px; white-space: nowrap; }
footer { margin-top: 18px; color: #666; font-size: 11px; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _short(title: str, width: int) -> str:
    """A task's text cut to fit a cell; the appendix's bullet dash dropped (the full text: `show`)."""
    return textwrap.shorten(title.lstrip("-–• "), width, placeholder=" …")


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _overdue_section(rows: list[dict[str, Any]], lang: str) -> str:
    heading = f"<h2>{_e(t('dash.overdue', lang, n=len(rows)))}</h2>"
    if not rows:
        return heading + f"<p class='none'>{_e(t('dash.overdue.none', lang))}</p>"
    head = "".join(f"<th>{_e(t(k, lang))}</th>" for k in
                   ("dash.col.task", "dash.col.title", "dash.col.lead", "dash.col.due", "dash.col.days",
                    "dash.col.status"))
    body = []
    for r in rows:
        due = f"{_e(r['source'] or r['due'])}<br><small>{_e(r['due_date'])}</small>"
        body.append(
            f"<tr><td class='id'>{_e(r['task'])}<small>/{r['milestone']}</small></td>"
            f"<td>{_e(_short(r['title'], 160))}</td>"
            f"<td>{'<br>'.join(_e(u) for u in r['lead'])}</td><td>{due}</td>"
            f"<td class='num late'>{r['days_late']}</td><td>{_e(t('status.' + r['status'], lang))}</td></tr>")
    return heading + f"<table class='overdue'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _progress_section(items: list[Progress], lang: str) -> str:
    rows = []
    for p in items:
        c = p.counts
        rows.append(
            f"<tr><td class='id'>{_e(p.program)}</td><td>{_e(textwrap.shorten(p.title, 90, placeholder=' …'))}</td>"
            f"<td class='bar-cell'>{bars.html(c.done, c.late, c.total, lang)}</td>"
            f"<td class='num'>{c.done}/{c.total}</td><td class='num'>{c.due}</td>"
            f"<td class='num late'>{c.late or ''}</td><td class='num'>{_e(bars.share(c.done, c.total))}</td>"
            f"<td class='num'>{c.ongoing or ''}</td></tr>")
    head = "".join(f"<th>{_e(t(k, lang))}</th>" for k in
                   ("dash.col.program", "dash.col.program_title", "dash.col.bar", "dash.col.done", "dash.col.due_now",
                    "dash.col.late", "dash.col.share", "dash.col.duties"))
    key = (f"<p class='legend'><span><i class='key' style='background:#2e7d32'></i>"
           f"{_e(t('timeline.state.done', lang))}</span> "
           f"<span><i class='key' style='background:#c62828'></i>{_e(t('timeline.state.late', lang))}</span> "
           f"<span><i class='key' style='background:#e4e4e4'></i>{_e(t('dash.bar.rest', lang))}</span></p>")
    return (f"<h2>{_e(t('dash.progress', lang))}</h2><table class='progress'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{key}")


def _timeline_section(grid: Grid, lang: str) -> str:
    col = grid.as_of_column
    years: list[str] = []
    i = 0
    while i < len(grid.quarters):
        y = grid.quarters[i].start.year
        j = i
        while j < len(grid.quarters) and grid.quarters[j].start.year == y:
            j += 1
        years.append(f"<th class='q' colspan='{j - i}'>{y}</th>")
        i = j
    qs = "".join(
        f"<th class='q{' asof' if k == col else ''}'>"
        f"{ROMAN[(q.start.month - 1) // 3] if lang != 'en' else 'Q' + str((q.start.month + 2) // 3)}"
        f"{'<br>▼' if k == col else ''}</th>"
        for k, q in enumerate(grid.quarters))
    n = len(grid.quarters)
    q_width = f"{55 / (n + 1):.2f}%"
    cols = "<colgroup><col class='tid'><col class='ttl'>" + f"<col style='width:{q_width}'>" * (n + 1) + "</colgroup>"
    head = (f"<thead><tr><th rowspan='2'>{_e(t('dash.col.task', lang))}</th>"
            f"<th rowspan='2'>{_e(t('dash.col.title', lang))}</th>{''.join(years)}"
            f"<th class='q' rowspan='2'>…</th></tr><tr>{qs}</tr></thead>")
    body = []
    program = None
    for row in grid.rows:
        if row.task.program != program:
            program = row.task.program
            title = f"{t('timeline.program', lang)} {program}. {grid.program_titles.get(program, '')}"
            short = textwrap.shorten(title, 150, placeholder=" …")
            body.append(f"<tr><td class='prog' colspan='{n + 3}'>{_e(short)}</td></tr>")
        cells = []
        for k, cell in enumerate(row.cells):
            classes = ["q"]
            if cell.body == SPAN:
                classes.append("span")
            elif cell.body:
                classes.append("ongoing")
            if k == col:
                classes.append("asof")
            marks = "".join(f"<span class='m m-{s.value}' title='{_e(t('timeline.state.' + s.value, lang))}'>"
                            f"{MARKS[s]}</span>" for s in dict.fromkeys(cell.marks))
            if not marks and cell.body and cell.body != SPAN:
                marks = _e(cell.body)
            cells.append(f"<td class='{' '.join(classes)}'>{marks}</td>")
        edge = "".join(f"<span class='m m-{s.value}'>{MARKS[s]}</span>" for s in dict.fromkeys(row.undated))
        edge += "‹" if row.before else ""
        edge += "›" if row.after else ""
        body.append(f"<tr><td class='id'>{_e(row.task.id)}</td>"
                    f"<td>{_e(_short(row.task.title, 110))}</td>"
                    f"{''.join(cells)}<td class='q'>{edge}</td></tr>")
    legend = " ".join(f"<span><b class='m-{s.value}'>{MARKS[s]}</b> {_e(t('timeline.state.' + s.value, lang))}</span>"
                     for s in State)
    legend += f" <span>{SPAN} {_e(t('timeline.legend.span', lang))}</span>"
    legend += f" <span>▼ {_e(t('timeline.legend.as_of', lang))}</span>"
    legend += f" <span>‹ › {_e(t('timeline.legend.outside', lang))}</span>"
    return (f"<h2>{_e(t('dash.timeline', lang))}</h2><table class='timeline'>{cols}{head}<tbody>{''.join(body)}"
            f"</tbody></table><p class='legend'>{legend}</p>")


@dataclass(frozen=True)
class Dashboard:
    """The page's figures as of a date, from one judgement of the plan's obligations."""

    ledger: Ledger
    as_of: date
    late: list[dict[str, Any]]  # the rows of `overdue`
    progress: list[Progress]
    grid: Grid

    def html(self, made_on: date, lang: str = "vi") -> str:
        """The whole page. `made_on` is printed in the footer (the day it was made, not as_of)."""
        ledger, as_of = self.ledger, self.as_of
        decision = ledger.plan.decision
        title = t("dash.title", lang, number=decision.number)
        return "".join([
            "<!DOCTYPE html>\n",
            f"<html lang='{'en' if lang == 'en' else 'vi'}'><head><meta charset='utf-8'>",
            "<meta name='viewport' content='width=device-width, initial-scale=1'>",
            f"<title>{_e(title)} — {_e(as_of.isoformat())}</title><style>{CSS}</style></head><body>",
            f"<h1>{_e(title)}</h1>",
            f"<p class='sub'>{_e(ledger.plan.plan.title)}</p>",
            f"<p class='sub'><b>{_e(t('timeline.as_of', lang, date=as_of.isoformat()))}</b> · "
            f"{_e(t('dash.counts', lang, tasks=len(ledger.tasks), late=len(self.late)))}</p>",
            _overdue_section(self.late, lang),
            _progress_section(self.progress, lang),
            _timeline_section(self.grid, lang),
            f"<footer>{_e(t('dash.footer', lang, made=made_on.isoformat(), issuer=decision.issuer))}</footer>",
            "</body></html>\n",
        ])


def dashboard(ledger: Ledger, as_of: date) -> Dashboard:
    """The figures of the page, the plan's obligations judged once for all three parts."""
    judged = deadlines.obligations(ledger, as_of)
    grid = build(ledger, list(ledger.tasks.values()), quarters(ledger.period, ledger.period), as_of, judged)
    return Dashboard(ledger, as_of, overdue(ledger, as_of, judged), progress(ledger, as_of, judged), grid)


def page(ledger: Ledger, as_of: date, made_on: date, lang: str = "vi") -> str:
    """The whole page (see Dashboard.html)."""
    return dashboard(ledger, as_of).html(made_on, lang)
