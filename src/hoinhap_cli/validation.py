"""Problems from the schema and from checks across the file, each with its file:line:col.

Pydantic's error locations are mapped back to YAML nodes; messages are chosen by error
*type*, never by matching pydantic's English text. Cross-checks are small functions that
return lists of problems, so `check` can report every problem at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from hoinhap_cli import guard, records
from hoinhap_cli.model import Plan, ReportFile, Status, Task
from hoinhap_cli.periods import Kind, Period, is_quarter
from hoinhap_cli.problems import Problem
from hoinhap_cli.selection import suggest_units, takes_part
from hoinhap_cli.shapes import TaskShape, UnitShape
from hoinhap_cli.text import fold, similar
from hoinhap_cli.vocab import WarningCode
from hoinhap_cli.yamlio import Located, format_path


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({value})".lower()
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if value is None:
        return "nothing (null)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
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


def schema_problems(err: ValidationError, doc: Located, model: type[BaseModel],
                    units: Sequence[UnitShape] = ()) -> list[Problem]:
    """Pydantic's errors at their file:line:col; `units` (the plan's) for "did you mean" of a
    unit written where its id belongs."""
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
        msg, at_key = _message(e, loc, doc, model, units)
        out.append(doc.problem(loc, msg, key=at_key))
    return out


def _message(e: ErrorDetails, loc: tuple[Any, ...], doc: Located, model: type[BaseModel],
             units: Sequence[UnitShape] = ()) -> tuple[str, bool]:
    """One pydantic error in the file's words, and whether it points at the key (not its value)."""
    kind = e["type"]
    value = e.get("input")
    if kind == "extra_forbidden":
        key = loc[-1]
        near = similar(str(key), _fields(model, loc))
        hint = f"; did you mean '{near[0]}'?" if near else ""
        allowed = ", ".join(_fields(model, loc))
        msg = f"unknown key '{key}'{hint} (allowed here: {allowed})"
    elif kind == "missing":
        msg = f"missing required key '{loc[-1]}'"
    elif kind in ("string_type", "str_type"):
        raw = doc.raw(loc)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and raw is not None:
            msg = f"{raw} is read as a number; quote it: \"{raw}\""
        else:
            msg = f"expected text, got {_describe(value)}"
    elif kind in ("int_type", "int_parsing"):
        msg = f"expected a whole number, got {_describe(value)}"
    elif kind == "bool_type":
        msg = f"expected true or false, got {_describe(value)}"
    elif kind in ("list_type",):
        msg = f"expected a list, got {_describe(value)}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        msg = f"expected a mapping of keys, got {_describe(value)}"
    elif kind == "string_pattern_mismatch":
        msg = f"{_describe(value)} is not a valid id here ({_pattern_hint(loc)})"
        if units and isinstance(value, str) and _pattern_hint(loc) == _UNIT_ID:
            msg += _did_you_mean_unit(units, value)
    elif kind == "enum":
        expected = e.get("ctx", {}).get("expected", "")
        near = similar(str(value), [x.strip(" '") for x in str(expected).replace(" or ", ",").split(",")])
        hint = f"; did you mean '{near[0]}'?" if near else ""
        msg = f"{_describe(value)} is not one of {expected}{hint}"
    elif kind == "too_short":
        msg = "must not be empty" if loc[-1] != "milestones" else \
            "a task needs at least one milestone (due: none if the document gives no time)"
    elif kind == "string_too_short":
        msg = "must not be empty: write the text, or remove the key if it is optional"
    elif kind in ("greater_than_equal", "greater_than"):
        msg = f"{_describe(value)} is too small ({e['msg'].lower()})"
    else:
        msg = e["msg"]
    return msg, kind == "extra_forbidden"


_UNIT_ID = "lower-case ASCII words joined by '-', e.g. phong-kinh-te"


def _did_you_mean_unit(units: Sequence[UnitShape], text: str) -> str:
    """"; did you mean 'id' (its name)?" — a unit's name written where its id belongs, the unit
    sharing the most words, or the nearest spelling (selection.suggest_units)."""
    near = suggest_units(units, text)
    return f"; did you mean '{near[0].id}'?" if near else ""


