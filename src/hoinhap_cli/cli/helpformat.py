"""`--help` in the run's language: click's formatter, each text looked up in the catalogue
(hoinhap_cli.helptext) as it is written. The language comes from the command line's `--lang`,
else $HOINHAP_LANG (default Vietnamese), read before any option is parsed: `--help` is eager."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import typer

from hoinhap_cli import helptext as helptext
from hoinhap_cli.cli.framework import (
    Argument,
    BadParameter,
    ClickUsageError,
    Context,
    HelpFormatter,
    MissingParameter,
    NoSuchOption,
)
from hoinhap_cli.i18n import lang_from_env, t

_META = "hoinhap.lang"  # ctx.meta is shared by a context and its children


def lang_arg(args: Sequence[str]) -> str | None:
    """The value of `--lang` among raw arguments, if any."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def remember_lang(ctx: Context, args: Sequence[str]) -> None:
    """Keep the run's language where every help formatter of this run finds it."""
    ctx.meta[_META] = lang_from_env(lang_arg(args))


class LocalFormatter(HelpFormatter):
    """click's HelpFormatter, worded in `lang`."""

    lang = "vi"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, helptext.usage(args, self.lang),
                            helptext.frame("Usage: ", self.lang) if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(helptext.frame(heading, self.lang))

    def write_text(self, text: str) -> None:
        super().write_text(helptext.text(text, self.lang))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, helptext.option(words, self.lang)) for term, words in rows], col_max, col_spacing)


class LocalContext(Context):
    """A context whose help is worded in the run's language."""

    def make_formatter(self) -> HelpFormatter:
        formatter = LocalFormatter(width=self.terminal_width, max_width=self.max_content_width)
        formatter.lang = self.meta.get(_META) or lang_from_env(None)
        return formatter


def localise(command: Any) -> Any:
    """A built command whose context words its help in the run's language."""
    command.context_class = LocalContext
    return command


# click's own refusals worded in the run's language: by the exception's kind and its fields
# where click says what it refused (an unknown option, a missing value); the rest, which click
# raises as a bare UsageError with its text only, by that text
_CLICK = [
    (re.compile(r"No such command '(?P<name>[^']+)'\.(?: Did you mean (?P<near>.*)\?)?$"), "click.no_command"),
    (re.compile(r"Option '(?P<name>[^']+)' requires an argument\.?$"), "click.needs_value"),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<name>.*)\)$"), "click.extra"),
    (re.compile(r"'(?P<name>[^']*)' is not one of (?P<near>.*?)\.?$"), "click.not_one_of"),
]


def click_message(err: ClickUsageError, lang: str) -> str:
    """One of click's refusals in `lang` (as click words it when nothing here knows it)."""
    if lang == "en":
        return err.format_message()
    if isinstance(err, NoSuchOption):
        near = ", ".join(sorted(err.possibilities or ()))
        return t("click.no_option" if near else "click.no_option.bare", lang, name=err.option_name, near=near)
    if isinstance(err, MissingParameter) and err.param is not None:
        if isinstance(err.param, Argument):
            return t("click.missing_argument", lang, name=err.param.human_readable_name, near="")
        return t("click.missing_option", lang, name=" / ".join(err.param.opts), near="")
    if isinstance(err, BadParameter) and err.param is not None:
        names = [err.param.human_readable_name] if isinstance(err.param, Argument) else err.param.opts
        return t("click.invalid", lang, name=" / ".join(f"'{n}'" for n in names), near=_said(err.message, lang))
    return _said(err.format_message(), lang)


def _said(message: str, lang: str) -> str:
    """A message click made of text alone, in `lang` by its wording (as it is when not known)."""
    for pattern, key in _CLICK:
        found = pattern.match(message.strip())
        if found:
            near = found.group("near") if "near" in pattern.groupindex else None
            bare = not near and key == "click.no_command"
            return t(key + ".bare" if bare else key, lang, name=found.group("name"), near=near or "")
    return message


def usage_error(err: ClickUsageError, lang: str) -> int:
    """click's usage error, worded in `lang`: the usage line, where help is, what was wrong."""
    if err.ctx is not None:
        typer.echo(err.ctx.get_usage(), err=True)
        typer.echo(t("click.try", lang, command=f"{err.ctx.command_path} --help"), err=True)
    typer.echo(t("click.error", lang, message=click_message(err, lang)), err=True)
    return err.exit_code
