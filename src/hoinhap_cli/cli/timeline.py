"""`hoinhap timeline`: tasks against quarters, every milestone drawn where it falls (timeline.Grid,
drawn by timelineview)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.common import (
    AsOfOpt,
    DataOpt,
    LangOpt,
    NoColorOpt,
    ProgramOpt,
    UnitOpt,
    load_ledger,
    output,
    parsed,
    task_filter,
    today,
)
from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries import timeline as tl
from hoinhap_cli.rules.selection import select
from hoinhap_cli.views import timelineview
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.periods import Period, parse_period
from hoinhap_cli.words.problems import UsageError

FromOpt = Annotated[Optional[str], typer.Option("--from", metavar="QUARTER",
                                                help="First quarter shown (default: the plan's first, 2008-Q1).")]
ToOpt = Annotated[Optional[str], typer.Option("--to", metavar="QUARTER",
                                              help="Last quarter shown (default: the plan's last, 2010-Q4).")]


def shown_quarters(ledger: Ledger, first: str | None, last: str | None, lang: str) -> list[Period]:
    """The quarters from --from to --to (each defaults to the plan's); the texts are kept for the
    message when the range runs backwards."""
    a = parsed(parse_period, first, "--from") if first is not None else ledger.period
    b = parsed(parse_period, last, "--to") if last is not None else ledger.period
    if a.start > b.end:
        raise UsageError(t("timeline.range", lang, first=first or a.label, last=last or b.label))
    return tl.quarters(a, b)


def timeline(
    program: ProgramOpt = None,
    unit: UnitOpt = None,
    first: FromOpt = None,
    last: ToOpt = None,
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    """Show the plan as a chart: quarters across, one row per task, each milestone where it falls.

    Marks read without colour: ✔ done, ▶ in progress, ✖ late, ○ upcoming, ─ span, ≈ ongoing,
    ↻ recurring, ◷ waiting for an event; ┊ marks the as-of date. Fits $COLUMNS (default 100).

    \b
    Example: hoinhap timeline --unit "Phòng QLĐT" --from 2008-Q3 --to 2010-Q4 --as-of 2009-06-30
    """
    out = output(lang, no_color)
    ledger = load_ledger(data, out)
    tasks = select(ledger, task_filter(ledger, out.lang, unit, program=program))
    shown = shown_quarters(ledger, first, last, out.lang)
    width = out.width()
    grid = tl.build(ledger, tasks, shown, as_of or today())
    if not timelineview.fits(grid, width):
        raise UsageError(t("timeline.too_wide", out.lang, n=len(shown), width=width),
                         [t("timeline.too_wide.hint", out.lang)])
    if not tasks:
        out.message(t("timeline.empty", out.lang))
        return 0
    out.styled(timelineview.layout(grid, width, out.lang), timelineview.STYLES)
    return 0
