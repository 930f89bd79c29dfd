"""Problems from the schema and from checks across the file, each with its file:line:col.

Pydantic's error locations are mapped back to YAML nodes; messages are chosen by error
*type*, never by matching pydantic's English text. Cross-checks are small functions that
return lists of problems, so `check` can report every problem at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from hoinhap_cli import guard, records
from hoinhap_cli.i18n import MESSAGES
from hoinhap_cli.model import Plan, ReportFile, Status, Task
from hoinhap_cli.periods import Kind, Period, is_quarter
from hoinhap_cli.problems import Problem, Words, words
from hoinhap_cli.selection import takes_part
from hoinhap_cli.shapes import TaskShape, UnitShape
from hoinhap_cli.text import fold, similar
from hoinhap_cli.yamlio import Located


def status_words() -> dict[str, Status]:
    """Every spelling of a status the command line accepts (folded) → the status."""
    words: dict[str, Status] = {}
    for status in Status:
        vi, en = MESSAGES[f"status.{status.value}"]
        for word in (status.value, status.value.replace("-", " "), status.value.replace("-", "_"), vi, en):
            words[fold(word)] = status
    words[fold("hoàn tất")] = Status.DONE
    return words


def _describe(value: Any) -> str | Words:
    if isinstance(value, bool):
        return words("val.bool", value=str(value).lower())
    if isinstance(value, (int, float)):
        return words("val.number", value=value)
    if value is None:
        return words("val.null")
    if isinstance(value, list):
        return words("val.list")
    if isinstance(value, dict):
        return words("val.mapping")
    return f"'{value}'"


def _fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at a location, for 'did you mean'."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        annotation = field.annotation
        for candidate in _unwrap(annotation):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                current = candidate
                break
        else:
            return []
    return list(getattr(current, "model_fields", {}))


def _unwrap(annotation: Any) -> Iterator[Any]:
    args = getattr(annotation, "__args__", None)
    if not args:
        yield annotation
        return
    for arg in args:
        yield from _unwrap(arg)


def schema_problems(err: ValidationError, doc: Located, model: type[BaseModel]) -> list[Problem]:
    out = []
    found = guard.few_unknown(err.errors(include_url=False))  # 100,000 unknown keys: five named, the rest counted
    # A misspelt key (`staus:`) is one mistake: its "did you mean 'status'" says what the
    # "missing required key 'status'" in the same mapping would say again.
    misspelt = set()
    for e in found:
        if e["type"] == "extra_forbidden":
            near = similar(str(e["loc"][-1]), _fields(model, e["loc"]))
            if near:
                misspelt.add((*e["loc"][:-1], near[0]))
    for e in found:
        if e["type"] == "missing" and tuple(e["loc"]) in misspelt:
            continue
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        msg, at_key = _message(e, loc, doc, model)
        out.append(doc.problem(loc, msg, key=at_key))
    return out


def _message(e: ErrorDetails, loc: tuple[Any, ...], doc: Located, model: type[BaseModel]) -> tuple[str | Words, bool]:
    """One pydantic error in the file's words, and whether it points at the key (not its value)."""
    kind = e["type"]
    value = e.get("input")
    if kind == "extra_forbidden":
        key = loc[-1]
        near = similar(str(key), _fields(model, loc))
        hint: str | Words = words("val.did_you_mean", name=near[0]) if near else ""
        allowed = ", ".join(_fields(model, loc))
        msg: str | Words = words("val.unknown_key", field=key, hint=hint, allowed=allowed)
    elif kind == "missing":
        msg = words("val.missing_key", field=loc[-1])
    elif kind in ("string_type", "str_type"):
        raw = doc.raw(loc)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and raw is not None:
            msg = words("val.quote_number", raw=raw)
        else:
            msg = words("val.expected_text", got=_describe(value))
    elif kind in ("int_type", "int_parsing"):
        msg = words("val.expected_int", got=_describe(value))
    elif kind == "bool_type":
        msg = words("val.expected_bool", got=_describe(value))
    elif kind in ("list_type",):
        msg = words("val.expected_list", got=_describe(value))
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        msg = words("val.expected_mapping", got=_describe(value))
    elif kind == "string_pattern_mismatch":
        msg = words("val.bad_id", value=_describe(value), hint=_pattern_hint(loc))
    elif kind == "enum":
        expected = e.get("ctx", {}).get("expected", "")
        near = similar(str(value), [x.strip(" '") for x in str(expected).replace(" or ", ",").split(",")])
        hint = words("val.did_you_mean", name=near[0]) if near else ""
        word = status_words().get(fold(str(value).replace("-", " "))) if loc and loc[-1] == "status" else None
        if word is not None:  # the command line's words; files keep one spelling per status
            hint = words("val.status_id", id=word.value)
        msg = words("val.not_one_of", value=_describe(value), expected=expected, hint=hint)
    elif kind == "too_short":
        msg = words("val.empty") if loc[-1] != "milestones" else words("val.no_milestone")
    elif kind == "string_too_short":
        msg = words("val.empty_text")
    elif kind in ("greater_than_equal", "greater_than"):
        limit = e.get("ctx", {})
        msg = words("val.too_small", value=_describe(value), limit=limit.get("ge", limit.get("gt", "")))
    else:
        msg = e["msg"]
    return msg, kind == "extra_forbidden"


