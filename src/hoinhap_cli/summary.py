"""The periodic review (Article 4: 6-monthly and yearly; section III: quarterly).

`summarise()` counts, per programme and per lead unit, the obligations due in the period and
their state as of the as-of date; lists the late and blocked ones; and the entries recorded in
the period. The Summary it returns is a report (render.Report): its JSON record, its tables for a
terminal, and for Markdown the Vietnamese document the standing agency pastes into its report.
No I/O here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hoinhap_cli import bars
from hoinhap_cli.deadlines import Obligation, obligations
from hoinhap_cli.i18n import MESSAGES, t
from hoinhap_cli.ledger import Ledger
from hoinhap_cli.periods import Period
from hoinhap_cli.render import Column, Listing, Note
from hoinhap_cli.review import columns as columns_of
from hoinhap_cli.review import obligation_columns, obligation_listing, obligation_record, status_word
from hoinhap_cli.vocab import Status

_STATE_OF = {Status.DONE: "done", Status.IN_PROGRESS: "in_progress", Status.BLOCKED: "blocked",
             Status.NOT_STARTED: "not_started", Status.DROPPED: "dropped"}
PROBLEM_COLS = ["task", "product", "due", "due_date", "days_late", "lead", "status", "reason"]


@dataclass
class Tally:
    key: str
    name: str
    due: int = 0
    done: int = 0
    in_progress: int = 0
    blocked: int = 0
    not_started: int = 0
    dropped: int = 0
    late: int = 0

    def add(self, o: Obligation) -> None:
        self.due += 1
        setattr(self, _STATE_OF[o.status], getattr(self, _STATE_OF[o.status]) + 1)
        self.late += o.is_late

    @property
    def share_done(self) -> float | None:
        """Done over what is still owed (dropped ones left out); None when nothing is owed."""
        owed = self.due - self.dropped
        return round(100 * self.done / owed, 1) if owed else None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.key, "name": self.name, "due": self.due, "done": self.done,
                "in_progress": self.in_progress, "blocked": self.blocked, "not_started": self.not_started,
                "dropped": self.dropped, "late": self.late, "share_done": self.share_done}


@dataclass
class Summary:
    ledger: Ledger
    period: Period
    as_of: date
    programs: list[Tally]
    units: list[Tally]
    total: Tally
    problems: list[Obligation]  # late (due up to the as-of date) or blocked, oldest first
    entries: list[dict[str, Any]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        """The review as docs/json-contract.md describes it."""
        p = self.period
        return {"period": p.label, "start": p.start.isoformat(), "end": p.end.isoformat(),
                "as_of": self.as_of.isoformat(),
                "total": {k: v for k, v in self.total.as_dict().items() if k not in ("id", "name")},
                "programs": [x.as_dict() for x in self.programs], "units": [x.as_dict() for x in self.units],
                "problems": [obligation_record(self.ledger, o, self.as_of) for o in self.problems],
                "entries": self.entries}

    def parts(self, fmt: str, lang: str) -> Sequence[str | Listing | Note]:
        return _document(self, lang) if fmt == "md" else _tables(self, lang)


def summarise(ledger: Ledger, period: Period, as_of: date) -> Summary:
    obs = obligations(ledger, as_of)
    in_period = [o for o in obs if o.due_date is not None and o.due_date in period]
    programs = {p.id: Tally(p.id, p.appendix_title or p.title) for p in ledger.plan.programs}
    units = {u.id: Tally(u.id, u.name) for u in ledger.units.values()}
    total = Tally("*", "")
    for o in in_period:
        programs[o.task.program].add(o)
        for uid in o.leads:
            units[uid].add(o)
        total.add(o)
    problems = [o for o in obs if (o.is_late and o.due_date <= period.end)  # type: ignore[operator]
                or (o.status is Status.BLOCKED and (o.period is None or o.period.start <= period.end))]
    problems.sort(key=lambda o: (o.due_date or date.max, o.order))  # order: task in plan order, milestone, unit
    entries = []
    for report, e in ledger.entries():
        if e.date in period and e.date <= as_of:
            entries.append({"date": e.date.isoformat(), "unit": report.content.unit, "task": e.task,
                            "milestone": e.milestone, "status": e.status.value, "note": e.note,
                            "reason": e.reason, "evidence": e.evidence})
    return Summary(ledger, period, as_of, [t for t in programs.values() if t.due],
                   [t for t in units.values() if t.due], total, problems, entries)


# ------------------------------------------------------------ for a terminal

_COUNTS = ["due_count", "done", "late", "in_progress", "blocked", "dropped"]  # not started: the rest


def _tally_rows(tallies: list[Tally], label: Callable[[Tally], str]) -> list[dict[str, Any]]:
    rows = []
    for x in tallies:
        d = x.as_dict()
        rows.append({"name": label(x), "due_count": d["due"], **{k: d[k] for k in _COUNTS[1:]},
                     "progress": bars.text(x.done, x.late, x.due - x.dropped)})
    return rows


def _tables(s: Summary, lang: str) -> list[str | Listing | Note]:
    ledger = s.ledger
    bar = Column("progress", *MESSAGES["col.progress"], no_wrap=True)
    num = [Column(k, *MESSAGES[f"review.col.{k}"], justify="right", max_width=8) for k in _COUNTS]
    entry_cols = [Column(k, *MESSAGES[f"review.col.{k}"]) for k in ("date", "unit", "task", "status", "note")]
    entries = [{"date": e["date"], "unit": ledger.units[e["unit"]].name,
                "task": e["task"] + (f" #{e['milestone']}" if e["milestone"] else ""),
                "status": t(f"status.{e['status']}", lang),
                "note": "; ".join(x for x in (e["note"], e["reason"]) if x)} for e in s.entries]
    return [
        t("review.md.title", lang, period=s.period.label),
        Listing([Column("name", *MESSAGES["review.col.program"], min_width=14, max_width=60), bar, *num],
                _tally_rows(s.programs, lambda x: f"{x.key}. {x.name}") + _tally_rows([s.total], lambda x: "Σ"),
                t("review.md.by_program", lang)),
        Listing([Column("name", *MESSAGES["review.col.lead"], min_width=14, max_width=40), bar, *num],
                _tally_rows(s.units, lambda x: x.name), t("review.md.by_unit", lang)),
        bars.legend(lang),
        obligation_listing("table", PROBLEM_COLS, obligation_columns(ledger, s.problems, s.as_of, lang),
                           t("review.md.problems", lang)),
        Listing(entry_cols, entries, t("review.md.entries", lang)),
    ]


# ------------------------------------------------------------ the document (Markdown)

_MD_COUNTS = ["due_count", "done", "in_progress", "blocked", "not_started", "dropped", "late", "share"]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%".replace(".", ",")


def _tally_table(first: str, tallies: list[Tally], label: Callable[[Tally], str], lang: str) -> Listing:
    cols = [Column("name", *MESSAGES[f"review.col.{first}"]),
            *(Column(k, *MESSAGES[f"review.col.{k}"]) for k in _MD_COUNTS)]
    rows = [dict(zip([c.key for c in cols], [label(x), str(x.due), str(x.done), str(x.in_progress), str(x.blocked),
                                              str(x.not_started), str(x.dropped), str(x.late), _pct(x.share_done)]))
            for x in tallies]
    return Listing(cols, rows, inline=True, empty=t("review.md.none", lang))


def _document(s: Summary, lang: str) -> list[str | Listing | Note]:
    """The review as a Markdown document, headings in the chosen language (Vietnamese default)."""
    ledger, total, none = s.ledger, s.total, t("review.md.none", lang)
    entry_cols = [Column(k, *MESSAGES[f"review.col.{k}"]) for k in ("date", "unit", "task", "status", "note")]
    entries = [{"date": e["date"], "unit": ledger.units[e["unit"]].name,
                "task": e["task"] + (f" ({t('review.md.milestone', lang, n=e['milestone'])})"
                                     if e["milestone"] else ""),
                "status": status_word(Status(e["status"]), lang),
                "note": "; ".join(x for x in (e["note"], e["reason"]) if x)} for e in s.entries]
    return [
        f"# {t('review.md.title', lang, period=s.period.label)}", "",
        t("review.md.intro", lang, decision=ledger.plan.decision.number, period=s.period.label,
          start=s.period.start.isoformat(), end=s.period.end.isoformat(), as_of=s.as_of.isoformat()), "",
        t("review.md.total", lang, due=total.due, done=total.done, in_progress=total.in_progress,
          blocked=total.blocked, not_started=total.not_started, dropped=total.dropped, late=total.late,
          share=_pct(total.share_done)), "",
        f"## {t('review.md.by_program', lang)}", "",
        _tally_table("program", s.programs, lambda x: f"{x.key}. {x.name}", lang), "",
        f"## {t('review.md.by_unit', lang)}", "",
        _tally_table("lead", s.units, lambda x: x.name, lang), "",
        f"## {t('review.md.problems', lang)}", "",
        Listing(columns_of(PROBLEM_COLS), obligation_columns(ledger, s.problems, s.as_of, lang), inline=True,
                empty=none), "",
        f"## {t('review.md.entries', lang)}", "",
        Listing(entry_cols, entries, inline=True, empty=none),
    ]
