"""What changed in meaning between two validated plans: a pure function, no I/O.

Both plans are compared as data, never as text, so formatting, comments, quoting style and the
order of tasks, units, programmes, list items and milestones are not changes. Texts are
compared with their whitespace collapsed (re-wrapping a `>-` block changes nothing).

Tasks are matched by id when their titles are alike; a task whose id changed but whose title
is the same or nearly so is *renumbered*, not removed and added. A task that keeps its id
under a rewritten title is the same task with a new title.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from dataclasses import field as _field
from difflib import SequenceMatcher
from typing import Any, TypeVar

from hoinhap_cli.model.model import Milestone, Plan, Task, Unit
from hoinhap_cli.words.text import fold, natural_key

# A title at least this alike (difflib ratio on folded text) is "the same or nearly the same".
SAME_TITLE = 0.85
# Two list items (notes, products) this alike are one item edited, not one removed and one added.
SAME_ITEM = 0.6
WORD_MARGIN = 0.35

KINDS = ("added", "removed", "renumbered", "moved", "title", "products", "deadline", "milestone",
         "lead", "support", "notes", "renamed", "aliases", "edited")
SCOPES = ("task", "unit", "program", "event", "decision", "plan")

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One change in substance.

    kind: added | removed | renumbered | moved | title | products | deadline | milestone |
          lead | support | notes | renamed | aliases | edited
    scope: task | unit | program | event | decision | plan
    """

    kind: str
    scope: str
    id: str | None  # the item's id (in the new plan; in the old one when removed)
    field: str | None = None  # the key that changed, e.g. "source", "milestones[2]", "objective"
    old: Any = None
    new: Any = None
    added: list[str] = _field(default_factory=list)
    removed: list[str] = _field(default_factory=list)
    days: int | None = None  # deadline moved: days between the due dates (+ later, − earlier)
    words: str | None = None  # a short word diff: [-old words-] {+new words+}

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# The fields a change names in the user's words (i18n `diff.field.<scope>.<field>`); any other by its key.
WORDED_FIELDS = frozenset({("task", "label"), ("task", "funding"), ("task", "remarks"), ("task", "pairs"),
                           ("task", "inherits"), ("program", "parent"), ("program", "label"), ("decision", "kind")})


def worded_field(c: Change) -> str | None:
    """The i18n key naming a change's field, when it has words of its own."""
    return f"diff.field.{c.scope}.{c.field}" if (c.scope, c.field) in WORDED_FIELDS else None


# ---------------------------------------------------------------- text helpers


