"""Which unit a text means, and whether a unit takes part in a task: the rules of units that
checking the files (validation) and choosing tasks (selection) share.

Unit texts are matched folded (case, tones, đ→d ignored) against ids, names and aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from hoinhap_cli.model.shapes import TaskShape, UnitShape, UnitT
from hoinhap_cli.words.text import closeness, fold


def names(unit: UnitShape) -> list[str]:
    """A unit's id, name and aliases: what a text naming it is matched against."""
    return [unit.id, unit.name, *unit.aliases]


def find_units(units: Iterable[UnitT], text: str) -> list[UnitT]:
    """Every unit the text could mean: exact matches if any, else partial matches."""
    wanted = fold(text)
    if not wanted:
        return []
    units = list(units)
    exact = [u for u in units if any(fold(n) == wanted for n in names(u))]
    if exact:
        return exact
    words = wanted.split()

    def partial(name: str) -> bool:  # every typed word starts some word of the name
        parts = fold(name).replace("-", " ").split()
        return all(any(p.startswith(w) for p in parts) for w in words)

    return [u for u in units if any(partial(n) for n in names(u))]


def suggest_units(units: Iterable[UnitShape], text: str, limit: int = 3) -> list[UnitShape]:
    """The units a mistyped id or name most likely means, for "did you mean": a unit whose
    name or alias is the text (diacritics ignored) first; then by the words shared with its
    id, name or aliases, each weighed by how few units use it (`ngan-hang-nong-nghiep` →
    cac-ngan-hang, not a unit that merely shares "nghiep"), plus the closeness of spelling
    (`phong-vhttt` → phong-vhtt, not any other "phong-")."""
    units = list(units)
    exact = find_units(units, text) if fold(text) else []
    wanted = set(name_words(text))
    used: dict[str, int] = {}
    for unit in units:
        for word in {w for n in names(unit) for w in name_words(n)}:
            used[word] = used.get(word, 0) + 1
    folded = fold(text)

    def score(unit: UnitShape) -> float:
        shared = max(sum(1 / used[w] for w in wanted & set(name_words(n))) for n in names(unit))
        close = max(closeness(folded, fold(n)) for n in names(unit))
        return shared + close if shared or close >= 0.5 else 0.0

    ranked = sorted(((-score(u), i) for i, u in enumerate(units) if u not in exact))
    return [*exact, *(units[i] for s, i in ranked if s < 0)][:limit]


def name_words(name: str) -> list[str]:
    """A name's words, folded, without punctuation (ids' hyphens too)."""
    return re.findall(r"[a-z0-9]+", fold(name))


# Whether a unit takes part in a task: the task names it as lead or support, or names a group
# it belongs to (a ward through "UBND 11 phường"). `reaches` is that rule; `takes_part` asks it
# of a task (validation, record), `selection.involvement` says how (listings: role, and via which group).


def reaches(units: Mapping[str, UnitShape], assigned: str, unit_id: str) -> bool:
    """A unit a task names reaches `unit_id`: it is that unit, or a group listing it as a member."""
    group = units.get(assigned)
    return assigned == unit_id or (group is not None and unit_id in group.members)


def takes_part(units: Mapping[str, UnitShape], task: TaskShape, unit_id: str) -> bool:
    return any(reaches(units, uid, unit_id) for uid in (*(task.lead or ()), *(task.support or ())))


