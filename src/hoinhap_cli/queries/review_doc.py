"""The review as an official document's content: a letterhead and numbered sections of paragraphs
and tables, in plain values (no docx here: `docx_review` lays them out).

`sections(summary, ledger, lang)` is the one adapter from the review (summary.Summary) to the
document: when the review grows (more parts, per-lead status, amendments), only it changes.
The sections follow Article 4 of Decision 02/2008 ("kết quả thực hiện và những khó khăn, vướng
mắc …; đề xuất điều chỉnh, bổ sung"): I. deployment and reporting discipline, II. results
programme by programme, III. difficulties, IV. tasks for the next period, V. proposals. What
needs a person's judgement (đánh giá chung, causes, proposals) is a visible placeholder beside
the facts the ledger has. Periods, dates and decimals as people write them (periods, text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from hoinhap_cli.judgement import responsibility
from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries import changewords
from hoinhap_cli.queries.lookup import progress_text
from hoinhap_cli.queries.review import due_words, status_word, task_due_words
from hoinhap_cli.queries.summary import ChangeRow, Summary, Tally, TaskRow
from hoinhap_cli.render import bars
from hoinhap_cli.render.reportview import document_name
from hoinhap_cli.rules import deadlines
from hoinhap_cli.rules.deadlines import Obligation
from hoinhap_cli.rules.reporting import Duty, ReportLedger, ReportRow, State, counted
from hoinhap_cli.words.i18n import assumed, t, unit_name
from hoinhap_cli.words.periods import Period, day_words, half, period_words, quarter_of, year
from hoinhap_cli.words.text import percent
from hoinhap_cli.words.vocab import Status

# ------------------------------------------------------------------ the values


@dataclass(frozen=True)
class Para:
    text: str
    kind: str = "body"  # body | item (a dash line) | placeholder (to be written by a person) | note


@dataclass(frozen=True)
class Table:
    caption: str
    columns: list[str]
    rows: list[list[str]]
    widths: tuple[float, ...]  # relative column widths
    empty: str = ""  # said instead of the table when it has no rows

    @property
    def label(self) -> str:
        """"Biểu 1": how the text refers to it (the caption up to its first full stop)."""
        return self.caption.split(". ", 1)[0]


Block = Para | Table


@dataclass(frozen=True)
class Section:
    title: str
    level: int  # 1: I., II. …; 2: 1., 2. … (numbered by the layout, restarting under each level 1)
    blocks: list[Block] = field(default_factory=list)
    number: str | None = None  # its own number (a programme's id), else the layout's count


@dataclass(frozen=True)
class Letterhead:
    """What Nghị định 30/2020 puts around the body; every field from plan.yaml or an option."""

    parent_body: str
    issuing_body: str
    number: str  # "" when not given: "Số:      /BC-PKT", filled by hand
    symbol: str
    place: str
    dated: date
    kind: str  # "BÁO CÁO"
    title: str
    addressees: list[str]
    copies: list[str]
    signer_authority: str
    signer_title: str
    signer: str  # "" when not given: signed and named by hand


class NoLetterhead(ValueError):
    """The plan has no `document:` block: the document cannot say who sends it."""


def letterhead(summary: Summary, ledger: Ledger, dated: date, number: str = "", lang: str = "vi") -> Letterhead:
    doc = ledger.plan.document
    if doc is None:
        raise NoLetterhead()
    return Letterhead(doc.parent_body, doc.issuing_body, number, doc.symbol, doc.place, dated,
                      t("doc.kind", lang), title(summary.period, doc.subject, lang),
                      list(doc.addressees), list(doc.copies), doc.signer_authority or "", doc.signer_title,
                      doc.signer or "")


def assumed_letterhead(ledger: Ledger) -> list[tuple[str, str]]:
    """The letterhead's values the plan marks `assumed:` (the office's choice, not the decision's):
    each key and its value as printed, for the writer to name before the document is signed."""
    doc = ledger.plan.document
    if doc is None:
        return []
    out = []
    for key in doc.assumed:
        value = getattr(doc, key)
        out.append((key, "; ".join(value) if isinstance(value, list) else str(value or "")))
    return out


def title(period: Period, subject: str, lang: str = "vi") -> str:
    """"Sơ kết 6 tháng đầu năm 2009 thực hiện Kế hoạch …": the review of a half or a year is a
    sơ kết (Article 4); of a quarter or any other span, a report on its results."""
    key = "doc.title.review" if _shape(period) in ("H1", "H2", "year") else "doc.title.results"
    return t(key, lang, period=period_words(period, lang), subject=subject)


def _shape(period: Period) -> str:
    """"quarter", "H1", "H2", "year", or "span" for any other period."""
    y = period.start.year
    for shape, p in (("quarter", quarter_of(period.start)), ("H1", half(y, 1)), ("H2", half(y, 2)),
                     ("year", year(y))):
        if (p.start, p.end) == (period.start, period.end):
            return shape
    return "span"


# ------------------------------------------------------------------ the adapter


def sections(summary: Summary, ledger: Ledger, lang: str = "vi") -> list[Section]:
    """The document's body from the review (the one place that reads Summary): I. the reports
    ledger of the period; II. the active tasks programme by programme; III. blocked and late;
    IV. what falls due next; V. amendments and dropped tasks."""
    return [
        *_deployment(summary, ledger, lang),
        *_results(summary, ledger, lang),
        *_difficulties(summary, ledger, lang),
        *_next_period(summary, ledger, lang),
        *_proposals(summary, ledger, lang),
    ]


def _task_label(task: str, milestone: int | None, lang: str) -> str:
    return task + (f" ({t('review.md.milestone', lang, n=milestone)})" if milestone else "")


def _ob_label(o: Obligation, lang: str) -> str:
    """"3.2.4", "1.1 (mốc 2)": the milestone named only when the task has more than one."""
    return _task_label(o.task.id, o.milestone if len(o.task.milestones) > 1 else None, lang) + ". "


def _whole(text: str) -> str:
    """A plan's text as a signed document prints it: whole (never cut), on one line, without a
    leading bullet (the layout draws its own), its first letter a capital."""
    return cap(" ".join(text.lstrip("-–•+ ").split()))


def cap(text: str) -> str:
    """The first letter a capital: a column head, a bullet, a heading start as Vietnamese writes them."""
    return text[:1].upper() + text[1:]


def _names(ledger: Ledger, ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(ledger.units[u].name for u in ids)


# ------------------------------------------------------------------ I. reporting discipline

Submissions = list[tuple[str, list[ReportRow]]]  # per unit id, its row for each quarter


def discipline(reports: ReportLedger) -> tuple[Duty | None, list[Period], Submissions]:
    """The reporting units' quarterly duty (the one a quarterly file's `submitted:` answers): its
    quarters in the period begun by the as-of date, and per owing unit its row for each."""
    duty = reports.regime.header_duty
    if duty is None:
        return None, [], []
    mine = [r for r in reports.rows if r.duty.id == duty.id and r.period.start <= reports.as_of]
    quarters = list({r.period.label: r.period for r in mine}.values())
    by_unit: dict[str, list[ReportRow]] = {u: [] for u in duty.owners}
    for r in mine:
        by_unit[r.unit].append(r)
    return duty, quarters, [(u, rows) for u, rows in by_unit.items() if rows]


def report_cell(r: ReportRow, lang: str) -> str:
    """"ngày 03/4/2009", "ngày 14/4/2009 (trễ 9 ngày)", "Chưa báo cáo (trễ 12 ngày)", "Chưa đến hạn"."""
    if r.sent is not None:
        day = day_words(r.sent.day, lang)
        return t("doc.cell.late", lang, day=day, n=r.days_late) if r.state is State.SUBMITTED_LATE else day
    if r.state is State.MISSING:
        return t("doc.cell.missing", lang, n=r.days_late)
    return t("doc.cell.not_due", lang)


def _quarter_items(ledger: Ledger, quarters: list[Period], rows: Submissions, lang: str) -> list[Block]:
    out: list[Block] = []
    for k, q in enumerate(quarters):
        col = [(u, days[k]) for u, days in rows]
        sent = [ledger.units[u].name for u, r in col if r.sent is not None]
        late = [ledger.units[u].name for u, r in col if r.state is State.SUBMITTED_LATE]
        unsent = [ledger.units[u].name for u, r in col if r.sent is None]
        # name the shorter list: "chưa gửi: A, B" or "đã gửi: A, B" (the table has every unit)
        key, names = ("doc.deploy.missing", unsent) if len(unsent) <= len(sent) else ("doc.deploy.sent", sent)
        quarter = t("doc.deploy.due", lang, quarter=period_words(q, lang), due=_report_due(col[0][1], lang))
        text = t(key, lang, quarter=quarter, done=len(sent), total=len(col),
                 names=", ".join(names) or t("doc.none_unit", lang))
        if late:
            text += t("doc.deploy.late_part", lang, n=len(late), names=", ".join(late))
        out.append(Para(text, "item"))
    return out


def _other_duties(reports: ReportLedger, header: Duty | None, lang: str) -> list[Block]:
    """The reporting units' other duties (the yearly report, the yearly plan): one line per period."""
    groups: dict[tuple[str, str], list[ReportRow]] = {}
    for r in reports.rows:
        if r.duty.by_reporting_units and r.duty != header:
            groups.setdefault((r.duty.id, r.period.label), []).append(r)
    return [Para(t("doc.deploy.other", lang, what=duty_in(g[0].duty, g[0].period, lang),
                   due=_report_due(g[0], lang), sent=sum(r.sent is not None for r in g), total=len(g)), "item")
            for g in groups.values()]


