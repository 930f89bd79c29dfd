"""Which units a text names, and which tasks a unit, role or programme selects.

Unit texts are matched folded (case, tones, đ→d ignored) against ids, names and aliases:
an exact match wins; otherwise a unique partial match; several → ambiguous (exit 2 with the
candidates); none → unknown, with the nearest names. A ward also matches the tasks given to a
group it belongs to ("UBND 11 phường"), marked as via that group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from hoinhap_cli.judgement import responsibility
from hoinhap_cli.model.records import Task
from hoinhap_cli.model.shapes import TaskShape, TaskT, UnitShape, UnitT
from hoinhap_cli.model.units import find_units, reaches
from hoinhap_cli.model.units import name_words as _words
from hoinhap_cli.model.units import names as unit_names
from hoinhap_cli.words.periods import Kind, Period
from hoinhap_cli.words.problems import (
    AmbiguousUnit,
    InvisibleCharacter,
    UnknownTask,
    UnknownUnit,
    UsageError,
    words,
)
from hoinhap_cli.words.text import fold, invisible_in, natural_key, normalise_id, similar
from hoinhap_cli.words.vocab import UnitKind

if TYPE_CHECKING:
    from hoinhap_cli.ledger.ledger import Ledger

Role = Literal["lead", "support", "any"]


def visible(text: str, what: Literal["task", "unit", "event"]) -> str:
    """Refuse an id or name holding an invisible character: it would be kept, unseen, or match nothing."""
    found = invisible_in(text)
    if found is not None:
        raise InvisibleCharacter(what, text, *found)
    return text


def resolve_unit(units: Iterable[UnitT], text: str) -> UnitT:
    """One unit for a text, or AmbiguousUnit / UnknownUnit (with the nearest names)."""
    units = list(units)
    found = find_units(units, text)
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousUnit(text, [(u.id, u.name) for u in found])
    names = [n for u in units for n in unit_names(u)]
    raise UnknownUnit(text, similar(text, names, limit=3))


def find_task(tasks: Mapping[str, TaskT], text: str) -> TaskT:
    """A task by an id typed loosely ("2,10", " 3.2.4A"), or UnknownTask with the nearest ids.

    The one way every command reads a task id (show, record, log)."""
    visible(text, "task")
    wanted = normalise_id(text)
    if wanted in tasks:
        return tasks[wanted]
    raise UnknownTask(text.strip(), similar(wanted, list(tasks), limit=3) if wanted else [])


def short_name(unit: UnitShape) -> str:
    """The name for narrow tables: the shortest of the document's abbreviated spellings.

    "Phòng QLĐT" for "Phòng Quản lý đô thị" (never the bare "QLĐT": the spelling must start
    like the name), "UBND phường Cát Lái" for "Ủy ban nhân dân phường Cát Lái"; a unit the
    document never abbreviates keeps its full name.
    """
    first = fold(unit.name).split()[0]
    heads = {first} | ({"ubnd"} if fold(unit.name).startswith("uy ban nhan dan") else set())

    def abbreviated(n: str) -> bool:
        return any(len(w) >= 2 and w.isupper() for w in re.split(r"[\s\-.,]+", n))

    fits = [n for n in unit.aliases if abbreviated(n) and fold(n).split()[0] in heads]
    return min(fits, key=len) if fits else unit.name


def find_kind(text: str) -> UnitKind:
    """A unit kind typed loosely ("phong", "ubnd phuong")."""
    wanted = fold(text)
    for kind in UnitKind:
        if fold(kind.value) == wanted or kind.name.lower() == wanted.replace(" ", "_"):
            return kind
    raise UsageError(words("unit.kind.unknown", text=text),
                     [words("unit.kind.known", kinds=", ".join(k.value for k in UnitKind))])


@dataclass(frozen=True)
class Involvement:
    unit: str  # the unit asked about
    role: Literal["lead", "support"]
    via: str | None = None  # the group through which it is involved, if any


def involvement(units: Mapping[str, UnitShape], task: TaskShape, unit_id: str) -> list[Involvement]:
    """Each role a unit holds in a task, itself or via a group (empty: it takes no part)."""
    out = []
    roles: tuple[tuple[Literal["lead", "support"], Iterable[str]], ...] = (
        ("lead", task.lead or ()), ("support", task.support or ()))
    for role, assigned in roles:
        for uid in assigned:
            if reaches(units, uid, unit_id):
                out.append(Involvement(unit_id, role, via=None if uid == unit_id else uid))
    return out


def in_program(task: Task, prefix: str) -> bool:
    """`3` selects programme 3; `3.2` section 3.2; `2.10` that task (and 2.10a is not 2.10)."""
    p = prefix.strip().rstrip(".")
    return (task.program == p or task.section == p or task.id == p or task.id.startswith(p + "."))


def search_words(text: str) -> list[str]:
    """The words of a search: folded (case, tones, đ→d ignored), punctuation dropped."""
    return _words(text)


def search_fields(ledger: Ledger, task: Task) -> list[tuple[str, str]]:
    """What --search looks through, as (field, text): the task's title, products and notes,
    then the notes, reasons and evidence recorded for it."""
    fields = [("title", task.title), *(("product", p) for p in task.products), *(("note", n) for n in task.notes)]
    for entry in ledger.dated(task.id):
        fields += [(name, text) for name, text in (("entry_note", entry.note), ("reason", entry.reason),
                                                   ("evidence", entry.evidence)) if text]
    return fields


def search_hits(ledger: Ledger, task: Task, words: list[str]) -> list[str]:
    """The fields where the words are found, in the order of `search_fields`, when every word
    starts a word of the task's fields (in any order, any field); else none."""
    found: dict[str, set[str]] = {}
    for name, text in search_fields(ledger, task):
        have = _words(text)
        hit = {w for w in words if any(h.startswith(w) for h in have)}
        if hit:
            found.setdefault(name, set()).update(hit)
    if not words or set().union(*found.values()) != set(words):
        return []
    return list(found)


