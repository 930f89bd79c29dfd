"""The one rule of a returned form's unit: the unit its header cell (C3) names is the unit its
name cell (C4), its file name (where that names a unit) and its rows name too; any disagreement
is a refusal naming both units and where the other one is named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hoinhap_cli.model.model import Plan
from hoinhap_cli.office import forms_out as F
from hoinhap_cli.office.forms_sheet import Refusal, cell_text, norm_text, quote
from hoinhap_cli.words.problems import words
from hoinhap_cli.words.text import nfc


def disagreements(cells: dict[str, Any], plan: Plan, unit: str, name: str | None) -> list[Refusal]:
    """What the name cell (C4) and the file's name say against the unit the header cell names."""
    found: list[Refusal] = []
    units = {u.id: u for u in plan.units}
    named = cell_text(cells.get(F.NAME_CELL))
    if named != norm_text(units[unit].name):
        other = unit_named(plan, named)
        if other is not None:
            found.append(Refusal(F.NAME_CELL, words("forms.unit_conflict", unit=unit, other=other,
                                                    where=words("forms.where_cell", cell=F.NAME_CELL))))
        else:
            found.append(Refusal(F.NAME_CELL, words("forms.changed", column="Đơn vị", found=quote(named),
                                                    expected=quote(units[unit].name))))
    other = unit_of_file(plan, name) if name else None
    if other is not None and other != unit:
        found.append(Refusal(None, words("forms.unit_conflict", unit=unit, other=other,
                                         where=words("forms.where_file", name=quote(name)))))
    return found


def unit_named(plan: Plan, text: str) -> str | None:
    """The unit whose id or name `text` is (case aside), if any."""
    key = nfc(text).strip().casefold()
    return next((u.id for u in plan.units if key in (u.id.casefold(), nfc(u.name).casefold())), None)


def unit_of_file(plan: Plan, name: str) -> str | None:
    """The unit a file's name names: its name (without .xlsx) is a unit's id or name, or starts with
    one followed by `-`, `_`, a space or a dot (`ubnd-phuong-binh-an-2009-Q2`); the longest wins."""
    stem = nfc(Path(name).name).casefold()
    if stem.endswith(".xlsx"):
        stem = stem[: -len(".xlsx")]
    best: tuple[int, str] | None = None
    for u in plan.units:
        for key in (u.id.casefold(), nfc(u.name).casefold()):
            if (stem == key or (stem.startswith(key) and stem[len(key)] in "-_ .")) and \
                    (best is None or len(key) > best[0]):
                best = (len(key), u.id)
    return best[1] if best else None


def rows_of_another(plan: Plan, unit: str, seen: list[tuple[str, ...]]) -> str | None:
    """Another unit whose form has exactly these read-only rows (a form sent to it, re-headed)."""
    units = {u.id: u for u in plan.units}
    skip = F.reporting_row(plan.reporting)
    for other in units:
        if other != unit and not units[other].members:
            rows = F.form_rows(plan.tasks, units, other, skip)
            if rows and [tuple(norm_text(v) for v in r.cells()) for r in rows] == seen:
                return other
    return None