def _agency(reports: ReportLedger, ledger: Ledger, lang: str) -> list[Block]:
    """The standing agency's own duties (Article 4, section III): one row each duty and period."""
    rows = [r for r in reports.rows if not r.duty.by_reporting_units]
    owners = list(dict.fromkeys(r.unit for r in rows))
    cols = [t("doc.col.no", lang), t("doc.col.report", lang), t("doc.col.period", lang), t("review.col.due", lang),
            t("doc.col.state", lang)]
    table_rows = [[str(n), _duty_name(r.duty), period_words(r.period, lang), _report_due(r, lang),
                   report_cell(r, lang)] for n, r in enumerate(rows, 1)]
    items: list[Block] = [Para(t("doc.agency.item", lang, what=duty_in(r.duty, r.period, lang),
                                 due=_report_due(r, lang), state=report_cell(r, lang)), "item") for r in rows]
    return [Para(t("doc.agency.intro", lang, unit=_names(ledger, owners) or t("doc.none_unit", lang))), *items,
            Table(t("doc.table.agency", lang), cols, table_rows, (1.2, 5.0, 2.6, 2.2, 3.0), t("doc.none", lang))]


def _report_due(r: ReportRow, lang: str) -> str:
    """A report's due day as people write it, "(giả định)" when the decision gives none."""
    return assumed(day_words(r.due, lang), r.duty.due_assumed, lang)