def _pattern_hint(loc: tuple[Any, ...]) -> str:
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if name in ("lead", "support", "members", "standing_agency", "unit", "event") or (
        name == "id" and len(loc) >= 1 and loc[0] in ("units", "events")
    ):
        return _UNIT_ID
    return "digits joined by dots, with an optional letter, e.g. 2.10 or 3.2.4a"


# ------------------------------------------------------------ plan cross-checks


def plan_problems(plan: Plan, doc: Located, text: str = "") -> list[Problem]:
    """The checks of a plan across its parts; `text`, the file's, to place indentation mistakes."""
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
                out.append(_unknown_unit(doc, ("units", i, "members", j), member, plan.units))
    if plan.decision.standing_agency not in unit_ids:
        out.append(_unknown_unit(doc, ("decision", "standing_agency"), plan.decision.standing_agency, plan.units))
    if plan.plan.period.end < plan.plan.period.start:
        out.append(doc.problem(("plan", "period", "end"), "the plan period ends before it starts"))
    programs = {p.id: p for p in plan.programs}
    tasks = {t.id: t for t in plan.tasks}
    events = {e.id for e in plan.events}
    period = Period(plan.plan.period.start, plan.plan.period.end, "plan")
    acked: dict[tuple[WarningCode, str | None], bool] = {(a.warning, a.task): False for a in plan.acknowledged}
    for i, task in enumerate(plan.tasks):
        out += _task_problems(plan, doc, i, task, unit_ids, programs, tasks, events, period, acked)
        if task.units_from is None and task.lead is None:
            out.append(_missing_lead(doc, ("tasks", i), text))
    out += _reporting_problems(plan, doc, unit_ids, tasks)
    return out + _acknowledgements(plan, doc, tasks, acked)


_FOLDED_KEY = re.compile(r"^(\s+)(lead|support|products|milestones|notes|units_from|section):(\s|$)")


def _missing_lead(doc: Located, at: tuple[str | int, ...], text: str) -> Problem:
    """No lead: often an over-indented `lead:` that YAML folded into the title above it — then
    the line that is wrong, not the task's first line."""
    title = doc.node_at((*at, "title"))
    key = doc.node_at((*at, "title"), key=True)
    if title is not None and key is not None and text and title is not key:
        lines = text.splitlines()
        for n in range(title.start_mark.line + 1, min(title.end_mark.line + 1, len(lines))):
            found = _FOLDED_KEY.match(lines[n])
            if found and len(found.group(1)) > key.start_mark.column:
                return Problem(doc.file, n + 1, len(found.group(1)) + 1,
                               f"'{found.group(2)}:' is indented into the title above it: line it up with "
                               f"'title:' (column {key.start_mark.column + 1})", "error", format_path(at))
    return doc.problem(at, "missing required key 'lead' (or units_from)")


def _acknowledged(acked: dict[tuple[WarningCode, str | None], bool], code: WarningCode, task: str) -> bool:
    """Whether plan.yaml accepts this warning of this task (`acknowledged:`); marks it used."""
    for key in ((code, task), (code, None)):
        if key in acked:
            acked[key] = True
            return True
    return False


def _acknowledgements(plan: Plan, doc: Located, tasks: dict, acked: dict[tuple[WarningCode, str | None], bool]
                      ) -> list[Problem]:
    """An acknowledgement of an unknown task is an error; one that accepts no warning, a warning."""
    out = []
    for i, ack in enumerate(plan.acknowledged):
        if ack.task is not None and ack.task not in tasks:
            out.append(_unknown(doc, ("acknowledged", i, "task"), "task", ack.task, set(tasks)))
        elif not acked[(ack.warning, ack.task)]:
            out.append(doc.problem(("acknowledged", i), f"acknowledges '{ack.warning.value}'"
                                   + (f" of task {ack.task}" if ack.task else "") + ", which is not warned of: "
                                   "remove it", severity="warning"))
    return out


