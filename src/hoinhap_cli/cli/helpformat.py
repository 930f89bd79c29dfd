"""`--help` in the run's language: click's formatter, each text looked up in the catalogue
(hoinhap_cli.words.helptext) as it is written. The language comes from the command line's `--lang`,
else $HOINHAP_LANG (default Vietnamese), read before any option is parsed: `--help` is eager."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hoinhap_cli.cli.framework import Context, HelpFormatter
from hoinhap_cli.words import helptext as helptext
from hoinhap_cli.words.i18n import lang_from_env

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
