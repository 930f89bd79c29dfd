"""What a command's run uses: its Output, its data folder and ledger, the cache, shared columns."""

from __future__ import annotations

import os
from datetime import date
from enum import Enum
from typing import Any

from hoinhap_cli.cli.around import after_answer, keep, no_cache
from hoinhap_cli.cli.values import today
from hoinhap_cli.files.paths import DataDir, locate
from hoinhap_cli.ledger import snapshot
from hoinhap_cli.ledger.cache import Cache
from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.model.reportfiles import MAX_BYTES
from hoinhap_cli.render.render import Column, Output
from hoinhap_cli.rules import selection
from hoinhap_cli.rules.progress import parse_status
from hoinhap_cli.words.i18n import MESSAGES, lang_from_env, t
from hoinhap_cli.words.periods import Period
from hoinhap_cli.words.problems import DataError, UsageError, errors, words


class RoleChoice(str, Enum):
    lead = "lead"
    support = "support"
    any = "any"


def output(lang: str | None = None, no_color: bool = False, full: bool = False) -> Output:
    out = Output(lang=lang_from_env(lang), color=False if no_color else None, full=full, show_all="--full")
    keep(out)  # to the end of the run (around.keep)
    return out


def open_data(data: str | None, out: Output) -> DataDir:
    """Find the data folder, and say which plan is used when it is not the local one."""
    where = locate(data, fallback=os.environ.get("HOINHAP_DATA"))
    if where.origin == "bundled":
        out.message(t("plan.bundled", out.lang, file=where.plan_file))
    elif where.origin == "env":
        out.message(t("plan.env", out.lang, file=where.plan_file))
    return where


def cache(out: Output | None = None) -> Cache:
    """The content-hash cache, unless `hoinhap --no-cache` or HOINHAP_NO_CACHE=1 turned it off.
    A cache folder that is not the user's own is said once (on stderr) and not used."""
    said = out or output()
    return Cache.default(no_cache=no_cache(), warn=lambda why: said.message(why.text(said.lang)))


# Exit codes when report files were left out: 3 (nothing late), 4 (late); README "Mã thoát".
DEGRADED = {0: 3, 1: 4}


def load_ledger(data: str | None, out: Output) -> Ledger:
    """The ledger to answer from. Only an unusable plan stops a read: a report file with an
    error is left out, said once on stderr (with its problems), under the answer, and in the
    exit code (DEGRADED)."""
    ledger, problems = snapshot.load(open_data(data, out), today(), cache(out), max_bytes=max_bytes())
    if ledger is None:
        raise DataError(errors(problems))
    keep(ledger)
    left_out = ledger.excluded_files()
    if left_out:
        out.message(t("read.excluded", out.lang, n=len(left_out)))
        out.problems(sorted(errors(ledger.excluded), key=lambda p: (p.file, p.line or 0, p.col or 0)))
        out.excluded = left_out
        note = t("read.excluded_note", out.lang, files=", ".join(left_out))

        def finish(code: int) -> int:
            out.excluded_note(note)
            return DEGRADED.get(code, code)
        after_answer(finish)
    return ledger


def max_bytes() -> int:
    """The size limit for one YAML file: $HOINHAP_MAX_MB MiB, else the library's (10 MiB)."""
    value = os.environ.get("HOINHAP_MAX_MB", "").strip()
    if not value:
        return MAX_BYTES
    try:
        mb = float(value)
    except ValueError:
        mb = 0.0
    if not mb > 0 or mb == float("inf"):
        raise UsageError(words("cli.max_mb", value=repr(value)))
    return int(mb * 2**20)


def column(key: str, words: str | None = None, **options: Any) -> Column:
    """A column whose heading comes from i18n (`col.<words or key>`)."""
    vi, en = MESSAGES[f"col.{words or key}"]
    return Column(key, vi, en, **options)


def task_filter(ledger: Ledger, lang: str, units: list[str] | None = None, role: RoleChoice = RoleChoice.any,
                program: str | None = None, search: str | None = None, due_before: date | None = None,
                due_after: date | None = None, due_in: Period | None = None, include_ongoing: bool = False,
                include_pending: bool = False, no_recurring: bool = False,
                statuses: list[str] | None = None) -> selection.TaskFilter:
    """The listing options turned into one TaskFilter (unit texts resolved, programme checked)."""
    ids = dict.fromkeys(selection.resolve_unit(ledger.units.values(), text).id for text in units or [])
    return selection.TaskFilter(
        units=tuple(ids),
        role=role.value,
        program=selection.check_program(ledger, program) if program is not None else None,
        search=search,
        due=selection.DueRules(window=selection.due_window(due_before, due_after, due_in),
                               recurring=not no_recurring, ongoing=include_ongoing, pending=include_pending),
        statuses=tuple(dict.fromkeys(parse_status(s).value for s in statuses or [])),
    )