def _reporting_problems(plan: Plan, doc: Located, unit_ids: set[str], tasks: dict) -> list[Problem]:
    """The reporting regime names units, a task row and its own duties that exist."""
    r = plan.reporting
    if r is None:
        return []
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for i, d in enumerate(r.duties):
        if d.id in seen:
            out.append(doc.problem(("reporting", "duties", i, "id"), f"duplicate duty id '{d.id}'"))
        seen.setdefault(d.id, i)
    if r.units_from is not None and r.units_from not in tasks:
        out.append(_unknown(doc, ("reporting", "units_from"), "task", r.units_from, set(tasks)))
    for j, uid in enumerate(r.units or []):
        if uid not in unit_ids:
            out.append(_unknown(doc, ("reporting", "units", j), "unit", uid, unit_ids))
    for i, d in enumerate(r.duties):
        for j, uid in enumerate(d.owners or []):
            if uid not in unit_ids:
                out.append(_unknown(doc, ("reporting", "duties", i, "owners", j), "unit", uid, unit_ids))
        if d.with_year is not None:
            other = r.duties[seen[d.with_year]] if d.with_year in seen else None
            if other is None:
                out.append(_unknown(doc, ("reporting", "duties", i, "with_year"), "duty", d.with_year, set(seen)))
            elif other.every != "year" or d.every == "year":
                out.append(doc.problem(("reporting", "duties", i, "with_year"),
                                       f"with_year pairs a quarterly or half-yearly duty with a yearly one; "
                                       f"'{d.id}' is every {d.every}, '{other.id}' every {other.every}"))
    return out


def _task_problems(plan: Plan, doc: Located, i: int, task: Task, unit_ids: set[str], programs: dict,
                   tasks: dict, events: set[str], period: Period, acked: dict) -> list[Problem]:
    out = []
    at = ("tasks", i)
    program = programs.get(task.program)
    if program is None:
        out.append(_unknown(doc, (*at, "program"), "programme", task.program, set(programs)))
    elif task.section is not None and task.section not in {s.id for s in program.sections}:
        out.append(_unknown(doc, (*at, "section"), f"section of programme {program.id}", task.section,
                            {s.id for s in program.sections}))
    if task.units_from is not None:
        for role in ("lead", "support"):  # point at the key to remove, not at units_from
            if getattr(task, role) is not None:
                out.append(doc.problem((*at, role), f"units_from takes lead and support from task "
                                       f"{task.units_from}: remove '{role}' here", key=True))
        source = tasks.get(task.units_from)
        if source is None:
            out.append(_unknown(doc, (*at, "units_from"), "task", task.units_from, set(tasks)))
        elif source.units_from is not None:
            out.append(doc.problem((*at, "units_from"), f"task {source.id} takes its own units from elsewhere; "
                                   "point at the task that lists them"))
    for role in ("lead", "support"):
        for j, uid in enumerate(getattr(task, role) or []):
            if uid not in unit_ids:
                out.append(_unknown_unit(doc, (*at, role, j), uid, plan.units))
    signed = plan.decision.signed_on
    for j, m in enumerate(task.milestones):
        where = (*at, "milestones", j)
        d = m.due
        if m.product is not None and m.product > len(task.products):
            out.append(doc.problem((*where, "product"),
                                   f"product {m.product} does not exist: task {task.id} lists {len(task.products)}"))
        if d.kind is Kind.EVENT and d.event not in events:
            out.append(_unknown(doc, (*where, "due"), "event", d.event or "", events))
        if d.kind is Kind.RECURRING and d.window is not None and (
            d.window.start < period.start or d.window.end > period.end
        ):
            out.append(doc.problem((*where, "due"), f"'{d}' recurs outside the plan period "
                                   f"{period.start.year}–{period.end.year}"))
        if d.due is not None and period.start <= period.end and not (period.start <= d.due <= period.end) \
                and not _acknowledged(acked, WarningCode.DUE_OUTSIDE_PERIOD, task.id):
            out.append(doc.problem((*where, "due"), f"'{d}' falls outside the plan period "
                                   f"{period.start.isoformat()}..{period.end.isoformat()}", severity="warning"))
        if d.due is not None and d.due < signed and not _acknowledged(acked, WarningCode.DUE_BEFORE_SIGNING, task.id):
            out.append(doc.problem((*where, "due"),
                                   f"task {task.id}: due {d.due.isoformat()} ({d}), before the decision was signed "
                                   f"on {signed.isoformat()}", severity="warning"))
        if d.kind is Kind.NONE and not _acknowledged(acked, WarningCode.NO_DEADLINE, task.id):
            out.append(doc.problem((*where, "due"), f"task {task.id} has no deadline (the document gives none)",
                                   severity="warning"))
    return out