def _pattern_hint(loc: tuple[Any, ...]) -> Words:
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if name in ("lead", "support", "members", "standing_agency", "unit", "event") or (
        name == "id" and len(loc) >= 1 and loc[0] in ("units", "events")
    ):
        return words("val.pattern.unit")
    return words("val.pattern.task")


# ------------------------------------------------------------ plan cross-checks


def plan_problems(plan: Plan, doc: Located) -> list[Problem]:
    out: list[Problem] = []
    out += _unique(doc, "units", [u.id for u in plan.units], "unit")
    out += _unique(doc, "tasks", [t.id for t in plan.tasks], "task")
    out += _unique(doc, "programs", [p.id for p in plan.programs], "programme")
    out += _unique(doc, "events", [e.id for e in plan.events], "event")
    unit_ids = {u.id for u in plan.units}
    out += _aliases(plan, doc)
    for i, unit in enumerate(plan.units):
        for j, member in enumerate(unit.members):
            if member not in unit_ids:
                out.append(_unknown(doc, ("units", i, "members", j), "unit", member, unit_ids))
    if plan.decision.standing_agency not in unit_ids:
        out.append(_unknown(doc, ("decision", "standing_agency"), "unit", plan.decision.standing_agency, unit_ids))
    if plan.plan.period.end < plan.plan.period.start:
        out.append(doc.problem(("plan", "period", "end"), words("val.period_reversed")))
    programs = {p.id: p for p in plan.programs}
    tasks = {t.id: t for t in plan.tasks}
    events = {e.id for e in plan.events}
    period = Period(plan.plan.period.start, plan.plan.period.end, "plan")
    for i, task in enumerate(plan.tasks):
        out += _task_problems(plan, doc, i, task, unit_ids, programs, tasks, events, period)
    return out


