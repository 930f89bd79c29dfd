"""The periodic review (Article 4: 6-monthly and yearly; section III: quarterly): pure figures.

`summarise()` counts, per programme and per lead unit, the obligations due in the period and
their state as of the as-of date; lists the late and blocked ones; and the entries recorded in
the period. `markdown()` turns that into the Vietnamese document the standing agency pastes
into its report. No I/O here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hoinhap_cli.deadlines import Obligation, obligations
from hoinhap_cli.ledger import Ledger
from hoinhap_cli.periods import Period
from hoinhap_cli.vocab import Status

_STATE_OF = {Status.DONE: "done", Status.IN_PROGRESS: "in_progress", Status.BLOCKED: "blocked",
             Status.NOT_STARTED: "not_started", Status.DROPPED: "dropped"}


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

    def add(self, o: Obligation, as_of: date) -> None:
        self.due += 1
        setattr(self, _STATE_OF[o.status], getattr(self, _STATE_OF[o.status]) + 1)
        self.late += o.late(as_of)

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
    period: Period
    as_of: date
    programs: list[Tally]
    units: list[Tally]
    total: Tally
    problems: list[Obligation]  # late (due up to the as-of date) or blocked, oldest first
    entries: list[dict[str, Any]] = field(default_factory=list)


def summarise(ledger: Ledger, period: Period, as_of: date) -> Summary:
    obs = obligations(ledger, as_of)
    in_period = [o for o in obs if o.due_date is not None and o.due_date in period]
    programs = {p.id: Tally(p.id, p.appendix_title or p.title) for p in ledger.plan.programs}
    units = {u.id: Tally(u.id, u.name) for u in ledger.units.values()}
    total = Tally("*", "")
    for o in in_period:
        programs[o.task.program].add(o, as_of)
        for uid in o.leads:
            units[uid].add(o, as_of)
        total.add(o, as_of)
    problems = [o for o in obs if (o.late(as_of) and o.due_date <= period.end)  # type: ignore[operator]
                or (o.status is Status.BLOCKED and (o.period is None or o.period.start <= period.end))]
    problems.sort(key=lambda o: (o.due_date or date.max, o.order))  # order: task in plan order, milestone, unit
    entries = []
    for report, e in ledger.entries():
        if e.date in period and e.date <= as_of:
            entries.append({"date": e.date.isoformat(), "unit": report.content.unit, "task": e.task,
                            "milestone": e.milestone, "status": e.status.value, "note": e.note,
                            "reason": e.reason, "evidence": e.evidence})
    return Summary(period, as_of, [t for t in programs.values() if t.due],
                   [t for t in units.values() if t.due], total, problems, entries)


# ------------------------------------------------------------ rows and records


def product_of(o: Obligation) -> list[str]:
    """The product this obligation delivers: the paired one, else the task's products."""
    task, m = o.task, o.task.milestones[o.index]
    if m.product is not None:
        return [task.products[m.product - 1]]
    return list(task.products)


def status_word(status: Status, lang: str) -> str:
    word = _STATUS_WORDS.get((status, lang))
    if word is None:
        from hoinhap_cli.i18n import t

        word = _STATUS_WORDS[(status, lang)] = t(f"status.{status.value}", lang)
    return word


_STATUS_WORDS: dict[tuple[Status, str], str] = {}  # asked once per row: 10,000s of times in a large listing


def unit_names(ledger: Ledger, ids: tuple[str, ...] | list[str]) -> list[str]:
    return [ledger.units[u].name for u in ids]


def obligation_record(ledger: Ledger, o: Obligation, as_of: date) -> dict[str, Any]:
    """One obligation as docs/json-contract.md ("overdue, upcoming, summary") describes it."""
    return {
        "task": o.task.id,
        "program": o.task.program,
        "milestone": o.milestone,
        "kind": o.kind.value,
        "due": str(o.task.milestones[o.index].due),
        "period": o.period.label if o.period else None,
        "unit": o.unit,
        "product": product_of(o),
        "due_date": o.due_date.isoformat() if o.due_date else None,
        "days_late": o.days_late(as_of) if o.late(as_of) else 0,
        "lead": [{"id": u, "name": ledger.units[u].name} for u in o.leads],
        "status": o.status.value,
        "status_date": o.entry.date.isoformat() if o.entry else None,
        "reason": o.reason,
    }


def obligation_row(ledger: Ledger, o: Obligation, as_of: date, lang: str) -> dict[str, Any]:
    """The flat row every table, CSV and Markdown listing shows."""
    return {key: cells[0] for key, cells in obligation_columns(ledger, [o], as_of, lang).items()}


