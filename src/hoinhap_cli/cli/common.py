"""What every command shares: options declared once, the data loader, the error edge."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextvars import ContextVar
from datetime import date
from enum import Enum
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from hoinhap_cli.cli.complete import complete_program, complete_unit

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


# ------------------------------------------------------------------ listings (every listing shares these)


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class DetailFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"


class RoleChoice(str, Enum):
    lead = "lead"
    support = "support"
    any = "any"


class SortChoice(str, Enum):
    id = "id"
    due = "due"


FormatOpt = Annotated[
    ListFormat,
    typer.Option("--format", "-f",
                 help="table (for people), json (the objects of docs/json-contract.md), csv (UTF-8, "
                      "header row) or md (GitHub table)."),
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
AsOfOpt = Annotated[
    Optional[str],
    typer.Option("--as-of", metavar="DATE", help="Judge as of this date, YYYY-MM-DD (default today, or $HOINHAP_TODAY)."),
]
SearchOpt = Annotated[
    Optional[str],
    typer.Option("--search", "-s", metavar="TEXT", help="Words to find, diacritics optional ('cum cong nghiep')."),
]
DueBeforeOpt = Annotated[
    Optional[str], typer.Option("--due-before", metavar="DATE", help="Falls due on or before DATE (YYYY-MM-DD).")
]
DueAfterOpt = Annotated[
    Optional[str], typer.Option("--due-after", metavar="DATE", help="Falls due on or after DATE (YYYY-MM-DD).")
]
DueInOpt = Annotated[
    Optional[str],
    typer.Option("--due-in", metavar="PERIOD", help="Falls due within 2009, 2009-Q3, 2009-H1 or DATE..DATE."),
]
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


def column(key: str, words: str | None = None, **options: Any) -> Any:
    """A column whose heading comes from i18n (`col.<words or key>`)."""
    from hoinhap_cli.i18n import MESSAGES
    from hoinhap_cli.render import Column

    vi, en = MESSAGES[f"col.{words or key}"]
    return Column(key, vi, en, **options)


def task_filter(ledger: Any, lang: str, units: list[str] | None = None, role: RoleChoice = RoleChoice.any,
                program: str | None = None, search: str | None = None, due_before: str | None = None,
                due_after: str | None = None, due_in: str | None = None, include_ongoing: bool = False,
                include_pending: bool = False, no_recurring: bool = False,
                statuses: list[str] | None = None) -> Any:
    """The listing options turned into one TaskFilter (unit texts resolved, programme checked)."""
    from hoinhap_cli import selection
    from hoinhap_cli.progress import parse_status

    ids: list[str] = []
    for text in units or []:
        uid = selection.resolve_unit(ledger.units.values(), text, lang).id
        if uid not in ids:
            ids.append(uid)
    window = selection.due_window(due_before, due_after, due_in, lang)
    return selection.TaskFilter(
        units=tuple(ids),
        role=role.value,  # type: ignore[arg-type]
        program=selection.check_program(ledger, program, lang) if program is not None else None,
        search=search,
        due=selection.DueRules(window=window, recurring=not no_recurring, ongoing=include_ongoing,
                               pending=include_pending),
        statuses=tuple(dict.fromkeys(parse_status(s).value for s in statuses or [])),
    )


def today() -> date:
    """Today, or $HOINHAP_TODAY (YYYY-MM-DD) so scripted checks are reproducible."""
    value = os.environ.get("HOINHAP_TODAY")
    if value:
        from hoinhap_cli import guard
        from hoinhap_cli.periods import DeadlineError, parse_date
        from hoinhap_cli.problems import UsageError

        try:
            return guard.day_in_range(parse_date(value), "HOINHAP_TODAY")
        except DeadlineError as err:
            raise UsageError(f"HOINHAP_TODAY: {err}") from None
    return date.today()


def as_of_date(value: str | None, option: str = "--as-of") -> date:
    """A date option's value, or today when it is not given."""
    from hoinhap_cli import guard
    from hoinhap_cli.periods import DeadlineError, parse_date
    from hoinhap_cli.problems import UsageError

    if value is None:
        return today()
    try:
        return guard.day_in_range(parse_date(value), option)
    except DeadlineError as err:
        raise UsageError(f"{option}: {err}") from None


def output(lang: str | None = None, no_color: bool = False, full: bool = False) -> Any:
    from hoinhap_cli.i18n import lang_from_env
    from hoinhap_cli.render import Output

    return Output(lang=lang_from_env(lang), color=False if no_color else None, full=full)


def open_data(data: str | None, out: Any) -> Any:
    """Find the data folder, and say which plan is used when it is not the local one."""
    from hoinhap_cli.i18n import t
    from hoinhap_cli.paths import locate

    where = locate(data)
    if where.origin == "bundled":
        out.message(t("plan.bundled", out.lang, file=where.plan_file))
    elif where.origin == "env":
        out.message(t("plan.env", out.lang, file=where.plan_file))
    return where


def load_ledger(data: str | None, out: Any) -> Any:
    from hoinhap_cli.ledger import load

    return load(open_data(data, out), today(), cache())


# `hoinhap --no-cache` for the length of one invocation (set and reset by HoinhapGroup.invoke,
# so nothing leaks from one CliRunner call into the next).
_NO_CACHE: ContextVar[bool] = ContextVar("hoinhap_no_cache", default=False)


def cache() -> Any:
    """The content-hash cache, unless `hoinhap --no-cache` or HOINHAP_NO_CACHE=1 turned it off."""
    from hoinhap_cli.cache import Cache

    return Cache.default(no_cache=_NO_CACHE.get())


class HoinhapGroup(TyperGroup):
    """Turns the library's errors into one clear message and an exit code, in one place."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order registered, not alphabetical

    def invoke(self, ctx: Any) -> Any:
        from hoinhap_cli import guard
        from hoinhap_cli.i18n import lang_from_env, t
        from hoinhap_cli.problems import DataError, HoinhapError, UsageError

        args = [*getattr(ctx, "_protected_args", []), *ctx.args]
        lang = lang_from_env(_lang_arg(args))  # hints in the language the command was asked for
        token = _NO_CACHE.set(bool(ctx.params.get("no_cache")))
        said = guard.LANG.set(lang)  # issue 19's refusals are worded in it
        try:
            return super().invoke(ctx)
        except DataError as err:
            for problem in err.problems:
                typer.echo(guard.escape_bidi(str(problem)), err=True)
            raise typer.Exit(2) from None
        except UsageError as err:
            typer.echo(f"hoinhap: {guard.escape_bidi(err.message)}", err=True)
            for hint in err.hints:
                typer.echo(t("error.hint", lang, hint=hint), err=True)
            raise typer.Exit(2) from None
        except HoinhapError as err:
            typer.echo(f"hoinhap: {err}", err=True)
            raise typer.Exit(err.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(t("error.interrupted", lang_from_env(None)), err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except Exception as err:  # a bug: say so in one line, traceback only on request
            if type(err).__module__.startswith(("click", "typer")) or os.environ.get("HOINHAP_DEBUG"):
                raise  # the CLI framework's own exits and usage errors
            typer.echo(f"hoinhap: {t('error.internal', lang_from_env(None), error=repr(err))}", err=True)
            raise typer.Exit(2) from None
        finally:
            _NO_CACHE.reset(token)
            guard.LANG.reset(said)


def _lang_arg(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def command(app: typer.Typer, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command whose docstring is its help (first line: the summary)."""
    return app.command(name, no_args_is_help=False)
