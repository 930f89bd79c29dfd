"""What every command shares: options declared once, the data loader, the error edge."""

from __future__ import annotations

import os
import sys
from contextvars import ContextVar
from datetime import date
from typing import Annotated, Any, Callable, Optional

import typer
from typer.core import TyperGroup

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


def today() -> date:
    """Today, or $HOINHAP_TODAY (YYYY-MM-DD) so scripted checks are reproducible."""
    value = os.environ.get("HOINHAP_TODAY")
    if value:
        from hoinhap_cli.periods import DeadlineError, parse_date
        from hoinhap_cli.problems import UsageError

        try:
            return parse_date(value)
        except DeadlineError as err:
            raise UsageError(f"HOINHAP_TODAY: {err}") from None
    return date.today()


def output(lang: str | None = None, no_color: bool = False) -> Any:
    from hoinhap_cli.i18n import lang_from_env
    from hoinhap_cli.render import Output

    return Output(lang=lang_from_env(lang), color=False if no_color else None)


def open_data(data: str | None, out: Any) -> Any:
    """Find the data folder, and say which plan is used when it is not the local one."""
    from hoinhap_cli.i18n import t
    from hoinhap_cli.paths import locate

    where = locate(data)
    if where.origin == "bundled":
        out.message(t("plan.bundled", out.lang, file=where.plan_file))
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
        from hoinhap_cli.i18n import lang_from_env, t
        from hoinhap_cli.problems import DataError, HoinhapError, UsageError

        token = _NO_CACHE.set(bool(ctx.params.get("no_cache")))
        try:
            return super().invoke(ctx)
        except DataError as err:
            for problem in err.problems:
                typer.echo(str(problem), err=True)
            raise typer.Exit(2) from None
        except UsageError as err:
            typer.echo(f"hoinhap: {err.message}", err=True)
            for hint in err.hints:
                typer.echo(t("error.hint", lang_from_env(None), hint=hint), err=True)
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


def command(app: typer.Typer, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command whose docstring is its help (first line: the summary)."""
    return app.command(name, no_args_is_help=False)
