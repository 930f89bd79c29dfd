"""The dashboard: one self-contained HTML page answering "where do we stand?".

Pure: a Ledger and a date in, a string of HTML out (no I/O, no network, no scripts). The page
holds the overdue milestones, one progress bar per programme and the timeline as a table;
inline CSS only, laid out for A4 when printed. Every text from the data is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries.timeline import MARKS, SPAN, Grid, State, build, quarters
from hoinhap_cli.render import bars
from hoinhap_cli.render.reportview import document_name
from hoinhap_cli.rules import deadlines, reporting
from hoinhap_cli.rules.deadlines import Obligation
from hoinhap_cli.rules.reporting import ReportLedger
from hoinhap_cli.rules.reporting import State as ReportState
from hoinhap_cli.rules.selection import short_name
from hoinhap_cli.views.dashboard_style import CSS, page_boxes
from hoinhap_cli.views.timelineview import ROMAN
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.periods import Period, date_line, day_words, period_words
from hoinhap_cli.words.text import percent, shorten
from hoinhap_cli.words.vocab import Status

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
            "unit": o.unit,  # as `overdue --format json` has it (always None: reports are `reporting`'s)
            "title": o.task.title,
            "lead": [ledger.units[u].name for u in o.leads],
            "due": o.due_label,
            "source": o.period.label if o.period else milestone.source,
            "due_date": o.due_date.isoformat(),
            "days_late": o.late_days,
            "status": o.status.value,
            "period": o.period.label if o.period else None,
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


# ------------------------------------------------------------------ the front sheet

FRONT_BLOCKED = 8  # blocked tasks named on the front sheet; the rest counted (it must stay one page)


@dataclass(frozen=True)
class Front:
    """What a committee reads first: the figures, the blockages, who has not reported."""

    counts: deadlines.Counts  # the plan's task milestones as of the date (reports apart)
    blocked: list[dict[str, Any]]  # task, milestone, title, lead names, reason, since
    quarter: Period | None  # the last quarter whose reports were due by the date
    owing: int  # how many units owe that quarter's report
    unreported: list[str]  # the (short) names of those that have not sent it


def front(ledger: Ledger, as_of: date, judged: list[Obligation], reports: ReportLedger) -> Front:
    """The figures of the tasks; who has not sent the reporting units' quarterly report for the
    last quarter due by the date, from the reports ledger (`reporting`)."""
    blocked: dict[tuple[str, int | None], dict[str, Any]] = {}  # one line per entry: a task blocked whole once
    for o in judged:
        if o.status is Status.BLOCKED and o.entry is not None:
            milestone = o.entry.milestone if len(o.task.milestones) > 1 else None
            blocked.setdefault((o.task.id, milestone), {
                "task": o.task.id, "milestone": milestone, "title": o.task.title,
                "lead": [ledger.units[u].name for u in o.leads], "reason": o.reason or "", "since": o.entry.date})
    duty = reports.regime.header_duty
    due = [r for r in reports.rows if duty is not None and r.duty.id == duty.id and r.due < as_of]
    last = max((r.period for r in due), default=None, key=lambda p: p.end)
    owed = [r for r in due if last is not None and r.period == last]
    return Front(deadlines.count(judged, as_of), list(blocked.values()), last, len(owed),
                 [short_name(ledger.units[r.unit]) for r in owed if r.sent is None])


def _short(title: str, width: int) -> str:
    """A task's text cut to fit a cell; the appendix's bullet dash dropped (the full text: `show`)."""
    return shorten(title.lstrip("-–• "), width)


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _overdue_section(tasks: list[dict[str, Any]], reports: ReportLedger, lang: str) -> str:
    """The late task milestones; then the periodic reports not sent, one line per unit (fifty
    identical report rows said nothing a committee could act on)."""
    heading = f"<h2>{_e(t('dash.overdue', lang, n=len(tasks)))}</h2>"
    if not tasks:
        return heading + f"<p class='none'>{_e(t('dash.overdue.none', lang))}</p>" + _reports_section(reports, lang)
    head = "".join(f"<th>{_e(t(k, lang))}</th>" for k in
                   ("dash.col.task", "dash.col.title", "dash.col.lead", "dash.col.due", "dash.col.days",
                    "dash.col.status"))
    body = []
    for r in tasks:
        day = day_words(date.fromisoformat(r["due_date"]), lang)
        due = f"{_e(r['source'] or r['due'])}<br><small>{_e(day)}</small>"
        body.append(
            f"<tr><td class='id'>{_e(r['task'])}<small>/{r['milestone']}</small></td>"
            f"<td>{_e(_short(r['title'], 160))}</td>"
            f"<td>{'<br>'.join(_e(u) for u in r['lead'])}</td><td>{due}</td>"
            f"<td class='num late'>{r['days_late']}</td><td>{_e(t('status.' + r['status'], lang))}</td></tr>")
    return (heading + f"<table class='overdue'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            + _reports_section(reports, lang))


def _reports_section(reports: ReportLedger, lang: str) -> str:
    """Per unit, the reports of the regime due and not sent by the date ("Báo cáo quý I/2009")."""
    owed: dict[str, list[str]] = {}
    for r in reports.rows:
        if r.state is ReportState.MISSING:
            owed.setdefault(reports.ledger.units[r.unit].name, []).append(
                f"{r.duty.name} {period_words(r.period, lang)}")
    heading = f"<h2>{_e(t('dash.reports', lang, n=sum(map(len, owed.values())), units=len(owed)))}</h2>"
    if not owed:
        return heading + f"<p class='none'>{_e(t('dash.overdue.none', lang))}</p>"
    body = "".join(f"<tr><td>{_e(unit)}</td><td>{_e(', '.join(periods))}</td><td class='num late'>{len(periods)}</td>"
                   f"</tr>" for unit, periods in owed.items())
    head = "".join(f"<th>{_e(t(k, lang))}</th>" for k in ("review.col.unit", "dash.col.quarters", "dash.col.late"))
    return f"{heading}<table class='reports'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _progress_section(items: list[Progress], lang: str, heading: str = "h2") -> str:
    rows = []
    for p in items:
        c = p.counts
        rows.append(
            f"<tr><td class='id'>{_e(p.program)}</td><td>{_e(shorten(p.title, 80))}</td>"
            f"<td class='bar-cell'>{bars.html(c.done, c.late, c.total, lang)}</td>"
            f"<td class='num'>{c.done}/{c.total}</td><td class='num'>{c.due}</td>"
            f"<td class='num late'>{c.late or ''}</td><td class='num'>{_e(bars.share(c.done, c.total))}</td>"
            f"<td class='num'>{c.ongoing or ''}</td></tr>")
    head = "".join(f"<th>{_e(t(k, lang))}</th>" for k in
                   ("dash.col.program", "dash.col.program_title", "dash.col.bar", "dash.col.done", "dash.col.due_now",
                    "dash.col.late", "dash.col.share", "dash.col.duties"))
    key = (f"<p class='legend'><span><i class='key done'></i>{_e(t('timeline.state.done', lang))}</span> "
           f"<span><i class='key overdue'></i>{_e(t('timeline.state.late', lang))}</span> "
           f"<span><i class='key rest'></i>{_e(t('dash.bar.rest', lang))}</span></p>")
    return (f"<{heading}>{_e(t('dash.progress', lang))}</{heading}><table class='progress'><thead><tr>{head}</tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>{key}")


def _letterhead(ledger: Ledger, made_on: date, lang: str) -> str:
    """The issuing body and the date, as the Word review has them (plan.yaml's document:)."""
    doc = ledger.plan.document
    if doc is None:
        body, place = f"<b>{_e(ledger.plan.decision.issuer)}</b>", ""
    else:
        body, place = f"{_e(doc.parent_body)}<b>{_e(doc.issuing_body)}</b>", f"{doc.place}, "
    return (f"<div class='letterhead'><div class='body'>{body}</div>"
            f"<div class='dated'>{_e(place + date_line(made_on, lang))}</div></div>")


def _blocked_section(blocked: list[dict[str, Any]], lang: str) -> str:
    """Every blocked task with its reason (the front sheet names the first few)."""
    heading = f"<h2>{_e(t('dash.blocked', lang, n=len(blocked)))}</h2>"
    if not blocked:
        return heading + f"<p class='none'>{_e(t('dash.blocked.none', lang))}</p>"
    head = "".join(f"<th>{_e(t(k, lang))}</th>" for k in
                   ("dash.col.task", "dash.col.title", "dash.col.lead", "review.col.reason", "review.col.date"))
    body = "".join(
        f"<tr><td class='id'>{_e(b['task'])}{_e(_milestone(b['milestone'], lang))}</td>"
        f"<td>{_e(_short(b['title'], 120))}</td><td>{'<br>'.join(_e(u) for u in b['lead'])}</td>"
        f"<td>{_e(b['reason'])}</td><td>{_e(day_words(b['since'], lang))}</td></tr>" for b in blocked)
    return f"{heading}<table class='blocked'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _milestone(n: int | None, lang: str) -> str:
    return f" ({t('review.md.milestone', lang, n=n)})" if n else ""


def _front_section(board: Dashboard, made_on: date, lang: str) -> str:
    f, c, as_of = board.front, board.front.counts, board.as_of
    figures = [(len(board.ledger.tasks), t("dash.fig.tasks", lang)), (f"{c.done}/{c.total}", t("dash.fig.done", lang)),
               (percent(c.share_done, lang), t("dash.col.share", lang)), (c.late, t("dash.fig.late", lang)),
               (len(f.blocked), t("dash.fig.blocked", lang))]
    if f.quarter is not None:
        figures.append((f"{len(f.unreported)}/{f.owing}",
                        t("dash.fig.unreported", lang, quarter=period_words(f.quarter, lang))))
    boxes = "".join(f"<div><b>{_e(v)}</b><span>{_e(label)}</span></div>" for v, label in figures)
    shown = f.blocked[:FRONT_BLOCKED]
    blocked = "".join(
        f"<li><b>{_e(b['task'])}{_e(_milestone(b['milestone'], lang))}</b> "
        f"{_e(_short(b['title'], 70))} — <i>{_e(', '.join(b['lead']))}</i>: {_e(b['reason'])} "
        f"({_e(day_words(b['since'], lang))})</li>" for b in shown)
    if len(f.blocked) > len(shown):
        blocked += f"<li class='more'>{_e(t('dash.more', lang, n=len(f.blocked) - len(shown)))}</li>"
    unreported = (f"<p class='names'>{_e(', '.join(f.unreported))}</p>" if f.unreported
                  else f"<p class='none'>{_e(t('dash.unreported.none', lang))}</p>")
    decision = board.ledger.plan.decision
    return "".join([
        "<section class='front'>", _letterhead(board.ledger, made_on, lang),
        f"<h1>{_e(t('dash.title', lang, number=document_name(decision, lang, short=True)))}</h1>",
        f"<p class='sub'><b>{_e(t('dash.as_of', lang, date=day_words(as_of, lang)))}</b> · "
        f"{_e(_short(board.ledger.plan.plan.title, 140))}</p>",
        f"<div class='figures'>{boxes}</div>",
        _progress_section(board.progress, lang),
        f"<h2>{_e(t('dash.blocked', lang, n=len(f.blocked)))}</h2>",
        f"<ul>{blocked}</ul>" if blocked else f"<p class='none'>{_e(t('dash.blocked.none', lang))}</p>",
        f"<h2>{_e(t('dash.unreported', lang, quarter=period_words(f.quarter, lang) if f.quarter else '—'))}</h2>",
        unreported, "</section>"])


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
            short = shorten(title, 150)
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
    front: Front
    reports: ReportLedger  # every report owed by the date (reporting.report_ledger)

    def html(self, made_on: date, lang: str = "vi") -> str:
        """The whole page: the front sheet (one printed page), then the detail. `made_on` is the
        day the page is made, named as such; the figures are as of `as_of`, named as such."""
        ledger, as_of = self.ledger, self.as_of
        title = t("dash.title", lang, number=document_name(ledger.plan.decision, lang, short=True))
        issuer = ledger.plan.document.issuing_body if ledger.plan.document else ledger.plan.decision.issuer
        foot = t("dash.page_foot", lang, issuer=issuer, as_of=day_words(as_of, lang), made=day_words(made_on, lang))
        return "".join([
            "<!DOCTYPE html>\n",
            f"<html lang='{'en' if lang == 'en' else 'vi'}'><head><meta charset='utf-8'>",
            "<meta name='viewport' content='width=device-width, initial-scale=1'>",
            f"<title>{_e(title)} — {_e(as_of.isoformat())}</title>",
            f"<style>{CSS}{page_boxes(foot, t('dash.page', lang))}</style></head><body>",
            _front_section(self, made_on, lang),
            "<section class='detail'>",
            f"<h1>{_e(t('dash.detail', lang))}</h1>",
            _blocked_section(self.front.blocked, lang),
            _overdue_section(self.late, self.reports, lang),
            _progress_section(self.progress, lang),
            _timeline_section(self.grid, lang),
            f"<footer>{_e(t('dash.footer', lang, as_of=day_words(as_of, lang), made=day_words(made_on, lang)))}"
            "</footer></section>",
            "</body></html>\n",
        ])


def dashboard(ledger: Ledger, as_of: date) -> Dashboard:
    """The figures of the page, the plan's obligations judged once for every part."""
    judged = deadlines.obligations(ledger, as_of)
    grid = build(ledger, list(ledger.tasks.values()), quarters(ledger.period, ledger.period), as_of, judged)
    reports = reporting.report_ledger(ledger, as_of)
    return Dashboard(ledger, as_of, overdue(ledger, as_of, judged), progress(ledger, as_of, judged), grid,
                     front(ledger, as_of, judged, reports), reports)


def page(ledger: Ledger, as_of: date, made_on: date, lang: str = "vi") -> str:
    """The whole page (see Dashboard.html)."""
    return dashboard(ledger, as_of).html(made_on, lang)
