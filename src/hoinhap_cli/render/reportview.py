"""The reports ledger drawn: one units × periods matrix per duty (table, Markdown), one flat
listing (CSV), and the words of a late reporting period. No I/O here; render.Output draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hoinhap_cli.render.render import Column, Listing, Note
from hoinhap_cli.words.i18n import MESSAGES, assumed, t, unit_name
from hoinhap_cli.words.periods import Period
from hoinhap_cli.words.text import fold

if TYPE_CHECKING:
    from hoinhap_cli.ledger.ledger import Ledger
    from hoinhap_cli.rules.reporting import LatePeriod, ReportLedger, ReportRow

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
FLAT_COLS = ["duty", "unit", "period", "due_date", "state", "submitted", "number", "days_late"]


_DOCUMENT_KINDS = {"Quyết định": "decision", "Kế hoạch": "plan", "Nghị quyết": "resolution",
                   "Chương trình": "programme"}


def document_name(decision: Any, lang: str, short: bool = False) -> str:
    """The document that issued the plan as a report names it: "Quyết định số 02/2008/QĐ-UBND"
    ("Decision 02/2008/QĐ-UBND"; `short`: "Quyết định 02/2008/QĐ-UBND"), "Kế hoạch số 310/KH-UBND";
    a document whose number the source leaves blank by its title: "Kế hoạch «…»", or the title alone
    when it begins with the kind ("Kế hoạch thử nghiệm 5G …")."""
    kind = t(f"document.kind.{_DOCUMENT_KINDS[decision.kind]}", lang)
    if decision.number is None:
        if fold(decision.title).startswith(fold(decision.kind)):  # "Kế hoạch thử nghiệm …" names its kind
            return str(decision.title)
        return t("document.unnumbered", lang, kind=kind, title=decision.title)
    return t("document.numbered.short" if short else "document.numbered", lang, kind=kind, number=decision.number)


def period_words(p: Period, lang: str) -> str:
    """quý I/2009, 6 tháng đầu năm 2009, tháng 6/2009, năm 2009 (Q1 2009, first half of 2009,
    month 6/2009, 2009)."""
    label = p.label
    if "-Q" in label:
        y, q = label.split("-Q")
        return t("reports.quarter", lang, q=_ROMAN[q] if lang != "en" else q, year=y)
    if "-H" in label:
        y, h = label.split("-H")
        return t(f"reports.half{h}", lang, year=y)
    if len(label) == 7:  # YYYY-MM: quarters and halves, the other 7-character labels, are named above
        return t("reports.month", lang, month=p.start.month, year=p.start.year)
    return t("reports.year", lang, year=label)


def cell(row: ReportRow, lang: str) -> str:
    """What the matrix says of one report: đã nộp 05/4, nộp trễ 9 ngày, chưa nộp, chưa đến hạn."""
    state = row.state.value
    if row.sent is not None:
        day = f"{row.sent.day.day:02d}/{row.sent.day.month}"
        if row.days_late:
            return t("reports.cell.submitted_late", lang, n=row.days_late, day=day)
        return t("reports.cell.submitted", lang, day=day)
    return t(f"reports.cell.{state}", lang, n=row.days_late)


def late_line(ledger: Ledger, lp: LatePeriod, lang: str) -> str:
    """Báo cáo quý I/2009: 12/29 đơn vị chưa nộp (or, for one owner, who and how late)."""
    what = f"{lp.duty.name} {period_words(lp.period, lang)}"
    due = assumed(lp.due.isoformat(), lp.duty.due_assumed, lang)
    if lp.owed == 1:
        return t("reports.late_one", lang, what=what, unit=ledger.units[lp.missing[0]].name, days=lp.days_late,
                 due=due)
    return t("reports.late_many", lang, what=what, n=len(lp.missing), owed=lp.owed, due=due)


def _col(key: str) -> Column:
    return Column(key, *(MESSAGES.get(f"reports.col.{key}") or MESSAGES[f"review.col.{key}"]))


def flat_rows(ledger: Ledger, rows: Sequence[ReportRow], lang: str, marked: bool = True) -> list[dict[str, Any]]:
    """One row per report; `marked`: a due day the decision does not give says "(giả định)" (not
    in CSV, whose dates stay dates)."""
    return [{"duty": r.duty.what, "unit": ledger.units[r.unit].name, "period": r.period.label,
             "due_date": assumed(r.due.isoformat(), marked and r.duty.due_assumed, lang), "state": cell(r, lang),
             "submitted": r.sent.day.isoformat() if r.sent else None,
             "number": r.sent.number if r.sent else None, "days_late": r.days_late or None} for r in rows]


def flat_listing(ledger: Ledger, rows: Sequence[ReportRow], lang: str, title: str | None = None,
                 marked: bool = True) -> Listing:
    return Listing([_col(k) for k in FLAT_COLS], flat_rows(ledger, rows, lang, marked), title)


def matrices(rl: ReportLedger, lang: str, inline: bool = False) -> list[Listing]:
    """One table per duty with rows: units down, periods across; an ad-hoc duty (no periods) its
    owners, each owing it on request and never late."""
    out = []
    ledger = rl.ledger
    for duty in rl.regime.duties:
        mine = [r for r in rl.rows if r.duty.id == duty.id]
        if duty.every == "ad-hoc":
            title = t("reports.duty_title", lang, name=duty.what, to=duty.to, every=t("reports.every.ad-hoc", lang))
            owners = [{"unit": ledger.units[u].name, "when": t("reports.adhoc_cell", lang)} for u in duty.owners
                      if rl.unit is None or u == rl.unit]
            out.append(Listing([_col("unit"), Column("when", *MESSAGES["reports.col.when"])], owners, title,
                               inline=inline))
            continue
        if not mine:
            continue
        periods = list(dict.fromkeys(r.period.label for r in mine))
        cols = [_col("unit"), *(Column(p, p, p, no_wrap=True) for p in periods)]  # a cell: a status, never broken
        by_unit: dict[str, dict[str, Any]] = {}
        for r in mine:
            by_unit.setdefault(r.unit, {"unit": unit_name(ledger.units[r.unit], lang)})[r.period.label] = cell(r, lang)
        title = t("reports.duty_title", lang, name=duty.what, to=assumed(duty.to, duty.to_assumed, lang),
                  every=t(f"reports.every.{duty.every}", lang))
        out.append(Listing(cols, list(by_unit.values()), title, inline=inline))
    return out


@dataclass(frozen=True)
class Drawn:
    """The reports ledger as `Output.report` draws it: its record, and its parts in a format."""

    value: ReportLedger

    def record(self) -> dict[str, Any]:
        return self.value.record()

    def parts(self, fmt: str, lang: str) -> list[str | Listing | Note]:
        return parts(self.value, fmt, lang)


def parts(rl: ReportLedger, fmt: str, lang: str) -> list[str | Listing | Note]:
    ledger = rl.ledger
    if fmt == "csv":
        return [flat_listing(ledger, rl.rows, lang, marked=False)]
    out: list[str | Listing | Note] = []
    md = fmt == "md"
    if md:
        out += [f"# {t('reports.title', lang, as_of=rl.as_of.isoformat())}", ""]
    for k, listing in enumerate(matrices(rl, lang, inline=md)):
        if md:
            out += [f"## {listing.title}", "", Listing(listing.columns, listing.rows, inline=True), ""]
        else:  # the duty's title as a line of its own: wrapped to the terminal, not to a narrow table
            out += [*([""] if k else []), listing.title or "", Listing(listing.columns, listing.rows)]
    if rl.late_periods:
        out.append(f"## {t('reports.late_title', lang)}\n" if md else "\n" + t("reports.late_title", lang))
        out += [("- " if md else "  ") + late_line(ledger, lp, lang) for lp in rl.late_periods]
    c = rl.counts
    out.append(Note(t("reports.count", lang, due=c.due, submitted=c.submitted, late=c.submitted_late,
                      missing=c.missing, not_due=c.not_due, as_of=rl.as_of.isoformat(),
                      early=t("reports.early", lang, n=c.early) if c.early else "")))
    return out
