"""Pure functions over a Ledger: no I/O, easy to test."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hoinhap_cli.judgement import responsibility
from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.model import records

if TYPE_CHECKING:
    from hoinhap_cli.judgement.responsibility import UnitStatus
    from hoinhap_cli.model.records import Task, Unit


# Keys the plan format gained for plans other than the shipped one, with their defaults: exported
# only when a plan gives them (docs/json-contract.md), so a plan without them exports as before.
NEW_DECISION_KEYS = {"kind": "Quyết định", "notes": []}
NEW_PROGRAM_KEYS = {"parent": None, "label": None}


def given(record: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """A record without the keys of `defaults` that hold their default."""
    return {k: v for k, v in record.items() if k not in defaults or v != defaults[k]}


def task_extras(task: Task) -> dict[str, Any]:
    """What a row of another plan may add, each only when given: the document's own label, the
    funding and remarks cells, lead↔support pairs, the merged cells it continues."""
    out: dict[str, Any] = {}
    if task.label is not None:
        out["label"] = task.label
    if task.funding is not None:
        out["funding"] = task.funding
    if task.remarks is not None:
        out["remarks"] = task.remarks
    if task.pairs:
        out["pairs"] = [{"lead": list(p.lead), "support": list(p.support)} for p in task.pairs]
    if task.inherits is not None:
        out["inherits"] = {"from": task.inherits.from_, "fields": list(task.inherits.fields)}
    return out


def unit_refs(ledger: Ledger, ids: list[str] | None) -> list[dict[str, str]]:
    return [{"id": uid, "name": ledger.units[uid].name} for uid in ids or []]


def task_record(ledger: Ledger, task: Task) -> dict[str, Any]:
    """One task as the JSON contract describes it (docs/json-contract.md)."""
    milestones = []
    for i, m in enumerate(task.milestones):
        due = ledger.due_date(task, i)
        milestones.append({
            "product": task.products[m.product - 1] if m.product else None,
            "due": str(m.due),
            "kind": m.due.kind.value,
            "start_date": m.due.start.isoformat() if m.due.start else None,
            "due_date": due.isoformat() if due else None,
            "source": m.source,
            "note": m.note,
        })
    return {
        "id": task.id,
        "id_assigned": task.id_assigned,
        "program": task.program,
        "section": task.section,
        "title": task.title,
        "lead": unit_refs(ledger, task.lead),
        "support": unit_refs(ledger, task.support),
        "units_from": task.units_from,
        "products": list(task.products),
        "notes": list(task.notes),
        "milestones": milestones,
        **task_extras(task),
    }


def status_record(ledger: Ledger, task: Task) -> dict[str, Any]:
    """A task's reported status, as `tasks` and `show` add it to the task object
    (docs/json-contract.md, "Status"): the task's, and each milestone's with each unit's part."""
    view = responsibility.task_status(ledger, task.id)
    milestones = []
    for i in range(len(task.milestones)):
        m = responsibility.milestone_status(ledger, task.id, i)
        milestones.append({"milestone": i + 1, "status": m.status.value,
                           "status_date": m.entry.date.isoformat() if m.entry else None,
                           "done": m.done, "of": m.of, "units": [unit_status_record(ledger, u) for u in m.by_unit]})
    current = responsibility.current_milestone(ledger, task.id) if task.milestones else None
    return {"status": view.status.value, "status_date": view.entry.date.isoformat() if view.entry else None,
            "current_milestone": current + 1 if current is not None else None, "milestone_status": milestones}


def unit_status_record(ledger: Ledger, u: UnitStatus) -> dict[str, Any]:
    """One unit's part of a milestone: its latest entry's status, date and evidence."""
    e = u.entry
    return {"unit": u.unit, "name": ledger.units[u.unit].name if u.unit in ledger.units else u.unit,
            "role": u.role, "status": u.status.value, "date": e.date.isoformat() if e else None,
            "by": u.by, "via": u.via, "note": e.note if e else None, "reason": e.reason if e else None,
            "evidence": e.evidence if e else None}


def unit_record(unit: Unit) -> dict[str, Any]:
    return {"id": unit.id, "name": unit.name, "kind": unit.kind.value, "aliases": list(unit.aliases),
            "members": list(unit.members), "assumed": list(unit.assumed), "notes": list(unit.notes)}


def export_plan(ledger: Ledger) -> dict[str, Any]:
    plan = ledger.plan
    return {
        "decision": given(records.dump(plan.decision), NEW_DECISION_KEYS),
        "plan": given(records.dump(plan.plan), {"period": None}),
        "programs": [given(p, NEW_PROGRAM_KEYS) for p in records.dump(plan.programs)],
        "units": [unit_record(u) for u in plan.units],
        "events": records.dump(plan.events),
        "reporting": records.dump(plan.reporting),  # the regime (null without one), `assumed:` kept
        "document": records.dump(plan.document),  # the review's letterhead (null without one)
        "tasks": [task_record(ledger, t) for t in ledger.tasks.values()],
    }
