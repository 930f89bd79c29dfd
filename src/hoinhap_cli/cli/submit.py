"""`hoinhap submit`: record that a unit sent a report (its quarter's, or any duty of plan.yaml `reporting:`)."""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.common import DATE, DataOpt, LangOpt, cache, max_bytes, output, parsed, today
from hoinhap_cli.cli.complete import complete_unit
from hoinhap_cli.render.reportview import period_words
from hoinhap_cli.rules import progress, reporting
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.periods import Period, frequency, parse_period, year
from hoinhap_cli.words.problems import UsageError, words


def submit(
    unit: Annotated[str, typer.Argument(metavar="UNIT", autocompletion=complete_unit, help="Unit id, name or alias.")],
    period: Annotated[str, typer.Option("--period", "-p", metavar="2009-Q1|2009-H1|2009",
                                        help="The period reported on: a quarter, a half or a year.")],
    date: Annotated[Optional[Date], typer.Option("--date", click_type=DATE,
                                                 help="Day it was submitted (default: today).")] = None,
    number: Annotated[Optional[str], typer.Option("--number", "-n", metavar="TEXT",
                                                  help="The document's number, e.g. 15/BC-KT.")] = None,
    duty: Annotated[Optional[str], typer.Option("--duty", metavar="ID",
                                                help="The reporting duty (plan.yaml reporting:), if not the "
                                                     "unit's own for this kind of period.")] = None,
    also_year: Annotated[bool, typer.Option("--also-year", help="The same document also answers the yearly "
                                                                "report (a Q4 or second-half report).")] = False,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> int:
    """Record that a unit sent a report for a period (a quarter's sets submitted: DATE in its file).

    A quarter is the unit's quarterly report; a year (or --duty) any other duty of plan.yaml
    `reporting:`, kept under submissions: in the unit's file of that period's last quarter.

    \b
    Example: hoinhap submit phong-kinh-te --period 2009-Q1 --date 2009-04-05 --number 15/BC-KT
    Example: hoinhap submit phong-tu-phap --period 2009-Q4 --also-year --date 2010-01-04
    Example: hoinhap submit phong-kinh-te --period 2009-H1 --duty ktt-bao-cao-6-thang
    """
    # reason: the writer loads pydantic, which completing these arguments on <TAB> must not
    from hoinhap_cli.cli.writing import add_submission, lock_timeout, mark_submitted, open_for_writing, update
    from hoinhap_cli.model.model import Submission  # reason: pydantic, as above

    if not re.fullmatch(r"[0-9A-Za-z-]+", period):  # '/', '..', NUL: nothing that could name another folder
        raise UsageError(words("cli.submit.not_period", period=period))
    out = output(lang)
    where, plan = open_for_writing(data, out)
    now = today()
    when = parsed(parse_period, period, "--period")
    if frequency(when.label) is None:
        raise UsageError(words("cli.submit.not_period", period=period))
    who = progress.resolve_unit(plan, unit)
    reg = reporting.regime_of(plan)
    chosen = reporting.choose_duty(reg, who.id, when, duty) if reg.duties else None
    day = progress.parse_day(plan, date, now)
    header, known = reg.header_duty, cache(out)
    for what, p in _sends(reg, chosen, when, also_year, day):
        if what is None or what is header:  # the file's own quarterly report: submitted: in its header
            if "-Q" not in p.label:
                raise UsageError(words("cli.submit.quarter_only", period=period))
            change, quarter = mark_submitted(day, number), p
        else:
            change, quarter = add_submission(Submission(duty=what.id, period=p, date=day, number=number)), \
                reporting.quarter_file(p, day)
        written = update(where, plan, who.id, quarter.label, now, change, timeout=lock_timeout(),
                         max_bytes=max_bytes(), cache=known)
        if written.reformatted:
            out.message(t("record.reformatted", out.lang, file=written.file))
        own = what is None or what is header
        out.message(t("submit.ok" if own else "submit.ok_duty", out.lang, name=what.name if what else "", unit=who.id,
                      period=p.label if own else period_words(p, out.lang), date=day.isoformat(), file=written.file))
    return 0


def _sends(reg: reporting.Regime, chosen: reporting.Duty | None, when: Period, also_year: bool,
           day: Date) -> list[tuple[reporting.Duty | None, Period]]:
    """What one document answers: its duty and period, and (--also-year) the paired yearly duty.
    Refused: a report dated before its period began (but a plan or a budget may come first)."""
    if day < when.start and (chosen is None or chosen.due == "after"):
        key = "cli.submit.before" if "-Q" in when.label else "cli.submit.before_period"
        raise UsageError(words(key, day=day.isoformat(), period=when, start=when.start.isoformat()))
    sends: list[tuple[reporting.Duty | None, Period]] = [(chosen, when)]
    if also_year:
        yearly = reg.duty(chosen.with_year) if chosen is not None and chosen.with_year else None
        if yearly is None or when.end != year(when.end.year).end:
            raise UsageError(words("submit.no_year", duty=chosen.id if chosen else "-", period=when.label))
        sends.append((yearly, year(when.end.year)))
    return sends