def _task_problems(plan: Plan, doc: Located, i: int, task: Task, unit_ids: set[str],
                   programs: dict, tasks: dict, events: set[str], period: Period) -> list[Problem]:
    out = []
    at = ("tasks", i)
    program = programs.get(task.program)
    if program is None:
        out.append(_unknown(doc, (*at, "program"), "programme", task.program, set(programs)))
    elif task.section is not None and task.section not in {s.id for s in program.sections}:
        out.append(_unknown(doc, (*at, "section"), words("noun.section_of", id=program.id), task.section,
                            {s.id for s in program.sections}))
    if task.units_from is not None:
        for role in ("lead", "support"):  # point at the key to remove, not at units_from
            if getattr(task, role) is not None:
                out.append(doc.problem((*at, role), words("val.units_from.role", task=task.units_from, role=role),
                                       key=True))
        source = tasks.get(task.units_from)
        if source is None:
            out.append(_unknown(doc, (*at, "units_from"), "task", task.units_from, set(tasks)))
        elif source.units_from is not None:
            out.append(doc.problem((*at, "units_from"), words("val.units_from.chain", task=source.id)))
    elif task.lead is None:
        out.append(doc.problem(at, words("val.missing_lead")))
    for role in ("lead", "support"):
        for j, uid in enumerate(getattr(task, role) or []):
            if uid not in unit_ids:
                out.append(_unknown(doc, (*at, role, j), "unit", uid, unit_ids))
    signed = plan.decision.signed_on
    for j, m in enumerate(task.milestones):
        where = (*at, "milestones", j)
        d = m.due
        if m.product is not None and m.product > len(task.products):
            out.append(doc.problem((*where, "product"),
                                   words("val.no_product", product=m.product, task=task.id, n=len(task.products))))
        if d.kind is Kind.EVENT and d.event not in events:
            out.append(_unknown(doc, (*where, "due"), "event", d.event or "", events))
        if d.kind is Kind.RECURRING and d.window is not None and (
            d.window.start < period.start or d.window.end > period.end
        ):
            out.append(doc.problem((*where, "due"), words("val.recurs_outside", due=d, start=period.start.year,
                                                          end=period.end.year)))
        if d.due is not None and period.start <= period.end and not (period.start <= d.due <= period.end):
            out.append(doc.problem((*where, "due"), words("val.due_outside", due=d, start=period.start.isoformat(),
                                                          end=period.end.isoformat()), severity="warning"))
        if d.due is not None and d.due < signed:
            out.append(doc.problem((*where, "due"),
                                   words("val.due_before_signing", task=task.id, day=d.due.isoformat(), due=d,
                                         signed=signed.isoformat()), severity="warning"))
        if d.kind is Kind.NONE:
            out.append(doc.problem((*where, "due"), words("val.no_deadline", task=task.id), severity="warning"))
    return out


def _unique(doc: Located, key: str, ids: list[str], what: str) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for i, ident in enumerate(ids):
        if ident in seen:
            line, _ = doc.position((key, seen[ident], "id"))
            out.append(doc.problem((key, i, "id"), words("val.duplicate_id", what=words(f"noun.{what}"), id=ident,
                                                          line=line)))
        else:
            seen[ident] = i
    return out


def _aliases(plan: Plan, doc: Located) -> list[Problem]:
    owner: dict[str, str] = {}
    out = []
    for i, unit in enumerate(plan.units):
        names: list[tuple[str, str, tuple[str | int, ...]]] = [
            ("id", unit.id, ("units", i, "id")), ("name", unit.name, ("units", i, "name"))]
        names += [("alias", a, ("units", i, "aliases", j)) for j, a in enumerate(unit.aliases)]
        for _, name, path in names:
            key = fold(name)
            if key in owner and owner[key] != unit.id:
                out.append(doc.problem(path, words("val.name_twice", name=name, unit=owner[key])))
            owner.setdefault(key, unit.id)
    return out


def _unknown(doc: Located, path: tuple, what: str | Words, value: str, known: set[str]) -> Problem:
    near = similar(value, sorted(known))
    hint = words("val.did_you_mean", name=near[0]) if near else ""
    noun = words(f"noun.{what}") if isinstance(what, str) else what
    return doc.problem(path, words("val.unknown", what=noun, value=value, hint=hint))


# ------------------------------------------------------------ report checks


@dataclass(frozen=True)
class PlanIndex:
    """What report checks look up in the plan, built once per load, not once per report file
    (per file it cost 15 s of a 25 s check at 10,000 tasks and 2,556 report files)."""

    units: set[str]
    tasks: dict[str, TaskShape]
    events: set[str]
    by_id: dict[str, UnitShape]  # for selection.takes_part

    @classmethod
    def of(cls, plan: Plan | records.Plan) -> PlanIndex:
        return cls({u.id for u in plan.units}, {t.id: t for t in plan.tasks}, {e.id for e in plan.events},
                   {u.id: u for u in plan.units})


