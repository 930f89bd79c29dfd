"""The one seam to the command-line framework's own classes.

typer carries click inside it, as the private package `typer._click`, and no longer installs
`click`; its public API names no Command, HelpFormatter, ParamType or click exception, which the
CLI extends or catches. They are imported here and only here: a typer release that moves them,
or `click` becoming a dependency again, is a change to this file alone.
"""

from __future__ import annotations

from typer._click.core import Command, Context, Parameter
from typer._click.exceptions import BadOptionUsage, BadParameter, MissingParameter, NoSuchOption
from typer._click.exceptions import UsageError as ClickUsageError
from typer._click.formatting import HelpFormatter
from typer._click.shell_completion import CompletionItem
from typer._click.types import ParamType
from typer._click.utils import make_default_short_help
from typer._types import TyperChoice
from typer.core import TyperArgument as Argument

__all__ = ["Argument", "BadOptionUsage", "BadParameter", "ClickUsageError", "Command", "CompletionItem", "Context",
           "HelpFormatter", "MissingParameter", "NoSuchOption", "ParamType", "Parameter", "TyperChoice",
           "make_default_short_help"]