def _duty_name(duty: Duty) -> str:
    """What the duty is ("Báo cáo kết quả thực hiện hàng quý"): the plan's `name` is often just "Báo cáo"."""
    return _whole(duty.what)


_EVERY = re.compile(r"\s+(?:(?:hàng|hằng|từng|mỗi)\s+(?:năm|quý|tháng)(?=\s*(?:\(|$))|định kỳ 6 tháng(?=\s+về\b))",
                    re.IGNORECASE)


def duty_in(duty: Duty, period: Period, lang: str) -> str:
    """The duty for one period: "Kế hoạch chi tiết theo thời gian cụ thể năm 2009", not "… từng
    năm năm 2009" (the frequency word gives way to the period)."""
    return f"{_EVERY.sub('', _duty_name(duty), count=1)} {period_words(period, lang)}"


def report_counts_table(reports: ReportLedger, lang: str) -> Table:
    """Per duty, its rows counted by state; the total row is the period's `reports.counts`."""
    by_duty: dict[str, list[ReportRow]] = {}
    for r in reports.rows:
        by_duty.setdefault(r.duty.id, []).append(r)
    cols = [t("doc.col.report", lang), *(t(f"doc.col.{k}", lang) for k in
                                         ("owed", "due_now", "on_time", "sent_late", "missing", "not_due"))]

    def figures(c: object) -> list[str]:
        return [str(getattr(c, k)) for k in ("total", "due", "submitted", "submitted_late", "missing", "not_due")]

    rows = [[_duty_name(rows[0].duty), *figures(counted(rows))] for rows in by_duty.values()]
    if rows:
        rows.append([t("doc.total", lang), *figures(reports.counts)])
    return Table(t("doc.table.report_counts", lang), cols, rows, (5.0, *(1.4,) * 6), t("doc.none", lang))


