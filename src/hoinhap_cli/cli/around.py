"""What the edge (cli.group) does around a command: before it, options given twice are
refused when they take one value (a repeatable one, `--unit`, `--status`, combines its values;
never silently narrowed to the last, `--program 1 --program 2`); after it, what its answer
still needs (`after_answer`: session.load_ledger's note and exit code 3/4 when report files
were left out); whether the run skips the cache (`no_cache`); and, for the console script, what
is never freed (`keep`)."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar, Token

from typer.core import TyperOption as Option

from hoinhap_cli.cli.framework import Command
from hoinhap_cli.words.problems import UsageError, words

# `hoinhap --no-cache` for one invocation (set and reset by HoinhapGroup.invoke: no leak between runs)
NO_CACHE: ContextVar[bool] = ContextVar("hoinhap_no_cache", default=False)


def no_cache() -> bool:
    return NO_CACHE.get()


def refuse_repeated(command: Command | None, args: list[str]) -> None:
    """UsageError (exit 2) when an option that takes one value is given more than once."""
    if command is None:
        return
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


# Set and reset by cli.group.HoinhapGroup.invoke around each command (nothing leaks from one
# CliRunner call into the next).
_AFTER: ContextVar[list[Callable[[int], int]] | None] = ContextVar("hoinhap_after", default=None)


# What the console script's run built, kept until os._exit ends it (cli.main sets KEEP): freeing a
# ledger of 10,000 tasks object by object, as a command returns, costs ~0.1 s that nobody waits
# for. In-process runs (tests) keep nothing.
KEEP: list[object] | None = None


def keep(value: object) -> None:
    """Never free `value` in this run (when it is the console script's)."""
    if KEEP is not None:
        KEEP.append(value)


def after_answer(finish: Callable[[int], int]) -> None:
    """Run `finish(code)` once the command has answered; its result is the exit code."""
    pending = _AFTER.get()
    if pending is not None:
        pending.append(finish)


def opened() -> Token[list[Callable[[int], int]] | None]:
    return _AFTER.set([])


def closed(code: object, token: Token[list[Callable[[int], int]] | None] | None = None) -> object:
    """The command's exit code after what its answer needed; with `token`, the list is reset."""
    for finish in _AFTER.get() or []:
        code = finish(code if isinstance(code, int) else 0)
    if token is not None:
        _AFTER.reset(token)
    return code
