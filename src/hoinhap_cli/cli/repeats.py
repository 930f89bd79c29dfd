"""Options given twice: a repeatable one (`--unit`, `--status`) combines its values; any other
is refused, never silently narrowed to the last value (`--program 1 --program 2`)."""

from __future__ import annotations

from typer._click.core import Command
from typer.core import TyperOption as Option

from hoinhap_cli.problems import UsageError, words


def refuse_repeated(command: Command, args: list[str]) -> None:
    """UsageError (exit 2) when an option that takes one value is given more than once."""
    single: dict[str, str] = {}  # every spelling of a one-value option -> its long name
    for param in command.params:
        if isinstance(param, Option) and not (param.multiple or param.count or param.is_flag):
            for name in (*param.opts, *param.secondary_opts):
                single[name] = max(param.opts, key=len)
    seen: dict[str, str] = {}
    at = 0
    while at < len(args):
        arg = args[at]
        if arg == "--":
            return  # the rest are arguments
        name, _, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        option = single.get(name)
        if option is not None:
            value = inline if inline else (args[at + 1] if at + 1 < len(args) else "")
            if option in seen:
                raise UsageError(words("option.repeated", option=option, first=seen[option], second=value))
            seen[option] = value
            at += 0 if inline else 1  # the value is not an option
        at += 1