def squash(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def ratio(a: str, b: str, at_least: float = 0.0) -> float:
    """difflib's similarity of the folded texts (0..1); when plainly below `at_least`, a cheaper estimate."""
    return _ratio(_key(a), _key(b), at_least)


def _key(text: str) -> tuple[str, list[str]]:
    folded = fold(squash(text) or "")
    return folded, folded.split()


def _ratio(a: tuple[str, list[str]], b: tuple[str, list[str]], at_least: float) -> float:
    if a[0] == b[0]:
        return 1.0
    if at_least > 0:
        # Comparing words first is ~20x cheaper than comparing characters, and texts this far
        # apart word by word are not "nearly the same" (a few typos keep most words equal).
        matcher = SequenceMatcher(None, a[1], b[1], autojunk=False)
        # each estimate is an upper bound of the next
        for estimate in (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio):
            words = estimate()
            if words < at_least - WORD_MARGIN:
                return words
    return SequenceMatcher(None, a[0], b[0], autojunk=False).ratio()


def word_diff(old: str, new: str, context: int = 3) -> str:
    """`… kept words [-removed-] {+added+} kept …`, equal runs cut to `context` words each side."""
    a, b = old.split(), new.split()
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    parts: list[str] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            run = a[i1:i2]
            first, last = n == 0, n == len(ops) - 1
            if first and len(run) > context + 1:
                parts += ["…", *run[-context:]]
            elif last and len(run) > context + 1:
                parts += [*run[:context], "…"]
            elif not first and not last and len(run) > 2 * context + 1:
                parts += [*run[:context], "…", *run[-context:]]
            else:
                parts += run
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(parts)


def _pair(old: list[T], new: list[T], key: Callable[[T], str], threshold: float) -> tuple[
        list[tuple[T, T]], list[T], list[T]]:
    """Pair alike items, best first; return (pairs, only in old, only in new)."""
    keys_o = [_key(key(o)) for o in old]  # fold each text once, not once per pair
    keys_n = [_key(key(n)) for n in new]
    scored = sorted(
        ((_ratio(ko, kn, threshold), i, j) for i, ko in enumerate(keys_o) for j, kn in enumerate(keys_n)),
        key=lambda s: -s[0],
    )
    used_o: set[int] = set()
    used_n: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if score < threshold:
            break
        if i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        pairs.append((i, j))
    pairs.sort()
    return ([(old[i], new[j]) for i, j in pairs],
            [o for i, o in enumerate(old) if i not in used_o],
            [n for j, n in enumerate(new) if j not in used_n])


def text_list_changes(old: Iterable[str], new: Iterable[str]) -> list[tuple[str | None, str | None]]:
    """Items removed (old, None), added (None, new) or edited (old, new); order is no change."""
    a = [squash(x) or "" for x in old]
    b = [squash(x) or "" for x in new]
    rest_b = list(b)
    only_a = []
    for x in a:  # exact matches first, as a multiset
        if x in rest_b:
            rest_b.remove(x)
        else:
            only_a.append(x)
    pairs, gone, came = _pair(only_a, rest_b, lambda s: s, SAME_ITEM)
    return [*pairs, *((x, None) for x in gone), *((None, y) for y in came)]


# ---------------------------------------------------------------- the diff


def diff(old: Plan, new: Plan) -> list[Change]:
    """Every change in substance from `old` to `new`, in a stable order."""
    changes: list[Change] = []
    changes += _fields("decision", None, old.decision.model_dump(mode="json"), new.decision.model_dump(mode="json"))
    changes += _fields("plan", None, old.plan.model_dump(mode="json"), new.plan.model_dump(mode="json"))
    changes += _by_id("program", old.programs, new.programs, lambda p: p.title)
    changes += _by_id("event", old.events, new.events, lambda e: e.name)
    unit_changes, renamed_ids = _units(old.units, new.units)
    changes += unit_changes
    changes += _tasks(old, new, renamed_ids)
    return changes


def _fields(scope: str, ident: str | None, old: dict[str, Any], new: dict[str, Any],
            skip: tuple[str, ...] = ()) -> list[Change]:
    """Generic comparison of plain (JSON) values, key by key."""
    out = []
    for key in dict.fromkeys([*old, *new]):
        if key in skip:
            continue
        a, b = old.get(key), new.get(key)
        if isinstance(a, str) and isinstance(b, str):
            if squash(a) != squash(b):
                out.append(Change("edited", scope, ident, key, a, b, words=word_diff(a, b)))
        elif _is_text_list(a) and _is_text_list(b):
            for x, y in text_list_changes(a or [], b or []):
                out.append(_list_item_change("notes" if key == "notes" else "edited", scope, ident, key, x, y))
        elif _norm(a) != _norm(b):
            out.append(Change("edited", scope, ident, key, a, b))
    return out


def _is_text_list(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(x, str) for x in value))


def _norm(value: Any) -> Any:
    """A value with texts squashed and lists of mappings ordered, so order is no change."""
    if isinstance(value, str):
        return squash(value)
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_norm(v) for v in value]
        return sorted(items, key=repr)
    return value


def _list_item_change(kind: str, scope: str, ident: str | None, key: str,
                      old: str | None, new: str | None) -> Change:
    if old is None:
        return Change(kind, scope, ident, key, None, new, added=[new or ""])
    if new is None:
        return Change(kind, scope, ident, key, old, None, removed=[old])
    return Change(kind, scope, ident, key, old, new, words=word_diff(old, new))


def _by_id(scope: str, old: list[Any], new: list[Any], name: Callable[[Any], str]) -> list[Change]:
    a = {x.id: x for x in old}
    b = {x.id: x for x in new}
    out = []
    for ident in sorted(a.keys() | b.keys(), key=natural_key if scope == "program" else str):
        if ident not in b:
            out.append(Change("removed", scope, ident, old=name(a[ident])))
        elif ident not in a:
            out.append(Change("added", scope, ident, new=name(b[ident])))
        else:
            out += _fields(scope, ident, a[ident].model_dump(mode="json"), b[ident].model_dump(mode="json"),
                           skip=("id",))
    return out


