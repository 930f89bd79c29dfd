"""`hoinhap submit`: mark a unit's quarterly report as submitted (programme 8's duty)."""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Annotated, Optional

import typer

from hoinhap_cli import progress
from hoinhap_cli.cli.common import DATE, DataOpt, LangOpt, max_bytes, output, parsed, today
from hoinhap_cli.cli.complete import complete_unit
from hoinhap_cli.i18n import t
from hoinhap_cli.periods import is_quarter, parse_period
from hoinhap_cli.problems import UsageError, words


def submit(
    unit: Annotated[str, typer.Argument(metavar="UNIT", autocompletion=complete_unit, help="Unit id, name or alias.")],
    period: Annotated[str, typer.Option("--period", "-p", metavar="YYYY-Qn", help="The quarter reported on.")],
    date: Annotated[Optional[Date], typer.Option("--date", click_type=DATE,
                                                 help="Day it was submitted (default: today).")] = None,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> int:
    """Mark a unit's report for a quarter as submitted (sets submitted: DATE in its file).

    \b
    Example: hoinhap submit phong-kinh-te --period 2009-Q1 --date 2009-04-05
    """
    # reason: the writer loads pydantic, which completing these arguments on <TAB> must not
    from hoinhap_cli.cli.writing import lock_timeout, mark_submitted, open_for_writing, update

    if not re.fullmatch(r"[0-9A-Za-z-]+", period):  # '/', '..', NUL: nothing that could name another folder
        raise UsageError(words("cli.submit.not_quarter", period=period))
    out = output(lang)
    where, plan = open_for_writing(data, out)
    now = today()
    quarter = parsed(parse_period, period, "--period")
    if not is_quarter(quarter.label):
        raise UsageError(words("cli.submit.not_quarter", period=period))
    who = progress.resolve_unit(plan, unit)
    day = progress.parse_day(plan, date, now)
    if day < quarter.start:
        raise UsageError(words("cli.submit.before", day=day.isoformat(), quarter=quarter,
                               start=quarter.start.isoformat()))
    written = update(where, plan, who.id, quarter.label, now, mark_submitted(day), timeout=lock_timeout(),
                     max_bytes=max_bytes())
    if written.reformatted:
        out.message(t("record.reformatted", out.lang, file=written.file))
    out.message(t("submit.ok", out.lang, unit=who.id, period=quarter.label, date=day.isoformat(), file=written.file))
    return 0
