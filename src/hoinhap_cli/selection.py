"""Which units a text names, and which tasks a unit, role or programme selects.

Unit texts are matched folded (case, tones, đ→d ignored) against ids, names and aliases:
an exact match wins; otherwise a unique partial match; several → ambiguous (exit 2 with the
candidates); none → unknown, with the nearest names. A ward also matches the tasks given to a
group it belongs to ("UBND 11 phường"), marked as via that group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from hoinhap_cli.i18n import t
from hoinhap_cli.ledger import Ledger
from hoinhap_cli.periods import Kind, Period
from hoinhap_cli.problems import UsageError
from hoinhap_cli.text import fold, similar
from hoinhap_cli.vocab import UnitKind

if TYPE_CHECKING:
    from hoinhap_cli.model import Task, Unit

Role = Literal["lead", "support", "any"]


def _names(unit: Unit) -> list[str]:
    return [unit.id, unit.name, *unit.aliases]


def find_units(units: Iterable[Unit], text: str) -> list[Unit]:
    """Every unit the text could mean: exact matches if any, else partial matches."""
    wanted = fold(text)
    if not wanted:
        return []
    units = list(units)
    exact = [u for u in units if any(fold(n) == wanted for n in _names(u))]
    if exact:
        return exact
    words = wanted.split()

    def partial(name: str) -> bool:  # every typed word starts some word of the name
        parts = fold(name).replace("-", " ").split()
        return all(any(p.startswith(w) for p in parts) for w in words)

    return [u for u in units if any(partial(n) for n in _names(u))]


def resolve_unit(units: Iterable[Unit], text: str, lang: str = "vi") -> Unit:
    """One unit for a text, or a UsageError saying why not (ambiguous or unknown)."""
    units = list(units)
    found = find_units(units, text)
    if len(found) == 1:
        return found[0]
    if found:
        listing = "; ".join(f"{u.id} ({u.name})" for u in found[:12])
        raise UsageError(t("unit.ambiguous", lang, text=text, n=len(found), listing=listing),
                         [t("unit.ambiguous.hint", lang)])
    names = [n for u in units for n in _names(u)]
    near = similar(text, names, limit=3)
    raise UsageError(t("unit.unknown", lang, text=text),
                     [t("hint.did_you_mean", lang, names=", ".join(near))] if near else [t("unit.unknown.hint", lang)])


def short_name(unit: Unit) -> str:
    """The name for narrow tables: the shortest of the document's abbreviated spellings.

    "Phòng QLĐT" for "Phòng Quản lý đô thị" (never the bare "QLĐT": the spelling must start
    like the name), "UBND phường Cát Lái" for "Ủy ban nhân dân phường Cát Lái"; a unit the
    document never abbreviates keeps its full name.
    """
    import re

    first = fold(unit.name).split()[0]
    heads = {first} | ({"ubnd"} if fold(unit.name).startswith("uy ban nhan dan") else set())

    def abbreviated(n: str) -> bool:
        return any(len(w) >= 2 and w.isupper() for w in re.split(r"[\s\-.,]+", n))

    fits = [n for n in unit.aliases if abbreviated(n) and fold(n).split()[0] in heads]
    return min(fits, key=len) if fits else unit.name


def find_kind(text: str, lang: str = "vi") -> UnitKind:
    """A unit kind typed loosely ("phong", "ubnd phuong")."""
    wanted = fold(text)
    for kind in UnitKind:
        if fold(kind.value) == wanted or kind.name.lower() == wanted.replace(" ", "_"):
            return kind
    raise UsageError(t("unit.kind.unknown", lang, text=text),
                     [t("unit.kind.known", lang, kinds=", ".join(k.value for k in UnitKind))])


@dataclass(frozen=True)
class Involvement:
    unit: str  # the unit asked about
    role: Literal["lead", "support"]
    via: str | None = None  # the group through which it is involved, if any


def involvement(ledger: Ledger, task: Task, unit_id: str) -> list[Involvement]:
    out = []
    for role in ("lead", "support"):
        for assigned in getattr(task, role) or []:
            if assigned == unit_id:
                out.append(Involvement(unit_id, role))  # type: ignore[arg-type]
            elif unit_id in ledger.units[assigned].members:
                out.append(Involvement(unit_id, role, via=assigned))  # type: ignore[arg-type]
    return out


def in_program(task: Task, prefix: str) -> bool:
    """`3` selects programme 3; `3.2` section 3.2; `2.10` that task (and 2.10a is not 2.10)."""
    p = prefix.strip().rstrip(".")
    return (task.program == p or task.section == p or task.id == p or task.id.startswith(p + "."))


def search_text(task: Task) -> str:
    """What --search looks through: the task's words, its products and its notes, folded."""
    return fold(" \n ".join([task.title, *task.products, *task.notes]))


def matches_search(task: Task, text: str) -> bool:
    return fold(text) in search_text(task)


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


def due_window(before: date | None, after: date | None, within: Period | None, lang: str = "vi") -> Period | None:
    """The window the --due-* options describe together (their intersection), or None."""
    if before is None and after is None and within is None:
        return None
    start, end = (within.start, within.end) if within is not None else (date.min, date.max)
    if after is not None:
        start = max(start, after)
    if before is not None:
        end = min(end, before)
    if end < start:
        raise UsageError(t("due.empty_window", lang, start=start.isoformat(), end=end.isoformat()))
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
        if ledger.milestone_status(task.id, i).status.closed:
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
        found = [i for u in self.units for i in involvement(ledger, task, u)]
        return [i for i in found if self.role == "any" or i.role == self.role]

    def matches(self, ledger: Ledger, task: Task) -> bool:
        if self.program is not None and not in_program(task, self.program):
            return False
        if self.search and not matches_search(task, self.search):
            return False
        if not matches_due(ledger, task, self.due):
            return False
        if self.statuses and ledger.task_status(task.id).status.value not in self.statuses:
            return False
        return not self.units or bool(self.involvements(ledger, task))


_EVERYTHING = TaskFilter()


def select(ledger: Ledger, f: TaskFilter) -> list[Task]:
    return [t for t in ledger.tasks.values() if f.matches(ledger, t)]


def check_program(ledger: Ledger, prefix: str, lang: str = "vi") -> str:
    """A programme/section prefix that selects something, or a UsageError."""
    from hoinhap_cli.text import natural_key

    p = prefix.strip().rstrip(".")
    if not any(in_program(task, p) for task in ledger.tasks.values()):
        known = sorted({task.program for task in ledger.tasks.values()} |
                       {s.id for pr in ledger.plan.programs for s in pr.sections}, key=natural_key)
        raise UsageError(t("program.unknown", lang, text=prefix), [t("program.known", lang, ids=", ".join(known))])
    return p
