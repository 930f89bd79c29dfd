"""The command group: commands imported on demand from the table, and the error edge.

Listing the commands (`hoinhap --help`, shell completion, "did you mean") reads the table in
cli.commands; a run imports only the module of the command it names.
"""

from __future__ import annotations

import importlib
import os
from difflib import get_close_matches
from typing import Any

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info
from typer.models import CommandInfo

from hoinhap_cli.cli import around
from hoinhap_cli.cli.clickwords import usage_error
from hoinhap_cli.cli.commands import COMMANDS
from hoinhap_cli.cli.framework import (
    ClickUsageError,
    Command,
    CompletionItem,
    Context,
    HelpFormatter,
    make_default_short_help,
)
from hoinhap_cli.cli.helpformat import LocalContext, helptext, lang_arg, localise, remember_lang
from hoinhap_cli.words.i18n import lang_from_env, t
from hoinhap_cli.words.problems import LANG, DataError, HoinhapError, UsageError
from hoinhap_cli.words.text import shown


class HoinhapGroup(TyperGroup):
    """Builds a command when it is named, and turns the library's errors into one clear message
    and an exit code, in one place; help is worded in the run's language (cli.helpformat)."""

    context_class = LocalContext

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        remember_lang(ctx, args)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)  # in the table's order, not alphabetical

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, function = COMMANDS[cmd_name][0].split(":")
            info = CommandInfo(cmd_name, callback=getattr(importlib.import_module(module), function))
            self.commands[cmd_name] = localise(get_command_from_info(info, pretty_exceptions_short=True,
                                                                     rich_markup_mode=self.rich_markup_mode))
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        lang = getattr(formatter, "lang", "en")
        with formatter.section("Commands"):  # worded by the formatter, as the summaries are
            formatter.write_dl([(name, make_default_short_help(helptext.text(summary, lang), limit))
                                for name, (_, summary) in COMMANDS.items()])

    def shell_complete(self, ctx: Context, incomplete: str) -> list[CompletionItem]:
        names = [CompletionItem(name, help=make_default_short_help(summary))
                 for name, (_, summary) in COMMANDS.items() if name.startswith(incomplete)]
        return names + super(TyperGroup, self).shell_complete(ctx, incomplete)

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        try:
            return self._click_resolve_command(ctx, args)
        except ClickUsageError as e:  # typer's suggestion, from the table rather than built commands
            matches = get_close_matches(args[0], list(COMMANDS)) if args else []
            if matches:
                e.message = f"{e.message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise

    def invoke(self, ctx: Context) -> Any:
        args = [*getattr(ctx, "_protected_args", []), *ctx.args]
        lang = lang_from_env(lang_arg(args))  # errors in the language the command was asked for
        token = around.NO_CACHE.set(bool(ctx.params.get("no_cache")))
        said = LANG.set(lang)  # the language Problems are worded in as they are found
        after = around.opened()
        try:
            around.refuse_repeated(self.get_command(ctx, args[0]) if args else None, args[1:])
            code = around.closed(super().invoke(ctx))
        except ClickUsageError as err:  # an unknown option or command, a missing value: in the run's language
            raise typer.Exit(usage_error(err, lang)) from None
        except DataError as err:
            for problem in err.problems:
                typer.echo(shown(str(problem)), err=True)
            raise typer.Exit(2) from None
        except UsageError as err:
            typer.echo(f"hoinhap: {shown(err.text(lang))}", err=True)
            for hint in err.hint_texts(lang):
                typer.echo(t("error.hint", lang, hint=hint), err=True)
            raise typer.Exit(2) from None
        except HoinhapError as err:
            typer.echo(f"hoinhap: {err}", err=True)
            raise typer.Exit(err.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(t("error.interrupted", lang_from_env(None)), err=True)
            raise typer.Exit(130) from None
        except Exception as err:  # a bug: say so in one line, traceback only on request
            if type(err).__module__.startswith(("click", "typer")) or os.environ.get("HOINHAP_DEBUG"):
                raise  # the CLI framework's own exits and usage errors
            typer.echo(f"hoinhap: {t('error.internal', lang_from_env(None), error=repr(err))}", err=True)
            raise typer.Exit(2) from None
        finally:
            around.NO_CACHE.reset(token)
            LANG.reset(said)
            around.closed(None, after)
        if isinstance(code, int):  # a command returns its exit code
            raise typer.Exit(code)
        return code