_NEEDS_REASON = frozenset((Status.BLOCKED, Status.DROPPED))


def report_problems(report: ReportFile, doc: Located, plan: Plan | records.Plan, expected_unit: str | None,
                    expected_period: str | None, today: date, index: PlanIndex | None = None) -> list[Problem]:
    out = []
    index = index or PlanIndex.of(plan)
    units, tasks, events = index.units, index.tasks, index.events
    if report.unit not in units:
        out.append(_unknown(doc, ("unit",), "unit", report.unit, units))
    if expected_unit is not None and report.unit != expected_unit:
        if expected_unit not in units:
            near = similar(expected_unit, sorted(units))
            hint = words("val.did_you_mean", name=near[0]) if near else ""
            out.append(doc.problem(("unit",), words("val.file_not_unit", name=expected_unit, hint=hint,
                                                    unit=report.unit)))
        else:
            out.append(doc.problem(("unit",), words("val.file_unit_differs", name=expected_unit, unit=report.unit)))
    if expected_period is not None and not is_quarter(expected_period):
        out.append(doc.problem(("period",), words("val.folder_not_quarter", folder=expected_period,
                                                  period=report.period)))
    elif expected_period is not None and report.period.label != expected_period:
        out.append(doc.problem(("period",), words("val.folder_period_differs", folder=expected_period,
                                                  period=report.period)))
    signed = plan.decision.signed_on
    reporter = report.unit in units  # a unit may report on a task it takes part in (selection.takes_part)
    # A date needs a closer look (_date_problems) only outside [first, last].
    first, last = max(signed, report.period.start), min(today, report.period.end)
    for i, entry in enumerate(report.entries):
        task = tasks.get(entry.task)
        if task is None:
            out.append(_unknown(doc, ("entries", i, "task"), "task", entry.task, set(tasks)))
        elif entry.milestone is not None and entry.milestone > len(task.milestones):
            out.append(doc.problem(("entries", i, "milestone"), words("val.no_milestone_n", task=task.id,
                                                                      n=len(task.milestones), m=entry.milestone)))
        if not first <= entry.date <= last:
            out += _date_problems(doc, ("entries", i, "date"), entry.date, report, signed, today)
        if entry.status in _NEEDS_REASON and not entry.reason:
            out.append(doc.problem(("entries", i), words("val.needs_reason", status=entry.status.value)))
        if task is not None and reporter and not entry.forced and not takes_part(index.by_id, task, report.unit):
            out.append(doc.problem(("entries", i, "task"), words("val.not_involved", unit=report.unit, task=task.id)))
    if report.submitted is not None:
        if report.submitted > today:
            out.append(doc.problem(("submitted",), words("val.future", day=report.submitted.isoformat(),
                                                         today=today.isoformat())))
        elif report.submitted < report.period.start:
            out.append(doc.problem(("submitted",), words("val.before_quarter", day=report.submitted.isoformat(),
                                                         period=report.period,
                                                         start=report.period.start.isoformat())))
    for i, ev in enumerate(report.events):
        if ev.event not in events:
            out.append(_unknown(doc, ("events", i, "event"), "event", ev.event, events))
        out += _date_problems(doc, ("events", i, "date"), ev.date, report, signed, today)
    return out


def _date_problems(doc: Located, path: tuple, day: date, report: ReportFile, signed: date,
                   today: date) -> list[Problem]:
    if day > today:
        return [doc.problem(path, words("val.future", day=day.isoformat(), today=today.isoformat()))]
    if day < signed:
        return [doc.problem(path, words("val.before_signing", day=day.isoformat(), signed=signed.isoformat()))]
    if not report.period.start <= day <= report.period.end:  # not quarter_of(day): 100,000 Periods
        return [doc.problem(path, words("val.outside_quarter", day=day.isoformat(), period=report.period,
                                        start=report.period.start.isoformat(), end=report.period.end.isoformat()))]
    return []
