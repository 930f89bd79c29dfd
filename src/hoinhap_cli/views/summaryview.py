"""The review drawn: tables for a terminal, and for Markdown the Vietnamese document the standing
agency pastes into its report. Everything is read from `summary.Summary`'s fields. No I/O here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from hoinhap_cli.queries import changewords
from hoinhap_cli.queries.review import obligation_columns, status_word, task_due_words
from hoinhap_cli.render import bars, reportview
from hoinhap_cli.render.render import Column, Listing, Note
from hoinhap_cli.views.obligationview import columns as review_columns
from hoinhap_cli.views.obligationview import obligation_listing
from hoinhap_cli.words.i18n import MESSAGES, t

if TYPE_CHECKING:
    from hoinhap_cli.queries.summary import Summary, Tally

LATE_COLS = ["task", "product", "due", "due_date", "days_late", "lead", "status", "reason"]
AHEAD_COLS = ["task", "product", "due", "due_date", "lead", "status"]
_COUNTS = ["active", "done", "late", "in_progress", "blocked", "dropped"]
_MD_COUNTS = ["active", "done", "in_progress", "blocked", "not_started", "dropped", "late", "share"]


def _col(key: str, words: str | None = None, **kw: Any) -> Column:
    words = words or key
    found = MESSAGES.get(f"summary.col.{words}") or MESSAGES[f"review.col.{words}"]
    return Column(key, *found, **kw)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%".replace(".", ",")


def headline(s: Summary, lang: str) -> str:
    c = s.counts
    return t("summary.headline", lang, active=c.active, done=c.done, in_progress=c.in_progress, blocked=c.blocked,
             not_started=c.not_started, dropped=c.dropped, late=c.late, late_milestones=c.late_milestones,
             share=bars.completion(s.milestones.done, s.milestones.total, lang), changes=c.changes,
             due_ahead=c.due_ahead, year=s.period.end.year,
             day=s.judged_on.isoformat())


def reports_headline(s: Summary, lang: str) -> str:
    c = s.reports.counts
    return t("summary.reports_headline", lang, due=c.due, submitted=c.submitted, late=c.submitted_late,
             missing=c.missing, not_due=c.not_due, as_of=s.as_of.isoformat(),
             early=t("reports.early", lang, n=c.early) if c.early else "")


def _task_rows(s: Summary, rows: list, lang: str) -> list[dict[str, Any]]:
    names = s.ledger.units
    return [{"task": r.task, "title": r.title, "due": task_due_words(s.ledger, r.task, r.due, lang),
             "lead": [names[u].name for u in r.leads],
             "status": status_word(r.status, lang) + (f" ({t('summary.late_flag', lang)})" if r.late else ""),
             "last_entry": r.last_entry.isoformat() if r.last_entry else None, "reason": r.reason} for r in rows]


def _change_rows(s: Summary, lang: str) -> list[dict[str, Any]]:
    names = s.ledger.units
    return [{"date": c.date.isoformat(), "unit": names[c.unit].name,
             "task": c.task + (f" ({t('review.md.milestone', lang, n=c.milestone)})" if c.milestone else ""),
             "status": status_word(c.status, lang), "note": "; ".join(x for x in (c.note, c.reason) if x),
             "evidence": c.evidence} for c in s.changes]


def _tally_rows(tallies: list[Tally], label: Callable[[Tally], str], md: bool) -> list[dict[str, Any]]:
    out = []
    for x in tallies:
        d = x.as_dict()
        row = {"name": label(x), **{k: d[k] for k in _COUNTS}, "not_started": d["not_started"],
               "share": _pct(x.share_done)}
        if not md:  # the bar of the one completion rate: its milestones
            row["progress"] = bars.text(x.milestones.done, x.milestones.late, x.milestones.total)
        out.append(row)
    return out


def _tally(first: str, tallies: list[Tally], label: Callable[[Tally], str], md: bool, title: str) -> Listing:
    if md:
        cols = [_col("name", first), *(_col(k) for k in _MD_COUNTS)]
    else:
        cols = [_col("name", first, min_width=14, max_width=50), Column("progress", *MESSAGES["col.progress"],
                                                                          no_wrap=True),
                *(_col(k, justify="right", max_width=10) for k in _COUNTS)]
    return Listing(cols, _tally_rows(tallies, label, md), None if md else title, inline=md)


def _sections(s: Summary, lang: str, md: bool) -> list[tuple[str, Listing]]:
    """Each section's heading and table, in the document's order."""
    ledger, none = s.ledger, t("review.md.none", lang)
    task_cols = [_col("task", no_wrap=True), _col("title", clip=60), _col("due"), _col("lead", clip=50),
                 _col("status"), _col("last_entry"), _col("reason", clip=60)]
    small = [_col("task", no_wrap=True), _col("lead", clip=50), _col("last_entry"), _col("reason")]
    change_cols = [_col(k) for k in ("date", "unit", "task", "status", "note", "evidence")]
    fmt = "md" if md else "table"

    def listing(cols: list[Column], rows: Any) -> Listing:
        return Listing(cols, rows, inline=md, empty=none)

    late = obligation_listing(fmt, LATE_COLS, obligation_columns(ledger, s.late, s.judged_on, lang), None)
    ahead = Listing(review_columns(AHEAD_COLS), obligation_columns(ledger, s.due_ahead, s.judged_on, lang),
                    inline=md, empty=none)
    agency = [r for r in s.reports.rows if not r.duty.by_reporting_units]
    return [
        (t("review.md.by_program", lang), _tally("program", s.programs, lambda x: f"{x.key}. {x.name}", md, "")),
        (t("review.md.by_unit", lang), _tally("lead", s.units, lambda x: x.name, md, "")),
        (t("summary.h.tasks", lang, day=s.judged_on.isoformat()), listing(task_cols, _task_rows(s, s.tasks, lang))),
        (t("summary.h.late", lang), Listing(late.columns, late.rows, inline=md, empty=none)),
        (t("summary.h.blocked", lang), listing(small, _task_rows(s, s.blocked, lang))),
        (t("summary.h.dropped", lang), listing([small[0], _col("due"), *small[1:]], _task_rows(s, s.dropped, lang))),
        (t("review.md.entries", lang), listing(change_cols, _change_rows(s, lang))),
        (t("summary.h.ahead", lang, year=s.period.end.year), ahead),
        (t("summary.h.agency", lang), reportview.flat_listing(ledger, agency, lang)),
    ]


@dataclass(frozen=True)
class Drawn:
    """The review as `Output.report` draws it: its record, and its parts in a format."""

    value: Summary

    def record(self) -> dict[str, Any]:
        return self.value.record()

    def parts(self, fmt: str, lang: str) -> list[str | Listing | Note]:
        return parts(self.value, fmt, lang)


def parts(s: Summary, fmt: str, lang: str) -> list[str | Listing | Note]:
    md = fmt == "md"
    ledger = s.ledger
    out: list[str | Listing | Note] = [
        f"# {t('review.md.title', lang, period=s.period.label)}" if md else t("review.md.title", lang,
                                                                              period=s.period.label), "",
        t("review.md.intro", lang, decision=reportview.document_name(ledger.plan.decision, lang), period=s.period.label,
          start=s.period.start.isoformat(), end=s.period.end.isoformat(), as_of=s.as_of.isoformat()), "",
        headline(s, lang), "", reports_headline(s, lang), ""]
    out += [f"> {w}" if md else f"! {w}" for w in s.warnings] + ([""] if s.warnings and not md else [])
    for heading, listing in _sections(s, lang, md):
        if md and listing.inline is False:
            listing = Listing(listing.columns, listing.rows, inline=True, empty=t("review.md.none", lang))
        out += [f"## {heading}" if md else f"■ {heading}", *([""] if md else []), listing, ""]
    out += [f"## {t('summary.h.unit_reports', lang)}" if md else f"■ {t('summary.h.unit_reports', lang)}", ""]
    units_only = reportview.matrices(_units_only(s), lang, inline=md)
    for m in units_only:
        out += [f"### {m.title}" if md else m.title or "", *([""] if md else []),
                Listing(m.columns, m.rows, inline=md), ""]
    out += [f"- {reportview.late_line(ledger, lp, lang)}" if md else f"  {reportview.late_line(ledger, lp, lang)}"
            for lp in s.reports.late_periods]
    out += ["", f"## {t('summary.h.amendments', lang)}" if md else f"■ {t('summary.h.amendments', lang)}", ""]
    out += [f"- {a.date.isoformat()} {a.revision[:10]}: {a.subject}"
            + "".join(f"\n  - {changewords.line(c, lang)}" for c in a.changes)
            for a in s.amendments] or [t("review.md.none", lang)]
    if not md:  # a terminal: render.Output wraps each line at spaces to the terminal's width
        out.append(bars.legend(lang))
    return out


def _units_only(s: Summary) -> Any:
    """The reports ledger of the period with the reporting units' duties only."""
    return replace(s.reports, rows=[r for r in s.reports.rows if r.duty.by_reporting_units])

