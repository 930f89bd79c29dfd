"""What an option's text becomes: dates and periods parsed where click reads them, one format enum."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, TypeVar

import typer

from hoinhap_cli.cli.framework import Context, Parameter, ParamType, TyperChoice
from hoinhap_cli.words import dayrange
from hoinhap_cli.words.periods import DeadlineError, parse_date, parse_period
from hoinhap_cli.words.problems import UsageError, words

T = TypeVar("T")


def parsed(parse: Callable[[str], T], text: str, option: str) -> T:
    """The one option-parsing adapter: a library parser's DeadlineError worded as a usage error
    naming the option, in the user's language (`hoinhap: --as-of: 'x' …`, exit 2)."""
    try:
        return parse(text)
    except DeadlineError as err:
        raise UsageError(words("option.invalid", option=option, error=err.words)) from None


class Parsed(ParamType):
    """An option's text parsed where click reads it, so a command receives a date or a period.

    Named "str" so `--help` shows the metavar a plain text option shows (<str>)."""

    name = "str"

    def __init__(self, parse: Callable[[str], Any], check: Callable[[Any, str], Any] | None = None) -> None:
        self.parse, self.check = parse, check  # check: a parsed value refused by what the tool handles

    def convert(self, value: Any, param: Parameter | None, ctx: Context | None) -> Any:
        if not isinstance(value, str):
            return value  # a default, already a value
        option = param.opts[0] if param is not None and param.opts else ""
        value = parsed(self.parse, value, option)
        return value if self.check is None else self.check(value, option)


DATE = Parsed(parse_date)  # click_type= of every date option: the command receives a datetime.date
AS_OF = Parsed(parse_date, dayrange.day_in_range)  # … of --as-of: a day the calendar code handles
PERIOD = Parsed(parse_period)  # … of a period option (2009, 2009-Q3, 2009-H1, A..B): a periods.Period


def today() -> date:
    """Today, or $HOINHAP_TODAY (YYYY-MM-DD) so scripted checks are reproducible."""
    value = os.environ.get("HOINHAP_TODAY")
    if not value:
        return date.today()
    return dayrange.day_in_range(parsed(parse_date, value, "HOINHAP_TODAY"), "HOINHAP_TODAY")  # 9999-12-31 refused


class Format(str, Enum):
    """Every output format; each command accepts some of them (format_option)."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    text = "text"
    yaml = "yaml"
    docx = "docx"  # summary: the review as an official Word document, to a file only


LISTING = (Format.table, Format.json, Format.csv, Format.md)


def format_option(help: str, *allowed: Format) -> Any:
    """`--format/-f` offering `allowed`, in the order its --help and a bad choice name them."""
    return typer.Option("--format", "-f", click_type=TyperChoice([f.value for f in allowed]), help=help)
