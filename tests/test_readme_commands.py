"""README true again (issue 16): every `hoinhap …` command the README shows — in its code blocks
and its inline code — names a command that exists and passes options it accepts, with values
of the right kind (dates, periods, choices); and the statements about tables and language hold."""

from __future__ import annotations

import re
import shlex

import pytest
from typer._click.exceptions import BadOptionUsage, ClickException, MissingParameter, NoArgsIsHelpError
from typer.exceptions import Exit
from typer.main import get_command

from conftest import ROOT, hoinhap
from hoinhap_cli.cli import app
from hoinhap_cli.words.problems import UsageError

README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCED = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)
INLINE = re.compile(r"`(hoinhap [^`\n]+)`")
IN_BLOCK = re.compile(r"(?:^|[\s/])hoinhap( [^\n]*?)?(?=\s+#|\s*\|\||\s*&&|\s*>|\s*\||\s*$)", re.M)


def commands(inline: bool = False) -> list[str]:
    """The README's code blocks' commands, up to a shell operator or comment (`inline`: its
    inline code's instead, where prose may name a command or an option without a value)."""
    blocks = [m.group(1) for m in INLINE.finditer(FENCED.sub("", README))] if inline else FENCED.findall(README)
    found = ["hoinhap" + (m.group(1) or "") for block in blocks for m in IN_BLOCK.finditer(block)]
    return [c.strip() for c in dict.fromkeys(found) if "<TAB" not in c and "…" not in c]


def parse(line: str) -> None:
    """Parse `line` as the command line would, without running it: raises on an unknown command,
    an unknown option or a value of the wrong kind."""
    group = get_command(app)
    args = shlex.split(line)[1:]
    if args and args[0] in ("--install-completion", "--show-completion"):
        # never run: installing writes to the shell's start-up files
        assert args[0] in [o for p in group.params for o in p.opts], line
        return
    try:
        ctx = group.make_context("hoinhap", args)
        rest = [*getattr(ctx, "_protected_args", []), *ctx.args]
        if not rest:
            return
        name, command, tail = group.resolve_command(ctx, rest)
        assert command is not None, line
        command.make_context(name or "", tail, parent=ctx)
    except (Exit, NoArgsIsHelpError):
        return  # --help, or no command: the list of commands


def test_the_readme_shows_many_commands() -> None:
    found = commands() + commands(inline=True)
    assert len(found) > 40
    assert "hoinhap overdue --as-of 2009-03-31" in found


@pytest.mark.parametrize("line", commands())
def test_readme_command_parses(line: str) -> None:
    try:
        parse(line)
    except (ClickException, UsageError) as e:
        pytest.fail(f"{line}: {e}")


@pytest.mark.parametrize("line", commands(inline=True))
def test_readme_inline_command_parses(line: str) -> None:
    """Inline code may name a command (`hoinhap init`) or an option (`hoinhap overdue --as-of`)
    without its value; the rest must parse."""
    try:
        parse(line)
    except (MissingParameter, BadOptionUsage):
        pass
    except (ClickException, UsageError) as e:
        pytest.fail(f"{line}: {e}")


def test_a_bad_command_does_not_parse() -> None:
    with pytest.raises((ClickException, UsageError)):
        parse("hoinhap overdue --as-of 2009-13-45")
    with pytest.raises(ClickException):
        parse("hoinhap tasks --no-such-option")


def test_the_readme_says_what_tables_and_language_do() -> None:
    """The statements issue 16 found false, as they now read."""
    assert "never cut inside a word" in README and "60 columns" in README
    assert "messages, problems and `--help`" in README


def test_vietnamese_by_default_even_in_errors() -> None:
    """"Vietnamese by default … messages": an error of bad use is Vietnamese unless asked."""
    vi = hoinhap("tasks", "--unit", "khong-co-don-vi-nay")
    en = hoinhap("tasks", "--unit", "khong-co-don-vi-nay", "--lang", "en")
    assert vi.exit_code == en.exit_code == 2
    assert vi.stderr != en.stderr
