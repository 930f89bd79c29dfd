"""`hoinhap programs`: the plan's programmes and sections, their size and their progress."""

from __future__ import annotations

from hoinhap_cli.cli.common import (
    AsOfOpt,
    BomOpt,
    DataOpt,
    Format,
    FormatOpt,
    FullOpt,
    LangOpt,
    NoColorOpt,
    column,
    load_ledger,
    output,
    today,
)


def programs(
    as_of: AsOfOpt = None,
    format: FormatOpt = Format.table,
    bom: BomOpt = False,
    full: FullOpt = False,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """List programmes and sections: tasks, milestones, and a progress bar (done / due / late).

    The bar reads without colour: █ done, ▒ late, ░ not done and not yet late; then the share
    done. JSON carries the counts only ("progress": {total, done, due, late, ongoing, dropped,
    share_done}).

    \b
    Example: hoinhap programs --as-of 2009-06-30
    Example: hoinhap programs --as-of 2009-12-31 --format md > "tien-do-chuong-trinh.md"
    """
    from hoinhap_cli import bars
    from hoinhap_cli.i18n import t
    from hoinhap_cli.lookup import program_rows

    out = output(lang, no_color, full)
    ledger = load_ledger(data, out)
    day = as_of or today()
    pairs = program_rows(ledger, day)
    drawn = format in (Format.table, Format.md)
    for row, _ in pairs:
        row["progress"] = bars.text(row["done"], row["late"], row["total"])
    columns = [
        column("id", no_wrap=True),
        column("title", clip=80, ratio=1),
        column("task_count", justify="right", no_wrap=True),
        column("milestone_count", justify="right", no_wrap=True),
        *([column("progress", no_wrap=True)] if drawn else []),
        column("done", justify="right", no_wrap=True),
        column("due", "due_now", justify="right", no_wrap=True),
        column("late", justify="right", no_wrap=True),
        column("total", justify="right", no_wrap=True, table=False),
        column("share_done", "share", justify="right", no_wrap=True, table=False),
    ]
    out.rows(format.value, columns, [r for r, _ in pairs], records=[rec for _, rec in pairs],
             title=t("rows.count.programs", out.lang, n=len(pairs)) if format is Format.table else None,
             bom=bom)
    if drawn:
        out.text(("\n" if format is Format.md else "") + t("bar.as_of", out.lang, as_of=day.isoformat()))
        out.text(bars.legend(out.lang))
