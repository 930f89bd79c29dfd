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

import textwrap
from dataclasses import dataclass, field
from datetime import date, timedelta

from hoinhap_cli import deadlines
from hoinhap_cli.deadlines import Obligation
from hoinhap_cli.i18n import t
from hoinhap_cli.ledger import Ledger
from hoinhap_cli.periods import (
    Period,
    day_words,
    half,
    next_quarter,
    period_words,
    quarter_of,
    quarters_between,
    year,
)
from hoinhap_cli.review import status_word
from hoinhap_cli.summary import Summary, Tally
from hoinhap_cli.text import percent
from hoinhap_cli.vocab import Status

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


Block = Para | Table


@dataclass(frozen=True)
class Section:
    title: str
    level: int  # 1: I., II. …; 2: 1., 2. … (numbered by the layout, restarting under each level 1)
    blocks: list[Block] = field(default_factory=list)


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
    """The document's body from the review and the ledger (the one place that reads Summary)."""
    obs = deadlines.obligations(ledger, summary.as_of)
    return [
        *_deployment(summary, ledger, obs, lang),
        *_results(summary, ledger, lang),
        *_difficulties(summary, ledger, lang),
        *_next_period(summary, ledger, obs, lang),
        *_proposals(summary, ledger, lang),
    ]


def _task_label(task: str, milestone: int | None, lang: str) -> str:
    return task + (f" ({t('review.md.milestone', lang, n=milestone)})" if milestone else "")


def _ob_label(o: Obligation, lang: str) -> str:
    """"3.2.4", "1.1 (mốc 2)": the milestone named only when the task has more than one."""
    return _task_label(o.task.id, o.milestone if len(o.task.milestones) > 1 else None, lang) + ". "


def _short(text: str, width: int = 180) -> str:
    return textwrap.shorten(text.lstrip("-–• "), width, placeholder=" …")


