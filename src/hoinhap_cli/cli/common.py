"""What every command shares: options declared once, values parsed at the option, the data loader."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Annotated, Any, Optional, TypeVar

import typer
from typer._click.core import Context, Parameter
from typer._click.types import ParamType
from typer._types import TyperChoice

from hoinhap_cli import selection
from hoinhap_cli.cache import Cache
from hoinhap_cli.cli.complete import complete_program, complete_unit
from hoinhap_cli.cli.group import no_cache
from hoinhap_cli.i18n import MESSAGES, lang_from_env, t
from hoinhap_cli.ledger import Ledger, load
from hoinhap_cli.paths import DataDir, locate
from hoinhap_cli.periods import DeadlineError, Period, parse_date, parse_period
from hoinhap_cli.problems import UsageError
from hoinhap_cli.progress import parse_status
from hoinhap_cli.render import Column, Output
from hoinhap_cli.vocab import Status

T = TypeVar("T")


# ------------------------------------------------------------------ values parsed at the option


def parsed(parse: Callable[[str], T], text: str, option: str) -> T:
    """The one option-parsing adapter: a library parser's DeadlineError worded as a usage error
    naming the option (`hoinhap: --as-of: 'x' is not a date …`, exit 2)."""
    try:
        return parse(text)
    except DeadlineError as err:
        raise UsageError(f"{option}: {err}") from None


class Parsed(ParamType):
    """An option's text parsed where click reads it, so a command receives a date or a period.

    Named "str" so `--help` shows the same metavar (<str>) as a plain option did."""

    name = "str"

    def __init__(self, parse: Callable[[str], Any]) -> None:
        self.parse = parse

    def convert(self, value: Any, param: Parameter | None, ctx: Context | None) -> Any:
        if not isinstance(value, str):
            return value  # a default, already a value
        return parsed(self.parse, value, param.opts[0] if param is not None and param.opts else "")


DATE = Parsed(parse_date)
PERIOD = Parsed(parse_period)


def today() -> date:
    """Today, or $HOINHAP_TODAY (YYYY-MM-DD) so scripted checks are reproducible."""
    value = os.environ.get("HOINHAP_TODAY")
    return parsed(parse_date, value, "HOINHAP_TODAY") if value else date.today()


# ------------------------------------------------------------------ one format enum


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    text = "text"
    yaml = "yaml"


def formats(*allowed: Format) -> TyperChoice[str]:
    """The formats one command accepts, in the order its --help and a bad choice name them."""
    return TyperChoice([f.value for f in allowed])


LISTING = (Format.table, Format.json, Format.csv, Format.md)


def format_option(help: str, *allowed: Format) -> Any:
    return typer.Option("--format", "-f", click_type=formats(*allowed), help=help)


# ------------------------------------------------------------------ options every command shares

DataOpt = Annotated[
    Optional[str],
    typer.Option("--data", "-d", metavar="DIR",
                 help="Data folder holding plan.yaml and reports/ (default: data/ here or above, "
                      "then $HOINHAP_DATA, then the bundled plan)."),
]
LangOpt = Annotated[
    Optional[str],
    typer.Option("--lang", metavar="vi|en", help="Language of the output (default vi, or $HOINHAP_LANG)."),
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colour, even in a terminal.")]
AsOfOpt = Annotated[
    Optional[date],
    typer.Option("--as-of", metavar="DATE", click_type=DATE,
                 help="Judge as of this date, YYYY-MM-DD (default today, or $HOINHAP_TODAY)."),
]


# ------------------------------------------------------------------ listings (every listing shares these)


class RoleChoice(str, Enum):
    lead = "lead"
    support = "support"
    any = "any"


class SortChoice(str, Enum):
    id = "id"
    due = "due"


FormatOpt = Annotated[
    Format,
    format_option("table (for people), json (the objects of docs/json-contract.md), csv (UTF-8, header row) "
                  "or md (GitHub table).", *LISTING),
]
BomOpt = Annotated[bool, typer.Option("--bom", help="CSV: start with a byte-order mark, so Excel reads UTF-8.")]
FullOpt = Annotated[bool, typer.Option("--full", help="Table: every column, long texts not shortened.")]
UnitOpt = Annotated[
    Optional[list[str]],
    typer.Option("--unit", "-u", metavar="TEXT", autocompletion=complete_unit,
                 help="A unit by id, name or alias, diacritics optional ('qldt', 'phong kinh te', "
                      "'Cát Lái'); repeat for any of several. A ward also matches its group's tasks."),
]
RoleOpt = Annotated[RoleChoice, typer.Option("--role", help="With --unit: lead, support or any.")]
ProgramOpt = Annotated[
    Optional[str],
    typer.Option("--program", "-p", metavar="P", autocompletion=complete_program,
                 help="A programme, section or task and its sub-tasks: 3, 3.2, 2.10."),
]
SearchOpt = Annotated[
    Optional[str],
    typer.Option("--search", "-s", metavar="TEXT", help="Words to find, diacritics optional ('cum cong nghiep')."),
]
DueBeforeOpt = Annotated[Optional[date], typer.Option(
    "--due-before", metavar="DATE", click_type=DATE, help="Falls due on or before DATE (YYYY-MM-DD).")]
DueAfterOpt = Annotated[Optional[date], typer.Option(
    "--due-after", metavar="DATE", click_type=DATE, help="Falls due on or after DATE (YYYY-MM-DD).")]
DueInOpt = Annotated[Optional[Period], typer.Option(
    "--due-in", metavar="PERIOD", click_type=PERIOD, help="Falls due within 2009, 2009-Q3, 2009-H1 or DATE..DATE.")]
IncludeOngoingOpt = Annotated[
    bool, typer.Option("--include-ongoing", help="Due filters: ongoing tasks ('Thường xuyên') match every window.")
]
IncludePendingOpt = Annotated[
    bool,
    typer.Option("--include-pending",
                 help="Due filters: event-bound tasks whose event is not yet recorded match every window."),
]
NoRecurringOpt = Annotated[
    bool, typer.Option("--no-recurring", help="Due filters: leave out recurring duties (every quarter/year).")
]
StatusOpt = Annotated[
    Optional[list[str]],
    typer.Option("--status", metavar="STATUS",
                 help="Only tasks whose latest reported status is this: not-started, in-progress, done, "
                      "blocked, dropped (or chưa thực hiện, đang thực hiện, hoàn thành, vướng mắc, hủy bỏ); "
                      "repeat for any of several."),
]
SortOpt = Annotated[SortChoice, typer.Option("--sort", help="id (natural order) or due (next due date first).")]


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
    ids: list[str] = []
    for text in units or []:
        uid = selection.resolve_unit(ledger.units.values(), text, lang).id
        if uid not in ids:
            ids.append(uid)
    window = selection.due_window(due_before, due_after, due_in, lang)
    return selection.TaskFilter(
        units=tuple(ids),
        role=role.value,
        program=selection.check_program(ledger, program, lang) if program is not None else None,
        search=search,
        due=selection.DueRules(window=window, recurring=not no_recurring, ongoing=include_ongoing,
                               pending=include_pending),
        statuses=tuple(dict.fromkeys(parse_status(s).value for s in statuses or [])),
    )


# ------------------------------------------------------------------ output and data


def output(lang: str | None = None, no_color: bool = False, full: bool = False) -> Output:
    return Output(lang=lang_from_env(lang), color=False if no_color else None, full=full)


def status_word(status: Status, lang: str) -> str:
    return t(f"status.{status.value}", lang)


def open_data(data: str | None, out: Output) -> DataDir:
    """Find the data folder, and say which plan is used when it is not the local one."""
    where = locate(data)
    if where.origin == "bundled":
        out.message(t("plan.bundled", out.lang, file=where.plan_file))
    elif where.origin == "env":
        out.message(t("plan.env", out.lang, file=where.plan_file))
    return where


def load_ledger(data: str | None, out: Output) -> Ledger:
    return load(open_data(data, out), today(), cache())


def cache() -> Cache:
    """The content-hash cache, unless `hoinhap --no-cache` or HOINHAP_NO_CACHE=1 turned it off."""
    return Cache.default(no_cache=no_cache())