def obligation_columns(ledger: Ledger, obs: Iterable[Obligation], as_of: date, lang: str) -> dict[str, list[Any]]:
    """The rows of `obligation_row` for many obligations, one list per column (the shape
    render.Output.rows draws a table from fastest: 100,000 rows are not 100,000 dicts). What rows repeat (a milestone's
    product, a set of leads' names, a date) is worked out once — a listing of 10,000 rows
    names a few thousand milestones and a few hundred dates; rows share those values: treat
    them as read-only."""
    products: dict[tuple[str, int], list[str]] = {}
    names: dict[tuple[str, ...], list[str]] = {}
    days: dict[date | None, str | None] = {None: None}
    columns: dict[str, list[Any]] = {k: [] for k in ("task", "product", "due", "due_date", "days_late", "days_left",
                                                    "lead", "status", "reason")}
    task, product, due, due_date, days_late, days_left, lead, status, reason = (c.append for c in columns.values())
    for o in obs:
        milestone = (o.task.id, o.index)
        found = products.get(milestone)
        if found is None:
            found = products[milestone] = product_of(o)
        leads = o.leads
        named = names.get(leads)
        if named is None:
            named = names[leads] = unit_names(ledger, leads)
        day = o.due_date
        shown = days.get(day)
        if shown is None and day is not None:
            shown = days[day] = day.isoformat()
        task(o.task.id)
        product(found)
        due(o.due_label)
        due_date(shown)
        days_late(o.days_late(as_of) if o.late(as_of) else None)
        days_left((day - as_of).days if day and day >= as_of else None)
        lead(named)
        status(status_word(o.status, lang))
        reason(o.reason)
    return columns


# ------------------------------------------------------------ the document


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%".replace(".", ",")


def _cell(text: Any) -> str:
    if isinstance(text, list):
        text = "; ".join(text)
    return "" if text is None else str(text).replace("|", "\\|").replace("\n", " ")


def markdown(ledger: Ledger, s: Summary, lang: str = "vi") -> str:
    """The review as a Markdown document, headings in the chosen language (Vietnamese default)."""
    from hoinhap_cli.i18n import t

    def tr(key: str, **values: Any) -> str:
        return t(key, lang, **values)

    lines = [f"# {tr('review.md.title', period=s.period.label)}", "",
             tr("review.md.intro", decision=ledger.plan.decision.number, period=s.period.label,
                start=s.period.start.isoformat(), end=s.period.end.isoformat(), as_of=s.as_of.isoformat()), "",
             tr("review.md.total", due=s.total.due, done=s.total.done, in_progress=s.total.in_progress,
                blocked=s.total.blocked, not_started=s.total.not_started, dropped=s.total.dropped,
                late=s.total.late, share=_pct(s.total.share_done)), ""]
    head = [tr("review.col.due_count"), tr("review.col.done"), tr("review.col.in_progress"),
            tr("review.col.blocked"), tr("review.col.not_started"), tr("review.col.dropped"),
            tr("review.col.late"), tr("review.col.share")]

    def tally_table(first: str, tallies: list[Tally], label) -> list[str]:
        out = ["| " + " | ".join([first, *head]) + " |", "|" + "|".join(" --- " for _ in range(len(head) + 1)) + "|"]
        for x in tallies:
            out.append("| " + " | ".join([_cell(label(x)), str(x.due), str(x.done), str(x.in_progress),
                                          str(x.blocked), str(x.not_started), str(x.dropped), str(x.late),
                                          _pct(x.share_done)]) + " |")
        return out if tallies else [tr("review.md.none")]

    lines += [f"## {tr('review.md.by_program')}", ""]
    lines += tally_table(tr("review.col.program"), s.programs, lambda x: f"{x.key}. {x.name}") + [""]
    lines += [f"## {tr('review.md.by_unit')}", ""]
    lines += tally_table(tr("review.col.lead"), s.units, lambda x: x.name) + [""]
    lines += [f"## {tr('review.md.problems')}", ""]
    if s.problems:
        cols = [tr("review.col.task"), tr("review.col.product"), tr("review.col.due"), tr("review.col.due_date"),
                tr("review.col.days_late"), tr("review.col.lead"), tr("review.col.status"), tr("review.col.reason")]
        lines += ["| " + " | ".join(cols) + " |", "|" + "|".join(" --- " for _ in cols) + "|"]
        for o in s.problems:
            r = obligation_row(ledger, o, s.as_of, lang)
            lines.append("| " + " | ".join(_cell(r[k]) for k in ("task", "product", "due", "due_date", "days_late",
                                                                  "lead", "status", "reason")) + " |")
    else:
        lines.append(tr("review.md.none"))
    lines += ["", f"## {tr('review.md.entries')}", ""]
    if s.entries:
        cols = [tr("review.col.date"), tr("review.col.unit"), tr("review.col.task"), tr("review.col.status"),
                tr("review.col.note")]
        lines += ["| " + " | ".join(cols) + " |", "|" + "|".join(" --- " for _ in cols) + "|"]
        for e in s.entries:
            task = e["task"] + (f" ({tr('review.md.milestone', n=e['milestone'])})" if e["milestone"] else "")
            note = "; ".join(x for x in (e["note"], e["reason"]) if x)
            lines.append("| " + " | ".join(_cell(v) for v in (e["date"], ledger.units[e["unit"]].name, task,
                                                              status_word(Status(e["status"]), lang), note)) + " |")
    else:
        lines.append(tr("review.md.none"))
    return "\n".join(lines) + "\n"
