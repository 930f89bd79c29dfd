"""Which units a text names, and which tasks a unit, role or programme selects.

Unit texts are matched folded (case, tones, đ→d ignored) against ids, names and aliases:
an exact match wins; otherwise a unique partial match; several → ambiguous (exit 2 with the
candidates); none → unknown, with the nearest names. A ward also matches the tasks given to a
group it belongs to ("UBND 11 phường"), marked as via that group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from hoinhap_cli.ledger import Ledger
from hoinhap_cli.model import Task, Unit
from hoinhap_cli.problems import UsageError
from hoinhap_cli.text import fold, similar

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


def resolve_unit(ledger: Ledger, text: str) -> Unit:
    """One unit for a text, or a UsageError saying why not (ambiguous or unknown)."""
    found = find_units(ledger.units.values(), text)
    if len(found) == 1:
        return found[0]
    if found:
        listing = "; ".join(f"{u.id} ({u.name})" for u in found[:12])
        raise UsageError(f"'{text}' could mean {len(found)} units: {listing}",
                         ["type more of the name, or the unit id"])
    names = [n for u in ledger.units.values() for n in _names(u)]
    near = similar(text, names, limit=3)
    raise UsageError(f"no unit named '{text}'",
                     [f"did you mean: {', '.join(near)}?"] if near else ["hoinhap units lists every unit"])


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


@dataclass(frozen=True)
class TaskFilter:
    units: tuple[str, ...] = ()  # unit ids; several mean any of them
    role: Role = "any"
    program: str | None = None

    def involvements(self, ledger: Ledger, task: Task) -> list[Involvement]:
        found = [i for u in self.units for i in involvement(ledger, task, u)]
        return [i for i in found if self.role == "any" or i.role == self.role]

    def matches(self, ledger: Ledger, task: Task) -> bool:
        if self.program is not None and not in_program(task, self.program):
            return False
        return not self.units or bool(self.involvements(ledger, task))


def select(ledger: Ledger, f: TaskFilter) -> list[Task]:
    return [t for t in ledger.tasks.values() if f.matches(ledger, t)]


def check_program(ledger: Ledger, prefix: str) -> str:
    """A programme/section prefix that selects something, or a UsageError."""
    p = prefix.strip().rstrip(".")
    if not any(in_program(t, p) for t in ledger.tasks.values()):
        known = sorted({t.program for t in ledger.tasks.values()} |
                       {s.id for pr in ledger.plan.programs for s in pr.sections})
        raise UsageError(f"no programme, section or task '{prefix}'", [f"known: {', '.join(known)}"])
    return p
