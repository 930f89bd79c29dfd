"""Shell completion for task ids, unit names/aliases, event ids and programmes.

Runs on every <TAB>, so it stays cheap: it reads plan.yaml with yamlio only (no pydantic
model, no ledger, no rich) and quietly offers nothing when the plan cannot be read — a
completion must never print an error into the user's command line.
"""

from __future__ import annotations

import os
from typing import Any

from hoinhap_cli.files.paths import locate
from hoinhap_cli.words.problems import HoinhapError
from hoinhap_cli.words.text import collation_key, fold, natural_key


def _plan(ctx: Any) -> dict[str, Any]:
    from hoinhap_cli.files import yamlio  # reason: PyYAML, only on <TAB>; every command imports this module

    params = getattr(ctx, "params", None) or {}
    try:
        where = locate(params.get("data"), fallback=os.environ.get("HOINHAP_DATA"))
        doc, _ = yamlio.read(where.plan_file)
    except (HoinhapError, OSError):
        return {}
    data = doc.data if doc is not None else None
    return data if isinstance(data, dict) else {}


def _records(plan: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = plan.get(key)
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def task_ids(plan: dict[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Ids starting with what was typed, in reading order (2.1, 2.10, 2.10a, 2.11), with titles."""
    found = [(str(t["id"]), str(t.get("title", ""))) for t in _records(plan, "tasks")
             if "id" in t and str(t["id"]).startswith(incomplete)]
    return sorted(found, key=lambda pair: natural_key(pair[0]))


def unit_names(plan: dict[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Unit ids, names and aliases that start with what was typed, compared without tones or
    case, each with the unit's full name; in Vietnamese order.

    Shells keep only candidates that start with the typed text exactly, so a spelling matched
    only when folded is offered the way the user types it: 'qld' → 'qldt' (help: QLĐT — Phòng
    Quản lý đô thị), which names the same unit, since units are looked up folded.
    """
    typed = fold(incomplete)
    found: dict[str, str] = {}
    for unit in _records(plan, "units"):
        name = str(unit.get("name", ""))
        for spelling in [str(unit.get("id", "")), name, *(str(a) for a in unit.get("aliases") or [])]:
            folded = fold(spelling)
            if not spelling or not folded.startswith(typed):
                continue
            if spelling.startswith(incomplete):
                found.setdefault(spelling, name)
            else:
                found.setdefault(incomplete + folded[len(typed):], name if spelling == name else f"{spelling} — {name}")
    return sorted(found.items(), key=lambda pair: collation_key(pair[0]))


def event_ids(plan: dict[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Awaited events of the plan whose id starts with what was typed, with their names."""
    found = [(str(e["id"]), str(e.get("name", ""))) for e in _records(plan, "events")
             if "id" in e and str(e["id"]).startswith(incomplete.strip())]
    return sorted(found, key=lambda pair: collation_key(pair[0]))


def program_ids(plan: dict[str, Any], incomplete: str) -> list[tuple[str, str]]:
    found = []
    for program in _records(plan, "programs"):
        found.append((str(program.get("id", "")), str(program.get("title", ""))))
        found += [(str(s.get("id", "")), str(s.get("title", ""))) for s in _records(program, "sections")]
    typed = incomplete.strip()
    return sorted([f for f in found if f[0] and f[0].startswith(typed)], key=lambda p: natural_key(p[0]))


# typer calls these with the click context and the text typed so far
def complete_task(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    return task_ids(_plan(ctx), incomplete)


def complete_unit(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    return unit_names(_plan(ctx), incomplete)


def complete_event(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    return event_ids(_plan(ctx), incomplete)


def complete_program(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    return program_ids(_plan(ctx), incomplete)