def _deployment(summary: Summary, ledger: Ledger, lang: str) -> list[Section]:
    reports = summary.reports
    duty, quarters, rows = discipline(reports)
    blocks: list[Block] = [Para(t("doc.warning", lang, text=w), "note") for w in summary.warnings]
    blocks.append(Para(t("doc.deploy.intro", lang, decision=document_name(ledger.plan.decision, lang),
                         period=period_words(summary.period, lang), as_of=day_words(summary.as_of, lang))))
    blocks += _quarter_items(ledger, quarters, rows, lang)
    blocks += _other_duties(reports, duty, lang)
    cols = [t("doc.col.no", lang), t("review.col.unit", lang), *(period_words(q, lang) for q in quarters)]
    table_rows = [[str(n), unit_name(ledger.units[u], lang), *(report_cell(r, lang) for r in days)]
                  for n, (u, days) in enumerate(rows, 1)]
    blocks.append(Table(t("doc.table.discipline", lang), cols, table_rows,
                        (0.8, 4.2, *(3.0,) * len(quarters)), t("doc.none", lang)))
    blocks += _agency(reports, ledger, lang)
    c = reports.counts
    blocks.append(Para(t("doc.report_counts", lang, total=c.total, due=c.due, on_time=c.submitted,
                         late=c.submitted_late, missing=c.missing, not_due=c.not_due)))
    blocks.append(report_counts_table(reports, lang))
    blocks.append(Para(t("doc.placeholder.deploy", lang), "placeholder"))
    return [Section(t("doc.sec.deploy", lang), 1, blocks)]


# ------------------------------------------------------------------ II. results

_FIGURES = ("active", "done", "in_progress", "blocked", "not_started", "dropped", "late")


def _tally_table(caption: str, first: str, tallies: list[Tally], total: Summary | None, lang: str) -> Table:
    """Task figures per programme or lead; the last column is the one completion rate (milestones,
    as its heading says); `total`: the review whose figures make the last row."""
    cols = [first, t("doc.col.active", lang), *(t(f"review.col.{k}", lang) for k in
                                                ("done", "in_progress", "blocked", "not_started", "dropped",
                                                 "late", "share"))]
    rows = [[name, *(str(getattr(x, k)) for k in _FIGURES), percent(x.share_done, lang)] for name, x in
            [(f"{x.key}. {_whole(x.name)}" if x.key.isdigit() else x.name, x) for x in tallies]]
    if total is not None:
        rows.append([t("doc.total", lang), *(str(getattr(total.counts, k)) for k in _FIGURES),
                     percent(total.milestones.share_done, lang)])
    return Table(caption, cols, rows, (3.4, *(1.25,) * 7, 1.5), t("doc.none", lang))


