"""`hoinhap cache info|clear`: where the cache is and how big, or empty it."""

from __future__ import annotations

import os
from enum import Enum
from typing import Annotated

import typer

from hoinhap_cli.cli.common import DataOpt, LangOpt, cache, open_data, output
from hoinhap_cli.files.paths import listed_reports
from hoinhap_cli.words.i18n import t


class Action(str, Enum):
    info = "info"
    clear = "clear"


def cache_command(
    action: Annotated[Action, typer.Argument(help="info: path, entries, size; clear: remove every entry.")],
    data: DataOpt = None,
    lang: LangOpt = None,
) -> int:
    """Show where the cache is and its size beside the data's (info), or empty it (clear).

    The cache holds each data file's validated content under the hash of its bytes, and the
    last checked ledger of each data folder; it is rebuilt by the next command that reads.

    \b
    Example: hoinhap cache info
    """
    out = output(lang)
    found = cache(out)
    where = str(found.root) if found.root is not None else "-"
    if action is Action.clear:
        out.message(t("cache.cleared", out.lang, n=found.clear(), path=where))
        return 0
    usage = found.usage()
    if usage is None:
        out.text(t("cache.none", out.lang, path=where))
        return 0
    folder = open_data(data, out)
    files = [full for _, full in listed_reports(folder)] + [str(folder.plan_file)]
    size = sum(os.stat(full).st_blocks * 512 for full in files)  # on disk, as the cache's size is
    out.text(t("cache.info", out.lang, path=usage.path, entries=usage.entries, size=_mib(usage.size),
               data=folder.display(folder.root), data_size=_mib(size)))
    return 0


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"
