"""The typer app: the commands come from the table in cli.commands, each imported when named
(cli.group). Nothing below cli/ imports typer."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable
from typing import Any, TextIO

import typer

from hoinhap_cli.cli import around
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


class _PipeSafe:
    """A standard stream whose reader may go away (`hoinhap overdue | head -1`): the first
    write or flush that meets a closed pipe points the descriptor at /dev/null, and the rest
    of the answer goes there. The command runs to its end and exits with its own code (1 when
    something is late), with no traceback and no "Broken pipe" line; Python's own flush at
    exit then has nothing to complain about either."""

    def __init__(self, stream: TextIO):
        self._stream, self._gone = stream, False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._reader_gone()
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._reader_gone()

    def _reader_gone(self) -> None:
        self._gone = True
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, self._stream.fileno())  # what is still buffered is flushed there, quietly
        os.close(null)

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding, buffer, …
        return getattr(self._stream, name)


def main() -> None:
    """The console script, and the garbage-collector policy of a run (the library sets none).

    A run is short and builds its objects once: Python's cyclic collector, left at its default
    (a pass every 700 new objects), scans the loaded ledger again and again — with it running,
    decoding or validating a large ledger takes several times longer (benchmarks/README.md) — and at
    the end every object is freed one by one. Neither is needed: the loaded ledger holds no
    reference cycles, and the operating system takes the memory back at once. So the collector
    is off for the run, what the command built is kept (around.keep), and the process ends with
    os._exit once its answer is flushed."""
    gc.disable()
    around.KEEP = []
    sys.stdout = _PipeSafe(sys.stdout)  # a stream in all but name
    sys.stderr = _PipeSafe(sys.stderr)
    try:
        app(prog_name="hoinhap")
    except SystemExit as done:
        code = 0 if done.code is None else done.code
        if not isinstance(code, int):
            raise  # a message to print: the normal way out
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a full disk: let the normal exit report it (a closed pipe: _PipeSafe)
            raise done from None
        os._exit(code)  # the answer is written and flushed: no object-by-object teardown