def entry_line(ledger: Ledger, c: ChangeRow, lang: str) -> str:
    """One recorded entry as a sentence of the report, its evidence as "theo …"."""
    several = len(ledger.tasks[c.task].milestones) > 1
    parts = [f"{_task_label(c.task, c.milestone if several else None, lang)} — {ledger.units[c.unit].name}: "
             f"{status_word(c.status, lang).lower()} ({day_words(c.date, lang)})"]
    parts += [x for x in (c.note, c.reason) if x]
    line = "; ".join(parts)
    if c.evidence:
        evidence = c.evidence.strip()
        said = evidence.lower().startswith(("theo", "according", "per "))
        line += f" ({evidence if said else t('doc.per', lang) + ' ' + evidence})"
    return line


def task_line(summary: Summary, ledger: Ledger, row: TaskRow, lang: str) -> str:
    """"1.3. Title: đang thực hiện (1/2 đơn vị xong)": the task's status at the period's end, each
    lead's part while it is open, a late milestone, the reason of a blockage."""
    status = status_word(row.status, lang).lower()
    extra = []
    if row.status in (Status.IN_PROGRESS, Status.BLOCKED):
        extra.append(progress_text(ledger, responsibility.task_status(ledger, row.task, summary.judged_on), lang))
    if row.late:
        extra.append(t("doc.late_flag", lang))
    if row.reason and row.status in (Status.BLOCKED, Status.DROPPED):
        extra.append(row.reason)
    said = "; ".join(x for x in extra if x)
    return t("doc.task.line", lang, task=row.task, title=_whole(row.title).rstrip(".;: "),
             status=f"{status} ({said})" if said else status)


def _program_section(summary: Summary, ledger: Ledger, program: str, tally: Tally, lang: str) -> list[Block]:
    blocks: list[Block] = [Para(t("doc.program.tasks", lang, **{k: getattr(tally, k) for k in _FIGURES},
                                  share=bars.completion(tally.milestones.done, tally.milestones.total, lang)))]
    blocks += [Para(task_line(summary, ledger, r, lang), "item") for r in summary.tasks if r.program == program]
    changes = [c for c in summary.changes if ledger.tasks[c.task].program == program]
    if changes:
        blocks.append(Para(t("doc.program.changes", lang)))
        blocks += [Para(entry_line(ledger, c, lang), "item") for c in changes]
    else:
        blocks.append(Para(t("doc.program.no_entries", lang, period=period_words(summary.period, lang)), "note"))
    return blocks


def _results(summary: Summary, ledger: Ledger, lang: str) -> list[Section]:
    c = summary.counts
    out = [Section(t("doc.sec.results", lang), 1, [
        Para(t("doc.results.headline", lang, period=period_words(summary.period, lang),
               **{k: getattr(c, k) for k in _FIGURES},
               late_milestones=c.late_milestones, changes=c.changes,
               share=bars.completion(summary.milestones.done, summary.milestones.total, lang))),
        _tally_table(t("doc.table.programs", lang), t("review.col.program", lang), summary.programs, summary, lang),
        _tally_table(t("doc.table.units", lang), t("review.col.lead", lang), summary.units, None, lang),
        Para(t("doc.placeholder.assess", lang), "placeholder")])]
    tallies = {x.key: x for x in summary.programs}
    for p in ledger.plan.programs:
        if p.id in tallies:
            out.append(Section(_whole(p.appendix_title or p.title), 2,
                               _program_section(summary, ledger, p.id, tallies[p.id], lang), number=p.id))
    return out


# ------------------------------------------------------------------ III. difficulties


def _difficulties(summary: Summary, ledger: Ledger, lang: str) -> list[Section]:
    cols = [t("review.col.task", lang), t("review.col.lead", lang), t("review.col.due", lang)]
    blocked_rows = [[f"{r.task}. {_whole(r.title)}", _names(ledger, r.leads),
                     "; ".join(task_due_words(ledger, r.task, r.due, lang, formal=True)), r.reason or ""]
                    for r in summary.blocked]
    late_rows = [[_ob_label(o, lang) + _whole(o.task.title), _names(ledger, o.leads), _due(ledger, o, lang),
                  str(o.late_days), status_word(o.status, lang)] for o in summary.late]
    return [Section(t("doc.sec.difficulties", lang), 1, [
        Para(t("doc.difficulties.figures", lang, blocked=len(blocked_rows), late=len(late_rows))),
        Table(t("doc.table.blocked", lang), [*cols, t("review.col.reason", lang)], blocked_rows,
              (5.0, 2.6, 1.8, 3.4), t("doc.none", lang)),
        Table(t("doc.table.late", lang), [*cols, t("review.col.days_late", lang), t("review.col.status", lang)],
              late_rows, (5.2, 2.8, 1.8, 1.3, 1.8), t("doc.none", lang)),
        Para(t("doc.placeholder.causes", lang), "placeholder")])]


