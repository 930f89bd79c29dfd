"""What a progress entry may say: read loosely typed values and refuse what the plan rules out.

Pure functions over the plan: they build `Entry` / `EventEntry` values or raise `UsageError`
with a clear message. Writing them to disk is `store`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from hoinhap_cli.i18n import MESSAGES
from hoinhap_cli.periods import quarter_of
from hoinhap_cli.problems import UsageError
from hoinhap_cli.text import describe_char, fold, invisible_in, natural_key, nfc, normalise_id, refused_in_text, similar
from hoinhap_cli.vocab import Status

if TYPE_CHECKING:  # the models are imported where an entry is built: status words need no pydantic
    from hoinhap_cli.model import Entry, Event, EventEntry, Plan, Task, Unit


def parse_status(text: str) -> Status:
    """English ids (in-progress) or the Vietnamese words, with or without diacritics."""
    from hoinhap_cli.validation import status_words  # not at the top: it imports PyYAML, which a listing does not need

    words = status_words()
    found = words.get(fold(text.replace("_", " ").replace("-", " "))) or words.get(fold(text))
    if found is not None:
        return found
    near = similar(text, list(words))
    accepted = ", ".join(f"{s.value} ({MESSAGES[f'status.{s.value}'][0]})" for s in Status)
    hints = [f"did you mean '{near[0]}'?"] if near else []
    raise UsageError(f"unknown status '{text}': use one of {accepted}", hints)


def visible(text: str, what: str) -> str:
    """Refuse an id or name holding an invisible character: it would be kept, unseen, or match nothing."""
    found = invisible_in(text)
    if found is not None:
        ch, name = found
        raise UsageError(f"{what} '{text.replace(ch, '·')}' contains an invisible {name} (U+{ord(ch):04X}) "
                         "(shown as ·): delete it and type the text again")
    return text


def find_task(plan: Plan, text: str) -> Task:
    visible(text, "task id")
    ident = normalise_id(text)
    for task in plan.tasks:
        if task.id == ident:
            return task
    ids = sorted((t.id for t in plan.tasks), key=natural_key)
    near = similar(ident, ids)
    raise UsageError(f"unknown task '{text}'" + (f"; did you mean {near[0]}?" if near else ""),
                     [f"tasks: {', '.join(ids[:12])}{', …' if len(ids) > 12 else ''}"])


def resolve_unit(plan: Plan, text: str, lang: str = "vi") -> Unit:
    """The one unit a text names (id, name or alias, diacritics optional), as every command reads it."""
    from hoinhap_cli.selection import resolve_unit as resolve

    visible(text, "unit")
    return resolve(plan.units, text, lang)


def find_event(plan: Plan, text: str) -> Event:
    visible(text, "event id")
    for event in plan.events:
        if event.id == text.strip():
            return event
    near = similar(text, [e.id for e in plan.events])
    known = ", ".join(e.id for e in plan.events) or "none"
    raise UsageError(f"unknown event '{text}'" + (f"; did you mean '{near[0]}'?" if near else ""),
                     [f"events in the plan: {known}"])


def parse_day(plan: Plan, day: date | None, today: date, option: str = "--date") -> date:
    """A date that progress can carry: not in the future, not before the decision was signed."""
    if day is None:
        day = today
    if day > today:
        raise UsageError(f"{option} {day.isoformat()} is in the future (today is {today.isoformat()})",
                         ["HOINHAP_TODAY=YYYY-MM-DD sets today for scripted runs"])
    signed = plan.decision.signed_on
    if day < signed:
        raise UsageError(f"{option} {day.isoformat()} is before the decision was signed ({signed.isoformat()})")
    return day


def _text(value: str | None, option: str) -> str | None:
    """Free text as stored: NFC (decomposed Vietnamese is composed), otherwise kept exactly.

    Control characters other than tab and line feed are refused (text.refused_in_text)."""
    if not value:
        return None
    ch = refused_in_text(value)
    if ch is not None:
        raise UsageError(f"{option} contains {describe_char(ch)}: a note may hold any text, tabs and line "
                         "breaks, but no other control character; nothing was written")
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
    found = find_task(plan, task)
    state = parse_status(status)
    if milestone is not None and not 1 <= milestone <= len(found.milestones):
        raise UsageError(f"task {found.id} has {len(found.milestones)} milestone(s): "
                         f"--milestone {milestone} is out of range (1..{len(found.milestones)})")
    when = parse_day(plan, day, today)
    if state in (Status.BLOCKED, Status.DROPPED) and not (reason and reason.strip()):
        raise UsageError(f"status {state.value} needs --reason: the plan asks why work was not done")
    units = {u.id: u for u in plan.units}
    if unit is None:
        if not found.lead:
            raise UsageError(f"task {found.id} names no lead unit: pass --unit")
        who, defaulted = units[found.lead[0]], True
    else:
        who, defaulted = resolve_unit(plan, unit), False
    from hoinhap_cli.validation import involved

    takes_part = involved(plan, found, who.id)
    if not takes_part and not force:
        named = ", ".join([*(found.lead or []), *(found.support or [])]) or "none"
        raise UsageError(f"unit '{who.id}' is neither lead nor support of task {found.id} (units: {named})",
                         ["--force records it anyway, marked forced: true"])
    from hoinhap_cli.model import Entry

    entry = Entry(task=found.id, milestone=milestone, status=state, date=when, note=_text(note, "--note"),
                  reason=_text(reason, "--reason"), evidence=_text(evidence, "--evidence"), forced=not takes_part)
    return Recorded(entry, found, who, quarter_of(when).label, defaulted, not takes_part)


def build_event(plan: Plan, *, event: str, day: date, today: date, note: str | None = None,
                evidence: str | None = None) -> tuple[EventEntry, Event, str, str]:
    """The event entry, the event, the unit whose report holds it (the standing agency), the quarter."""
    found = find_event(plan, event)
    when = parse_day(plan, day, today)
    from hoinhap_cli.model import EventEntry

    entry = EventEntry(event=found.id, date=when, note=_text(note, "--note"), evidence=_text(evidence, "--evidence"))
    return entry, found, plan.decision.standing_agency, quarter_of(when).label