def matches_search(ledger: Ledger, task: Task, text: str) -> bool:
    return bool(search_hits(ledger, task, search_words(text)))


# ------------------------------------------------------------------ deadlines
#
# A task falls due in a window when one of its milestones does:
#   dated kinds (quarter, half, year, by, date, span)  their due date is in the window
#   recurring ("every quarter", "every year")            one occurrence ends in the window
#                                                        (left out with --no-recurring)
#   event-bound ("after <event>")                        once the event is recorded: its due date
#                                                        (end of the quarter after the event);
#                                                        before that only with --include-pending
#   ongoing ("Thường xuyên")                             only with --include-ongoing (any window)
#   none (the document gives no time)                    never


@dataclass(frozen=True)
class DueRules:
    window: Period | None = None
    recurring: bool = True
    ongoing: bool = False
    pending: bool = False


def due_window(before: date | None, after: date | None, within: Period | None) -> Period | None:
    """The window the --due-* options describe together (their intersection), or None."""
    if before is None and after is None and within is None:
        return None
    start, end = (within.start, within.end) if within is not None else (date.min, date.max)
    if after is not None:
        start = max(start, after)
    if before is not None:
        end = min(end, before)
    if end < start:
        raise UsageError(words("due.empty_window", start=start.isoformat(), end=end.isoformat()))
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


def milestone_dates(ledger: Ledger, task: Task, index: int) -> list[date]:
    """Every date a milestone falls due on: one, several for a recurring duty, none if undated."""
    m = task.milestones[index]
    if m.due.kind is Kind.RECURRING:
        return [p.end for p in ledger.recurrences(task, index)]
    due = ledger.due_date(task, index)
    return [due] if due else []


def due_dates_in(ledger: Ledger, task: Task, rules: DueRules) -> list[date]:
    """The task's due dates inside the window (all of them when there is no window)."""
    out = []
    for i, m in enumerate(task.milestones):
        if m.due.kind is Kind.RECURRING and not rules.recurring:
            continue
        out += [d for d in milestone_dates(ledger, task, i) if rules.window is None or d in rules.window]
    return sorted(out)


def matches_due(ledger: Ledger, task: Task, rules: DueRules) -> bool:
    if rules.window is None:
        return True
    if due_dates_in(ledger, task, rules):
        return True
    for i, m in enumerate(task.milestones):
        if m.due.kind is Kind.ONGOING and rules.ongoing:
            return True
        if m.due.kind is Kind.EVENT and rules.pending and ledger.due_date(task, i) is None:
            return True
    return False


def next_due(ledger: Ledger, task: Task, rules: DueRules, today: date) -> date | None:
    """What --sort due orders by.

    With a window: the first due date inside it. Without: the first due date of a milestone
    not yet done or dropped (an overdue one comes first); for a recurring duty, its first
    occurrence ending on or after today. None (sorted last) when nothing is dated.
    """
    if rules.window is not None:
        found = due_dates_in(ledger, task, rules)
        return found[0] if found else None
    dates = []
    for i, m in enumerate(task.milestones):
        if m.due.kind is Kind.RECURRING:
            if rules.recurring:
                ends = milestone_dates(ledger, task, i)
                later = [d for d in ends if d >= today]
                dates += later[:1] or ends[-1:]
            continue
        if responsibility.milestone_status(ledger, task.id, i).status.closed:
            continue
        dates += milestone_dates(ledger, task, i)
    return min(dates) if dates else None


@dataclass(frozen=True)
class TaskFilter:
    units: tuple[str, ...] = ()  # unit ids; several mean any of them
    role: Role = "any"
    program: str | None = None
    search: str | None = None
    due: DueRules = DueRules()
    statuses: tuple[str, ...] = ()  # derived task status (latest entry); several mean any of them

    @property
    def everything(self) -> bool:
        """No option given: every task matches (a listing then skips asking, task by task)."""
        return self == _EVERYTHING

    def involvements(self, ledger: Ledger, task: Task) -> list[Involvement]:
        found = [i for u in self.units for i in involvement(ledger.units, task, u)]
        return [i for i in found if self.role == "any" or i.role == self.role]

    def matches(self, ledger: Ledger, task: Task) -> bool:
        if self.program is not None and not in_program(task, self.program):
            return False
        if self.search and not matches_search(ledger, task, self.search):
            return False
        if not matches_due(ledger, task, self.due):
            return False
        if self.statuses and responsibility.task_status(ledger, task.id).status.value not in self.statuses:
            return False
        return not self.units or bool(self.involvements(ledger, task))


_EVERYTHING = TaskFilter()


def select(ledger: Ledger, f: TaskFilter) -> list[Task]:
    return [t for t in ledger.tasks.values() if f.matches(ledger, t)]


def check_program(ledger: Ledger, prefix: str) -> str:
    """A programme/section prefix that selects something, or a UsageError."""
    p = prefix.strip().rstrip(".")
    if not any(in_program(task, p) for task in ledger.tasks.values()):
        known = sorted({task.program for task in ledger.tasks.values()} |
                       {s.id for pr in ledger.plan.programs for s in pr.sections}, key=natural_key)
        raise UsageError(words("program.unknown", text=prefix), [words("program.known", ids=", ".join(known))])
    return p