def _unique(doc: Located, key: str, ids: list[str], what: str) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for i, ident in enumerate(ids):
        if ident in seen:
            line, _ = doc.position((key, seen[ident], "id"))
            out.append(doc.problem((key, i, "id"), f"duplicate {what} id '{ident}' (first at line {line})"))
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
                out.append(doc.problem(path, f"'{name}' also names unit '{owner[key]}': a name must point at one unit"))
            owner.setdefault(key, unit.id)
    return out


def _unknown(doc: Located, path: tuple, what: str, value: str, known: set[str]) -> Problem:
    near = similar(value, sorted(known))
    hint = f"; did you mean '{near[0]}'?" if near else ""
    return doc.problem(path, f"unknown {what} '{value}'{hint}")


def _unknown_unit(doc: Located, path: tuple, value: str, units: Sequence[UnitShape]) -> Problem:
    return doc.problem(path, f"unknown unit '{value}'{_did_you_mean_unit(units, value)}")


# ------------------------------------------------------------ report checks


@dataclass(frozen=True)
class PlanIndex:
    """What report checks look up in the plan, built once per load, not once per report file
    (per file it cost 15 s of a 25 s check at 10,000 tasks and 2,556 report files)."""

    units: set[str]
    tasks: dict[str, TaskShape]
    events: set[str]
    by_id: dict[str, UnitShape]  # for selection.takes_part
    duties: dict[str, str]  # reporting duty id -> how often (quarter, half, year)

    @classmethod
    def of(cls, plan: Plan | records.Plan) -> PlanIndex:
        duties = {d.id: d.every for d in plan.reporting.duties} if plan.reporting is not None else {}
        return cls({u.id for u in plan.units}, {t.id: t for t in plan.tasks}, {e.id for e in plan.events},
                   {u.id: u for u in plan.units}, duties)


_NEEDS_REASON = frozenset((Status.BLOCKED, Status.DROPPED))


