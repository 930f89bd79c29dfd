"""The plan looked up: rows for `tasks`, `units`, `programs`, `log` and the detail of `show`.

Pure functions over a Ledger. Each listing returns pairs of (row, record): the row is flat,
in the user's language, for table/CSV/Markdown; the record is the JSON contract object
(docs/json-contract.md) with extra keys only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from hoinhap_cli.judgement import responsibility
from hoinhap_cli.judgement.responsibility import StatusView
from hoinhap_cli.ledger.ledger import EntryView, Ledger
from hoinhap_cli.queries.queries import status_record, task_record, unit_record
from hoinhap_cli.rules import deadlines
from hoinhap_cli.rules.selection import (
    Involvement,
    TaskFilter,
    involvement,
    next_due,
    search_hits,
    search_words,
    select,
)
from hoinhap_cli.rules.selection import (
    short_name as _short_name,
)
from hoinhap_cli.words.i18n import t, unit_name
from hoinhap_cli.words.periods import Kind, deadline_words
from hoinhap_cli.words.text import collation_key, fold, natural_key
from hoinhap_cli.words.vocab import Status, UnitKind

if TYPE_CHECKING:
    from hoinhap_cli.model.records import Task, Unit

_SHORT: dict[tuple[str, tuple[str, ...]], str] = {}


def short_name(unit: Unit) -> str:
    """selection.short_name, worked out once per spelling: it folds every alias and is asked per
    row (10,000 tasks: 15,000 calls, most of `tasks`' time)."""
    key = (unit.name, tuple(unit.aliases))
    found = _SHORT.get(key)
    if found is None:
        found = _SHORT[key] = _short_name(unit)
    return found


Row = dict[str, Any]
Sort = Literal["id", "due"]


def deadline_text(ledger: Ledger, task: Task, index: int, lang: str, short: bool = False) -> str:
    """A milestone's deadline in words (periods.deadline_words), an awaited event by its name.

    `short` (listings) names an awaited event only as "sau sự kiện"; `show` gives its name.
    """
    d = task.milestones[index].due
    if d.kind is Kind.EVENT:
        event = next((e for e in ledger.plan.events if e.id == d.event), None)
        name = event.name if event else str(d.event)
        recorded = ledger.events().get(d.event or "")
        if short:
            due = ledger.due_date(task, index)
            return t("deadline.event", lang) + (f" → {due.isoformat()}" if due else "")
        if recorded:
            due = ledger.due_date(task, index)
            return t("deadline.after.recorded", lang, event=name, day=recorded.date.isoformat(),
                     due=due.isoformat() if due else "")
        return t("deadline.after", lang, event=name)
    return deadline_words(d, lang)


def _row_fields(ledger: Ledger, task: Task, lang: str) -> list[tuple[str, str]]:
    """What a row of another plan may add to `show`: the merged cells it continues, its lead↔support
    pairs, funding and remarks; and the plan period when it is derived from the deadlines."""
    fields = []
    if task.inherits is not None:
        fields.append((t("show.inherits", lang), t("show.inherits.value", lang, task=task.inherits.from_,
                                                   fields=", ".join(task.inherits.fields))))
    for j, pair in enumerate(task.pairs):
        fields.append((t("show.pair", lang, n=j + 1), t("show.pair.value", lang,
                       lead=", ".join(short_name(ledger.units[u]) for u in pair.lead),
                       support=", ".join(short_name(ledger.units[u]) for u in pair.support) or "—")))
    if task.funding is not None:
        fields.append((t("show.funding", lang), task.funding))
    if task.remarks is not None:
        fields.append((t("show.remarks", lang), task.remarks))
    if ledger.period_derived:
        fields.append((t("show.period", lang), t("show.period.derived", lang, start=ledger.period.start.isoformat(),
                                                 end=ledger.period.end.isoformat())))
    return fields


def group_path(ledger: Ledger, program_id: str) -> str:
    """A group as `show` names it: "1. Title" for a programme; a nested group with the groups around
    it, outermost first, each by its document label when it has one ("A › I › 5.1. Title")."""
    programs = {p.id: p for p in ledger.plan.programs}
    group = programs.get(program_id)
    if group is None:
        return program_id
    if group.parent is None:
        return f"{group.label or group.id}. {group.title}"
    chain: list[Any] = []
    current: Any = group
    while current is not None and current not in chain:
        chain.append(current)
        current = programs.get(current.parent) if current.parent is not None else None
    names = [g.label or g.id for g in reversed(chain)]
    return f"{' › '.join(names)}. {group.title}"


def role_text(inv: Involvement, ledger: Ledger, lang: str) -> str:
    role = t(f"role.{inv.role}", lang)
    if inv.via is None:
        return role
    return t("role.via", lang, role=role, group=short_name(ledger.units[inv.via]))


# ------------------------------------------------------------------ tasks


def task_rows(ledger: Ledger, f: TaskFilter, lang: str, today: date, sort: Sort = "id",
              with_records: bool = True) -> list[tuple[Row, Row]]:
    """The tasks a filter selects, as (row, record) pairs, in natural order or by next due date;
    the JSON records (queries.task_record, status_record) only `with_records` ({} else). With a
    search, which fields the words were found in (the task's, or what was recorded for it):
    `matched` in the row, in words, and `matched_in` in the record."""
    out = []
    words = search_words(f.search) if f.search else []
    for task in select(ledger, f):
        nxt = next_due(ledger, task, f.due, today)
        involved = f.involvements(ledger, task) if f.units else []
        view = responsibility.task_status(ledger, task.id)
        dues = [ledger.due_date(task, i) for i in range(len(task.milestones))]
        row: Row = {
            "id": task.id,
            "label": task.label,
            "program": task.program,
            "section": task.section,
            "title": task.title,
            "lead": [short_name(ledger.units[u]) for u in task.lead or []],
            "support": [short_name(ledger.units[u]) for u in task.support or []],
            "role": _roles(involved, ledger, lang, len(f.units) > 1),
            "due": [deadline_text(ledger, task, i, lang, short=True) for i in range(len(task.milestones))],
            "due_dates": [d.isoformat() for d in dues if d],
            "next_due": nxt.isoformat() if nxt else None,
            "status": status_text(ledger, view, lang),
            "updated": view.entry.date.isoformat() if view.entry else None,
        }
        record: Row = {}
        if with_records:
            record = {**task_record(ledger, task), **status_record(ledger, task), "next_due": row["next_due"]}
            if f.units:
                record["involvement"] = [{"unit": i.unit, "role": i.role, "via": i.via} for i in involved]
        if f.search:
            hits = search_hits(ledger, task, words)
            row["matched"] = [t(f"search.{name}", lang) for name in hits]
            if with_records:
                record["matched_in"] = hits
        out.append((row, record))
    if sort == "due":
        out.sort(key=lambda pair: (pair[0]["next_due"] is None, pair[0]["next_due"] or "",
                                   natural_key(pair[0]["id"])))
    return out


def _roles(involved: list[Involvement], ledger: Ledger, lang: str, name_unit: bool) -> list[str]:
    seen: list[str] = []
    for inv in involved:
        text = role_text(inv, ledger, lang)
        if name_unit:
            text = f"{short_name(ledger.units[inv.unit])}: {text}"
        if text not in seen:
            seen.append(text)
    return seen


# ------------------------------------------------------------------ status words


def progress_text(ledger: Ledger, view: StatusView, lang: str) -> str:
    """How many leads have said done, when there are several: "1/2 đơn vị xong", "3/11 phường xong",
    "1/2 đơn vị, 3/11 phường xong" (a lead group's wards are counted apart); "" for one lead."""
    if view.of <= 1:
        return ""
    leads = [row for row in view.by_unit if row.role == "lead"]
    parts = []
    own = [row for row in leads if row.via is None]
    if own:
        parts.append(t("leads.units", lang, done=sum(r.status is Status.DONE for r in own), of=len(own)))
    for group in dict.fromkeys(row.via for row in leads if row.via is not None):
        wards = [row for row in leads if row.via == group]
        parts.append(t("leads.wards", lang, done=sum(r.status is Status.DONE for r in wards), of=len(wards)))
    return t("leads.done", lang, parts=", ".join(parts))


def status_text(ledger: Ledger, view: StatusView, lang: str, due: date | None = None) -> str:
    """A status in words, with the leads' progress while it is open ("đang thực hiện (1/2 đơn vị
    xong)") and, given the due date, "hoàn thành muộn 2009-03-01" when done after it."""
    word = t(f"status.{view.status.value}", lang)
    if view.status is Status.DONE and due is not None and view.entry is not None and view.entry.date > due:
        return t("leads.done_late", lang, date=view.entry.date.isoformat())
    extra = progress_text(ledger, view, lang) if view.status in (Status.IN_PROGRESS, Status.BLOCKED) else ""
    return f"{word} ({extra})" if extra else word


def unit_rows_of(ledger: Ledger, n: int, view: StatusView, lang: str) -> list[Row]:
    """A milestone's per-unit rows for `show`: every lead's latest status, then the supporting
    units that reported; a lead group's wards that have not reported share one row."""
    rows: list[Row] = []
    silent: dict[str, int] = {}
    for u in view.by_unit:
        if u.via is not None and u.entry is None:
            silent[u.via] = silent.get(u.via, 0) + 1
            continue
        rows.append(_unit_row(ledger, n, u.unit, u.role, u.status, u.entry, lang, u.by))
    for group, count in silent.items():
        row = _unit_row(ledger, n, group, "lead", Status.NOT_STARTED, None, lang, None)
        row["unit"] = t("leads.silent", lang, group=row["unit"], n=count)
        rows.append(row)
    return rows


def _unit_row(ledger: Ledger, n: int, uid: str, role: str, status: Status, entry: EntryView | None,
              lang: str, by: str | None) -> Row:
    name = short_name(ledger.units[uid]) if uid in ledger.units else uid
    if by is not None and by != uid:
        name += f" ({short_name(ledger.units[by]) if by in ledger.units else by})"
    return {"milestone": n, "unit": name, "role": t(f"role.{role}", lang), "status": t(f"status.{status.value}", lang),
            "date": entry.date.isoformat() if entry else None, "note": entry.note if entry else None,
            "reason": entry.reason if entry else None, "evidence": entry.evidence if entry else None}


# ------------------------------------------------------------------ show


@dataclass(frozen=True)
class TaskDetail:
    record: Row  # task_record + status + history: the JSON of `show`
    fields: list[tuple[str, str]]  # label, value
    units: list[Row]  # role, id, name
    milestones: list[Row]
    products: list[str]
    notes: list[str]
    history: list[Row]
    by_unit: list[Row]  # each milestone's leads and the supporting units that reported (unit_rows_of)


def task_detail(ledger: Ledger, task: Task, lang: str) -> TaskDetail:
    record = {**task_record(ledger, task), **status_record(ledger, task)}
    status = responsibility.task_status(ledger, task.id)
    history = []
    for report, entry in ledger.history(task.id):
        history.append({
            "date": entry.date.isoformat(),
            "unit": report.content.unit,
            "period": str(report.content.period),
            "milestone": entry.milestone,
            "status": entry.status.value,
            "note": entry.note,
            "reason": entry.reason,
            "evidence": entry.evidence,
            "forced": entry.forced,
            "file": report.file,
        })
    record["history"] = history

    fields = [(t("show.program", lang), group_path(ledger, task.program))]
    if task.section:
        section = next((s for p in ledger.plan.programs for s in p.sections if s.id == task.section), None)
        fields.append((t("show.section", lang), f"{task.section}. {section.title}" if section else task.section))
    if task.label is not None:
        fields.append((t("show.label", lang), task.label))
    fields.append((t("show.title", lang), task.title))
    if task.id_assigned:
        fields.append((t("show.id_assigned", lang), t("show.id_assigned.value", lang)))
    if task.units_from:
        fields.append((t("show.units_from", lang), task.units_from))
    fields += _row_fields(ledger, task, lang)
    said = status_text(ledger, status, lang)
    if status.entry is not None:
        said += t("leads.updated", lang, date=status.entry.date.isoformat())
    fields.append((t("show.status", lang), said))

    units = [{"role": t(f"role.{role}", lang), "id": u["id"], "name": u["name"]}
             for role in ("lead", "support") for u in record[role]]
    milestones, by_unit = [], []
    for i, m in enumerate(record["milestones"]):
        view = responsibility.milestone_status(ledger, task.id, i)
        milestones.append({
            "n": i + 1,
            "due": deadline_text(ledger, task, i, lang),
            "due_date": m["due_date"],
            "source": m["source"],
            "product": m["product"],
            "note": m["note"],
            "status": status_text(ledger, view, lang, ledger.due_date(task, i)),
        })
        by_unit += unit_rows_of(ledger, i + 1, view, lang)
    history_rows = [{**h, "status": t(f"status.{h['status']}", lang),
                     "unit": short_name(ledger.units[h["unit"]]) if h["unit"] in ledger.units else h["unit"]}
                    for h in history]
    return TaskDetail(record, fields, units, milestones, list(task.products), list(task.notes), history_rows,
                      by_unit)


# ------------------------------------------------------------------ log


def log_records(ledger: Ledger, unit: str | None = None, task: str | None = None, since: date | None = None,
                until: date | None = None) -> list[Row]:
    """What was reported, oldest first: progress entries (`kind: entry`), and — unless a task is
    asked for — recorded events (`event`) and submitted quarterly reports (`submission`)."""
    out: list[Row] = []

    def wanted(who: str, day: date) -> bool:
        return (unit is None or who == unit) and (since is None or day >= since) and (until is None or day <= until)

    def row(kind: str, day: date, who: str, file: str, **values: Any) -> Row:  # every row has every key
        return {"kind": kind, "date": day.isoformat(), "task": None, "milestone": None, "unit": who,
                "status": None, "note": None, "reason": None, "evidence": None, "forced": False, "event": None,
                "period": None, "file": file, **values}

    for report, e in ledger.entries():
        if wanted(report.content.unit, e.date) and (task is None or e.task == task):
            out.append(row("entry", e.date, report.content.unit, report.file, task=e.task, milestone=e.milestone,
                           status=e.status.value, note=e.note, reason=e.reason, evidence=e.evidence, forced=e.forced))
    if task is None:
        for report in ledger.reports:
            head = report.content
            for ev in head.events:
                if wanted(head.unit, ev.date):
                    out.append(row("event", ev.date, head.unit, report.file, event=ev.event, note=ev.note,
                                   evidence=ev.evidence))
            if head.submitted is not None and wanted(head.unit, head.submitted):
                out.append(row("submission", head.submitted, head.unit, report.file, period=head.period.label))
    out.sort(key=lambda r: r["date"])  # stable: entries keep their order in the files
    return out


_MARKS = {"entry": "", "event": "⚑ ", "submission": "✉ "}  # what each row is, readable without colour


def log_rows(records: list[Row], lang: str) -> list[Row]:
    """`log_records` as rows read: the status in words, the task marked with what the row is
    (⚑ an event, ✉ a submission). In place: a run writes either the records (JSON) or the rows."""
    said = {s.value: t(f"status.{s.value}", lang) for s in Status}  # each status worded once, not per row
    for r in records:
        r["status"] = said[r["status"]] if r["status"] else None
        r["task"] = _MARKS[r["kind"]] + (r.get("task") or r.get("event") or r.get("period") or "")
    return records


# ------------------------------------------------------------------ units


def unit_rows(ledger: Ledger, kind: UnitKind | None = None, search: str | None = None,
              lang: str = "vi", by_name: bool = False, load_on: date | None = None) -> list[tuple[Row, Row]]:
    """Every unit (of a kind, matching a search) with how many tasks it leads and supports; a name
    the decision does not give (a ward it counts but never names: `assumed: [name]`) is marked so.
    In plan order, or `by_name` (Vietnamese order); with `load_on`, each unit's open milestones on
    that day (`unit_load`): flat in the row, as `load` in the record.

    `lead_count`/`support_count` count the tasks naming the unit itself; `via_group_count`
    counts the tasks that reach it only through a group it belongs to (a ward through
    "UBND 11 phường").
    """
    wanted = fold(search) if search else None
    out: list[tuple[Row, Row]] = []
    for unit in ledger.units.values():
        if kind is not None and unit.kind is not kind:
            continue
        if wanted and not any(wanted in fold(n) for n in (unit.id, unit.name, *unit.aliases)):
            continue
        counts = _counts(ledger, unit)
        row: Row = {"id": unit.id, "name": unit_name(unit, lang), "short": short_name(unit),
                    "kind": unit.kind.value, **counts}
        out.append((row, {**unit_record(unit), **counts}))
    if by_name:
        out.sort(key=lambda pair: collation_key(pair[0]["name"]))
    if load_on is not None:
        load = unit_load(ledger, load_on)
        for row, record in out:
            row.update(load[row["id"]])
            record["load"] = {"as_of": load_on.isoformat(), **load[row["id"]]}
    return out


def _counts(ledger: Ledger, unit: Unit) -> dict[str, int]:
    lead = support = via = 0
    for task in ledger.tasks.values():
        found = involvement(ledger.units, task, unit.id)
        direct = {i.role for i in found if i.via is None}
        lead += "lead" in direct
        support += "support" in direct
        via += bool(found) and not direct
    return {"lead_count": lead, "support_count": support, "via_group_count": via}


# ------------------------------------------------------------------ programmes


def program_rows(ledger: Ledger, as_of: date | None = None,
                 judged: list[deadlines.Obligation] | None = None) -> list[tuple[Row, Row]]:
    """Each programme, then its sections, with the tasks and milestones each holds.

    With `as_of`, each also carries its progress figures (deadlines.count) as of that date:
    flat in the row (`done`, `due`, `late`, `total`, `share_done`), as `progress` in the record;
    `judged`: the plan's obligations as of that date, when the caller has them already.
    """
    obs = (deadlines.obligations(ledger, as_of) if judged is None else judged) if as_of is not None else []
    out = []
    within = _groups_within(ledger)  # nested groups: "A" holds the rows of I, II, … below it
    for program in ledger.plan.programs:
        parts: list[tuple[str, str, str]] = [("program", program.id, program.title)]
        parts += [("section", s.id, s.title) for s in program.sections]
        for kind, pid, title in parts:
            held = within.get(pid, {pid})
            tasks = [task for task in ledger.tasks.values()
                     if (task.program in held if kind == "program" else task.section == pid)]
            row = {"id": pid, "kind": kind, "program": program.id, "title": title,
                   "task_count": len(tasks), "milestone_count": sum(len(x.milestones) for x in tasks)}
            if kind == "program":
                row.update({k: v for k, v in (("parent", program.parent), ("label", program.label)) if v is not None})
            record: Row = {**row, "tasks": [x.id for x in tasks]}
            if as_of is not None:
                ids = {x.id for x in tasks}
                counts = deadlines.count([o for o in obs if o.task.id in ids], as_of)
                row.update(counts.as_dict())
                record["progress"] = counts.as_dict()
            out.append((row, record))
    return out


def _groups_within(ledger: Ledger) -> dict[str, set[str]]:
    """For each group with groups nested in it, itself and every group below it: a group's rows in
    `program_rows` are its own and theirs. (A group with a parent or a label of its own carries
    them in its row: `parent`, `label`.)"""
    children: dict[str, list[str]] = {}
    for p in ledger.plan.programs:
        if p.parent is not None:
            children.setdefault(p.parent, []).append(p.id)
    out: dict[str, set[str]] = {}
    for top in children:
        seen, todo = {top}, list(children[top])
        while todo:
            pid = todo.pop()
            if pid not in seen:
                seen.add(pid)
                todo += children.get(pid, [])
        out[top] = seen
    return out


def unit_load(ledger: Ledger, as_of: date) -> dict[str, dict[str, int]]:
    """Per unit, the open obligations it carries as of a date: as lead, late among them, via a group.

    "Open" is not done and not dropped (ongoing duties included; periodic reports are the
    reports ledger's, not counted here). A task
    led by a group (UBND 11 phường) is carried by the group as lead and by each member via it.
    """
    load = {uid: {"open_lead": 0, "late_lead": 0, "open_via": 0} for uid in ledger.units}
    for o in deadlines.obligations(ledger, as_of):
        if not o.open:
            continue
        via: set[str] = set()
        for uid in o.leads:
            load[uid]["open_lead"] += 1
            load[uid]["late_lead"] += o.late(as_of)
            via.update(ledger.units[uid].members)
        for uid in via - set(o.leads):
            load[uid]["open_via"] += 1
    return load
