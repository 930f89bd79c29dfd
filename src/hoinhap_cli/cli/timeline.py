"""`hoinhap timeline`: tasks against quarters, every milestone drawn where it falls."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from hoinhap_cli.cli.common import DataOpt, LangOpt, NoColorOpt, load_ledger, output, today
from hoinhap_cli.cli.complete import complete_program, complete_unit

ProgramOpt = Annotated[
    Optional[str],
    typer.Option("--program", "-p", metavar="P", autocompletion=complete_program,
                 help="Only programme P, section P or task P and its sub-tasks (e.g. 3, 3.2, 2.10)."),
]
UnitOpt = Annotated[
    Optional[list[str]],
    typer.Option("--unit", "-u", metavar="UNIT", autocompletion=complete_unit,
                 help="Only tasks this unit leads or supports (id, name or alias, e.g. QLĐT); repeat for several."),
]
FromOpt = Annotated[Optional[str], typer.Option("--from", metavar="QUARTER",
                                                help="First quarter shown (default: the plan's first, 2008-Q1).")]
ToOpt = Annotated[Optional[str], typer.Option("--to", metavar="QUARTER",
                                              help="Last quarter shown (default: the plan's last, 2010-Q4).")]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", metavar="DATE",
                                                help="Judge late/upcoming on this date (default: today).")]


def parse_as_of(value: str | None) -> Any:
    from hoinhap_cli.periods import DeadlineError, parse_date
    from hoinhap_cli.problems import UsageError

    if value is None:
        return today()
    try:
        return parse_date(value)
    except DeadlineError as err:
        raise UsageError(f"--as-of: {err}") from None


def select_tasks(ledger: Any, program: str | None, units: list[str] | None) -> list[Any]:
    from hoinhap_cli.selection import TaskFilter, check_program, resolve_unit, select

    prefix = check_program(ledger, program) if program else None
    unit_ids = tuple(resolve_unit(ledger, u).id for u in units or [])
    return select(ledger, TaskFilter(units=unit_ids, program=prefix))


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

    Example: hoinhap timeline --unit "Phòng QLĐT" --from 2008-Q3 --to 2010-Q4 --as-of 2009-06-30
    """
    from hoinhap_cli import timeline as tl
    from hoinhap_cli.i18n import t
    from hoinhap_cli.problems import UsageError

    out = output(lang, no_color)
    day = parse_as_of(as_of)
    ledger = load_ledger(data, out)
    tasks = select_tasks(ledger, program, unit)
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
