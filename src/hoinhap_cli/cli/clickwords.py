"""click's own refusals (an unknown option, a missing value, a bad one, no such command) worded
in the run's language: by the exception's kind and fields where click says what it refused, by its
text where click raises a bare UsageError; and the usage error as the edge prints it."""

from __future__ import annotations

import re

import typer

from hoinhap_cli.cli.framework import Argument, BadParameter, ClickUsageError, MissingParameter, NoSuchOption
from hoinhap_cli.words.i18n import t

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
