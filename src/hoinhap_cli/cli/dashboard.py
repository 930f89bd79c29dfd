"""`hoinhap dashboard`: one printable HTML page — overdue list, progress bars, timeline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hoinhap_cli import guard
from hoinhap_cli.cli.common import AsOfOpt, DataOpt, LangOpt, as_of_date, load_ledger, output, today


def write_new(path: Path, text: str, force: bool) -> None:
    """Write the whole file or nothing: a temporary file beside it, then one atomic step.

    Without `force`, an existing file is never replaced (files.write_atomic).
    """
    from hoinhap_cli.files import write_atomic
    from hoinhap_cli.i18n import lang_from_env, t
    from hoinhap_cli.problems import UsageError

    lang = lang_from_env(None)
    if not path.parent.is_dir():
        raise UsageError(t("dash.no_dir", lang, dir=path.parent))
    if path.exists() and not force:
        raise UsageError(t("dash.exists", lang, file=path), [t("dash.exists.hint", lang)])
    try:
        write_atomic(path, text, overwrite=force)
    except FileExistsError:
        raise UsageError(t("dash.exists", lang, file=path), [t("dash.exists.hint", lang)]) from None
    except OSError as err:  # a full disk, a read-only folder: one line
        raise guard.out_failed(path, err) from None


def dashboard(
    out_file: Annotated[str, typer.Option("--out", "-o", metavar="FILE.html", help="The page to write.")],
    as_of: AsOfOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write one self-contained HTML page: late milestones, progress per programme, the timeline.

    No network, no scripts; prints on A4. Refuses to overwrite FILE unless --force.

    \b
    Example: hoinhap dashboard --out bao-cao-quy-II-2009.html --as-of 2009-06-30
    """
    from hoinhap_cli.dashboard import overdue, page
    from hoinhap_cli.i18n import t

    out = output(lang)
    day = as_of_date(as_of)
    ledger = load_ledger(data, out)
    path = guard.out_target(out_file, "--out")  # a link, device or FIFO refused
    if path is None:  # --out -
        out.text(page(ledger, day, today(), out.lang))
        return
    write_new(path, page(ledger, day, today(), out.lang), force)
    out.message(t("dash.written", out.lang, file=path, late=len(overdue(ledger, day))))
