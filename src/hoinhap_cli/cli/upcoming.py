"""`hoinhap upcoming`: what falls due soon (upcoming.UpcomingList, drawn by upcomingview)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from hoinhap_cli.cli.common import (
    AsOfOpt,
    DataOpt,
    Format,
    FormatOpt,
    FullOpt,
    LangOpt,
    NoColorOpt,
    Parsed,
    ProgramOpt,
    RoleChoice,
    RoleOpt,
    UnitOpt,
    load_ledger,
    output,
    task_filter,
    today,
)
from hoinhap_cli.queries.upcoming import upcoming_list
from hoinhap_cli.views import upcomingview
from hoinhap_cli.words import dayrange
from hoinhap_cli.words.periods import parse_duration


def _duration(text: str) -> timedelta:
    """--within's length, refused when longer than the calendar the tool handles (99999y)."""
    return dayrange.within("--within", text, dayrange.FIRST_DAY, parse_duration)


WithinOpt = Annotated[timedelta, typer.Option(
    "--within", "-w", metavar="30d|6w|1q", click_type=Parsed(_duration),
    help="How far ahead: days, weeks, months (30 d), quarters (91 d), years.")]


def upcoming(
    within: WithinOpt = "30d",  # type: ignore[assignment]  # parsed by the option's click_type
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    role: RoleOpt = RoleChoice.any,
    program: ProgramOpt = None,
    format: FormatOpt = Format.table,
    data: DataOpt = None,
    lang: LangOpt = None,
    full: FullOpt = False,
    no_color: NoColorOpt = False,
) -> int:
    """List what falls due soon: open task milestones due from the as-of date to as-of + within.

    \b
    Example: hoinhap upcoming --within 1q --as-of 2009-01-01 --unit "Phòng Kinh tế"
    """
    out = output(lang, no_color, full)
    ledger = load_ledger(data, out)
    f = task_filter(ledger, out.lang, unit, role, program)
    day = as_of or today()
    value = upcoming_list(ledger, day, f, dayrange.ends_by(day, within, "--within"))
    out.report(format.value, upcomingview.Drawn(value))
    return 0