def _due(ledger: Ledger, o: Obligation, lang: str) -> str:
    due = day_words(o.due_date, lang) if o.due_date else due_words(ledger, o, lang, formal=True)
    if o.owed_from is not None:  # the decision set a day already past when it was signed
        return t("review.before_signing", lang, due=due, day=day_words(o.owed_from, lang))
    return due




# ------------------------------------------------------------------ IV. the next period


def ahead(summary: Summary, ledger: Ledger) -> tuple[Period, list[Obligation]]:
    """What falls due next: the review's `due_ahead` (after the period, by its year's end); a
    yearly review, whose year has nothing left, looks at the next year's open milestones."""
    period = summary.period
    if _shape(period) != "year":
        start = period.end + timedelta(days=1)
        end = date(period.end.year, 12, 31)
        return Period(start, end, f"{start.isoformat()}..{end.isoformat()}"), list(summary.due_ahead)
    after = year(period.start.year + 1)
    coming = [o for o in deadlines.obligations(ledger, summary.judged_on)
              if o.open and o.due_date is not None and o.due_date in after]
    coming.sort(key=lambda o: (o.due_date or date.max, o.order))
    return after, coming


def _next_period(summary: Summary, ledger: Ledger, lang: str) -> list[Section]:
    after, coming = ahead(summary, ledger)
    words = period_words(after, lang)
    rows = [[_ob_label(o, lang) + _whole(o.task.title), _names(ledger, o.leads),
             _due(ledger, o, lang), status_word(o.status, lang)] for o in coming]
    return [Section(t("doc.sec.next", lang, period=words.upper()), 1, [
        Para(t("doc.next.intro", lang, n=len(coming), period=words)),
        Table(t("doc.table.next", lang, period=words),
              [t("review.col.task", lang), t("review.col.lead", lang), t("review.col.due", lang),
               t("review.col.status", lang)], rows, (6.0, 3.0, 2.0, 1.8), t("doc.none", lang)),
        Para(t("doc.next.reports", lang, period=words), "item"),
        Para(t("doc.placeholder.next", lang), "placeholder")])]


# ------------------------------------------------------------------ V. proposals


def _proposals(summary: Summary, ledger: Ledger, lang: str) -> list[Section]:
    blocks: list[Block] = [Para(t("doc.amendments.intro", lang, n=len(summary.amendments)) if summary.amendments
                                else t("doc.amendments.none", lang))]
    for a in summary.amendments:
        blocks.append(Para(t("doc.amendment", lang, day=day_words(a.date, lang), revision=a.revision[:7],
                             subject=a.subject), "item"))
        blocks += [Para(f"+ {changewords.line(c, lang)}") for c in a.changes]
    rows = [[f"{r.task}. {_whole(r.title)}", _names(ledger, r.leads),
             day_words(r.last_entry, lang) if r.last_entry else "", r.reason or ""] for r in summary.dropped]
    blocks += [Para(t("doc.proposals.dropped", lang)),
               Table(t("doc.table.dropped", lang), [t("review.col.task", lang), t("review.col.lead", lang),
                                                    t("review.col.date", lang), t("review.col.reason", lang)],
                     rows, (5.4, 2.6, 1.8, 3.0), t("doc.none", lang)),
               Para(t("doc.placeholder.proposals", lang), "placeholder")]
    return [Section(t("doc.sec.proposals", lang), 1, blocks)]
