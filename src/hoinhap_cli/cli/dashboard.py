"""`hoinhap dashboard`: one printable HTML page — overdue list, progress bars, timeline."""

from __future__ import annotations

from typing import Annotated

import typer

from hoinhap_cli.cli.common import AsOfOpt, DataOpt, LangOpt, load_ledger, output, today
from hoinhap_cli.files import files, plainfiles
from hoinhap_cli.views.dashboard import dashboard as figures
from hoinhap_cli.words.i18n import t


def dashboard(
    out_file: Annotated[str, typer.Option("--out", "-o", metavar="FILE.html", help="The page to write.")],
    as_of: AsOfOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> int:
    """Write one self-contained HTML page: late milestones, progress per programme, the timeline.

    No network, no scripts; prints on A4. Refuses to overwrite FILE unless --force.

    \b
    Example: hoinhap dashboard --out bao-cao-quy-II-2009.html --as-of 2009-06-30
    """
    out = output(lang)
    ledger = load_ledger(data, out)
    path = plainfiles.out_target(out_file, "--out")  # a link, device or FIFO refused
    board = figures(ledger, as_of or today())
    if path is None:  # --out -
        out.text(board.html(today(), out.lang))
        return 0
    files.write_out(path, board.html(today(), out.lang), force)
    out.message(t("dash.written", out.lang, file=path, late=len(board.late)))
    return 0
