"""The console script's first step: Ctrl-C while the program is still starting.

Importing typer, rich and the command takes a moment; a Ctrl-C during it would print a
Python traceback (exit -2). Until `cli.main` runs, SIGINT prints one line and exits
130, as an interrupted command does; `cli.main` puts Python's handler back (the commands'
own Ctrl-C handling: "interrupted", exit 130, files untouched). Only this module is loaded
before the handler is in place: the standard library's `signal` and `os`.
"""

from __future__ import annotations

import os
import signal
from types import FrameType


def _interrupted(signum: int, frame: FrameType | None) -> None:
    lang = os.environ.get("HOINHAP_LANG", "vi").lower()
    os.write(2, ("interrupted\n" if lang.startswith("en") else "đã dừng\n").encode("utf-8"))
    os._exit(130)


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    from hoinhap_cli.cli import main as run  # reason: after the handler, so Ctrl-C here is one line

    signal.signal(signal.SIGINT, signal.default_int_handler)
    run()
