"""`hoinhap units`: the units the plan names, with how many tasks each leads and supports."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.common import (
    AsOfOpt,
    BomOpt,
    DataOpt,
    Format,
    FormatOpt,
    FullOpt,
    LangOpt,
    NoColorOpt,
    SearchOpt,
    column,
    load_ledger,
    output,
    today,
)
from hoinhap_cli.queries.lookup import unit_rows
from hoinhap_cli.rules.selection import find_kind
from hoinhap_cli.words.i18n import t


class UnitSort(str, Enum):
    plan = "plan"
    name = "name"


def units(
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KIND",
                                                help="phòng, ban, ubnd phường, nhóm, … (diacritics optional).")]
    = None,
    search: SearchOpt = None,
    sort: Annotated[UnitSort, typer.Option("--sort", help="plan (the document's order) or name (Vietnamese "
                                                          "alphabetical: a ă â b c d đ …).")] = UnitSort.plan,
    show_load: Annotated[bool, typer.Option("--show-load", help="Add the open milestones each unit carries "
                                                               "as of --as-of: as lead, late among them, via a group.")]
    = False,
    as_of: AsOfOpt = None,
    format: FormatOpt = Format.table,
    bom: BomOpt = False,
    full: FullOpt = False,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    """List units with how many tasks each leads and supports.

    "Chủ trì"/"Phối hợp" count tasks naming the unit itself; "Qua nhóm" counts tasks that reach
    it only through a group it belongs to (a ward through "UBND 11 phường").

    --show-load adds, as of --as-of, the open milestones (not done, not dropped; ongoing duties
    included, periodic reports are in `hoinhap reports`) each unit leads, how many of those are late, and those it
    carries only through a group it belongs to (a ward through "UBND 11 phường").

    \b
    Example: hoinhap units --kind "ubnd phuong" --sort name
    Example: hoinhap units --show-load --as-of 2009-06-30 --search "Phòng"
    """
    out = output(lang, no_color, full)
    ledger = load_ledger(data, out)
    day = as_of or today()
    pairs = unit_rows(ledger, find_kind(kind) if kind else None, search, out.lang, by_name=sort is UnitSort.name,
                      load_on=day if show_load else None)
    load_columns = [column(k, justify="right", max_width=7) for k in ("open_lead", "late_lead", "open_via")
                    if show_load]
    columns = [
        column("id", "unit_id", table=False),
        column("name", "unit", ratio=1, min_width=20),
        column("short", table=False),
        column("kind", min_width=6),
        column("lead_count", justify="right", no_wrap=True),
        column("support_count", justify="right", no_wrap=True),
        column("via_group_count", "via_count", justify="right", no_wrap=True),
        *load_columns,
    ]
    note = t("units.load.note", out.lang, as_of=day.isoformat()) if show_load else ""
    out.counted(format.value, columns, [r for r, _ in pairs], [rec for _, rec in pairs],
                t("rows.count.units", out.lang, n=len(pairs)), t("rows.none", out.lang), note, bom)
    return 0