def _units(old: list[Unit], new: list[Unit]) -> tuple[list[Change], dict[str, str]]:
    a = {u.id: u for u in old}
    b = {u.id: u for u in new}
    gone = [a[i] for i in a if i not in b]
    came = [b[i] for i in b if i not in a]
    # A unit whose id changed but whose name did not is the same unit under a new id.
    pairs, gone, came = _pair(gone, came, lambda u: u.name, 1.0)
    renamed_ids = {o.id: n.id for o, n in pairs}
    out: list[Change] = []
    for o, n in pairs:
        out.append(Change("renamed", "unit", n.id, "id", o.id, n.id))
        out += _unit(o, n, renamed_ids)
    for u in gone:
        out.append(Change("removed", "unit", u.id, old=u.name))
    for u in came:
        out.append(Change("added", "unit", u.id, new=u.name))
    for ident in sorted(a.keys() & b.keys()):
        out += _unit(a[ident], b[ident], renamed_ids)
    return out, renamed_ids


def _unit(o: Unit, n: Unit, renamed_ids: dict[str, str]) -> list[Change]:
    out = []
    if squash(o.name) != squash(n.name):
        out.append(Change("renamed", "unit", n.id, "name", o.name, n.name, words=word_diff(o.name, n.name)))
    added, removed = _set_diff(o.aliases, n.aliases)
    if added or removed:
        out.append(Change("aliases", "unit", n.id, "aliases", list(o.aliases), list(n.aliases),
                          added=added, removed=removed))
    if o.kind != n.kind:
        out.append(Change("edited", "unit", n.id, "kind", o.kind.value, n.kind.value))
    added, removed = _set_diff([renamed_ids.get(m, m) for m in o.members], n.members)
    if added or removed:
        out.append(Change("edited", "unit", n.id, "members", list(o.members), list(n.members),
                          added=added, removed=removed))
    for x, y in text_list_changes(o.notes, n.notes):
        out.append(_list_item_change("notes", "unit", n.id, "notes", x, y))
    return out


def _set_diff(old: Iterable[str], new: Iterable[str]) -> tuple[list[str], list[str]]:
    a, b = list(dict.fromkeys(old)), list(dict.fromkeys(new))
    return [x for x in b if x not in a], [x for x in a if x not in b]


# ---------------------------------------------------------------- tasks


def match_tasks(old: list[Task], new: list[Task]) -> tuple[list[tuple[Task, Task]], list[Task], list[Task]]:
    """(pairs, removed, added): same id and alike title, then alike title, then same id."""
    by_new = {t.id: t for t in new}
    pairs: list[tuple[Task, Task]] = []
    rest_old, taken = [], set()
    for t in old:
        other = by_new.get(t.id)
        if other is not None and ratio(t.title, other.title, SAME_TITLE) >= SAME_TITLE:
            pairs.append((t, other))
            taken.add(t.id)
        else:
            rest_old.append(t)
    rest_new = [t for t in new if t.id not in taken]
    renumbered, rest_old, rest_new = _pair(rest_old, rest_new, lambda t: t.title, SAME_TITLE)
    pairs += renumbered
    by_new = {t.id: t for t in rest_new}
    removed = []
    for t in rest_old:  # same id, title rewritten: the same task
        other = by_new.pop(t.id, None)
        if other is None:
            removed.append(t)
        else:
            pairs.append((t, other))
    return pairs, removed, list(by_new.values())


def _tasks(old: Plan, new: Plan, renamed_ids: dict[str, str]) -> list[Change]:
    pairs, removed, added = match_tasks(old.tasks, new.tasks)
    out: list[Change] = []
    for t in removed:
        out.append(Change("removed", "task", t.id, old=t.title))
    for t in added:
        out.append(Change("added", "task", t.id, new=t.title))
    for o, n in pairs:
        out += _task(o, n, renamed_ids)
    order = {"removed": 0, "added": 1}
    return sorted(out, key=lambda c: (natural_key(c.id or "0"), order.get(c.kind, 2)))


def _task(o: Task, n: Task, renamed_ids: dict[str, str]) -> list[Change]:
    out = []
    if o.id != n.id:
        out.append(Change("renumbered", "task", n.id, "id", o.id, n.id))
    for key in ("program", "section"):
        if getattr(o, key) != getattr(n, key):
            out.append(Change("moved", "task", n.id, key, getattr(o, key), getattr(n, key)))
    if squash(o.title) != squash(n.title):
        out.append(Change("title", "task", n.id, "title", o.title, n.title, words=word_diff(o.title, n.title)))
    for role in ("lead", "support"):
        before = [renamed_ids.get(u, u) for u in getattr(o, role) or []]
        added, removed = _set_diff(before, getattr(n, role) or [])
        if added or removed:
            out.append(Change(role, "task", n.id, role, list(getattr(o, role) or []), list(getattr(n, role) or []),
                              added=added, removed=removed))
    product_changes = text_list_changes(o.products, n.products)
    for x, y in product_changes:
        out.append(_list_item_change("products", "task", n.id, "products", x, y))
    # a milestone naming an edited product still names the same product: no second change
    edited = {x: y for x, y in product_changes if x is not None and y is not None}
    out += _milestones(o, n, edited)
    for x, y in text_list_changes(o.notes, n.notes):
        out.append(_list_item_change("notes", "task", n.id, "notes", x, y))
    if o.id_assigned != n.id_assigned:
        out.append(Change("edited", "task", n.id, "id_assigned", o.id_assigned, n.id_assigned))
    return out + _row_cells(o, n, renamed_ids)