def report_problems(report: ReportFile, doc: Located, plan: Plan | records.Plan, expected_unit: str | None,
                    expected_period: str | None, today: date, index: PlanIndex | None = None) -> list[Problem]:
    out = []
    index = index or PlanIndex.of(plan)
    units, tasks, events = index.units, index.tasks, index.events
    if report.unit not in units:
        out.append(_unknown_unit(doc, ("unit",), report.unit, list(index.by_id.values())))
    if expected_unit is not None and report.unit != expected_unit:
        if expected_unit not in units:
            near = suggest_units(index.by_id.values(), expected_unit)
            hint = f" (did you mean '{near[0].id}'?)" if near else ""
            out.append(doc.problem(("unit",), f"the file name '{expected_unit}' is not a unit of the plan{hint}: "
                                   f"a report is named <unit-id>.yaml, here {report.unit}.yaml"))
        else:
            out.append(doc.problem(("unit",), f"the file is named for unit '{expected_unit}' but says unit: "
                                   f"{report.unit}"))
    if expected_period is not None and not is_quarter(expected_period):
        out.append(doc.problem(("period",), f"the folder '{expected_period}' is not a quarter: a report belongs in "
                               f"reports/<YYYY-Qn>/<unit-id>.yaml, here reports/{report.period}/"))
    elif expected_period is not None and report.period.label != expected_period:
        out.append(doc.problem(("period",),
                               f"the file is in folder {expected_period} but says period: {report.period}"))
    signed = plan.decision.signed_on
    reporter = report.unit in units  # a unit may report on a task it takes part in (selection.takes_part)
    # A date needs a closer look (_date_problems) only outside [first, last].
    first, last = max(signed, report.period.start), min(today, report.period.end)
    for i, entry in enumerate(report.entries):
        task = tasks.get(entry.task)
        if task is None:
            out.append(_unknown(doc, ("entries", i, "task"), "task", entry.task, set(tasks)))
        elif entry.milestone is not None and entry.milestone > len(task.milestones):
            out.append(doc.problem(("entries", i, "milestone"), f"task {task.id} has {len(task.milestones)} "
                                   f"milestone(s), not {entry.milestone}"))
        if not first <= entry.date <= last:
            out += _date_problems(doc, ("entries", i, "date"), entry.date, report, signed, today)
        if entry.status in _NEEDS_REASON and not entry.reason:
            out.append(doc.problem(("entries", i), f"status {entry.status.value} needs a reason: add reason: …"))
        if task is not None and reporter and not entry.forced and not takes_part(index.by_id, task, report.unit):
            out.append(doc.problem(("entries", i, "task"), f"unit '{report.unit}' is neither lead nor support of "
                                   f"task {task.id}; add forced: true if this is intended"))
    if report.submitted is not None:
        if report.submitted > today:
            out.append(doc.problem(("submitted",), f"{report.submitted.isoformat()} is after today "
                                   f"({today.isoformat()}): outside the view until then", severity="warning"))
        elif report.submitted < report.period.start:
            out.append(doc.problem(("submitted",), f"{report.submitted.isoformat()} is before the quarter "
                                   f"{report.period} began ({report.period.start.isoformat()})"))
    for i, ev in enumerate(report.events):
        if ev.event not in events:
            out.append(_unknown(doc, ("events", i, "event"), "event", ev.event, events))
        out += _date_problems(doc, ("events", i, "date"), ev.date, report, signed, today)
    return out + _submission_problems(report, doc, index.duties, today)


_FREQUENCY = {"quarter": r"\d{4}-Q[1-4]", "half": r"\d{4}-H[12]", "year": r"\d{4}"}


def _submission_problems(report: ReportFile, doc: Located, duties: dict[str, str], today: date) -> list[Problem]:
    out = []
    for i, s in enumerate(report.submissions):
        every = duties.get(s.duty)
        if every is None:
            out.append(_unknown(doc, ("submissions", i, "duty"), "reporting duty", s.duty, set(duties)))
        elif not re.fullmatch(_FREQUENCY[every], s.period.label):
            out.append(doc.problem(("submissions", i, "period"), f"duty '{s.duty}' is reported every {every}, "
                                   f"not for {s.period}"))
        if s.date > today:
            out.append(doc.problem(("submissions", i, "date"), f"{s.date.isoformat()} is in the future "
                                   f"(today is {today.isoformat()})"))
    return out


def _date_problems(doc: Located, path: tuple, day: date, report: ReportFile, signed: date,
                   today: date) -> list[Problem]:
    # A date after today is outside the view, not wrong (a look back with HOINHAP_TODAY sees
    # later entries); only writing one is refused (progress). A warning, in case of a typo.
    out = [doc.problem(path, f"{day.isoformat()} is after today ({today.isoformat()}): outside the view "
                       "until then", severity="warning")] if day > today else []
    if day < signed:
        out.append(doc.problem(path, f"{day.isoformat()} is before the decision was signed ({signed.isoformat()})"))
    elif not report.period.start <= day <= report.period.end:  # not quarter_of(day): 100,000 Periods
        out.append(doc.problem(path, f"{day.isoformat()} is outside the file's quarter {report.period} "
                               f"({report.period.start.isoformat()}..{report.period.end.isoformat()})"))
    return out
