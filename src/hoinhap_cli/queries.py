"""Pure functions over a Ledger: no I/O, easy to test."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hoinhap_cli import records
from hoinhap_cli.ledger import Ledger

if TYPE_CHECKING:
    from hoinhap_cli.records import Task, Unit


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
    }


def unit_record(unit: Unit) -> dict[str, Any]:
    return {"id": unit.id, "name": unit.name, "kind": unit.kind.value, "aliases": list(unit.aliases),
            "members": list(unit.members), "notes": list(unit.notes)}


def export_plan(ledger: Ledger) -> dict[str, Any]:
    plan = ledger.plan
    return {
        "decision": records.dump(plan.decision),
        "plan": records.dump(plan.plan),
        "programs": records.dump(plan.programs),
        "units": [unit_record(u) for u in plan.units],
        "events": records.dump(plan.events),
        "tasks": [task_record(ledger, t) for t in ledger.tasks.values()],
    }
