"""`hoinhap programs`: the plan's programmes and sections with their task and milestone counts."""

from __future__ import annotations

from hoinhap_cli.cli.common import (
    BomOpt,
    DataOpt,
    FormatOpt,
    FullOpt,
    LangOpt,
    ListFormat,
    NoColorOpt,
    column,
    load_ledger,
    output,
)


def programs(
    format: FormatOpt = ListFormat.table,
    bom: BomOpt = False,
    full: FullOpt = False,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """List programmes and sections with their task and milestone counts.

    Example: hoinhap programs --format md > chuong-trinh.md
    """
    from hoinhap_cli.i18n import t
    from hoinhap_cli.lookup import program_rows

    out = output(lang, no_color, full)
    ledger = load_ledger(data, out)
    pairs = program_rows(ledger)
    columns = [
        column("id", no_wrap=True),
        column("title", clip=110, ratio=1),
        column("task_count", justify="right", no_wrap=True),
        column("milestone_count", justify="right", no_wrap=True),
    ]
    out.rows(format.value, columns, [r for r, _ in pairs], records=[rec for _, rec in pairs],
             title=t("rows.count.programs", out.lang, n=len(pairs)) if format is ListFormat.table else None,
             bom=bom)
