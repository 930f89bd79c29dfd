"""The days the tool handles (1900-01-01 to 2999-12-31, what the calendar code handles):
a day outside them, a duration that would end past them, and a date given as a number are
refused in words, before any calendar arithmetic."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hoinhap_cli.words.problems import UsageError, words

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)  # what the calendar code handles (periods)


def day_in_range(day: date, what: str) -> date:
    """`day` when the tool handles it; a UsageError naming `what` (an option, a variable) otherwise."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(words("refused.day_range", what=what, day=day.isoformat()))
    return day


def within(what: str, text: str, day: date, parse: Callable[[str], timedelta]) -> timedelta:
    """A duration that ends by the last day the tool handles, counted without building a huge one."""
    m = re.fullmatch(r"\s*(\d+)\s*([dwmqy])\s*", text, re.IGNORECASE)
    if m is not None:
        days = int(m.group(1)) * {"d": 1, "w": 7, "m": 30, "q": 91, "y": 365}[m.group(2).lower()]
        if days > (LAST_DAY - day).days:
            raise UsageError(words("refused.within", what=what, text=text.strip(), last=LAST_DAY.isoformat()))
    return parse(text)


def ends_by(day: date, span: timedelta, what: str) -> timedelta:
    """`span` (already no longer than the tool's whole calendar, see `within`) when `day + span` is
    a day the tool handles."""
    if day + span > LAST_DAY:
        raise UsageError(words("refused.within", what=what, text=f"{span.days}d", last=LAST_DAY.isoformat()))
    return span


def date_value(value: Any) -> Any:
    """A date field given anything but text: a date as it is, a number refused (YAML reads
    `1235865600` or `20090301` as an integer, which is not a date)."""
    if isinstance(value, date):
        return value
    from pydantic_core import PydanticCustomError  # reason: only a value that is not text gets here

    said = words("refused.date_text", value=str(value))  # worded when shown (validation reads ctx["words"])
    raise PydanticCustomError("date_text", said.text("en"), {"words": said})
