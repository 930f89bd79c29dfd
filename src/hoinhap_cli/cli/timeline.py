"""`hoinhap timeline`: tasks against quarters, every milestone drawn where it falls."""

from __future__ import annotations

from typing import Annotated, Any, Optional

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
    task_filter,
    today,
)

FromOpt = Annotated[Optional[str], typer.Option("--from", metavar="QUARTER",
                                                help="First quarter shown (default: the plan's first, 2008-Q1).")]
ToOpt = Annotated[Optional[str], typer.Option("--to", metavar="QUARTER",
                                              help="Last quarter shown (default: the plan's last, 2010-Q4).")]
def select_tasks(ledger: Any, program: str | None, units: list[str] | None, lang: str) -> list[Any]:
    from hoinhap_cli.selection import select

    return select(ledger, task_filter(ledger, lang, units, program=program))


def shown_quarters(ledger: Any, first: str | None, last: str | None, lang: str) -> list[Any]:
    from hoinhap_cli.i18n import t
    from hoinhap_cli.periods import DeadlineError, parse_period
    from hoinhap_cli.problems import UsageError
    from hoinhap_cli.timeline import quarters

    def period(value: str | None, option: str) -> Any:
        if value is None:
            return ledger.period
        try:
            return parse_period(value)
        except DeadlineError as err:
            raise UsageError(f"{option}: {err}") from None

    a, b = period(first, "--from"), period(last, "--to")
    if a.start > b.end:
        raise UsageError(t("timeline.range", lang, first=first or a.label, last=last or b.label))
    return quarters(a if first else ledger.period, b if last else ledger.period)


def timeline(
    program: ProgramOpt = None,
    unit: UnitOpt = None,
    first: FromOpt = None,
    last: ToOpt = None,
    as_of: AsOfOpt = None,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Show the plan as a chart: quarters across, one row per task, each milestone where it falls.

    Marks read without colour: ✔ done, ▶ in progress, ✖ late, ○ upcoming, ─ span, ≈ ongoing,
    ↻ recurring, ◷ waiting for an event; ┊ marks the as-of date. Fits $COLUMNS (default 100).

    \b
    Example: hoinhap timeline --unit "Phòng QLĐT" --from 2008-Q3 --to 2010-Q4 --as-of 2009-06-30
    """
    from hoinhap_cli import timeline as tl
    from hoinhap_cli.i18n import t
    from hoinhap_cli.problems import UsageError

    out = output(lang, no_color)
    day = as_of or today()
    ledger = load_ledger(data, out)
    tasks = select_tasks(ledger, program, unit, out.lang)
    shown = shown_quarters(ledger, first, last, out.lang)
    width = out.width()
    grid = tl.build(ledger, tasks, shown, day)
    if tl.widths(grid, width).total(len(shown)) > width + 20:  # unreadable, not merely tight
        raise UsageError(t("timeline.too_wide", out.lang, n=len(shown), width=width),
                         [t("timeline.too_wide.hint", out.lang)])
    if not tasks:
        out.message(t("timeline.empty", out.lang))
        return
    out.styled(tl.layout(grid, width, out.lang), tl.STYLES)
