"""The typer app: the commands come from the table in cli.commands, each imported when named
(cli.group). Nothing below cli/ imports typer."""

from __future__ import annotations

import gc
import os
import sys

import typer

from hoinhap_cli.cli.group import HoinhapGroup

app = typer.Typer(
    cls=HoinhapGroup,
    name="hoinhap",
    help="A task ledger for Decision 02/2008/QĐ-UBND of District 2 (international economic integration).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
)


@app.callback()
def _options(
    no_cache: bool = typer.Option(False, "--no-cache", envvar="HOINHAP_NO_CACHE",
                                  help="Read and validate every file again; do not use or fill the cache."),
) -> None:
    """The options every command shares (read by HoinhapGroup.invoke)."""


def main() -> None:
    """The console script, and the garbage-collector policy of a run (the library sets none).

    A run is short and builds its objects once: Python's cyclic collector, left at its default
    (a pass every 700 new objects), scans the loaded ledger again and again — with it running,
    unpickling or validating a large ledger takes about 3× longer (benchmarks/README.md) — and at
    the end every object is freed one by one. Neither is needed: the loaded ledger holds no
    reference cycles, and the operating system takes the memory back at once. So the collector
    is off for the run, and the process ends with os._exit once its answer is flushed."""
    gc.disable()
    try:
        app(prog_name="hoinhap")
    except SystemExit as done:
        code = 0 if done.code is None else done.code
        if not isinstance(code, int):
            raise  # a message to print: the normal way out
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe, a full disk: let the normal exit report it
            raise done from None
        os._exit(code)  # the answer is written and flushed: no object-by-object teardown
