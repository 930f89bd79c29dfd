"""What the commands that write progress (record, event, submit) share."""

from __future__ import annotations

import os
from typing import Any

from hoinhap_cli import guard
from hoinhap_cli.cli.common import open_data


def lock_timeout() -> float:
    """Seconds to wait for another writer: $HOINHAP_LOCK_TIMEOUT, default 30."""
    from hoinhap_cli.problems import UsageError
    from hoinhap_cli.store import DEFAULT_LOCK_TIMEOUT

    value = os.environ.get("HOINHAP_LOCK_TIMEOUT")
    if not value:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise UsageError(f"HOINHAP_LOCK_TIMEOUT: '{value}' is not a number of seconds") from None
    if seconds != seconds or seconds == float("inf"):  # nan, inf: worded by guard
        seconds = guard.lock_timeout("HOINHAP_LOCK_TIMEOUT", value)
    if seconds < 0:
        raise UsageError("HOINHAP_LOCK_TIMEOUT must not be negative")
    return seconds


def open_for_writing(data: str | None, out: Any) -> tuple[Any, Any]:
    """The data folder (never the bundled plan) and its validated plan."""
    from hoinhap_cli.ledger import load_plan
    from hoinhap_cli.problems import DataError, errors
    from hoinhap_cli.store import refuse_bundled

    where = open_data(data, out)
    refuse_bundled(where)
    plan, problems = load_plan(where)
    if plan is None:
        raise DataError(errors(problems))
    return where, plan


def status_word(status: Any, lang: str) -> str:
    from hoinhap_cli.i18n import t

    return t(f"status.{status.value}", lang)
