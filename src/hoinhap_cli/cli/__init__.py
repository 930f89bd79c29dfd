"""The typer app: one module per command, wired here. Nothing below cli/ imports typer."""

from __future__ import annotations

import copy
import os

import typer

from hoinhap_cli.cli.common import HoinhapGroup

app = typer.Typer(
    cls=HoinhapGroup,
    name="hoinhap",
    help="Sổ theo dõi nhiệm vụ — Quyết định 02/2008/QĐ-UBND (hội nhập kinh tế quốc tế, Quận 2).\n\n"
         "A task ledger for District 2's WTO integration plan.",
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


def _register() -> None:
    # Imports stay inside: `hoinhap --help` and completion load only typer.
    from hoinhap_cli.cli import (
        check,
        dashboard,
        diff,
        event,
        export,
        init,
        log,
        programs,
        record,
        review,
        schema,
        show,
        submit,
        tasks,
        timeline,
        units,
    )

    app.command("check")(check.check)
    app.command("export")(export.export)
    app.command("tasks")(tasks.tasks)
    app.command("show")(show.show)
    app.command("units")(units.units)
    app.command("programs")(programs.programs)
    app.command("record")(record.record)
    app.command("event")(event.event)
    app.command("submit")(submit.submit)
    app.command("log")(log.log)
    review.register(app)  # overdue, upcoming, summary
    app.command("timeline")(timeline.timeline)
    app.command("dashboard")(dashboard.dashboard)
    app.command("diff")(diff.diff)
    app.command("schema")(schema.schema)
    app.command("init")(init.init)


_register()


def main() -> None:
    """The console script. A run is short and builds its objects once: Python's cyclic garbage
    collector, left at its default (a pass every 700 new objects), rescans them again and
    again, and at the end each of them is freed one by one. Neither is needed — the loaded
    ledger holds no reference cycles, and the operating system takes the memory back at once.
    10,000 tasks, warm `overdue`: ~0.55 -> ~0.44 s (benchmarks/README.md)."""
    import gc
    import sys

    gc.set_threshold(100_000, 50, 100)
    try:
        _for(sys.argv[1:], os.environ)(prog_name="hoinhap")
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


def _for(args: list[str], environ: dict[str, str] | os._Environ) -> typer.Typer:
    """The app with only the command asked for, when it names one: typer works out every
    registered command's options from its signature before running any (~15 ms for twenty),
    and a run needs one. Anything else — no command, --help, an unknown or misspelt name,
    shell completion — gets the whole app, and its listing and suggestions."""
    name = next((a for a in args if not a.startswith("-")), None)
    if name is None or "_HOINHAP_COMPLETE" in environ:
        return app
    chosen = [c for c in app.registered_commands if c.name == name]
    if not chosen:
        return app
    one = copy.copy(app)  # the same callback and settings
    one.registered_commands = chosen
    return one