def _row_cells(o: Task, n: Task, renamed_ids: dict[str, str]) -> list[Change]:
    """The cells other plans add to a row: its own label, funding and remarks (texts, worded),
    its lead↔support pairs (in any order) and the merged cells it continues."""
    out = []
    for key in ("label", "funding", "remarks"):
        a, b = getattr(o, key), getattr(n, key)
        if squash(a) != squash(b):
            out.append(Change("edited", "task", n.id, key, a, b, words=word_diff(a, b) if a and b else None))
    a_pairs = [_pair_text(p, renamed_ids) for p in o.pairs]
    b_pairs = [_pair_text(p, {}) for p in n.pairs]
    if sorted(a_pairs) != sorted(b_pairs):
        added, removed = _set_diff(a_pairs, b_pairs)
        out.append(Change("edited", "task", n.id, "pairs", a_pairs, b_pairs, added=added, removed=removed))
    a_inh, b_inh = _inherits_text(o), _inherits_text(n)
    if a_inh != b_inh:
        out.append(Change("edited", "task", n.id, "inherits", a_inh, b_inh))
    return out


def _pair_text(pair: Any, renamed_ids: dict[str, str]) -> str:
    """A lead↔support pair as one comparable text: "lead, lead ← support, support"."""
    lead = ", ".join(sorted(renamed_ids.get(u, u) for u in pair.lead))
    support = ", ".join(sorted(renamed_ids.get(u, u) for u in pair.support))
    return f"{lead} ← {support}" if support else lead


def _inherits_text(task: Task) -> str | None:
    inh = task.inherits
    return None if inh is None else f"{inh.from_}: {', '.join(sorted(inh.fields))}"


def _ms_view(task: Task, m: Milestone, edited: dict[str, str] | None = None) -> dict[str, Any]:
    """A milestone as meaning: its product by text, not by position in the products list."""
    product = squash(task.products[m.product - 1]) if m.product and m.product <= len(task.products) else None
    if edited and product in edited:
        product = edited[product]
    return {"due": str(m.due), "source": squash(m.source), "product": product, "note": squash(m.note),
            "date": m.due.due}


def _milestones(o: Task, n: Task, edited: dict[str, str]) -> list[Change]:
    a = [_ms_view(o, m, edited) for m in o.milestones]
    b = [_ms_view(n, m) for m in n.milestones]
    same = lambda x, y: {k: v for k, v in x.items() if k != "date"} == {k: v for k, v in y.items() if k != "date"}  # noqa: E731
    rest_b = list(b)
    rest_a = []
    for x in a:  # identical milestones, in any order, are no change
        hit = next((y for y in rest_b if same(x, y)), None)
        if hit is None:
            rest_a.append(x)
        else:
            rest_b.remove(hit)
    pairs = []
    for key in ("due", "source", None):  # same deadline, then same words, then in order
        keep = []
        for x in rest_a:
            hit = next((y for y in rest_b if key is None or (x[key] is not None and x[key] == y[key])), None)
            if hit is None:
                keep.append(x)
            else:
                rest_b.remove(hit)
                pairs.append((x, hit))
        rest_a = keep
    out = []
    for x, y in pairs:
        if x["due"] != y["due"]:
            days = (y["date"] - x["date"]).days if x["date"] and y["date"] else None
            out.append(Change("deadline", "task", n.id, "due", x["due"], y["due"], days=days))
        for key in ("source", "product", "note"):
            if x[key] != y[key]:
                words = word_diff(x[key], y[key]) if x[key] and y[key] else None
                out.append(Change("milestone", "task", n.id, key, x[key], y[key], words=words))
    for x in rest_a:
        out.append(Change("removed", "task", n.id, "milestone", x["due"], None, removed=[x["due"]]))
    for y in rest_b:
        out.append(Change("added", "task", n.id, "milestone", None, y["due"], added=[y["due"]]))
    return out
