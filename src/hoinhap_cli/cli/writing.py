"""What the commands that write progress (record, event, submit) share.

Imported by those commands when they write, not when they are loaded: the writer (store) loads
pydantic, which completing their arguments on <TAB> must not. So the writer's functions are
offered here too, and a command imports this module alone.
"""

from __future__ import annotations

import os
from datetime import date

from hoinhap_cli.cli.common import max_bytes, open_data
from hoinhap_cli.files import locks
from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.ledger.cache import Cache
from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.ledger.reading import load_plan, load_reports
from hoinhap_cli.ledger.store import (
    DEFAULT_LOCK_TIMEOUT,
    add_submission,
    append_entry,
    append_event,
    mark_submitted,
    refuse_bundled,
    update,
)
from hoinhap_cli.model.model import Plan
from hoinhap_cli.render.render import Output
from hoinhap_cli.words.problems import DataError, UsageError, errors, words

__all__ = ["add_submission", "append_entry", "append_event", "ledger_of", "lock_timeout", "mark_submitted",
           "open_for_writing",
           "update"]


def lock_timeout() -> float:
    """Seconds to wait for another writer: $HOINHAP_LOCK_TIMEOUT, default 30."""
    value = os.environ.get("HOINHAP_LOCK_TIMEOUT")
    if not value:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise UsageError(words("cli.lock_timeout.nan", value=value)) from None
    if seconds != seconds or seconds == float("inf"):  # nan, inf: worded by `locks`
        seconds = locks.lock_timeout("HOINHAP_LOCK_TIMEOUT", value)
    if seconds < 0:
        raise UsageError(words("cli.lock_timeout.negative"))
    return seconds


def open_for_writing(data: str | None, out: Output) -> tuple[DataDir, Plan]:
    """The data folder (never the bundled plan) and its validated plan."""
    where = open_data(data, out)
    refuse_bundled(where)
    plan, problems = load_plan(where, max_bytes=max_bytes())
    if plan is None:
        raise DataError(errors(problems))
    return where, plan


def ledger_of(where: DataDir, plan: Plan, today: date, cache: Cache) -> Ledger:
    """The ledger of the plan already read (not read twice) and the report files that read well
    now: what `record` asks to choose a milestone. A broken file is left out here; the writer
    refuses to touch it, and `check` names it. Each file's validated content may come from the
    entry of its bytes in `cache`, as for a read (the checks against the plan run every time)."""
    reports, _ = load_reports(where, plan, today, cache, max_bytes=max_bytes())
    return Ledger.of(where, plan, reports)
