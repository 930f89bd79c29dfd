"""What a progress entry may say: read loosely typed values and refuse what the plan rules out.

Pure functions over the plan: they build `Entry` / `EventEntry` values or raise a
`UsageError` in domain words (problems.py: NeedsReason, NotInvolved, …). Writing them to disk is `store`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from hoinhap_cli.model.shapes import PlanShape, UnitT
from hoinhap_cli.model.units import takes_part
from hoinhap_cli.rules.selection import find_task, visible
from hoinhap_cli.rules.selection import resolve_unit as resolve
from hoinhap_cli.words.i18n import MESSAGES
from hoinhap_cli.words.periods import quarter_of, signed_day
from hoinhap_cli.words.problems import (
    DayOutOfRange,
    NeedsReason,
    NotInvolved,
    RefusedCharacter,
    UnknownEvent,
    UnknownStatus,
    UsageError,
    words,
)
from hoinhap_cli.words.text import nfc, refused_in_text, similar
from hoinhap_cli.words.vocab import Status, status_of, status_words

if TYPE_CHECKING:  # the models are imported where an entry is built: status words need no pydantic
    from hoinhap_cli.model.model import Entry, Event, EventEntry, Plan, Task, Unit


def parse_status(text: str) -> Status:
    """English ids (in-progress) or the Vietnamese words, with or without diacritics."""
    found = status_of(text)
    if found is not None:
        return found
    known = status_words()
    accepted = ", ".join(f"{s.value} ({MESSAGES[f'status.{s.value}'][0]})" for s in Status)
    raise UnknownStatus(text, similar(text, list(known)), accepted)


def resolve_unit(plan: PlanShape[UnitT], text: str) -> UnitT:
    """The one unit a text names (id, name or alias, diacritics optional), as every command reads it."""
    visible(text, "unit")
    return resolve(plan.units, text)


def find_event(plan: Plan, text: str) -> Event:
    visible(text, "event")
    for event in plan.events:
        if event.id == text.strip():
            return event
    known = [e.id for e in plan.events]
    raise UnknownEvent(text, similar(text, known), known)


def parse_day(plan: Plan, day: date | None, today: date) -> date:
    """A date that progress can carry: not in the future, not before the decision was signed."""
    if day is None:
        day = today
    if day > today:
        raise DayOutOfRange("future", day.isoformat(), today.isoformat())
    signed = signed_day(plan)
    if day < signed:
        raise DayOutOfRange("before_signing", day.isoformat(), signed.isoformat())
    return day


def _text(value: str | None, field: str) -> str | None:
    """Free text as stored: NFC (decomposed Vietnamese is composed), otherwise kept exactly.

    Control characters other than tab and line feed are refused (text.refused_in_text)."""
    if not value:
        return None
    ch = refused_in_text(value)
    if ch is not None:
        raise RefusedCharacter(field, ch)
    return nfc(value)


@dataclass(frozen=True)
class Recorded:
    entry: Entry
    task: Task
    unit: Unit
    period: str  # the quarter of the entry's date: which file it goes in
    unit_defaulted: bool
    forced: bool


def build_entry(plan: Plan, *, task: str, status: str, today: date, milestone: int | None = None,
                day: date | None = None, unit: str | None = None, note: str | None = None,
                reason: str | None = None, evidence: str | None = None, force: bool = False) -> Recorded:
    found = find_task({t.id: t for t in plan.tasks}, task)
    state = parse_status(status)
    if milestone is not None and not 1 <= milestone <= len(found.milestones):
        raise UsageError(words("entry.milestone_range", task=found.id, n=len(found.milestones), milestone=milestone))
    when = parse_day(plan, day, today)
    if state in (Status.BLOCKED, Status.DROPPED) and not (reason and reason.strip()):
        raise NeedsReason(state.value)
    units = {u.id: u for u in plan.units}
    if unit is None:
        if not found.lead:
            raise UsageError(words("entry.no_lead", task=found.id))
        who, defaulted = units[found.lead[0]], True
    else:
        who, defaulted = resolve_unit(plan, unit), False
    involved = takes_part(units, found, who.id)
    if not involved and not force:
        raise NotInvolved(who.id, found.id, [*(found.lead or []), *(found.support or [])])
    from hoinhap_cli.model.model import Entry  # pydantic only when an entry is built (see TYPE_CHECKING above)

    entry = Entry(task=found.id, milestone=milestone, status=state, date=when, note=_text(note, "note"),
                  reason=_text(reason, "reason"), evidence=_text(evidence, "evidence"), forced=not involved)
    return Recorded(entry, found, who, quarter_of(when).label, defaulted, not involved)


REPEATING = ("recurring", "ongoing", "none")
"""Deadline kinds a single entry never closes for good: a whole-task entry speaks for them."""


def choose_milestone(task: str, unit: str, kinds: list[str], labels: list[str], closed: list[bool]) -> int | None:
    """The milestone (0-based) an entry naming none is for: None (the whole task) when the task has
    one milestone or only repeating ones; else the earliest dated milestone still open for the unit
    (`closed[i]`: its word on milestone i is done or dropped). Refused when every dated milestone is
    closed for it: which one is meant cannot be guessed, and a future one must never close silently."""
    if len(kinds) <= 1:
        return None
    dated = [i for i, kind in enumerate(kinds) if kind not in REPEATING]
    if not dated:
        return None
    for i in dated:
        if not closed[i]:
            return i
    listed = ", ".join(f"{i + 1}: {label}" for i, label in enumerate(labels))
    raise UsageError(words("entry.all_closed", task=task, unit=unit), [words("entry.all_closed.hint", listed=listed)])


def build_event(plan: Plan, *, event: str, day: date, today: date, note: str | None = None,
                evidence: str | None = None) -> tuple[EventEntry, Event, str, str]:
    """The event entry, the event, the unit whose report holds it (the standing agency), the quarter."""
    found = find_event(plan, event)
    when = parse_day(plan, day, today)
    from hoinhap_cli.model.model import EventEntry  # pydantic only when an entry is built

    entry = EventEntry(event=found.id, date=when, note=_text(note, "note"), evidence=_text(evidence, "evidence"))
    return entry, found, plan.decision.standing_agency, quarter_of(when).label