def _names(ledger: Ledger, ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(ledger.units[u].name for u in ids)


def _reporting_quarters(period: Period, as_of: date) -> list[Period]:
    """The quarters of the period whose reports could be asked for by the as-of date."""
    return [q for q in quarters_between(period.start, period.end) if q.start <= as_of]


Submissions = list[tuple[str, list[date | None]]]  # per unit id, the day of each quarter's report


def discipline(summary: Summary, ledger: Ledger, obs: list[Obligation]) -> tuple[list[Period], Submissions]:
    """Per reporting unit (programme 8's duty), the day its report for each quarter was submitted
    (None: not by the as-of date), for the quarters of the period."""
    quarters = _reporting_quarters(summary.period, summary.as_of)
    labels = {q.label for q in quarters}
    submitted = ledger.submitted()
    units: dict[str, None] = {}
    for o in obs:
        if o.unit and o.period is not None and o.period.label in labels:
            units.setdefault(o.unit)
    rows = []
    for uid in units:
        days = [submitted.get((uid, q.label)) for q in quarters]
        rows.append((uid, [d if d is not None and d <= summary.as_of else None for d in days]))
    return quarters, rows


def _deployment(summary: Summary, ledger: Ledger, obs: list[Obligation], lang: str) -> list[Section]:
    quarters, rows = discipline(summary, ledger, obs)
    blocks: list[Block] = [Para(t("doc.deploy.intro", lang, decision=ledger.plan.decision.number,
                                  period=period_words(summary.period, lang), as_of=day_words(summary.as_of, lang)))]
    for k, q in enumerate(quarters):
        sent = [ledger.units[u].name for u, days in rows if days[k] is not None]
        late = [ledger.units[u].name for u, days in rows if days[k] is None]
        # name the shorter list: "chưa gửi: A, B" or "đã gửi: A, B" (the table has every unit)
        key, names = ("doc.deploy.missing", late) if len(late) <= len(sent) else ("doc.deploy.sent", sent)
        blocks.append(Para(t(key, lang, quarter=period_words(q, lang), done=len(sent), total=len(rows),
                             names=", ".join(names) or t("doc.none_unit", lang)), "item"))
    cols = [t("doc.col.no", lang), t("review.col.unit", lang), *(period_words(q, lang) for q in quarters)]
    table_rows = [[str(n), ledger.units[u].name, *(day_words(d, lang) if d else t("doc.not_submitted", lang)
                                                    for d in days)] for n, (u, days) in enumerate(rows, 1)]
    blocks.append(Table(t("doc.table.discipline", lang), cols, table_rows,
                        (0.9, 4.0, *(2.4,) * len(quarters)), t("doc.none", lang)))
    blocks.append(Para(t("doc.placeholder.deploy", lang), "placeholder"))
    return [Section(t("doc.sec.deploy", lang), 1, blocks)]


def _tally_table(caption: str, first: str, tallies: list[Tally], total: Tally | None, lang: str) -> Table:
    cols = [first, *(t(f"review.col.{k}", lang) for k in
                     ("due_count", "done", "in_progress", "blocked", "not_started", "dropped", "late", "share"))]
    rows = [[name, *(str(n) for n in (x.due, x.done, x.in_progress, x.blocked, x.not_started, x.dropped, x.late)),
             percent(x.share_done, lang)] for name, x in
            [(f"{x.key}. {_short(x.name, 70)}" if x.key.isdigit() else x.name, x) for x in tallies]]
    if total is not None:
        rows.append([t("doc.total", lang), *(str(n) for n in (total.due, total.done, total.in_progress, total.blocked,
                                                              total.not_started, total.dropped, total.late)),
                     percent(total.share_done, lang)])
    return Table(caption, cols, rows, (3.4, *(1.25,) * 7, 1.5), t("doc.none", lang))


def entry_line(ledger: Ledger, e: dict, lang: str) -> str:
    """One recorded entry as a sentence of the report, its evidence as "theo …"."""
    parts = [f"{_task_label(e['task'], e['milestone'], lang)} — {ledger.units[e['unit']].name}: "
             f"{status_word(Status(e['status']), lang).lower()} ({day_words(date.fromisoformat(e['date']), lang)})"]
    parts += [x for x in (e["note"], e["reason"]) if x]
    line = "; ".join(parts)
    if e["evidence"]:
        evidence = e["evidence"].strip()
        said = evidence.lower().startswith(("theo", "according", "per "))
        line += f" ({evidence if said else t('doc.per', lang) + ' ' + evidence})"
    return line


def _results(summary: Summary, ledger: Ledger, lang: str) -> list[Section]:
    total = summary.total
    out = [Section(t("doc.sec.results", lang), 1, [
        Para(t("review.md.total", lang, due=total.due, done=total.done, in_progress=total.in_progress,
               blocked=total.blocked, not_started=total.not_started, dropped=total.dropped, late=total.late,
               share=percent(total.share_done, lang))),
        _tally_table(t("doc.table.programs", lang), t("review.col.program", lang), summary.programs, total, lang),
        _tally_table(t("doc.table.units", lang), t("review.col.lead", lang), summary.units, None, lang),
        Para(t("doc.placeholder.assess", lang), "placeholder")])]
    by_program: dict[str, list[dict]] = {}
    for e in summary.entries:
        by_program.setdefault(ledger.tasks[e["task"]].program, []).append(e)
    tallies = {x.key: x for x in summary.programs}
    for p in ledger.plan.programs:
        entries, tally = by_program.get(p.id, []), tallies.get(p.id)
        if not entries and tally is None:
            continue
        blocks: list[Block] = []
        if tally is not None:
            blocks.append(Para(t("doc.program.figures", lang, due=tally.due, done=tally.done, late=tally.late,
                                 share=percent(tally.share_done, lang))))
        blocks += [Para(entry_line(ledger, e, lang), "item") for e in entries]
        if not entries:
            blocks.append(Para(t("doc.program.no_entries", lang, period=period_words(summary.period, lang)), "note"))
        out.append(Section(t("doc.program", lang, id=p.id, title=_short(p.appendix_title or p.title, 160)), 2, blocks))
    return out


def _difficulties(summary: Summary, ledger: Ledger, lang: str) -> list[Section]:
    blocked = [o for o in summary.problems if o.status is Status.BLOCKED]
    late = [o for o in summary.problems if o.status is not Status.BLOCKED and not deadlines.is_reporting_duty(o.task)]
    cols = [t("review.col.task", lang), t("review.col.lead", lang), t("review.col.due", lang)]
    blocked_rows = [[_ob_label(o, lang) + _short(o.task.title, 120),
                     _names(ledger, o.leads), _due(o, lang), o.reason or ""] for o in blocked]
    late_rows = [[_ob_label(o, lang) + _short(o.task.title, 120),
                  _names(ledger, o.leads), _due(o, lang), str(o.late_days), status_word(o.status, lang)] for o in late]
    return [Section(t("doc.sec.difficulties", lang), 1, [
        Table(t("doc.table.blocked", lang), [*cols, t("review.col.reason", lang)], blocked_rows,
              (5.0, 2.6, 1.8, 3.4), t("doc.none", lang)),
        Table(t("doc.table.late", lang), [*cols, t("review.col.days_late", lang), t("review.col.status", lang)],
              late_rows, (5.2, 2.8, 1.8, 1.3, 1.8), t("doc.none", lang)),
        Para(t("doc.placeholder.causes", lang), "placeholder")])]


def _due(o: Obligation, lang: str) -> str:
    return day_words(o.due_date, lang) if o.due_date else str(o.task.milestones[o.index].due)


def next_period(period: Period) -> Period:
    """The period after a review's: the next quarter, half or year (else as long again)."""
    shape, y = _shape(period), period.start.year
    if shape == "quarter":
        return next_quarter(quarter_of(period.start))
    if shape in ("H1", "H2"):
        return half(y, 2) if shape == "H1" else half(y + 1, 1)
    if shape == "year":
        return year(y + 1)
    length = period.end - period.start
    start = period.end + timedelta(days=1)
    return Period(start, start + length, f"{start.isoformat()}..{(start + length).isoformat()}")


def _next_period(summary: Summary, ledger: Ledger, obs: list[Obligation], lang: str) -> list[Section]:
    after = next_period(summary.period)
    coming = [o for o in obs if o.due_date is not None and o.due_date in after and o.open
              and not deadlines.is_reporting_duty(o.task)]
    coming.sort(key=lambda o: (o.due_date or date.max, o.order))
    rows = [[_ob_label(o, lang) + _short(o.task.title, 140), _names(ledger, o.leads),
             _due(o, lang), status_word(o.status, lang)] for o in coming]
    return [Section(t("doc.sec.next", lang, period=period_words(after, lang).upper()), 1, [
        Para(t("doc.next.intro", lang, n=len(coming), period=period_words(after, lang))),
        Table(t("doc.table.next", lang, period=period_words(after, lang)),
              [t("review.col.task", lang), t("review.col.lead", lang), t("review.col.due", lang),
               t("review.col.status", lang)], rows, (6.0, 3.0, 2.0, 1.8), t("doc.none", lang)),
        Para(t("doc.next.reports", lang, period=period_words(after, lang)), "item"),
        Para(t("doc.placeholder.next", lang), "placeholder")])]


def _proposals(summary: Summary, ledger: Ledger, lang: str) -> list[Section]:
    dropped = [e for e in summary.entries if e["status"] == Status.DROPPED.value]
    rows = [[_task_label(e["task"], e["milestone"], lang) + ". " + _short(ledger.tasks[e["task"]].title, 120),
             ledger.units[e["unit"]].name, day_words(date.fromisoformat(e["date"]), lang), e["reason"] or ""]
            for e in dropped]
    return [Section(t("doc.sec.proposals", lang), 1, [
        Para(t("doc.proposals.amendments", lang)),
        Table(t("doc.table.dropped", lang), [t("review.col.task", lang), t("review.col.unit", lang),
                                             t("review.col.date", lang), t("review.col.reason", lang)],
              rows, (5.4, 2.6, 1.8, 3.0), t("doc.none", lang)),
        Para(t("doc.placeholder.proposals", lang), "placeholder")])]
