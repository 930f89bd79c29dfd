"""Obligations as rows and records: what every listing of the review (`overdue`, `upcoming`,
`summary`) shows of one, in a table, a CSV or Markdown row, or a JSON record (the listing they
are drawn in: `views/obligationview.py`). No I/O here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.rules.deadlines import Obligation
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.periods import deadline_words
from hoinhap_cli.words.vocab import Status


def product_of(o: Obligation) -> list[str]:
    """The product this obligation delivers: the paired one, else the task's products."""
    task, m = o.task, o.task.milestones[o.index]
    if m.product is not None:
        return [task.products[m.product - 1]]
    return list(task.products)


def due_words(ledger: Ledger, o: Obligation, lang: str, formal: bool = False) -> str:
    """What a milestone's deadline says, in `lang` (periods.deadline_words), an event by its name."""
    d = o.task.milestones[o.index].due
    event = next((e.name for e in ledger.plan.events if e.id == d.event), None) if d.event else None
    return deadline_words(d, lang, event, formal)


def task_due_words(ledger: Ledger, task: str, dues: Iterable[str], lang: str, formal: bool = False) -> list[str]:
    """The deadlines of `task` written in the plan's notation (`dues`), in `lang`."""
    wanted = set(dues)
    events = {e.id: e.name for e in ledger.plan.events}
    said = [deadline_words(m.due, lang, events.get(m.due.event or ""), formal)
            for m in ledger.tasks[task].milestones if str(m.due) in wanted]
    return list(dict.fromkeys(said))


def status_word(status: Status, lang: str) -> str:
    word = _STATUS_WORDS.get((status, lang))
    if word is None:
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
        "days_late": o.late_days,  # 0 when not late; counted from owed_from when set
        "owed_from": o.owed_from.isoformat() if o.owed_from else None,  # due before the decision took effect
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
    dues: dict[tuple[str, int], str] = {}
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
        said = o.period.label if o.period is not None else dues.get(milestone)
        if said is None:
            said = dues[milestone] = due_words(ledger, o, lang)
        due(said if o.owed_from is None else t("review.before_signing", lang, due=said, day=o.owed_from.isoformat()))
        due_date(shown)
        days_late(o.late_days if o.is_late else None)
        days_left((day - as_of).days if day and day >= as_of else None)
        lead(named)
        status(status_word(o.status, lang))
        reason(o.reason)
    return columns
