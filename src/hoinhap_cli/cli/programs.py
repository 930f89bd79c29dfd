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
    load_ledger,
    output,
    today,
)
from hoinhap_cli.queries.programs import program_list
from hoinhap_cli.views import programview


def programs(
    as_of: AsOfOpt = None,
    format: FormatOpt = Format.table,
    bom: BomOpt = False,
    full: FullOpt = False,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    """List programmes and sections: tasks, milestones, and a progress bar (done / due / late).

    The bar reads without colour: █ done, ▒ late, ░ not done and not yet late; then the share
    done. JSON carries the counts only ("progress": {total, done, due, late, ongoing, dropped,
    share_done}).

    \b
    Example: hoinhap programs --as-of 2009-06-30
    Example: hoinhap programs --as-of 2009-12-31 --format md > "tien-do-chuong-trinh.md"
    """
    out = output(lang, no_color, full)
    ledger = load_ledger(data, out)
    out.report(format.value, programview.Drawn(program_list(ledger, as_of or today()), bom))
    return 0
