"""Checks across plan.yaml for the structures of any plan, not only the shipped one (docs/plan-format.md):
nested groups (`parent`), columns continued from merged cells (`inherits`), lead↔support `pairs`,
a reporting duty's fixed days (`on:`) and ad-hoc duties. Each returns problems at file:line:col;
`validation.plan_problems` runs them beside its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hoinhap_cli.files.yamlio import Located
from hoinhap_cli.model.model import Plan, Task
from hoinhap_cli.words.periods import month_day
from hoinhap_cli.words.problems import Problem, Words, words
from hoinhap_cli.words.text import similar


def inherited(task: Task, name: str) -> bool:
    return task.inherits is not None and name in task.inherits.fields


def group_problems(plan: Plan, doc: Located, programs: dict) -> list[Problem]:
    """Nested groups: a `parent` names a programme, and no group is its own ancestor."""
    out = []
    for i, p in enumerate(plan.programs):
        if p.parent is None:
            continue
        if p.parent not in programs:
            out.append(unknown(doc, ("programs", i, "parent"), "programme", p.parent, set(programs)))
            continue
        if _first_of_loop(p.id, lambda pid: programs[pid].parent if pid in programs else None, list(programs)):
            out.append(doc.problem(("programs", i, "parent"), words("val.group_cycle", id=p.id)))
    return out


def _first_of_loop(start: str, step: Callable[[str], str | None], order: list[str]) -> bool:
    """Whether following `step` from `start` comes back to it, and `start` comes first in `order`
    of the loop's members: a loop is one mistake, said once."""
    chain, current = [start], step(start)
    while current is not None and current not in chain:
        chain.append(current)
        current = step(current)
    return current == start and min(chain, key=order.index) == start


def _source(task: Task | None) -> str | None:
    """The task whose merged cells a task continues, if any."""
    if task is None:
        return None
    return task.inherits.from_ if task.inherits is not None else task.units_from


_INHERITED_KEY = {"due": "milestones", "products": "products", "funding": "funding", "lead": "lead",
                  "support": "support"}


def merged_cell_problems(doc: Located, i: int, task: Task, tasks: dict) -> list[Problem]:
    """`inherits`: a known task, no cycle, no field both given and inherited, not beside units_from;
    `pairs`: each pair's units among the task's own lead and support."""
    out = []
    at = ("tasks", i)
    inh = task.inherits
    if inh is not None:
        if task.units_from is not None:
            out.append(doc.problem((*at, "inherits"), words("val.inherits.units_from"), key=True))
        for name in inh.fields:
            key = _INHERITED_KEY[name]
            value = getattr(task, key)
            if value is not None and value != []:
                out.append(doc.problem((*at, key), words("val.inherits.given", field=key, task=inh.from_), key=True))
        if inh.from_ not in tasks:
            out.append(unknown(doc, (*at, "inherits", "from"), "task", inh.from_, set(tasks)))
        elif _first_of_loop(task.id, lambda tid: _source(tasks.get(tid)), list(tasks)):
            out.append(doc.problem((*at, "inherits", "from"), words("val.inherits.cycle", task=task.id)))
    for j, pair in enumerate(task.pairs):
        for role in ("lead", "support"):
            own = getattr(task, role)
            if own is None:  # inherited or missing: said elsewhere
                continue
            for k, uid in enumerate(getattr(pair, role)):
                if uid not in own:
                    out.append(doc.problem((*at, "pairs", j, role, k),
                                           words(f"val.pair_not_{role}", unit=uid, task=task.id)))
    return out


PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12}


def duty_days(doc: Located, i: int, d: Any) -> list[Problem]:
    """A duty's fixed days (`on:`): real days of the year, in order, one per period of its
    frequency, not beside a grace day; an ad-hoc duty has neither days nor a due rule."""
    at = ("reporting", "duties", i)
    if d.every == "ad-hoc":
        given = [k for k in ("on", "grace_day", "with_year") if getattr(d, k) is not None]
        given += ["due"] if d.due != "after" else []
        return [doc.problem((*at, k), words("val.adhoc_key", name=k), key=True) for k in given]
    if d.on is None:
        return []
    out = []
    if d.grace_day is not None:
        out.append(doc.problem((*at, "grace_day"), words("val.on_and_grace"), key=True))
    if len(d.on) != PER_YEAR[d.every]:
        out.append(doc.problem((*at, "on"), words("val.on_count", n=len(d.on), every=d.every,
                                                  want=PER_YEAR[d.every])))
    previous = None
    for j, text in enumerate(d.on):
        day = month_day(text)
        if day is None:
            out.append(doc.problem((*at, "on", j), words("val.on_no_day", day=text)))
        elif previous is not None and day <= previous:
            out.append(doc.problem((*at, "on", j), words("val.on_order", day=text)))
        else:
            previous = day
    return out


def unknown(doc: Located, path: tuple, what: str | Words, value: str, known: set[str]) -> Problem:
    near = similar(value, sorted(known))
    hint = words("val.did_you_mean", name=near[0]) if near else ""
    noun = words(f"noun.{what}") if isinstance(what, str) else what
    return doc.problem(path, words("val.unknown", what=noun, value=value, hint=hint))
