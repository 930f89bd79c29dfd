"""`hoinhap units`: the units the plan names, with how many tasks each leads and supports."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.common import (
    BomOpt,
    DataOpt,
    FormatOpt,
    FullOpt,
    LangOpt,
    ListFormat,
    NoColorOpt,
    SearchOpt,
    column,
    load_ledger,
    output,
)


def units(
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KIND",
                                                help="phòng, ban, ubnd phường, nhóm, … (diacritics optional).")]
    = None,
    search: SearchOpt = None,
    format: FormatOpt = ListFormat.table,
    bom: BomOpt = False,
    full: FullOpt = False,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """List units with how many tasks each leads and supports.

    "Chủ trì"/"Phối hợp" count tasks naming the unit itself; "Qua nhóm" counts tasks that reach
    it only through a group it belongs to (a ward through "UBND 11 phường").

    Example: hoinhap units --kind "ubnd phuong"
    """
    from hoinhap_cli.i18n import t
    from hoinhap_cli.lookup import unit_rows
    from hoinhap_cli.selection import find_kind

    out = output(lang, no_color, full)
    ledger = load_ledger(data, out)
    pairs = unit_rows(ledger, find_kind(kind, out.lang) if kind else None, search)
    columns = [
        column("id", "unit_id", table=False),
        column("name", "unit", ratio=1),
        column("short", table=False),
        column("kind", min_width=6),
        column("lead_count", justify="right", no_wrap=True),
        column("support_count", justify="right", no_wrap=True),
        column("via_group_count", "via_count", justify="right", no_wrap=True),
    ]
    out.rows(format.value, columns, [r for r, _ in pairs], records=[rec for _, rec in pairs],
             title=t("rows.count.units", out.lang, n=len(pairs)) if format is ListFormat.table else None, bom=bom)
    if not pairs and format is ListFormat.table:
        out.message(t("rows.none", out.lang))
