"""Problems from checks across a file and across the files, each with its file:line:col.

Cross-checks are small functions that return lists of problems, so `check` can report every
problem at once; the schema's own problems are `schemaerrors`'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hoinhap_cli.files.yamlio import Located, format_path
from hoinhap_cli.model import records
from hoinhap_cli.model.model import Plan, ReportFile, Status, Task
from hoinhap_cli.model.planchecks import duty_days, group_problems, inherited, merged_cell_problems, unknown
from hoinhap_cli.model.schemaerrors import did_you_mean_unit
from hoinhap_cli.model.shapes import TaskShape, UnitShape
from hoinhap_cli.model.units import suggest_units, takes_part
from hoinhap_cli.words.periods import (
    Kind,
    Period,
    frequency,
    is_open_ended,
    is_quarter,
    plan_period,
    signed_day,
)
from hoinhap_cli.words.problems import Problem, words
from hoinhap_cli.words.text import describe_char, fold, refused_in_text
from hoinhap_cli.words.vocab import WarningCode

# ------------------------------------------------------------ plan cross-checks


def control_characters(doc: Located) -> list[Problem]:
    """Every text of the plan (keys and values) holding a character report text may not hold
    (`text.refused_in_text`: control characters but tab and line break, U+FFFE, a byte that was
    not UTF-8). libyaml refuses them raw; written as escapes in double quotes (`"\\e[31m"`,
    `"\\0"`, `"\\uFFFE"`) they would reach the terminal, the forms and the Word review."""
    out: list[Problem] = []
    for value, line, col in doc.scalars():
        ch = None if value.isprintable() else refused_in_text(value)
        if ch is not None:
            out.append(Problem(doc.file, line, col, words("val.control_char", char=describe_char(ch))))
    return out


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
    stated = plan.plan.period
    if stated is not None and stated.end < stated.start:
        out.append(doc.problem(("plan", "period", "end"), words("val.period_reversed")))
    programs = {p.id: p for p in plan.programs}
    tasks = {t.id: t for t in plan.tasks}
    events = {e.id for e in plan.events}
    found = plan_period(plan)
    if found is None:
        out.append(doc.problem(("plan",), words("period.none")))
    period = found or Period(date.min, date.max, "plan")
    acked: dict[tuple[WarningCode, str | None], bool] = {(a.warning, a.task): False for a in plan.acknowledged}
    out += group_problems(plan, doc, programs)
    for i, task in enumerate(plan.tasks):
        out += _task_problems(plan, doc, i, task, unit_ids, programs, tasks, events, period, acked)
        out += merged_cell_problems(doc, i, task, tasks)
        if task.units_from is None and task.lead is None and not inherited(task, "lead"):
            out.append(_missing_lead(doc, ("tasks", i), text))
        if not task.milestones and not inherited(task, "due"):
            out.append(doc.problem(("tasks", i), words("val.missing_key", field="milestones")))
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
                               words("val.folded_key", name=found.group(2), column=key.start_mark.column + 1),
                               "error", format_path(at))
    return doc.problem(at, words("val.missing_lead"))


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
            out.append(unknown(doc, ("acknowledged", i, "task"), "task", ack.task, set(tasks)))
        elif not acked[(ack.warning, ack.task)]:
            out.append(doc.problem(("acknowledged", i), words("val.ack_unused" if ack.task is None else
                                                              "val.ack_unused_task", code=ack.warning.value,
                                                              task=ack.task), severity="warning"))
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
            out.append(doc.problem(("reporting", "duties", i, "id"), words("val.duty_twice", id=d.id)))
        seen.setdefault(d.id, i)
    if r.units_from is not None and r.units_from not in tasks:
        out.append(unknown(doc, ("reporting", "units_from"), "task", r.units_from, set(tasks)))
    for j, uid in enumerate(r.units or []):
        if uid not in unit_ids:
            out.append(unknown(doc, ("reporting", "units", j), "unit", uid, unit_ids))
    for i, d in enumerate(r.duties):
        for j, uid in enumerate(d.owners or []):
            if uid not in unit_ids:
                out.append(unknown(doc, ("reporting", "duties", i, "owners", j), "unit", uid, unit_ids))
        out += duty_days(doc, i, d)
        if d.with_year is not None:
            other = r.duties[seen[d.with_year]] if d.with_year in seen else None
            if other is None:
                out.append(unknown(doc, ("reporting", "duties", i, "with_year"), "duty", d.with_year, set(seen)))
            elif other.every != "year" or d.every == "year":
                out.append(doc.problem(("reporting", "duties", i, "with_year"),
                                       words("val.with_year", id=d.id, every=d.every, other=other.id,
                                             other_every=other.every)))
    return out


def _task_problems(plan: Plan, doc: Located, i: int, task: Task, unit_ids: set[str], programs: dict,
                   tasks: dict, events: set[str], period: Period, acked: dict) -> list[Problem]:
    out = []
    at = ("tasks", i)
    program = programs.get(task.program)
    if program is None:
        out.append(unknown(doc, (*at, "program"), "programme", task.program, set(programs)))
    elif task.section is not None and task.section not in {s.id for s in program.sections}:
        out.append(unknown(doc, (*at, "section"), words("noun.section_of", id=program.id), task.section,
                            {s.id for s in program.sections}))
    if task.units_from is not None:
        for role in ("lead", "support"):  # point at the key to remove, not at units_from
            if getattr(task, role) is not None:
                out.append(doc.problem((*at, role), words("val.units_from.role", task=task.units_from, role=role),
                                       key=True))
        source = tasks.get(task.units_from)
        if source is None:
            out.append(unknown(doc, (*at, "units_from"), "task", task.units_from, set(tasks)))
        elif source.units_from is not None:
            out.append(doc.problem((*at, "units_from"), words("val.units_from.chain", task=source.id)))
    for role in ("lead", "support"):
        for j, uid in enumerate(getattr(task, role) or []):
            if uid not in unit_ids:
                out.append(_unknown_unit(doc, (*at, role, j), uid, plan.units))
    signed = plan.decision.signed_on  # left blank in the source: no deadline is before it
    for j, m in enumerate(task.milestones):
        where = (*at, "milestones", j)
        d = m.due
        if m.product is not None and m.product > len(task.products):
            out.append(doc.problem((*where, "product"),
                                   words("val.no_product", product=m.product, task=task.id, n=len(task.products))))
        if d.kind is Kind.EVENT and d.event not in events:
            out.append(unknown(doc, (*where, "due"), "event", d.event or "", events))
        if d.kind is Kind.RECURRING and d.window is not None and (
            d.window.start < period.start or (d.window.end > period.end and not is_open_ended(d))
        ):
            out.append(doc.problem((*where, "due"), words("val.recurs_outside", due=d, start=period.start.year,
                                                          end=period.end.year)))
        if d.due is not None and period.start <= period.end and not (period.start <= d.due <= period.end) \
                and not _acknowledged(acked, WarningCode.DUE_OUTSIDE_PERIOD, task.id):
            out.append(doc.problem((*where, "due"), words("val.due_outside", due=d, start=period.start.isoformat(),
                                                          end=period.end.isoformat()), severity="warning"))
        if d.due is not None and signed is not None and d.due < signed \
                and not _acknowledged(acked, WarningCode.DUE_BEFORE_SIGNING, task.id):
            out.append(doc.problem((*where, "due"),
                                   words("val.due_before_signing", task=task.id, day=d.due.isoformat(), due=d,
                                         signed=signed.isoformat()), severity="warning"))
        if d.kind is Kind.NONE and not _acknowledged(acked, WarningCode.NO_DEADLINE, task.id):
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


def _unknown_unit(doc: Located, path: tuple, value: str, units: Sequence[UnitShape]) -> Problem:
    return doc.problem(path, words("val.unknown", what=words("noun.unit"), value=value,
                                   hint=did_you_mean_unit(units, value)))


# ------------------------------------------------------------ report checks


@dataclass(frozen=True)
class PlanIndex:
    """What report checks look up in the plan, built once per load, not once per report file
    (per file it cost 15 s of a 25 s check at 10,000 tasks and 2,556 report files)."""

    units: set[str]
    tasks: dict[str, TaskShape]
    events: set[str]
    by_id: dict[str, UnitShape]  # for units.takes_part
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
            hint = words("val.did_you_mean", name=near[0].id) if near else ""
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
    signed = signed_day(plan)
    reporter = report.unit in units  # a unit may report on a task it takes part in (units.takes_part)
    # A date needs a closer look (_date_problems) only outside [first, last].
    first, last = max(signed, report.period.start), min(today, report.period.end)
    involved: dict[str, bool] = {}  # by task id: takes_part, asked once per task (100,000 entries, ~1,000 tasks)
    for i, entry in enumerate(report.entries):
        task = tasks.get(entry.task)
        if task is None:
            out.append(unknown(doc, ("entries", i, "task"), "task", entry.task, set(tasks)))
        elif entry.milestone is not None and entry.milestone > len(task.milestones):
            out.append(doc.problem(("entries", i, "milestone"), words("val.no_milestone_n", task=task.id,
                                                                      n=len(task.milestones), m=entry.milestone)))
        if not first <= entry.date <= last:
            out += _date_problems(doc, ("entries", i, "date"), entry.date, report, signed, today)
        if entry.status in _NEEDS_REASON and not entry.reason:
            out.append(doc.problem(("entries", i), words("val.needs_reason", status=entry.status.value)))
        if task is not None and reporter and not entry.forced:
            if task.id not in involved:
                involved[task.id] = takes_part(index.by_id, task, report.unit)
            if not involved[task.id]:
                out.append(doc.problem(("entries", i, "task"), words("val.not_involved", unit=report.unit,
                                                                     task=task.id)))
    if report.submitted is not None:
        if report.submitted > today:
            out.append(doc.problem(("submitted",), words("val.after_today", day=report.submitted.isoformat(),
                                                         today=today.isoformat()), severity="warning"))
        elif report.submitted < report.period.start:
            out.append(doc.problem(("submitted",), words("val.before_quarter", day=report.submitted.isoformat(),
                                                         period=report.period,
                                                         start=report.period.start.isoformat())))
    for i, ev in enumerate(report.events):
        if ev.event not in events:
            out.append(unknown(doc, ("events", i, "event"), "event", ev.event, events))
        out += _date_problems(doc, ("events", i, "date"), ev.date, report, signed, today)
    return out + _submission_problems(report, doc, index.duties, today)


def _submission_problems(report: ReportFile, doc: Located, duties: dict[str, str], today: date) -> list[Problem]:
    out = []
    for i, s in enumerate(report.submissions):
        every = duties.get(s.duty)
        if every is None:
            out.append(unknown(doc, ("submissions", i, "duty"), "duty", s.duty, set(duties)))
        elif frequency(s.period.label) != every:
            out.append(doc.problem(("submissions", i, "period"), words("val.submission_every", duty=s.duty,
                                                                       every=words(f"every.{every}"),
                                                                       period=s.period.label)))
        if s.date > today:  # outside the view, as an entry after today is (_date_problems)
            out.append(doc.problem(("submissions", i, "date"), words("val.after_today", day=s.date.isoformat(),
                                                                     today=today.isoformat()), severity="warning"))
    return out


def _date_problems(doc: Located, path: tuple, day: date, report: ReportFile, signed: date,
                   today: date) -> list[Problem]:
    # A date after today is outside the view, not wrong (a look back with HOINHAP_TODAY sees
    # later entries); only writing one is refused (progress). A warning, in case of a typo.
    out = [doc.problem(path, words("val.after_today", day=day.isoformat(), today=today.isoformat()),
                       severity="warning")] if day > today else []
    if day < signed:
        out.append(doc.problem(path, words("val.before_signing", day=day.isoformat(), signed=signed.isoformat())))
    elif not report.period.start <= day <= report.period.end:  # not quarter_of(day): 100,000 Periods
        out.append(doc.problem(path, words("val.outside_quarter", day=day.isoformat(), period=report.period,
                                           start=report.period.start.isoformat(),
                                           end=report.period.end.isoformat())))
    return out
